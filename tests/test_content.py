"""The knowledge base holds all of the source documents: nothing lost, nothing unsourced."""

from __future__ import annotations

import re

import yaml

from conftest import FIXTURES, ROOT, english_html
from macros import site_map
from macros.configuration import project_of
from macros.model import Item
from macros.pdf import to_html
from macros.stages.load import load

COUNTS = yaml.safe_load((FIXTURES / "source_counts.yml").read_text(encoding="utf-8"))
OVERVIEW = "ran-health-overview-2021"


# The kinds of entry a source document lists (glossary terms, notes and themes are the
# editors' own apparatus around them).
LISTED = ("meetings", "practices", "lessons", "questions", "challenges", "solutions",
          "guidelines", "care_points")


def listed_per_section(kb, documents) -> dict:
    """{document: {section: {collection: entries citing that section}}}, for `documents`."""
    found: dict = {document: {} for document in documents}
    for item in kb.all():
        if item.collection not in LISTED or kb.is_local(item.entry.id):
            continue
        for document, section in dict.fromkeys((r.document, r.section)
                                               for r in item.entry.sources):
            if document in found:
                per_kind = found[document].setdefault(section, {})
                per_kind[item.collection] = per_kind.get(item.collection, 0) + 1
    return found


def test_each_section_of_each_source_holds_as_many_items_as_the_source_lists(kb):
    """The three documents are transcribed in full (CONTRIBUTING, section 1): an entry more
    in one of their sections is not in that document; it comes from a document of its own."""
    found = listed_per_section(kb, COUNTS)
    for document, sections in COUNTS.items():
        for section, kinds in sections.items():
            assert found[document].get(section) == kinds, (
                f"{document}, section '{section}': the source lists {kinds}, the data has "
                f"{found[document].get(section)}. A new entry cites a new source document "
                "(CONTRIBUTING, section 2), not one of the three transcribed in full")
    assert found == COUNTS, "an entry cites a section of these documents that they do not have"


def test_the_help_the_helper_meeting_is_one_entity_cited_by_both_documents(kb):
    meetings = [m for m in kb.collections["meetings"] if "Help the Helper" in m.title]
    assert [m.id for m in meetings] == ["help-the-helper-meeting-2020"]
    assert {ref.document for ref in meetings[0].sources} == {OVERVIEW, "help-the-helper-2020"}
    assert meetings[0].documents == ["help-the-helper-2020"]


def test_every_item_names_its_source_document_and_section(kb):
    for item in kb.all():
        if isinstance(item.entry, Item):
            assert item.entry.sources and all(ref.section for ref in item.entry.sources)


def test_every_editorial_note_points_at_what_it_annotates(kb):
    notes = kb.collections["notes"]
    assert len(notes) >= 4  # the quirks listed in shared/sources/README.md at least
    for note in notes:
        assert note.annotates and all(target in kb for target in note.annotates)


def test_the_known_quirks_of_the_sources_have_editorial_notes(kb):
    annotated = {target for note in kb.collections["notes"] for target in note.annotates}
    papers_i = [m.id for m in kb.collections["meetings"] if m.title.endswith("Paper I")]
    assert len(papers_i) == 2 and set(papers_i) <= annotated
    assert {"engagement-and-support-program", "aware-project"} <= annotated
    assert "help-the-helper-meeting-2020" in annotated
    assert "note-links-lost" in {note.id for note in kb.collections["notes"]}


# "RAN H&SC", "RAN POLICE", "P/CVE", "Y&E", "PTSD", "VERA 2", "COVID-19"
_GROUP = r"(?:[A-Z][A-Za-z]*[&/][A-Z][A-Za-z&/]*|[A-Z]{2,})(?:-[A-Z]+)?"
ABBREVIATION = re.compile(rf"\b(?:RAN(?: {_GROUP}\b)*|{_GROUP}(?:-\d+| \d\b)?)")
NOT_ABBREVIATIONS = {"HINT", "II"}  # a layout label of Help the Helper; a roman numeral


def glossary_keys(kb) -> set[str]:
    keys = set()
    for term in kb.collections["glossary"]:
        keys |= {part.strip() for part in re.split(r"[(),]", term.term) if part.strip()}
    return keys


def test_every_abbreviation_used_in_data_text_is_in_the_glossary(kb):
    known = glossary_keys(kb)
    missing = {}
    for item in kb.all():
        for field in ("text", "summary", "description", "title", "name", "introduction"):
            value = getattr(item.entry, field, None)
            for word in ABBREVIATION.findall(value or ""):
                if word not in known and word not in NOT_ABBREVIATIONS:
                    missing.setdefault(word, item.entry.id)
    assert missing == {}


# --- What the editors add is labelled as theirs; what the sources show is all a source is ---

EDITORS_READING = "editors' reading"
EDITORS_WORDING = "editors' wording"
SHOWN_BY_SOURCES = yaml.safe_load(
    (FIXTURES / "source_documents.yml").read_text(encoding="utf-8"))


def element_linking_to(html: str, tag: str, entry_id: str) -> str:
    """The (innermost) `tag` element of `html` that holds a link to `entry_id` (its anchor
    on a page, or its own page)."""
    found = re.search(rf'<{tag}\b[^>]*>(?:(?!</?{tag}\b).)*(?:#|/){entry_id}/?".*?</{tag}>',
                      html, re.S)
    assert found, f"no <{tag}> links to {entry_id}"
    return found.group(0)


