"""Open data downloads: built with the site, complete, and valid data in their own right."""

from __future__ import annotations

import csv
import json

from macros.validate import load_knowledge_base


def test_the_json_download_holds_every_entry_and_validates_as_data(built, kb, tmp_path):
    site, _ = built
    data = json.loads((site / "data" / "knowledge-base.json").read_text(encoding="utf-8"))
    assert {e["id"] for entries in data.values() for e in entries} == \
        {item.entry.id for item in kb.all()}
    (tmp_path / "downloaded.yml").write_text(json.dumps(data), encoding="utf-8")  # JSON is YAML
    again = load_knowledge_base([tmp_path])
    assert {i.entry.id: i.entry for i in again.all()} == {i.entry.id: i.entry for i in kb.all()}


def test_each_collection_has_a_csv_with_a_row_per_entry(built, kb):
    site, _ = built
    for name, entries in kb.collections.items():
        if not entries:
            continue
        with open(site / "data" / f"{name}.csv", encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        assert [row["id"] for row in rows] == [entry.id for entry in entries], name


def test_the_downloads_page_links_to_every_file_and_the_schema(built):
    site, _ = built
    page = (site / "downloads" / "index.html").read_text(encoding="utf-8")
    for file in sorted((site / "data").iterdir()):
        assert f'href="../data/{file.name}"' in page, file.name
    schema = json.loads((site / "data" / "knowledge-base.schema.json").read_text())
    assert schema["$id"] == "knowledge-base.schema.json"


def test_the_downloads_record_the_version_they_were_built_from(built):
    site, _ = built  # a copy without git history
    assert (site / "data" / "version.txt").read_text(encoding="utf-8") == "unversioned\n"
