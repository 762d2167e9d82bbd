"""Translations can never silently go stale: each says which English it was made from."""

from __future__ import annotations

import re

import pytest

from conftest import FIXTURES, ROOT
from macros.problems import DataError
from macros.translations import CURRENT, MISSING, STALE, load_translations
from macros.validate import load_knowledge_base

MINIMAL = FIXTURES / "data" / "minimal"


def test_a_translation_is_current_stale_or_missing_by_the_english_it_was_made_from(
        monkeypatch):
    monkeypatch.chdir(ROOT)
    kb = load_knowledge_base([MINIMAL])
    translations = load_translations([FIXTURES / "data" / "translated"], kb)
    assert translations.lookup(kb, "fr", "a-practice", "summary") == ("Ce qu'elle fait.",
                                                                      CURRENT)
    assert translations.lookup(kb, "fr", "sub", "title") == ("A subtheme", STALE)
    assert translations.lookup(kb, "fr", "practitioners", "description") == \
        ("People doing the work.", MISSING)
    report = translations.report(kb)["fr"]
    assert report[STALE] == ["tests/fixtures/data/translated/translations/fr/base.yml:10: "
                             "sub: title"]
    assert any(line.endswith(": main: title") for line in report[MISSING])


def test_a_translation_of_no_entry_or_of_a_name_fails_with_file_line_entry_and_field(
        monkeypatch):
    monkeypatch.chdir(ROOT)
    kb = load_knowledge_base([MINIMAL])
    with pytest.raises(DataError) as raised:
        load_translations([FIXTURES / "data" / "translated-bad"], kb)
    file = "tests/fixtures/data/translated-bad/translations/fr/base.yml"
    assert [str(p) for p in raised.value.problems] == [
        f"{file}:4: no-such-entry: -: no entry has the id 'no-such-entry'; remove this "
        "translation, or correct the id",
        f"{file}:9: a-practice: name: 'name' is not translated (names, ids and figures stay "
        "exact); translated fields here: summary",
        f"{file}:12: a-practice: country: 'country' is not translated (names, ids and figures "
        "stay exact); translated fields here: summary"]


def test_every_number_in_an_english_text_appears_in_its_current_translations(kb):
    translations = load_translations([ROOT / "data"], kb)
    for language, entry_id, name in translations.texts:
        text, status = translations.lookup(kb, language, entry_id, name)
        if status != CURRENT:
            continue
        english = getattr(kb.get(entry_id), name)
        english = " ".join(english) if isinstance(english, list) else english
        text = " ".join(text) if isinstance(text, list) else text
        numbers = re.findall(r"\d+", text)
        for number in re.findall(r"\d+", english):
            assert number in numbers, (language, entry_id, name, number)
