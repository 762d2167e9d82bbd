"""'Related' entries, computed from what entries share: themes, audiences, country."""

from __future__ import annotations

import heapq
from collections import Counter, defaultdict

from .knowledge_base import KnowledgeBase
from .model import Record, Theme


def themes_of(kb: KnowledgeBase, entry: Record) -> list[str]:
    """The entry's themes with all their ancestors (a theme counts as its own). Sharing a
    topic weighs more than sharing only a main theme, as the ancestors are shared too."""
    direct = list(getattr(entry, "topics", [])) + (
        [entry.topic] if getattr(entry, "topic", None) else [])
    if isinstance(entry, Theme):
        direct.append(entry.id)
    found: list[str] = []
    for theme_id in direct:
        while theme_id and theme_id in kb:
            found.append(theme_id)
            theme = kb.get(theme_id)
            theme_id = theme.parent if isinstance(theme, Theme) else None
    return found


def features(kb: KnowledgeBase, entry: Record) -> list[tuple[str, str]]:
    """What an entry is about, in a fixed order: its themes (with their ancestors), its
    audiences (an audience is its own) and its country, as (kind, id) pairs."""
    audiences = [entry.id] if kb.collection_of(entry.id) == "audiences" else []
    found = [("theme", t) for t in themes_of(kb, entry)]
    found += [("audience", a) for a in audiences + list(getattr(entry, "audiences", []))]
    if getattr(entry, "country", None):
        found.append(("country", entry.country))
    return list(dict.fromkeys(found))


class Relations:
    """An index from each feature to the entries having it, one per collection, so that
    finding an entry's neighbours costs what they share, not the size of the collection."""

    # A candidate's rank packs (shared features, position) into one integer, so that picking
    # the best few needs no Python-level sort key: more shared first, then data order.
    _POSITIONS = 1 << 32

    def __init__(self, kb: KnowledgeBase):
        self.kb = kb
        self._features: dict[str, set[tuple[str, str]]] = {}
        self._having: dict[tuple, list[int]] = defaultdict(list)  # -> positions
        self._position: dict[str, int] = {}
        for collection, entries in kb.collections.items():
            for position, entry in enumerate(entries):
                self._position[entry.id] = position
                self._features[entry.id] = set(features(kb, entry))
                for feature in self._features[entry.id]:
                    self._having[(collection, feature)].append(position)

    def shared(self, a: Record, b: Record) -> int:
        return len(self._features[a.id] & self._features[b.id])

    def related(self, entry: Record, limit: int = 3) -> list[Record]:
        """Up to `limit` entries of the same collection sharing the most with `entry`,
        ties in data order."""
        collection = self.kb.collection_of(entry.id)
        counts: Counter = Counter()
        for feature in self._features[entry.id]:
            counts.update(self._having[(collection, feature)])
        counts.pop(self._position[entry.id], None)
        ranks = [position - shared * self._POSITIONS for position, shared in counts.items()]
        entries = self.kb.collections[collection]
        return [entries[rank % self._POSITIONS] for rank in heapq.nsmallest(limit, ranks)]
