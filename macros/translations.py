"""Translations of the knowledge base: per language, per entry and field, the translated text
and a fingerprint of the English text it was made from.

English is the source text. A translation is current while the fingerprint of the English
it was made from equals that of the English now; otherwise it is stale and never shown as
if current. Translation files live in `translations/<language>/` inside a data folder, and
mirror the English files they translate (`data/translations/fr/glossary.yml` translates
`data/glossary.yml`):

    language: fr
    translations:
      term-pfa:
        definition:
          # EN: The English text, for the translator (written by `scaffold`).
          from: "3f2a9c1e04ab"
          text: >-
            La traduction.

`make translation LANGUAGE=fr` (`python -m macros translate fr`) writes these files with
every field still to translate (empty `text`), and keeps what is already translated. A
translation made from an earlier English is emptied, to be redone from the English now,
with the earlier translation kept beside it (`# EARLIER:`) to work from.
"""

from __future__ import annotations

import functools
import hashlib
import textwrap
from dataclasses import dataclass, field
from pathlib import Path

from .folders import data_files, display_name
from .knowledge_base import KnowledgeBase
from .problems import DataError, Problem
from .termbase import TERMS_FILE, Termbase, load_termbases, unrendered_message
from .yaml_files import noted_problems, read_yaml

FOLDER = "translations"  # inside a data folder
INTERFACE_FILE = "interface.yml"  # in a language's folder: the site's own strings

# What readers read, translated in full: collection -> fields.
TRANSLATED: dict[str, tuple[str, ...]] = {
    "sources": ("summary",),
    "working_groups": ("description",),
    "audiences": ("name", "tagline", "description", "introduction"),
    "themes": ("title", "summary"),
    "meetings": ("summary",),
    "practices": ("summary",),
    "lessons": ("text",),
    "questions": ("text",),
    "challenges": ("title", "text"),
    "solutions": ("title", "text"),
    "guidelines": ("group", "text", "points"),
    "care_points": ("title", "text", "points"),
    "glossary": ("definition",),
    "notes": ("text",),
    "contacts": ("description", "hours"),
}
# Names stay exact (titles of documents and meetings, expansions of abbreviations, the full
# names of working groups); a translated gloss of their meaning is shown beside them.
GLOSSED: dict[str, tuple[str, ...]] = {
    "sources": ("title",),
    "meetings": ("title",),
    "glossary": ("expansion",),
    "working_groups": ("full_name",),
}


def translatable(collection: str) -> tuple[str, ...]:
    return TRANSLATED.get(collection, ()) + GLOSSED.get(collection, ())


def english_text(value) -> str:
    """One string for a field's English value (a list of points is one point a line)."""
    return "\n".join(value) if isinstance(value, list) else " ".join(str(value).split())


def fingerprint(value) -> str:
    """Twelve hex digits of SHA-256 of the English text, whitespace folded."""
    return hashlib.sha256(english_text(value).encode("utf-8")).hexdigest()[:12]


# --- Writing the files a translator fills in ------------------------------------------


def _block(text: str, indent: str) -> str:
    lines = textwrap.wrap(text, 92 - len(indent), break_long_words=False,
                          break_on_hyphens=False) or [""]
    return "\n".join(indent + line for line in lines)


def _value(text, indent: str) -> str:
    """A translated text as YAML after its key: '' while empty, else a folded block."""
    return " ''" if not text else " >-\n" + _block(text, indent)


def _comment(label: str, text: str) -> list[str]:
    return [f"      # {label}: {line}" for line in textwrap.wrap(
        text.replace("\n", " / "), 84, break_long_words=False, break_on_hyphens=False)]


def _field_lines(field: str, value, current: dict | None) -> list[str]:
    """One field to translate: its English as comments, the fingerprint of that English, and
    the translation. A translation made from an earlier English (stale) is emptied, to be
    redone from the English shown, and kept as comments to work from."""
    lines = [f"    {field}:", *_comment("EN", english_text(value))]
    if current and current.get("text") and current.get("from") != fingerprint(value):
        earlier = current["text"]
        lines += _comment("EARLIER", " / ".join(earlier) if isinstance(earlier, list)
                          else str(earlier))
        current = None
    # Quoted: a fingerprint such as 5e2603613769 would otherwise read as a number.
    lines.append(f"      from: \"{fingerprint(value)}\"")
    text = (current or {}).get("text")
    if isinstance(value, list):
        items = text if isinstance(text, list) else [""] * len(value)
        lines.append("      text:")
        lines += [f"        -{_value(item, '          ')}" for item in items]
    else:
        lines.append(f"      text:{_value(text, '        ')}")
    return lines


