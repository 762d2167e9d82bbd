"""What the glue of every engine shares: the project a configuration file describes, and the
knowledge base loaded and validated once per build.

Zensical calls `define_env` once per page (MkDocs once per build), so loading is cached on
the state of the files it depends on: a page after the first reuses the loaded knowledge
base, and a live preview that edits a data file gets it loaded afresh.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..folders import addon_data_folders
from ..i18n import ENGLISH, Language, languages, load_interface
from ..knowledge_base import KnowledgeBase
from ..problems import DataError, Problem
from ..site import Site
from ..site_map import missing_pages
from ..translations import load_translations
from ..validate import load_knowledge_base


@dataclass(frozen=True)
class Project:
    """What a build reads, from its configuration file (an add-on's own, or mkdocs.yml)."""

    config_file: Path  # absolute; an add-on's settings are relative to its folder
    docs_dir: Path  # absolute
    extra: dict = field(default_factory=dict, compare=False)
    # {"url": repo_url, "edit_uri": edit_uri}, for the proposal form's links
    repository: dict = field(default_factory=dict, compare=False)

    @property
    def root(self) -> Path:
        """The upstream project: the folder holding `docs/` and `data/`."""
        return self.docs_dir.parent

    def data_folders(self) -> tuple[list[Path], list[Path]]:
        """The upstream `data/`, and an add-on's own folders from `extra.data_folders`
        (folders inside the add-on's folder); a wrong setting stops the build."""
        local, problems = addon_data_folders(self.config_file, self.extra.get("data_folders"))
        if problems:
            raise DataError(problems)
        return [self.root / "data"], local


def _merged(parent: dict, child: dict) -> dict:
    """`child` over `parent` as MkDocs merges an INHERIT: mappings key by key, anything else
    (lists included) replaced."""
    merged = dict(parent)
    for key, value in child.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            value = _merged(merged[key], value)
        merged[key] = value
    return merged


class _ConfigLoader(yaml.SafeLoader):
    """YAML as MkDocs reads a configuration: `!ENV NAME` or `!ENV [NAME, ..., default]`
    is the first environment variable set (else the default, else nothing)."""


def _environment_value(loader: yaml.SafeLoader, node: yaml.Node):
    nodes, default = [node], None
    if isinstance(node, yaml.SequenceNode):
        nodes = node.value[:-1] if len(node.value) > 1 else node.value
        default = loader.construct_object(node.value[-1]) if len(node.value) > 1 else None
    names = [loader.construct_scalar(item) for item in nodes]
    found = [os.environ[name] for name in names if name in os.environ]
    return yaml.safe_load(found[0]) if found else default


_ConfigLoader.add_constructor("!ENV", _environment_value)


@dataclass(frozen=True)
class PythonName:
    """`!!python/name:module.attribute` (how pymdownx.emoji names Material's icon index),
    kept as written: only the engine imports it."""

    name: str


_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/name:",
                                    lambda loader, suffix, node: PythonName(suffix))


class ConfigDumper(yaml.SafeDumper):
    """Writes a resolved configuration back, `!!python/name:` values included."""


ConfigDumper.add_representer(PythonName, lambda dumper, value: dumper.represent_scalar(
    f"tag:yaml.org,2002:python/name:{value.name}", ""))


def read_config(config_file: Path) -> dict:
    """A configuration file with its INHERIT chain resolved as MkDocs resolves it. Paths in
    each file stay as written (relative to the file that is read: the child)."""
    try:
        settings = yaml.load(config_file.read_text(encoding="utf-8"), _ConfigLoader) or {}
    except yaml.YAMLError as error:
        raise SystemExit(f"{config_file}: {error}") from None
    parent = settings.pop("INHERIT", None)
    if parent is None:
        return settings
    return _merged(read_config((config_file.parent / parent).resolve()), settings)


# extra.kb_source_docs: in a configuration that builds from the staging copy of `docs/`
# (macros/staging.py), the `docs/` it was copied from: where the project's files are.
SOURCE_DOCS_KEY = "kb_source_docs"


def source_docs(settings: dict, here: Path) -> Path:
    """The project's own `docs/` for a configuration read from the folder `here` (an
    engine's `docs_dir` is the staging copy's, where the build made one)."""
    source = (settings.get("extra") or {}).get(SOURCE_DOCS_KEY)
    return (here / (source or settings.get("docs_dir", "docs"))).resolve()


def project_of(config_file: Path) -> Project:
    config_file = config_file.resolve()
    settings = read_config(config_file)
    return Project(config_file, source_docs(settings, config_file.parent),
                   settings.get("extra") or {}, repository(settings))


def repository(settings) -> dict:
    """Where the copy's data can be edited: its `repo_url` and `edit_uri`."""
    return {"url": settings.get("repo_url"), "edit_uri": settings.get("edit_uri")}


def _fingerprint(folders: list[Path]) -> tuple:
    """Every file below `folders`, with its size and modification time."""
    found = []
    for folder in folders:
        for current, _, files in os.walk(folder):
            for name in files:
                stat = os.stat(os.path.join(current, name), follow_symlinks=False)
                found.append((current, name, stat.st_size, stat.st_mtime_ns))
    return tuple(sorted(found))


@dataclass(frozen=True)
class Loaded:
    kb: KnowledgeBase
    site: Site


LANGUAGE_KEY = "kb_language"  # extra.kb_language: the language a configuration builds in


def language_of(project: Project) -> str:
    return project.extra.get(LANGUAGE_KEY) or ENGLISH


def site_languages(project: Project) -> list[str]:
    """English, then every language the project's data folders hold translations for."""
    upstream, local = project.data_folders()
    return [ENGLISH, *(code for code in languages([*upstream, *local]) if code != ENGLISH)]


def _language(project: Project, kb: KnowledgeBase) -> Language:
    """The language the project's configuration builds in, with its strings and the
    translations of the data (checked: a translation of an unknown id fails the build)."""
    code = language_of(project)
    folders = [*project.data_folders()[0], *project.data_folders()[1]]
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


def load(project: Project, directory_urls: bool = True) -> Loaded:
    """The knowledge base and the macros that render its pages."""
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
    return Loaded(kb, sites[key])


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
    `build.language_config` writes a translated one as character references). It becomes
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
