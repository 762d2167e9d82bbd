"""How a mistake in the data is reported: one line a problem, `file:line: entry: field: message`,
the entry and the field left out where there are none (`file:line: message` for the file
itself)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

MAX_PART = 200  # characters of one part of a message; a 50 MB value is not echoed whole


def printable(text: str, limit: int = MAX_PART) -> str:
    """`text` as one safe line: control, invisible and line-break characters are written as
    escapes (`\\n`, `\\x1b`, `\\u202e`), so that a key or id cannot fake further problem
    lines, terminal colours or CI annotations; long text is cut with its length noted."""
    text = str(text)
    shown = text[:limit]
    safe = "".join(char if char.isprintable() else repr(char)[1:-1] for char in shown)
    return safe + (f"… ({len(text)} characters in all)" if len(text) > limit else "")


def excerpt_of(text: str, line: int) -> str:
    """Line `line` (1-based) of `text`, to show under a message."""
    lines = text.splitlines()
    return lines[line - 1] if 0 < line <= len(lines) else ""


NONE = "-"  # a problem's entry or field where it has none: left out of the message
# Where a problem stands in a report: first what keeps a file from being read as it is written
# (its syntax, its layout, a file refused), then what its content says, so that one slip comes
# first and is never buried under what it causes elsewhere.
FORM, CONTENT = 0, 1


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int
    entry: str  # the entry's id, or NONE for a problem with the file itself
    field: str  # dotted path inside the entry, or NONE
    message: str
    excerpt: str = ""  # the line itself, shown with a marker under `column` (syntax slips)
    column: int = 0
    stage: int = dataclasses.field(default=CONTENT, compare=False)  # FORM or CONTENT
    # a note on the problems before it in its file (such as the references not checked
    # because of them), shown after them
    follows: bool = dataclasses.field(default=False, compare=False)

    def sort_key(self) -> tuple:
        return (self.stage, self.file, self.line, self.follows, self)

    def __str__(self) -> str:
        # No placeholder for what is not known: `file:line: entry: message` for an entry as a
        # whole, `file:line: field: message` for a setting or a collection, and
        # `file:line: message` for the file itself.
        where = [printable(part) for part in (self.entry, self.field) if part != NONE]
        text = ": ".join([f"{printable(self.file, 300)}:{self.line}", *where,
                          printable(self.message, 600)])
        if not self.excerpt:
            return text
        # Indented under a gutter, so the file's own text can never pass for a message line.
        shown = printable(self.excerpt, 160)
        column = len(printable(self.excerpt[:self.column], 160))
        gutter = " " * len(str(self.line))
        return (f"{text}\n    {self.line} | {shown}\n    {gutter} | {' ' * column}^")


class DataError(Exception):
    """The data has problems; nothing may be rendered from it. Carries every problem found."""

    def __init__(self, problems: list[Problem]):
        # each once: two checks may meet the same file (a termbase, read for the data's
        # translations and for the interface strings alike)
        self.problems = sorted(dict.fromkeys(problems), key=Problem.sort_key)
        count = len(self.problems)
        heading = f"{count} problem{'s' if count != 1 else ''} in the data:"
        super().__init__("\n".join([heading, *map(str, self.problems)]))
