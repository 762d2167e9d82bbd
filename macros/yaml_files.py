"""Reading data files: YAML to plain Python values, remembering the line of every value.

PyYAML's libyaml parser turns the text into a stream of events; this module builds the
values from that stream itself, without recursion, and refuses what a data file has no use
for and an attacker could abuse:

- files larger than `MAX_FILE_BYTES`, and nesting deeper than `MAX_DEPTH` (a deeply nested
  file would otherwise exhaust the stack or take minutes);
- aliases that expand to more than `MAX_VALUES` values ("billion laughs": a few bytes
  that expand to gigabytes), aliases as keys, and merge keys (`<<`), which hide fields from
  the entry that uses them; an alias (`*name`) reuses its anchor's value without copying
  it, and a problem inside it is reported at the alias, in the entry that uses it;
- explicit tags (`!!python/object`), several documents in one file, keys that are not text;
- invisible and control characters anywhere (zero-width spaces, right-to-left overrides,
  terminal escapes), which publish text that reads differently from what was reviewed.

It also records the line of each key and list item (so that a message can say where),
refuses duplicate keys (PyYAML silently keeps the last), and reads scalars the YAML 1.2
way: only `true`/`false` are booleans, only plain decimals are numbers, so a country code
`NO` stays text, `012` or `1:30` are not silently turned into 10 or 90, and a date stays
the text that was typed.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .problems import FORM, Problem, excerpt_of
from .yaml_slips import explain

Path_ = tuple  # a path into the document: keys and list indexes

MAX_FILE_BYTES = 10 * 1024 * 1024  # the largest data file today is about 60 KB
MAX_DEPTH = 10  # an entry's deepest value (a source's page) sits 5 levels down
MAX_VALUES = 1_000_000  # values in a file once aliases are expanded (today: about 5,000)

# libyaml's parser (shipped in PyYAML's wheels) is about twenty times faster than the pure
# Python one; both give the same events, lines and messages.
_Parser = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL = {"true": True, "false": False}
_INT = re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$")
_FLOAT = re.compile(r"^[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+|[0-9]+(?=[eE]))(?:[eE][-+]?[0-9]+)?$")

# Characters that render as nothing, or change how the text around them is shown.
_INVISIBLE_CATEGORIES = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}
_BLANK_LETTERS = {"\u115f", "\u1160", "\u3164", "\uffa0", "\u2800"}  # look like nothing
# What YAML allows nowhere in a file, not even in quotes (YAML 1.2, 5.1 Character Set);
# libyaml refuses these too, but names the position in bytes, not the line and column.
_NOT_YAML = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd"
                       "\U00010000-\U0010ffff]")
_BREAK = re.compile("\r\n|[\n\r\x85\u2028\u2029]")  # what YAML counts as a line's end
MAX_CONTROL_REPORTED = 10  # of a file full of them (a binary file), the first ten


def field_path(loc: tuple) -> str:
    """('sources', 0, 'page') -> 'sources[0].page'."""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "-"


def entry_and_field(value: object, path: Path_) -> tuple[str, str]:
    """How a message names the place at `path` in a data file's `value`, which maps
    collections to lists of entries: the entry's id (or its position, such as
    'practices[2]', if it has none) and the field inside it."""
    if len(path) < 2:
        return "-", str(path[0]) if path else "-"
    entries = value.get(path[0]) if isinstance(value, dict) else None
    raw = entries[path[1]] if isinstance(entries, list) and isinstance(path[1], int) \
        and path[1] < len(entries) else None
    entry_id = raw.get("id") if isinstance(raw, dict) else None
    label = entry_id if isinstance(entry_id, str) and entry_id else f"{path[0]}[{path[1]}]"
    return label, field_path(path[2:])


def invisible_character(text: str, allow_newline: bool) -> tuple[int, str] | None:
    """The first invisible or control character in `text`: (position, its name)."""
    for position, char in enumerate(text):
        if char == "\n" and allow_newline:
            continue
        if unicodedata.category(char) in _INVISIBLE_CATEGORIES or char in _BLANK_LETTERS:
            return position, f"U+{ord(char):04X} {unicodedata.name(char, 'a control character')}"
    return None


@dataclass
class YamlDocument:
    """The plain value of one file, and the line (1-based) of every path inside it."""

    file: str  # the name messages use: relative to the working directory where possible
    path: Path
    value: object
    lines: dict[Path_, int] = field(default_factory=dict)
    # (path, line, message): problems with one key or value, which the validator reports
    # with the entry and field they belong to
    issues: list[tuple[Path_, int, str]] = field(default_factory=list)
    # how a value YAML read as a number or true/false was written (`2019`, `1.50`), so that
    # a message can say what to write in quotes where the field wants text
    written: dict[Path_, str] = field(default_factory=dict)

    text: str = ""  # the file as read, for the layout check

    def path_at(self, line: int) -> Path_:
        """The deepest path whose value starts on or before `line`: what that line is in."""
        best: Path_ = ()
        for path, start in self.lines.items():
            if start <= line and (start, len(path)) > (self.lines.get(best, 0), len(best)):
                best = path
        return best

    def line_of(self, path: Path_) -> int:
        """The line of `path`, or of its nearest ancestor that has one."""
        while path not in self.lines and path:
            path = path[:-1]
        return self.lines.get(path, 1)


class _Refused(Exception):
    """The file cannot be read safely; nothing of it is used."""

    def __init__(self, message: str, line: int):
        super().__init__(message)
        self.message, self.line = message, line


_SKIPPED = object()  # the key of a value that is not kept (after a duplicate key)


@dataclass
class _Open:
    """A mapping or list being built, with the key waiting for its value (mappings)."""

    container: dict | list
    path: Path_
    key: object = None
    has_key: bool = False
    anchor: str | None = None  # its name, if it is anchored ('&name')
    start: int = 0  # the document's value count when it opened, to size an anchored value


class _Builder:
    """Builds one document's value from the parser's events, iteratively."""

    def __init__(self, parser, document: YamlDocument):
        self.parser, self.document = parser, document
        self.stack: list[_Open] = []
        self.root = _Open([], ())  # holds the document's value, once it has one
        self.anchors: dict[str, tuple[object, int]] = {}  # name -> (value, its size)
        self.values = 0  # how many values the document holds, aliases expanded

    def _count(self, size: int, line: int) -> None:
        self.values += size
        if self.values > MAX_VALUES:
            raise _Refused(f"the document expands to more than {MAX_VALUES:,} values through "
                           "its aliases ('*name'); write the values out instead", line)

    def build(self) -> object:
        self.parser.get_event()  # stream start
        event = self.parser.get_event()
        if isinstance(event, yaml.StreamEndEvent):
            return None
        self.stack = [self.root]
        while True:
            event = self.parser.get_event()
            if isinstance(event, yaml.DocumentEndEvent):
                break
            self._handle(event)
        following = self.parser.get_event()
        if isinstance(following, yaml.DocumentStartEvent):
            raise _Refused("a second YAML document starts here ('---'); a data file holds "
                           "one document: remove the line, or move what follows it into a "
                           "file of its own", following.start_mark.line + 1)
        return self.value()

    def value(self) -> object:
        """The document's value: whole once `build` returns, partial if it was refused."""
        return self.root.container[0] if self.root.container else None

    def where(self) -> Path_:
        """The path of what is being read: the value under the pending key or the next list
        item, or the mapping itself while its next key is awaited."""
        top = self.stack[-1] if self.stack else self.root
        if isinstance(top.container, list):
            return top.path + (len(top.container),) if top is not self.root else ()
        return top.path + (top.key,) if top.has_key and top.key is not _SKIPPED else top.path

    def _handle(self, event) -> None:
        line = event.start_mark.line + 1
        if isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            closed = self.stack.pop()
            if closed.anchor:
                self.anchors[closed.anchor] = (closed.container, self.values - closed.start)
            return
        if getattr(event, "tag", None) not in (None, "!"):
            raise _Refused(f"the YAML tag '{event.tag}' is not used in data files: remove it "
                           "(quote the value if it should stay text)", line)
        parent = self.stack[-1]
        if isinstance(parent.container, dict) and not parent.has_key:
            return self._key(parent, event, line)
        self._value(parent, event, line)

    def _key(self, parent: _Open, event, line: int) -> None:
        if not isinstance(event, yaml.ScalarEvent) or event.anchor:
            raise _Refused("a key must be a plain word such as 'name:', not a list, a "
                           "mapping or an alias", line)
        key = event.value
        if key == "<<" and event.implicit[0]:
            raise _Refused("merge keys ('<<:') are not used in data files: write each field "
                           "out in the entry it belongs to", line)
        parent.has_key = True
        path = parent.path + (key,)
        if key in parent.container:
            first = self.document.lines[path]
            self.document.issues.append((path, line, f"duplicate key '{key}' (first given on "
                                               f"line {first}); each key may appear once"))
            parent.key = _SKIPPED
            return
        parent.key = key
        self.document.lines[path] = line
        found = invisible_character(key, allow_newline=False)
        if found:
            self.document.issues.append((path, line, f"the key contains an invisible or "
                                         f"control character ({found[1]}); retype the key"))

    def _value(self, parent: _Open, event, line: int) -> None:
        if isinstance(parent.container, dict):
            key, parent.has_key = parent.key, False
            path = parent.path + (key,)
        else:
            key = len(parent.container)
            path = parent.path + (key,) if len(self.stack) > 1 else ()  # () is the document
            self.document.lines.setdefault(path, line)
        if isinstance(event, yaml.AliasEvent):
            if event.anchor not in self.anchors:
                raise _Refused(f"the alias '*{event.anchor}' has no finished '&{event.anchor}' "
                               "before it", line)
            value, size = self.anchors[event.anchor]
            self._count(size, line)
        elif isinstance(event, yaml.ScalarEvent):
            self._count(1, line)
            value = self._scalar(event, path, line)
            if event.anchor:
                self.anchors[event.anchor] = (value, 1)
        else:
            if len(self.stack) > MAX_DEPTH:
                raise _Refused(f"the data is nested more than {MAX_DEPTH} levels deep here; "
                               "an entry needs at most 5: check the indentation", line)
            self._count(1, line)
            value = {} if isinstance(event, yaml.MappingStartEvent) else []
            self.stack.append(_Open(value, path, anchor=event.anchor, start=self.values - 1))
        if key is _SKIPPED:
            return
        if isinstance(parent.container, dict):
            parent.container[key] = value
        else:
            parent.container.append(value)

    def _scalar(self, event, path: Path_, line: int) -> object:
        text = event.value
        if event.implicit[0]:  # plain (unquoted), so it may be a null, boolean or number
            if _NULL.match(text):
                return None
            if text in _BOOL or _INT.match(text) or _FLOAT.match(text):
                self.document.written[path] = text
            if text in _BOOL:
                return _BOOL[text]
            if _INT.match(text):
                return int(text)
            if _FLOAT.match(text):
                return float(text)
        found = invisible_character(text, allow_newline=True)
        if found:
            self.document.issues.append((path, line, f"contains an invisible or control "
                                         f"character ({found[1]}) at position {found[0] + 1}; "
                                         "delete it or retype the text"))
        return text


