"""The built site: strict, fully linked, every entry reachable, back-links shown, data inert."""

from __future__ import annotations

import csv
import html as html_module
import json
import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from conftest import build_site, copy_project, english_html, serve
from html_links import check_site, joined_links, parse_page
from macros import site_map
from macros.csp import source_hash
from macros.translations import fingerprint


def page_html(site, kb_page: str) -> str:
    return html_file(site, kb_page).read_text(encoding="utf-8")


def address(site: Path, kb, entry_id: str) -> tuple[Path, str]:
    """Where the built site shows an entry: its HTML file and fragment."""
    url = site_map.url_of(kb, entry_id, "index.md")
    page, _, fragment = url.partition("#")
    return html_file(site, page), fragment


def html_file(site: Path, page: str) -> Path:
    """The HTML file MkDocs writes for a Markdown page (directory URLs)."""
    stem = page.removesuffix(".md")
    return (site / ("index.html" if stem == "index" else f"{stem}/index.html")).resolve()


def link_targets(site: Path, page: str, html: str) -> set[tuple[Path, str]]:
    """Every internal link in `html` (taken from `page`), as (HTML file, fragment)."""
    base = html_file(site, page).parent
    targets = set()
    for href in re.findall(r'href="([^"]*)"', html):
        parts = urlsplit(html_module.unescape(href))
        if parts.scheme:
            continue
        path = (base / parts.path).resolve() if parts.path else html_file(site, page)
        targets.add((path / "index.html" if path.is_dir() else path, parts.fragment))
    return targets


def visible_text(html: str) -> str:
    """What a reader sees: tags removed, character references decoded, spaces folded."""
    return " ".join(html_module.unescape(re.sub(r"<[^>]+>", "", html)).split())


def section(html: str, entry_id: str) -> str:
    """The HTML that belongs to the element with this id: a heading's section (up to the
    next heading of its level or above), a list item's item, a paragraph's run up to the
    next heading."""
    start = html.index(f'id="{entry_id}"')
    tag = re.search(r"<(\w+)[^<>]*$", html[:start]).group(1)
    heading = re.fullmatch(r"h([1-6])", tag)
    inside_item = html.rfind("<li", 0, start) > html.rfind("</li>", 0, start)
    if heading:
        end = re.compile(rf"<h[1-{heading.group(1)}][ >]").search(html, start)
    elif inside_item:
        end = re.compile(r"</li>").search(html, start)
    else:
        end = re.compile(r"<h[1-6][ >]").search(html, start)
    return html[start: end.start() if end else len(html)]


def test_strict_build_succeeds_without_warnings(built):
    _, result = built
    assert "WARNING" not in result.stdout + result.stderr


def test_every_internal_link_and_fragment_resolves(built):
    site, _ = built
    assert [str(link) for link in check_site(site)] == []


def test_no_page_shows_two_links_with_no_separator_between_them(built):
    site, _ = built
    joined = {str(path.relative_to(site)): found for path in sorted(site.rglob("*.html"))
              if (found := joined_links(path.read_text(encoding="utf-8")))}
    assert joined == {}


def test_no_page_has_two_elements_with_the_same_id(built):
    site, _ = built
    for path in site.rglob("*.html"):
        repeated = [i for i, n in Counter(parse_page(path).ids).items() if n > 1]
        assert repeated == [], path


def test_no_markdown_or_template_syntax_leaks_into_pages(built):
    site, _ = built
    leftovers = re.compile(r"\{ ?#[a-z0-9-]+ ?\}|\{:|\{\{|\{%|&amp;#|&amp;amp;|^#+ ", re.M)
    for path in site.rglob("*.html"):
        text = html_module.unescape(re.sub(r"<[^>]+>", " ", path.read_text(encoding="utf-8")))
        assert leftovers.findall(text) == [], path


