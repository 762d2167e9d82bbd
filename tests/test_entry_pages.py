"""A page for every practice and every meeting or paper, in every language; the catalogues
as compact lists whose rows keep the old addresses (`practices/#id`) working."""

from __future__ import annotations

import re

from conftest import PHONE_390, build_site, copy_project, language_folders
from macros import site_map
from test_site import html_file, visible_text

ENTRY_COLLECTIONS = list(site_map.ENTRY_PAGE_FOLDERS)


def entries(kb):
    return [entry for name in ENTRY_COLLECTIONS for entry in kb.collections[name]]


def test_every_practice_and_meeting_has_its_page_titled_by_it_in_every_language(built, kb):
    site, _ = built
    missing = []
    for folder in [site, *(site / code for code in language_folders(site))]:
        for entry in entries(kb):
            page = html_file(folder, site_map.page_of(kb, entry.id))
            heading = page.is_file() and re.search(
                r"<h1[^>]*>(.*?)</h1>", page.read_text(encoding="utf-8"), re.S)
            # The title's element carries the entry's id: `#id` on its page reaches it too.
            if not heading or f'id="{entry.id}"' not in heading.group(0):
                missing.append((folder.name, entry.id))
    assert missing == []


def test_an_entry_page_shows_its_text_sources_and_what_its_themes_conclude(built, kb):
    site, _ = built
    for entry in entries(kb):
        text = visible_text(html_file(site, site_map.page_of(kb, entry.id))
                            .read_text(encoding="utf-8"))
        assert " ".join(entry.summary.split()) in text, entry.id
        for ref in entry.sources:
            assert kb.get(ref.document).title in text, (entry.id, ref.document)
        for topic in entry.topics:
            for lesson in kb.referrers(topic, "topic", "lessons"):
                assert " ".join(lesson.text.split()) in text, (entry.id, lesson.id)


def test_each_catalogue_row_keeps_its_entrys_old_address_and_links_to_its_page(built, kb):
    """`practices/#id` still lands on the entry: the catalogue's row holds the id, its
    first link leads to the entry's page; in every language."""
    site, _ = built
    for folder in [site, *(site / code for code in language_folders(site))]:
        for name in ENTRY_COLLECTIONS:
            page = html_file(folder, site_map.CATALOGUE_PAGES[name]).read_text(encoding="utf-8")
            for entry in kb.collections[name]:
                row = re.search(rf'<span id="{entry.id}" class="kb-entry-row"></span>'
                                r'.*?<a href="([^"]+)"', page, re.S)
                assert row and row.group(1) == f"{entry.id}/", (folder.name, entry.id)


def test_a_catalogue_stays_compact_whatever_its_entries_hold(built, kb):
    """The catalogue page holds names and facts, not the entries' texts."""
    site, _ = built
    for name in ENTRY_COLLECTIONS:
        text = visible_text(html_file(site, site_map.CATALOGUE_PAGES[name])
                            .read_text(encoding="utf-8"))
        shown = [entry.id for entry in kb.collections[name]
                 if " ".join(entry.summary.split()) in text]
        assert shown == [], name


def test_an_old_address_of_an_entry_leads_to_its_page(visit, site_url, kb):
    tab = visit(PHONE_390)
    for name in ENTRY_COLLECTIONS:
        entry = kb.collections[name][-1]
        tab.page.goto(f"{site_url}{name}/#{entry.id}")
        tab.page.wait_for_url(f"{site_url}{name}/{entry.id}/")
        assert tab.page.locator("h1").inner_text().startswith(
            getattr(entry, "name", None) or entry.title)
    assert tab.errors == []


def test_an_entry_whose_page_would_replace_a_page_written_by_hand_fails_with_its_place(
        tmp_path):
    """The build writes entry pages into its staging copy of docs/, never over a page of
    docs/ (nor into docs/ itself)."""
    project = copy_project(tmp_path)
    (project / "docs" / "practices").mkdir()
    (project / "docs" / "practices" / "hayat.md").write_text("# By hand\n", encoding="utf-8")
    result = build_site(project)
    assert result.returncode != 0
    assert re.search(r"data/themes/[\w-]+\.yml:\d+: hayat: id: its page would replace "
                     r"docs/practices/hayat\.md", result.stderr), result.stderr
    assert sorted(p.name for p in (project / "docs" / "practices").iterdir()) == ["hayat.md"]