def _entry_near(lines: list[str], line: int) -> tuple[str, str]:
    """For a file that could not be parsed: the id of the entry that line `line` (1-based)
    seems to belong to, and the key written on that line, read from the text itself."""
    key = re.match(r"\s*(?:- )?([\w-]+):", lines[line - 1]) if 0 < line <= len(lines) else None
    for text in reversed(lines[:line]):
        found = re.match(r"\s*- id: *['\"]?([\w-]+)", text)
        if found:
            return found.group(1), key.group(1) if key else "-"
    return "-", key.group(1) if key else "-"


def _control_character(text: str, position: int, display_name: str) -> Problem:
    """The control character at `position`, which YAML refuses: reported on its own line and
    column, that line shown with it marked."""
    lines = _BREAK.split(text)  # not str.splitlines, which ends a line at some controls
    line = len(_BREAK.findall(text, 0, position)) + 1
    column = len(_BREAK.split(text[:position])[-1])
    code = f"U+{ord(text[position]):04X}"
    return Problem(display_name, line, *_entry_near(lines, line),
                   f"a control character ({code}) is at column {column + 1}, marked below; "
                   "YAML allows none in a file, even in quotes: delete it, or retype the text "
                   "around it", lines[line - 1], column, stage=FORM)


def _tab(text: str, display_name: str) -> Problem:
    """The first tab of the file, on its own line and column, that line shown with it marked
    (a file indented with tabs has one on every line: the others are counted)."""
    lines = _BREAK.split(text)
    line = len(_BREAK.findall(text, 0, text.index("\t"))) + 1
    column = lines[line - 1].index("\t")
    others = sum("\t" in other for other in lines[line:])
    more = f" (and on {others} more line{'s' if others != 1 else ''})" if others else ""
    return Problem(display_name, line, *_entry_near(lines, line),
                   f"a tab character is at column {column + 1}, marked below{more}; YAML "
                   "needs spaces: indent by two spaces a level, and type spaces in text",
                   lines[line - 1], column, stage=FORM)


