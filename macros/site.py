"""The macros that pages in `docs/` call, as plain Python: `Site(kb).render_page(page, name, ...)`.

Each page macro chooses a template and what it shows; pages pass only ids, and all text is
looked up here, so no data ever passes through the page's own template rendering.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from markdown.extensions.toc import slugify
from markupsafe import Markup, escape

from . import export, pdf, proposal, site_map
from .edit_links import entry_edit_url, repository_edit_base
from .history import History
from .i18n import Language, language_name
from .knowledge_base import KnowledgeBase
from .model import COLLECTIONS, Record, Theme
from .problems import DataError, Problem
from .related import Relations, features
from .render import PageRenderer, built_path, country_name, engine_text, make_environment
from .schema import collection_docs


@dataclass(frozen=True)
class RenderedPage:
    markdown: Markup
    shown: list[Record]  # the entries that have their anchor on this page
    description: str | None = None
    title: str | None = None
    search_boost: float | None = None  # how the page ranks in search against others
    last_changed: str | None = None  # YYYY-MM-DD, from the history of what it draws on
    versions: list[dict] | None = None  # the page in each language (Site.versions)

    def tags(self, kb: KnowledgeBase, country=country_name) -> list[str]:
        """Tags for the page: the main themes and countries of what it shows, and the
        audience it is about. The audiences of lessons, questions and practices are the
        editors' reading, which a tag could not say, so they make no tags."""
        found: list[str] = []
        for entry in self.shown:
            for kind, value in features(kb, entry):
                if kind == "theme" and kb.get(value).level == "main-theme":
                    found.append(kb.get(value).title)
                elif kind == "audience" and value == entry.id:
                    found.append(kb.get(value).name)
                elif kind == "country":
                    found.append(country(value))
        return list(dict.fromkeys(found))

    def page_meta(self, kb: KnowledgeBase, tagged: bool, country=country_name) -> dict:
        """The page's metadata for the engine (title, description, tags), every value made
        safe by `engine_text`. `tagged`: whether the page is one whose tags are wanted."""
        meta = {"title": self.title, "description": self.description,
                "tags": self.tags(kb, country) if tagged else None}
        meta = {key: [engine_text(item) for item in value] if isinstance(value, list)
                else engine_text(value) for key, value in meta.items() if value}
        if self.search_boost is not None:  # a number of the site's own, not data
            meta["search"] = {"boost": self.search_boost}
        if "tags" in meta:  # for the tags index and search; above the title, they would
            meta["hide"] = ["tags"]  # come before the advice, as long links
        return meta

    def data_files(self, kb: KnowledgeBase) -> list[tuple[Path, int]]:
        """The data files the page shows entries from, each with its first entry's line."""
        first: dict[Path, int] = {}
        for entry in self.shown:
            located = kb.locate(entry.id)
            first.setdefault(located.path, located.line)
        return list(first.items())


@dataclass(frozen=True)
class Book:
    """The whole knowledge base as the PDF edition holds it (`Site.book`), in Markdown."""

    front: Markup  # the organisation's contacts, where it has any; the contents
    body: Markup  # every part, in reading order, with the abbreviations' definitions
    contents: list[dict]  # title, anchor, within: one a part
    pages: dict[str, str]  # a page of the site (docs/-relative) -> the anchor of its part


def heading_slugs(markdown: str) -> list[str]:
    """The ids Markdown's table of contents gives headings that have no id of their own."""
    return [slugify(text, "-") for text in
            re.findall(r"^#{1,6} +(.*?) *$", markdown, flags=re.M) if "{ #" not in text]


def after_title(markdown: Markup, block: Markup) -> Markup:
    """`block` after the page's title (its first level-one heading), or at the top: the
    engines take a page's title from a level-one heading that comes first."""
    found = re.search(r"^# .*\n", markdown, flags=re.M)
    at = found.end() if found else 0
    return Markup(markdown[:at]) + Markup("\n") + block + Markup("\n") + Markup(markdown[at:])


