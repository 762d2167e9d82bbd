"""Stage 5 of the build, publish: what follows the pages, the same for every engine. Beside
each language's pages, its copy of the open-data downloads, its PDF edition where one was
made, and an add-on's assets; then, once for the site, the languages' sitemaps joined, the
server's "not found" pages, and last the security policy, which hashes the inline code of
every finished page."""

from __future__ import annotations

import sys
from pathlib import Path

from .. import not_found
from ..brand import FILE as BRAND_FILE
from ..brand import stylesheet
from ..configuration import Project, read_config
from ..csp import write_policy
from ..engines import glue_module
from ..export import FOLDER, write_downloads
from ..folders import ADDON_ASSETS, addon_folder, copy_assets
from ..history import History
from ..i18n import load_interface
from ..pdf import FOLDER as PDF_FOLDER
from ..problems import DataError, printable
from ..sitemaps import join_languages
from .load import knowledge_base, site_languages
from .render import Rendered


def publish(engine: str, project: Project, site_dir: Path, rendered: list[Rendered]) -> None:
    for language in rendered:
        write_beside_pages(language)
    settings = read_config(project.config_file)
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


def write_beside_pages(rendered: Rendered) -> None:
    """A language's downloads (its pages link to their own copy), its PDF edition where one
    was made, and an add-on's assets and brand colours."""
    project, folder = rendered.project, rendered.folder
    write_downloads(knowledge_base(project), folder / FOLDER, History(project.root).version)
    if rendered.edition is not None:
        (folder / PDF_FOLDER).mkdir(parents=True, exist_ok=True)
        (folder / PDF_FOLDER / rendered.edition.name).write_bytes(rendered.edition.content)
    copy_addon_assets(project, folder)
    if project.extra.get("brand") is not None:
        (folder / ADDON_ASSETS).mkdir(parents=True, exist_ok=True)
        (folder / ADDON_ASSETS / BRAND_FILE).write_text(stylesheet(project.extra["brand"]),
                                                        encoding="utf-8")


def copy_addon_assets(project: Project, folder: Path) -> None:
    """An add-on's `extra.addon_assets` folder, copied to `addon/` beside the pages."""
    setting = project.extra.get("addon_assets")
    if setting is None:
        return
    assets, problems = addon_folder(project.config_file, "addon_assets", setting)
    problems = problems or copy_assets(assets, folder / ADDON_ASSETS)
    if problems:
        raise SystemExit(f"The add-on's assets were not copied.\n{DataError(problems)}")
