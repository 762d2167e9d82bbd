"""YAML syntax errors in a contributor's words.

libyaml reports a slip in its own terms ("mapping values are not allowed in this context",
"did not find expected '-' indicator"). Each common slip has a recognisable signature: the
parser's problem, its context, and the line it points at. `explain` turns the signature
into the place to look (line and column) and what to do there; anything unrecognised keeps
the parser's own words, so no error is ever hidden.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml


@dataclass(frozen=True)
class Slip:
    line: int  # 1-based
    column: int  # 0-based, for the marker under the line
    message: str


def _mark(mark) -> tuple[int, int]:
    return (mark.line + 1, mark.column) if mark else (1, 0)


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip(" "))


def _innermost_bracket(text: str) -> str:
    """The bracket ('[' or '{') still open at the end of `text`, '[' if none is."""
    opened = []
    for char in text:
        if char in "[{":
            opened.append(char)
        elif char in "]}" and opened:
            opened.pop()
    return opened[-1] if opened else "["


def _content_above(lines: list[str], number: int) -> int:
    """The number of the nearest line above line `number` that is neither blank nor a
    comment, 0 if none."""
    for above in range(number - 1, 0, -1):
        text = lines[above - 1].strip()
        if text and not text.startswith("#"):
            return above
    return 0


def _misplaced_item(lines: list[str], item: int, following: int) -> Slip | None:
    """Line `item` is a list item ('- key: ...') that line `following` cannot follow: if the
    item is the line out of place (under its list's key, items start 2 spaces in, their
    fields 4, and line `following` is where a field belongs), the slip is there, not at the
    line the parser stopped on."""
    text = lines[item - 1] if 0 < item <= len(lines) else ""
    if not text.lstrip(" ").startswith("- "):
        return None
    column = _indent(text)
    key = item
    while True:
        key = _content_above(lines, key)
        if not key:
            return None
        above = lines[key - 1]
        if _indent(above) < column or (_indent(above) == column
                                       and not above.lstrip(" ").startswith("-")):
            break
    name = re.match(r"\s*(?:- )?([\w-]+):(?: *&[\w-]+)? *(?:#.*)?$", lines[key - 1])
    start = _indent(lines[key - 1]) + (2 if lines[key - 1].lstrip(" ").startswith("- ") else 0)
    if not name or column == start + 2 or _indent(lines[following - 1]) != start + 4:
        return None
    return Slip(item, column, f"this list item ('- ') is indented {column} spaces, but the "
                f"items of '{name.group(1)}:' (line {key}) start {start + 2} spaces in, with "
                f"their fields {start + 4} spaces in, as on line {following}: indent its '- ' "
                f"by {start + 2} spaces")


def _indented_first_key(lines: list[str]) -> Slip | None:
    """The file's first key indented: its top-level keys (collection names) then end where
    the next one starts at the beginning of a line, far below."""
    for number, text in enumerate(lines, 1):
        if text.strip() and not text.lstrip().startswith("#"):
            if _indent(text):
                return Slip(number, _indent(text), "this line is indented, but the file's "
                            "top-level keys, such as 'practices:', start at the beginning "
                            "of the line: remove the spaces before it")
            return None
    return None


def explain(error: yaml.YAMLError, lines: list[str]) -> Slip:
    problem = str(getattr(error, "problem", "") or "")
    context = str(getattr(error, "context", "") or "")
    at_line, at_col = _mark(getattr(error, "problem_mark", None))
    from_line, from_col = _mark(getattr(error, "context_mark", None))
    if getattr(error, "context_mark", None) is None:
        from_line, from_col = at_line, at_col

    def text_of(number: int) -> str:
        return lines[number - 1] if 0 < number <= len(lines) else ""

    here = text_of(at_line)
    if "mapping values are not allowed" in problem:
        if ": " in here[:at_col]:
            key = here.split(":", 1)[0].strip()
            return Slip(at_line, at_col, "this value contains ': ', which YAML reads as the "
                        f"start of another key: put the whole value in quotes, e.g. {key}: "
                        "\"...\", or write it after '>-' on the next lines")
        return _misplaced_item(lines, _content_above(lines, at_line), at_line) or \
            Slip(at_line, _indent(here), "this line is indented more than the line above "
                 "it: line its key up with the other fields of the entry")
    if "could not find expected ':'" in problem:
        line = text_of(from_line)
        if re.search(r"^\s*(- )?[\w-]+:\S", line):
            colon = line.index(":")
            return Slip(from_line, colon + 1, "a key needs a space after its colon: write "
                        f"'{line[:colon + 1].strip()} {line[colon + 1:].strip()}'")
        return Slip(from_line, _indent(line), "this line is neither 'key: value' nor a list "
                    "item ('- '): if it continues the text above, indent it like that text "
                    "under a '>-', otherwise add its key")
    if "while scanning a quoted scalar" in context:
        quote = text_of(from_line)[from_col:from_col + 1] or '"'
        if "unknown escape" in problem or "escape" in problem:
            return Slip(at_line, at_col, "a backslash inside double quotes starts an escape: "
                        "use single quotes around this text, or write the backslash twice")
        return Slip(from_line, from_col, f"this quote ({quote}) is never closed: add the "
                    f"closing {quote} at the end of the text")
    if "did not find expected key" in problem:
        if here.lstrip().startswith("- "):
            return Slip(at_line, _indent(here), "this list item ('- ') is not lined up with "
                        "the other items of its list: a new entry's '- ' goes exactly under "
                        "the '- ' of the entry above")
        return Slip(at_line, _indent(here), "this line is not lined up with the fields above "
                    f"it: indent it by {from_col} spaces, like line {from_line}")
    if "did not find expected '-' indicator" in problem:
        misplaced = _misplaced_item(lines, from_line, at_line) \
            if _content_above(lines, at_line) == from_line else None
        if misplaced:
            return misplaced
        return Slip(at_line, _indent(here), f"this line is inside the list that starts on "
                    f"line {from_line}, but it is not an item: an entry starts with '- ' "
                    f"indented {from_col} spaces, and its other fields line up "
                    f"{from_col + 2} spaces in")
    if "flow sequence" in context and "expected ','" in problem:
        return Slip(from_line, from_col, "this list in square brackets is not closed: add ']' "
                    "after its last item, on the same line")
    if "flow mapping" in context and "expected ','" in problem:
        return Slip(from_line, from_col, "this mapping in curly brackets is not closed: add "
                    "'}' after its last field, on the same line")
    if "expected node content" in problem and here[at_col:at_col + 1] == ",":
        if _innermost_bracket(here[:at_col]) == "{":
            return Slip(at_line, at_col, "an empty field in these curly brackets (a comma with "
                        "nothing before it): remove that comma, or write the field before it")
        return Slip(at_line, at_col, "an empty item in this list (a comma with nothing before "
                    "it): remove that comma, or write the item before it")
    if "block sequence entries are not allowed" in problem:
        return Slip(at_line, at_col, "a list item ('- ') cannot follow a key's value on the "
                    "same line: start the list on the next line, indented under the key")
    if "expected <document start>" in problem and _indented_first_key(lines):
        return _indented_first_key(lines)
    words = ", ".join(part for part in (context, problem) if part) or str(error)
    return Slip(at_line, at_col, f"not valid YAML: {words}")
