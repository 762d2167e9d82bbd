"""Rendering: data -> Markdown, through the Jinja templates in `macros/templates/`.

Every value a template prints with `{{ ... }}` goes through `as_markdown_text` first: data
is always shown as text. Characters that Markdown, attribute lists or HTML would act on are
written as character references, so `{{ config }}`, `<script>` or `[x](javascript:...)` in a
data file reach the reader as those very characters and are never evaluated. Only values that
the renderer itself built (links, nested templates) are marked safe with `Markup`.
"""

from __future__ import annotations

import itertools
import json
import posixpath
import re
import unicodedata

import jinja2
import pycountry
from markupsafe import Markup

from . import site_map
from .folders import TEMPLATES
from .i18n import country_in, date_in, templates_environment
from .knowledge_base import KnowledgeBase
from .model import SLUG_PATTERN, Record, SourceRef
from .related import Relations
from .script_words import script_strings_block

# Characters with a meaning to Markdown, its extensions, Jinja or HTML anywhere in a line.
# '"' too: safe inside attributes; ':' so that no ":name:" becomes an icon or emoji. And the
# no-break spaces (U+00A0, U+202F) of French typography: as characters, the table of contents
# folds them into ordinary spaces with the rest of a heading's white space, and "Premier
# besoin : la formation" could break before its colon there; as references, they stay.
_ALWAYS = re.compile(r"[\\`*_{}\[\]<>&|~^=#\":\u00a0\u202f]")
# Characters that only mean something at the start of a line: "- ", "+ ", ": " and "12. "
# or "12) " would start a list or a definition.
_LINE_START = re.compile(r"^(\d*)([-+:]|(?<=\d)[.)])")
_NAMED = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"}


def _reference(match: re.Match) -> str:
    char = match.group(0)
    return _NAMED.get(char, f"&#{ord(char)};")


# The spaces that end a line of a YAML file or of a template; not the no-break spaces that
# French typography puts before ":" and inside « », which must stay where they are.
_LINE_SPACES = re.compile(r"[ \t\r\n]+")


def one_line(text: str) -> str:
    """`text` on one line: each run of ordinary spaces and line ends one space."""
    return _LINE_SPACES.sub(" ", text).strip()


def as_markdown_text(value) -> Markup:
    """Make a value safe to place anywhere in Markdown: it will display as exactly its text."""
    if value is None:
        return Markup("")
    if hasattr(value, "__html__"):
        return Markup(value)
    text = one_line(str(value))  # data text is one paragraph; no line can start a block
    text = _ALWAYS.sub(_reference, text)
    text = _LINE_START.sub(lambda m: m.group(1) + f"&#{ord(m.group(2))};", text)
    return Markup(text)


