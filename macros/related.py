"""'Related' entries, computed from what entries share: themes, audiences, country."""

from __future__ import annotations

from collections import Counter

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


def _features(kb: KnowledgeBase, entry: Record) -> Counter:
    features = Counter(f"theme:{t}" for t in set(themes_of(kb, entry)))
    features.update(f"audience:{a}" for a in getattr(entry, "audiences", []))
    if getattr(entry, "country", None):
        features[f"country:{entry.country}"] += 1
    return features


def related(kb: KnowledgeBase, entry: Record, limit: int = 3) -> list[Record]:
    """Up to `limit` entries of the same collection that share the most with `entry`."""
    mine = _features(kb, entry)
    scored = []
    for position, other in enumerate(kb.collections[kb.collection_of(entry.id)]):
        if other.id != entry.id:
            shared = sum((mine & _features(kb, other)).values())
            if shared:
                scored.append((-shared, position, other))
    return [other for _, _, other in sorted(scored, key=lambda s: s[:2])[:limit]]
