"""A link checker for a built static site: every internal href/src and #fragment must exist.

Small and dependency-free on purpose: it reads the HTML files of `site/` only, and it has
its own tests (tests/test_link_checker.py) against a fixture site with known broken links.
"""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


@dataclass(frozen=True)
class BrokenLink:
    page: str
    target: str
    reason: str

    def __str__(self) -> str:
        return f"{self.page}: {self.target}: {self.reason}"


class _PageParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: list[str] = []
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for name in ("id", "name") if tag == "a" else ("id",):
            if attributes.get(name):
                self.ids.append(attributes[name])
        for name in ("href", "src"):
            if attributes.get(name) is not None and tag != "base":
                self.links.append(attributes[name])


def parse_page(path: Path) -> _PageParser:
    parser = _PageParser()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def _resolve(site: Path, page: Path, target: str, file_system: bool) -> Path:
    path = unquote(urlsplit(target).path)
    base = site if path.startswith("/") else page.parent  # root-relative, as in 404.html
    resolved = (base / path.lstrip("/")).resolve() if path else page
    if resolved.is_dir() and not file_system:  # a web server answers with its index.html
        resolved = resolved / "index.html"
    return resolved


def check_site(site: Path, file_system: bool = False) -> list[BrokenLink]:
    """Every broken internal link and fragment in the HTML pages of `site`. With
    `file_system`, as opened from files (file://): a link to a folder is broken too, since
    the browser shows a listing of it, not its page."""
    site = site.resolve()
    pages = {path: parse_page(path) for path in site.rglob("*.html")}
    broken = []
    for page, parsed in pages.items():
        name = str(page.relative_to(site))
        for target in parsed.links:
            parts = urlsplit(target)
            if parts.scheme or parts.netloc or target.startswith(("mailto:", "data:")):
                continue  # external: the offline tests (issue 6) forbid these separately
            resolved = _resolve(site, page, target, file_system)
            if resolved.is_dir():
                broken.append(BrokenLink(name, target, "a folder, not a page"))
            elif not resolved.is_file() or site not in resolved.parents:
                broken.append(BrokenLink(name, target, "no such file in the site"))
            elif parts.fragment and resolved.suffix == ".html":
                ids = pages[resolved].ids if resolved in pages else parse_page(resolved).ids
                if unquote(parts.fragment) not in ids:
                    broken.append(BrokenLink(name, target, "no element has this id"))
    return broken