ABBREVIATION = re.compile(r"^[A-Z][A-Z0-9/+. -]*[A-Z0-9]$")  # P/CVE, VERA 2, RAN HEALTH


def abbreviations(kb: KnowledgeBase) -> dict[str, str]:
    """Each abbreviation in the glossary (variants in brackets too) -> its tooltip text."""
    found = {}
    for term in kb.collections["glossary"]:
        # In a translation: the expansion with its gloss, and a definition shown in English
        # for want of a current translation says so, as on the page.
        expansion, definition = (getattr(text, "with_note", text)
                                 for text in (term.expansion, term.definition))
        meaning = f"{expansion}: {definition}" if expansion else definition
        for variant in re.split(r"[(),]", term.term):
            if ABBREVIATION.match(variant.strip()):
                found.setdefault(variant.strip(), meaning)
    return found


def project_folder(kb: KnowledgeBase) -> Path | None:
    """The project's folder, holding `data/` and `docs/`: the parent of the folder of the
    knowledge base's (not an add-on's) data files closest to the top."""
    folders = [kb.locate(item.entry.id).path.resolve().parent for item in kb.all()
               if not kb.is_local(item.entry.id)]
    return min(folders, key=lambda folder: len(folder.parts)).parent if folders else None


# Problems of the data that only rendering a page finds (an entry id that is also an anchor
# the page makes itself). Raised inside a macro, one would end the build in the engine's
# traceback, one problem a build; kept here instead, every page's, for the build to report
# (`stages.render`).
PAGE_PROBLEMS: list[Problem] = []


@dataclass(frozen=True)
class PageMacroResult:
    """What a page macro hands an engine."""

    markdown: str
    meta: dict  # title, description, tags, each made safe for the engine
    data_files: list[tuple[Path, int]]  # the upstream data files shown, with a line each


