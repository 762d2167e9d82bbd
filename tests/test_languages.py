"""The knowledge base in French and German beside English: one site a language, each page
in its language, joined to its other versions; translations that never silently go stale;
and a language that has only its interface strings builds, its content in English with the
notice."""

from __future__ import annotations

import html as html_lib
import json
import posixpath
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from test_accessibility import VIEWS, WCAG_AA, describe

from conftest import (
    FIXTURES,
    PHONE,
    ROOT,
    build_site,
    copy_project,
    english_html,
    language_folders,
    page_paths,
    search,
    translation_counts,
)
from macros.render import interface_gettext
from macros.translations import CURRENT, load_translations
from test_site import visible_text

LANGUAGES = ["de", "fr"]
ALL = ["en", *LANGUAGES]
# The notices, as the interface files word them.
INTERFACE = {code: yaml.safe_load((ROOT / "data" / "translations" / code / "interface.yml")
                                  .read_text(encoding="utf-8"))["interface"]
             for code in LANGUAGES}
NOTICE = "Not yet translated: shown in English."
LABEL = ("This page is the editors' own translation, made from the English; the authors of "
         "the sources have not reviewed it.")
HANDWRITTEN = {"hosting/": "For organisations that keep an internal copy",  # first words
               "tags/": "The theme and role pages by main theme"}
SAMPLE = ["", "themes/ethics/", "help-the-helper/", "practices/", "meetings/", "glossary/",
          "self-check/individual-practitioners/"]


def root_of(site: Path, code: str) -> Path:
    return site if code == "en" else site / code


def html_of(site: Path, code: str, path: str) -> str:
    return (root_of(site, code) / path / "index.html").read_text(encoding="utf-8")


def target(site: Path, code: str, path: str, href: str) -> Path:
    """The file a relative link on the page `path` of language `code` leads to."""
    here = (root_of(site, code) / path).as_posix()
    return Path(posixpath.normpath(posixpath.join(here, href))) / "index.html"


def test_each_language_is_a_site_of_its_own_with_every_page_of_the_english(built):
    site, _ = built
    assert language_folders(site) == LANGUAGES
    for code in LANGUAGES:
        assert page_paths(site / code) == page_paths(site)


@pytest.mark.parametrize("code", ALL)
def test_every_page_declares_its_language(built, code):
    site, _ = built
    pages = english_html(root_of(site, code))
    assert len(pages) > 40
    for path in pages:
        assert f'<html lang="{code}"' in path.read_text(encoding="utf-8"), path


@pytest.mark.parametrize("code", LANGUAGES)
def test_titles_and_descriptions_read_as_text_in_the_language(built, code):
    """The site's own strings in a title or meta description carry no Markdown escapes
    (a translated colon is written '&#58;' for Markdown, which the engine escapes again)."""
    site, _ = built
    for path in english_html(root_of(site, code)):
        head = path.read_text(encoding="utf-8").split("</head>")[0]
        for text in re.findall(r'<title>(.*?)</title>|<meta name="description" content="(.*?)"',
                               head):
            assert "&amp;#" not in "".join(text), (path, text)
    described = ("Practices cited in the source documents, with country, collection status "
                 "and the themes that cite them.")
    head = html_of(site, code, "practices/").split("</head>")[0]
    assert f'<meta name="description" content="{INTERFACE[code][described]}"' in head


@pytest.mark.parametrize("code", ALL)
def test_the_switcher_leads_to_the_same_page_in_every_other_language(built, code):
    """Every page links to itself in each language (`<a hreflang>`); followed from each
    language, the links come back (the round trip)."""
    site, _ = built
    for path in page_paths(root_of(site, code)):
        html = html_of(site, code, path)
        switcher = re.search(r'<nav class="kb-languages".*?</nav>', html, re.S).group(0)
        links = dict(re.findall(r'<a href="([^"]*)" hreflang="([a-z]+)"', switcher))
        assert sorted(links.values()) == sorted(set(ALL) - {code}), path
        for href, other in links.items():
            assert target(site, code, path, href) == root_of(site, other) / path / "index.html"



def folded(text: str) -> str:
    """A string as `visible_text` gives what a reader sees: spaces, no-break ones included,
    folded into one."""
    return " ".join(text.split())

