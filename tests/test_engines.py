"""One knowledge base, three engines. MkDocs stays the default, and the rest of the suite
tests its site in depth; Zensical (Material's maintained successor, at its pinned version)
and ProperDocs (a drop-in fork of MkDocs 1.x) must build the same knowledge base, so that
moving to either is a setting. Edit links, the add-on, the offline copy, hostile data, the
hosting policy in a browser and data errors are checked on Zensical beside MkDocs in their
own modules (each builds once per engine)."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest
import yaml

from conftest import ENGINE_PYTHON, FIXTURES, copy_project, page_paths, search, serve
from macros import site_map
from test_site import page_html

# What Zensical's search (no boosts, no query widening) must still find in the first three.
PRACTICE_NAMES = ["HAYAT", "Legato", "Anchor work", "Steunpunt Sabr"]
COUNTRIES = {"Germany": "DE", "Finland": "FI", "Denmark": "DK"}
ABBREVIATIONS = {"PFA": "term-pfa", "DSG": "term-dsg", "MAW": "term-maw"}


def expected_pages(kb, query: str) -> set[str]:
    """Where a search for `query` should lead: computed from the data, not typed in."""
    if query in COUNTRIES:
        return {f"/practices/{p.id}/" for p in kb.collections["practices"]
                if p.country == COUNTRIES[query]}
    if query in ABBREVIATIONS:
        return {f"/glossary/#{ABBREVIATIONS[query]}"}
    return {f"/practices/{p.id}/" for p in kb.collections["practices"]
            if p.name.lower() == query.lower()}


def files(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes()
            for path in sorted(folder.rglob("*")) if path.is_file()}


def test_zensical_and_properdocs_build_the_same_pages_as_mkdocs(built, zensical_built,
                                                                 properdocs_built):
    pages = page_paths(built[0])
    assert len(pages) > 30
    assert page_paths(zensical_built[0]) == pages
    assert page_paths(properdocs_built[0]) == pages


def test_every_entry_has_its_anchor_on_the_zensical_site(zensical_built, kb):
    site, _ = zensical_built
    missing = [item.entry.id for item in kb.all()
               if not site_map.has_own_page(kb, item.entry.id)
               and f'id="{item.entry.id}"' not in page_html(
                   site, site_map.page_of(kb, item.entry.id))]
    assert missing == []


# Runs a Zensical build with the loading of the knowledge base and Zensical's calls of
# `define_env` counted.
COUNTED_BUILD = """
from pathlib import Path
from macros import validate
from macros.build import build
from macros.engines import zensical
from macros.stages import load
counts = {"loads": 0, "pages": 0}

def counted(name, function):
    def call(*args):
        counts[name] += 1
        return function(*args)
    return call

load.load_knowledge_base = counted("loads", validate.load_knowledge_base)
zensical.define_env = counted("pages", zensical.define_env)
build("zensical", Path("mkdocs.yml"), Path("site"))
print("counted:", counts["loads"], counts["pages"])
"""


def language_folders_of(project: Path) -> list[Path]:
    return [folder for folder in (project / "data" / "translations").iterdir()
            if folder.is_dir()]


def test_zensical_loads_and_validates_the_knowledge_base_once_per_build(tmp_path):
    """Zensical calls `define_env` once a page: loading the data at each call would multiply
    the build's cost by the number of pages."""
    project = copy_project(tmp_path)
    result = subprocess.run([str(ENGINE_PYTHON["zensical"]), "-c", COUNTED_BUILD],
                            cwd=project, capture_output=True, text=True, timeout=300,
                            env={**os.environ, "SOURCE_DATE_EPOCH": "1700000000"})
    assert result.returncode == 0, result.stdout + result.stderr
    loads, pages = map(int, re.search(r"counted: (\d+) (\d+)", result.stdout).groups())
    # once for the build (every language reads the same data), never once a page
    languages = 1 + len(language_folders_of(project))
    assert (loads, pages > 30 * languages) == (1, True), (loads, pages)


