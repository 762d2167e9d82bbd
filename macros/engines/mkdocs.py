"""Glue for MkDocs 1.x and ProperDocs, its drop-in fork: both run mkdocs-macros, which calls
`define_env` once per build and hands over MkDocs' page objects."""

from __future__ import annotations

import importlib
from functools import partial
from pathlib import Path

from ..configuration import Project, nav_titles, repository, source_docs
from ..edit_links import edit_url_for_data
from ..site import Site
from ..stages.load import load


def define_env(env) -> None:
    """Load the data (once per build), then expose the page macros."""
    conf = env.conf
    config_file = Path(conf["config_file_path"]).resolve()
    project = Project(config_file, source_docs(conf, config_file.parent),
                      conf.get("extra") or {}, repository(conf))
    site = load(project, conf["use_directory_urls"])
    titles = nav_titles(conf.get("nav"))
    titles.pop("index.md", None)  # Material's home page: its tab shows the site's name alone

    def call(name: str, *args, caller=None):  # `caller`: the text of a {% call %} block
        page = env.page  # links are relative to the page being rendered
        result = site.page_macro(page.file.src_uri, name, *args,
                                 body=caller() if caller else None,
                                 nav_title=titles.get(page.file.src_uri))
        if getattr(page, "edit_url", None) and result.data_files:
            page.edit_url = edit_url_for_data(page.edit_url, page.file.src_uri,
                                              project.docs_dir.name, project.root,
                                              result.data_files)
        # Title, description and tags reach the theme and mkdocs-macros' own title
        # rendering, made inert by `page_meta`. Tags are read by the tags plugin, which runs
        # after macros.
        page.meta.update(result.meta)
        return result.markdown

    for name in Site.PAGE_MACROS:
        env.macro(partial(call, name), name)


def build(config_file: Path, site_dir: Path, command: str = "mkdocs") -> None:
    """A strict build with the engine's own command line, run in this process so that the
    pages and the files written after them share one loaded knowledge base."""
    cli = importlib.import_module(f"{command}.__main__").cli
    cli.main(["build", "--strict", "--config-file", str(config_file), "--site-dir",
              str(site_dir)], prog_name=command, standalone_mode=False)


def theme_templates() -> Path:
    """The templates of the theme both engines of this glue render with: Material's."""
    return Path(importlib.import_module("material").__file__).parent / "templates"
