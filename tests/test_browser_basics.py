"""In a real browser: pages load cleanly on a phone, and search finds what people look for."""

from __future__ import annotations

import pytest

from conftest import PHONE, page_paths, search


def test_no_page_logs_a_console_error_or_scrolls_sideways_on_a_phone(visit, site_url, built):
    tab = visit(PHONE)
    for path in page_paths(built[0]):
        tab.page.goto(site_url + path)
        overflow = tab.page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px"
    assert tab.errors == []


PRACTICE_NAMES = ["HAYAT", "Legato", "Anchor work", "Steunpunt Sabr"]
COUNTRIES = {"Germany": "DE", "Finland": "FI", "Denmark": "DK"}
ABBREVIATIONS = {"PFA": "term-pfa", "DSG": "term-dsg", "MAW": "term-maw"}
MEETING_TITLES = ["Grooming for terror", "Ethics for mental health professionals"]


def expected_pages(kb, query: str) -> set[str]:
    """Where a search for `query` should lead: computed from the data, not typed in."""
    if query in COUNTRIES:
        return {f"/practices/#{p.id}" for p in kb.collections["practices"]
                if p.country == COUNTRIES[query]}
    if query in ABBREVIATIONS:
        return {f"/glossary/#{ABBREVIATIONS[query]}"}
    practices = {f"/practices/#{p.id}" for p in kb.collections["practices"]
                 if p.name.lower() == query.lower()}
    meetings = {f"/meetings/#{m.id}" for m in kb.collections["meetings"]
                if m.title.lower().startswith(query.lower())}
    return practices | meetings


@pytest.mark.parametrize("query", PRACTICE_NAMES + list(COUNTRIES) + list(ABBREVIATIONS)
                         + MEETING_TITLES)
def test_search_shows_the_expected_page_among_the_first_three_results(
        visit, site_url, kb, query):
    expected = expected_pages(kb, query)
    assert expected, f"no entry matches {query!r}: the test list is out of date"
    tab = visit()
    tab.page.goto(site_url)
    results = search(tab.page, query)[:3]
    assert set(results) & expected, results
