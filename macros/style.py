"""The layout of data files (indentation, spacing), checked with yamllint.

Files that parse can still be laid out in ways that make review hard (a list indented
differently from the rest of the file, trailing spaces). yamllint finds these; its rules are
in `yamllint.yml`. Each finding becomes a `Problem` naming the entry and field at its line,
with the line shown and what to do, so `make validate` and CI report the same thing; where
`make format` (formatter.py) sets it right, the message ends by saying so.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

import yaml

from .problems import FORM, Problem, excerpt_of
from .yaml_files import YamlDocument, entry_and_field

CONFIG = Path(__file__).with_name("yamllint.yml")

# What to do, by rule, after yamllint's own description of what is wrong.
ADVICE = {
    "indentation": "indent by 2 spaces a level, with list items ('- ') 2 spaces in from "
                   "their key, as in the rest of the file",
    "trailing-spaces": "delete the spaces at the end of the line",
    "new-line-at-end-of-file": "end the file with a line break",
    "empty-lines": "delete the extra blank lines",
    "colons": "write one space after a colon and none before it",
    "commas": "write one space after a comma and none before it",
    "hyphens": "write one space after the '-' of a list item",
    "comments": "start a comment with '# ', two spaces after any text on its line",
    "comments-indentation": "indent the comment like the line below it",
    "brackets": "write no spaces just inside square brackets: [a, b]",
    "braces": "write no spaces just inside curly brackets: {a: 1}",
}

# What `make format` (formatter.py) sets right, said at the end of each such problem; not
# spaces or blank lines inside a text running over lines (after '>-' or '|'): they are the
# text's own, which the formatter never changes.
RUN_FORMAT = "; run `make format`"
FIXED_BY_FORMAT = {"indentation", "trailing-spaces", "new-line-at-end-of-file", "empty-lines",
                   "colons", "commas", "hyphens", "brackets", "braces", "comments-indentation",
                   "new-lines"}
TEXT_OWN = {"trailing-spaces", "empty-lines"}
# A list item that is itself a list ('- - a'): never in a data file, and ruamel.yaml writes it
# with three spaces after the first '-'
NESTED_LIST = re.compile(r"^\s*-\s+-(\s|$)")

TRAILING_COMMA = ("an empty item at the end of this list (a comma with nothing after it): "
                  "remove the comma and the space before ']'")


@functools.cache
def _config():
    from yamllint.config import YamlLintConfig
    return YamlLintConfig(file=str(CONFIG))


# Line endings other than LF: said once for the file, not once a line (yamllint's 'new-lines'
# names only the first line, in its own terms, and misses a file whose first line is LF).
LINE_ENDINGS = {
    "\r\n": "the file has Windows line endings (CRLF)",
    "\r": "the file has old Mac line endings (CR)",
}
SAVE_WITH_LF = "set the editor to save with LF line endings (most have the setting in their " \
               "status bar)"


def _as_lf(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _line_endings(document: YamlDocument) -> Problem | None:
    text = document.text
    first = text.find("\r")
    if first < 0:
        return None
    kind = LINE_ENDINGS["\r\n" if "\r\n" in text else "\r"]
    line = _as_lf(text[:first]).count("\n") + 1  # the line the first of them ends
    run = RUN_FORMAT if isinstance(document.value, dict) else ""
    return Problem(document.file, line, "-", "-", f"{kind}; {SAVE_WITH_LF}{run}", stage=FORM)


_BLOCK_HEADER = re.compile(r"[|>][-+0-9]*")


def text_lines(text: str) -> set[int]:
    """The lines (1-based) inside a text that runs over lines: after the first line of a
    block text ('>-', '|') or of a quoted or plain text written over several lines. Their
    spaces and blank lines belong to the text (a block text's blank lines at its end too,
    where it keeps them: '|+'), so no layout rule may change them."""
    inside: set[int] = set()
    lines = text.split("\n")
    try:
        for event in yaml.parse(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
            if not isinstance(event, yaml.ScalarEvent):
                continue
            start, end = event.start_mark, event.end_mark
            last = end.line if end.column else end.line - 1  # 0-based, as the marks count
            if event.style in ("|", ">"):
                header = _BLOCK_HEADER.match(text, start.index)
                if not (header and "+" in header.group()):
                    while last > start.line and not lines[last].strip():
                        last -= 1
            inside.update(range(start.line + 2, last + 2))
    except yaml.YAMLError:
        return set()
    return inside


def _field_names(document: YamlDocument) -> set[str]:
    from .model import COLLECTIONS, SourceRef
    names = {*COLLECTIONS, *SourceRef.model_fields}
    for model in COLLECTIONS.values():
        names.update(model.model_fields)
    return names | {part for path in document.lines for part in path[-1:] if isinstance(part, str)}


_FIELD_LINE = re.compile(r"^ *([A-Za-z_][\w-]*):(?: |$)")


def fields_in_texts(document: YamlDocument) -> list[Problem]:
    """A field indented into the block text above it ('>-', '|'), which YAML reads as the
    last line of that text: the field is then missing, or silently gone where it is optional
    (a page number). Said at its own line, before anything it causes."""
    text, problems, names = _as_lf(document.text), [], None
    lines, key = text.split("\n"), None
    try:
        events = list(yaml.parse(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)))
    except yaml.YAMLError:
        return []
    for event in events:
        if not isinstance(event, yaml.ScalarEvent):
            continue
        start, end = event.start_mark, event.end_mark
        if event.style not in ("|", ">") or key is None or key.end_mark.line != start.line:
            key = event
            continue
        names = names if names is not None else _field_names(document)
        last = end.line if end.column else end.line - 1  # 0-based, as the marks count
        for number in range(start.line + 1, min(last + 1, len(lines))):
            found = _FIELD_LINE.match(lines[number])
            if found and found.group(1) in names:
                entry, field = entry_and_field(document.value, document.path_at(start.line + 1))
                problems.append(Problem(
                    document.file, number + 1, entry, field,
                    f"this line reads as the field '{found.group(1)}:', but it is indented like "
                    f"the text of '{key.value}:' (line {start.line + 1}), so YAML reads it as "
                    f"the end of that text: indent it by {key.start_mark.column} spaces, like "
                    f"'{key.value}:'", lines[number], _indent(lines[number]), stage=FORM))
                break
        key = event
    return problems


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _fixed_by_format(document: YamlDocument, rule: str, in_text: bool, line: str) -> bool:
    """Whether `make format` sets this right: what it formats is a mapping (a data or
    translation file), and it keeps texts as they are."""
    return isinstance(document.value, dict) and rule in FIXED_BY_FORMAT \
        and not (rule in TEXT_OWN and in_text) \
        and not (rule == "hyphens" and NESTED_LIST.match(line))


def style_problems(document: YamlDocument) -> list[Problem]:
    from yamllint import linter
    endings = _line_endings(document)
    problems = [endings] if endings else []
    problems += fields_in_texts(document)
    # The other rules see LF line endings, so that they report the file's layout only.
    text = _as_lf(document.text)
    inside: set[int] | None = None
    for found in linter.run(text, _config(), str(document.path)):
        if found.level != "error":
            continue
        if inside is None:
            inside = text_lines(text)
        entry, field = entry_and_field(document.value, document.path_at(found.line))
        excerpt, column = excerpt_of(document.text, found.line), max(found.column - 1, 0)
        advice = ADVICE.get(found.rule, f"see yamllint's rule '{found.rule}'")
        message = f"{found.desc}: {advice}"
        if found.rule == "brackets" and excerpt[:column].rstrip().endswith(","):
            message = TRAILING_COMMA  # '[a, ]': YAML reads [a], yamllint sees a space
            column = len(excerpt[:column].rstrip()) - 1  # the comma
        if _fixed_by_format(document, found.rule, found.line in inside, excerpt):
            message += RUN_FORMAT
        problems.append(Problem(document.file, found.line, entry, field, message, excerpt,
                                column, stage=FORM))
    return problems
