"""The layout of data files (indentation, spacing), checked with yamllint.

Files that parse can still be laid out in ways that make review hard (a list indented
differently from the rest of the file, trailing spaces). yamllint finds these; its rules are
in `yamllint.yml`. Each finding becomes a `Problem` naming the entry and field at its line,
with the line shown and what to do, so `make validate` and CI report the same thing.
"""

from __future__ import annotations

import functools
from pathlib import Path

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
SAVE_WITH_LF = "save it with LF line endings (most editors have the setting in their status bar)"


def _as_lf(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _line_endings(document: YamlDocument) -> Problem | None:
    text = document.text
    first = text.find("\r")
    if first < 0:
        return None
    kind = LINE_ENDINGS["\r\n" if "\r\n" in text else "\r"]
    line = _as_lf(text[:first]).count("\n") + 1  # the line the first of them ends
    return Problem(document.file, line, "-", "-", f"{kind}; {SAVE_WITH_LF}", stage=FORM)


def style_problems(document: YamlDocument) -> list[Problem]:
    from yamllint import linter
    endings = _line_endings(document)
    problems = [endings] if endings else []
    # The other rules see LF line endings, so that they report the file's layout only.
    for found in linter.run(_as_lf(document.text), _config(), str(document.path)):
        if found.level != "error":
            continue
        entry, field = entry_and_field(document.value, document.path_at(found.line))
        excerpt, column = excerpt_of(document.text, found.line), max(found.column - 1, 0)
        advice = ADVICE.get(found.rule, f"see yamllint's rule '{found.rule}'")
        message = f"{found.desc}: {advice}"
        if found.rule == "brackets" and excerpt[:column].rstrip().endswith(","):
            message = TRAILING_COMMA  # '[a, ]': YAML reads [a], yamllint sees a space
            column = len(excerpt[:column].rstrip()) - 1  # the comma
        problems.append(Problem(document.file, found.line, entry, field, message, excerpt,
                                column, stage=FORM))
    return problems
