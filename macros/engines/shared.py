"""What the glue of every engine shares: the navigation's labels, and what a page macro gives
the engine (its Markdown, its metadata made inert, the data files its edit link may open).
The project and its knowledge base come from the build's first stage (`stages.load`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..configuration import Project
from ..problems import DataError, Problem
from ..site import Site
from ..stages.load import Loaded


def nav_titles(nav) -> dict[str, str]:
    """Page file -> the label the navigation gives it (`- Glossary: glossary.md`)."""
    found: dict[str, str] = {}
    for item in nav if isinstance(nav, list) else [nav] if isinstance(nav, dict) else []:
        for label, target in (item.items() if isinstance(item, dict) else []):
            if isinstance(target, str):
                found[target] = label
            else:
                found.update(nav_titles(target))
    return found


# Problems of the data that only rendering a page finds (an entry id that is also an anchor
# the page makes itself). Raised inside a macro, one would end the build in the engine's
# traceback, one problem a build; kept here instead, every page's, for the build to report.
PAGE_PROBLEMS: list[Problem] = []


@dataclass(frozen=True)
class PageMacroResult:
    markdown: str
    meta: dict  # title, description, tags, each made safe for the engine
    data_files: list[tuple[Path, int]]  # the upstream data files shown, with a line each


def page_macro(loaded: Loaded, project: Project, page: str, name: str, *args,
               body: str | None = None, nav_title: str | None = None) -> PageMacroResult:
    """What a page macro gives every engine: the page's Markdown, its metadata, and the data
    files an edit link can point to (those inside the project's folder: an add-on kept
    elsewhere is not in the repository the link opens).

    `nav_title` is the page's own label in the navigation, if it has one (already inert:
    `stages.render.language_config` writes a translated one as character references). It becomes
    the page's metadata title where the page sets none, because both themes print
    `page.title | striptags` in the browser tab, and `striptags` turns references back into
    markup."""
    try:
        rendered = loaded.site.render_page(page, name, *args, body=body)
    except DataError as error:  # reported by `python -m macros build` after the engine
        PAGE_PROBLEMS.extend(error.problems)
        return PageMacroResult("", {}, [])
    files = [(path, line) for path, line in rendered.data_files(loaded.kb)
             if project.root in path.parents]
    meta = rendered.page_meta(loaded.site.kb, tagged=name in Site.TAGGED_MACROS,
                              country=loaded.site.environment.filters["country"])
    if isinstance(nav_title, str) and nav_title:
        meta.setdefault("title", nav_title)
    return PageMacroResult(rendered.markdown, meta, files)