@pytest.mark.parametrize("code", LANGUAGES)
def test_every_translated_page_says_whose_translation_it_is_and_links_to_the_english(built,
                                                                                     code):
    site, _ = built
    for path in page_paths(site / code):
        html = html_of(site, code, path)
        note = re.search(r'<p class="kb-translation-note">.*?</p>', html, re.S).group(0)
        # A page written by hand in docs/ (hosting, tags) is not translated and says so.
        label = NOTICE if path in HANDWRITTEN else LABEL
        assert folded(INTERFACE[code][label]) in visible_text(note), path
        if path in HANDWRITTEN:  # its title and text marked as English (language of parts)
            assert re.search(r'<h1 [^>]*lang="en"', html), path
            english = html[html.index('<div lang="en">'):]
            assert html.index(note) < html.index(english)
            assert HANDWRITTEN[path] in visible_text(english[:english.index("</div>")])
        href = re.search(r'href="([^"]*)" hreflang="en"', note).group(1)
        assert target(site, code, path, href) == site / path / "index.html"
    assert "kb-translation-note" not in html_of(site, "en", "")


@pytest.mark.parametrize("code", LANGUAGES)
def test_english_that_stays_english_is_marked_as_english(built, kb, code):
    """WCAG 3.1.2, language of parts: the section headings of the sources and a cited
    document's exact title, on a page in another language."""
    site, _ = built
    html = html_of(site, code, "themes/ethics/")
    sections = {ref.section for item in kb.all() for ref in getattr(item.entry, "sources", [])}
    marked = {visible_text(text) for text in re.findall(
        r'</a>, <span lang="en">((?:(?!</span>).)*)</span>', html)}
    assert marked and marked <= sections
    sources = html_of(site, code, "sources/")
    title = kb.get("caring-for-caregivers").title
    assert f'. <span lang="en">{title}</span>. ' in html_lib.unescape(sources)


@pytest.mark.parametrize("code", LANGUAGES)
def test_names_and_figures_are_those_of_the_english(built, kb, code):
    site, _ = built
    practices = visible_text(html_of(site, code, "practices/"))
    assert all(practice.name in practices for practice in kb.collections["practices"])
    meetings = visible_text(html_of(site, code, "meetings/"))
    assert all(meeting.title in meetings for meeting in kb.collections["meetings"])
    for path in SAMPLE:
        english, translated = (visible_text(html_of(site, language, path).split("<article")[1])
                               for language in ("en", code))
        missing = set(re.findall(r"\d+", english)) - set(re.findall(r"\d+", translated))
        assert not missing, (path, missing)
        assert translated != english, path  # translated, not the English again


def test_dates_and_country_names_follow_the_language(built):
    site, _ = built
    assert "Deutschland" in visible_text(html_of(site, "de", "practices/"))
    assert "Allemagne" in visible_text(html_of(site, "fr", "practices/"))
    assert "16–17 juin 2020" in visible_text(html_of(site, "fr", "themes/ethics/"))
    assert "16.–17. Juni 2020" in visible_text(html_of(site, "de", "themes/ethics/"))


def test_a_missing_or_stale_translation_fails_validation_only_when_strict():
    """A contributor's new English never waits for translators; a release can demand it."""
    translated = FIXTURES / "data" / "translated"  # one stale, one missing
    minimal = FIXTURES / "data" / "minimal"

    def validate(*folders, strict=False):
        return subprocess.run([sys.executable, "-m", "macros", "validate", *map(str, folders),
                               *(["--strict"] if strict else [])], cwd=ROOT,
                              capture_output=True, text=True)
    assert validate(minimal, translated).returncode == 0
    strict = validate(minimal, translated, strict=True)
    assert strict.returncode == 1 and "Not ready for a release: " in strict.stderr
    assert validate(minimal, strict=True).returncode == 0  # nothing to translate


def nav_labels(nav) -> list[str]:
    if isinstance(nav, list):
        return [label for item in nav for label in nav_labels(item)]
    if isinstance(nav, dict):
        return [label for key, value in nav.items() for label in [key, *nav_labels(value)]]
    return []


NAMES = {"Help the Helper", "Caring for our caregivers"}  # document titles stay exact


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_navigation_site_name_and_footer_are_in_every_language(code):
    from macros.configuration import read_config

    config = read_config(ROOT / "mkdocs.yml")
    labels = set(nav_labels(config["nav"])) | {config["site_name"]}
    labels |= set(config["extra"]["footer"].values())
    assert sorted(labels - NAMES - set(INTERFACE[code])) == []


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_footer_is_in_the_language(built, code):
    site, _ = built
    footer = visible_text(re.search(r'<div class="md-copyright">.*?</div>\s*</div>',
                                    html_of(site, code, "glossary/"), re.S).group(0))
    words = INTERFACE[code]
    assert words["source documents"] in footer and words["editorial notes"] in footer
    assert words["Built with %(engine)s."].replace("%(engine)s", "Material for MkDocs") in footer
    assert "Content retold" not in footer


