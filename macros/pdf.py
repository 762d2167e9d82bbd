"""The PDF edition: the whole knowledge base of one language as a book, for print and for
reading offline, made with WeasyPrint (HTML and CSS to PDF; it needs Pango).

The book is the project's own rendering, whatever the engine: the content of the site's
pages in the order of the site (advice first, apparatus after), from the same templates,
turned into HTML by Python-Markdown with the extensions the site's pages use, and laid out
by a print stylesheet of its own (`templates/pdf/book.css`: a title page, contents with page
numbers, running headers). Links between the parts point inside the PDF; a link to a page
that the book does not hold goes to the site where the copy names its address (`site_url`),
and is plain text where it does not. WeasyPrint reads nothing but the stylesheet and the
add-on's logo: its fetcher refuses any other address, the network included.

`python -m macros build --pdf` makes one a language (`make pdf`, `make offline`), into the
language's `pdf/` folder; the downloads page offers it, with its size, when it was made.
"""

from __future__ import annotations

import datetime
import html as html_text
import os
import posixpath
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit
from urllib.request import url2pathname

import markdown
from markupsafe import Markup

from .configuration import Project, read_config
from .first_abbreviations import FirstAbbreviationsExtension
from .folders import ADDON_ASSETS, addon_folder
from .history import History
from .packaging import SITE_NAME, slug
from .render import built_path

if TYPE_CHECKING:
    from .site import Site

FOLDER = "pdf"  # the folder of a language's built site that holds its PDF edition
STYLESHEET = Path(__file__).parent / "templates" / "pdf" / "book.css"
PAGE = "print.md"  # the book's links are made from the place of the page that offers it
# The Markdown extensions of the site's pages (mkdocs.yml), but those that only a browser
# uses: Material's icons (the book has none), the phone layout of tables, and permalinks.
EXTENSIONS = ["abbr", "admonition", "attr_list", "md_in_html", "pymdownx.details", "tables",
              "toc"]


@dataclass(frozen=True)
class Edition:
    """A language's PDF edition: its file name and bytes, the language's code, and its
    number of pages (which a reader about to print wants to know)."""

    name: str
    content: bytes
    language: str
    pages: int


# The editions this build made, by language, for the downloads page (`offered`). A build
# sets them before the engine renders that language's pages, and clears them first.
MADE: dict[str, Edition] = {}


def offered(language: str) -> dict | None:
    """The edition made for `language`'s pages, for the pages that offer it: its file (from
    the language's root), its pages, and its size in megabytes, in the language's way of
    writing numbers."""
    from babel.numbers import format_decimal

    from .i18n import babel_locale

    edition = MADE.get(language)
    if edition is None:
        return None
    size = format_decimal(max(len(edition.content) / 1e6, 0.1), format="0.0",
                          locale=babel_locale(language))
    return {"file": f"{FOLDER}/{edition.name}", "size": size,
            "pages": format_decimal(edition.pages, locale=babel_locale(language))}


def file_name(config_file: Path, language: str) -> str:
    """`pcve-mental-health-kb-en.pdf`; an add-on's is named after its folder, as its
    offline copy is (`our-kb-fr.pdf`)."""
    upstream = Path(__file__).resolve().parent.parent
    home = config_file.resolve().parent
    name = SITE_NAME if home == upstream else slug(home.name) or SITE_NAME
    return f"{name}-{language}.pdf"


def build_date() -> tuple[str | None, str | None]:
    """The day (YYYY-MM-DD) and moment (for the PDF's metadata) of SOURCE_DATE_EPOCH, the
    last commit's time as the Makefile sets it: the same commit makes the same PDF. None
    where it is not set, or is 0 (a copy without history)."""
    try:
        seconds = int(os.environ.get("SOURCE_DATE_EPOCH", "0"))
    except ValueError:
        return None, None
    if seconds <= 0:
        return None, None
    moment = datetime.datetime.fromtimestamp(seconds, datetime.timezone.utc)
    return moment.date().isoformat(), moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def to_html(text: str) -> Markup:
    """The book's Markdown as HTML, as the site's pages are made (without permalinks)."""
    converter = markdown.Markdown(extensions=[*EXTENSIONS, FirstAbbreviationsExtension()])
    return Markup(converter.convert(str(text)))


_LINK = re.compile(r'<a (?P<before>[^>]*?)href="(?P<href>[^"]*)"(?P<after>[^>]*)>'
                   r'(?P<text>.*?)</a>', re.S)
_ID = re.compile(r' id="([^"]+)"')