def test_every_entry_is_reachable_at_its_stable_address(built, kb):
    site, _ = built
    for item in kb.all():
        html = page_html(site, site_map.page_of(kb, item.entry.id))
        if not site_map.has_own_page(kb, item.entry.id):
            assert f'id="{item.entry.id}"' in html, f"{item.collection}: {item.entry.id}"


def test_a_practice_shows_its_data_and_links_back_to_the_themes_that_cite_it(built, kb):
    site, _ = built
    for practice in kb.collections["practices"]:
        page = site_map.page_of(kb, practice.id)
        html = section(page_html(site, page), practice.id)
        assert practice.name in visible_text(html)
        assert " ".join(practice.summary.split()) in visible_text(html)
        targets = link_targets(site, page, html)
        for topic in practice.topics:
            assert address(site, kb, topic) in targets, f"{practice.id} does not link to {topic}"


def test_a_topic_lists_its_meetings_practices_lessons_and_questions_with_links(built, kb):
    site, _ = built
    for theme in kb.collections["themes"]:
        if theme.level == "main-theme" or kb.referrers(theme.id, "parent", "themes"):
            continue  # items hang on the most specific theme
        page = site_map.page_of(kb, theme.id)
        html = page_html(site, page)
        targets = link_targets(site, page, html)
        for field, collection in (("topics", "meetings"), ("topics", "practices")):
            for entry in kb.referrers(theme.id, field, collection):
                assert address(site, kb, entry.id) in targets, f"{theme.id} lacks {entry.id}"
        for field, collection in (("topic", "lessons"), ("topic", "questions")):
            for entry in kb.referrers(theme.id, field, collection):
                assert f'id="{entry.id}"' in html, f"{theme.id} lacks {entry.id}"


def test_a_note_is_shown_once_on_each_page_of_what_it_annotates_and_each_entry_points_to_it(
        built, kb):
    site, _ = built
    for note in kb.collections["notes"]:
        text = " ".join(note.text.split())
        for target in note.annotates:
            page = site_map.page_of(kb, target)
            html = page_html(site, page)
            assert visible_text(html).count(text) == 1, (note.id, page)
            part = html if site_map.has_own_page(kb, target) else section(html, target)
            assert text in visible_text(part) or f'href="#{note.id}"' in part or \
                'href="#notes-on-this-page"' in part, (note.id, target)


def test_no_page_shows_an_editorial_note_twice(built, kb):
    site, _ = built
    texts = [" ".join(note.text.split()) for note in kb.collections["notes"]]
    for path in site.rglob("*.html"):
        shown = visible_text(path.read_text(encoding="utf-8"))
        # Notes with the same words about different entries may each be shown once.
        assert [t[:60] for t in texts if shown.count(t) > texts.count(t)] == [], path


def test_notes_on_how_a_source_was_laid_out_are_collapsed_and_the_notes_page_has_all_in_full(
        built, kb):
    site, _ = built
    layout = [note for note in kb.collections["notes"] if note.about == "layout"]
    assert layout
    for path in site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        for block in re.findall(r"<details[^>]*>.*?</details>|<div class=\"admonition note\">"
                                r".*?</div>", html, re.S):
            for note in layout:
                if f'id="{note.id}"' in block:
                    assert block.startswith("<details") and " open" not in \
                        block[:block.index(">")], (path, note.id)
    notes_page = visible_text(page_html(site, "editorial-notes.md"))
    for note in kb.collections["notes"]:
        assert " ".join(note.text.split()) in notes_page, note.id


def test_a_meeting_shows_the_topics_it_informs(built, kb):
    site, _ = built
    for meeting in kb.collections["meetings"]:
        page = site_map.page_of(kb, meeting.id)
        targets = link_targets(site, page, section(page_html(site, page), meeting.id))
        for topic in meeting.topics:
            assert address(site, kb, topic) in targets, f"{meeting.id} does not link to {topic}"


def test_search_index_finds_a_practice_by_its_name(built, kb):
    site, _ = built
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    for practice in kb.collections["practices"]:
        hits = [doc["location"] for doc in index["docs"] if practice.name in doc["title"]]
        page = site_map.page_of(kb, practice.id).removesuffix(".md")
        assert {f"{page}/", f"{page}/#{practice.id}"} & set(hits), practice.id


