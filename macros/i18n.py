"""The knowledge base in a reader's language: the languages a project has, the site's own
interface strings in each, and a translated view of the knowledge base for the templates.

A language is data: a folder `translations/<language>/` in a data folder, holding
translations of the data files (translations.py) and `interface.yml`, the site's own strings:

    language: fr
    interface:
      "Source:": "Source :"

keyed by the English string itself, so a changed English string falls back to English
instead of showing a translation of something else. The view of the knowledge base keeps
every entry and id, and replaces only the fields translations.py names: with the
translation while current; else with the English, marked so that a page shows it with a
notice in the reader's language (never as if translated). Names that stay exact (GLOSSED)
keep the English and carry the translated gloss beside them.
"""

from __future__ import annotations

import datetime
import functools
import gettext
import json
import posixpath
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from .folders import TRANSLATIONS
from .knowledge_base import KnowledgeBase
from .problems import DataError, Problem
from .translations import CURRENT, GLOSSED, INTERFACE_FILE, TRANSLATED, Translations
from .yaml_files import noted_problems, read_yaml

ENGLISH = "en"
UNTRANSLATED = "Not yet translated: shown in English."  # the notice, in English


def languages(folders: list[Path]) -> list[str]:
    """The languages other than English that `folders` hold translations for, in order."""
    found = {path.name for folder in folders if (folder / TRANSLATIONS).is_dir()
             for path in (folder / TRANSLATIONS).iterdir()
             if path.is_dir() and not path.name.startswith(".")}
    return sorted(found)


def load_interface(folders: list[Path], language: str) -> dict[str, str]:
    """The site's own strings in `language`: English string -> translation (later folders,
    an add-on's, over earlier ones)."""
    strings: dict[str, str] = {}
    for folder in folders:
        path = folder / TRANSLATIONS / language / INTERFACE_FILE
        if not path.is_file():
            continue
        document, problems = read_yaml(path, path.as_posix())
        value = document.value if document is not None else None
        problems += noted_problems(document, path.as_posix()) if document is not None else []
        if not problems and (not isinstance(value, dict) or value.get("language") != language
                             or not isinstance(value.get("interface") or {}, dict)):
            problems = [Problem(path.as_posix(), 1, "-", "-", "an interface file holds "
                                f"'language: {language}' and 'interface:' (English: text)")]
        if problems:
            raise DataError(problems)
        strings.update({str(key): str(text) for key, text in
                        (value.get("interface") or {}).items() if text})
    return strings


def interface_messages() -> list[str]:
    """Every string of the site's own that a reader may see in English: what the page
    templates write (`_()` and `{% trans %}`), the labels of values they describe, the words
    of the proposal form's fields, and what the page scripts write. What an interface file
    translates, for `validate` to list what a language still lacks."""
    from .knowledge_base import KnowledgeBase
    from .proposal import form_fields
    from .render import TEMPLATES, VALUE_LABELS, make_environment

    environment, found = make_environment(), list(VALUE_LABELS.values())
    for path in sorted(TEMPLATES.rglob("*.md")):
        for _line, _function, message in environment.extract_translations(
                path.read_text(encoding="utf-8")):
            found += [text for text in (message if isinstance(message, tuple) else [message])
                      if isinstance(text, str)]
    for fields in form_fields(KnowledgeBase([], [])).values():
        found += [text for one in fields for text in (one.label, one.hint) if text]
    for script in sorted(SCRIPTS.glob("*.js")):
        found += script_words(script.stem)
    return list(dict.fromkeys(found))


# --- The words the page scripts write ----------------------------------------------------

SCRIPTS = Path(__file__).resolve().parent.parent / "docs" / "assets" / "javascripts"


@functools.cache  # the scripts are read once a build, not once a page
def script_words(script: str) -> tuple[str, ...]:
    """The English that the page script `script` (e.g. "tables") writes: the literals it
    hands to its `text()` (both of a `cond ? "a" : "b"`), and what it shows of the data the
    page gives it (the proposal form's messages)."""
    from .proposal import WORDS_FOR_THE_SCRIPT

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


class Shown(str):
    """A field's text as a page shows it in a language other than the text's own: `str()`
    is the text alone (titles, search); in a page, `__html__` gives the markup a template
    made of it (the English with its notice, or a name with its gloss); `with_note` the
    text with that notice or gloss in brackets, for places that show text only (tooltips)."""

    def __new__(cls, text: str, markup: str, note: str = ""):
        shown = super().__new__(cls, text)
        shown.markup, shown.note = markup, note
        return shown

    @property
    def with_note(self) -> str:
        return f"{self} ({self.note})" if self.note else str(self)

    def __html__(self) -> str:
        return self.markup


