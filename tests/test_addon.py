"""An organisation adds its own contacts, practices, notes and branding without touching
upstream files; its entries are validated like upstream ones and marked as local."""

from __future__ import annotations

import hashlib
import html
import re
import subprocess
import sys
import zipfile

import pytest
import yaml

from conftest import ROOT, build_site, copy_project
from macros.validate import load_knowledge_base
from test_site import section, visible_text

ADDON = "examples/local-addon/mkdocs.yml"


def fingerprint(project) -> dict[str, str]:
    return {str(p.relative_to(project)): hashlib.sha256(p.read_bytes()).hexdigest()
            for folder in ("docs", "data", "macros", "overrides")
            for p in sorted((project / folder).rglob("*")) if p.is_file()
            and "__pycache__" not in p.parts} | {
        "mkdocs.yml": hashlib.sha256((project / "mkdocs.yml").read_bytes()).hexdigest()}


# Local entries of the other kinds an organisation may add (illustrations, as in the example).
MORE_LOCAL = """\
glossary:
  - id: term-ehs
    term: EHS
    definition: The Example Health Service, which hosts this copy.
    sources: [{document: help-the-helper-2020, section: 02 Solutions}]
meetings:
  - id: example-local-meeting
    title: Example local supervision day
    type: meeting
    date: "2024"
    summary: An illustration of a local meeting.
    sources: [{document: help-the-helper-2020, section: 02 Solutions}]
care_points:
  - id: example-local-care-point
    type: need
    text: An illustration of a local care point.
    sources: [{document: caring-for-caregivers, section: Needs}]
guidelines:
  - id: example-local-guideline
    level: among-colleagues
    text: An illustration of a local guideline.
    sources: [{document: help-the-helper-2020, section: 05 Guidelines > Among colleagues}]
"""


# Zensical needs the add-on's settings rewritten (its folders must lie inside the project's),
# and runs no post-build event: the add-on is built on each engine.
@pytest.fixture(scope="module", params=["mkdocs", "zensical"])
def addon(tmp_path_factory, request):
    project = copy_project(tmp_path_factory.mktemp(f"addon-{request.param}"))
    (project / "examples" / "local-addon" / "data" / "more.yml").write_text(
        MORE_LOCAL, encoding="utf-8")
    before = fingerprint(project)
    result = build_site(project, ADDON, "addon-site", engine=request.param)
    assert result.returncode == 0, result.stdout + result.stderr
    return project, project / "addon-site", before


def read(site, page: str) -> str:
    return (site / page).read_text(encoding="utf-8")


def test_the_addon_builds_without_changing_any_upstream_file(addon):
    project, _, before = addon
    assert fingerprint(project) == before


def test_local_contacts_lead_the_home_page_with_working_links(addon):
    _, site, _ = addon
    home = read(site, "index.html")
    support = home.index('id="local-support"')
    assert support < home.index('id="for-you"')
    assert 'id="example-supervision-desk"' in home
    links = [html.unescape(href) for href in re.findall(r'href="([^"]*)"', home)]
    assert "tel:+00000000000" in links
    assert "mailto:supervision@example.org" in links
    assert "https://intranet.example.org/employee-assistance" in links


def test_local_practices_and_notes_are_shown_and_marked_local(addon):
    _, site, _ = addon
    practices = read(site, "practices/index.html")
    row = practices[practices.index('id="example-local-intervision-circle"'):]
    assert "kb-chip--local" in row[: row.index("</tr>")]  # in the catalogue's list
    own = read(site, "practices/example-local-intervision-circle/index.html")  # its page
    assert "kb-chip--local" in re.search(r"<h1.*?</h1>", own, re.S).group(0)
    hth = read(site, "help-the-helper/index.html")
    solution = hth[hth.index('id="hth-solution-2"'):hth.index('id="hth-solution-3"')]
    assert "Local note" in solution and "supervision desk" in solution
    # No upstream entry is marked (Zensical's table of contents, before the article,
    # repeats a heading's badge, so only the article is read)
    article = practices[practices.index("<article"):]
    assert "kb-chip--local" not in article[: article.index('id="example-local')]


