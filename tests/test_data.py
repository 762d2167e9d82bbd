"""The data in data/ is valid, and every kind of mistake a contributor can make is reported
with the file, the line, the entry and the field."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT
from macros.problems import NONE, DataError, Problem
from macros.schema import knowledge_base_schema
from macros.validate import load_knowledge_base

MINIMAL = FIXTURES / "data" / "minimal"
BAD_CASES = sorted(path.name for path in (FIXTURES / "data" / "bad").iterdir())


def test_every_data_file_validates_against_the_model(kb):
    assert len(kb.all()) > 300


def test_ids_are_unique_and_every_reference_resolves(kb):
    # load_knowledge_base raises on either; here we check the guarantee directly as well.
    from macros.knowledge_base import iter_references
    ids = [item.entry.id for item in kb.all()]
    assert len(ids) == len(set(ids))
    for item in kb.all():
        for ref in iter_references(item.entry):
            assert ref.target in kb, f"{item.file}: {item.entry.id}: {ref.field}: {ref.target}"


def test_the_minimal_fixture_is_valid_so_each_bad_case_fails_only_for_its_own_reason():
    assert len(load_knowledge_base([MINIMAL]).all()) == 5


@pytest.mark.parametrize("case", BAD_CASES)
def test_bad_input_is_reported_with_file_line_entry_and_field(case, monkeypatch):
    folder = FIXTURES / "data" / "bad" / case
    monkeypatch.chdir(ROOT)  # messages name files relative to where the command runs
    with pytest.raises(DataError) as raised:
        load_knowledge_base([MINIMAL, folder / "data"])
    expected = (folder / "expected.txt").read_text(encoding="utf-8")
    assert "".join(f"{problem}\n" for problem in raised.value.problems) == expected


@pytest.mark.parametrize("entry, field, shown", [
    ("a-practice", "sources[0].page", "data/a.yml:7: a-practice: sources[0].page: wrong"),
    ("a-practice", NONE, "data/a.yml:7: a-practice: wrong"),  # the entry as a whole
    (NONE, "practises", "data/a.yml:7: practises: wrong"),  # a collection, a setting
    (NONE, NONE, "data/a.yml:7: wrong"),  # the file itself
])
def test_a_message_names_only_the_entry_and_field_it_has_no_placeholder_for_the_others(
        entry, field, shown):
    """`file:7: -: -: wrong` read as the parser's placeholders, not a contributor's words."""
    assert str(Problem("data/a.yml", 7, entry, field, "wrong")) == shown


def test_a_file_laid_out_unlike_the_others_is_reported_by_validation_as_ci_reports_it(
        monkeypatch):
    """`make validate` checks the layout that CI's lint would reject, with file, line,
    entry, field, the line itself and what to do."""
    folder = FIXTURES / "data" / "layout"
    monkeypatch.chdir(ROOT)
    load_knowledge_base([MINIMAL, folder / "data"])  # the content is valid
    with pytest.raises(DataError) as raised:
        load_knowledge_base([MINIMAL, folder / "data"], layout=True)
    expected = (folder / "expected.txt").read_text(encoding="utf-8")
    assert "".join(f"{problem}\n" for problem in raised.value.problems) == expected


WINDOWS_SAVED = ("# yaml-language-server: $schema=../../schema/knowledge-base.schema.json\n"
                 "practices:\n"
                 "  - id: saved-on-windows\n"
                 "    name: A practice\n"
                 "    status: not-stated\n"
                 "    summary: Every line of this file ends with CRLF.\n"
                 "    topics: [no-such-theme]\n"
                 "    sources: [{document: doc, section: Practices}]\n")


@pytest.mark.parametrize("ending, words", [
    ("\r\n", "the file has Windows line endings (CRLF)"),
    ("\r", "the file has old Mac line endings (CR)")])
def test_line_endings_other_than_lf_are_reported_once_for_the_file_in_plain_words(
        tmp_path, ending, words):
    """A file saved on Windows: one problem for the file, saying what to do, not one a line
    nor yamllint's "wrong new line character"; the file's content is checked as usual."""
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "case.yml").write_bytes(WINDOWS_SAVED.replace("\n", ending).encode())
    with pytest.raises(DataError) as raised:
        load_knowledge_base([MINIMAL, folder], layout=True)
    assert [str(problem) for problem in raised.value.problems] == [
        f"{folder / 'case.yml'}:1: {words}; set the editor to save with LF line endings (most "
        "have the setting in their status bar); run `make format`",
        f"{folder / 'case.yml'}:7: saved-on-windows: topics: unknown id 'no-such-theme': no "
        "theme has this id"]


def test_a_file_whose_later_lines_end_with_crlf_is_reported_at_the_first_of_them(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    lines = WINDOWS_SAVED.replace("[no-such-theme]", "[sub]").splitlines(keepends=True)
    mixed = "".join(lines[:4]) + "".join(line.replace("\n", "\r\n") for line in lines[4:])
    (folder / "case.yml").write_bytes(mixed.encode())
    with pytest.raises(DataError) as raised:
        load_knowledge_base([MINIMAL, folder], layout=True)
    assert [(p.line, p.message[:41]) for p in raised.value.problems] == [
        (5, "the file has Windows line endings (CRLF);")]


def test_a_list_ending_in_a_comma_is_reported_as_an_empty_item_to_remove(tmp_path):
    """'[sub, ]' reads as [sub], but yamllint's words ("too many spaces inside brackets")
    would have the comma stay."""
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "case.yml").write_text(WINDOWS_SAVED.replace("[no-such-theme]", "[sub, ]"))
    with pytest.raises(DataError) as raised:
        load_knowledge_base([MINIMAL, folder], layout=True)
    assert [str(problem) for problem in raised.value.problems] == [
        f"{folder / 'case.yml'}:7: saved-on-windows: topics[0]: an empty item at the end of "
        "this list (a comma with nothing after it): remove the comma and the space before ']'; "
        "run `make format`\n    7 |     topics: [sub, ]\n      |                 ^"]


def test_validate_command_lists_every_problem_and_exits_non_zero(tmp_path):
    bad = FIXTURES / "data" / "bad"
    result = subprocess.run(
        [sys.executable, "-m", "macros", "validate", str(MINIMAL),
         str(bad / "missing-field" / "data"), str(bad / "unknown-reference" / "data")],
        cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 1
    assert "2 problems in the data:" in result.stderr
    assert ("missing-field/data/case.yml:2: no-summary: summary: this required field is missing"
            in result.stderr)
    assert ("unknown-reference/data/case.yml:6: dangling: topics: unknown id 'sub-theme'"
            in result.stderr)


def test_validation_never_writes_to_the_data_folder(tmp_path):
    before = {path: path.read_bytes() for path in (ROOT / "data").rglob("*") if path.is_file()}
    load_knowledge_base([ROOT / "data"])
    after = {path: path.read_bytes() for path in (ROOT / "data").rglob("*") if path.is_file()}
    assert before == after


def test_published_json_schema_matches_the_model():
    published = json.loads((ROOT / "schema" / "knowledge-base.schema.json").read_text())
    assert published == knowledge_base_schema(), "run `make schema` and commit the result"


def test_every_data_file_points_editors_at_the_schema():
    for path in (ROOT / "data").rglob("*.yml"):
        if "translations" in path.relative_to(ROOT / "data").parts:
            continue  # translation files are not data files of the schema
        first = path.read_text(encoding="utf-8").splitlines()[0]
        schema = Path(first.split("$schema=", 1)[-1])
        assert first.startswith("# yaml-language-server: $schema="), path
        expected = ROOT / "schema" / "knowledge-base.schema.json"
        assert (path.parent / schema).resolve() == expected, path


SLIPS = {  # a mis-indented line: (what the line starts with, after what, written instead)
    "country: at 2 spaces": ("    country:", "", "  country:"),
    "country: after a tab": ("    country:", "", "\tcountry:"),
    "a source's '- ' 2 spaces too far": ("      - document:", "    sources:",
                                          "        - document:"),
    "a source's '- ' 2 spaces too little": ("      - document:", "    sources:",
                                            "    - document:"),
    "a page indented into its section": ("        page:", "          ", "          page:"),
}


@pytest.mark.parametrize("slip", SLIPS)
def test_one_misindented_line_in_the_real_data_gives_its_own_problem_first_and_few_others(
        tmp_path, slip):
    """One slip, one message: `country:` of a practice moved to 2 spaces (the issue's case),
    or indented with a tab, a list item or a page off by 2 spaces, is reported at its own
    line, first; the entries the file would define are not reported as unknown ids
    elsewhere, only counted: at most 3 problems, no placeholders."""
    starts, after, instead = SLIPS[slip]
    shutil.copytree(ROOT / "data", tmp_path / "data")
    theme = tmp_path / "data" / "themes" / "mental-health-profiles.yml"
    lines = theme.read_text(encoding="utf-8").splitlines(keepends=True)
    number = next(n for n, line in enumerate(lines, 1)
                  if line.startswith(starts) and lines[n - 2].startswith(after))
    lines[number - 1] = lines[number - 1].replace(starts, instead, 1)
    theme.write_text("".join(lines), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "macros", "validate", str(tmp_path / "data")],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 1
    heading, first, *rest = result.stderr.splitlines()
    count = int(heading.split()[0])
    assert count <= 3 and heading.endswith(" in the data:"), result.stderr
    assert first.startswith(f"{theme}:{number}: "), result.stderr
    assert "unknown id" not in result.stderr and ": -: " not in result.stderr


ABSORBED = """\
practices:
  - id: absorbed
    name: A practice
    status: not-stated
    summary: >-
      What it does.
      sources: [{document: doc, section: Practices}]
  - id: page-absorbed
    name: Another practice
    status: not-stated
    summary: What it does.
    sources:
      - document: doc
        section: >-
          Practices
          page: 3
"""


def test_a_field_indented_into_the_text_above_it_is_reported_at_its_own_line_first(tmp_path):
    """Indented 2 spaces too far under a '>-' text, a field becomes the text's last line: a
    required one is then missing (reported at its entry), an optional one silently gone
    (`page`, shown nowhere). The layout check names the line itself, first."""
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "case.yml").write_text(ABSORBED, encoding="utf-8")
    with pytest.raises(DataError) as raised:
        load_knowledge_base([MINIMAL, folder], layout=True)
    shown = [str(problem).split("\n")[0].replace(f"{folder}/", "")
             for problem in raised.value.problems]
    assert shown == [
        "case.yml:7: absorbed: summary: this line reads as the field 'sources:', but it is "
        "indented like the text of 'summary:' (line 5), so YAML reads it as the end of that "
        "text: indent it by 4 spaces, like 'summary:'",
        "case.yml:16: page-absorbed: sources[0].section: this line reads as the field "
        "'page:', but it is indented like the text of 'section:' (line 14), so YAML reads it "
        "as the end of that text: indent it by 8 spaces, like 'section:'",
        "case.yml:2: absorbed: sources: this required field is missing"]