def book_links(html: str, pages: dict[str, str], site_url: str | None) -> str:
    """Every link of the book that leads to the site, made to lead inside the book: to the
    entry it names (ids are entry ids, unique in the knowledge base), else to the part that
    is the page it names. A link to a page the book does not hold goes to the site's
    address where there is one (`site_url`: the language's own) and is its text where
    there is none. Links to other websites, e-mail and phone stay as they are. A link is
    to a page of `docs/` (`themes/ethics.md`, as Markdown writes it) or to a page as built
    (`../themes/ethics/`, as raw HTML does), either from the page that offers the book (`PAGE`)."""
    ids = set(_ID.findall(html))
    built = {built_path(page, True): anchor for page, anchor in pages.items()}
    here = built_path(PAGE, True)  # "print/": where the links were made from

    def inside(match: re.Match) -> str:
        href = html_text.unescape(match.group("href"))  # data's ':' is a reference
        if href.startswith("#") or urlsplit(href).scheme:
            return match.group(0)
        path, _, fragment = href.partition("#")
        if path.endswith(".md"):  # a page of docs/, from the folder of `PAGE`
            target = built_path(posixpath.normpath(posixpath.join(
                posixpath.dirname(PAGE), path)), True)
        else:  # a page as built (a link in raw HTML), from the folder of `PAGE`
            target = posixpath.normpath(posixpath.join(here, path))
            target = "" if target == "." else target + ("/" if path.endswith("/") else "")
        if target.startswith("../"):  # above the site: nothing of the book's
            return match.group("text")
        if fragment in ids:
            new = f"#{fragment}"
        elif target in built:  # the page, or a place on it the book does not have
            new = f"#{built[target]}"
        elif site_url:
            new = urljoin(site_url, target) + (f"#{fragment}" if fragment else "")
        else:
            return match.group("text")
        return f'<a {match.group("before")}href="{html_text.escape(new)}"' \
               f'{match.group("after")}>{match.group("text")}</a>'

    return _LINK.sub(inside, html)


def addon_logo(project) -> Path | None:
    """An add-on's logo (`theme.logo`, a file of its `extra.addon_assets` folder, which the
    build copies to `addon/`), for the title page; None where there is none."""
    logo = (read_config(project.config_file).get("theme") or {}).get("logo")
    setting = project.extra.get("addon_assets")
    if not isinstance(logo, str) or setting is None or \
            not logo.startswith(ADDON_ASSETS + "/"):
        return None
    assets, problems = addon_folder(project.config_file, "addon_assets", setting)
    if problems:
        return None
    found = (assets / logo.removeprefix(ADDON_ASSETS + "/")).resolve()
    return found if assets.resolve() in found.parents and found.is_file() else None


def book_html(site: Site, name: str, version: str, site_url: str | None = None,
              brand: dict | None = None, logo: Path | None = None) -> str:
    """The HTML of the book: every part of the knowledge base in `site`'s language."""
    date, moment = build_date()
    book = site.book(PAGE, name=name, version=version, date=date,
                     logo=logo.as_uri() if logo else None)
    body = book_links(to_html(book.front + Markup("\n\n") + book.body), book.pages, site_url)
    template = site.environment.get_template("pdf/book.html")
    return template.render(language=site.language.code, name=name, created=moment,
                           brand=brand, body=Markup(body))


class RefusedFetch(ValueError):
    pass


def render_pdf(html: str, allowed: list[Path]) -> tuple[bytes, int]:
    """`html` as a PDF, and its number of pages. WeasyPrint may read the stylesheet and
    files inside `allowed` folders, nothing else: no network, no other file."""
    from weasyprint import CSS, HTML
    from weasyprint.urls import URLFetcher

    roots = [folder.resolve() for folder in [STYLESHEET.parent, *allowed]]
    refused: list[str] = []

    class LocalFiles(URLFetcher):
        def fetch(self, url, headers=None):
            parts = urlsplit(url)
            path = Path(url2pathname(parts.path)).resolve() if parts.scheme == "file" \
                and parts.netloc in ("", "localhost") else None  # as it will be read
            if path is None or not any(path == root or root in path.parents
                                       for root in roots):
                refused.append(url)
                raise RefusedFetch(f"not a file of the book: {url}")
            return super().fetch(url, headers)

    fetcher = LocalFiles(allowed_protocols=["file"])
    document = HTML(string=html, base_url=STYLESHEET.parent.as_uri() + "/",
                    url_fetcher=fetcher)
    stylesheet = CSS(filename=str(STYLESHEET), url_fetcher=fetcher)
    laid_out = document.render(stylesheets=[stylesheet])  # what write_pdf does, in two
    pdf = laid_out.write_pdf()
    if refused:
        raise SystemExit("The PDF edition was not made: it asked for "
                         + ", ".join(sorted(set(refused))) + ", which it may not read.")
    return pdf, len(laid_out.pages)


def make_edition(project: Project, site: Site) -> Edition:
    """The PDF edition of the language `project`'s configuration builds in, from its macros
    (`site`): its site's name (an add-on's brand: its name, colours and logo; its contacts
    come first), the version and date of this copy, and the whole knowledge base."""
    started = time.monotonic()
    settings = read_config(project.config_file)
    # A language's configuration holds its translated name as inert text (character
    # references, stages.render.language_config): the name itself, which the template escapes.
    name = html_text.unescape(str(settings.get("site_name") or ""))
    logo = addon_logo(project)
    html = book_html(site, name, History(project.root).version or "unversioned",
                     settings.get("site_url"), project.extra.get("brand"), logo)
    try:
        content, pages = render_pdf(html, [logo.parent] if logo else [])
    except ImportError as error:
        raise SystemExit(f"The PDF edition needs WeasyPrint, which is not installed for "
                         f"{sys.executable} ({error}); `make pdf` installs it.") from None
    except OSError as error:  # WeasyPrint loads Pango when it is imported
        raise SystemExit(f"The PDF edition needs Pango ({error}); `make pdf` installs "
                         "Debian's libpango-1.0-0 and libpangoft2-1.0-0.") from None
    language = site.language.code
    edition = Edition(file_name(project.config_file, language), content, language, pages)
    print(f"PDF edition ({language}): {edition.name}, {len(content) / 1e6:.1f} MB, "
          f"{time.monotonic() - started:.1f} s", file=sys.stderr)
    return edition