INJECTION = """\
practices:
  - id: injected
    name: "Name {{ config.site_name }} <script>alert(1)</script>"
    status: not-stated
    summary: >-
      Summary {% include 'x' %} {# comment #} <img src=x onerror=alert(2)>
      [click](javascript:alert(3)) <a href="javascript:alert(4)">link</a> *not bold* 1. end XSS
    topics: [lone-actors]
    sources:
      - document: ran-health-overview-2021
        section: "Section {{ 7 * 7 }}"
  - id: injected-formula
    name: '=HYPERLINK("http://example.org/leak","Open")'
    status: not-stated
    summary: '+1 XSSA shows a tooltip.'
    sources: [{document: ran-health-overview-2021, section: Test}]
themes:
  - id: injected-theme
    title: "Theme </title><script>alert(6)</script> {{ 'CANARY' ~ '-TITLE' }}"
    level: subtheme
    parent: mental-health-profiles
    summary: 'Summary "><script>alert(7)</script> {{ "CANARY" ~ "-DESCRIPTION" }}'
    sources: [{document: ran-health-overview-2021, section: Test}]
audiences:
  - id: injected-audience
    name: "Audience <script>alert(8)</script> {% set x = 'CANARY' ~ '-NAME' %}{{ x }}"
    description: Injected.
    sources: [{document: ran-health-overview-2021, section: Test}]
lessons:
  - id: injected-lesson
    text: A lesson for the injected audience.
    topic: injected-theme
    audiences: [injected-audience]
    sources: [{document: ran-health-overview-2021, section: Test}]
glossary:
  - id: term-xss
    term: XSS
    definition: 'Tooltip "><img src=x onerror=alert(5)> {{ config }}'
    sources: [{document: ran-health-overview-2021, section: Test}]
  - id: term-xssa
    term: XSSA
    definition: '<img src=x onerror="window.kbScriptRan=1"> {{ "CANARY" ~ "-TOOLTIP" }}'
    sources: [{document: ran-health-overview-2021, section: Test}]
"""


def hostile(number: int) -> str:
    """A translation that tries every way out of the text: a template running a command on
    the build machine, a canary a template would compute, a script, an image whose error
    handler runs, and an attribute breakout that runs on load."""
    return (f"{{{{ lipsum.__globals__.os.popen('touch ran-{number}').read() }}}} "
            f"{{{{ 'CANARY' ~ '-T{number}' }}}} <script>kbScriptRan={number}</script>"
            f'<img src=x onerror="kbScriptRan={number}"> " autofocus '
            f'onfocus="kbScriptRan={number}" x="')


# Every kind of interface string: navigation page and section labels, the site name, the
# colour toggle's label, the footer, a page's text, description and title, a string with a
# slot, the notice, and the words of a page script. A slot stays, as a translation keeps it.
HOSTILE_INTERFACE = ["Home", "Themes", "Practices", "Mental health in P/CVE",
                     "Switch to dark mode", "Switch to light mode", "source documents",
                     "Source:", "in the part that starts on p. %(page)s",
                     "Practices cited in the source documents, with country, collection "
                     "status and the themes that cite them.", "The whole knowledge base",
                     "Not yet translated: shown in English.",
                     "%(shown)s of %(total)s rows shown"]
# And every kind of translated field: a title, summaries, a tooltip's definition, a text.
HOSTILE_FIELDS = {"injected-theme": ("title", "summary"), "injected": ("summary",),
                  "term-xssa": ("definition",), "injected-lesson": ("text",)}


