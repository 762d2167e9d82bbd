"""Translations can never silently go stale: each says which English it was made from."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys

import pytest
import yaml

from conftest import FIXTURES, ROOT, translation_counts
from macros.problems import DataError
from macros.translations import CURRENT, MISSING, STALE, fingerprint, load_translations
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
        f"{file}:4: no-such-entry: no entry has the id 'no-such-entry'; remove this "
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


def entry_blocks(text: str) -> dict[str, str]:
    """The lines of each entry of a translation file, by its id."""
    return dict(re.findall(r"^  ([a-z0-9-]+):\n((?:    .*\n)+)", text, re.M))


def without_earlier(text: str) -> str:
    return re.sub(r"(?m)^ *# EARLIER: .*\n", "", text)


def test_make_translation_writes_what_is_left_to_translate_and_keeps_what_is_done(tmp_path):
    """The translators' command: a field whose translation is gone comes back empty, with its
    English beside it; every translation already made stays byte for byte."""

    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    run = {"cwd": tmp_path, "capture_output": True, "text": True, "check": True,
           "env": {**os.environ, "PYTHONPATH": str(ROOT)}}  # the code, not the data, from here
    # First as a translator finds it after English changed: every stale field redone
    # (emptied, the next test shows), every current one kept byte for byte.
    kb = load_knowledge_base([ROOT / "data"])
    known = load_translations([ROOT / "data"], kb)
    originals = {path: path.read_text(encoding="utf-8")
                 for path in (data / "translations" / "fr").rglob("*.yml")}
    subprocess.run([sys.executable, "-m", "macros", "translate", "fr"], **run)
    for path, text in originals.items():
        now = entry_blocks(path.read_text(encoding="utf-8"))
        for entry_id, block in entry_blocks(text).items():
            if all(known.lookup(kb, "fr", entry_id, name)[1] == CURRENT
                   for language, entry, name in known.texts
                   if (language, entry) == ("fr", entry_id)):
                assert now[entry_id] == block, (path.name, entry_id)
    done_before = translation_counts(tmp_path)["fr"]
    assert done_before[1] == 0
    french = data / "translations" / "fr" / "glossary.yml"
    before = french.read_text(encoding="utf-8")
    entry = re.search(r"\n  term-pfa:\n(?:    .*\n|      .*\n)+", before)
    assert entry and "text: ''" not in entry.group(0), "the glossary's term-pfa is translated"
    french.write_text(before.replace(entry.group(0), "\n"), encoding="utf-8")
    missing, stale = translation_counts(tmp_path)["fr"]
    assert missing == done_before[0] + 2  # its expansion and definition
    result = subprocess.run([sys.executable, "-m", "macros", "translate", "fr"], **run)
    assert "written: data/translations/fr/glossary.yml" in result.stdout
    after = french.read_text(encoding="utf-8")
    restored = re.search(r"\n  term-pfa:\n(?:    .*\n|      .*\n)+", after).group(0)
    assert "      text: ''\n" in restored and "      # EN: " in restored
    # (`# EARLIER:` comments are written once, from a stale text: the second run has none
    # left to read, the stale texts having been emptied by the first)
    assert without_earlier(after.replace(restored, entry.group(0))) == without_earlier(before)
    # still to translate, with every stale field, which `make translation` redoes
    assert translation_counts(tmp_path)["fr"] == (missing + stale, 0)
    validated = subprocess.run([sys.executable, "-m", "macros", "validate"], **run)
    assert re.search(r"missing: data/translations/fr/glossary\.yml:\d+: term-pfa: definition",
                     validated.stdout), validated.stdout


def test_make_translation_redoes_a_translation_of_an_earlier_english_keeping_it_to_work_from(
        tmp_path):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    themes = data / "themes" / "professionalisation-and-support.yml"
    first = "Each EU Member State has its own legal"  # the summary of Ethics
    themes.write_text(themes.read_text(encoding="utf-8").replace(first, f"Changed. {first}"),
                      encoding="utf-8")
    french = data / "translations" / "fr" / "themes" / "professionalisation-and-support.yml"
    before = french.read_text(encoding="utf-8")
    run = {"cwd": tmp_path, "capture_output": True, "text": True, "check": True,
           "env": {**os.environ, "PYTHONPATH": str(ROOT)}}
    missing, stale = translation_counts(ROOT)["fr"]
    kb = load_knowledge_base([ROOT / "data"])
    was_current = load_translations([ROOT / "data"], kb).lookup(kb, "fr", "ethics",
                                                                "summary")[1] == CURRENT
    assert translation_counts(tmp_path)["fr"] == (missing, stale + was_current)
    subprocess.run([sys.executable, "-m", "macros", "translate", "fr"], **run)
    summary = r"\n  ethics:\n(?:    .*\n)*?    summary:\n((?:      .*\n)+)"
    field = re.search(summary, french.read_text(encoding="utf-8")).group(1)
    old = re.search(summary, before).group(1)
    assert "# EN: Changed. Each EU Member State" in field
    earlier = " ".join(re.findall(r"# EARLIER: (.*)", field))
    assert " ".join(re.search(r"text: >-\n((?:        .*\n)+)", old).group(1).split()) == \
        " ".join(earlier.split())  # the earlier translation, word for word
    assert "      text: ''\n" in field
    # `make translation` redoes every stale field: each is now to translate again
    assert translation_counts(tmp_path)["fr"] == (missing + stale + was_current, 0)


# --- A translation is data: its type, length, slots and language are checked ------------

GUIDELINE = """\
guidelines:
  - id: a-guideline
    level: practitioners
    text: Take breaks.
    points: [Short ones., Long ones.]
    sources: [{document: doc, section: Guidelines}]
