"""Search answers the words a practitioner types, in every language of the site: the query
sets in fixtures/search_queries*.yml, typed into the real search box in Chromium, each
answered among the first pages; and the site's apparatus ranks below the pages that advise."""

from __future__ import annotations

import json
import re

import pytest
import yaml

from conftest import FIXTURES, search_result_pages

# One query set a language: what a practitioner types there, and the pages that answer it.
QUERY_FILES = {"en": "search_queries.yml", "fr": "search_queries.fr.yml",
               "de": "search_queries.de.yml"}
QUERIES = {code: yaml.safe_load((FIXTURES / name).read_text(encoding="utf-8"))
           for code, name in QUERY_FILES.items()}
CASES = [(code, entry) for code, entries in QUERIES.items() for entry in entries]

# The pages readers come to for advice, and the site's apparatus: how it is built and
# hosted, its downloads, the editors' notes on the sources.
ADVICE = re.compile(r"^(for/|themes/|help-the-helper/|caring-for-caregivers/)")
APPARATUS = ("editorial-notes/", "data-model/", "downloads/", "hosting/")


def search_index(built, code: str) -> dict:
    site, _ = built
    folder = site if code == "en" else site / code
    return json.loads((folder / "search" / "search_index.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def found(browser, site_url):
    """The pages a query finds in a language, in order: one tab a language, search opened
    once in it, each query replacing the last; each query typed once for all tests."""
    context = browser.new_context()
    tabs, results = {}, {}

    def pages(code: str, query: str) -> list[str]:
        if code not in tabs:
            tabs[code] = context.new_page()
            tabs[code].goto(site_url if code == "en" else f"{site_url}{code}/")
        if (code, query) not in results:
            results[code, query] = search_result_pages(tabs[code], query)
        return results[code, query]

    yield pages
    context.close()


@pytest.mark.parametrize("code", QUERIES)
def test_the_query_set_of_each_language_is_large_and_varied_enough(code):
    kinds = {entry["kind"] for entry in QUERIES[code]}
    assert len(QUERIES[code]) >= (40 if code == "en" else 25)
    assert {"question", "word", "misspelling", "abbreviation", "expansion", "name"} <= kinds
    if code != "en":  # accents left out, and a word's plural
        assert {"accents", "plural"} <= kinds
    typed = {entry["query"] for entry in QUERIES[code]}
    assert {"MAW", "PFA", "DRR", "P/CVE"} <= typed


@pytest.mark.parametrize(("code", "entry"), CASES,
                         ids=[f"{code}-{entry['query']}" for code, entry in CASES])
def test_every_everyday_query_finds_its_answer_among_the_first_pages(found, code, entry):
    pages = found(code, entry["query"])
    assert set(pages[:entry.get("first", 3)]) & set(entry["pages"]), pages[:5]


@pytest.mark.parametrize(("code", "entry"), CASES,
                         ids=[f"{code}-{entry['query']}" for code, entry in CASES])
def test_no_apparatus_page_ranks_above_a_page_that_advises(found, code, entry):
    pages = found(code, entry["query"])
    advice = [rank for rank, page in enumerate(pages) if ADVICE.match(page)]
    apparatus = [rank for rank, page in enumerate(pages) if page in APPARATUS]
    assert not advice or not apparatus or max(advice) < min(apparatus), pages


@pytest.mark.parametrize("code", QUERIES)
def test_a_hyphenated_word_is_found_written_either_way(built, found, code):
    """"burnout" and "burn-out" find the same pages, among them every page that writes
    either: the index holds a hyphenated word as its parts and as one word, and a query
    asks for it as one word."""
    written = {doc["location"].split("#")[0] for doc in search_index(built, code)["docs"]
               if re.search(r"\bburn-?out\b", doc["title"] + " " + doc["text"], re.I)}
    assert written, "the site no longer writes burnout: choose another hyphenated word"
    joined, hyphenated = found(code, "burnout"), found(code, "burn-out")
    assert set(joined) == set(hyphenated)
    assert written <= set(joined) or len(joined) >= 10, written - set(joined)


def test_self_check_pages_are_previewed_by_their_guidance_not_their_form_labels(built, kb):
    site, _ = built
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    for audience in kb.collections["audiences"]:
        entries = [doc for doc in index["docs"]
                   if doc["location"].startswith(f"self-check/{audience.id}/")]
        text = " ".join(doc["text"] for doc in entries)
        first = kb.referrers(audience.id, "level", "guidelines")[0]
        assert first.text.split()[0] in text, audience.id
        for label in ("In place", "Partly", "Not yet", "Private note"):
            assert label not in text, (audience.id, label)


@pytest.mark.parametrize("code", QUERIES)
def test_apparatus_pages_rank_below_the_pages_readers_come_for(built, code):
    boosts = {doc["location"]: doc.get("boost", 1) for doc in search_index(built, code)["docs"]}
    for reader in ("help-the-helper/", "for/individual-practitioners/", "themes/ethics/",
                   "themes/multi-agency-working/"):
        assert boosts[reader] >= 2, reader
    for apparatus in APPARATUS:
        # A word in an apparatus page's title (a title counts 20 times) weighs less than
        # the same word once in the text of a page that advises.
        assert boosts[apparatus] * 20 < boosts["help-the-helper/"], apparatus


@pytest.mark.parametrize("code", QUERIES)
def test_every_word_of_the_index_ends_at_quotation_marks_and_apostrophes(built, code):
    """The index's separator splits a French elision ("l'autisme") and a German quotation
    („Help“): a word that keeps them is found by nobody who types it."""
    index = search_index(built, code)
    separator = re.compile(index["config"]["separator"])
    glued = set()
    for doc in index["docs"]:
        text = re.sub(r"<[^>]+>", " ", doc["title"] + " " + doc["text"])
        glued |= {word for word in separator.split(text) if re.search(r"['’‘«»„“”‚]", word)}
    assert glued == set()
    words = separator.split("l'autisme d’épuisement „Hilfe“ «\u00a0aide\u00a0»")
    assert list(filter(None, words)) == ["l", "autisme", "d", "épuisement", "Hilfe", "aide"]