def inject_translations(project: Path, language: str) -> None:
    """Hostile text in every kind of interface string and translated field of `language`."""
    interface = project / "data" / "translations" / language / "interface.yml"
    strings = yaml.safe_load(interface.read_text(encoding="utf-8"))
    for number, english in enumerate(HOSTILE_INTERFACE):
        slots = " ".join(re.findall(r"%\(\w+\)s", english))
        strings["interface"][english] = f"{hostile(number)} {slots}".strip()
    interface.write_text(yaml.safe_dump(strings, allow_unicode=True), encoding="utf-8")
    english = {entry["id"]: entry for entries in yaml.safe_load(INJECTION).values()
               for entry in entries}
    translated = {entry: {name: {"from": fingerprint(english[entry][name]),
                                 "text": hostile(100 + index)} for name in names}
                  for index, (entry, names) in enumerate(HOSTILE_FIELDS.items())}
    (interface.parent / "injection.yml").write_text(yaml.safe_dump(
        {"language": language, "translations": translated}, allow_unicode=True),
        encoding="utf-8")


HOST_SCRIPT = "<script>window.kbHostScript=1</script>"


# Every guarantee about hostile data holds on each engine: Zensical renders page titles
# that contain template syntax as templates too, and prints titles and metadata unescaped.
# The French site gets hostile translations too: a translation is data like the English.
@pytest.fixture(scope="module", params=["mkdocs", "zensical"])
def injected_site(tmp_path_factory, request):
    project = copy_project(tmp_path_factory.mktemp(f"injection-{request.param}"))
    (project / "data" / "injection.yml").write_text(
        "# yaml-language-server: $schema=../schema/knowledge-base.schema.json\n" + INJECTION,
        encoding="utf-8")
    inject_translations(project, "fr")
    # A host's own setting, which the theme prints unescaped
    config = (project / "mkdocs.yml").read_text(encoding="utf-8") + f"copyright: '{HOST_SCRIPT}'\n"
    docs = project / "docs"
    (docs / "themes" / "injected-theme.md").write_text('{{ theme_page("injected-theme") }}')
    (docs / "for" / "injected-audience.md").write_text('{{ role_pathway("injected-audience") }}')
    (docs / "self-check" / "injected-audience.md").write_text(
        '{{ self_check("injected-audience") }}')
    (project / "mkdocs.yml").write_text(config.replace(
        "          - themes/groomers.md\n",
        "          - themes/groomers.md\n          - themes/injected-theme.md\n"
        "          - for/injected-audience.md\n          - self-check/injected-audience.md\n"),
        encoding="utf-8")
    result = build_site(project, engine=request.param)
    assert result.returncode == 0, result.stdout + result.stderr
    assert not list(project.glob("ran-*")), "a translation ran a command"
    return project / "site"


def test_template_and_markup_in_data_show_literally_and_never_run(injected_site):
    html = (injected_site / "practices" / "injected" / "index.html").read_text(encoding="utf-8")
    text = html_module.unescape(section(html, "injected"))  # what a reader sees
    assert "Name {{ config.site_name }} <script>alert(1)</script>" in text
    assert "Summary {% include 'x' %} {# comment #} <img src=x onerror=alert(2)>" in text
    assert '[click](javascript:alert(3)) <a href="javascript:alert(4)">link</a>' in text
    assert "*not bold* 1. end" in text
    assert "Section {{ 7 * 7 }}" in text
    assert "<script>alert" not in html and "<img src=x" not in html
    assert 'href="javascript:' not in html and "<em>not bold</em>" not in html
    assert "Section 49" not in html
    tooltip = re.search(r'<abbr title="([^"]*)">XSS</abbr>', html)
    assert tooltip and html_module.unescape(tooltip.group(1)) == \
        'Tooltip "><img src=x onerror=alert(5)> {{ config }}'
    assert "onerror=alert(5)>" not in html.replace(tooltip.group(0), "")


