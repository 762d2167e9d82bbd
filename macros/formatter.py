"""`make format` (`python -m macros format [FOLDER ...]`): data and translation files
rewritten into the house layout that `make validate` checks (style.py, yamllint.yml).

ruamel.yaml, a round-trip YAML library, writes each file again with 2 spaces a level and list
items 2 spaces in from their key, keeping its comments, quotes, key order, anchors, blank
lines and block texts (`>-`, `|`) as they are; then `tidy` applies what ruamel.yaml leaves
to a line of its own (trailing spaces, blank lines, a comment's indentation), never inside a
text. A file is formatted only if what it holds stays exactly the same: the result is read
again and compared, value by value and key by key in order, or the file is left as it is.

Data files are untrusted input, so a file is formatted only after the validator's bounded
reader (yaml_files.read_yaml: size, depth, aliases, tags, control characters) has read it
without a problem; otherwise its problems are reported, in the same words as `make validate`.
Files are found as the build finds them (folders.data_files: no symbolic links, no devices,
nothing outside the folders), and a file is replaced, never written through a link.
"""

from __future__ import annotations

import functools
import io
import json
import os
import re
import tempfile
from pathlib import Path

from .folders import TRANSLATIONS, data_files
from .problems import FORM, NONE, Problem
from .style import style_problems, text_lines
from .yaml_files import (
    MAX_FILE_BYTES,
    YamlDocument,
    entry_and_field,
    noted_problems,
    read_yaml,
    read_yaml_text,
)

# libyaml reads a key written on one line ("key": value) up to 1024 characters from its
# start; ruamel.yaml writes a key longer than 128 characters as an explicit key ('? key'),
# which the interface files' English strings would become. Below 1024, with room for quotes.
MAX_ONE_LINE_KEY = 1000
# No line is ever folded: line length is not part of the house layout (yamllint.yml), and a
# value folded over lines reads differently in a review's diff.
NEVER_FOLDED = 1_000_000
MAX_BLANK_LINES = 2  # between two parts of a file, as yamllint's 'empty-lines' allows
COMMENT_GAP = 2  # spaces between a value and the comment after it, as yamllint's 'comments'


_NULL = [("tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"))]


@functools.cache
def _round_trip():
    from ruamel.yaml import YAML
    from ruamel.yaml.emitter import Emitter
    from ruamel.yaml.resolver import VersionedResolver

    class HouseEmitter(Emitter):
        MAX_SIMPLE_KEY_LENGTH = MAX_ONE_LINE_KEY

        def write_comment(self, comment, pre: bool = False) -> None:
            """A comment after a value keeps its column, at least two spaces after the
            value (ruamel.yaml leaves one where the value moved right, past it)."""
            mark = comment.start_mark
            if not pre and self.column and comment.value.strip() \
                    and not comment.value.startswith("\n") and mark is not None \
                    and mark.column < self.column + COMMENT_GAP:
                mark.column = self.column + COMMENT_GAP
            super().write_comment(comment, pre)

    class TextResolver(VersionedResolver):
        """Every value written without quotes is text, written back exactly as it was
        (`2019`, `1.50`, `True`, `+1`: YAML's numbers and booleans are the validator's to
        read, yaml_files.py), but an empty value or null, which stays empty."""

        @property
        def versioned_resolver(self):
            return {first: list(_NULL) for first in ("~", "n", "N", "")}

    house = YAML(typ="rt", pure=True)
    house.Emitter = HouseEmitter
    house.Resolver = TextResolver
    house.preserve_quotes = True
    house.indent(mapping=2, sequence=4, offset=2)  # list items 2 spaces in from their key
    house.width = NEVER_FOLDED
    return house


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def tidy(text: str) -> str:
    """The line-level rules of the house layout, outside texts that run over lines (whose
    lines, spaces and blank lines are the text itself): no trailing spaces, at most two blank
    lines in a row and none at the start or end, a comment line indented like the line below
    it, one line break at the end."""
    inside = text_lines(text)
    lines: list[tuple[int, str]] = []  # (its number in `text`, the line)
    for number, line in enumerate(text.split("\n"), 1):
        if number not in inside:
            line = line.rstrip()
            blank_before = len(lines) >= MAX_BLANK_LINES and not any(
                text for _, text in lines[-MAX_BLANK_LINES:])
            if not line and (not lines or blank_before):
                continue  # a blank line at the start, or one too many
        lines.append((number, line))
    while lines and not lines[-1][1] and lines[-1][0] not in inside:
        lines.pop()
    # A comment line takes the indentation of the next line that is not a comment.
    following = 0
    for index in range(len(lines) - 1, -1, -1):
        number, line = lines[index]
        if number in inside or not line:
            continue
        if line.lstrip().startswith("#"):
            lines[index] = number, " " * following + line.lstrip()
        else:
            following = _indent(line)
    return "\n".join(line for _, line in lines) + "\n"


