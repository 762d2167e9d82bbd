"""Stage 1 of the build, load: the knowledge base of a project, loaded and validated once a
build, and the macros (`site.Site`) that render its pages in each of its languages.

Zensical calls `define_env` once per page (MkDocs once per build), so loading is cached on
the state of the files it depends on: a page after the first reuses the loaded knowledge
base, and a live preview that edits a data file gets it loaded afresh.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..configuration import Project, language_of
from ..i18n import ENGLISH, Language, languages, load_interface
from ..knowledge_base import KnowledgeBase
from ..problems import DataError, Problem
from ..site import Site
from ..site_map import missing_pages
from ..translations import load_translations
from ..validate import load_knowledge_base


def _fingerprint(folders: list[Path]) -> tuple:
    """Every file below `folders`, with its size and modification time."""
    found = []
    for folder in folders:
        for current, _, files in os.walk(folder):
            for name in files:
                stat = os.stat(os.path.join(current, name), follow_symlinks=False)
                found.append((current, name, stat.st_size, stat.st_mtime_ns))
    return tuple(sorted(found))


def site_languages(project: Project) -> list[str]:
    """English, then every language the project's data folders hold translations for."""
    upstream, local = project.data_folders()
    return [ENGLISH, *(code for code in languages([*upstream, *local]) if code != ENGLISH)]


def _language(project: Project, kb: KnowledgeBase) -> Language:
    """The language the project's configuration builds in, with its strings and the
    translations of the data (checked: a translation of an unknown id fails the build)."""
    code = language_of(project)
    upstream, local = project.data_folders()
    folders = [*upstream, *local]
    if code == ENGLISH:
        return Language(site_languages=site_languages(project))
    return Language(code, load_interface(folders, code), load_translations(folders, kb),
                    site_languages(project))


# The latest build's knowledge base, by the state of its files, with its macros by the
# project that renders with them (its language, its repository) and MkDocs'
# `use_directory_urls` (on for the site, off for the offline copy).
_latest: dict[tuple, tuple[KnowledgeBase, dict[tuple[Project, bool], Site]]] = {}


def _knowledge_base(project: Project) -> tuple[KnowledgeBase, dict[tuple[Project, bool], Site]]:
    upstream, local = project.data_folders()
    # The data and the pages it needs, whichever configuration reads them (each language's,
    # the staged one): one knowledge base for the whole build.
    folders = (*upstream, *local, project.docs_dir)
    key = (folders, _fingerprint(list(folders)))
    if key not in _latest:
        kb = load_knowledge_base(upstream, local)
        missing: list[Problem] = missing_pages(kb, project.docs_dir)
        if missing:
            raise DataError(missing)
        _latest.clear()
        _latest[key] = kb, {}
    return _latest[key]


def _checked(project: Project) -> tuple[KnowledgeBase, dict[tuple[Project, bool], Site]]:
    try:
        return _knowledge_base(project)
    except DataError as error:
        raise SystemExit(f"The site was not built.\n{error}") from None


def knowledge_base(project: Project) -> KnowledgeBase:
    """The knowledge base, loaded and validated once per build. A data problem stops the
    build with every problem listed (file:line: entry: field: message)."""
    return _checked(project)[0]


def load(project: Project, directory_urls: bool = True) -> Site:
    """The macros that render the project's pages in its language, over the knowledge base
    (`Site.source_kb`) loaded once a build."""
    kb, sites = _checked(project)
    key = (project, directory_urls)
    if key not in sites:
        try:
            language = _language(project, kb)
        except DataError as error:
            raise SystemExit(f"The site was not built.\n{error}") from None
        sites[key] = Site(kb, directory_urls=directory_urls, root=project.root,
                          repository=project.repository, language=language,
                          proposals_email=project.extra.get("proposals_email"))
    return sites[key]
