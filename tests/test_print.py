"""Printing: any page prints as content only, with link addresses; one page holds it all."""

from __future__ import annotations

PRINTED = ["themes", "meetings", "practices", "lessons", "questions", "challenges",
           "solutions", "guidelines", "care_points", "glossary", "sources", "notes"]


def test_the_printable_page_holds_every_entry_once(built, kb):
    import re
    site, _ = built
    html = (site / "print" / "index.html").read_text(encoding="utf-8")
    ids = re.findall(r' id="([^"]+)"', html)
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


def test_the_printable_page_opens_with_its_title_and_contents_and_starts_each_part_on_a_page(
        visit, site_url, kb):
    tab = visit()
    tab.page.goto(site_url + "print/")
    tab.page.emulate_media(media="print")
    tab.page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    parts = tab.page.eval_on_selector_all(
        ".kb-print-sections > h2", "hs => hs.map(h => [h.id, getComputedStyle(h).breakBefore])")
    contents = tab.page.eval_on_selector_all(
        ".kb-print-contents li > a", "links => links.map(a => a.getAttribute('href'))")
    assert contents == [f"#{part}" for part, _ in parts]
    assert {brk for _, brk in parts} == {"page"}  # a page break before every part
    themes = [t.id for t in kb.collections["themes"] if t.level != "topic"]
    assert set(themes) <= {part for part, _ in parts}
    first = tab.page.evaluate("""() => [document.querySelector('article h1').textContent,
        document.querySelector('.kb-print-contents').getBoundingClientRect().top,
        document.querySelector('.kb-print-sections > h2').getBoundingClientRect().top]""")
    title, contents_top, first_part_top = first
    assert title.startswith("The whole knowledge base")
    # The first page holds the title and the contents list, not a lone heading.
    assert contents_top < 300 and first_part_top - contents_top > 400
    in_page = tab.page.eval_on_selector_all(
        ".kb-print-contents a[data-print-url]", "links => links.length")
    assert in_page == 0  # no address printed after a link within the page