# `id: x`, `- id: x` or `{id: x, ...}`: how a data file writes an entry's id
_ID_WRITTEN = re.compile(r"""(?:^[ \t]*(?:-[ \t]+)?|[{,][ \t]*)id:[ \t]*["']?([^\s"'#,{}\[\]]+)""",
                         re.MULTILINE)


def ids_written_in(text: str) -> set[str]:
    """The ids a data file seems to define, read from its text alone: for a file that could
    not be read, or whose entries could not be, so that references to them elsewhere are
    known for what they are (not checked), not reported as unknown ids."""
    return set(_ID_WRITTEN.findall(text))


def ids_in_file(path: Path) -> set[str]:
    """`ids_written_in` the file's first `MAX_FILE_BYTES`, whatever its encoding."""
    with path.open("rb") as handle:
        return ids_written_in(handle.read(MAX_FILE_BYTES).decode("utf-8", errors="replace"))


def _read_bounded(path: Path) -> bytes | None:
    """The file's bytes, or None if it is larger than `MAX_FILE_BYTES`."""
    with path.open("rb") as handle:
        raw = handle.read(MAX_FILE_BYTES + 1)
    return None if len(raw) > MAX_FILE_BYTES else raw


def noted_problems(document: YamlDocument, display_name: str) -> list[Problem]:
    """What the reader noted in a translation or interface file (`section: {key: ...}`), such
    as a duplicate key, each named by the key under the section and the keys below it."""
    return [Problem(display_name, line, str(path[1]) if len(path) > 1 else "-",
                    ".".join(map(str, path[2:])) or "-", message)
            for path, line, message in document.issues]


