"""Translations of the knowledge base: per language, per entry and field, the translated text
and a fingerprint of the English text it was made from.

English is the source text. A translation is current while the fingerprint of the English
it was made from equals that of the English now; otherwise it is stale and never shown as
if current. Translation files live in `translations/<language>/` inside a data folder, and
mirror the English files they translate (`data/translations/fr/glossary.yml` translates
`data/glossary.yml`):

    language: fr
    translations:
      term-pfa:
        definition:
          # EN: The English text, for the translator (written by `scaffold`).
          from: 3f2a9c1e04ab
          text: >-
            La traduction.

`python -m macros translations scaffold fr` writes these files with every field still to
translate (empty `text`), and keeps what is already translated.
"""

from __future__ import annotations

import hashlib
import textwrap
from pathlib import Path

from .knowledge_base import KnowledgeBase

FOLDER = "translations"  # inside a data folder

# What readers read, translated in full: collection -> fields.
TRANSLATED: dict[str, tuple[str, ...]] = {
    "sources": ("summary",),
    "working_groups": ("description",),
    "audiences": ("name", "description", "introduction"),
    "themes": ("title", "summary"),
    "meetings": ("summary",),
    "practices": ("summary",),
    "lessons": ("text",),
    "questions": ("text",),
    "challenges": ("title", "text"),
    "solutions": ("title", "text"),
    "guidelines": ("group", "text", "points"),
    "care_points": ("title", "text", "points"),
    "glossary": ("definition",),
    "notes": ("text",),
    "contacts": ("description", "hours"),
}
# Names stay exact (titles of documents and meetings, expansions of abbreviations, the full
# names of working groups); a translated gloss of their meaning is shown beside them.
GLOSSED: dict[str, tuple[str, ...]] = {
    "sources": ("title",),
    "meetings": ("title",),
    "glossary": ("expansion",),
    "working_groups": ("full_name",),
}


def translatable(collection: str) -> tuple[str, ...]:
    return TRANSLATED.get(collection, ()) + GLOSSED.get(collection, ())


def english_text(value) -> str:
    """One string for a field's English value (a list of points is one point a line)."""
    return "\n".join(value) if isinstance(value, list) else " ".join(str(value).split())


def fingerprint(value) -> str:
    """Twelve hex digits of SHA-256 of the English text, whitespace folded."""
    return hashlib.sha256(english_text(value).encode("utf-8")).hexdigest()[:12]


# --- Writing the files a translator fills in ------------------------------------------


def _block(text: str, indent: str) -> str:
    lines = textwrap.wrap(text, 92 - len(indent), break_long_words=False,
                          break_on_hyphens=False) or [""]
    return "\n".join(indent + line for line in lines)


def _value(text, indent: str) -> str:
    """A translated text as YAML after its key: '' while empty, else a folded block."""
    return " ''" if not text else " >-\n" + _block(text, indent)


def _field_lines(field: str, value, current: dict | None) -> list[str]:
    lines = [f"    {field}:"]
    for line in textwrap.wrap(english_text(value).replace("\n", " / "), 84,
                              break_long_words=False, break_on_hyphens=False):
        lines.append(f"      # EN: {line}")
    lines.append(f"      from: {current['from'] if current else fingerprint(value)}")
    text = (current or {}).get("text")
    if isinstance(value, list):
        items = text if isinstance(text, list) else [""] * len(value)
        lines.append("      text:")
        lines += [f"        -{_value(item, '          ')}" for item in items]
    else:
        lines.append(f"      text:{_value(text, '        ')}")
    return lines


def scaffold_file(language: str, entries: list, existing: dict) -> str:
    """The translation file for `entries` (located entries of one English data file)."""
    out = [f"# The editors' translation ({language}) of the English texts of the data file with "
           "the same name;", "# names and figures stay exact. Fill in each `text`; keep "
           "`from` as it is.", f"language: {language}", "translations:"]
    for item in entries:
        fields = [f for f in translatable(item.collection)
                  if getattr(item.entry, f, None) not in (None, "", [])]
        if not fields:
            continue
        out.append(f"  {item.entry.id}:")
        for field in fields:
            out += _field_lines(field, getattr(item.entry, field),
                                existing.get(item.entry.id, {}).get(field))
    return "\n".join(out) + "\n"


def scaffold(kb: KnowledgeBase, data_folder: Path, language: str) -> list[Path]:
    """Write or update `translations/<language>/` for every English file in `data_folder`,
    keeping every translation already made. Returns the files written."""
    import yaml

    by_file: dict[Path, list] = {}
    for item in kb.all():
        if data_folder.resolve() in item.path.parents:
            by_file.setdefault(item.path, []).append(item)
    written = []
    for path, entries in sorted(by_file.items()):
        target = data_folder / FOLDER / language / path.relative_to(data_folder.resolve())
        existing = {}
        if target.is_file():
            existing = (yaml.safe_load(target.read_text(encoding="utf-8")) or {}).get(
                "translations") or {}
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(scaffold_file(language, sorted(entries, key=lambda i: i.line),
                                        existing), encoding="utf-8")
        written.append(target)
    return written
