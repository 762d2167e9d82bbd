"""A Python-Markdown extension: an abbreviation is marked where it first appears in a
section, as style guides do, not at every occurrence, and never in a heading.

Markdown's `abbr` extension wraps every occurrence of every glossary abbreviation in
`<abbr title=…>`: 87 on the practices page, each a tooltip and a stop for the keyboard.
This tree processor runs after it and unwraps every repeat within a section (the part of
the page between two headings), so each section explains its abbreviations once. A heading
is a title (a practice's page is titled "HAYAT"): its abbreviations are plain text, and the
text under it explains them. Both engines run Python-Markdown extensions named in
`mkdocs.yml`.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown import Extension
from markdown.treeprocessors import Treeprocessor

HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


class FirstAbbreviations(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        parents = {child: parent for parent in root.iter() for child in parent}
        seen: set[str] = set()
        repeats = []
        for element in root.iter():
            if element.tag in HEADINGS:
                seen = set()  # a new section explains its abbreviations again
            elif element.tag == "abbr":
                if element.text in seen or _in_heading(element, parents):
                    repeats.append(element)
                else:
                    seen.add(element.text)
        by_parent: dict[etree.Element, list[etree.Element]] = {}
        for abbr in repeats:
            by_parent.setdefault(parents[abbr], []).append(abbr)
        for parent, found in by_parent.items():
            # Positions found once a parent, and the last first, so that removing one never
            # moves another still to remove: linear however long the page.
            position = {child: index for index, child in enumerate(parent)}
            for abbr in sorted(found, key=position.__getitem__, reverse=True):
                _unwrap(abbr, parent, position[abbr])


def _in_heading(element: etree.Element, parents: dict) -> bool:
    while element in parents:
        element = parents[element]
        if element.tag in HEADINGS:
            return True
    return False


def _unwrap(element: etree.Element, parent: etree.Element, index: int) -> None:
    """Replace `element`, the child at `index`, by its text, joined to the text around it."""
    text = (element.text or "") + (element.tail or "")
    if index == 0:
        parent.text = (parent.text or "") + text
    else:
        previous = parent[index - 1]
        previous.tail = (previous.tail or "") + text
    parent.remove(element)


class FirstAbbreviationsExtension(Extension):
    def extendMarkdown(self, md) -> None:  # noqa: N802 - Python-Markdown's name
        md.treeprocessors.register(FirstAbbreviations(md), "first_abbreviations", 6)


def makeExtension(**kwargs) -> FirstAbbreviationsExtension:  # noqa: N802
    return FirstAbbreviationsExtension(**kwargs)
