"""Glue between the knowledge base and the site engine (mkdocs-macros, or Zensical).

Everything of substance lives in plain modules: `model` (the data model), `validate`
(loading and checking `data/`), `knowledge_base` (entries and back-links), `site_map`
(where each entry lives), `render` and `templates/` (how it looks), `site` (the macros
pages call), `export` (open data files). This file only connects them to the engine:
`define_env` registers the macros, `on_post_build` writes the files beside the pages.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from urllib.parse import quote

from .folders import addon_data_folders, addon_folder, copy_assets
from .problems import DataError

ADDON_ASSETS = "addon"  # folder of the built site that holds an add-on's logo and styles


def project_root(config) -> Path:
    """The folder of the upstream project: the one holding `docs/` and `data/`."""
    return Path(config["docs_dir"]).resolve().parent


def data_folders(config) -> tuple[list[Path], list[Path]]:
    """The upstream `data/`, and an add-on's own folders from `extra.data_folders`
    (folders inside the add-on's folder); a wrong setting stops the build."""
    setting = (config.get("extra") or {}).get("data_folders")
    local, problems = addon_data_folders(Path(config["config_file_path"]), setting)
    if problems:
        raise DataError(problems)
    return [project_root(config) / "data"], local


def edit_url_for_data(page_edit_url: str, src_uri: str, docs_dir: str, root: Path,
                      files: list[tuple[Path, int]]) -> str:
    """The page's edit link, moved from its Markdown stub to the data file it shows.

    `page_edit_url` ends in `<docs_dir>/<src_uri>` (repo_url + edit_uri + page); the data
    file replaces that end. A page drawn from several files links to their folder instead.
    """
    base = page_edit_url.removesuffix(src_uri).rstrip("/").removesuffix(docs_dir)
    if len(files) == 1:  # file names are data too: encoded, they cannot leave the href
        path, line = files[0]
        return f"{base}{quote(path.relative_to(root).as_posix())}#L{line}"
    folder = Path(*Path(files[0][0]).relative_to(root).parts[:1])
    return f"{base.replace('/edit/', '/tree/')}{quote(folder.as_posix())}"


def define_env(env) -> None:
    """Called by the macros plugin once per build: load the data, then expose the macros."""
    from .site import Site
    from .site_map import missing_pages
    from .validate import load_knowledge_base

    try:
        kb = load_knowledge_base(*data_folders(env.conf))
        missing = missing_pages(kb, Path(env.conf["docs_dir"]))
        if missing:
            raise DataError(missing)
    except DataError as error:
        raise SystemExit(f"The site was not built.\n{error}") from None
    repository = {"url": env.conf.get("repo_url"), "edit_uri": env.conf.get("edit_uri")}
    site = Site(kb, directory_urls=env.conf["use_directory_urls"],
                root=project_root(env.conf), repository=repository)
    env.knowledge_base = kb  # for on_post_build
    root = project_root(env.conf)
    docs_dir = Path(env.conf["docs_dir"]).name

    def call(name: str, *args):
        page = env.page  # links are relative to the page being rendered
        rendered = site.render_page(page.file.src_uri, name, *args)
        files = [(path, line) for path, line in rendered.data_files(kb) if root in path.parents]
        if getattr(page, "edit_url", None) and files:
            page.edit_url = edit_url_for_data(page.edit_url, page.file.src_uri, docs_dir,
                                              root, files)
        # Title, description and tags reach the theme and mkdocs-macros' own title
        # rendering; `page_meta` makes them inert there. Tags are read by the tags plugin,
        # which runs after macros.
        page.meta.update(rendered.page_meta(kb, tagged=name in Site.TAGGED_MACROS))
        return rendered.markdown

    for name in Site.PAGE_MACROS:
        env.macro(partial(call, name), name)


def on_post_build(env) -> None:
    """Write the open-data files and the Content-Security-Policy for the hosting guide, and
    copy an add-on's assets (`extra.addon_assets`)."""
    from .csp import write_policy
    from .export import FOLDER, write_downloads

    site_dir = Path(env.conf["site_dir"])
    write_downloads(env.knowledge_base, site_dir / FOLDER)
    write_policy(site_dir)
    setting = (env.conf.get("extra") or {}).get("addon_assets")
    if setting is not None:
        config_file = Path(env.conf["config_file_path"])
        assets, problems = addon_folder(config_file, "addon_assets", setting)
        problems = problems or copy_assets(assets, site_dir / ADDON_ASSETS)
        if problems:
            raise SystemExit(f"The add-on's assets were not copied.\n{DataError(problems)}")
