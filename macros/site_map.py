"""Where each entry lives on the site: the page (a path under `docs/`) and the anchor.

Main themes, subthemes and audiences (the role pathways) have a page each, written by hand
in `docs/`; so do practices and meetings or papers, the things readers name, cite and share,
but theirs are generated: the build writes them into its staging copy of `docs/`
(`macros/stages/compile.py`), so that every engine builds them. Every other entry is an anchor on
the page that gathers its kind (the glossary) or on the page of its topic (lessons and open
questions). Anchors are entry ids, which the validator keeps unique site-wide.
"""

from __future__ import annotations

import functools
import posixpath
from pathlib import Path

from .knowledge_base import KnowledgeBase
from .model import Theme
from .problems import Problem

# Collection -> the page that gathers its entries. Themes, lessons and questions are placed
# by `page_of` instead, through their theme.
CATALOGUE_PAGES = {
    "sources": "sources.md",
    "people": "working-groups.md",
    "working_groups": "working-groups.md",
    "meetings": "meetings.md",
    "practices": "practices.md",
    "challenges": "help-the-helper.md",
    "solutions": "help-the-helper.md",
    "guidelines": "help-the-helper.md",
    "care_points": "caring-for-caregivers.md",
    "glossary": "glossary.md",
    "notes": "editorial-notes.md",
    "contacts": "index.md",
}


# Collection -> the folder of its entries' generated pages (`practices/<id>.md`). The
# collection's catalogue page (`practices.md`) keeps each id as the anchor of its row.
ENTRY_PAGE_FOLDERS = {"practices": "practices", "meetings": "meetings"}


def entry_page(collection: str, entry_id: str) -> str:
    return f"{ENTRY_PAGE_FOLDERS[collection]}/{entry_id}.md"


# Pages that list a whole collection, one row an entry (page -> its macro and collection).
# Past LIST_ROWS rows a list goes on over pages the build generates (`list_part`), so that
# no page grows with the collection: a phone loads and filters one part at a time.
LIST_ROWS = 250
LISTS = {"practices.md": ("catalogue", "practices"), "meetings.md": ("catalogue", "meetings"),
         "tables/practices.md": ("table", "practices"),
         "tables/meetings.md": ("table", "meetings"),
         "tables/recommendations.md": ("table", "lessons")}


def list_part(page: str, part: int) -> str:
    """The page holding part `part` of the list on `page` (part 1 is `page` itself)."""
    return page if part == 1 else f"{page.removesuffix('.md')}/page-{part}.md"


def list_parts(rows: int) -> int:
    return max(1, -(-rows // LIST_ROWS))


def theme_page(theme_id: str) -> str:
    return f"themes/{theme_id}.md"


def role_page(audience_id: str) -> str:
    return f"for/{audience_id}.md"


def page_of(kb: KnowledgeBase, entry_id: str) -> str:
    """The `docs/`-relative Markdown file on which the entry is shown."""
    entry, collection = kb.get(entry_id), kb.collection_of(entry_id)
    if isinstance(entry, Theme):
        return page_of(kb, entry.parent) if entry.level == "topic" else theme_page(entry.id)
    if collection == "audiences":
        return role_page(entry.id)
    if collection in ("lessons", "questions"):
        return page_of(kb, entry.topic)
    if collection in ENTRY_PAGE_FOLDERS:
        return entry_page(collection, entry_id)
    return CATALOGUE_PAGES[collection]


def generated_pages(kb: KnowledgeBase) -> list[tuple[str, str, str | None]]:
    """The pages the build writes (page, macro call, the entry id of an entry's page): the
    further parts of long lists, then a page an entry, in data order."""
    parts = [(list_part(page, part), f'{macro}("{collection}", {part})', None)
             for page, (macro, collection) in LISTS.items()
             for part in range(2, list_parts(len(kb.collections[collection])) + 1)]
    return parts + [(entry_page(name, entry.id), f'entry_page("{entry.id}")', entry.id)
                    for name in ENTRY_PAGE_FOLDERS for entry in kb.collections[name]]


def generated_patterns() -> list[str]:
    """Where `generated_pages` may write, as gitignore-style patterns (for `not_in_nav`)."""
    return [f"/{entry_page(name, '*')}" for name in ENTRY_PAGE_FOLDERS] + \
        [f"/{page.removesuffix('.md')}/page-*.md" for page in LISTS]


def own_pages(kb: KnowledgeBase, entry_id: str) -> list[tuple[str, str]]:
    """The pages an entry needs of its own in `docs/`, written by hand, each with the macro
    call it holds (the pages the build generates are `generated_pages`')."""
    entry = kb.get(entry_id)
    if kb.collection_of(entry_id) == "audiences":
        return [(role_page(entry_id), f'role_pathway("{entry_id}")'),
                (f"self-check/{entry_id}.md", f'self_check("{entry_id}")')]
    if isinstance(entry, Theme) and entry.level != "topic":
        return [(theme_page(entry_id), f'theme_page("{entry_id}")')]
    return []


def missing_pages(kb: KnowledgeBase, docs: Path) -> list[Problem]:
    """A problem for each page an entry needs that `docs/` lacks, so that adding a subtheme
    or an audience without its page fails with a message naming what to create."""
    problems = []
    for item in kb.all():
        for page, call in own_pages(kb, item.entry.id):
            if not (docs / page).is_file():
                problems.append(Problem(
                    item.file, item.line, item.entry.id, "id",
                    f"this {item.entry.kind} needs its page: create {docs.name}/{page} "
                    f"containing {{{{ {call} }}}} and list it under nav in mkdocs.yml"))
    return problems


def has_own_page(kb: KnowledgeBase, entry_id: str) -> bool:
    entry, collection = kb.get(entry_id), kb.collection_of(entry_id)
    return collection == "audiences" or collection in ENTRY_PAGE_FOLDERS or (
        isinstance(entry, Theme) and entry.level != "topic")


@functools.lru_cache(maxsize=4096)
def _relative(target: str, from_page: str) -> str:
    return posixpath.relpath(target, posixpath.dirname(from_page) or ".")


def url_of(kb: KnowledgeBase, entry_id: str, from_page: str) -> str:
    """A relative link from the Markdown file `from_page` to the entry, as MkDocs resolves it."""
    target = page_of(kb, entry_id)
    relative = _relative(target, from_page)
    if has_own_page(kb, entry_id):
        return relative
    return f"#{entry_id}" if target == from_page else f"{relative}#{entry_id}"