def test_a_string_given_twice_in_an_interface_file_fails_with_file_line_and_key(tmp_path):
    project = copy_project(tmp_path)
    french = project / "data" / "translations" / "fr" / "interface.yml"
    lines = french.read_text(encoding="utf-8").splitlines()
    lines.append('  "Source:": "Origine :"')
    french.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "macros", "validate"], cwd=project,
                            capture_output=True, text=True)
    assert result.returncode == 1
    first = next(number for number, line in enumerate(lines, 1) if line.startswith('  "Source:"'))
    assert (f"data/translations/fr/interface.yml:{len(lines)}: Source:: duplicate key "
            f"'Source:' (first given on line {first})") in result.stderr


HOSTILE_VALUES = {  # English -> a translation the site cannot show as text, and why
    "Source:": (["A", "B"], "expected text, found a list; write the translation in quotes"),
    "Home": ({"a": 1}, "expected text, found a mapping; write the translation in quotes"),
    "Print": (42, "expected text, found a value 42; write the translation in quotes"),
    "Glossary": ("x" * 3001, "too long: 3001 characters, at most 216 allowed for this "
                 "string (twice its English, and 200)"),
    "Clear them": ("   ", "only spaces; write the translation, or leave it empty ('') to "
                   "show the English"),
    "guidance for %(level)s": ("%(level)s " * 3, "keep the slots of the English, each as "
                               "often: %(level)s (or %(name)s, also filled in here); found: "
                               "%(level)s, %(level)s, %(level)s."),
    "duplicate id: already used by the {kind} at {place}; ids must be unique": (
        "doublon {0} {kind.__class__}", "keep the slots of the English, each as often: "
        "{kind}, {place}; found: {0}, {kind.__class__}."),
    "in the part that starts on p. %(page)s": ("p. %s", "keep the slots of the English, "
                                               "each as often: %(page)s; found: none."),
    "Self-check: %(level)s": ("Auto-évaluation : %(chapter)s", "keep the slots of the "
                              "English, each as often: %(level)s; found: %(chapter)s."),
}


def test_an_interface_string_that_is_not_text_or_keeps_no_slots_fails_validation_and_build(
        tmp_path):
    """Threat: a translation published as Python's repr, a string copied onto every page
    or a slot repeated to make pages of megabytes, a blank label, or a `%` slot that ends
    the build in a traceback naming index.md, not the file."""
    project = copy_project(tmp_path)
    french = project / "data" / "translations" / "fr" / "interface.yml"
    lines = french.read_text(encoding="utf-8").splitlines()
    given = {**{english: value for english, (value, _) in HOSTILE_VALUES.items()},
             "Not yet": "Source à 100 %"}  # a literal percent sign is text: no problem
    where = {}
    for english, value in given.items():
        key = json.dumps(english, ensure_ascii=False)
        where[english] = next(number for number, line in enumerate(lines, 1)
                              if line.startswith(f"  {key}:"))
        lines[where[english] - 1] = f"  {key}: {json.dumps(value, ensure_ascii=False)}"
    french.write_text("\n".join(lines) + "\n", encoding="utf-8")
    validation = subprocess.run([sys.executable, "-m", "macros", "validate"], cwd=project,
                                capture_output=True, text=True)
    build = build_site(project)
    for result in (validation, build):
        assert result.returncode != 0 and "Traceback" not in result.stderr
        reported = [line for line in result.stderr.splitlines() if "interface.yml:" in line]
        assert len(reported) == len(HOSTILE_VALUES), result.stderr
        for english, (_, message) in HOSTILE_VALUES.items():
            place = f"data/translations/fr/interface.yml:{where[english]}: "
            assert any(place in line and f": {message}" in line
                       for line in reported), (english, reported)
    assert not (project / "site" / "index.html").exists()  # nothing was built


