"""The data model: one typed class per kind of entry in `data/`.

This is the single place where a field is defined. Validation (`validate.py`), the JSON
Schema for editors (`python -m macros schema`) and the data-model reference page all come
from these classes.

A data file is a YAML mapping from a collection name (a key of `COLLECTIONS`) to a list of
entries. Every entry has an `id` (a slug, unique across the whole knowledge base, so that it
can be an anchor on any page) and, except source documents, `sources`: where it comes from.
References between entries are ids, declared with `Ref(...)` so that the resolver can find
and check every one of them generically.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from typing import Annotated, ClassVar, Literal, Optional

import pycountry
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, max_length=80)]

# Limits keep one runaway paste from producing an unreadable page; they are generous
# compared with the longest entry in the sources (about 700 characters).
Title = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=3000)]


@dataclass(frozen=True)
class RefTo:
    """Marks a field as holding the id of an entry in one of `collections` (any, if empty)."""

    collections: tuple[str, ...]


def Ref(*collections: str):  # noqa: N802 - reads like a type in annotations
    return Annotated[Slug, RefTo(collections)]


def _check_partial_date(value: str) -> str:
    """Dates in the sources are as precise as the source: a year, a month or a day."""
    if not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value):
        raise ValueError("expected a date written YYYY, YYYY-MM or YYYY-MM-DD")
    parts = [int(p) for p in value.split("-")] + [1, 1]
    try:
        datetime.date(parts[0], parts[1], parts[2])
    except ValueError as error:
        raise ValueError(f"'{value}' is not a real date ({error})") from None
    return value


PartialDate = Annotated[str, AfterValidator(_check_partial_date)]


def _check_country(value: str) -> str:
    if pycountry.countries.get(alpha_2=value) is None:
        raise ValueError(f"'{value}' is not an ISO 3166-1 alpha-2 country code (e.g. DE, NL, GB)")
    return value


COUNTRY_CODES = sorted(country.alpha_2 for country in pycountry.countries)
Country = Annotated[
    str,
    AfterValidator(_check_country),
    Field(json_schema_extra={"enum": COUNTRY_CODES}),
]


class Record(BaseModel):
    """Anything stored in `data/`: strict types, no unknown fields, never changed after load."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    kind: ClassVar[str] = "entry"  # how messages and pages name one entry of this type
    id: Slug


class SourceRef(BaseModel):
    """Where an entry comes from: a source document, the section in it, and the page if known."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    document: Ref("sources")
    section: Title
    page: Optional[Annotated[int, Field(ge=1)]] = None


class Item(Record):
    """An entry taken from the source documents, with its provenance."""

    sources: Annotated[list[SourceRef], Field(min_length=1)]


class SourceDocument(Record):
    kind: ClassVar[str] = "source document"
    title: Title
    type: Literal["article", "conclusion-paper", "overview-paper"]
    publisher: Title
    date: Optional[PartialDate] = None
    authors: list[Ref("people")] = []
    summary: Text


class Person(Item):
    kind: ClassVar[str] = "person"
    name: Title
    affiliation: Optional[Title] = None
    country: Optional[Country] = None


class WorkingGroup(Item):
    kind: ClassVar[str] = "working group"
    name: Title  # the short name used in meeting titles, e.g. "RAN H&SC"
    full_name: Optional[Title] = None
    description: Optional[Text] = None
    predecessor: Optional[Ref("working_groups")] = None
    chairs: list[Ref("people")] = []


class Audience(Item):
    """Who a guideline or recommendation is addressed to (the four Help the Helper levels)."""

    kind: ClassVar[str] = "audience"
    name: Title
    description: Text
    introduction: Optional[Text] = None  # the source's own opening words for this level


class Theme(Item):
    """A main theme, a subtheme or a topic; topics sit in subthemes, subthemes in main themes."""

    kind: ClassVar[str] = "theme"
    title: Title
    level: Literal["main-theme", "subtheme", "topic"]
    parent: Optional[Ref("themes")] = None
    summary: Optional[Text] = None


class Meeting(Item):
    """A RAN meeting or paper cited by the overview paper."""

    kind: ClassVar[str] = "meeting or paper"
    title: Title
    type: Literal["meeting", "paper"]
    date: PartialDate
    end_date: Optional[PartialDate] = None
    working_groups: list[Ref("working_groups")] = []
    summary: Text
    topics: list[Ref("themes")] = []
    documents: list[Ref("sources")] = []  # source documents that record its conclusions


class Practice(Item):
    kind: ClassVar[str] = "practice"
    name: Title
    country: Optional[Country] = None
    programme: Optional[Title] = None  # where a practice belongs to no country, e.g. Erasmus+
    scope: Optional[Literal["local", "national"]] = None
    status: Literal["in-collection", "being-included", "not-stated"]
    summary: Text
    topics: list[Ref("themes")] = []
    meetings: list[Ref("meetings")] = []
    audiences: list[Ref("audiences")] = []


class Lesson(Item):
    """A lesson learned or recommendation."""

    kind: ClassVar[str] = "lesson or recommendation"
    text: Text
    topic: Ref("themes")
    audiences: list[Ref("audiences")] = []


class OpenQuestion(Item):
    """Something the working group says needs to be further explored."""

    kind: ClassVar[str] = "open question"
    text: Text
    topic: Ref("themes")
    audiences: list[Ref("audiences")] = []


class Challenge(Item):
    kind: ClassVar[str] = "challenge"
    title: Optional[Title] = None
    text: Text


class Solution(Item):
    kind: ClassVar[str] = "solution"
    title: Optional[Title] = None
    text: Text


class Guideline(Item):
    """A Help the Helper guideline for one level (audience), optionally within a group."""

    kind: ClassVar[str] = "guideline"
    level: Ref("audiences")
    group: Optional[Title] = None
    text: Text
    points: list[Text] = []
    hint: bool = False


class CarePoint(Item):
    """A point of the article 'Caring for our caregivers'."""

    kind: ClassVar[str] = "caregiver point"
    type: Literal["reason", "risk", "need", "care-model"]
    title: Optional[Title] = None
    text: Text
    points: list[Text] = []


class GlossaryTerm(Item):
    kind: ClassVar[str] = "glossary term"
    term: Title
    expansion: Optional[Title] = None
    definition: Text
    see: list[Ref()] = []


class EditorialNote(Item):
    """Where the sources are inconsistent or incomplete: shown beside what it annotates."""

    kind: ClassVar[str] = "editorial note"
    annotates: Annotated[list[Ref()], Field(min_length=1)]
    text: Text


# Collection name (the key used in data files) -> the class of its entries. Order is the
# order in which collections are described in the data-model reference.
COLLECTIONS: dict[str, type[Record]] = {
    "sources": SourceDocument,
    "people": Person,
    "working_groups": WorkingGroup,
    "audiences": Audience,
    "themes": Theme,
    "meetings": Meeting,
    "practices": Practice,
    "lessons": Lesson,
    "questions": OpenQuestion,
    "challenges": Challenge,
    "solutions": Solution,
    "guidelines": Guideline,
    "care_points": CarePoint,
    "glossary": GlossaryTerm,
    "notes": EditorialNote,
}
