"""The words the page scripts write (`docs/assets/javascripts/`), which the site translates like
its own strings: each script looks its English up in a JSON block its page carries
(`script_strings_block`, written by the `script_strings` template function)."""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path

from .i18n import ENGLISH
from .model import Lesson, Practice, SourceDocument
from .validate import MESSAGES

SCRIPTS = Path(__file__).resolve().parent.parent / "docs" / "assets" / "javascripts"

# What the proposal form's script shows of the data its page gives it (`embedded_data`),
# besides its own words: offered for translation with them.
WORDS_FOR_THE_SCRIPT = {"propose": (*MESSAGES.values(), Practice.kind, Lesson.kind,
                                    SourceDocument.kind)}


@functools.cache  # the scripts are read once a build, not once a page
def script_words(script: str) -> tuple[str, ...]:
    """The English that the page script `script` (e.g. "tables") writes: the literals it
    hands to its `text()` (both of a `cond ? "a" : "b"`), and what it shows of the data the
    page gives it (the proposal form's messages)."""
    source = (SCRIPTS / f"{script}.js").read_text(encoding="utf-8")
    return (*_text_literals(source), *WORDS_FOR_THE_SCRIPT.get(script, ()))


def _text_literals(source: str) -> list[str]:
    """The string literals in the first argument of every `text(...)` call in `source`."""
    found = []
    for call in re.finditer(r"\btext\(", source):
        depth, index = 1, call.end()
        while depth and index < len(source):
            char = source[index]
            if char == '"':
                end = index + 1
                while source[end] != '"':
                    end += 2 if source[end] == "\\" else 1
                if depth == 1:
                    found.append(json.loads(source[index:end + 1]))
                index = end
            elif char in "([{":
                depth += 1
            elif char in ")]}":
                depth -= 1
            elif char == "," and depth == 1:
                break
            index += 1
    return found


def script_strings_block(scripts: tuple[str, ...], language: str,
                         interface: dict[str, str]) -> dict[str, str] | None:
    """What the page gives its scripts (`scripts`) in `language`: English -> translation,
    the English where there is none; None for English pages, which need none."""
    if language == ENGLISH:
        return None
    return {word: interface.get(word, word) for script in scripts
            for word in script_words(script)}
