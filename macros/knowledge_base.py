"""The validated knowledge base: every entry by id, and every reference in both directions.

Back-links are computed here from the references the data holds, so nothing is typed twice:
a practice names its topics, and a topic finds its practices with `referrers`.
"""

from __future__ import annotations

import functools
import typing
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from pydantic import BaseModel

from .model import COLLECTIONS, Record, RefTo


@dataclass(frozen=True)
class Reference:
    field: str  # dotted path of the field holding the id, list indexes left out
    path: tuple  # the exact path inside the entry, for line lookups
    target: str
    expected: RefTo


def _ref_marker(annotation) -> RefTo | None:
    for meta in getattr(annotation, "__metadata__", ()):
        if isinstance(meta, RefTo):
            return meta
    return None


def _unwrap(annotation):
    """The type inside Optional[...] and Annotated[..., constraints]."""
    while True:
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        if typing.get_origin(annotation) is typing.Union and len(args) == 1:
            annotation = args[0]
        elif typing.get_origin(annotation) is typing.Annotated and \
                _ref_marker(annotation) is None:
            annotation = typing.get_args(annotation)[0]
        else:
            return annotation


@functools.cache
def _reference_fields(model_class: type[BaseModel]) -> list[tuple[str, bool, RefTo | None]]:
    """(field, holds a list, its Ref marker) for each field that can hold or contain an id;
    worked out once per class, as reading annotations is slow next to checking values."""
    fields = []
    for name, info in model_class.model_fields.items():
        annotation = _unwrap(info.rebuild_annotation())
        is_list = typing.get_origin(annotation) is list
        item_type = typing.get_args(annotation)[0] if is_list else annotation
        marker = _ref_marker(item_type)
        if marker is not None or (isinstance(item_type, type) and issubclass(item_type, BaseModel)):
            fields.append((name, is_list, marker))
    return fields


def iter_references(model: BaseModel, prefix: tuple = (),
                    field_prefix: str = "") -> Iterator[Reference]:
    """Every id that `model` refers to, found from the `Ref(...)` markers of its fields."""
    for name, is_list, marker in _reference_fields(type(model)):
        value = getattr(model, name)
        items = enumerate(value) if is_list else [(None, value)]
        for index, item in items:
            path = prefix + ((name,) if index is None else (name, index))
            if item is None:
                continue
            if marker is not None:
                yield Reference(field_prefix + name, path, item, marker)
            elif isinstance(item, BaseModel):
                yield from iter_references(item, path, f"{field_prefix}{name}.")


@dataclass(frozen=True)
class Located:
    """An entry with where it came from: its collection, file, line and place in its list."""

    entry: Record
    collection: str
    file: str
    line: int
    index: int
    path: Path  # the data file, absolute


class KnowledgeBase:
    def __init__(self, located: list[Located], local_folders: list[Path] = ()):
        self._by_id = {item.entry.id: item for item in located}
        self._local_folders = list(local_folders)
        self.collections: dict[str, list[Record]] = {name: [] for name in COLLECTIONS}
        for item in located:
            self.collections[item.collection].append(item.entry)
        self._referrers: dict[tuple[str, str], list[Located]] = defaultdict(list)
        for item in located:
            seen = set()
            for ref in iter_references(item.entry):
                key = (ref.target, ref.field)
                if (key, item.entry.id) not in seen:  # one back-link per referring entry
                    seen.add((key, item.entry.id))
                    self._referrers[key].append(item)

    def __contains__(self, entry_id: str) -> bool:
        return entry_id in self._by_id

    def get(self, entry_id: str) -> Record:
        return self._by_id[entry_id].entry

    def locate(self, entry_id: str) -> Located:
        return self._by_id[entry_id]

    def is_local(self, entry_id: str) -> bool:
        """Whether the entry comes from an organisation's own add-on data, not upstream."""
        path = self._by_id[entry_id].path
        return any(folder in path.parents for folder in self._local_folders)

    def collection_of(self, entry_id: str) -> str:
        return self._by_id[entry_id].collection

    def all(self) -> list[Located]:
        return list(self._by_id.values())

    def referrers(self, entry_id: str, field: str, collection: str | None = None) -> list[Record]:
        """Entries whose `field` names `entry_id`, in data order; optionally of one collection."""
        return [item.entry for item in self._referrers.get((entry_id, field), [])
                if collection is None or item.collection == collection]
