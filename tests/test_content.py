"""The knowledge base holds all of the source documents: nothing lost, nothing unsourced."""

from __future__ import annotations

import re

import yaml

from conftest import FIXTURES
from macros.model import Item

COUNTS = yaml.safe_load((FIXTURES / "source_counts.yml").read_text(encoding="utf-8"))
OVERVIEW = "ran-health-overview-2021"


def from_overview(entries):
    return [e for e in entries if any(ref.document == OVERVIEW for ref in e.sources)]


def test_each_topic_holds_as_many_items_as_the_overview_paper_lists(kb):
    for topic, expected in COUNTS["overview"].items():
        found = {
            "meetings": len(from_overview(kb.referrers(topic, "topics", "meetings"))),
            "practices": len(from_overview(kb.referrers(topic, "topics", "practices"))),
            "lessons": len(kb.referrers(topic, "topic", "lessons")),
            "questions": len(kb.referrers(topic, "topic", "questions")),
        }
        assert found == {k: v for k, v in expected.items() if k != "page"}, topic


def test_overview_totals_match_the_count_of_the_source(kb):
    totals = {name: len(from_overview(kb.collections[name]))
              for name in ("meetings", "practices", "lessons", "questions")}
    assert totals == COUNTS["overview_totals"]


def test_help_the_helper_guidelines_challenges_and_solutions_are_all_there(kb):
    expected = COUNTS["help_the_helper"]
    for level, count in expected["guidelines"].items():
        assert len(kb.referrers(level, "level", "guidelines")) == count, level
    assert len(kb.collections["challenges"]) == expected["challenges"]
    assert len(kb.collections["solutions"]) == expected["solutions"]
    meeting = kb.get("help-the-helper-meeting-2020")
    practices = [p.id for p in kb.referrers(meeting.id, "meetings", "practices")]
    assert practices == expected["practices"]


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
