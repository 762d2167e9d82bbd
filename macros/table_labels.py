"""A Python-Markdown extension: every table of a page that shows tables as blocks on a
phone (inside `<div class="kb-table">` or `<div class="kb-stack">`) carries, in each cell,
its column's name (`data-label`, which kb.css shows above the cell), and the roles of a
table, which a table shown as blocks would otherwise lose for assistive technology.

Written into the page, not by a script after it loads: added late, the names would push
every row down while the reader looks at it (Lighthouse measured a layout shift of 0.47 on
the tables page). Both engines run Python-Markdown extensions named in `mkdocs.yml`.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown import Extension
from markdown.treeprocessors import Treeprocessor

BLOCK_TABLES = {"kb-table", "kb-stack"}  # the wrappers' classes


class TableLabels(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        for wrapper in root.iter("div"):
            if BLOCK_TABLES & set((wrapper.get("class") or "").split()):
                for table in wrapper.iter("table"):
                    label(table)


def label(table: etree.Element) -> None:
    head = table.find("thead/tr")
    names = ["".join(cell.itertext()).strip() for cell in head] if head is not None else []
    table.set("role", "table")
    for group in table:
        group.set("role", "rowgroup")
        for row in group:
            row.set("role", "row")
            for column, cell in enumerate(row):
                cell.set("role", "columnheader" if cell.tag == "th" else "cell")
                if cell.tag == "td":
                    cell.set("data-label", names[column] if column < len(names) else "")


class TableLabelsExtension(Extension):
    def extendMarkdown(self, md) -> None:  # noqa: N802 - Python-Markdown's name
        # After the inline patterns (20), so a heading's text is its words, not a placeholder.
        md.treeprocessors.register(TableLabels(md), "table_labels", 5)


def makeExtension(**kwargs) -> TableLabelsExtension:  # noqa: N802
    return TableLabelsExtension(**kwargs)
