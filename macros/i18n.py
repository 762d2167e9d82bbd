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
import posixpath
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

import jinja2

from .configuration import ENGLISH
from .folders import TEMPLATES, TRANSLATIONS
from .knowledge_base import KnowledgeBase
from .problems import DataError, Problem
from .termbase import load_termbases, unrendered_message
from .translations import (
    CURRENT,
    GLOSSED,
    INTERFACE_FILE,
    TRANSLATED,
    Translations,
    babel_locale,
)
from .yaml_files import noted_problems, read_yaml

UNTRANSLATED = "Not yet translated: shown in English."  # the notice, in English


def languages(folders: list[Path]) -> list[str]:
    """The languages other than English that `folders` hold translations for, in order."""
    found = {path.name for folder in folders if (folder / TRANSLATIONS).is_dir()
             for path in (folder / TRANSLATIONS).iterdir()
             if path.is_dir() and not path.name.startswith(".")}
    return sorted(found)


def load_interface(folders: list[Path], language: str) -> dict[str, str]:
    """The site's own strings in `language`: English string -> translation (later folders,
    an add-on's, over earlier ones). Raises DataError listing every string that is not
    text, too long, whose `%(name)s` slots differ from its English, or that has a rendering
    the termbase of its folder avoids (or a problem of that termbase)."""
    strings: dict[str, str] = {}
    termbases, problems = load_termbases(folders, language)
    for folder, termbase in zip(folders, termbases, strict=True):
        path = folder / TRANSLATIONS / language / INTERFACE_FILE
        if not path.is_file():
            continue
        document, found = read_yaml(path, path.as_posix())
        value = document.value if document is not None else None
        found += noted_problems(document, path.as_posix()) if document is not None else []
        if not found:
            found = [Problem(path.as_posix(), document.line_of(where), "-", "-", message)
                     for where, message in _interface_file_problems(value, language)]
        problems += found
        if found:
            continue
        for english, text in (value.get("interface") or {}).items():
            line = document.line_of(("interface", english))
            wrong = interface_problem(english, text)
            if wrong:
                problems.append(Problem(path.as_posix(), line, str(english), "-", wrong))
            elif text:
                problems += [Problem(path.as_posix(), line, english, "-", message)
                             for _, message in termbase.deprecated_problems(text)]
                strings[english] = text
    if problems:
        raise DataError(problems)
    return strings


def unrendered_interface_strings(folders: list[Path], language: str,
                                 strings: dict[str, str]) -> list[str]:
    """The translated `strings` whose English has a term of the language's termbase and
    which use none of its renderings, as `"English": message`, for translators. Checked
    against every folder's termbase: an add-on's interface.yml may give any string anew."""
    termbase = load_termbases(folders, language)[0][-1] if folders else None
    return [f'"{english}": {unrendered_message(term)}' for english, text in strings.items()
            for term in (termbase.unrendered(english, text) if termbase else [])]


def _interface_file_problems(value, language: str) -> list[tuple[tuple, str]]:
    """What is wrong with the shape of an interface file, as (where, message)."""
    if not isinstance(value, dict):
        return [((), f"an interface file holds 'language: {language}' and 'interface:', "
                     "the English strings each with its translation")]
    problems = [((key,), f"unknown key '{key}'; an interface file holds 'language:' and "
                         "'interface:' only") for key in value if key not in
                ("language", "interface")]
    if value.get("language") != language:
        problems.append((("language",), f"this file is in the folder of '{language}' but "
                                        f"says language: {value.get('language')}"))
    if not isinstance(value.get("interface") or {}, dict):
        problems.append((("interface",), "expected the English strings, each with its "
                                         "translation: '\"English\": \"translation\"'"))
    return problems


# Twice the English and 200 characters: room for any language's longer words, or for a
# short label spelled out, and no room to copy kilobytes onto every page showing it.
def length_limit(english: str) -> int:
    return 2 * len(english) + 200


_NAMED_SLOT = re.compile(r"%\((\w+)\)s")
_FORM_SLOT = re.compile(r"\{([^{}]*)\}")  # {length}: in the proposal form's messages


