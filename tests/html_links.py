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


# --- Links that touch: "A,B" or "Aand B" reads as one broken link and makes two tiny,
# adjacent tap targets. Two links in the same block need a separator between them that
# starts with a space or a punctuation mark and ends with a space or an opening bracket.

_BLOCKS = {"address", "article", "aside", "blockquote", "body", "details", "dd", "div", "dl",
           "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4",
           "h5", "h6", "header", "label", "legend", "li", "main", "nav", "ol", "p", "section",
           "summary", "table", "td", "th", "tr", "ul"}
_OPENING = "([{“‘\"«"


def _separated(between: str) -> bool:
    if not between.strip() or not any(char.isspace() for char in between):
        return False
    starts = between[0].isspace() or not (between[0].isalnum() or between[0] in _OPENING)
    ends = between[-1].isspace() or between[-1] in _OPENING
    return starts and ends


class _JoinedLinkParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks: list[list] = [[None, ""]]  # per open block: last link's text, text since
        self.link_text: str | None = None
        self.found: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "br":
            self.blocks[-1] = [None, ""]
        elif tag in _BLOCKS:
            self.blocks.append([None, ""])
        elif tag == "a" and "href" in attributes and \
                "headerlink" not in (attributes.get("class") or "").split():
            self.link_text = ""

    def handle_endtag(self, tag):
        if tag in _BLOCKS and len(self.blocks) > 1:
            self.blocks.pop()
        elif tag == "a" and self.link_text is not None:
            previous, between = self.blocks[-1]
            if previous is not None and not _separated(between):
                self.found.append((previous, between, self.link_text))
            self.blocks[-1] = [self.link_text, ""]
            self.link_text = None

    def handle_data(self, data):
        if self.link_text is not None:
            self.link_text += data
        else:
            self.blocks[-1][1] += data


def joined_links(html: str) -> list[tuple[str, str, str]]:
    """Every pair of links in one block with no proper separator: (first, between, second)."""
    parser = _JoinedLinkParser()
    parser.feed(html)
    return parser.found