def test_a_percent_sign_in_a_translation_is_text():
    """Threat: "Source à 100 %", ordinary French, ending the build with a traceback."""
    gettext_ = interface_gettext({"Not yet": "100 %",
                                  "Self-check: %(level)s": "Niveau %(level)s à 100 %"})
    assert gettext_("Not yet").unescape() == "100 %"
    assert gettext_("Self-check: %(level)s", level="A").unescape() == "Niveau A à 100 %"


def test_validation_lists_the_interface_strings_a_language_lacks(tmp_path):
    project = copy_project(tmp_path)
    french = project / "data" / "translations" / "fr" / "interface.yml"
    text = french.read_text(encoding="utf-8")
    assert text.count('\n  "Source:": ') == 1
    french.write_text(re.sub(r'\n  "Source:": [^\n]*', "", text), encoding="utf-8")
    result, main = (subprocess.run([sys.executable, "-m", "macros", "validate"], cwd=folder,
                                   capture_output=True, text=True, check=True).stdout
                    for folder in (project, ROOT))
    lacking = (int(re.search(r"Interface strings \(fr\): (\d+) missing", output).group(1))
               for output in (result, main))
    assert next(lacking) == next(lacking) + 1
    assert '  missing: translations/fr/interface.yml: "Source:"\n' in result


# --- A changed English text, and a third language with only its interface strings ------

CHANGED = "A sentence the translators have not seen yet."


@pytest.fixture(scope="module")
def changed(tmp_path_factory):
    """A copy whose English summary of Ethics changed after its translations were made, with
    Spanish added as its interface strings alone; built once."""
    project = copy_project(tmp_path_factory.mktemp("languages"))
    themes = project / "data" / "themes" / "professionalisation-and-support.yml"
    text = themes.read_text(encoding="utf-8")
    first = "Each EU Member State has its own legal"  # the summary's first words
    assert text.count(first) == 1
    themes.write_text(text.replace(first, f"{CHANGED} {first}"), encoding="utf-8")
    glossary = project / "data" / "glossary.yml"
    text = glossary.read_text(encoding="utf-8")
    first = "Work to stop people turning to violent extremism (prevention)"  # P/CVE
    assert text.count(first) == 1
    glossary.write_text(text.replace(first, f"{CHANGED} {first}"), encoding="utf-8")
    spanish = project / "data" / "translations" / "es"
    spanish.mkdir()
    (spanish / "interface.yml").write_text(
        'language: es\ninterface:\n  "Not yet translated: shown in English.": '
        '"Aún no traducido: se muestra en inglés."\n  "Source:": "Fuente:"\n', encoding="utf-8")
    result = build_site(project)
    assert result.returncode == 0, result.stdout + result.stderr
    return project


def test_a_changed_english_text_makes_its_translations_stale_in_validation(changed, kb):
    """Each of the two changed fields whose translation was current is now stale."""
    translations = load_translations([ROOT / "data"], kb)
    term = next(term.id for term in kb.collections["glossary"]
                if "Work to stop people turning" in term.definition)
    was_current = {code: sum(translations.lookup(kb, code, entry, name)[1] == CURRENT
                             for entry, name in (("ethics", "summary"), (term, "definition")))
                   for code in LANGUAGES}
    before, after = translation_counts(ROOT), translation_counts(changed)
    for code in LANGUAGES:
        assert after[code] == (before[code][0], before[code][1] + was_current[code]), code
    result = subprocess.run([sys.executable, "-m", "macros", "validate"], cwd=changed,
                            capture_output=True, text=True, check=True)
    assert re.search(r"stale: data/translations/fr/themes/professionalisation-and-support"
                     r"\.yml:\d+: ethics: summary", result.stdout), result.stdout


@pytest.mark.parametrize("code", LANGUAGES)
def test_a_stale_translation_shows_the_english_with_the_notice(changed, code):
    html = html_of(changed / "site", code, "themes/ethics/")
    shown = re.search(r'<span lang="en">((?:(?!</span>).)*)</span> '
                      r'<small class="kb-untranslated">(.*?)</small>', html, re.S)
    assert shown and CHANGED in visible_text(shown.group(1))
    assert visible_text(shown.group(2)) == folded(INTERFACE[code][NOTICE])