def test_data_in_page_titles_descriptions_tags_and_navigation_is_escaped(injected_site):
    for path in injected_site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        for number in (6, 7, 8):
            assert f"<script>alert({number})" not in html, (path, number)
    page = (injected_site / "themes" / "injected-theme" / "index.html").read_text(encoding="utf-8")
    title = re.search(r"<title>(.*?)</title>", page, re.S).group(1)
    assert html_module.unescape(title).startswith("Theme </title><script>alert(6)</script>")
    assert 'content="Summary &#34;&gt;&lt;script&gt;' in page or \
        'content="Summary &quot;&gt;&lt;script&gt;' in page


class _LiveParts(HTMLParser):
    """What would run in a page: event-handler and autofocus attributes, and scripts (not
    JSON blocks, data that a script reads)."""

    def __init__(self):
        super().__init__()
        self.handlers, self.scripts, self._in_script = [], [], False

    def handle_starttag(self, tag, attrs):
        self.handlers += [(tag, name) for name, _ in attrs
                          if name.startswith("on") or name == "autofocus"]
        self._in_script = tag == "script" and ("type", "application/json") not in attrs

    def handle_data(self, data):
        if self._in_script:
            self.scripts.append(data)
            self._in_script = False


def test_interface_strings_and_translations_show_as_text_and_never_run(injected_site):
    """Threat: a translation pull request running a command in CI (a navigation label
    rendered as a template), or putting live script on every page of a language (the site
    name, a section label, the colour toggle's attribute)."""
    pages = sorted((injected_site / "fr").rglob("*.html"))
    for path in pages:
        html = path.read_text(encoding="utf-8")
        live = _LiveParts()
        live.feed(html)
        assert live.handlers == [], (path, live.handlers)
        assert not [script for script in live.scripts if "kbScriptRan" in script], path
    home = (injected_site / "fr" / "index.html").read_text(encoding="utf-8")
    shown = visible_text(home)
    for number, english in enumerate(HOSTILE_INTERFACE[:4]):  # nav, section, site name
        assert hostile(number).split(" autofocus")[0] in shown, english
    title = re.search(r"<title>(.*?)</title>", home, re.S).group(1)
    assert html_module.unescape(title).startswith(hostile(3)[:40])
    toggle = re.search(r'<label class="md-header__button md-icon" title="([^"]*)"', home)
    assert html_module.unescape(toggle.group(1)) == hostile(4)
    theme = (injected_site / "fr" / "themes" / "injected-theme" / "index.html").read_text(
        encoding="utf-8")
    assert hostile(100) in visible_text(theme)  # the translated title, as its text


def test_every_abbreviation_definition_is_read_as_one_and_never_shows_as_text(built):
    """A definition line after a table became table rows and disabled every tooltip."""
    site, _ = built
    for path in site.rglob("*.html"):
        text = re.sub(r"<[^>]+>", " ", path.read_text(encoding="utf-8"))
        assert "*[" not in html_module.unescape(text), path
    downloads = (site / "downloads" / "index.html").read_text(encoding="utf-8")
    rows = re.findall(r"<tr\b", downloads.split('id="csv"')[1])
    assert len(rows) == 1 + len(list((site / "data").glob("*.csv")))  # header + one a file


def test_no_text_from_data_is_ever_evaluated_as_a_template_anywhere(injected_site):
    """Threat: code run on the build machine through a title, name or description, which
    mkdocs-macros renders as a template when it finds `{{` in a page title."""
    for path in injected_site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".json", ".xml", ".csv", ".txt"):
            assert "CANARY-" not in path.read_text(encoding="utf-8"), path
    page = (injected_site / "themes" / "injected-theme" / "index.html").read_text("utf-8")
    title = re.search(r"<title>(.*?)</title>", page, re.S).group(1)
    assert "{{ 'CANARY' ~ '-TITLE' }}" in html_module.unescape(title)
    role = (injected_site / "for" / "injected-audience" / "index.html").read_text("utf-8")
    assert "{% set x = 'CANARY' ~ '-NAME' %}{{ x }}" in html_module.unescape(role)