"""


def translation_problems(tmp_path, texts: dict, language: str = "fr") -> list[str]:
    """The problems of French translation files giving `texts` ((entry, field) -> text),
    each made from the current English."""
    tmp_path.mkdir(exist_ok=True)
    (tmp_path / "guideline.yml").write_text(GUIDELINE, encoding="utf-8")
    kb = load_knowledge_base([MINIMAL, tmp_path])
    folder = tmp_path / "translations" / language
    folder.mkdir(parents=True)
    files: dict[str, dict] = {}  # each translation beside its English: the same file name
    for (entry, name), text in texts.items():
        english = getattr(kb.get(entry), name)
        translations = files.setdefault(kb.locate(entry).path.name, {})
        translations.setdefault(entry, {})[name] = {"from": fingerprint(english), "text": text}
    for file, translations in files.items():
        (folder / file).write_text(yaml.safe_dump(
            {"language": language, "translations": translations}), encoding="utf-8")
    try:
        load_translations([tmp_path], kb)
    except DataError as error:
        return [str(problem).split(": ", 1)[1] for problem in error.problems]
    return []


@pytest.mark.parametrize("text, message", [
    (["A", "B"], "expected text, found a list"),
    ({"a": "b"}, "expected text, found a mapping"),
    (2019, "expected text, found a number 2019"),
    ("x" * 3001, "too long: 3001 characters, at most 3000 allowed"),
])
def test_a_translated_text_of_the_wrong_type_or_length_is_refused(tmp_path, text, message):
    """Threat: a list published as Python's repr (`['A', 'B']`), or a 2 MB text copied onto
    every page that shows it."""
    problems = translation_problems(tmp_path, {("a-practice", "summary"): text})
    assert len(problems) == 1 and problems[0].startswith("a-practice: summary: " + message)


def test_translated_points_are_a_list_of_as_many_texts_as_the_english(tmp_path):
    """Threat: a string where points are expected, shown as one bullet per character."""
    assert translation_problems(tmp_path, {("a-guideline", "points"): "Des pauses."}) == [
        "a-guideline: points: expected a list, such as [first-id, second-id], found text "
        "'Des pauses.'"]
    problems = translation_problems(tmp_path / "b", {("a-guideline", "points"): ["Courtes."]})
    assert problems == ["a-guideline: points: the English has 2 points and this translation "
                        "1: translate each point as one point, in the same order"]
    assert translation_problems(tmp_path / "c", {("a-guideline", "points"): ["", ""]}) == []


@pytest.mark.parametrize("language, message", [
    ("en", "English is the source text, in the data files themselves; a translations/en/ "
           "folder is never read: remove it"),
    ("DE", "'DE' is not a language code the site can be built in; use one of "),
    ("fr_FR", "'fr_FR' is not a language code the site can be built in; use one of "),
])
def test_a_language_folder_the_theme_cannot_build_is_refused(tmp_path, language, message):
    """Threat: a folder Babel accepts but the theme does not, ending the build with a
    TemplateNotFound traceback; or translations/en/, silently ignored."""
    problems = translation_problems(tmp_path, {("a-practice", "summary"): "Ce qu'elle fait."},
                                    language)
    assert len(problems) == 1 and problems[0].startswith(message)


def test_a_translation_outside_the_file_that_mirrors_its_english_is_refused(tmp_path):
    """Threat: a translation in a file of its own silently replacing the one a reviewer
    reads beside the English (in glossary.yml), or a file whose translations are not a
    mapping ending validation in a traceback."""
    (tmp_path / "translations" / "fr").mkdir(parents=True)
    (tmp_path / "translations" / "fr" / "other.yml").write_text(
        "language: fr\ntranslations:\n  a-practice:\n    summary:\n"
        '      from: "x"\n      text: Ailleurs.\n', encoding="utf-8")
    (tmp_path / "translations" / "fr" / "base.yml").write_text(
        "language: fr\ntranslations:\n  - a\n", encoding="utf-8")
    kb = load_knowledge_base([MINIMAL])
    with pytest.raises(DataError) as raised:
        load_translations([MINIMAL, tmp_path], kb)
    assert [str(problem).split(": ", 1)[1] for problem in raised.value.problems] == [
        "expected the ids of entries, each with its translated fields ('entry-id:' "
        "then 'field:' indented below it)",
        "a-practice: this entry's English is in base.yml: its translation belongs in "
        "translations/fr/base.yml, not here"]


def test_validation_lists_the_problems_of_data_and_interface_strings_in_one_run(tmp_path):
    """Threat: a contributor fixing one problem at a time, each run hiding the next."""
    (tmp_path / "broken.yml").write_text("practices:\n  - id: half-done\n", encoding="utf-8")
    (tmp_path / "translations" / "fr").mkdir(parents=True)
    (tmp_path / "translations" / "fr" / "interface.yml").write_text(
        'language: fr\ninterface:\n  "Print": [Imprimer]\n', encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "macros", "validate", str(MINIMAL),
                             str(tmp_path)], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"{tmp_path / 'broken.yml'}:2: half-done: name: this required field is missing" \
        in result.stderr
    assert f"{tmp_path / 'translations/fr/interface.yml'}:3: Print: expected text, found " \
        "a list; write the translation in quotes" in result.stderr