def format_text(text: str) -> str:
    """`text`, a data or translation file, in the house layout. It must have been read
    without a problem by `yaml_files.read_yaml` first."""
    house = _round_trip()
    written = io.StringIO()
    # YAML reads CRLF, CR and LF alike, as line breaks; ruamel.yaml keeps a CR in a comment
    house.dump(house.load(text.replace("\r\n", "\n").replace("\r", "\n")), written)
    return tidy(written.getvalue())


def _holds(document: YamlDocument) -> str:
    """What a file holds, as one comparable text: values, key order, and how each number was
    written (`1.50`, which messages quote)."""
    return json.dumps([document.value, sorted(document.written.items(), key=repr)],
                      ensure_ascii=False, default=repr)


def _replace(path: Path, text: str) -> None:
    """Write `text` as the file at `path`, replacing it whole: never through a symbolic link
    (a link put in its place is replaced, not followed), never half written."""
    mode = os.lstat(path).st_mode & 0o7777
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as file:
            file.write(text)
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def format_file(path: Path, name: str, translation: bool = False) -> tuple[bool, list[Problem]]:
    """Format one file in place. Returns whether it changed, and the problems that keep it
    from being formatted, or that formatting leaves to be fixed by hand."""
    document, problems = read_yaml(path, name)
    if document is None or problems:
        return False, problems
    if not isinstance(document.value, dict) or not style_problems(document):
        return False, []  # in the house layout; or not a mapping at all (validate says so)

    def noted() -> list[Problem]:  # what the reader noted (a duplicate key), as validate says it
        if translation:
            return noted_problems(document, name)
        return [Problem(name, line, *entry_and_field(document.value, where), message)
                for where, line, message in document.issues]

    def refuse(message: str) -> tuple[bool, list[Problem]]:
        return False, noted() or [Problem(name, 1, NONE, NONE, message, stage=FORM)]

    try:
        text = format_text(document.text)
    except Exception as error:  # ruamel.yaml's own refusal: a duplicate key, say
        words = re.sub(r"\s+", " ", str(error)).strip()
        return refuse(f"not formatted: ruamel.yaml cannot write this file again ({words}); "
                      "lay it out by hand as `make validate` says")
    again, _ = read_yaml_text(text, name, document.path)
    if len(text.encode("utf-8")) > MAX_FILE_BYTES or again is None \
            or _holds(again) != _holds(document):
        return refuse("not formatted: written in the house layout, this file would not hold "
                      "exactly the same data, so it is left as it is; lay it out by hand as "
                      "`make validate` says (and please report it)")
    changed = text != document.text
    if changed:
        _replace(path, text)
    return changed, style_problems(again)


def format_folders(folders: list[Path]) -> tuple[list[str], int, list[Problem]]:
    """Format every data file in `folders`, and its translation files. Returns the names of
    the files changed, how many were already in the house layout, and the problems."""
    changed, unchanged, problems = [], 0, []
    for folder in folders:
        translations = folder / TRANSLATIONS
        for where, translation in ((folder, False), (translations, True)):
            if translation and not (translations.is_dir() or translations.is_symlink()):
                continue
            files, refused = data_files([where])
            problems += refused
            for path, name in files:
                done, found = format_file(path, name, translation)
                problems += found
                if done:
                    changed.append(name)
                elif not found:
                    unchanged += 1
    return changed, unchanged, problems
