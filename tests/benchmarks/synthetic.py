"""Synthetic data sets for benchmarks: N entities spread over themes, written as data files.

Nothing here is committed bulk data: the benchmark generates it in a temporary folder.
"""

from __future__ import annotations

from pathlib import Path

import yaml

AUDIENCES = ["national-local-government", "sector-organisations", "among-colleagues",
             "individual-practitioners"]
COUNTRIES = ["DE", "NL", "FR", "DK", "FI", "GB", "ES", "HR"]
TEXT = ("Practitioners discuss how mental health support, supervision and multi-agency "
        "cooperation can prevent radicalisation and help people leave violent extremism.")


def source(section: str) -> list[dict]:
    return [{"document": "synthetic-source", "section": section, "page": 1}]


def synthetic_data(entities: int, subthemes: int | None = None) -> dict[str, list[dict]]:
    """About `entities` entries: per subtheme, meetings, practices, lessons and questions."""
    subthemes = subthemes or max(4, entities // 100)
    per_subtheme = max(1, (entities - subthemes) // subthemes)
    data: dict[str, list[dict]] = {
        "sources": [{"id": "synthetic-source", "title": "A synthetic source", "type": "article",
                     "publisher": "Benchmark", "summary": TEXT}],
        "audiences": [{"id": a, "name": a.replace("-", " ").capitalize(), "description": TEXT,
                       "sources": source("Audiences")} for a in AUDIENCES],
        "themes": [], "meetings": [], "practices": [], "lessons": [], "questions": [],
    }
    mains = max(1, subthemes // 5)
    for m in range(mains):
        data["themes"].append({"id": f"main-{m}", "title": f"Main theme {m}",
                               "level": "main-theme", "summary": TEXT,
                               "sources": source(f"Main theme {m}")})
    for s in range(subthemes):
        sub = f"sub-{s}"
        data["themes"].append({"id": sub, "title": f"Subtheme {s}", "level": "subtheme",
                               "parent": f"main-{s % mains}", "summary": TEXT,
                               "sources": source(f"Subtheme {s}")})
        for i in range(per_subtheme):
            kind = i % 4
            entry_id = f"{sub}-{i}"
            common = {"sources": source(f"Subtheme {s} > item {i}")}
            if kind == 0:
                date = f"{2016 + i % 6}-0{1 + i % 9}-1{i % 9}"
                data["meetings"].append({"id": entry_id, "title": f"Meeting {entry_id}",
                                         "type": "meeting", "date": date,
                                         "summary": TEXT, "topics": [sub], **common})
            elif kind == 1:
                data["practices"].append({"id": entry_id, "name": f"Practice {entry_id}",
                                          "country": COUNTRIES[i % len(COUNTRIES)],
                                          "status": "in-collection", "summary": TEXT,
                                          "topics": [sub], "audiences": [AUDIENCES[i % 4]],
                                          **common})
            elif kind == 2:
                data["lessons"].append({"id": entry_id, "text": TEXT, "topic": sub,
                                        "audiences": [AUDIENCES[i % 4]], **common})
            else:
                data["questions"].append({"id": entry_id, "text": TEXT, "topic": sub, **common})
    return data


FILE_ENTRIES = 5000  # entries per file, well within the reader's size limit per file


def write_data(folder: Path, data: dict) -> int:
    folder.mkdir(parents=True, exist_ok=True)
    for name, entries in data.items():
        for start in range(0, len(entries), FILE_ENTRIES):
            part = {name: entries[start:start + FILE_ENTRIES]}
            (folder / f"synthetic-{name}-{start // FILE_ENTRIES}.yml").write_text(
                yaml.safe_dump(part, sort_keys=False), encoding="utf-8")
    return sum(len(entries) for entries in data.values())
