"""How a mistake in the data is reported: one line a problem, `file:line: entry: field: message`."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int
    entry: str  # the entry's id, or "-" for a problem with the file itself
    field: str  # dotted path inside the entry, or "-"
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.entry}: {self.field}: {self.message}"


class DataError(Exception):
    """The data has problems; nothing may be rendered from it. Carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        count = len(self.problems)
        heading = f"{count} problem{'s' if count != 1 else ''} in the data:"
        super().__init__("\n".join([heading, *map(str, self.problems)]))
