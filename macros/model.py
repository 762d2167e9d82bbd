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
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    field_validator,
)

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, max_length=80)]

# Limits keep one runaway paste from producing an unreadable page; they are generous
# compared with the longest entry in the sources (about 700 characters).
Title = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=3000)]
MAX_PAGE = 9999  # pages cited today go up to 14; a number beyond this is a slip, not a page


@dataclass(frozen=True)
class RefTo:
    """Marks a field as holding the id of an entry in one of `collections` (any, if empty)."""

    collections: tuple[str, ...]


def Ref(*collections: str):  # noqa: N802 - reads like a type in annotations
    targets = " or ".join(collections) or "any collection"
    return Annotated[Slug, RefTo(collections), Field(
        description=f"The id of an entry in {targets}.",
        json_schema_extra={"x-references": list(collections)})]


DATE_FORMAT = "expected a date written YYYY, YYYY-MM or YYYY-MM-DD"


def _check_partial_date(value: str) -> str:
    """Dates in the sources are as precise as the source: a year, a month or a day."""
    if not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value):
        raise ValueError(DATE_FORMAT)
    parts = [int(p) for p in value.split("-")] + [1, 1]
    try:
        datetime.date(parts[0], parts[1], parts[2])
    except ValueError as error:
        raise ValueError(f"'{value}' is not a real date ({error})") from None
    return value


PartialDate = Annotated[str, AfterValidator(_check_partial_date),
                        Field(json_schema_extra={"pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"})]


COUNTRY_CODES = sorted(country.alpha_2 for country in pycountry.countries)
_COUNTRY_SET = frozenset(COUNTRY_CODES)


def _check_country(value: str) -> str:
    if value not in _COUNTRY_SET:  # exactly as the schema says: pycountry ignores case
        hint = f" (write it in capitals: '{value.upper()}')" \
            if value.upper() in _COUNTRY_SET else " (e.g. DE, NL, GB)"
        raise ValueError(f"'{value}' is not an ISO 3166-1 alpha-2 country code{hint}")
    return value

Country = Annotated[
    str,
    AfterValidator(_check_country),
    Field(json_schema_extra={"enum": COUNTRY_CODES}),
]


class Record(BaseModel):
    """Anything stored in `data/`: strict types, no unknown fields, never changed after load."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True,
                              use_attribute_docstrings=True)

    kind: ClassVar[str] = "entry"  # how messages and pages name one entry of this type
    id: Slug
    """Stable identifier and web anchor: lowercase letters, digits and single hyphens,
    unique in the whole knowledge base. Do not change it once published."""


class SourceRef(BaseModel):
    """Where an entry comes from: a source document, the section in it, and the page if known."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True,
                              use_attribute_docstrings=True)

    document: Ref("sources")
    """The id of the source document."""
    section: Title
    """The section as the document names it, e.g. "Main theme: ... > Subtheme: ... > Practices"."""
    page: Optional[Annotated[int, Field(ge=1, le=MAX_PAGE)]] = None
    """The page on which the section (its theme or subtheme) starts, from the document's table
    of contents; the copies used have no page breaks, so an item may be on a later page."""


class Item(Record):
    """An entry taken from the source documents, with its provenance."""

    sources: Annotated[list[SourceRef], Field(min_length=1)]
    """Where this entry comes from: at least one document and section."""


class SourceDocument(Record):
    """One of the published documents the knowledge base is built from."""

    kind: ClassVar[str] = "source document"
    title: Title
    """The title exactly as published."""
    type: Literal["article", "conclusion-paper", "overview-paper"]
    publisher: Optional[Title] = None
    """Who published it, only as the document itself shows it; leave out if it shows none."""
    date: Optional[PartialDate] = None
    """Date of publication as precise as known: YYYY, YYYY-MM or YYYY-MM-DD."""
    authors: list[Ref("people")] = []
    """Ids of the people who wrote it."""
    summary: Text
    """What the document is about, in your own words."""


class Person(Item):
    """Someone the sources name: a chair of a working group or an author."""

    kind: ClassVar[str] = "person"
    name: Title
    affiliation: Optional[Title] = None
    country: Optional[Country] = None


class WorkingGroup(Item):
    """A RAN working group, or another RAN label that meetings carry."""

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
    tagline: Optional[Title] = None
    """What the role's page offers, in a reader's own words, e.g. "Looking after yourself":
    the site's wording for finding the page (on the home page, in search), not the source's,
    and labelled as the editors' wording wherever it is shown."""


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
    """The title as printed, without the working-group label in front of it."""
    type: Literal["meeting", "paper"]
    date: PartialDate
    """The (first) day, as precise as the source: YYYY, YYYY-MM or YYYY-MM-DD."""
    end_date: Optional[PartialDate] = None
    """The last day, for a meeting over several days."""

    @field_validator("end_date")
    @classmethod
    def _ends_after_it_starts(cls, end: Optional[str], info: ValidationInfo):
        start = info.data.get("date")
        common = min(len(start or ""), len(end or ""))
        if start and end and end[:common] < start[:common]:
            raise ValueError(f"the end date {end} is before the start date {start}")
        return end
    working_groups: list[Ref("working_groups")] = []
    """Ids of the working groups named in its label."""
    summary: Text
    """What it was about, in your own words."""
    topics: list[Ref("themes")] = []
    """Ids of the themes or topics under which the source lists it."""
    documents: list[Ref("sources")] = []
    """Ids of source documents that record its conclusions."""


