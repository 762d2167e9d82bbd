"""A termbase per language: how the knowledge base's terms are rendered in it, enforced.

`translations/<language>/terms.yml`, beside the language's translation files:

    language: fr
    conventions:            # optional: the language's house rules, for translators
      - Guillemets « » with non-breaking spaces inside, never straight quotes.
    terms:
      - en: multi-agency
        use: [interinstitutionnel, interinstitutionnelle]
        avoid: [multi-agences, multi-agence]
        note: RAN's own French usage.   # optional: why

- A translated text (a field of a data file's translation, or an interface string) that
  contains an `avoid` rendering is a problem like any other: validation and the build fail,
  naming the file, line, entry and field, what was found and what to use instead.
- A field whose English contains an `en` term while its current translation contains none
  of that term's `use` renderings is listed by `validate` for translators, beside the
  missing and stale translations: never a failure, not even with --strict, since it can be
  a false alarm (the English word in another sense, or the term taken up by a pronoun) and
  there is nowhere to say "checked, this one is right".

Every rendering and English term is matched the same way: case-insensitively, after Unicode
normalisation (NFC), with typographic apostrophes read as ' and any run of whitespace
(non-breaking spaces included) as one space; on whole words only, so "Anwerber" is not found
in "Anwerberin" or "Anwerbern". A `*` ending a word stands for the rest of that word:
"Anwerber*" is found in all three. A hyphen or an apostrophe separates words: "agences" is
found in "multi-agences".

The translations in a data folder are checked against the termbase of the project and, for
an add-on's, its own `terms.yml` after it; the project's are never checked against an
add-on's.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Optional

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
)

from .folders import TRANSLATIONS, display_name
from .problems import Problem
from .validate import field_message
from .yaml_files import YamlDocument, field_path, read_yaml

TERMS_FILE = "terms.yml"  # in a language's folder, beside interface.yml

_APOSTROPHES = re.compile("[\u2019\u2018\u02bc\uff07]")  # typographic: read as '


def folded(text: str) -> str:
    """`text` as terms are looked for in it: composed (NFC), apostrophes alike."""
    return _APOSTROPHES.sub("'", unicodedata.normalize("NFC", text))


def _rendering(value: str) -> str:
    if not re.search(r"\w", value):
        raise ValueError(f"'{value}' has no letter or digit to look for")
    if re.search(r"(?<!\w)\*|\*(?=[\w*])", value):
        raise ValueError(f"'{value}': a '*' stands only at the end of a word, for the rest "
                         "of that word (\"Anwerber*\")")
    return value


Rendering = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1,
                                             max_length=200), AfterValidator(_rendering)]
Line = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)]


class Term(BaseModel):
    """One term of a language's termbase."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True,
                              use_attribute_docstrings=True)

    en: Rendering
    """The English term as the English data writes it: "multi-agency", "groomer*"."""
    use: Annotated[list[Rendering], Field(min_length=1)]
    """The renderings to use in this language: at least one."""
    avoid: list[Rendering] = []
    """Renderings no translation may contain: deprecated, or wrong."""
    note: Optional[Line] = None
    """Why, for translators: a source, a house rule."""