class Site:
    def __init__(self, kb: KnowledgeBase, directory_urls: bool = True,
                 root: Path | None = None, repository: dict | None = None,
                 language: Language | None = None, proposals_email: str | None = None):
        # The language of the pages, and the languages the site is built in (for the
        # switcher); the knowledge base as its readers read it in that language.
        self.language = language or Language()
        self.environment = make_environment(self.language.code, self.language.interface)
        self.kb = self.language.view(kb, self.environment)
        # The knowledge base in its source language, English: what the data files hold, and
        # so what a proposed correction starts from and replaces, whatever the page's language
        self.source_kb = kb
        self.directory_urls = directory_urls  # MkDocs' use_directory_urls
        # The project folder, for the paths of data files (found from the data if not given)
        self.root = root or project_folder(kb)
        # {"url": repo_url, "edit_uri": edit_uri} where the copy names its repository
        self.repository = {"url": None, "edit_uri": None, **(repository or {})}
        self.edit_base = repository_edit_base(self.repository)
        self.proposals_email = proposals_email  # extra.proposals_email: the editors' address
        self.relations = Relations(kb)
        self.abbreviations = abbreviations(self.kb)  # in the page's language
        self.history = History(self.root) if self.root else None

    def edit_url(self, entry_id: str) -> str | None:
        """Where an entry of this repository's data is edited, at its line (None for an
        add-on's entry, or where the copy names no repository)."""
        if not self.edit_base or not self.root or self.kb.is_local(entry_id):
            return None
        located = self.kb.locate(entry_id)
        if self.root not in located.path.parents:
            return None
        # For an href: the file name is encoded by entry_edit_url, the copy's own settings
        # are escaped; Markdown characters such as '#' stay as they are.
        return Markup(escape(entry_edit_url(
            self.edit_base, located.path.relative_to(self.root).as_posix(), located.line)))

    TAGGED_MACROS = ("theme_page", "role_pathway")  # pages about one theme or one role
    # Search ranks the pages readers come to for advice above the site's apparatus (how the
    # data is modelled, downloads, the notes), which would otherwise win on many words, in
    # every language (each language's index carries the same boosts). A word counts 20
    # times in a title (mkdocs.yml), so an apparatus page's boost is less than a twentieth
    # of an advising page's: a word in a note's title ranks below the same word once in
    # the text of the page that gives the advice.
    APPARATUS_BOOST = 0.02
    SEARCH_BOOSTS = {"theme_page": 2, "role_pathway": 2, "help_the_helper": 2,
                     "caring_for_caregivers": 2, "data_model": APPARATUS_BOOST,
                     "downloads": APPARATUS_BOOST, ("catalogue", "notes"): APPARATUS_BOOST,
                     ("catalogue", "sources"): 0.5, "about": 0.5, "self_check": 0.5,
                     # A practice's or meeting's page answers its name; for an everyday
                     # word, the advice it informs comes first.
                     "entry_page": 0.3, ("catalogue", "meetings"): 0.5}
    # The macros a page may call, e.g. `{{ theme_page("lone-actors") }}`; each is a method
    # below that returns the template and its context.
    PAGE_MACROS = ("theme_page", "catalogue", "help_the_helper", "caring_for_caregivers",
                   "about", "home", "data_model", "role_pathway", "table", "timeline",
                   "gap_map", "self_check", "downloads", "whole_knowledge_base", "propose",
                   "written_by_hand", "not_found", "entry_page")

    def page_macro(self, page: str, name: str, *args, body: str | None = None,
                   nav_title: str | None = None) -> PageMacroResult:
        """What a page macro gives every engine's glue: the page's Markdown, its metadata,
        and the data files an edit link can point to (those inside the project's folder: an
        add-on kept elsewhere is not in the repository the link opens).

        `nav_title` is the page's own label in the navigation, if it has one (already inert:
        `stages.render.language_config` writes a translated one as character references).
        It becomes the page's metadata title where the page sets none, because both themes
        print `page.title | striptags` in the browser tab, and `striptags` turns references
        back into markup."""
        try:
            rendered = self.render_page(page, name, *args, body=body)
        except DataError as error:  # reported by `python -m macros build` after the engine
            PAGE_PROBLEMS.extend(error.problems)
            return PageMacroResult("", {}, [])
        files = [(path, line) for path, line in rendered.data_files(self.source_kb)
                 if self.root and self.root in path.parents]
        meta = rendered.page_meta(self.kb, tagged=name in self.TAGGED_MACROS,
                                  country=self.environment.filters["country"])
        if isinstance(nav_title, str) and nav_title:
            meta.setdefault("title", nav_title)
        return PageMacroResult(rendered.markdown, meta, files)

    def render_page(self, page: str, macro: str, *args, body: str | None = None) -> RenderedPage:
        if macro not in self.PAGE_MACROS:
            raise ValueError(f"{page}: unknown page macro '{macro}'")
        template, context = getattr(self, macro)(page, *args, **(
            {"body": body} if body is not None else {}))
        renderer = PageRenderer(self.kb, self.environment, page, self.relations,
                                self.directory_urls, self.edit_url)
        markdown = renderer.render(template, **context)
        self._check_anchors(page, renderer.anchors + heading_slugs(markdown))
        # Glossary abbreviations become tooltips wherever they appear on the page. Their
        # definitions must start a block of their own: after a table without a blank line,
        # Markdown would read them as more rows of it.
        changed = self._last_changed(page, renderer, everything=args == ("data",)
                                     and macro == "written_by_hand")
        if changed:
            markdown = Markup(markdown.rstrip("\n") + "\n\n") + renderer.render(
                "last_changed.md", date=Markup(changed),  # YYYY-MM-DD from git: ours
                version=self.history.version)
        markdown = Markup(markdown.rstrip("\n") + "\n\n") + renderer.render(
            "abbreviations.md", terms=self.abbreviations)
        # Every page says which language it is in, links to itself in the others, and in a
        # translation says whose translation it is.
        markdown = after_title(markdown, renderer.render(
            "i18n/page_language.md", current=self.language.code,
            versions=self.versions(renderer), handwritten=macro == "written_by_hand"))
        boost = self.SEARCH_BOOSTS.get((macro, *args), self.SEARCH_BOOSTS.get(macro))
        return RenderedPage(markdown, renderer.shown, renderer.description, renderer.title,
                            boost, changed, self.versions(renderer))

    def versions(self, renderer: PageRenderer) -> list[dict]:
        """This page in every language of the site: code, name (in itself), relative URL."""
        return [{"code": code, "name": language_name(code),
                 "url": renderer.site_url(self.language.path_to(code, built_path(
                     renderer.page, self.directory_urls)))}
                for code in self.language.site_languages]

    def _last_changed(self, page: str, renderer: PageRenderer, everything: bool) -> str | None:
        """When the page's content last changed: the last commit to its Markdown file or to
        a data file of an entry it shows or links to (`everything`: any data file)."""
        if self.history is None:
            return None
        ids = [item.entry.id for item in self.kb.all()] if everything else \
            [entry.id for entry in renderer.shown] + renderer.linked
        files = {self.kb.locate(entry_id).path for entry_id in ids if entry_id in self.kb}
        return self.history.last_changed([self.root / "docs" / page, *sorted(files)])

    def _check_anchors(self, page: str, anchors: list[str], place: str = "") -> None:
        """Two elements of a page with one id make links land on the wrong one; an entry id
        may clash with an anchor the site makes itself (a heading, "lone-actors-lessons").
        `place` names the document in messages, where it is not the page itself."""
        place = place or f"the page {page}"
        seen, problems = set(), []
        for name in anchors:
            if name in seen and name in self.kb:
                located = self.kb.locate(name)
                problems.append(Problem(
                    located.file, located.line, name, "id",
                    f"{place} already has an anchor '{name}' (a heading or section "
                    "the site makes itself); choose another id for this entry"))
            elif name in seen:
                raise ValueError(f"{page}: two elements would have the id '{name}'")
            seen.add(name)
        if problems:
            raise DataError(problems)

    def theme_page(self, page: str, theme_id: str):
        theme = self.kb.get(theme_id) if theme_id in self.kb else None
        if not isinstance(theme, Theme) or theme.level == "topic":
            raise ValueError(f"{page}: theme_page('{theme_id}'): no main theme or subtheme "
                             "has this id")
        return "pages/theme.md", {"theme": theme}

    def catalogue(self, page: str, collection: str, part: int = 1):
        if collection not in COLLECTIONS:
            raise ValueError(f"{page}: catalogue('{collection}'): unknown collection; "
                             f"known: {', '.join(COLLECTIONS)}")
        return f"pages/{collection}.md", self._list(page, "catalogue", collection, part)

    def _list(self, page: str, macro: str, collection: str, part: int) -> dict:
        """What a page listing a collection shows: all its `entries` (for counts, and the
        PDF edition), and the `rows` of its part `part`, with the pages of every part
        (`site_map.LISTS`). Meetings and papers are listed newest first."""
        entries = self.kb.collections[collection]
        rows = sorted(entries, key=lambda entry: entry.date, reverse=True) \
            if collection == "meetings" else list(entries)
        home = next((listed for listed, call in site_map.LISTS.items()
                     if call == (macro, collection)), page)
        count = site_map.list_parts(len(rows))
        if not isinstance(part, int) or not 1 <= part <= count:
            raise ValueError(f"{page}: {macro}('{collection}', {part!r}): the list has "
                             f"{count} part(s)")
        start = (part - 1) * site_map.LIST_ROWS
        return {"entries": entries, "rows": rows[start:start + site_map.LIST_ROWS],
                "part": part, "parts": [site_map.list_part(home, number)
                                        for number in range(1, count + 1)]}

    def entry_page(self, page: str, entry_id: str):
        """The page of one practice or meeting or paper, which the build generates."""
        collection = self.kb.collection_of(entry_id) if entry_id in self.kb else None
        if collection not in site_map.ENTRY_PAGE_FOLDERS:
            raise ValueError(f"{page}: entry_page('{entry_id}'): no practice, meeting or "
                             "paper has this id")
        return "pages/entry.md", {"entry": self.kb.get(entry_id)}

    def help_the_helper(self, page: str):
        return "pages/help_the_helper.md", {}

    def caring_for_caregivers(self, page: str):
        return "pages/caring_for_caregivers.md", {}

    def about(self, page: str):
        return "pages/about.md", {}

    def home(self, page: str):
        return "pages/home.md", {}

    def not_found(self, page: str):
        return "pages/not_found.md", {}

    def _audience(self, page: str, macro: str, audience_id: str) -> Record:
        if audience_id not in self.kb or self.kb.collection_of(audience_id) != "audiences":
            raise ValueError(f"{page}: {macro}('{audience_id}'): no audience has this id")
        return self.kb.get(audience_id)

    def role_pathway(self, page: str, audience_id: str):
        return "pages/role.md", {"audience": self._audience(page, "role_pathway", audience_id)}

    def table(self, page: str, collection: str, part: int = 1):
        """A filterable table of a collection: pages/<collection>_table.md."""
        if f"pages/{collection}_table.md" not in self.environment.list_templates():
            raise ValueError(f"{page}: table('{collection}'): no table template for it")
        return f"pages/{collection}_table.md", self._list(page, "table", collection, part)

    def timeline(self, page: str):
        return "pages/timeline.md", {"entries": self.kb.collections["meetings"]}

    def gap_map(self, page: str):
        themes = self.kb.collections["themes"]
        leaves = [theme for theme in themes if theme.level != "main-theme"
                  and not self.kb.referrers(theme.id, "parent", "themes")]
        return "pages/gap_map.md", {"leaf_themes": leaves,
                                    "audiences": self.kb.collections["audiences"]}

    def self_check(self, page: str, level_id: str):
        return "pages/self_check.md", {"level": self._audience(page, "self_check", level_id)}

    def downloads(self, page: str):
        files = export.download_files(self.kb)
        return "pages/downloads.md", {"folder": export.FOLDER, "files": files,
                                      "version_file": export.VERSION_FILE,
                                      "edition": pdf.offered(self.language.code)}

    def propose(self, page: str):
        # The entries the script corrects are the data files' own (English), never the
        # translated view: a correction replaces the English text in the file.
        # The address reaches the page only in the data block, escaped, for the script.
        data = proposal.embedded_data(self.source_kb, self.root or Path.cwd(), self.repository,
                                      self.proposals_email)
        return "pages/propose.md", {
            "kinds": proposal.form_fields(self.kb), "data": data, "located": data["located"],
            "correctable": [name for name in COLLECTIONS if name != "contacts"],
            "repository": self.repository, "by_email": bool(self.proposals_email)}

    # Where each part of the whole knowledge base is a page of its own on the site (the
    # catalogues' pages are site_map's).
    PART_PAGES = {"about": "about.md", "help_the_helper": "help-the-helper.md",
                  "caring_for_caregivers": "caring-for-caregivers.md",
                  "data_model": "data-model.md"}

    def reading_order(self) -> list[tuple[str, ...]]:
        """What the whole knowledge base holds, in the order of the site's navigation: the
        advice first (the themes, Help the Helper, Caring for our caregivers, the
        practices), then the apparatus (meetings, glossary, what the site is, its sources,
        the editors' notes, the data model); each part as (page macro, its arguments)."""
        parts = [("theme_page", theme.id) for theme in self.kb.collections["themes"]
                 if theme.level != "topic"]
        parts += [("help_the_helper",), ("caring_for_caregivers",), ("catalogue", "practices"),
                  ("catalogue", "meetings"), ("catalogue", "glossary"), ("about",),
                  ("catalogue", "sources"), ("catalogue", "notes"), ("data_model",)]
        return parts

    def part_page(self, name: str, *args: str) -> str:
        """The page of the site that a part of the whole knowledge base is (docs/-relative)."""
        if name == "theme_page":
            return site_map.theme_page(args[0])
        if name == "catalogue":
            return site_map.CATALOGUE_PAGES[args[0]]
        return self.PART_PAGES[name]

    # The page that offers the whole knowledge base for printing: the PDF edition, where
    # this build made one (`book` is what it holds).
    def whole_knowledge_base(self, page: str):
        return "pages/whole_knowledge_base.md", {"edition": pdf.offered(self.language.code)}

    def _printed_parts(self, renderer: PageRenderer, page: str, wanted):
        """Each part's content one heading level down; the contents (title, anchor, and
        whether it sits within the part before); and page of the site -> the part's anchor."""
        parts, contents, pages = [], [], {}
        for name, *args in wanted:
            label = "-".join(["part", name, *args]).replace("_", "-")
            part, title, target = self._demoted(renderer, label,
                                                *getattr(self, name)(page, *args))
            parts.append(part)
            contents.append({"title": title, "anchor": target, "within": (
                name == "theme_page" and self.kb.get(args[0]).level != "main-theme")})
            pages[self.part_page(name, *args)] = target
        for entry_page, _, entry_id in site_map.generated_pages(self.kb):  # in its catalogue
            pages[entry_page] = entry_id
        return parts, contents, pages

    def book(self, page: str = "print.md", **front) -> Book:
        """The whole knowledge base for the PDF edition, every page's content in reading order:
        each part's Markdown, the contents, the pages the parts are on the site (for the
        links between them), and what a book shows first: the organisation's contacts and
        the source documents (`front`: the name, version and date the title page shows).
        Links are relative to `page`, the address of the page that offers the book."""
        renderer = PageRenderer(self.kb, self.environment, page, self.relations,
                                directory_urls=True)
        parts, contents, pages = self._printed_parts(renderer, page, self.reading_order())
        # The title page's fields, empty where the book is only checked (stages.check)
        front = {"name": "", "version": "", "date": "", "logo": None, **front}
        front = renderer.render("pdf/front.md", contents=contents, **front)
        body = Markup("\n\n").join(parts) + Markup("\n\n") + renderer.render(
            "abbreviations.md", terms=self.abbreviations)
        self._check_anchors(page, renderer.anchors + heading_slugs(front + body),
                            place="the PDF edition")
        return Book(front, body, contents, pages)

    @staticmethod
    def _demoted(renderer: PageRenderer, name: str, template: str,
                 context: dict) -> tuple[Markup, Markup, str]:
        """A page's content one heading level down, to sit inside the book, with
        the title and anchor of its first heading for the contents list (`name` is the
        anchor given to a first heading that has none)."""
        title, description = renderer.title, renderer.description  # the part's are not ours
        markdown = renderer.render(template, printing=True, **context)
        renderer.title, renderer.description = title, description
        markdown = re.sub(r"^(#{1,5}) ", r"#\1 ", str(markdown), flags=re.M)  # built here
        first = re.search(r"^## (.*?) *$", markdown, flags=re.M)
        heading = first.group(1)
        found = re.search(r"\{ #([a-z0-9-]+) \}", heading)
        if found:
            target = found.group(1)
        else:
            target = name
            markdown = (markdown[:first.end()] + " " + str(renderer.anchor(name))
                        + markdown[first.end():])
        text = re.sub(r"\{ #[a-z0-9-]+ \}|<span class=\"kb-chip[^>]*>.*?</span>", "", heading)
        return Markup(markdown), Markup(text.strip()), target

    def written_by_hand(self, page: str, scope: str = "page", body: str = ""):
        """A page written by hand in docs/, around its text: `{% call written_by_hand() %}`.
        Its text has no translation: on a site in another language it is marked as English
        (WCAG's language of parts), after the language links. `scope` "data": the page is
        drawn from all the data (the tags index), which dates its last change."""
        if scope not in ("page", "data"):
            raise ValueError(f"{page}: written_by_hand('{scope}'): 'page' or 'data'")
        title = re.search(r"^# (.*)\n", body, flags=re.M)
        if not title:
            raise ValueError(f"{page}: a page written by hand starts with its '# title'")
        return "pages/written_by_hand.md", {
            "before": Markup(body[:title.start()]), "title": Markup(title.group(1)),
            "text": Markup(body[title.end():])}

    def data_model(self, page: str):
        return "pages/data_model.md", {"collections": collection_docs()}