class Practice(Item):
    """A practice the sources cite, such as a programme, tool or network."""

    kind: ClassVar[str] = "practice"
    name: Title
    """The practice's name exactly as the source prints it."""
    country: Optional[Country] = None
    """ISO 3166-1 alpha-2 code of its country, e.g. "DE"; leave out if none is given."""
    programme: Optional[Title] = None
    """Where the source names a programme instead of a country, e.g. "Erasmus+"."""
    scope: Optional[Literal["local", "national"]] = None
    """Only where the source sorts practices into local and national ones."""
    status: Literal["in-collection", "being-included", "not-stated"]
    """What the source shows about its place in the RAN collection of practices:
    `in-collection`, the overview paper prints it as a link, which the editors read as its
    being in the collection (the paper does not say so in words); `being-included`, the
    source says it is being included; `not-stated`, the source does not say."""
    summary: Text
    """What it does, in your own words, never more than the source says."""
    topics: list[Ref("themes")] = []
    """Ids of the themes or topics under which the source cites it."""
    meetings: list[Ref("meetings")] = []
    """Ids of the meetings whose conclusions name it, e.g. as an inspiring practice."""
    audiences: list[Ref("audiences")] = []
    """Ids of the audiences it is plainly meant for: the editors' reading, which the site
    shows as such (the sources do not sort practices by audience)."""


class Lesson(Item):
    """A lesson learned or recommendation."""

    kind: ClassVar[str] = "lesson or recommendation"
    text: Text
    """The lesson, close to the source's bullet, in plain words; one bullet per entry."""
    topic: Ref("themes")
    """The id of the (most specific) theme it belongs to."""
    audiences: list[Ref("audiences")] = []
    """Ids of the audiences the text itself names or plainly addresses: the editors' reading,
    which the site shows as such (the sources do not sort these by audience)."""


class OpenQuestion(Item):
    """Something the working group says needs to be further explored."""

    kind: ClassVar[str] = "open question"
    text: Text
    """What needs to be explored, close to the source's bullet."""
    topic: Ref("themes")
    """The id of the (most specific) theme it belongs to."""
    audiences: list[Ref("audiences")] = []
    """Ids of the audiences the text itself names or plainly addresses: the editors' reading,
    which the site shows as such (the sources do not sort these by audience)."""


class Challenge(Item):
    """A challenge practitioners face, from Help the Helper."""

    kind: ClassVar[str] = "challenge"
    title: Optional[Title] = None
    text: Text


class Solution(Item):
    """A solution proposed in Help the Helper."""

    kind: ClassVar[str] = "solution"
    title: Optional[Title] = None
    text: Text


class Guideline(Item):
    """A Help the Helper guideline for one level (audience), optionally within a group."""

    kind: ClassVar[str] = "guideline"
    level: Ref("audiences")
    """The id of the level (audience) the guideline is for."""
    group: Optional[Title] = None
    """The heading the source groups it under, e.g. "Personal safety"."""
    text: Text
    points: list[Text] = []
    """Sub-points, where the source lists them."""
    hint: bool = False
    """true for text the source prints under "HINT"."""


class CarePoint(Item):
    """A point of the article 'Caring for our caregivers'."""

    kind: ClassVar[str] = "caregiver point"
    type: Literal["reason", "risk", "need", "care-model"]
    title: Optional[Title] = None
    text: Text
    points: list[Text] = []


class GlossaryTerm(Item):
    """An abbreviation or term, explained in plain words."""

    kind: ClassVar[str] = "glossary term"
    term: Title
    """The abbreviation or term; variants in brackets, e.g. "RAN HEALTH (RAN MENTAL HEALTH)"."""
    expansion: Optional[Title] = None
    """What an abbreviation stands for."""
    definition: Text
    """Plain words for a reader under stress."""
    see: list[Ref()] = []
    """Ids of entries where the term matters."""


class EditorialNote(Item):
    """Where the sources are inconsistent or incomplete: shown once on each page that shows
    what it annotates, and pointed to from every other entry it annotates there."""

    kind: ClassVar[str] = "editorial note"
    annotates: Annotated[list[Ref()], Field(min_length=1)]
    """Ids of the entries the note is about."""
    text: Text
    """What the sources say and what is uncertain, neutrally."""
    about: Literal["sources", "reading", "layout"] = "sources"
    """What the note is about: "sources", what the sources say or leave unsaid (the
    default); "reading", how to read the entries it annotates; "layout", how a source was
    laid out or extracted, which readers seldom need: shown collapsed until opened."""


class Contact(Record):
    """A support contact of the organisation hosting this copy (from its local add-on):
    supervision, employee assistance, a crisis line. Not from the source documents."""

    kind: ClassVar[str] = "support contact"
    name: Title
    type: Literal["supervision", "employee-assistance", "crisis-line", "peer-support", "other"]
    description: Text
    """Who it is for and when to use it."""
    phone: Optional[Annotated[str, StringConstraints(pattern=r"^\+?[0-9 ()-]{3,30}$")]] = None
    email: Optional[Annotated[str, StringConstraints(pattern=r"^[^@\s<>\"]+@[^@\s<>\"]+$")]] = None
    url: Optional[Annotated[str, StringConstraints(pattern=r"^https?://[^\s<>\"]+$")]] = None
    """A web address starting with http:// or https://."""
    hours: Optional[Title] = None


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
    "contacts": Contact,
}
