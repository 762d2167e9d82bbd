"""A project, as its configuration file describes it: the configuration read as MkDocs reads
it (INHERIT chains, `!ENV`), and what the build takes from it (the project's folder, its
`docs/`, the language it builds in, where its site goes, its repository). Plain YAML and
paths: every stage of the build and every engine's glue reads projects through this.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .folders import addon_data_folders
from .problems import DataError


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
# (stages/compile.py), the `docs/` it was copied from: where the project's files are.
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


ENGLISH = "en"  # the language of the data, and of a configuration that names none
LANGUAGE_KEY = "kb_language"  # extra.kb_language: the language a configuration builds in


def language_of(project: Project) -> str:
    return project.extra.get(LANGUAGE_KEY) or ENGLISH


def site_dir_of(config_file: Path) -> Path:
    """Where the configuration puts the built site (relative to the file, as in MkDocs)."""
    setting = read_config(config_file.resolve()).get("site_dir", "site")
    return (config_file.resolve().parent / setting).resolve()


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