def test_every_place_showing_an_editors_reading_says_it_is_one(built, kb):
    """Audiences of lessons, questions and practices, and the practice status
    'in-collection', are the editors' reading, not the sources' words (issue 15)."""
    from test_site import page_html, section, visible_text
    site, _ = built
    read = [entry for name in ("lessons", "questions", "practices")
            for entry in kb.collections[name] if entry.audiences]
    inferred = [p for p in kb.collections["practices"] if p.status == "in-collection"]
    assert read and inferred
    # Beside each entry, on its own page and in the PDF edition: the status in the line of
    # facts under the practice's name, audiences wherever the entry is shown.
    book = load(project_of(ROOT / "mkdocs.yml")).book()
    book_html = to_html(book.front + book.body)
    places = {"page": lambda entry: page_html(site, site_map.page_of(kb, entry.id)),
              "PDF": lambda entry: book_html}
    for entry in read + inferred:
        for page, html_of in places.items():
            shown = section(html_of(entry), entry.id)
            if entry in inferred:
                facts = re.search(r"<small>(.*?)</small>", shown, re.S).group(1)
                assert EDITORS_READING in visible_text(facts), (page, entry.id)
            assert EDITORS_READING in visible_text(shown), (page, entry.id)
    # Above every list or table of them.
    for audience in kb.collections["audiences"]:
        html = page_html(site, site_map.page_of(kb, audience.id))
        for part in ("role-lessons", "role-questions", "role-practices"):
            if f'id="{part}"' in html:
                assert EDITORS_READING in visible_text(section(html, part)), (audience.id, part)
    for page in ("open-questions-map.md", "tables/recommendations.md"):
        html = page_html(site, page)
        assert EDITORS_READING in visible_text(html[: html.index("<table")]), page
    questions = page_html(site, "open-questions-map.md")
    for question in kb.collections["questions"]:
        if question.audiences:
            item = element_linking_to(questions, "li", question.id)
            assert EDITORS_READING in visible_text(item), question.id
    table = page_html(site, "tables/practices.md")
    for practice in inferred:
        row = element_linking_to(table, "tr", practice.id)
        assert EDITORS_READING in visible_text(row), practice.id
    # Page tags cannot carry a disclaimer, so no reading becomes a tag.
    for theme in kb.collections["themes"]:
        if site_map.has_own_page(kb, theme.id):
            html = page_html(site, site_map.page_of(kb, theme.id))
            tags = re.findall(r'class="md-tag"[^>]*>([^<]*)<', html)
            assert not {a.name for a in kb.collections["audiences"]} & set(tags), theme.id
    # The home page does not present the role pages as the working group's advice.
    assert "recommends for your role" not in visible_text(page_html(site, "index.md"))


def test_a_role_s_tagline_is_labelled_as_the_editors_wording_wherever_it_is_shown(built, kb):
    """A tagline ("Looking after yourself") is the editors' wording, shown under entries
    sourced to Help the Helper: it must not pass for the source's words."""
    from test_site import page_html, visible_text
    site, _ = built
    with_tagline = [audience for audience in kb.collections["audiences"] if audience.tagline]
    for audience in with_tagline:
        html = page_html(site, site_map.page_of(kb, audience.id))
        lead = re.search(r'<p class="kb-lead">(.*?)</p>', html, re.S).group(1)
        assert EDITORS_WORDING in visible_text(lead), audience.id
    home = visible_text(page_html(site, "index.md"))
    assert all(audience.tagline in home for audience in with_tagline)
    assert (EDITORS_WORDING in home) == bool(with_tagline)


def test_each_source_is_published_and_cited_only_as_the_document_shows_itself(built, kb):
    """A source's title, publisher, date and authors, and every citation of it on the site,
    are what the document itself shows (pinned in fixtures/source_documents.yml)."""
    from test_site import page_html, section, visible_text
    site, _ = built
    # The three documents are pinned; a document a contributor adds cites as it is given.
    assert set(SHOWN_BY_SOURCES) <= {d.id for d in kb.collections["sources"]}
    citations = set()
    added = tuple(d.title for d in kb.collections["sources"] if d.id not in SHOWN_BY_SOURCES)
    for document in kb.collections["sources"]:
        if document.id not in SHOWN_BY_SOURCES:
            continue
        shown = SHOWN_BY_SOURCES[document.id]
        assert " ".join(document.title.split()) == " ".join(shown["title"].split()), document.id
        assert document.publisher == shown["publisher"], document.id
        assert document.date == shown["date"], document.id
        assert [kb.get(a).name for a in document.authors] == shown["authors"], document.id
        citation = " ".join(shown["citation"].split())
        citations.add(citation)
        sources = visible_text(section(page_html(site, "sources.md"), document.id))
        assert f"How to cite: {citation}" in sources, document.id
    for path in english_html(site):  # translations: in test_languages.py
        html = path.read_text(encoding="utf-8")
        if 'id="how-to-cite"' in html:
            items = re.findall(r"<li>(.*?)</li>", section(html, "how-to-cite"), re.S)
            cited = {visible_text(item).removesuffix(" (about this document)") for item in items}
            assert cited and all(c in citations or c.startswith(added) for c in cited), path