def test_the_downloads_are_byte_identical_on_every_engine(built, zensical_built,
                                                          properdocs_built):
    downloads = files(built[0] / "data")
    assert "knowledge-base.json" in downloads and "practices.csv" in downloads
    assert files(zensical_built[0] / "data") == downloads
    assert files(properdocs_built[0] / "data") == downloads


GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def test_properdocs_builds_the_mkdocs_site_byte_for_byte_but_for_the_generator_tag(
        built, properdocs_built):
    """So everything the suite checks on MkDocs' site, the browser and policy checks
    included, holds for ProperDocs' too."""
    ours = {name: GENERATOR.sub(b"", data) for name, data in files(built[0]).items()}
    theirs = {name: GENERATOR.sub(b"", data) for name, data in files(properdocs_built[0]).items()}
    assert sorted(theirs) == sorted(ours)
    assert [name for name in ours if ours[name] != theirs[name]] == []


def head(html: str) -> tuple[str, str]:
    """A page's title and meta description, as the browser tab and search engines show."""
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    description = re.search(r'<meta name="description" content="([^"]*)"', html)
    return title, description and description.group(1)


def test_every_page_has_the_same_title_and_description_on_zensical(built, zensical_built):
    mkdocs, zensical = built[0], zensical_built[0]
    for path in page_paths(mkdocs):
        ours = head((mkdocs / path / "index.html").read_text(encoding="utf-8"))
        theirs = head((zensical / path / "index.html").read_text(encoding="utf-8"))
        if path == "":  # the home page: Zensical puts its nav title first, "Home - …"
            ours, theirs = ours[1:], theirs[1:]
        assert theirs == ours, path


@pytest.fixture(scope="module")
def zensical_url(zensical_built):
    with serve(zensical_built[0]) as url:
        yield url


# Zensical's search takes no boosts (only `enabled` and `separator`): what people look for
# must still come first from the pages' own text and headings.
@pytest.mark.parametrize("query", PRACTICE_NAMES + list(COUNTRIES) + list(ABBREVIATIONS))
def test_zensical_search_shows_the_expected_page_among_the_first_three_results(
        visit, zensical_url, kb, query):
    expected = expected_pages(kb, query)
    assert expected, f"no entry matches {query!r}: the test list is out of date"
    tab = visit()
    tab.page.goto(zensical_url)
    results = search(tab.page, query)[:3]
    # A practice is its page (or its title's anchor on it); a glossary term an anchor.
    assert (set(results) | {result.split("#")[0] for result in results}) & expected, results
    assert tab.errors == []


# The words the French site's search found nothing for (and German ones like them): the
# separator both engines read ends a word at an apostrophe or a quotation mark, and
# Zensical's own search reads a word without its accents. The pages that answer are the
# query sets' (tests/fixtures/search_queries.<language>.yml).
FIRST_WITHOUT_BOOSTS = 10
TRANSLATED_WORDS = [("fr", "autisme"), ("fr", "autiste"), ("fr", "polarisation"),
                    ("fr", "déradicalisation"), ("fr", "deradicalisation"),
                    ("de", "Autismus"), ("de", "Deradikalisierung"), ("de", "Gefangnis")]


@pytest.mark.parametrize(("code", "query"), TRANSLATED_WORDS,
                         ids=[f"{code}-{query}" for code, query in TRANSLATED_WORDS])
def test_zensical_search_finds_the_translated_pages_of_a_word(visit, zensical_url, code,
                                                              query):
    queries = yaml.safe_load((FIXTURES / f"search_queries.{code}.yml").read_text("utf-8"))
    expected = next(entry["pages"] for entry in queries if entry["query"] == query)
    tab = visit()
    tab.page.goto(f"{zensical_url}{code}/")
    results = [link.split("#")[0].removeprefix(f"/{code}/") for link in search(tab.page, query)]
    # Zensical ranks without the site's boosts: the pages of the practices and meetings that
    # use the word may come first (README, "Build engines").
    assert set(results[:FIRST_WITHOUT_BOOSTS]) & set(expected), results
    assert tab.errors == []
