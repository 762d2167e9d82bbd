"""Search answers the words a practitioner types: the query set in fixtures/search_queries.yml,
typed into the real search box in Chromium, each answered among the first three pages."""

from __future__ import annotations

import pytest
import yaml

from conftest import FIXTURES, search_result_pages

QUERIES = yaml.safe_load((FIXTURES / "search_queries.yml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def search_tab(browser, site_url):
    """One tab for the whole query set: search opens once, each query replaces the last."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(site_url)
    yield page
    context.close()


def test_the_query_set_is_large_and_varied_enough():
    kinds = {entry["kind"] for entry in QUERIES}
    assert len(QUERIES) >= 40
    assert {"question", "word", "misspelling", "variant", "country", "abbreviation",
            "expansion", "name"} <= kinds


@pytest.mark.parametrize("entry", QUERIES, ids=[entry["query"] for entry in QUERIES])
def test_every_everyday_query_finds_its_answer_among_the_first_three_pages(search_tab, entry):
    pages = search_result_pages(search_tab, entry["query"])
    assert set(pages[:3]) & set(entry["pages"]), pages[:5]


def test_self_check_pages_are_previewed_by_their_guidance_not_their_form_labels(built, kb):
    import json
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


def test_apparatus_pages_rank_below_the_pages_readers_come_for(built):
    import json
    site, _ = built
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    boosts = {doc["location"]: doc.get("boost", 1) for doc in index["docs"]}
    for apparatus in ("editorial-notes/", "data-model/", "downloads/", "hosting/"):
        assert boosts[apparatus] < 1, apparatus
    for reader in ("help-the-helper/", "for/individual-practitioners/", "themes/ethics/"):
        assert boosts[reader] > 1, reader


@pytest.mark.parametrize("code", ["en", "fr", "de"])
def test_every_word_of_the_index_ends_at_quotation_marks_and_apostrophes(built, code):
    """The index's separator splits a French elision ("l'autisme") and a German quotation
    („Help“): a word that keeps them is found by nobody who types it."""
    import json
    import re
    site, _ = built
    folder = site if code == "en" else site / code
    index = json.loads((folder / "search" / "search_index.json").read_text(encoding="utf-8"))
    separator = re.compile(index["config"]["separator"])
    glued = set()
    for doc in index["docs"]:
        text = re.sub(r"<[^>]+>", " ", doc["title"] + " " + doc["text"])
        glued |= {word for word in separator.split(text) if re.search(r"['’‘«»„“”‚]", word)}
    assert glued == set()
    words = separator.split("l'autisme d’épuisement „Hilfe“ «\u00a0aide\u00a0»")
    assert list(filter(None, words)) == ["l", "autisme", "d", "épuisement", "Hilfe", "aide"]