def scaffold_file(language: str, entries: list, existing: dict) -> str:
    """The translation file for `entries` (located entries of one English data file)."""
    out = [f"# The editors' translation ({language}) of the English texts of the data file with "
           "the same name;", "# names and figures stay exact. Fill in each `text`; keep "
           "`from` as it is.", f"language: {language}", "translations:"]
    for item in entries:
        names = [name for name in translatable(item.collection)
                 if getattr(item.entry, name, None) not in (None, "", [])]
        if not names:
            continue
        out.append(f"  {item.entry.id}:")
        for name in names:
            out += _field_lines(name, getattr(item.entry, name),
                                existing.get(item.entry.id, {}).get(name))
    return "\n".join(out) + "\n"


def scaffold(kb: KnowledgeBase, data_folder: Path, language: str) -> list[Path]:
    """Write or update `translations/<language>/` for every English file in `data_folder`,
    keeping every translation already made. Returns the files written."""
    import yaml

    by_file: dict[Path, list] = {}
    for item in kb.all():
        if data_folder.resolve() in item.path.parents:
            by_file.setdefault(item.path, []).append(item)
    written = []
    for path, entries in sorted(by_file.items()):
        target = data_folder / FOLDER / language / path.relative_to(data_folder.resolve())
        existing = {}
        if target.is_file():
            existing = (yaml.safe_load(target.read_text(encoding="utf-8")) or {}).get(
                "translations") or {}
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(scaffold_file(language, sorted(entries, key=lambda i: i.line),
                                        existing), encoding="utf-8")
        written.append(target)
    return written


# --- Reading and checking translations -------------------------------------------------

CURRENT, STALE, MISSING = "current", "stale", "missing"
UNRENDERED = "term"  # current, but without the termbase's rendering of a term its English has


@dataclass(frozen=True)
class Translated:
    text: str | list[str]
    source: str  # the fingerprint of the English it was made from
    file: str
    line: int
    # the terms its folder's translations follow, for what `report` lists
    termbase: Termbase | None = field(default=None, compare=False, repr=False)


@dataclass
class Translations:
    """Every translation of every language, by (language, entry id, field)."""

    languages: list[str] = field(default_factory=list)
    texts: dict[tuple[str, str, str], Translated] = field(default_factory=dict)

    def lookup(self, kb: KnowledgeBase, language: str, entry_id: str, name: str):
        """(the text to show, its status): the translation while current; else the
        English, with the status saying why."""
        english = getattr(kb.get(entry_id), name)
        found = self.texts.get((language, entry_id, name))
        if found is None or not found.text:
            return english, MISSING
        if found.source != fingerprint(english):
            return english, STALE
        return found.text, CURRENT

    def report(self, kb: KnowledgeBase) -> dict[str, dict[str, list[str]]]:
        """Per language, what is missing and what is stale, as `file: entry: field`; and
        which current translations lack the termbase's rendering of a term in their English
        (UNRENDERED), as `file:line: entry: field: message`."""
        report = {language: {MISSING: [], STALE: [], UNRENDERED: []}
                  for language in self.languages}
        for item in kb.all():
            for name in translatable(item.collection):
                english = getattr(item.entry, name, None)
                if english in (None, "", []):
                    continue
                for language in self.languages:
                    text, status = self.lookup(kb, language, item.entry.id, name)
                    found = self.texts.get((language, item.entry.id, name))
                    where = f"{found.file}:{found.line}" if found else item.file
                    if status != CURRENT:
                        report[language][status].append(f"{where}: {item.entry.id}: {name}")
                        continue
                    terms = found.termbase.unrendered(english_text(english), english_text(
                        text)) if found.termbase else []
                    report[language][UNRENDERED] += [
                        f"{where}: {item.entry.id}: {name}: {unrendered_message(term)}"
                        for term in terms]
        return report


