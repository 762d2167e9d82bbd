"""Glue for Zensical, which reads mkdocs.yml and implements the macros plugin's `define_env`
itself, with these differences (measured at the pinned version):

- it calls `define_env` once per page, so the knowledge base is cached (`stages.load`);
- its page has only `url`, `path`, `title` and `meta`: the edit link to a data file goes
  into the page's metadata, which the override `overrides-zensical/partials/actions.html`
  prefers to the page's own link;
- `docs_dir` and `site_dir` must lie inside the configuration file's folder, INHERIT appends
  lists instead of replacing them, and there are no plugin events: so the build writes a
  resolved configuration for each configuration it builds into the project's folder
  (`configuration()` below), and writes the files that follow the pages itself
  (`stages.publish`).
"""

from __future__ import annotations

import re
from functools import partial
from pathlib import Path

import yaml

from ..configuration import (
    ConfigDumper,
    Project,
    nav_titles,
    read_config,
    repository,
    source_docs,
)
from ..edit_links import edit_url_for_data, page_edit_url
from ..site import Site
from ..stages.load import load

SOURCE_KEY = "kb_config_file"  # in the resolved configuration: the file it was made from
OVERRIDES = {"overrides": "overrides-zensical"}  # theme overrides written for its templates
# Its script bundle names these libraries, which it loads only for features this site does
# not use (Python in the browser, a code editor, a lightbox, Mermaid diagrams). The privacy
# gate would report them; no page requests them (the parity test checks every request).
BUNDLE_ONLY_ASSETS = ["unpkg.com/pyodide@*", "unpkg.com/ace-builds@*",
                      "unpkg.com/glightbox@*", "unpkg.com/mermaid@12/*"]


def _project(conf: dict) -> Project:
    root = Path(conf["root_dir"]).resolve()
    source = root / conf.get(SOURCE_KEY, "mkdocs.yml")  # `zensical build` run by hand
    return Project(source.resolve(), source_docs(conf, root), conf.get("extra") or {},
                   repository(conf))


def define_env(env) -> None:
    """Expose the page macros for the page being rendered (`env.page`)."""
    conf = env.conf
    project = _project(conf)
    site = load(project, conf["use_directory_urls"])
    # The navigation as the configuration writes it: Zensical hands over a form of its own
    titles = nav_titles(read_config(project.config_file).get("nav"))
    page = env.page

    def call(name: str, *args, caller=None):  # `caller`: the text of a {% call %} block
        result = site.page_macro(page.path, name, *args,
                                 body=caller() if caller else None,
                                 nav_title=titles.get(page.path))
        own = page_edit_url(conf.get("repo_url"), conf.get("edit_uri"), page.path)
        if own and result.data_files:
            page.meta["edit_url"] = edit_url_for_data(own, page.path, project.docs_dir.name,
                                                      project.root, result.data_files)
        page.meta.update(result.meta)  # made inert by `page_meta`, as for MkDocs
        return result.markdown

    for name in Site.PAGE_MACROS:
        env.macro(partial(call, name), name)


def _within(root: Path, path: Path, setting: str) -> str:
    """`path` relative to the project's folder, where Zensical requires it to be."""
    if root != path and root not in path.parents:
        raise SystemExit(f"Zensical builds only inside the project's folder ({root}); "
                         f"{setting} {path} is outside it.")
    return path.relative_to(root).as_posix()


def _adapt_theme(theme: dict, rebase) -> None:
    theme.setdefault("variant", "classic")  # Material's look; "modern" is Zensical's own
    if theme.get("custom_dir"):
        folder = rebase(theme["custom_dir"], "theme.custom_dir")
        theme["custom_dir"] = OVERRIDES.get(folder, folder)


def _adapt_plugins(plugins: dict, rebase) -> None:
    macros = plugins.get("macros") or {}
    if "module_name" in macros:  # Zensical looks for the module inside the project's folder
        macros["module_name"] = rebase(macros["module_name"], "plugins.macros.module_name")
    privacy = plugins.get("privacy")
    if privacy is not None:
        privacy["assets_exclude"] = [*privacy.get("assets_exclude", []), *BUNDLE_ONLY_ASSETS]


def configuration(config_file: Path, site_dir: Path) -> Path:
    """Write the configuration Zensical builds from: `config_file` with its INHERIT chain
    merged as MkDocs merges it, its paths made relative to the project's folder (where the
    file is written), and the theme overrides for Zensical's templates."""
    config_file = config_file.resolve()
    here, settings = config_file.parent, read_config(config_file)
    root = source_docs(settings, here).parent

    def rebase(path: str, setting: str) -> str:
        return _within(root, (here / path).resolve(), setting)

    settings["docs_dir"] = rebase(settings.get("docs_dir", "docs"), "docs_dir")
    settings["site_dir"] = _within(root, site_dir.resolve(), "site_dir")
    settings["watch"] = [rebase(path, "watch") for path in settings.get("watch", [])]
    # An add-on's folder may lie elsewhere: then its file is named by its full path.
    settings[SOURCE_KEY] = (config_file.relative_to(root).as_posix()
                            if root in config_file.parents else str(config_file))
    theme = settings.get("theme") or {}
    settings["theme"] = {"name": theme} if isinstance(theme, str) else theme
    _adapt_theme(settings["theme"], rebase)
    if not isinstance(settings.get("plugins") or {}, dict):
        raise SystemExit(f"{config_file}: plugins must be a mapping, as in mkdocs.yml")
    _adapt_plugins(settings.get("plugins") or {}, rebase)
    name = re.sub(r"[^A-Za-z0-9]+", "-", settings[SOURCE_KEY]).strip("-")
    resolved = root / f".zensical.{name}.yml"
    resolved.write_text("# Written by `python -m macros build --engine zensical`; not edited.\n"
                        + yaml.dump(settings, Dumper=ConfigDumper, sort_keys=False,
                                    allow_unicode=True),
                        encoding="utf-8")
    return resolved


def build(config_file: Path, site_dir: Path, command: str = "zensical") -> None:
    """A strict build with Zensical's command line, in this process (see `mkdocs.build`).
    Its cache is cleared first: it knows a page's sources by their modification times to
    the second, and a page here is made from data files, so it could keep a stale page."""
    from zensical.main import cli

    try:
        cli.main(["build", "--strict", "--clean", "--config-file",
                  str(configuration(config_file, site_dir))],
                 prog_name=command, standalone_mode=False)
    except RuntimeError as error:  # how Zensical reports a failed build
        raise SystemExit(f"The {command} build failed: {error}") from None


def theme_templates() -> Path:
    """The templates of Zensical's own theme (Material's, carried on)."""
    import zensical

    return Path(zensical.__file__).parent / "templates"
