"""On a phone, the advice comes before the apparatus (issue 12): tried in Chromium at 390×844."""

from __future__ import annotations

import re

from conftest import PHONE_390, language_folders, page_paths, reader_pages
from test_site import visible_text

OPEN_NOTES = """() => [...document.querySelectorAll('article .admonition.note, article .note')]
    .filter(note => note.tagName !== 'DETAILS' || note.open)
    .filter(note => { const box = note.getBoundingClientRect();
                      return box.height > 0 && box.top < innerHeight && box.bottom > 0; })
    .map(note => note.textContent.trim().slice(0, 60))"""


def test_no_note_is_open_on_the_first_phone_screen_of_any_reader_page(visit, site_url, kb):
    pages = reader_pages(kb)
    tab = visit(PHONE_390)
    found = {}
    for path in pages:
        tab.page.goto(site_url + path)
        if notes := tab.page.evaluate(OPEN_NOTES):
            found[path] = notes
    assert found == {}
    assert tab.errors == []


# The advice on the first phone screen: items after the guidelines' heading, wholly on the
# screen, whose own words are text, not the text of a link.
ADVICE_ON_FIRST_SCREEN = """() => {
    const start = document.querySelector('#role-guidelines, #guidelines');
    const after = e => start.compareDocumentPosition(e) & Node.DOCUMENT_POSITION_FOLLOWING;
    const onScreen = e => { const box = e.getBoundingClientRect();
                            return box.height > 0 && box.top >= 0 && box.bottom <= innerHeight; };
    const ownWords = e => { const copy = e.cloneNode(true);
                            copy.querySelectorAll('a, ul, ol').forEach(x => x.remove());
                            return copy.textContent.trim(); };
    return [...document.querySelectorAll('article li, article .admonition.tip > p:last-child')]
        .filter(e => after(e) && onScreen(e) && ownWords(e).length >= 8).map(ownWords);
}"""


def test_the_first_phone_screen_of_each_pathway_page_and_help_the_helper_gives_advice(
        visit, site_url, kb, built):
    tab = visit(PHONE_390)
    pages = ["help-the-helper/", *(f"for/{a.id}/" for a in kb.collections["audiences"])]
    found = {}
    for language in ["", *(f"{code}/" for code in language_folders(built[0]))]:
        for path in pages:
            tab.page.goto(site_url + language + path)
            advice = tab.page.evaluate(ADVICE_ON_FIRST_SCREEN)
            if len(advice) < 2:
                found[language + path] = advice
    assert found == {}


LONGEST_LINK = 60  # characters: a longer text is shown as text with a short link after it


def test_no_reader_page_in_any_language_has_a_link_longer_than_a_short_phrase(built, kb):
    site, _ = built
    found = {}
    for language in ["", *(f"{code}/" for code in language_folders(site))]:
        for path in reader_pages(kb):
            page = (site / language / path / "index.html").read_text(encoding="utf-8")
            article = re.search(r"<article.*?</article>", page, re.S).group(0)
            article = re.sub(r"<(\w+)[^>]*\bhidden\b[^>]*>.*?</\1>", "", article, flags=re.S)
            for link in re.findall(r"<a\b[^>]*>(.*?)</a>", article, re.S):
                text = visible_text(link)
                if len(text) > LONGEST_LINK:
                    found.setdefault(language + path, []).append(text)
    assert found == {}


def test_a_pointer_to_a_collapsed_note_opens_it(visit, site_url, kb):
    note = next(n for n in kb.collections["notes"] if n.id == "note-hth-solutions-layout")
    assert note.about == "layout" and len(note.annotates) > 1
    tab = visit(PHONE_390)
    tab.page.goto(site_url + "help-the-helper/")
    details = f"document.getElementById('{note.id}').closest('details')"
    assert tab.page.evaluate(f"{details}.open") is False
    tab.page.click(f"a[href='#{note.id}']")
    tab.page.wait_for_function(f"{details}.open")


