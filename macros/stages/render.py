"""Stage 4 of the build, render: an engine builds the pages of each language, English into
the site's folder and every other language into a folder of its own inside it, each from a
configuration of its own (`language_config`), with its PDF edition made first where one is
asked for (the downloads page offers it).

Where a page is made: the engine reads a page of the staged `docs/`, say
`practices/hayat.md`, whose one line `{{ entry_page("hayat") }}` calls a macro. The macros
plugin (mkdocs.yml: `plugins.macros.module_name: macros`) has `macros/__init__.py` hand the
engine to its glue (`engines/mkdocs.py` or `engines/zensical.py`), whose macro calls
`Site.page_macro` (`site.py`) for the language's loaded site (`stages.load.load`). There
`Site.entry_page` names the template (`templates/pages/entry.md`) and `PageRenderer.render`
(`render.py`) renders it into the page's Markdown, data always as inert text.
"""

from __future__ import annotations

import copy
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml
from click import ClickException

from ..configuration import LANGUAGE_KEY, Project, project_of, read_config
from ..engines import glue_module
from ..i18n import load_interface
from ..pdf import MADE as PDF_MADE
from ..pdf import Edition, make_edition
from ..problems import DataError
from ..render import engine_text
from ..site import PAGE_PROBLEMS
from .compile import STAGED
from .load import load, site_languages

INSTALL = {"mkdocs": ".venv", "zensical": ".venv-zensical", "properdocs": ".venv-properdocs"}


@dataclass(frozen=True)
class Rendered:
    """One language's pages, built: the project they were built from (its configuration
    the language's), their folder, and the PDF edition made for them, if one was."""

    project: Project
    folder: Path
    edition: Edition | None


def render(engine: str, project: Project, staged_config: Path, site_dir: Path,
           pdf: bool) -> list[Rendered]:
    """Every language's pages, English first; with `pdf`, each language's edition first."""
    PDF_MADE.clear()
    built = [render_language(engine, project, staged_config, site_dir, pdf)]
    upstream, local = project.data_folders()
    for language in site_languages(project)[1:]:
        written = language_config(staged_config, language, [*upstream, *local])
        built.append(render_language(engine, project_of(written), written,
                                     site_dir / language, pdf))
    return built


def render_language(engine: str, project: Project, config_file: Path, folder: Path,
                    pdf: bool) -> Rendered:
    edition = None
    if pdf:  # before the pages: the downloads page offers it (`pdf.offered`)
        edition = make_edition(project, load(project))
        PDF_MADE[edition.language] = edition
    PAGE_PROBLEMS.clear()
    try:
        run_engine(engine, config_file, folder)
    finally:  # a page problem comes last, as the cause of what the engine reported
        if PAGE_PROBLEMS:
            problems = DataError(sorted(set(PAGE_PROBLEMS)))
            raise SystemExit(f"The site was not built.\n{problems}")
    return Rendered(project, folder, edition)


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


def config_name(config_file: Path) -> str:
    """The name a written configuration is known by: `mkdocs` for `mkdocs.yml` and for the
    staged configuration made from it (`compile.STAGED`)."""
    return config_file.name.lstrip(".").removesuffix(".yml").removesuffix(STAGED)


def translate_nav(nav, label):
    """The navigation with its section and page labels through `label`; the pages it names
    stay as they are."""
    if isinstance(nav, list):
        return [translate_nav(item, label) for item in nav]
    if isinstance(nav, dict):
        return {label(key): translate_nav(value, label) for key, value in nav.items()}
    return nav


def language_config(config_file: Path, language: str, folders: list[Path]) -> Path:
    """The configuration a language builds from, written beside `config_file`, which it
    INHERITs (so it works for the offline copy and add-ons too, with every engine): the
    theme's language, search stemming, and the language for the macros (`extra`).

    Its labels come from the language's interface file, which is data. The theme prints the
    site name, navigation labels and the colour toggle's label without escaping, and a
    navigation label becomes a page title, which mkdocs-macros and Zensical render as a
    template: so each goes through `engine_text`, as a title from the data does (HTML and
    braces as character references). The footer's words are printed by our own partials,
    which escape them, so they are written as they are."""
    strings = load_interface(folders, language)

    def label(english):  # a label the theme prints: the translation, as inert text
        return engine_text(strings.get(english, english)) if isinstance(english, str) \
            else english

    settings = read_config(config_file)
    palette = copy.deepcopy(settings.get("theme", {}).get("palette") or [])
    for scheme in palette:  # the colour toggle's label
        if "name" in scheme.get("toggle", {}):
            scheme["toggle"]["name"] = label(scheme["toggle"]["name"])
    child = {"INHERIT": config_file.name,
             "site_name": label(settings.get("site_name")),
             "theme": {"language": language, **({"palette": palette} if palette else {})},
             "plugins": {"search": {"lang": [language]}},
             "extra": {LANGUAGE_KEY: language, "footer": {
                 key: strings.get(text, text)
                 for key, text in (settings.get("extra", {}).get("footer") or {}).items()}}}
    if settings.get("nav"):
        child["nav"] = translate_nav(settings["nav"], label)
    if settings.get("site_url"):  # the language's own address: its canonical links, sitemap
        child["site_url"] = settings["site_url"].rstrip("/") + f"/{language}/"
    written = config_file.parent / f".{config_name(config_file)}.{language}.yml"
    written.write_text("# Written by `python -m macros build` for one language; not edited.\n"
                       + yaml.safe_dump(child, sort_keys=False, allow_unicode=True),
                       encoding="utf-8")
    return written