# The example add-on's own translations (examples/local-addon/data/translations/).
LOCAL_TEXT = {"fr": ("Une illustration d'une pratique locale", "Réservez une supervision"),
              "de": ("Ein Beispiel für eine lokale Praxis", "Buchen Sie nach einem")}


@pytest.mark.parametrize("code", LOCAL_TEXT)
def test_an_addon_adds_its_local_text_in_each_language(addon, code):
    _, site, _ = addon
    practice, contact = LOCAL_TEXT[code]
    practices = visible_text(read(
        site, f"{code}/practices/example-local-intervision-circle/index.html"))
    assert practice in practices and "An illustration" not in practices
    assert contact in visible_text(read(site, f"{code}/index.html"))
    # a local entry it has not translated: the English, with the notice in the language
    interface = (site.parent / "data" / "translations" / code / "interface.yml")
    notice = yaml.safe_load(interface.read_text(encoding="utf-8"))["interface"][
        "Not yet translated: shown in English."]
    glossary = visible_text(section(read(site, f"{code}/glossary/index.html"), "term-ehs"))
    notice = " ".join(notice.split())  # as `visible_text` folds spaces, no-break ones too
    assert f"The Example Health Service, which hosts this copy. {notice}" in glossary


@pytest.mark.parametrize("page, entry", [("glossary/index.html", "term-ehs"),
                                         ("meetings/example-local-meeting/index.html",
                                          "example-local-meeting"),
                                         ("caring-for-caregivers/index.html",
                                          "example-local-care-point")])
def test_local_entries_of_every_kind_carry_the_local_badge(addon, page, entry):
    _, site, _ = addon
    html = read(site, page)
    element = re.search(rf'<(\w+)[^>]* id="{entry}".*?</\1>', html, re.S).group(0)
    assert "kb-chip--local" in element


def split(kb, entries) -> tuple[list, list]:
    """`entries` in two: the sources' and the organisation's own (the add-on's)."""
    return ([entry for entry in entries if not kb.is_local(entry.id)],
            [entry for entry in entries if kb.is_local(entry.id)])


def own_sentence(count: int, one: str, other: str, number: str | None = None) -> str:
    """What a page says of `count` entries of the organisation's own (`number` in place of
    the count: the interface string's slot)."""
    return (f"The organisation that hosts this copy has added {number or count} "
            f"{one if count == 1 else other} of its own, marked Local.")


@pytest.fixture(scope="module")
def addon_kb(addon):
    """The knowledge base the add-on was built from, its own entries marked local."""
    project, _, _ = addon
    return load_knowledge_base([project / "data"], [project / "examples" / "local-addon" / "data"])