def sort_key(text: str) -> str:
    """Text as an alphabetical list orders it: accents and case aside."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def index_key(text) -> str:
    """Where an alphabetical index files `text`: its sort key from its first letter or digit
    on, so that a term in quotes or brackets stands among the others of its letter."""
    key = sort_key(str(text))
    return key[next((at for at, char in enumerate(key) if char.isalnum()), len(key)):]


def initial(text) -> str:
    """The letter an alphabetical index files `text` under, accents and case aside
    ("Éthique": "E"); "#" for one that starts with a digit, or has no letter at all."""
    key = index_key(text)
    return key[0].upper() if key[:1].isalpha() else "#"


ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def by_initial(entries, attribute: str) -> list[tuple[str, list]]:
    """`entries` in alphabetical order of `attribute` (accents and case aside), in runs of
    one initial each: [("A", [...]), ("B", [...]), ...]; letters without an entry left out."""
    ordered = sorted(entries, key=lambda entry: index_key(getattr(entry, attribute)))
    return [(letter, list(run)) for letter, run in itertools.groupby(
        ordered, key=lambda entry: initial(getattr(entry, attribute)))]


def letter_index(runs: list[tuple[str, list]]) -> list[tuple[str, object]]:
    """An alphabetical index of `runs` (`by_initial`): every letter from A to Z, and any
    other initial the entries have, in order, each with the first entry filed under it, or
    None where there is none."""
    first = {letter: run[0] for letter, run in runs}
    return [(letter, first.get(letter)) for letter in sorted(set(ALPHABET) | set(first),
                                                               key=sort_key)]


def filter_key(heading) -> str:
    """The name of a table's filter in the page's address: its column's heading in lower
    case without accents, each run of other characters than a-z and 0-9 one "-" (so a link
    can open the table filtered: `?country=Germany`, `?echelle=local`)."""
    return re.sub(r"[^a-z0-9]+", "-", sort_key(one_line_of_text(heading))).strip("-")


def one_line_of_text(value) -> str:
    """The text of a title or description for the engine, which escapes it itself: Markup
    (a string of the site's own, its characters written as references for Markdown) back to
    its text; data text as it is."""
    text = value.unescape() if isinstance(value, Markup) else str(value)
    return one_line(text)


def plain_text(value) -> Markup:
    """Text for a place where Markdown does not act and the output is escaped later (the
    title of an abbreviation): one line, no control characters, and no brackets that
    could end the definition early."""
    text = one_line(str(value))
    return Markup(re.sub(r"[\x00-\x1f\x7f\[\]]", "", text))


def engine_text(value) -> str:
    """Text from the data for a field that the engine or theme prints outside the page body:
    the title (browser tab, navigation, header), meta description and tags.

    Material prints these without escaping, so HTML is escaped. And mkdocs-macros renders a
    page title containing `{{`, `{%` or `{#` as an unsandboxed Jinja template, which would
    run code on the build machine, so braces become character references: the reader still
    sees `{`, and no engine finds a template in it.
    """
    text = one_line(str(value))
    return _ENGINE_UNSAFE.sub(lambda match: _ENGINE_REFERENCES[match.group(0)], text)


# What `engine_text` writes as references. Not the apostrophe: the themes quote attributes
# with '"', and where one escapes a value again (a logo's title), "&#39;" would show as is.
_ENGINE_REFERENCES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;",
                      "{": "&#123;", "}": "&#125;"}
_ENGINE_UNSAFE = re.compile("[&<>\"{}]")


def country_name(code: str | None) -> str:
    if not code:
        return ""
    country = pycountry.countries.get(alpha_2=code)
    return getattr(country, "common_name", None) or country.name


_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"]


def _date_parts(value: str) -> list[str]:
    parts = value.split("-")
    words = [parts[0]]
    if len(parts) > 1:
        words.insert(0, _MONTHS[int(parts[1]) - 1])
    if len(parts) > 2:
        words.insert(0, str(int(parts[2])))
    return words


def readable_date(start: str, end: str | None = None) -> str:
    """'2018-04-10', '2018-04-11' -> '10–11 April 2018'; '2019-04' -> 'April 2019'."""
    first = _date_parts(start)
    if not end:
        return " ".join(first)
    last = _date_parts(end)
    shared = 0
    while shared < min(len(first), len(last)) and first[-1 - shared] == last[-1 - shared]:
        shared += 1
    head = " ".join(first[: len(first) - shared])
    return f"{head}–{' '.join(last)}" if head else " ".join(last)


class PageRenderer:
    """Renders templates for one page of the site, so links can be relative to that page."""

    def __init__(self, kb: KnowledgeBase, environment: jinja2.Environment, page: str,
                 relations: Relations, directory_urls: bool = True,
                 edit_url=lambda entry_id: None):
        self.kb, self.environment, self.page = kb, environment, page
        self.relations = relations
        self.directory_urls = directory_urls
        self.edit_url = edit_url  # entry id -> its data file and line on the hosting platform
        self.shown: list[Record] = []  # entries given an anchor here, for `documents_shown`
        self.anchors: list[str] = []  # every anchor given here, to find two that clash
        self.linked: list[str] = []  # ids of the entries linked to, whose words are shown
        self.description: str | None = None  # for search engines and link previews
        self.title: str | None = None  # the page's title, where it comes from the data
        self.notes_placed: set[str] = set()  # editorial notes shown (or waiting) on this page
        self.notes_waiting: list[Record] = []  # notes on the page's subject, for its end

    def anchor(self, entry: Record | str, suffix: str | None = None,
               badge: bool = True) -> Markup:
        """The id of a heading or paragraph. Where an entry has its place, an entry from
        this copy's own add-on is badged "Local" in front of it; `badge=False` where the
        anchor stands on a line of its own (the template prints `local_badge` in the text)."""
        markup = anchor(entry, suffix)
        self.anchors.append(markup[3:-2])
        if isinstance(entry, str) or suffix is not None:
            return markup
        self.shown.append(entry)
        return self.local_badge(entry) + markup if badge else markup

    def local_badge(self, entry: Record) -> Markup:
        """"Local" (in the page's language, as the template's `local_badge` says it) and a
        space, for an entry from this copy's own add-on; nothing for any other."""
        if not self.kb.is_local(entry.id):
            return Markup("")
        return Markup(LOCAL_BADGE) % self.environment.globals["gettext"]("Local") + " "

    def row_anchor(self, entry: Record) -> Markup:
        """An entry's id on the row of a compact list (a table's cell cannot take an
        attribute list), where an old address such as `practices/#id` lands; marked Local
        as `anchor` marks it."""
        self.anchor(entry, badge=False)  # recorded, as every anchor of the page
        return Markup('<span id="%s" class="kb-entry-row"></span>') % entry.id + \
            self.local_badge(entry).rstrip()

    def sources_and_own(self, entries: list[Record]) -> tuple[list[Record], list[Record]]:
        """`entries` in two: the sources' (the knowledge base's data), and those the
        organisation that hosts this copy added (its add-on's data, marked Local), so that
        a count of what the sources hold never counts the organisation's own."""
        local = [self.kb.is_local(entry.id) for entry in entries]
        return ([entry for entry, own in zip(entries, local, strict=True) if not own],
                [entry for entry, own in zip(entries, local, strict=True) if own])

    def place_note(self, note: Record, later: bool = False) -> bool:
        """Whether `note` is to be shown here: only the first time on a page. With `later`
        (the page's own subject, at its top) it waits for `waiting_notes` at the page's end."""
        if note.id in self.notes_placed:
            return False
        self.notes_placed.add(note.id)
        if later:
            self.notes_waiting.append(note)
            return False
        return True

    def waiting_notes(self) -> list[Record]:
        """The notes kept for the end of the page, once."""
        waiting, self.notes_waiting = self.notes_waiting, []
        return waiting

    def page_title(self, text: str, detail: str | None = None) -> str:
        """Record the page's title (for the browser tab and navigation), with `detail` in
        brackets after it where two pages could share a title; returns `text`."""
        self.title = one_line_of_text(text) + (f" ({one_line_of_text(detail)})"
                                               if detail else "")
        return text

    def describe_page(self, text: str) -> str:
        """Record the page's one-line description (its meta description); prints nothing."""
        self.description = one_line_of_text(text)
        return ""

    def documents_shown(self) -> list[Record]:
        """The source documents that the entries shown so far on this page come from."""
        ids: list[str] = []
        for entry in self.shown:
            refs = getattr(entry, "sources", [])
            ids += [ref.document for ref in refs if ref.document not in ids]
        return [self.kb.get(document) for document in ids]

    def url(self, entry_id: str) -> Markup:
        return Markup(site_map.url_of(self.kb, entry_id, self.page))

    def link(self, entry_id: str, text: str | None = None, arrow: bool = False) -> Markup:
        """A link to an entry, its text the entry's title or `text`. A text longer than
        LONGEST_LINK is shown as text, followed by a short link that says what it leads to
        ("meeting or paper ›"): a sentence-long link reads as a wall of underlined words on
        a phone, and a list of them hides which words are the advice. With `arrow`, a link
        that says where a text comes from: "Lone actors ›"."""
        self.linked.append(entry_id)
        entry = self.kb.get(entry_id)
        label = as_markdown_text(text if text is not None else label_of(entry))
        # What a reader sees of it: tags left out, character references read.
        if len(label.striptags()) + (len(ARROW) if arrow else 0) <= LONGEST_LINK:
            return Markup(f"[{label}{ARROW if arrow else ''}]({self.url(entry_id)})")
        word = self.environment.globals["gettext"](LINK_WORDS.get(entry.kind, "details"))
        return Markup(f"{label} [{as_markdown_text(word)}{ARROW}]({self.url(entry_id)})")

    def html_url(self, entry_id: str) -> Markup:
        """The address of an entry in the built site, for links inside raw HTML, which
        MkDocs does not rewrite from `.md` paths."""
        page, _, fragment = site_map.url_of(self.kb, entry_id, self.page).partition("#")
        folder = posixpath.dirname(self.page)
        target = posixpath.normpath(posixpath.join(folder, page)) if page else self.page
        url = self.site_url(built_path(target, self.directory_urls))
        return Markup(f"{url}#{fragment}" if fragment else url)

    # Stands for an entry's id in `entry_address`; not a valid id, so never one of them.
    ENTRY_ID = "ENTRY_ID"

    def entry_address(self, collection: str) -> Markup:
        """The address of any entry's page of `collection` from this page, with ENTRY_ID
        where its id goes: a script's way to an entry whose row is on another page."""
        return self.site_url(built_path(site_map.entry_page(collection, self.ENTRY_ID),
                                        self.directory_urls))

    def site_url(self, path: str) -> Markup:
        """A relative link from this page, as built, to `path` in the built site."""
        here = posixpath.dirname(built_path(self.page, self.directory_urls)) or "."
        url = posixpath.relpath(path or ".", here)
        return Markup(url + "/" if path.endswith("/") or not path else url)

    def page_url(self, target: str) -> Markup:
        """A relative link from this page to another Markdown file under `docs/`."""
        return Markup(posixpath.relpath(target, posixpath.dirname(self.page) or "."))

    def citation(self, document: Record) -> Markup:
        """A plain reference to a source document, for readers who need to cite it: only
        what the document shows (authors, title, publisher, the meeting it concludes, date)."""
        _, date = self.environment.globals["gettext"], self.environment.filters["date"]
        who = "; ".join(str(self.kb.get(author).name) for author in document.authors)
        parts = [str(document.publisher)] if document.publisher else []
        parts += [_("conclusions of the meeting of %(date)s",
                    date=date(meeting.date, meeting.end_date)).unescape()
                  for meeting in self.kb.referrers(document.id, "documents", "meetings")]
        parts.append(date(document.date) if document.date else _("undated").unescape())
        where = ", ".join(parts)
        title = as_markdown_text(str(document.title))  # exact, as the document shows it
        if self.environment.globals["language"] != "en":
            title = Markup('<span lang="en">%s</span>') % title
        author = as_markdown_text(f"{who}.") + Markup(" ") if who else Markup("")
        return author + title + as_markdown_text(f". {where[0].upper()}{where[1:]}.")

    def documents_of(self, entries: list[Record]) -> list[Record]:
        """The source documents `entries` come from, in order."""
        return [self.kb.get(document)
                for document in dict.fromkeys(ref.document for ref in shared_sources(entries))]

    def meetings_behind(self, entries: list[Record]) -> list[Record]:
        """The meetings whose conclusions are the documents `entries` come from."""
        return [meeting for document in self.documents_of(entries)
                for meeting in self.kb.referrers(document.id, "documents", "meetings")]

    def children(self, theme: Record) -> list[Record]:
        return self.kb.referrers(theme.id, "parent", "themes")

    def render(self, template: str, **context) -> Markup:
        text = self.environment.get_template(template).render(
            kb=self.kb, page=self.page, url=self.url, link=self.link, anchor=self.anchor,
            row_anchor=self.row_anchor, entry_address=self.entry_address,
            documents_shown=self.documents_shown, describe_page=self.describe_page,
            page_title=self.page_title, html_url=self.html_url, site_url=self.site_url,
            is_local=self.kb.is_local, sources_and_own=self.sources_and_own,
            printing=context.pop("printing", False),
            children=self.children, shared_sources=shared_sources, years=years,
            meetings_behind=self.meetings_behind, documents_of=self.documents_of,
            page_url=self.page_url, citation=self.citation, edit_url=self.edit_url,
            place_note=self.place_note, waiting_notes=self.waiting_notes,
            related=self.relations.related, **context)
        return Markup(text)


LOCAL_BADGE = '<span class="kb-chip kb-chip--local">%s</span>'  # "Local", in the page's language


def built_path(page: str, directory_urls: bool) -> str:
    """Where MkDocs writes a page: 'themes/ethics.md' -> 'themes/ethics/' (directory URLs)
    or 'themes/ethics.html'; 'index.md' -> '' or 'index.html'."""
    stem = page.removesuffix(".md")
    if not directory_urls:
        return stem + ".html"
    if posixpath.basename(stem) == "index":
        folder = posixpath.dirname(stem)
        return folder + "/" if folder else ""
    return stem + "/"


def anchor(entry: Record | str, suffix: str | None = None) -> Markup:
    """The attribute list that gives a heading or paragraph an id: the entry's, or a slug."""
    name = (entry if isinstance(entry, str) else entry.id) + (f"-{suffix}" if suffix else "")
    if not re.fullmatch(SLUG_PATTERN, name):  # ids are validated on load; never escaped here
        raise ValueError(f"not a valid anchor: {name!r}")
    return Markup(f"{{ #{name} }}")


def years(entries: list[Record]) -> list[str]:
    """The distinct years of dated entries, newest first."""
    return sorted({entry.date[:4] for entry in entries}, reverse=True)


# How enumerated values read on the site.
# The most characters a link's text may have; a longer text is shown as text, followed by a
# short link named by what it leads to (`PageRenderer.link`).
LONGEST_LINK = 60
ARROW = "\u00a0›"  # after a short link that leads on, never alone on a line
LINK_WORDS = {
    "source document": "source", "person": "person", "working group": "working group",
    "audience": "role", "theme": "theme", "meeting or paper": "meeting or paper",
    "practice": "practice", "lesson or recommendation": "lesson", "open question": "question",
    "challenge": "challenge", "solution": "solution", "guideline": "guideline",
    "caregiver point": "point", "glossary term": "glossary", "editorial note": "note",
    "support contact": "contact",
}


VALUE_LABELS = {
    # An editors' reading (the paper prints these practices as links), labelled as one.
    "in-collection": "Listed in the overview paper; in the RAN collection by the editors' reading",
    "being-included": "Being included in the RAN collection",
    "not-stated": "Collection status not stated in the source",
    "main-theme": "Main theme",
    "subtheme": "Subtheme",
    "topic": "Topic",
    "article": "Article",
    "conclusion-paper": "Conclusion paper",
    "overview-paper": "Overview paper",
    "supervision": "Supervision",
    "employee-assistance": "Employee assistance",
    "crisis-line": "Crisis line",
    "peer-support": "Peer support",
    "other": "Support",
}


def groupby_in_order(entries, attribute: str):
    """Consecutive runs of entries sharing `attribute`, keeping the data's own order."""
    return [(key, list(group)) for key, group in
            itertools.groupby(entries, key=lambda entry: getattr(entry, attribute))]


def describe(value: str) -> str:
    return VALUE_LABELS.get(value, value)


def shared_sources(entries: list[Record]) -> list[SourceRef]:
    """The distinct source references of `entries`, in order: one line under a list."""
    refs: list[SourceRef] = []
    for entry in entries:
        refs += [ref for ref in entry.sources if ref not in refs]
    return refs


def label_of(entry: Record) -> str:
    for field in ("title", "name", "term"):
        if getattr(entry, field, None):
            return getattr(entry, field)
    return entry.id


def json_script(value) -> Markup:
    """JSON for a `<script type="application/json">` block: `<`, `>` and `&` are escaped,
    so no text from the data can end the block or start markup."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return Markup(text.replace("&", "\\u0026").replace("<", "\\u003c")
                  .replace(">", "\\u003e"))


class InterfaceText(Markup):
    """One of the site's own strings, ready for its `%(name)s` values: whoever fills them in
    (`_()` below, or the `{% trans %}` blocks of Jinja's i18n extension, which apply `%`
    themselves), each value is shown as text, as data text is everywhere (but Markup, e.g.
    a link the template made, stays markup)."""

    def __mod__(self, values) -> Markup:
        if not isinstance(values, dict):
            raise TypeError("interface strings take named values: %(name)s")
        return Markup(str.__mod__(str(self), {name: as_markdown_text(value)
                                              for name, value in values.items()}))


def interface_gettext(strings: dict[str, str]):
    """`_("English", name=value)` and `{% trans name=value %}English{% endtrans %}` for the
    templates: the site's own string in the page's language (`strings`: English ->
    translation; English where there is none), with `%(name)s` filled in. The English is the
    template's own text (its Markdown acts); a translation comes from data, so it is shown
    as text."""
    def gettext_(text: str, **values) -> Markup:
        translated = strings.get(text)
        return InterfaceText(as_text_with_slots(translated) if translated else text) % values
    return gettext_


_SLOT = re.compile(r"%\([a-z_]+\)s")


def as_text_with_slots(translation: str) -> str:
    """A translation made inert Markdown text, but for its `%(name)s` slots, which stand
    aside meanwhile as NUL characters (validation refuses them in data text). Every other
    `%` is text, as written ("100 %", and "%%" too, as the navigation and the page scripts
    show it), so it is doubled for the `%` that fills in the slots."""
    slots = _SLOT.findall(translation)
    marked = _SLOT.sub(lambda _: "\0", translation)
    text = str(as_markdown_text(marked)).replace("%", "%%")
    for slot in slots:
        text = text.replace("\0", slot, 1)
    return text


def make_environment(language: str = "en",
                     interface: dict[str, str] | None = None) -> jinja2.Environment:
    """The templates' environment for pages in `language`, with the site's own strings in
    it (`interface`) through Jinja's i18n extension, and dates and countries in it."""
    environment = templates_environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,  # plus `finalize`: every printed value becomes inert Markdown text
        finalize=as_markdown_text,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    gettext_ = interface_gettext(interface or {})
    def script_strings(*scripts: str) -> Markup:
        """The words the page's scripts write, in its language: a JSON block keyed by the
        English each script holds (its `text(english)` looks them up)."""
        words = script_strings_block(scripts, language, interface or {})
        return Markup("") if words is None else Markup(
            '<script type="application/json" class="kb-strings">%s</script>') % json_script(words)

    environment.globals.update(
        script_strings=script_strings,
        _=gettext_, gettext=gettext_,
        ngettext=lambda one, other, n, **values: gettext_(one if n == 1 else other,
                                                          **{"num": n, **values}))
    environment.globals.update(language=language)
    if language != "en":
        country, date = country_in(language), date_in(language)
    else:
        country, date = country_name, readable_date
    def in_language_order(countries):
        """(code, name) pairs of countries, named and sorted in the page's language (accents
        aside: "Égypte" among the E)."""
        named = [(code, country(code)) for code, _name in countries]
        return sorted(named, key=lambda pair: sort_key(pair[1]))

    environment.filters.update(
        country=country, date=date, label=label_of, in_language_order=in_language_order,
        filter_key=filter_key,
        describe=lambda value: gettext_(describe(value)),
        plain=plain_text, json_script=json_script,
        as_text=str,  # the text alone, without a notice or gloss (i18n.Shown): attributes
        groupby_in_order=groupby_in_order, by_initial=by_initial, letter_index=letter_index)
    environment.tests.update(
        contains=lambda sequence, item: item in sequence,
        startingwith=lambda text, prefix: str(text).startswith(prefix))
    return environment
