"""'Related' items are computed from what entries really share, closest first."""

from macros.related import _features, related


def test_related_entries_share_a_theme_audience_or_country_and_come_closest_first(kb):
    for collection in ("practices", "meetings"):
        for entry in kb.collections[collection]:
            mine = _features(kb, entry)
            found = related(kb, entry)
            assert entry not in found
            overlaps = [sum((mine & _features(kb, other)).values()) for other in found]
            assert all(overlaps) and overlaps == sorted(overlaps, reverse=True), entry.id


def test_practices_under_the_same_topic_are_related(kb):
    found = [p.id for p in related(kb, kb.get("legato"), limit=5)]
    assert "chamaelion" in found  # both cited under "Working with children"
