"""A page for every practice and every meeting or paper, in every language; the catalogues
as compact lists whose rows keep the old addresses (`practices/#id`) working."""

from __future__ import annotations

import re

import yaml

from conftest import PHONE_390, build_site, copy_project, language_folders, serve
from macros import site_map
from macros.validate import load_knowledge_base
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
                continue
            # The browser tab names it in plain text (a translated title carries markup: its
            # language, the English in brackets).
            tab = re.search(r"<title>(.*?)</title>", page.read_text(encoding="utf-8"), re.S)
            if "<" in visible_text(tab.group(1)):
                missing.append((folder.name, entry.id, visible_text(tab.group(1))))
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


def test_a_long_list_goes_on_over_pages_and_every_old_address_still_leads_home(
        tmp_path, browser):
    """Past `LIST_ROWS` practices, the catalogue and the table go on over further pages,
    each entry a row on exactly one of them; an old address of an entry whose row is not on
    the first page still reaches its page."""
    project = copy_project(tmp_path)
    topic = next(p.topics[0] for p in load_knowledge_base([project / "data"])
                 .collections["practices"] if p.topics)
    extra = [{"id": f"listed-practice-{number}", "name": f"Listed practice {number}",
              "country": "DE", "status": "not-stated", "topics": [topic],
              "summary": "A practice added to make the list long.",
              "sources": [{"document": "ran-health-overview-2021", "section": "Practices"}]}
             for number in range(site_map.LIST_ROWS)]
    (project / "data" / "long-list.yml").write_text(
        yaml.safe_dump({"practices": extra}), encoding="utf-8")
    result = build_site(project)
    assert result.returncode == 0, result.stderr
    site = project / "site"
    kb = load_knowledge_base([project / "data"])
    practices = [entry.id for entry in kb.collections["practices"]]
    parts = site_map.list_parts(len(practices))
    assert parts > 1
    for folder in [site, *(site / code for code in language_folders(site))]:
        for page in ("practices.md", "tables/practices.md"):
            rows = []
            for part in range(1, parts + 1):
                html = html_file(folder, site_map.list_part(page, part)).read_text("utf-8")
                rows += re.findall(r'<td data-label="[^"]*" role="cell">(?:<span id="[^"]+" '
                                   r'class="kb-entry-row"></span>)?(?:<span class="kb-chip[^<]*'
                                   r'</span> )?<a href="(?:\.\./)*(?:practices/)?([a-z0-9-]+)/"',
                                   html)
            assert sorted(rows) == sorted(practices), (folder.name, page)
    with serve(site) as url:
        tab = browser.new_page()
        last = practices[-1]
        tab.goto(f"{url}practices/#{last}")
        tab.wait_for_url(f"{url}practices/{last}/")
        tab.goto(f"{url}practices/")
        tab.locator(".kb-pager a", has_text=str(parts)).click()
        tab.wait_for_url(url + site_map.list_part("practices.md", parts).removesuffix(".md")
                         + "/")
        tab.close()
