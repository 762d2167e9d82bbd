"""'Related' items are computed from what entries really share, closest first."""

from macros.related import Relations


def test_related_entries_share_a_theme_audience_or_country_and_come_closest_first(kb):
    relations = Relations(kb)
    for collection in ("practices", "meetings"):
        for entry in kb.collections[collection]:
            found = relations.related(entry)
            assert entry not in found
            overlaps = [relations.shared(entry, other) for other in found]
            assert all(overlaps) and overlaps == sorted(overlaps, reverse=True), entry.id
            others = [o for o in kb.collections[collection] if o.id != entry.id]
            best = max((relations.shared(entry, o) for o in others), default=0)
            assert (overlaps[0] if overlaps else 0) == best, entry.id


def test_practices_under_the_same_topic_are_related(kb):
    found = [p.id for p in Relations(kb).related(kb.get("legato"), limit=5)]
    assert "chamaelion" in found  # both cited under "Working with children"