def test_the_home_page_offers_the_roles_as_large_targets_then_search_self_checks_and_themes(
        visit, site_url, kb):
    tab = visit(PHONE_390)
    tab.page.goto(site_url)
    for audience in kb.collections["audiences"]:
        card = tab.page.locator(f".kb-cards--roles li:has(a[href='for/{audience.id}/'])")
        box = card.bounding_box()
        assert box["width"] >= 300 and box["height"] >= 48, (audience.id, box)
        # Anywhere on the card, even off the words of its link, a tap follows the link.
        target = tab.page.evaluate(
            "([x, y]) => document.elementFromPoint(x, y).closest('a')?.getAttribute('href')",
            [box["x"] + box["width"] - 12, box["y"] + box["height"] - 8])
        assert target == f"for/{audience.id}/", audience.id
        assert tab.page.locator(f"article a[href='self-check/{audience.id}/']").count() == 1
    for theme in kb.collections["themes"]:
        if theme.level == "main-theme":
            assert tab.page.locator(f"article a[href='themes/{theme.id}/']").count() >= 1
    tab.page.click("article label[for=__search]")
    tab.page.locator("input[data-md-component=search-query]").wait_for(state="visible")
    assert tab.errors == []


CLIPPED_TABLES = """() => [...document.querySelectorAll('article table')]
    .filter(table => table.getBoundingClientRect().right > innerWidth + 1
                     || table.scrollWidth > table.clientWidth + 1
                     || [...table.querySelectorAll('td, th')].some(cell => cell.offsetWidth
                        && cell.getBoundingClientRect().right > innerWidth + 1))
    .map(table => table.rows[0].textContent.trim().replace(/\\s+/g, ' ').slice(0, 50))"""


def test_no_page_scrolls_sideways_or_cuts_off_a_table_column_at_390_px(visit, site_url, built):
    tab = visit(PHONE_390)
    found = {}
    for path in page_paths(built[0]):
        tab.page.goto(site_url + path)
        overflow = tab.page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth")
        clipped = tab.page.evaluate(CLIPPED_TABLES)
        if overflow > 0 or clipped:
            found[path] = (overflow, clipped)
    assert found == {}


def test_table_filters_work_by_touch_and_keyboard_and_clear_filters_resets_them(
        visit, site_url, kb):
    tab = visit(PHONE_390, has_touch=True)
    tab.page.goto(site_url + "tables/practices/")
    rows = ".kb-table tbody tr:not([hidden])"
    everything = tab.page.locator(rows).count()
    assert everything == len(kb.collections["practices"])
    for control in tab.page.locator(".kb-table__filters :is(input, select, button)").all():
        assert control.bounding_box()["height"] >= 44  # a finger's width
    tab.page.focus("select[name=country]")
    tab.page.keyboard.press("ArrowDown")  # the first country, by keyboard alone
    narrowed = tab.page.locator(rows).count()
    assert 0 < narrowed < everything
    tab.page.locator("button", has_text="Clear filters").tap()
    assert tab.page.locator(rows).count() == everything
    assert tab.page.input_value("select[name=country]") == ""


def test_the_practices_page_sends_the_reader_to_the_table_filtered_by_country(
        visit, site_url, kb):
    from macros.render import country_name
    tab = visit(PHONE_390)
    tab.page.goto(site_url + "practices/")
    countries = {country_name(p.country) for p in kb.collections["practices"] if p.country}
    offered = tab.page.eval_on_selector_all(
        ".kb-filter-links a[href*='country=']", "links => links.map(a => a.textContent)")
    assert sorted(offered) == sorted(countries)
    tab.page.click(".kb-filter-links a[href$='country=Germany']")
    shown = tab.page.eval_on_selector_all(
        ".kb-table tbody tr:not([hidden]) td:first-child", "cells => cells.map(c => c.innerText)")
    assert sorted(shown) == sorted(p.name for p in kb.collections["practices"]
                                   if p.country == "DE")
