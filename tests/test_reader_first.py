"""On a phone, the advice comes before the apparatus (issue 12): tried in Chromium at 390×844."""

from __future__ import annotations

from conftest import PHONE_390, reader_pages

OPEN_NOTES = """() => [...document.querySelectorAll('article .admonition.note, article .note')]
    .filter(note => note.tagName !== 'DETAILS' || note.open)
    .filter(note => { const box = note.getBoundingClientRect();
                      return box.height > 0 && box.top < innerHeight && box.bottom > 0; })
    .map(note => note.textContent.trim().slice(0, 60))"""


def test_no_note_is_open_on_the_first_phone_screen_of_any_reader_page(visit, site_url, kb):
    pages = reader_pages(kb)
    assert len(pages) == 23  # home, 4 roles, 4 self-checks, 12 themes, 2 documents
    tab = visit(PHONE_390)
    found = {}
    for path in pages:
        tab.page.goto(site_url + path)
        if notes := tab.page.evaluate(OPEN_NOTES):
            found[path] = notes
    assert found == {}
    assert tab.errors == []


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
