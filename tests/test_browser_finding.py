"""In a real browser: role pathways, filterable tables, glossary tooltips."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from conftest import PHONE

ROLES = ["individual-practitioners", "among-colleagues", "sector-organisations",
         "national-local-government"]


def link_targets(page) -> list[str]:
    """The content's links, without the page's own chrome (permalinks, language switcher)."""
    return page.eval_on_selector_all("article a[href]:not(.headerlink, .kb-languages a)",
                                     "links => links.map(a => a.href)")


@pytest.mark.parametrize("role", ROLES)
def test_a_role_pathway_shows_every_item_it_promises_and_links_where_it_comes_from(
        visit, site_url, kb, role):
    tab = visit(PHONE)
    tab.page.goto(f"{site_url}for/{role}/")
    shown = " ".join(tab.page.inner_text("article").split())
    # Where each link leads: an entry's anchor, or a page of its own (a theme's).
    targets = {urlsplit(link).fragment or urlsplit(link).path.rstrip("/").rsplit("/")[-1]
               for link in link_targets(tab.page)}
    promised = {
        "guidelines": kb.referrers(role, "level", "guidelines"),
        "lessons": kb.referrers(role, "audiences", "lessons"),
        "questions": kb.referrers(role, "audiences", "questions"),
        "practices": kb.referrers(role, "audiences", "practices"),
    }
    assert promised["guidelines"] and promised["lessons"], "each role has both in the data"
    for kind in ("guidelines", "lessons", "questions"):  # the advice itself, as text
        for entry in promised[kind]:
            assert " ".join(entry.text.split()) in shown, (kind, entry.id)
    for entry in promised["lessons"] + promised["questions"]:  # and where it comes from
        assert entry.topic in targets, entry.id
    assert {practice.id for practice in promised["practices"]} <= targets
    assert tab.errors == []


def test_the_home_page_offers_the_role_pathways_first(visit, site_url):
    tab = visit(PHONE)
    tab.page.goto(site_url)
    first_links = [urlsplit(link).path for link in link_targets(tab.page)][:4]
    assert sorted(first_links) == sorted(f"/for/{role}/" for role in ROLES)


def visible_rows(page) -> list[str]:
    return page.eval_on_selector_all(
        ".kb-table tbody tr:not([hidden]) td:first-child", "cells => cells.map(c => c.innerText)")


def test_filtering_the_practices_table_narrows_the_rows_and_the_address_keeps_it(
        visit, site_url, kb):
    tab = visit(PHONE)
    tab.page.goto(f"{site_url}tables/practices/")
    assert len(visible_rows(tab.page)) == len(kb.collections["practices"])
    tab.page.select_option("select[name=country]", "Germany")
    german = sorted(p.name for p in kb.collections["practices"] if p.country == "DE")
    assert sorted(visible_rows(tab.page)) == german
    assert "country=Germany" in tab.page.url
    tab.page.fill("input[name=q]", "families")
    narrowed = visible_rows(tab.page)
    assert narrowed and set(narrowed) < set(german)
    shared = tab.page.url  # a filtered view can be linked to
    other = visit(PHONE)
    other.page.goto(shared)
    assert visible_rows(other.page) == narrowed
    assert tab.errors == [] and other.errors == []


def test_sorting_the_meetings_table_by_date_puts_the_oldest_first(visit, site_url, kb):
    tab = visit()
    tab.page.goto(f"{site_url}tables/meetings/")
    tab.page.click("th:first-child button")
    first = tab.page.eval_on_selector(".kb-table tbody tr td:nth-child(2)", "c => c.innerText")
    oldest = min(kb.collections["meetings"], key=lambda m: m.date)
    assert first == oldest.title


def test_an_abbreviation_shows_its_glossary_meaning_on_hover_and_on_focus(visit, site_url, kb):
    tab = visit()
    tab.page.goto(f"{site_url}caring-for-caregivers/")
    abbr = tab.page.locator("abbr", has_text="PFA").first
    expected = kb.get("term-pfa").expansion
    assert abbr.get_attribute("title") is None or expected in abbr.get_attribute("title")
    abbr.hover()
    tooltip = tab.page.locator(".kb-tooltip")
    tooltip.wait_for(state="visible")
    assert expected in tooltip.inner_text()
    tab.page.mouse.move(0, 0)
    tooltip.wait_for(state="hidden")
    abbr.focus()
    tab.page.keyboard.press("Shift+Tab")
    tab.page.keyboard.press("Tab")  # reach it by keyboard
    assert tab.page.evaluate("document.activeElement.textContent") == "PFA"
    tooltip.wait_for(state="visible")
    assert expected in tooltip.inner_text()