def read_yaml(path: Path, display_name: str) -> tuple[YamlDocument | None, list[Problem]]:
    """Parse one file. Returns the document (None if unreadable) and the problems found.
    `path` must be a regular file (the caller, `data_folders.data_files`, makes sure)."""
    problems: list[Problem] = []

    def fail(message: str, line: int = 1):
        problems.append(Problem(display_name, line, "-", "-", message, stage=FORM))
        return None, problems

    raw = _read_bounded(path)
    if raw is None:
        return fail(f"the file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB; split "
                    "its entries over several files")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return fail(f"the file is not UTF-8 text (byte 0x{raw[error.start]:02x}); "
                    "save it with UTF-8 encoding", line)
    return read_yaml_text(text, display_name, path.resolve())


def read_yaml_text(text: str, display_name: str, path: Path) -> tuple[YamlDocument | None,
                                                                      list[Problem]]:
    """`read_yaml` of a file's text, once read: whatever `read_yaml` checks but its size and
    encoding (the formatter reads what it wrote this way)."""
    problems: list[Problem] = []
    if "\t" in text:
        problems.append(_tab(text, display_name))
        return None, problems

    controls = itertools.islice(_NOT_YAML.finditer(text), MAX_CONTROL_REPORTED)
    problems += [_control_character(text, found.start(), display_name) for found in controls]
    if problems:
        return None, problems

    document = YamlDocument(display_name, path, None, text=text)
    parser = _Parser(text)
    builder = _Builder(parser, document)
    try:
        document.value = builder.build()
    except _Refused as refused:
        entry, place = entry_and_field(builder.value(), builder.where())
        problems.append(Problem(display_name, refused.line, entry, place, refused.message,
                                stage=FORM))
        return None, problems
    except yaml.YAMLError as error:
        lines = text.splitlines()
        slip = explain(error, lines)
        problems.append(Problem(display_name, slip.line, *_entry_near(lines, slip.line),
                                slip.message, excerpt_of(text, slip.line), slip.column,
                                stage=FORM))
        return None, problems
    finally:
        parser.dispose()
    return document, problems