def translated_view(kb: KnowledgeBase, translations: Translations, language: str,
                    untranslated, glossed) -> KnowledgeBase:
    """`kb` with its readers' fields in `language`. `untranslated(text, last)` marks English
    shown for want of a current translation (`last`: the place for the notice, once a
    field); `glossed(name, gloss)` a name with its translated gloss."""
    located = []
    for item in kb.all():
        update = {}
        for name in TRANSLATED.get(item.collection, ()):
            value = getattr(item.entry, name, None)
            if value in (None, "", []):
                continue
            text, status = translations.lookup(kb, language, item.entry.id, name)
            if status != CURRENT:
                text = [untranslated(point, index == len(text) - 1)
                        for index, point in enumerate(text)] if isinstance(text, list) \
                    else untranslated(text, True)
            update[name] = text
        for name in GLOSSED.get(item.collection, ()):
            value = getattr(item.entry, name, None)
            if value:
                gloss, status = translations.lookup(kb, language, item.entry.id, name)
                update[name] = glossed(value, gloss if status == CURRENT else None)
        located.append(replace(item, entry=item.entry.model_copy(update=update)))
    return KnowledgeBase(located, kb._local_folders)


@dataclass
class Language:
    """The language a Site renders its pages in, with what it needs for it: the site's own
    strings, the translations of the data, and every language the site is built in."""

    code: str = ENGLISH
    interface: dict[str, str] = field(default_factory=dict)
    translations: Translations = field(default_factory=Translations)
    site_languages: list[str] = field(default_factory=lambda: [ENGLISH])

    def view(self, kb: KnowledgeBase, environment) -> KnowledgeBase:
        """The knowledge base as this language's readers read it (English: itself)."""
        if self.code == ENGLISH:
            return kb
        untranslated = environment.get_template("i18n/untranslated.md")
        glossed = environment.get_template("i18n/glossed.md")
        notice = self.interface.get(UNTRANSLATED, UNTRANSLATED)
        return translated_view(
            kb, self.translations, self.code,
            lambda text, last: Shown(text, untranslated.render(text=text, notice=last).strip(),
                                     notice),
            lambda name, gloss: Shown(name, glossed.render(name=name, gloss=gloss).strip(),
                                      gloss or ""))

    def path_to(self, code: str, built: str) -> str:
        """Where the page built at `built` (from this language's root) is in `code`'s site,
        from this language's root: English at the top, each other language in its folder."""
        path = posixpath.join(".." if self.code != ENGLISH else "",
                              code if code != ENGLISH else "", built)
        folder = built.endswith("/") or not built
        return path + "/" if folder and path and not path.endswith("/") else path


def language_name(code: str) -> str:
    """A language's name in itself, as a switcher shows it: 'Français', 'Deutsch'."""
    from babel import Locale

    name = Locale.parse(code).get_display_name(code)
    return name[:1].upper() + name[1:]


# --- Dates and country names in the language, from Babel's and pycountry's locale data ---


def country_in(language: str):
    """code -> the country's name in `language` (pycountry's ISO 3166 translations)."""
    import pycountry

    catalogue = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language],
                                    fallback=True)

    def name(code: str | None) -> str:
        if not code:
            return ""
        country = pycountry.countries.get(alpha_2=code)
        common = getattr(country, "common_name", None)
        if common and catalogue.gettext(common) != common:
            return catalogue.gettext(common)
        return catalogue.gettext(country.name)
    return name


def date_in(language: str):
    """The `date` filter in `language`: '2018-04-10', '2018-04-11' -> '10–11 avril 2018'."""
    from babel import Locale
    from babel.dates import format_date

    long = Locale.parse(language).date_formats["long"].pattern  # e.g. "d. MMMM y"
    day_only = long[: long.index("d") + 1] + long[long.index("d") + 1:].split("M")[0].rstrip()
    day_only = day_only.strip() or "d"

    def one(value: str) -> str:
        parts = [int(part) for part in value.split("-")]
        if len(parts) == 1:
            return str(parts[0])
        day = datetime.date(parts[0], parts[1], parts[2] if len(parts) > 2 else 1)
        return format_date(day, long if len(parts) > 2 else "LLLL y", locale=language)

    def readable(start: str, end: str | None = None) -> str:
        if not end:
            return one(start)
        if len(start) == len(end) == 10 and start[:7] == end[:7]:  # days of one month
            first = datetime.date.fromisoformat(start)
            return f"{format_date(first, day_only, locale=language)}–{one(end)}"
        return f"{one(start)} – {one(end)}"
    return readable
