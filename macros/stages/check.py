"""Stage 2 of the build, check: what the loaded data does not check itself, checked before
anything is built, every problem listed at once (file:line: key: message) instead of a
traceback halfway through, after the English was written."""

from __future__ import annotations

from ..brand import brand_problems
from ..configuration import Project
from ..i18n import load_interface
from ..pdf import PAGE as PDF_PAGE
from ..problems import DataError
from ..proposal import email_problems
from ..translations import load_translations
from .load import knowledge_base, load, site_languages


def check(project: Project) -> None:
    """Every language's translations and interface strings; an add-on's brand colours
    (WCAG AA contrast) and the one plain e-mail address its proposal form sends to; and
    the anchors of the PDF edition."""
    problems = language_problems(project) + settings_problems(project) + book_problems(project)
    if problems:
        raise SystemExit(f"The site was not built.\n{DataError(problems)}")


def language_problems(project: Project) -> list:
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
    return problems


def book_problems(project: Project) -> list:
    """An entry id that is also an anchor the PDF edition makes for itself (a year of the
    meetings, say), checked in every build, not only in those that make the PDF: so that
    a change that would break `make pdf` fails `make check` already. The book is rendered
    in English, without WeasyPrint. A project without the page that offers the book
    (`pdf.PAGE`, print.md), such as the benchmark's synthetic sites, has no book to check."""
    if not (project.docs_dir / PDF_PAGE).is_file():
        return []
    try:
        load(project).book()
    except DataError as error:
        return error.problems
    return []


def settings_problems(project: Project) -> list:
    brand = project.extra.get("brand")
    problems = brand_problems(project.config_file, brand) if brand is not None else []
    return problems + email_problems(project.config_file, project.extra.get("proposals_email"))
