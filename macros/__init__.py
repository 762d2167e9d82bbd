"""Glue between the knowledge base and the site engine (mkdocs-macros, or Zensical).

Everything of substance lives in plain modules: `model` (the data model), `validate`
(loading and checking `data/`), `knowledge_base` (entries and back-links), `site_map`
(where each entry lives), `render` and `templates/` (how it looks), `site` (the macros
pages call). This file only registers those macros with the engine's `define_env` hook.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path


def data_folders(config) -> list[Path]:
    """`data/` beside mkdocs.yml, plus any folders listed under `extra.data_folders`."""
    root = Path(config["config_file_path"]).parent
    extra = (config.get("extra") or {}).get("data_folders") or []
    return [root / "data", *(root / folder for folder in extra)]


def define_env(env) -> None:
    """Called by the macros plugin once per build: load the data, then expose the macros."""
    from .problems import DataError
    from .site import Site
    from .validate import load_knowledge_base

    try:
        kb = load_knowledge_base(data_folders(env.conf))
    except DataError as error:
        raise SystemExit(f"The site was not built.\n{error}") from None
    site = Site(kb)

    def call(name: str, *args):
        # Links are relative to the page being rendered, which only the engine knows.
        return getattr(site, name)(env.page.file.src_uri, *args)

    for name in Site.PAGE_MACROS:
        env.macro(partial(call, name), name)