def test_counts_of_the_sources_entries_leave_the_organisations_own_out_and_name_them_apart(
        addon, addon_kb):
    _, site, _ = addon
    kb = addon_kb

    def text(page: str) -> str:
        return visible_text(read(site, f"{page}/index.html"))

    practices, own_practices = split(kb, kb.collections["practices"])
    assert own_practices  # the example's local practice
    shown = text("practices")
    assert f"The practices that the source documents cite, {len(practices)} in all." in shown
    assert own_sentence(len(own_practices), "practice", "practices") in shown

    meetings, own_meetings = split(kb, kb.collections["meetings"])
    assert own_meetings
    own_meeting = own_sentence(len(own_meetings), "meeting or paper", "meetings and papers")
    shown = text("meetings")
    assert f"The RAN meetings and papers behind the knowledge base, {len(meetings)} in all, " \
           "newest first." in shown and own_meeting in shown
    years = sorted(meeting.date[:4] for meeting in meetings)
    shown = text("timeline")
    assert f"The {len(meetings)} RAN meetings and papers behind this knowledge base, from " \
           f"{years[0]} to {years[-1]}, oldest first." in shown and own_meeting in shown
    timeline = read(site, "timeline/index.html")
    for meeting in own_meetings:  # marked where it is listed
        line = timeline[timeline.index(f"/{meeting.id}/"):]
        assert "kb-chip--local" in line[:line.index("</li>")]

    notes, own_notes = split(kb, kb.collections["notes"])
    assert own_notes
    shown = text("editorial-notes")
    assert f"and all {len(notes)} are listed here." in shown
    assert own_sentence(len(own_notes), "note", "notes") in shown

    documents, _ = split(kb, kb.collections["sources"])
    own_entries = split(kb, [item.entry for item in kb.all()])[1]
    own_entries_said = own_sentence(len(own_entries), "entry", "entries")
    shown = text("sources")
    assert f"comes from the {len(documents)} documents below." in shown
    assert own_entries_said in shown
    page = read(site, "sources/index.html")
    for document in documents:
        items, own_items = split(kb, kb.referrers(document.id, "sources.document"))
        said = visible_text(section(page, document.id))
        assert f"In this knowledge base: {len(items)} entries come from this document." in said
        if own_items:
            assert (f"{len(own_items)} entr{'y' if len(own_items) == 1 else 'ies'} of the "
                    "organisation that hosts this copy, marked Local, cite"
                    f"{'s' if len(own_items) == 1 else ''} it too.") in said
    assert any(split(kb, kb.referrers(document.id, "sources.document"))[1]
               for document in documents)  # the example's entries name a document
    shown = text("about")
    assert f"This site presents the content of {len(documents)} source documents" in shown
    assert own_entries_said in shown

    role = "among-colleagues"
    listed = [kb.referrers(role, field, collection) for field, collection in (
        ("level", "guidelines"), ("audiences", "lessons"), ("audiences", "questions"),
        ("audiences", "practices"))]
    counts = [len(split(kb, entries)[0]) for entries in listed]
    own_here = [entry for entries in listed for entry in split(kb, entries)[1]]
    assert own_here  # the example's local practice is for colleagues
    named = [f"{counts[0]} Help the Helper guidelines",
             f"{counts[1]} lessons and recommendations"] + [
        f"{count} {kind}" for count, kind in zip(counts[2:], ("open questions", "practices"),
                                                 strict=True) if count]
    assert (f"On this page: {', '.join(named)}. "
            + own_sentence(len(own_here), "entry", "entries")) in text(f"for/{role}")
    page = read(site, f"for/{role}/index.html")
    items = re.findall(r"<li>.*?</li>", page, re.S)
    for entry in own_here:  # its item, found by its text (or its link, for a practice)
        said = " ".join(getattr(entry, "text", "").split())
        item = next(item for item in items if f"#{entry.id}" in item
                    or f"/{entry.id}/" in item or said and said in visible_text(item))
        assert "kb-chip--local" in item, entry.id

    guidelines, own_guidelines = split(kb, listed[0])
    assert own_guidelines
    shown = text(f"self-check/{role}")
    assert f"built on the {len(guidelines)} guidelines of Help the Helper" in shown
    assert own_sentence(len(own_guidelines), "guideline", "guidelines") in shown
    page = read(site, f"self-check/{role}/index.html")
    for guideline in own_guidelines:  # its question is marked too
        legend = re.search(rf'data-id="{guideline.id}">\s*<legend>.*?</legend>', page, re.S)
        assert "kb-chip--local" in legend.group(0)


@pytest.mark.parametrize("code, badge", [("fr", "Local"), ("de", "Lokal")])
def test_the_organisations_own_entries_are_counted_apart_in_each_language(addon, addon_kb,
                                                                         code, badge):
    _, site, _ = addon
    interface = yaml.safe_load((site.parent / "data" / "translations" / code / "interface.yml")
                               .read_text(encoding="utf-8"))["interface"]
    practices, own = split(addon_kb, addon_kb.collections["practices"])
    page = read(site, f"{code}/practices/index.html")
    shown = visible_text(page)
    counted = interface["The practices that the source documents cite, %(count)s in all. Each "
                        "shows where it is from, what the sources show about its place in the "
                        "RAN collection of practices, and the themes that cite it. The overview "
                        "paper prints most of its practices as links but does not say in words "
                        "that they are in the collection; where the site says they are, that "
                        "is the editors' reading."]
    folded = " ".join  # `visible_text` folds spaces, no-break ones included
    assert folded((counted % {"count": len(practices)}).split()) in shown
    said = interface[own_sentence(len(own), "practice", "practices", "%(num)s")]
    assert folded((said % {"num": len(own)}).split()) in shown
    for entry in own:  # the badge in the page's language, as the sentence names it
        row = page[page.index(f'id="{entry.id}"'):]
        assert f'kb-chip--local">{badge}<' in row[: row.index("</tr>")]