@pytest.mark.parametrize("code", LANGUAGES)
def test_a_glossary_tooltip_is_in_the_language_and_says_when_it_shows_english(changed, code):
    html = html_of(changed / "site", code, "caring-for-caregivers/")
    tooltip = html_lib.unescape(re.search(r'<abbr title="([^"]*)">P/CVE</abbr>', html).group(1))
    assert tooltip.startswith("Prevention and countering of violent extremism (")  # its gloss
    assert f"{CHANGED} Work to stop people" in tooltip
    assert tooltip.endswith(f"({INTERFACE[code][NOTICE]})")
    current = html_lib.unescape(re.search(r'<abbr title="([^"]*)">RAN</abbr>', html).group(1))
    assert INTERFACE[code][NOTICE] not in current and "Radicalisation Awareness" in current


def test_a_third_language_of_interface_strings_alone_builds_its_content_in_english(changed):
    site = changed / "site"
    assert language_folders(site) == ["de", "es", "fr"]
    assert page_paths(site / "es") == page_paths(site)
    html = html_of(site, "es", "themes/ethics/")
    assert '<html lang="es"' in html
    text = visible_text(html)
    assert "Aún no traducido: se muestra en inglés." in text and "Fuente:" in text
    assert "Each EU Member State has its own legal and cultural context" in text
    assert 'hreflang="es" lang="es">Español</a>' in html_of(site, "en", "themes/ethics/")


# --- In the browser -----------------------------------------------------------------------

# A practice by its name, and an everyday word of the language; the pages that answer.
QUERIES = [("fr", "HAYAT", {"practices/hayat/"}),
           ("de", "HAYAT", {"practices/hayat/"}),
           ("fr", "épuisement professionnel", {"help-the-helper/", "caring-for-caregivers/",
                                                "glossary/"}),
           ("de", "Supervision", {"help-the-helper/", "caring-for-caregivers/",
                                  "themes/working-methods/", "glossary/"})]


@pytest.mark.parametrize(("code", "query", "pages"), QUERIES,
                         ids=[f"{code}-{query}" for code, query, _ in QUERIES])
def test_search_in_each_language_finds_its_pages_among_the_first_three(visit, site_url, code,
                                                                       query, pages):
    tab = visit()
    tab.page.goto(f"{site_url}{code}/")
    found = list(dict.fromkeys(link.split("#")[0] for link in search(tab.page, query)))
    assert {f"/{code}/{page}" for page in pages} & set(found[:3]), found[:5]


def test_a_translated_practices_page_opens_the_table_filtered_by_a_country(visit, site_url, kb):
    tab = visit(PHONE)
    tab.page.goto(f"{site_url}fr/practices/")
    tab.page.click(".kb-filter-links a[href$='pays=Allemagne']")
    assert tab.page.input_value("select[name=pays]") == "Allemagne"
    shown = tab.page.eval_on_selector_all(
        ".kb-table tbody tr:not([hidden]) td:first-child", "cells => cells.map(c => c.innerText)")
    assert sorted(shown) == sorted(p.name for p in kb.collections["practices"]
                                   if p.country == "DE")


@pytest.mark.parametrize("code", ALL)
def test_every_cell_of_a_table_shown_as_blocks_names_its_column_in_the_page(built, code):
    """On a phone such tables show each row as a block, each cell under its column's name:
    the names are in the page, so nothing moves when its script runs."""
    site, _ = built
    for path in ("tables/practices/", "tables/meetings/", "tables/recommendations/"):
        html = html_of(site, code, path)
        headings = [visible_text(h) for h in re.findall(r"<th[^>]*>(.*?)</th>", html, re.S)]
        for row in re.findall(r"<tr role=\"row\">\s*<td.*?</tr>", html, re.S):
            labels = re.findall(r'<td data-label="([^"]*)" role="cell">', row)
            assert [html_lib.unescape(label) for label in labels] == headings, (path, row)


@pytest.mark.parametrize("code", LANGUAGES)
def test_translated_pages_have_no_wcag_22_aa_violation_and_stay_on_loopback(visit, site_url,
                                                                            code):
    """The rules and views of test_accessibility.py, on a sample of each language's pages:
    longer words and labels wrap otherwise, on a phone and in a desktop's sidebars."""
    from axe_playwright_python.sync_playwright import Axe
    axe, found = Axe(), {}
    for view, (size, scheme) in VIEWS.items():
        tab = visit(size, color_scheme=scheme)
        for path in SAMPLE[:4]:
            tab.page.goto(f"{site_url}{code}/{path}")
            result = axe.run(tab.page, options=WCAG_AA)
            if result.response["violations"]:
                found[(view, path)] = describe(result.response["violations"])
        assert all(url.startswith(site_url) for url in tab.requests), tab.requests
    assert found == {}
