"""Each language's sitemap names the same page in every language (`hreflang` alternates), so
search engines join the versions of a page.

The alternates live in the sitemaps, not in `<link rel="alternate" hreflang>` elements in
the pages' heads: Material's script reads every such link as the root of a language and
fetches a `sitemap.xml` beside it, which for a page's address does not exist. A sitemap
lists pages only when the site has a `site_url`; without one there is nothing to join.
"""

from __future__ import annotations

import gzip
import os
import xml.etree.ElementTree as ET
from pathlib import Path

SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML = "http://www.w3.org/1999/xhtml"


def join_languages(site_dir: Path, site_url: str | None, languages: list[str]) -> None:
    """Add to every language's `sitemap.xml` (and its `.gz`) the page's address in each
    language, and the English one again as the `x-default`."""
    if not site_url or len(languages) < 2:
        return
    english = languages[0]
    bases = {code: site_url.rstrip("/") + ("/" if code == english else f"/{code}/")
             for code in languages}
    ET.register_namespace("", SITEMAP)
    ET.register_namespace("xhtml", XHTML)
    for code in languages:
        path = (site_dir if code == english else site_dir / code) / "sitemap.xml"
        if not path.is_file():  # an engine that writes none
            continue
        tree = ET.parse(path)
        for url in tree.getroot().iter(f"{{{SITEMAP}}}url"):
            page = url.findtext(f"{{{SITEMAP}}}loc", "").removeprefix(bases[code])
            for other in languages:
                add_alternate(url, other, bases[other] + page)
            add_alternate(url, "x-default", bases[english] + page)
        write(tree, path)


def add_alternate(url: ET.Element, language: str, address: str) -> None:
    ET.SubElement(url, f"{{{XHTML}}}link", rel="alternate", hreflang=language, href=address)


def write(tree: ET.ElementTree, path: Path) -> None:
    ET.indent(tree)
    tree.write(path, encoding="UTF-8", xml_declaration=True)
    archive = path.with_suffix(".xml.gz")
    if archive.exists():  # the same bytes for the same commit, as the rest of the output
        stamp = int(os.environ.get("SOURCE_DATE_EPOCH", "0"))
        with gzip.GzipFile(archive, "wb", mtime=stamp) as compressed:
            compressed.write(path.read_bytes())
