"""Reading data files: YAML to plain Python values, remembering the line of every value.

PyYAML does the parsing. On top of it this module adds what contributors need: the line
of each key and list item (so that a message can say where), a refusal of duplicate keys
(PyYAML silently keeps the last), and YAML 1.2-style scalars, so that a country code `NO`
stays a string and a date stays the text that was typed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .problems import Problem

Path_ = tuple  # a path into the document: keys and list indexes


# libyaml's parser (shipped in PyYAML's wheels) is about twenty times faster than the pure
# Python one; both give the same nodes, lines and messages.
_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_Base):
    """SafeLoader whose booleans are only true/false and which has no timestamp type."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag not in {
        "tag:yaml.org,2002:bool", "tag:yaml.org,2002:timestamp"}]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|false)$"), list("tf"))

# A document may use anchors and aliases; this bounds what they can expand to, so that a
# malicious file ("billion laughs") cannot exhaust memory.
MAX_NODES = 500_000


@dataclass
class YamlDocument:
    """The plain value of one file, and the line (1-based) of every path inside it."""

    file: str  # the name messages use: relative to the working directory where possible
    path: Path
    value: object
    lines: dict[Path_, int] = field(default_factory=dict)
    # (path of the mapping, key, line of the repeat, line of the first): reported by the
    # validator, which knows which entry the mapping belongs to
    duplicate_keys: list[tuple[Path_, str, int, int]] = field(default_factory=list)

    def line_of(self, path: Path_) -> int:
        """The line of `path`, or of its nearest ancestor that has one."""
        while path not in self.lines and path:
            path = path[:-1]
        return self.lines.get(path, 1)


class _Builder:
    def __init__(self, loader: _Loader, document: YamlDocument):
        self.loader, self.document = loader, document
        self.nodes = 0

    def build(self, node: yaml.Node, path: Path_) -> object:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise yaml.YAMLError(f"the document expands to more than {MAX_NODES} values")
        self.document.lines.setdefault(path, node.start_mark.line + 1)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, path + (index,)) for index, item in enumerate(node.value)]
        return self.loader.construct_object(node, deep=True)

    def _mapping(self, node: yaml.MappingNode, path: Path_) -> dict:
        self.loader.flatten_mapping(node)  # resolves `<<: *anchor` merge keys
        result: dict = {}
        for key_node, value_node in node.value:
            key = self.loader.construct_object(key_node, deep=True)
            line = key_node.start_mark.line + 1
            if not isinstance(key, str):
                key = str(key)
            if key in result:
                first = self.document.lines[path + (key,)]
                self.document.duplicate_keys.append((path, key, line, first))
                continue
            self.document.lines[path + (key,)] = line
            result[key] = self.build(value_node, path + (key,))
        return result


def _yaml_error_line(error: yaml.YAMLError) -> int:
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    return mark.line + 1 if mark else 1


def _describe_yaml_error(error: yaml.YAMLError) -> str:
    context, problem = getattr(error, "context", None), getattr(error, "problem", None)
    context_mark = getattr(error, "context_mark", None)
    if context and context_mark:
        context += f" (from line {context_mark.line + 1})"
    text = ", ".join(str(part) for part in (context, problem) if part)
    return f"not valid YAML: {text or error}"


def read_yaml(path: Path, display_name: str) -> tuple[YamlDocument | None, list[Problem]]:
    """Parse one file. Returns the document (None if unreadable) and the problems found."""
    problems: list[Problem] = []

    def fail(message: str, line: int = 1):
        problems.append(Problem(display_name, line, "-", "-", message))
        return None, problems

    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return fail(f"the file is not UTF-8 text (byte 0x{raw[error.start]:02x}); "
                    "save it with UTF-8 encoding", line)
    if "\t" in text:
        line = text[: text.index("\t")].count("\n") + 1
        return fail("a tab character is in the file; YAML needs spaces "
                    "(use two spaces per indentation level)", line)

    document = YamlDocument(display_name, path.resolve(), None)
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is not None:
            document.value = _Builder(loader, document).build(node, ())
    except yaml.YAMLError as error:
        return fail(_describe_yaml_error(error), _yaml_error_line(error))
    finally:
        loader.dispose()
    return document, problems
