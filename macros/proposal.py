"""The proposal form: what a practitioner without git fills in to propose an entry.

The form (`templates/pages/propose.md`, `docs/assets/javascripts/propose.js`) writes a data
file in the browser and checks it against the published JSON Schema, with the validator's
own words (`validate.MESSAGES`). This module describes its fields and gathers what the
page embeds: the schema, the messages, the entries (for corrections) and where each lives,
and where a proposal is sent (`extra.proposals_email`, `repo_url`).
"""

from __future__ import annotations

import re
import typing
from dataclasses import dataclass
from pathlib import Path

from .export import collections_data
from .folders import display_name, setting_line
from .knowledge_base import KnowledgeBase
from .model import COUNTRY_CODES, Lesson, Practice, SourceDocument
from .problems import Problem
from .render import country_name, describe, label_of
from .schema import knowledge_base_schema
from .validate import MESSAGES

# Where a proposed entry goes: a file of its own, so that it never clashes with an edit.
PROPOSALS_FOLDER = "data/proposals"

# The documents the knowledge base transcribes in full (CONTRIBUTING.md, section 2; the
# items of each are counted in tests/fixtures/source_counts.yml): every practice they list
# is in the data already, so a new practice comes from another document, which a proposal
# adds first.
TRANSCRIBED = ("ran-health-overview-2021", "help-the-helper-2020", "caring-for-caregivers")

# `extra.proposals_email`: one plain address, which goes into a `mailto:` link as it is
# (no spaces, and nothing a link would read as more fields: `?`, `&`, `%`).
EMAIL = re.compile(r"[A-Za-z0-9._+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+")


@dataclass(frozen=True)
class Field:
    name: str
    label: str
    widget: str  # text, textarea, number, select, checkboxes
    hint: str = ""
    required: bool = False
    options: tuple[tuple[str, str], ...] = ()  # (value, label)


def _choices(literal) -> tuple[tuple[str, str], ...]:
    return tuple((value, describe(value)) for value in typing.get_args(literal))


def form_fields(kb: KnowledgeBase) -> dict[str, list[Field]]:
    """The fields of each kind of proposal, in the order of the data model."""
    themes = tuple((t.id, t.title) for t in kb.collections["themes"] if t.level != "main-theme")
    audiences = tuple((a.id, a.name) for a in kb.collections["audiences"])
    countries = tuple(sorted(((code, country_name(code)) for code in COUNTRY_CODES),
                             key=lambda pair: pair[1]))
    source = [
        Field("document", "Source document", "select", "The document the entry comes from.",
              True, tuple((d.id, d.title) for d in kb.collections["sources"])),
        Field("section", "Section", "text", "The section heading, as the document names it.",
              True),
        Field("page", "Page", "number", "Where that part of the document starts, if known."),
    ]
    document_types = SourceDocument.model_fields["type"].annotation
    return {
        "practices": [
            Field("name", "Name", "text", "Exactly as the source writes it.", True),
            Field("id", "Id", "text", "Its web address: lowercase letters, digits and single "
                  "hyphens. Filled in from the name; change it if you like.", True),
            Field("country", "Country", "select", "Leave empty if the source names none.",
                  options=countries),
            Field("programme", "Programme", "text", "Instead of a country, e.g. Erasmus+."),
            Field("scope", "Scope", "select", "Only if the source says so.",
                  options=_choices(Practice.model_fields["scope"].annotation.__args__[0])),
            Field("status", "Status", "select", "", True,
                  _choices(Practice.model_fields["status"].annotation)),
            Field("summary", "Summary", "textarea", "In your own words: what the source says "
                  "about it, and nothing more.", True),
            Field("topics", "Themes", "checkboxes", "Where the source cites it.",
                  options=themes),
            Field("audiences", "Audiences", "checkboxes", "Only those it plainly addresses "
                  "(the editors' reading).", options=audiences),
            *source,
        ],
        "lessons": [
            Field("text", "Lesson or recommendation", "textarea", "Close to the source's "
                  "words; one lesson per proposal.", True),
            Field("id", "Id", "text", "Lowercase letters, digits and single hyphens, e.g. "
                  "lone-actors-lesson-4.", True),
            Field("topic", "Theme", "select", "The most specific theme it belongs to.", True,
                  themes),
            Field("audiences", "Audiences", "checkboxes", "Only those the text names or "
                  "plainly addresses (the editors' reading).", options=audiences),
            *source,
        ],
        # A new practice's own source document (`sources`), asked for inside its fieldset
        "sources": [
            Field("title", "Title", "text", "Exactly as the document shows it.", True),
            Field("id", "Id", "text", "Its web address: lowercase letters, digits and single "
                  "hyphens. Filled in from the title; change it if you like.", True),
            Field("type", "Kind of document", "select", "", True, _choices(document_types)),
            Field("publisher", "Publisher", "text", "Only as the document itself shows it; "
                  "leave empty if it shows none."),
            Field("date", "Date", "text", "As precise as the document gives it: YYYY, "
                  "YYYY-MM or YYYY-MM-DD."),
            Field("summary", "Summary", "textarea", "What the document is about, in your own "
                  "words.", True),
        ],
    }


def embedded_data(kb: KnowledgeBase, root: Path, repository: dict,
                  email: str | None = None) -> dict:
    """What the form's script reads: the schema, the messages, the entries with their
    files and lines (for corrections and the uniqueness of ids), the documents a new
    practice may not cite (`TRANSCRIBED`), and where proposals go:
    the editors' `email` and the repository. `kb` is the data files' own, in English on
    every language's page (not a translated view): a correction starts from the text in
    the file and replaces it."""
    located = {}
    for item in kb.all():
        try:
            file = item.path.relative_to(root).as_posix()
        except ValueError:  # an add-on's entry: not in this repository
            continue
        located[item.entry.id] = {"collection": item.collection, "file": file,
                                  "line": item.line, "label": label_of(item.entry)}
    return {"schema": knowledge_base_schema(), "messages": MESSAGES,
            "entries": collections_data(kb), "located": located,
            "folder": PROPOSALS_FOLDER, "repository": repository, "email": email,
            "transcribed": [document for document in TRANSCRIBED if document in kb],
            "kinds": {"practices": Practice.kind, "lessons": Lesson.kind,
                      "sources": SourceDocument.kind}}


def email_problems(config_file: Path, value) -> list[Problem]:
    """`extra.proposals_email`, where the form sends proposals: one plain e-mail address."""
    if value is None or (isinstance(value, str) and EMAIL.fullmatch(value)):
        return []
    return [Problem(display_name(config_file), setting_line(config_file, "proposals_email"),
                    "-", "extra.proposals_email",
                    "expected one e-mail address, such as editors@example.org, with no "
                    f"spaces, '?' or '&', found {value!r}")]