def interface_problem(english, text) -> str | None:
    """What is wrong with one translated interface string, or None. Empty is fine: the
    English is shown until it is translated. A `%` other than a slot is text ("100 %")."""
    if not isinstance(english, str):
        return "expected the English string as the key, in quotes"
    if text in (None, ""):
        return None
    if not isinstance(text, str):
        kind = "a list" if isinstance(text, list) else \
            "a mapping" if isinstance(text, dict) else f"a value {text!r}"
        return f"expected text, found {kind}; write the translation in quotes"
    if not text.strip():
        return "only spaces; write the translation, or leave it empty ('') to show the English"
    if len(text) > length_limit(english):
        return (f"too long: {len(text)} characters, at most {length_limit(english)} allowed "
                f"for this string (twice its English, and 200)")
    return slot_problem(english, text)


def slot_problem(english: str, text: str) -> str | None:
    """The slots of a translation: only values the site fills in for this string, as many
    as the English has (a slot left out would drop a link or a figure), each at most as
    often as the English has it (once, for one that only a template offers)."""
    pattern, written = (_FORM_SLOT, "{%s}") if _FORM_SLOT.search(english) \
        else (_NAMED_SLOT, "%%(%s)s")
    wanted, used = pattern.findall(english), pattern.findall(text)
    offered = set(wanted) | (template_slots().get(english, set())
                             if pattern is _NAMED_SLOT else set())
    too_often = {name for name in used if used.count(name) > max(wanted.count(name), 1)}
    if not set(used) - offered and not too_often and len(set(used)) >= len(set(wanted)):
        return None

    def slots(names) -> str:
        return ", ".join(written % name for name in names) or "none"
    others = sorted(offered - set(wanted))
    also = f" (or {slots(others)}, also filled in here)" if others else ""
    return (f"keep the slots of the English, each as often: {slots(sorted(set(wanted)))}"
            f"{also}; found: {slots(used)}. The site fills in each slot, written exactly so")


def templates_environment(**options) -> jinja2.Environment:
    """A Jinja environment that reads the templates' strings as the site does: through the
    i18n extension, with these two settings, which change what a template's call hands to
    `gettext` (and so which slots a translation may use: `template_slots`)."""
    environment = jinja2.Environment(extensions=["jinja2.ext.i18n"], **options)
    # A `{% trans %}` block is keyed by its text on one line, however the template wraps it.
    environment.policies["ext.i18n.trimmed"] = True
    # "New style": a `{% trans %}` block hands its values to `gettext` as keywords (not
    # installed through `install_gettext_callables`, whose wrapper would format them itself,
    # escaping HTML but leaving Markdown live). A literal percent sign is written `%%`.
    environment.newstyle_gettext = True
    return environment


@functools.cache  # the templates are read once a run
def template_slots() -> dict[str, set[str]]:
    """English string -> the names of the values that every page template using it hands
    it (`_("…", name=…)`, `{% trans name=… %}`). A translation may use these where its
    English does not: German capitalises a level's name, which English writes in lower case."""
    environment, offered = templates_environment(), {}
    for path in sorted(TEMPLATES.rglob("*.md")):
        tree = environment.parse(path.read_text(encoding="utf-8"))
        for call in tree.find_all(jinja2.nodes.Call):
            if not (isinstance(call.node, jinja2.nodes.Name) and call.node.name in
                    ("_", "gettext", "ngettext")) or call.dyn_kwargs is not None:
                continue
            names = {keyword.key for keyword in call.kwargs}
            messages = [arg.value for arg in call.args[:2] if isinstance(arg, jinja2.nodes.Const)]
            if call.node.name == "ngettext":
                names.add("num")
            else:
                messages = messages[:1]
            for message in messages:  # a string used in several places: what all hand it
                offered[message] = offered.get(message, names) & names
    return offered


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
    locale = babel_locale(code)
    name = locale.get_display_name(locale)
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
    from babel.dates import format_date

    locale = babel_locale(language)
    long = locale.date_formats["long"].pattern  # e.g. "d. MMMM y"
    day_only = long[: long.index("d") + 1] + long[long.index("d") + 1:].split("M")[0].rstrip()
    day_only = day_only.strip() or "d"

    def one(value: str) -> str:
        parts = [int(part) for part in value.split("-")]
        if len(parts) == 1:
            return str(parts[0])
        day = datetime.date(parts[0], parts[1], parts[2] if len(parts) > 2 else 1)
        return format_date(day, long if len(parts) > 2 else "LLLL y", locale=locale)

    def readable(start: str, end: str | None = None) -> str:
        if not end:
            return one(start)
        if len(start) == len(end) == 10 and start[:7] == end[:7]:  # days of one month
            first = datetime.date.fromisoformat(start)
            return f"{format_date(first, day_only, locale=locale)}–{one(end)}"
        return f"{one(start)} – {one(end)}"
    return readable