def _english_files(kb: KnowledgeBase, folders: list[Path]) -> dict[str, str]:
    """Entry id -> the file of its English, from its data folder (`themes/ethics.yml`);
    each data file's path is resolved once, not once an entry."""
    roots = [folder.resolve() for folder in folders]

    @functools.cache
    def relative(path: Path) -> str:
        path = path.resolve()
        root = next((root for root in roots if root in path.parents), None)
        return path.relative_to(root).as_posix() if root else path.name

    return {item.entry.id: relative(item.path) for item in kb.all()}


def _check_file(document, language: str, kb: KnowledgeBase, out: Translations,
                mirrors: str, english_files: dict[str, str], termbase: Termbase) -> list:
    """Check one translation file, which translates the English data file `mirrors` (its
    path in its language's folder), against the language's `termbase`, and keep its
    translations in `out`."""
    problems = []

    def refuse(path: tuple, message: str, entry: str = "-", name: str = "-"):
        problems.append(Problem(document.file, document.line_of(path), entry, name, message))

    value = document.value
    if not isinstance(value, dict) or set(value) != {"language", "translations"}:
        refuse((), "a translation file holds 'language:' and 'translations:' only")
        return problems
    if value["language"] != language:
        refuse(("language",), f"this file is in the folder of '{language}' but says "
                              f"language: {value['language']}")
    if not isinstance(value["translations"] or {}, dict):
        refuse(("translations",), "expected the ids of entries, each with its translated "
                                  "fields ('entry-id:' then 'field:' indented below it)")
        return problems
    for entry_id, fields in (value["translations"] or {}).items():
        path = ("translations", entry_id)
        if entry_id not in kb:
            refuse(path, f"no entry has the id '{entry_id}'; remove this translation, or "
                         "correct the id", entry_id)
            continue
        english = english_files[entry_id]
        if english != mirrors:  # a reviewer reads a translation beside its English
            refuse(path, f"this entry's English is in {english}: its translation belongs in "
                         f"translations/{language}/{english}, not here", entry_id)
            continue
        if not isinstance(fields or {}, dict):
            refuse(path, "expected the translated fields of this entry, each as 'field:' "
                         "with 'from:' and 'text:' indented below it", entry_id)
            continue
        allowed = translatable(kb.collection_of(entry_id))
        for name, translated in (fields or {}).items():
            where = path + (name,)
            if name not in allowed:
                refuse(where, f"'{name}' is not translated (names, ids and figures stay "
                              f"exact); translated fields here: {', '.join(allowed)}",
                       entry_id, name)
            elif not isinstance(translated, dict) or set(translated) != {"from", "text"} \
                    or not isinstance(translated["from"], str):
                refuse(where, "expected 'from:' (the English fingerprint, in quotes) and "
                              "'text:'", entry_id, name)
            else:
                text = _filled(translated["text"])
                wrong = text and text_problem(kb, entry_id, name, text)
                if wrong:
                    refuse(where + ("text",) + wrong[0], wrong[1], entry_id,
                           name + "".join(f"[{index}]" for index in wrong[0]))
                    continue
                for inside, message in termbase.deprecated_problems(text) if text else ():
                    refuse(where + ("text",) + inside, message, entry_id,
                           name + "".join(f"[{index}]" for index in inside))
                out.texts[(language, entry_id, name)] = Translated(
                    text, str(translated["from"]), document.file, document.line_of(where),
                    termbase)
    return problems


def _filled(text):
    """A translation as it counts: "" while nothing is translated (no text, or only the
    empty points that `make translation` writes)."""
    if isinstance(text, list) and not any(text):
        return ""
    return text or ""


@functools.cache  # made once a field, not once a translation: pydantic builds it slowly
def _field_checker(collection: str, name: str):
    """Pydantic's check of one field of the model, as the English of that field has it."""
    from pydantic import TypeAdapter

    from .model import COLLECTIONS

    return TypeAdapter(COLLECTIONS[collection].model_fields[name].rebuild_annotation())