def test_csv_downloads_keep_a_formula_from_the_data_as_text(injected_site):
    """Threat: CSV injection, a formula run when a reader opens the download."""
    with open(injected_site / "data" / "practices.csv", encoding="utf-8", newline="") as handle:
        rows = {row["id"]: row for row in csv.DictReader(handle)}
    assert rows["injected-formula"]["name"] == "'=HYPERLINK(\"http://example.org/leak\",\"Open\")"
    assert rows["injected-formula"]["summary"] == "'+1 XSSA shows a tooltip."


def test_a_glossary_definition_shows_in_its_tooltip_as_text_and_never_runs(injected_site,
                                                                            visit):
    """Threat: script in a definition run by the tooltip, where no CSP stops it."""
    with serve(injected_site) as url:
        tab = visit()
        tab.page.goto(f"{url}practices/injected-formula/")  # its summary names XSSA
        abbr = tab.page.locator("abbr", has_text="XSSA").first
        abbr.hover()
        tooltip = tab.page.locator(".kb-tooltip")
        tooltip.wait_for(state="visible")
        assert tooltip.inner_text() == \
            '<img src=x onerror="window.kbScriptRan=1"> {{ "CANARY" ~ "-TOOLTIP" }}'
        abbr.focus()
        tab.page.wait_for_timeout(300)
        assert tab.page.evaluate("window.kbScriptRan") is None
        assert tab.page.locator(".kb-tooltip img").count() == 0


def test_no_hostile_translation_runs_in_a_browser_without_the_policy(injected_site, visit):
    """Threat: script from an interface string or a translated field running where a host
    serves the site without the Content-Security-Policy (or opens it from a shared drive)."""
    with serve(injected_site) as url:
        tab = visit()
        for path in ("fr/", "fr/practices/", "fr/practices/injected/",
                     "fr/practices/injected-formula/", "fr/themes/injected-theme/",
                     "fr/tables/practices/"):
            tab.page.goto(url + path, wait_until="load")
            tab.page.keyboard.press("Tab")
            if path == "fr/practices/injected-formula/":  # the translated definition's tooltip
                tab.page.locator("abbr", has_text="XSSA").first.hover()
            tab.page.wait_for_timeout(200)
            assert tab.page.evaluate("window.kbScriptRan") is None, path
            assert tab.page.locator("img[src=x]").count() == 0, path


def test_the_policy_allows_the_themes_scripts_and_blocks_one_it_did_not_write(injected_site,
                                                                             visit):
    """Threat: the policy hashing whatever inline script reached a page, here one in a
    host's setting that the theme prints unescaped, and so allowing what it should stop."""
    policy = (injected_site / "content-security-policy.txt").read_text().strip()
    allowed = re.search(r"script-src ([^;]*)", policy).group(1).split()
    host_script = HOST_SCRIPT.removeprefix("<script>").removesuffix("</script>")
    assert source_hash(host_script) not in allowed
    with serve(injected_site, headers={"Content-Security-Policy": policy}) as url:
        tab = visit()
        tab.page.goto(url + "practices/", wait_until="load")
        assert tab.page.evaluate("window.kbHostScript") is None
        assert tab.page.evaluate("typeof __md_get") == "function"  # the theme's own ran
        refused = [error for error in tab.errors if "Content Security Policy" in error]
        assert refused and all("inline script" in error for error in refused), tab.errors


@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_a_data_error_fails_the_build_and_names_file_entry_and_field(tmp_path, engine):
    project = copy_project(tmp_path)
    (project / "data" / "broken.yml").write_text(
        "practices:\n  - id: half-done\n    name: A practice\n    status: in-collection\n",
        encoding="utf-8")
    result = build_site(project, engine=engine)
    assert result.returncode != 0
    assert "data/broken.yml:2: half-done: summary: this required field is missing" in result.stderr


@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_a_macro_error_in_a_page_fails_the_build(tmp_path, engine):
    project = copy_project(tmp_path)
    (project / "docs" / "themes" / "ethics.md").write_text('{{ theme_page("no-such-theme") }}\n')
    result = build_site(project, engine=engine)
    assert result.returncode != 0
    assert "theme_page('no-such-theme'): no main theme or subtheme has this id" in \
        result.stdout + result.stderr


