"""Glue between the knowledge base and the site engine (mkdocs-macros, or Zensical).

Everything of substance lives in plain modules: `model` (the data model), `validate`
(loading and checking `data/`), `knowledge_base` (entries and back-links), `site_map`
(where each entry lives), `render` and `templates/` (how it looks), `site` (the macros
pages call). This file only registers those macros with the engine's `define_env` hook.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path


def project_root(config) -> Path:
    return Path(config["config_file_path"]).resolve().parent


def data_folders(config) -> list[Path]:
    """`data/` beside mkdocs.yml, plus any folders listed under `extra.data_folders`."""
    extra = (config.get("extra") or {}).get("data_folders") or []
    return [project_root(config) / "data", *(project_root(config) / folder for folder in extra)]


def edit_url_for_data(page_edit_url: str, src_uri: str, docs_dir: str, root: Path,
                      files: list[tuple[Path, int]]) -> str:
    """The page's edit link, moved from its Markdown stub to the data file it shows.

    `page_edit_url` ends in `<docs_dir>/<src_uri>` (repo_url + edit_uri + page); the data
    file replaces that end. A page drawn from several files links to their folder instead.
    """
    base = page_edit_url.removesuffix(src_uri).rstrip("/").removesuffix(docs_dir)
    if len(files) == 1:
        path, line = files[0]
        return f"{base}{path.relative_to(root).as_posix()}#L{line}"
    folder = Path(*Path(files[0][0]).relative_to(root).parts[:1])
    return f"{base.replace('/edit/', '/tree/')}{folder.as_posix()}"


def define_env(env) -> None:
    """Called by the macros plugin once per build: load the data, then expose the macros."""
    from markupsafe import escape

    from .problems import DataError
    from .site import Site
    from .validate import load_knowledge_base

    try:
        kb = load_knowledge_base(data_folders(env.conf))
    except DataError as error:
        raise SystemExit(f"The site was not built.\n{error}") from None
    site = Site(kb)
    root = project_root(env.conf)
    docs_dir = Path(env.conf["docs_dir"]).name

    def call(name: str, *args):
        page = env.page  # links are relative to the page being rendered
        rendered = site.render_page(page.file.src_uri, name, *args)
        files = [(path, line) for path, line in rendered.data_files(kb) if root in path.parents]
        if getattr(page, "edit_url", None) and files:
            page.edit_url = edit_url_for_data(page.edit_url, page.file.src_uri, docs_dir,
                                              root, files)
        # MkDocs' theme templates print page metadata without escaping it, so text from
        # the data is escaped here, before it reaches them.
        if rendered.title:
            page.meta["title"] = str(escape(rendered.title))
        if rendered.description:
            page.meta["description"] = str(escape(rendered.description))
        if name in Site.TAGGED_MACROS:  # read by the tags plugin, which runs after macros
            page.meta["tags"] = [str(escape(tag)) for tag in rendered.tags(kb)]
        return rendered.markdown

    for name in Site.PAGE_MACROS:
        env.macro(partial(call, name), name)
