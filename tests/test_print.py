"""Printing: any page prints as content only, with link addresses; the PDF edition holds it
all (test_pdf.py: the print page offers it)."""

from __future__ import annotations

import re

from conftest import ROOT
from macros.configuration import project_of
from macros.pdf import to_html
from macros.stages.load import load

PRINTED = ["themes", "meetings", "practices", "lessons", "questions", "challenges",
           "solutions", "guidelines", "care_points", "glossary", "sources", "notes"]


def test_the_pdf_edition_holds_every_entry_once(kb):
    """The book the PDF is made from (its HTML, before WeasyPrint lays it out): every entry
    of the data has its place in it, once."""
    book = load(project_of(ROOT / "mkdocs.yml")).book()
    ids = re.findall(r' id="([^"]+)"', to_html(book.front + book.body))
    for collection in PRINTED:
        for entry in kb.collections[collection]:
            assert ids.count(entry.id) == 1, (collection, entry.id)


def test_a_printed_page_shows_only_content_and_the_address_of_each_link(visit, site_url):
    tab = visit()
    tab.page.goto(site_url + "themes/lone-actors/")
    tab.page.emulate_media(media="print")
    tab.page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    hidden = tab.page.evaluate("""() => ['.md-header', '.md-sidebar--primary', '.md-footer']
        .map(s => getComputedStyle(document.querySelector(s)).display)""")
    assert hidden == ["none", "none", "none"]
    after = tab.page.evaluate("""() => {
        const a = document.querySelector('article a[href*="practices/vera-2/"]');
        return getComputedStyle(a, '::after').content; }""")
    assert "practices/vera-2/" in after and after.startswith('" <http://127.0.0.1')
