"""`python -m macros build --engine mkdocs|zensical|properdocs`: the one way the site is built.

The engine renders the pages; everything after them is written here, the same for every
engine: the open-data downloads, an add-on's assets, and last the Content-Security-Policy,
computed from the finished pages. Run it with the Python that has the engine installed
(the Makefile keeps one virtual environment an engine): the engine runs in this process, so
the knowledge base it loaded for the pages is the one the downloads are written from.
"""

from __future__ import annotations

import copy
import sys
from pathlib import Path

import yaml
from click import ClickException

from . import not_found, staging
from .brand import FILE as BRAND_FILE
from .brand import brand_problems, stylesheet
from .csp import write_policy
from .engines import ENGINES, glue_module
from .engines.shared import (
    LANGUAGE_KEY,
    PAGE_PROBLEMS,
    Project,
    knowledge_base,
    language_of,
    project_of,
    read_config,
    site_languages,
)
from .export import FOLDER, write_downloads
from .folders import addon_folder, copy_assets
from .history import History
from .i18n import load_interface
from .pdf import FOLDER as PDF_FOLDER
from .pdf import MADE as PDF_MADE
from .pdf import Edition, make_edition
from .problems import DataError, printable
from .proposal import email_problems
from .render import engine_text
from .sitemaps import join_languages
from .translations import load_translations

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


def check_settings(project: Project) -> None:
    """An add-on's brand colours must pass WCAG AA contrast, and the address the proposal
    form sends to must be one plain e-mail address; checked before building."""
    brand = project.extra.get("brand")
    problems = brand_problems(project.config_file, brand) if brand is not None else []
    problems += email_problems(project.config_file, project.extra.get("proposals_email"))
    if problems:
        raise SystemExit(f"The site was not built.\n{DataError(problems)}")


def finish_site(project: Project, site_dir: Path, edition: Edition | None = None) -> None:
    """What follows the pages of one language, for every engine (each language's pages
    link to their own copy of the downloads, the PDF edition where one was made, and an
    add-on's assets)."""
    write_downloads(knowledge_base(project), site_dir / FOLDER, History(project.root).version)
    if edition is not None:
        (site_dir / PDF_FOLDER).mkdir(parents=True, exist_ok=True)
        (site_dir / PDF_FOLDER / edition.name).write_bytes(edition.content)
    copy_addon_assets(project, site_dir)
    if project.extra.get("brand") is not None:
        (site_dir / ADDON_ASSETS).mkdir(parents=True, exist_ok=True)
        (site_dir / ADDON_ASSETS / BRAND_FILE).write_text(stylesheet(project.extra["brand"]),
                                                          encoding="utf-8")


def translate_nav(nav, label):
    """The navigation with its section and page labels through `label`; the pages it names
    stay as they are."""
    if isinstance(nav, list):
        return [translate_nav(item, label) for item in nav]
    if isinstance(nav, dict):
        return {label(key): translate_nav(value, label) for key, value in nav.items()}
    return nav


def config_name(config_file: Path) -> str:
    """The name a written configuration is known by: `mkdocs` for `mkdocs.yml` and for the
    staged `.mkdocs.staged.yml` made from it."""
    return config_file.name.lstrip(".").removesuffix(".yml").removesuffix(".staged")


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


def check_languages(project: Project) -> None:
    """Every language's translations and interface strings, checked before anything is
    built: a broken translation stops the build with every problem listed, file:line: key:
    message, instead of a traceback halfway through (after the English was written)."""
    upstream, local = project.data_folders()
    folders, problems = [*upstream, *local], []
    try:
        load_translations(folders, knowledge_base(project))
    except DataError as error:
        problems += error.problems
    for language in site_languages(project)[1:]:
        try:
            load_interface(folders, language)
        except DataError as error:
            problems += error.problems
    if problems:
        raise SystemExit(f"The site was not built.\n{DataError(problems)}")


def build(engine: str, config_file: Path, site_dir: Path | None = None,
          pdf: bool = False) -> None:
    """The build, in five stages: load the project and its data; check it; compile the
    pages (a staging copy of `docs/` with the pages the data needs); render them with the
    engine, English into the site's folder, then each other language into its own folder
    inside it; publish what follows the pages (the downloads and PDF editions, made beside
    each language's pages; the sitemaps, the "not found" pages, and last the security
    policy, which hashes the inline code of every finished page)."""
    if engine not in ENGINES:
        raise SystemExit(f"unknown engine '{engine}'; known: {', '.join(ENGINES)}")
    site_dir = (site_dir or site_dir_of(config_file)).resolve()
    project = project_of(config_file)                                   # 1. load
    check_languages(project)                                           # 2. check
    try:
        compiled = staging.staged(knowledge_base(project), project.config_file,
                                  project.docs_dir, site_dir)          # 3. compile pages
        with compiled as staged_config:
            render(engine, project, staged_config, site_dir, pdf)      # 4. render
    except DataError as error:
        raise SystemExit(f"The site was not built.\n{error}") from None
    publish(engine, config_file, project, site_dir)                    # 5. publish


def render(engine: str, project: Project, staged_config: Path, site_dir: Path,
           pdf: bool) -> None:
    """Every language's pages, each language built from its own configuration; with
    `pdf`, each language's PDF edition first, so that its downloads page offers it."""
    PDF_MADE.clear()
    build_one(engine, project, staged_config, site_dir, pdf)
    upstream, local = project.data_folders()
    for language in site_languages(project)[1:]:
        written = language_config(staged_config, language, [*upstream, *local])
        build_one(engine, project_of(written), written, site_dir / language, pdf)


def publish(engine: str, config_file: Path, project: Project, site_dir: Path) -> None:
    """What is written once every language's pages are: the languages' sitemaps joined,
    the server's "not found" pages, and the security policy."""
    settings = read_config(config_file.resolve())
    languages = site_languages(project)
    upstream, local = project.data_folders()
    join_languages(site_dir, settings.get("site_url"), languages)
    words = {language: load_interface([*upstream, *local], language)
             for language in languages[1:]}
    not_found.write_not_found(site_dir, languages, words, settings.get("site_name", ""),
                              settings.get("site_url"))
    refused = write_policy(site_dir, glue_module(engine).theme_templates(),
                           own=(not_found.SCRIPT,))
    for page in refused:  # a script the theme did not write: a setting printed unescaped?
        print(f"Warning: {printable(page.relative_to(site_dir).as_posix())} holds an inline "
              "script that the theme did not write; the security policy does not allow it, "
              "so browsers will not run it. Scripts belong in files (extra_javascript).",
              file=sys.stderr)


def build_one(engine: str, project: Project, config_file: Path, site_dir: Path,
              pdf: bool = False) -> None:
    # Validated before the engine starts: a data problem is reported on its own, without
    # the engine's traceback, and the engine's calls to `define_env` reuse what is loaded.
    knowledge_base(project)
    check_settings(project)
    edition = None
    if pdf:  # before the pages: the downloads page offers it (`pdf.offered`)
        edition = make_edition(project)
        PDF_MADE[language_of(project)] = edition
    PAGE_PROBLEMS.clear()
    try:
        run_engine(engine, config_file, site_dir)
    finally:  # a page problem comes last, as the cause of what the engine reported
        if PAGE_PROBLEMS:
            problems = DataError(sorted(set(PAGE_PROBLEMS)))
            raise SystemExit(f"The site was not built.\n{problems}")
    finish_site(project, site_dir, edition)


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