def test_an_addon_setting_that_would_read_no_local_data_fails_the_build(tmp_path):
    project = copy_project(tmp_path)
    config = project / "examples" / "local-addon" / "mkdocs.yml"
    config.write_text(config.read_text().replace("data_folders: [data]", "data_folders: data"))
    result = build_site(project, ADDON, "addon-site")
    assert result.returncode != 0
    assert "examples/local-addon/mkdocs.yml:38: extra.data_folders: expected a list of " \
           "folders, such as [data], found 'data'" in result.stderr, result.stderr


def test_the_organisations_name_logo_and_colours_are_used(addon):
    _, site, _ = addon
    home = read(site, "index.html")
    # MkDocs' title is the site's name; Zensical's starts with the page's ("Home - ")
    assert "Example Health Service · Mental health in P/CVE</title>" in home
    assert re.search(r'<img src="(\./)?addon/logo.svg" alt="[^"]+"', home)
    assert (site / "addon" / "logo.svg").is_file()
    assert re.search(r'href="(\./)?addon/brand.css"', home)
    assert 'data-md-color-primary="custom"' in home  # extra.brand's colours


def test_a_mistake_in_addon_data_fails_the_build_with_file_entry_and_field(tmp_path):
    project = copy_project(tmp_path)
    local = project / "examples" / "local-addon" / "data" / "local.yml"
    local.write_text(local.read_text().replace("type: supervision", "type: supervisor"))
    result = build_site(project, ADDON, "addon-site")
    assert result.returncode != 0
    assert ("examples/local-addon/data/local.yml:9: example-supervision-desk: type: "
            in result.stderr), result.stderr


def contact_block(html: str, contact_id: str) -> str:
    start = html.index(f'id="{contact_id}"')
    end = re.compile(r"<h[1-6][ >]|</article>").search(html, start)
    return html[start:end.start()]


# Where a reader may need help: each role's pathway page and self-check, and Help the Helper.
def help_pages(kb) -> list[str]:
    levels = [audience.id for audience in kb.collections["audiences"]]
    return ["help-the-helper/", *(f"{kind}/{level}/" for level in levels
                                  for kind in ("for", "self-check"))]


def test_every_page_where_readers_need_help_shows_every_contact_as_the_home_page_does(addon):
    project, site, _ = addon
    kb = load_knowledge_base([project / "data"], [project / "examples" / "local-addon" / "data"])
    contacts = [contact.id for contact in kb.collections["contacts"]]
    home = read(site, "index.html")
    for path in help_pages(kb):
        page = read(site, path + "index.html")
        for contact in contacts:
            assert contact_block(page, contact).startswith(contact_block(home, contact)), (
                path, contact)
            assert "kb-chip--local" in page[page.rindex("<h3", 0, page.index(
                f'id="{contact}"')):page.index(f'id="{contact}"') + 200], (path, contact)
    desk = html.unescape(contact_block(read(site, "for/individual-practitioners/index.html"),
                                       "example-supervision-desk"))
    for field in ("tel:+00000000000", "mailto:supervision@example.org",
                  "Monday to Friday, 9:00 to 17:00", "Supervision", "+00 000 000 000"):
        assert field in desk, field


