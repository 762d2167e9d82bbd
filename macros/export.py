"""Open data: every collection as JSON and CSV, with the schema, written beside the site.

The JSON has the shape of a data file (collection -> entries), so it validates with the
same validator and can be used as a data folder of its own.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from pydantic import BaseModel

from .knowledge_base import KnowledgeBase
from .schema import knowledge_base_schema

FOLDER = "data"  # where in the built site the open-data files go
JSON_FILE = "knowledge-base.json"
SCHEMA_FILE = "knowledge-base.schema.json"


def collections_data(kb: KnowledgeBase) -> dict[str, list[dict]]:
    return {name: [entry.model_dump(mode="json", exclude_defaults=True) for entry in entries]
            for name, entries in kb.collections.items() if entries}


# A spreadsheet reads a cell that starts with one of these as a formula, which can run
# commands or leak data when a reader opens the file ("CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def inert_cell(text: str) -> str:
    """OWASP's defence against CSV injection: a cell that a spreadsheet would read as a
    formula starts with an apostrophe, so it shows as the text it is. The JSON keeps the
    value exact."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _text(value) -> str:
    """A value as cell text: lists joined with '; ', sources as 'document: section, p. N'."""
    if isinstance(value, list):
        return "; ".join(_text(item) for item in value)
    if isinstance(value, BaseModel):
        parts = value.model_dump(exclude_none=True)
        page = f", p. {parts['page']}" if "page" in parts else ""
        return f"{parts['document']}: {parts['section']}{page}"
    return "" if value is None else str(value)


def _cell(value) -> str:
    return inert_cell(_text(value))


def collection_csv(kb: KnowledgeBase, name: str) -> str:
    entries = kb.collections[name]
    fields = list(type(entries[0]).model_fields)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(fields)
    for entry in entries:
        writer.writerow([_cell(getattr(entry, field)) for field in fields])
    return out.getvalue()


def download_files(kb: KnowledgeBase) -> list[str]:
    """The names of the files `write_downloads` writes, for the downloads page."""
    csvs = [f"{name}.csv" for name, entries in kb.collections.items() if entries]
    return [JSON_FILE, SCHEMA_FILE, *csvs]


VERSION_FILE = "version.txt"


def write_downloads(kb: KnowledgeBase, folder: Path, version: str | None = None) -> None:
    """The open-data files, and `version.txt` (this copy's version from git) with them, so
    that a download says which version of the knowledge base it is."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / VERSION_FILE).write_text((version or "unversioned") + "\n", encoding="utf-8")
    text = json.dumps(collections_data(kb), ensure_ascii=False, indent=1, sort_keys=False)
    (folder / JSON_FILE).write_text(text + "\n", encoding="utf-8")
    schema = json.dumps(knowledge_base_schema(), ensure_ascii=False, indent=2)
    (folder / SCHEMA_FILE).write_text(schema + "\n", encoding="utf-8")
    for name, entries in kb.collections.items():
        if entries:
            (folder / f"{name}.csv").write_text(collection_csv(kb, name), encoding="utf-8")
