"""`python -m macros build --engine mkdocs|zensical|properdocs`: the one way the site is built.

The engine renders the pages; everything after them is written here, the same for every
engine: the open-data downloads, an add-on's assets, and last the Content-Security-Policy,
computed from the finished pages. Run it with the Python that has the engine installed
(the Makefile keeps one virtual environment an engine): the engine runs in this process, so
the knowledge base it loaded for the pages is the one the downloads are written from.
"""

from __future__ import annotations

import sys
from pathlib import Path

from click import ClickException

from .brand import FILE as BRAND_FILE
from .brand import brand_problems, stylesheet
from .csp import write_policy
from .engines import ENGINES, glue_module
from .engines.shared import Project, knowledge_base, project_of, read_config
from .export import FOLDER, write_downloads
from .folders import addon_folder, copy_assets
from .history import History
from .problems import DataError

ADDON_ASSETS = "addon"  # folder of the built site that holds an add-on's logo and styles
INSTALL = {"mkdocs": ".venv", "zensical": ".venv-zensical", "properdocs": ".venv-properdocs"}


def site_dir_of(config_file: Path) -> Path:
    """Where the configuration puts the built site (relative to the file, as in MkDocs)."""
    setting = read_config(config_file.resolve()).get("site_dir", "site")
    return (config_file.resolve().parent / setting).resolve()


def copy_addon_assets(project: Project, site_dir: Path) -> None:
    """An add-on's `extra.addon_assets` folder, copied to `addon/` in the built site."""
    setting = project.extra.get("addon_assets")
    if setting is None:
        return
    assets, problems = addon_folder(project.config_file, "addon_assets", setting)
    problems = problems or copy_assets(assets, site_dir / ADDON_ASSETS)
    if problems:
        raise SystemExit(f"The add-on's assets were not copied.\n{DataError(problems)}")


def check_brand(project: Project) -> None:
    """An add-on's brand colours must pass WCAG AA contrast; checked before building."""
    brand = project.extra.get("brand")
    problems = brand_problems(project.config_file, brand) if brand is not None else []
    if problems:
        raise SystemExit(f"The site was not built.\n{DataError(problems)}")


def finish_site(project: Project, site_dir: Path) -> None:
    """What follows the pages, for every engine. The policy comes last: it hashes the
    inline code of the finished pages."""
    write_downloads(knowledge_base(project), site_dir / FOLDER, History(project.root).version)
    copy_addon_assets(project, site_dir)
    if project.extra.get("brand") is not None:
        (site_dir / ADDON_ASSETS).mkdir(parents=True, exist_ok=True)
        (site_dir / ADDON_ASSETS / BRAND_FILE).write_text(stylesheet(project.extra["brand"]),
                                                          encoding="utf-8")
    write_policy(site_dir)


def run_engine(engine: str, config_file: Path, site_dir: Path) -> None:
    """Build the pages with `engine`; a failed build ends the program with its report."""
    try:
        glue_module(engine).build(config_file, site_dir, command=engine)
    except ModuleNotFoundError as error:
        if error.name not in (engine, "mkdocs_macros", "material"):
            raise
        raise SystemExit(f"{engine} is not installed for {sys.executable}; `make build "
                         f"ENGINE={engine}` installs it in {INSTALL[engine]}/.") from None
    except ClickException as error:  # the engine's own report, as its command prints it
        error.show()
        raise SystemExit(error.exit_code) from None
    except RuntimeError as error:  # how Zensical reports a failed build
        raise SystemExit(f"The {engine} build failed: {error}") from None


def build(engine: str, config_file: Path, site_dir: Path | None = None) -> None:
    if engine not in ENGINES:
        raise SystemExit(f"unknown engine '{engine}'; known: {', '.join(ENGINES)}")
    site_dir = (site_dir or site_dir_of(config_file)).resolve()
    project = project_of(config_file)
    # Validated before the engine starts: a data problem is reported on its own, without
    # the engine's traceback, and the engine's calls to `define_env` reuse what is loaded.
    knowledge_base(project)
    check_brand(project)
    run_engine(engine, config_file, site_dir)
    finish_site(project, site_dir)