@pytest.fixture(scope="module")
def outside_addon(tmp_path_factory):
    """An add-on written by `make addon-new` into a folder outside the project, built online
    and offline by the upstream project as the Makefile does."""
    folder = tmp_path_factory.mktemp("elsewhere") / "our-copy"
    subprocess.run([sys.executable, "-m", "macros", "addon-new", str(folder)], cwd=ROOT,
                   check=True, capture_output=True)
    for config, pdf in (("mkdocs.yml", False), ("mkdocs.offline.yml", True)):
        result = build_site(ROOT, str(folder / config), site_dir=None, pdf=pdf)
        assert result.returncode == 0, result.stdout + result.stderr
    return folder


def test_an_addon_written_outside_the_project_builds_online_and_offline_in_its_own_folder(
        outside_addon):
    home = (outside_addon / "site" / "index.html").read_text(encoding="utf-8")
    assert "<title>Your organisation · Mental health in P/CVE</title>" in home
    assert 'id="our-supervision-desk"' in home and "kb-chip--local" in home
    assert (outside_addon / "offline-site" / "index.html").is_file()
    assert (outside_addon / "site" / "addon" / "brand-colours.css").is_file()
    # its contact wherever a reader may need help, in every language
    kb = load_knowledge_base([ROOT / "data"], [outside_addon / "data"])
    for language in ("", "fr/", "de/"):
        for path in help_pages(kb):
            page = (outside_addon / "site" / language / path / "index.html").read_text(
                encoding="utf-8")
            assert 'id="our-supervision-desk"' in page, language + path


def test_an_addons_zip_unpacks_into_one_folder_named_after_the_addon_and_its_version(
        outside_addon):
    archive = outside_addon / "offline.zip"
    zipped = subprocess.run([sys.executable, "-m", "macros", "zip", "--config-file",
                             str(outside_addon / "mkdocs.offline.yml"),
                             str(outside_addon / "offline-site"), str(archive)],
                            cwd=ROOT, check=True, capture_output=True, text=True)
    # the version the copy was built from, as its downloads give it (git's, here)
    version = (outside_addon / "offline-site" / "data" / "version.txt").read_text().strip()
    top = f"our-copy-{version}"  # the add-on's folder is …/our-copy
    with zipfile.ZipFile(archive) as bundle:
        names = bundle.namelist()
    assert all(name.startswith(f"{top}/") for name in names), names[:3]
    assert f"{top}/index.html" in names and f"{top}/addon/brand-colours.css" in names
    assert f"open {top}/index.html" in zipped.stdout
    # Its PDF editions, as `make offline` makes them, named after the add-on's folder.
    assert {f"{top}/pdf/our-copy-en.pdf", f"{top}/fr/pdf/our-copy-fr.pdf"} <= set(names)


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_the_addons_brand_colours_logo_and_name_show_in_light_and_dark(visit, outside_addon,
                                                                         scheme):
    from conftest import serve
    with serve(outside_addon / "site") as url:
        tab = visit(color_scheme="dark" if scheme == "slate" else "light")
        tab.page.goto(url)
        assert tab.page.get_attribute("body", "data-md-color-scheme") == scheme
        header = tab.page.eval_on_selector(".md-header", "e => getComputedStyle(e)"
                                           ".backgroundColor")
        assert header == "rgb(29, 91, 121)"  # extra.brand.primary, #1d5b79
        assert tab.page.locator(".md-header__button.md-logo img").get_attribute("src") == \
            "addon/logo.svg"
        assert tab.page.locator("link[rel=icon]").get_attribute("href") == "addon/logo.svg"
        assert tab.errors == []


def test_brand_colours_that_fail_wcag_contrast_stop_the_build_naming_the_setting(tmp_path):
    folder = tmp_path / "pale"
    subprocess.run([sys.executable, "-m", "macros", "addon-new", str(folder)], cwd=ROOT,
                   check=True, capture_output=True)
    config = folder / "mkdocs.yml"
    config.write_text(config.read_text().replace('primary: "#1d5b79"', 'primary: "#7fb3d5"'))
    result = build_site(ROOT, str(config), site_dir=None)
    assert result.returncode != 0
    assert (f"{config}:45: extra.brand.primary: #7fb3d5 has a contrast of 2.26:1 with "
            "white text and with a white page; WCAG AA needs 4.5:1") in result.stderr, \
        result.stderr