class TermsFile(BaseModel):
    """A language's `terms.yml`; its terms are checked one by one (`Term`), so that a
    message names the term."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    language: str
    conventions: list[Line] = []
    terms: list[Any] = []


def pattern_of(rendering: str) -> re.Pattern:
    """A rendering (or English term) as a pattern over `folded` text: its words whole, any
    whitespace between them, a closing `*` as the rest of its word."""
    words = folded(rendering).split()
    parts = [re.escape(word[:-1]) + r"\w*" if word.endswith("*") else re.escape(word)
             for word in words]
    before = r"(?<!\w)" if re.match(r"\w", words[0]) else ""
    after = r"(?!\w)" if re.search(r"[\w*]$", words[-1]) else ""
    return re.compile(before + r"\s+".join(parts) + after, re.IGNORECASE)


def _quoted(renderings) -> str:
    return " or ".join(f'"{rendering}"' for rendering in renderings)


@dataclass(frozen=True)
class CheckedTerm:
    """A term with its patterns, compiled once, and where it is written."""

    term: Term
    file: str
    line: int
    index: int  # in its file's list of terms
    english: re.Pattern = field(init=False, compare=False)
    preferred: tuple[re.Pattern, ...] = field(init=False, compare=False)
    deprecated: tuple[re.Pattern, ...] = field(init=False, compare=False)

    def __post_init__(self):
        object.__setattr__(self, "english", pattern_of(self.term.en))
        object.__setattr__(self, "preferred", tuple(map(pattern_of, self.term.use)))
        object.__setattr__(self, "deprecated", tuple(map(pattern_of, self.term.avoid)))

    @property
    def advice(self) -> str:
        """What to write, and where the termbase says so (with why, if it says)."""
        why = f": {self.term.note}" if self.term.note else ""
        return f"use {_quoted(self.term.use)} ({self.file}:{self.line}{why})"


def _any_of(patterns) -> re.Pattern | None:
    """One pattern finding any of `patterns`: most texts have none, and are passed over
    with one search instead of one a term."""
    patterns = list(patterns)
    return re.compile("|".join(f"(?:{p.pattern})" for p in patterns), re.IGNORECASE) \
        if patterns else None


@dataclass(frozen=True)
class Termbase:
    """The terms a language's translations in one data folder are checked against: the
    project's, then an add-on's own."""

    language: str
    terms: tuple[CheckedTerm, ...] = ()
    conventions: tuple[str, ...] = ()

    def then(self, other: Termbase) -> Termbase:
        return Termbase(self.language, self.terms + other.terms,
                        self.conventions + other.conventions)

    @functools.cached_property
    def _any_deprecated(self) -> re.Pattern | None:
        return _any_of(p for term in self.terms for p in term.deprecated)

    @functools.cached_property
    def _any_english(self) -> re.Pattern | None:
        return _any_of(term.english for term in self.terms)

    def deprecated_in(self, text: str) -> list[tuple[str, CheckedTerm]]:
        """Each avoided rendering in `text`: (the words found, as written, its term)."""
        text = folded(text)
        if self._any_deprecated is None or not self._any_deprecated.search(text):
            return []
        found = [(match, term) for term in self.terms for pattern in term.deprecated
                 for match in pattern.finditer(text)]
        # One mistake, one message: "agences" inside "multi-agences" is that word's, whose
        # advice is the one that fits ("multi-organismes" would be refused in its turn).
        return [(match.group(0), term) for match, term in found
                if not any(other.start() <= match.start() and match.end() <= other.end()
                           and other.span() != match.span() for other, _ in found)]

    def unrendered(self, english: str, translation: str) -> list[CheckedTerm]:
        """The terms in `english` whose translation uses none of their renderings."""
        english = folded(english)
        if self._any_english is None or not self._any_english.search(english):
            return []
        translation = folded(translation)
        return [term for term in self.terms if term.english.search(english)
                and not any(pattern.search(translation) for pattern in term.preferred)]

    def deprecated_problems(self, text: str | list[str]) -> list[tuple[tuple, str]]:
        """The avoided renderings in a translated text, or in each of its points, as (the
        point's index, or nothing, message)."""
        if isinstance(text, list):
            return [((index,), message) for index, point in enumerate(text)
                    for _, message in self.deprecated_problems(point)]
        return [((), deprecated_message(found, term, self.language))
                for found, term in self.deprecated_in(text)]


def deprecated_message(found: str, term: CheckedTerm, language: str) -> str:
    return f'"{" ".join(found.split())}" is deprecated in {language}: {term.advice}'


def unrendered_message(term: CheckedTerm) -> str:
    return (f'"{term.term.en}" in the English, and none of its renderings in this '
            f"translation: {term.advice}")


# --- Reading and checking terms.yml ------------------------------------------------------


def _where(value, path: tuple) -> tuple[str, str]:
    """How a message names the place at `path` in a terms file: the term (its `en`, or
    'terms[3]' if it has none) and the field inside it; a header field by its name."""
    if len(path) >= 2 and path[0] == "terms" and isinstance(path[1], int):
        terms = value.get("terms") if isinstance(value, dict) else None
        raw = terms[path[1]] if isinstance(terms, list) and path[1] < len(terms) else None
        en = raw.get("en") if isinstance(raw, dict) else None
        label = en if isinstance(en, str) and en.strip() else f"terms[{path[1]}]"
        return label, field_path(path[2:])
    return "-", field_path(path)


def _key(rendering: str) -> str:
    """Two renderings alike but for case, spacing or apostrophes are one."""
    return " ".join(folded(rendering).casefold().split())


class _Reader:
    """Reads one terms.yml into checked terms, collecting its problems."""

    def __init__(self, document: YamlDocument, language: str, earlier: Termbase):
        self.document, self.language, self.earlier = document, language, earlier
        self.problems: list[Problem] = []
        self.terms: list[CheckedTerm] = []

    def refuse(self, path: tuple, message: str) -> None:
        self.problems.append(Problem(self.document.file, self.document.line_of(path),
                                     *_where(self.document.value, path), message))

    def pydantic_problems(self, error: ValidationError, model, path: tuple) -> None:
        for detail in error.errors():
            loc = tuple(detail["loc"])
            if detail["type"] == "too_short" and loc == ("use",):
                message = "list at least one rendering to use: use: [rendering]"
            else:
                message = field_message(detail, model)
            self.refuse(path + loc, message)

    def read(self) -> Termbase:
        value = self.document.value
        if not isinstance(value, dict):
            self.refuse((), f"a terms file holds 'language: {self.language}', 'conventions:' "
                            "(optional) and 'terms:', a list of terms each with 'en:', 'use:' "
                            "and, optionally, 'avoid:' and 'note:'")
            return Termbase(self.language)
        conventions = ()
        try:
            conventions = tuple(TermsFile.model_validate(value).conventions)
        except ValidationError as error:  # reported; its terms are still read, if listed
            self.pydantic_problems(error, TermsFile, ())
        if isinstance(value.get("language"), str) and value["language"] != self.language:
            self.refuse(("language",), f"this file is in the folder of '{self.language}' but "
                                       f"says language: {value['language']}")
        terms = value.get("terms")
        for index, raw in enumerate(terms if isinstance(terms, list) else []):
            self.read_term(index, raw)
        self.check_duplicates()
        self.check_conflicts()
        return Termbase(self.language, tuple(self.terms), conventions)

    def read_term(self, index: int, raw) -> None:
        path = ("terms", index)
        if not isinstance(raw, dict):
            self.refuse(path, "expected a term: 'en:', 'use:' and, optionally, 'avoid:' and "
                              "'note:', indented under '- '")
            return
        try:
            term = Term.model_validate(raw)
        except ValidationError as error:
            self.pydantic_problems(error, Term, path)
            return
        self.terms.append(CheckedTerm(term, self.document.file, self.document.line_of(path),
                                      index))

    def check_duplicates(self) -> None:
        """One entry a term, and each rendering once in it."""
        first: dict[str, CheckedTerm] = {}
        for term in self.terms:
            other = first.setdefault(_key(term.term.en), term)
            if other is not term:
                self.refuse(("terms", term.index, "en"), f"'{term.term.en}' is already a term of "
                            f"this file, at line {other.line}: give each term one entry, "
                            "with all its renderings")
            for name in ("use", "avoid"):
                seen: set[str] = set()
                for index, rendering in enumerate(getattr(term.term, name)):
                    if _key(rendering) in seen:
                        self.refuse(("terms", term.index, name, index),
                                    f"'{rendering}' is listed twice in {name}; list it once")
                    seen.add(_key(rendering))

    def check_conflicts(self) -> None:
        """No avoided rendering may be found in a rendering to use, of this file or, for an
        add-on's, of the project's: every translation following the termbase would fail.
        Each conflict is named where this file writes it."""
        terms = (*self.earlier.terms, *self.terms)
        # By identity: comparing terms field by field made this the build's slowest step.
        own = {id(term) for term in self.terms}
        renderings = [[folded(rendering) for rendering in term.term.use] for term in terms]
        for avoiding in terms:
            for index, pattern in enumerate(avoiding.deprecated):
                for using, uses in zip(terms, renderings, strict=True):
                    if id(avoiding) not in own and id(using) not in own:
                        continue  # two of the project's terms, checked with its own file
                    for place, rendering in enumerate(uses):
                        if pattern.search(rendering):
                            self.conflict(avoiding, index, using, place)

    def conflict(self, avoiding: CheckedTerm, index: int, using: CheckedTerm,
                 place: int) -> None:
        avoided, rendering = avoiding.term.avoid[index], using.term.use[place]
        if avoiding is using and _key(avoided) == _key(rendering):
            return self.refuse(("terms", avoiding.index, "avoid", index),
                               f"'{avoided}' is both in use and in avoid: a rendering is "
                               "either to use or to avoid; remove it from one")
        if any(term is avoiding for term in self.terms):
            whose = "this term" if avoiding is using else \
                f"the term '{using.term.en}' ({using.file}:{using.line})"
            return self.refuse(("terms", avoiding.index, "avoid", index),
                               f"'{avoided}' would refuse '{rendering}', which {whose} says "
                               "to use: make one of them more exact")
        self.refuse(("terms", using.index, "use", place),
                    f"'{rendering}' would be refused: the term '{avoiding.term.en}' "
                    f"({avoiding.file}:{avoiding.line}) says to avoid '{avoided}'")


def _noted(document: YamlDocument) -> list[Problem]:
    """What the YAML reader noted (a duplicate key), named as the termbase names places."""
    return [Problem(document.file, line, *_where(document.value, path), message)
            for path, line, message in document.issues]


def read_termbase(path: Path, language: str,
                  earlier: Termbase) -> tuple[Termbase, list[Problem]]:
    """One terms.yml, for `language`, after the termbase `earlier` (the project's, for an
    add-on's): its terms, and its problems (then its terms are not to be trusted)."""
    document, problems = read_yaml(path, display_name(path))
    if document is None:
        return Termbase(language), problems
    problems += _noted(document)
    reader = _Reader(document, language, earlier)
    termbase = reader.read()
    return termbase, problems + reader.problems


def load_termbases(folders: list[Path], language: str) -> tuple[list[Termbase], list[Problem]]:
    """Per folder of `folders`, the termbase its translations into `language` are checked
    against: its own terms.yml after those of the folders before it (an add-on's after the
    project's); and the problems of these files."""
    chain, problems, current = [], [], Termbase(language)
    for folder in folders:
        path = folder / TRANSLATIONS / language / TERMS_FILE
        # A link is not followed: the check of the language's folder refuses it.
        if path.is_file() and not path.is_symlink():
            own, found = read_termbase(path, language, current)
            problems += found
            current = current.then(own)
        chain.append(current)
    return chain, problems