def text_problem(kb: KnowledgeBase, entry_id: str, name: str, text) -> tuple[tuple, str] | None:
    """What is wrong with a translated text, as (where inside it, message): it is checked as
    the English field is (its type, its length), in the same words, so that a list, a
    number or a 2 MB text is refused before it reaches a page; and a list of points keeps
    as many points as the English."""
    from pydantic import ValidationError

    from .model import COLLECTIONS
    from .validate import field_message

    collection = kb.collection_of(entry_id)
    try:
        _field_checker(collection, name).validate_python(text)
    except ValidationError as error:
        detail = error.errors()[0]
        return tuple(detail["loc"]), field_message(detail, COLLECTIONS[collection])
    english = getattr(kb.get(entry_id), name)
    if isinstance(english, list) and len(text) != len(english):
        return (), (f"the English has {len(english)} points and this translation "
                    f"{len(text)}: translate each point as one point, in the same order")
    return None


def theme_languages() -> list[str]:
    """The languages the installed theme has its own words for (its `partials/languages/`):
    Material's, or Zensical's where only Zensical is installed. A language folder the theme
    does not know would stop its build."""
    import importlib.util

    for package in ("material", "zensical"):
        spec = importlib.util.find_spec(package)
        if spec and spec.origin:
            folder = Path(spec.origin).parent / "templates" / "partials" / "languages"
            if folder.is_dir():
                return sorted(path.stem for path in folder.glob("*.html"))
    return []


def babel_locale(code: str):
    """Babel's locale for a language code as the theme names it ("fr", "pt-BR", "zh-Hant")."""
    from babel import Locale

    return Locale.parse(code.replace("-", "_"))


def _babel_knows(code: str) -> bool:
    from babel import UnknownLocaleError

    try:
        babel_locale(code)
    except (ValueError, UnknownLocaleError):
        return False
    return True


def buildable_languages() -> list[str]:
    """The languages a site can be built in besides English: those the theme has its
    words for and Babel its dates and names."""
    return [code for code in theme_languages() if code != "en" and _babel_knows(code)]


def language_problem(code: str) -> str | None:
    """Why `code`, the name of a folder in `translations/`, cannot be a language of the
    site; None if it can."""
    if code == "en":
        return ("English is the source text, in the data files themselves; a translations/en/ "
                "folder is never read: remove it")
    known = buildable_languages()
    if code not in known:
        return (f"'{code}' is not a language code the site can be built in; use one of "
                f"{', '.join(known)}")
    return None


def load_translations(folders: list[Path], kb: KnowledgeBase) -> Translations:
    """Every translation under `translations/<language>/` in `folders`; raises DataError for
    a translation of an id that does not exist, of a field that is not translated, with a
    rendering its language's termbase avoids, a file that is not a translation file, or a
    termbase (`terms.yml`) with a problem."""
    out, problems = Translations(), []
    english_files = _english_files(kb, folders)
    termbases: dict[str, list[Termbase]] = {}  # language -> the termbase of each folder

    def termbase(language: str, index: int) -> Termbase:
        if language not in termbases:
            termbases[language], found = load_termbases(folders, language)
            problems.extend(found)
        return termbases[language][index]

    for index, folder in enumerate(folders):
        root = folder / FOLDER
        for language_folder in sorted(root.iterdir()) if root.is_dir() else []:
            language = language_folder.name
            refused = language_problem(language) if language_folder.is_dir() else (
                "is not a language's folder; translations/ holds one folder a language, "
                "such as fr/")
            if refused:
                problems.append(Problem(display_name(language_folder), 1, "-", "-", refused))
                continue
            if language not in out.languages:
                out.languages.append(language)
            files, found = data_files([language_folder])
            problems += found
            checked_against = termbase(language, index)  # its problems, even if unused
            for path, name in files:
                # the site's own strings (i18n.py), and the termbase (termbase.py)
                if path in (language_folder / INTERFACE_FILE, language_folder / TERMS_FILE):
                    continue
                document, found = read_yaml(path, name)
                problems += found
                if document is not None:
                    problems += noted_problems(document, name)
                    mirrors = path.relative_to(language_folder).as_posix()
                    problems += _check_file(document, language, kb, out, mirrors,
                                            english_files, checked_against)
    if problems:
        raise DataError(problems)
    return out