def test_the_data_model_page_documents_every_field_of_every_collection(built):
    from macros.model import COLLECTIONS
    site, _ = built
    text = html_module.unescape((site / "data-model" / "index.html").read_text(encoding="utf-8"))
    for name, model in COLLECTIONS.items():
        assert f'id="collection-{name.replace("_", "-")}"' in text, name
        for field in model.model_fields:
            assert f"<code>{field}</code>" in text, f"{name}.{field}"


def test_the_timeline_shows_every_meeting_once_under_its_year(built, kb):
    site, _ = built
    html = (site / "timeline" / "index.html").read_text(encoding="utf-8")
    items = re.findall(r"<li>(.*?)</li>", html, re.S)
    markers = [item for item in items if "kb-timeline__marker" in item]
    assert len(markers) == len(kb.collections["meetings"])
    for meeting in kb.collections["meetings"]:
        year = meeting.date[:4]
        year_section = html[html.index(f'id="year-{year}"'):]
        page = site_map.page_of(kb, meeting.id).removesuffix(".md")
        assert f"{page}/" in year_section.split('id="year-')[1]


def test_the_gap_map_counts_every_open_question_under_its_theme(built, kb):
    site, _ = built
    html = (site / "open-questions-map" / "index.html").read_text(encoding="utf-8")
    for question in kb.collections["questions"]:
        section_html = section(html, f"gaps-{question.topic}")
        assert f"#{question.id}" in section_html, question.id


def test_each_practice_and_meeting_shows_its_related_items(built, kb):
    from macros.related import Relations
    relations = Relations(kb)
    site, _ = built
    for collection in ("practices", "meetings"):
        for entry in kb.collections[collection]:
            page = site_map.page_of(kb, entry.id)
            targets = link_targets(site, page, section(page_html(site, page), entry.id))
            for other in relations.related(entry):
                assert address(site, kb, other.id) in targets, f"{entry.id} -> {other.id}"


def test_every_page_has_a_language_one_h1_a_title_naming_it_and_headings_in_order(built):
    site, _ = built
    titles = []
    for path in english_html(site):  # the other languages': in test_languages.py
        html = path.read_text(encoding="utf-8")
        assert '<html lang="en"' in html, path
        levels = [int(level) for level in re.findall(r"<h([1-6])[ >]", html)]
        assert levels.count(1) == 1, path
        assert all(b <= a + 1 for a, b in zip(levels, levels[1:], strict=False)), (path, levels)
        h1 = visible_text(re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S).group(1))
        title = visible_text(re.search(r"<title>(.*?)</title>", html, re.S).group(1))
        assert title.startswith(h1.rstrip("¶").strip()) or path.name == "404.html" \
            or path.parent == site, (path, title, h1)
        if path.name != "404.html":
            titles.append(title)
    assert len(titles) == len(set(titles)), "two pages share a title"


def test_no_page_carries_inline_styles_which_the_hosting_policy_forbids(built):
    site, _ = built
    for path in site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        assert not re.search(r"<[^>]+\sstyle=", html) and "<style" not in html, path


def test_a_new_subtheme_without_its_page_fails_the_build_saying_what_to_create(tmp_path):
    project = copy_project(tmp_path)
    (project / "data" / "new.yml").write_text(
        "themes:\n  - id: new-subtheme\n    title: A new subtheme\n    level: subtheme\n"
        "    parent: mental-health-profiles\n"
        "    sources: [{document: caring-for-caregivers, section: Test}]\n", encoding="utf-8")
    result = build_site(project)
    assert result.returncode != 0
    assert ('data/new.yml:2: new-subtheme: id: this theme needs its page: create '
            'docs/themes/new-subtheme.md containing {{ theme_page("new-subtheme") }} and '
            'list it under nav in mkdocs.yml') in result.stderr, result.stderr
