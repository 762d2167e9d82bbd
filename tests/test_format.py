"""`make format` lays data and translation files out as `make validate` wants them, keeping
what they hold, their comments and quotes exactly; the real data is already laid out so; a
file that cannot be read safely is never formatted, only reported."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import FIXTURES, ROOT
from macros import formatter
from macros.formatter import format_file, format_folders, format_text
from macros.style import RUN_FORMAT, style_problems
from macros.translations import CURRENT, fingerprint, load_translations
from macros.validate import load_knowledge_base
from macros.yaml_files import read_yaml, read_yaml_text

MINIMAL = FIXTURES / "data" / "minimal"
REAL_FILES = sorted((ROOT / "data").rglob("*.yml"))
# the data files, and the translation files whose layout differs from the others (long keys)
VARIED_FILES = [path for path in REAL_FILES
                if "translations" not in path.parts or path.name == "interface.yml"]


def document_of(text: str):
    document, problems = read_yaml_text(text, "case.yml", Path("case.yml"))
    assert document is not None and not problems, problems
    return document


def test_there_are_real_data_and_translation_files_to_format():
    assert any("translations" in path.parts for path in REAL_FILES)
    assert len(REAL_FILES) > 10


@pytest.mark.parametrize("path", REAL_FILES, ids=lambda path: path.relative_to(ROOT).as_posix())
def test_the_real_data_is_already_in_the_house_layout_of_the_formatter(path):
    """The formatter's style is the house layout: every real file, data or translation,
    comments, blank lines, quotes, anchors and long keys included, is written back byte for
    byte (so `make format` never rewrites data that validates)."""
    text = path.read_text(encoding="utf-8")
    assert format_text(text) == text


@pytest.mark.parametrize("path", VARIED_FILES,
                         ids=lambda path: path.relative_to(ROOT).as_posix())
def test_any_real_file_as_pyyaml_writes_it_is_formatted_to_the_same_data_in_the_house_layout(
        path):
    """PyYAML's layout (list items not indented under their key, long text folded over
    lines, long keys written as '? key'), formatted: the same data, key order included, no
    layout problem, and formatting it again changes nothing."""
    dumped = document_of(yaml.safe_dump(document_of(path.read_text(encoding="utf-8")).value,
                                         sort_keys=False, allow_unicode=True))
    formatted = format_text(dumped.text)
    again = document_of(formatted)
    assert formatter._holds(again) == formatter._holds(dumped)
    assert list(again.value) == list(dumped.value)
    assert style_problems(again) == []
    assert format_text(formatted) == formatted


def test_make_format_changes_nothing_in_the_real_data(tmp_path):
    shutil.copytree(ROOT / "data", tmp_path / "data")
    result = subprocess.run([sys.executable, "-m", "macros", "format", str(tmp_path / "data")],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("0 files formatted, ")
    for path in REAL_FILES:
        copy = tmp_path / path.relative_to(ROOT)
        assert copy.read_bytes() == path.read_bytes(), path


EXAMPLE = {  # the worked example of CONTRIBUTING.md, as a YAML tool would hold it
    "sources": [{"id": "example-paper-2024", "title": "An example paper (do not merge)",
                 "type": "conclusion-paper", "publisher": "Example publisher",
                 "date": "2024-03",
                 "summary": "An illustration only: this document does not exist. A real "
                            "summary says in a few words what the document is about."}],
    "practices": [{"id": "example-practice", "name": "Example practice (do not merge)",
                   "country": "BE", "scope": "local", "status": "not-stated",
                   "summary": "An illustration only: this practice does not exist. A real "
                              "summary says in your own words what the source says about the "
                              "practice, and nothing more.",
                   "topics": ["sub"], "audiences": ["practitioners"],
                   "sources": [{"document": "example-paper-2024", "section": "Practices",
                                "page": 4}]}],
}


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "macros", *args], cwd=ROOT,
                          capture_output=True, text=True)


def test_a_practice_written_by_pyyaml_passes_validate_after_make_format(tmp_path):
    """The issue's case: `yaml.safe_dump(..., sort_keys=False)` writes list items level
    with their key; validate says what is wrong and that `make format` fixes it, and after
    it validate passes; a second run finds nothing to do."""
    data = tmp_path / "data"
    shutil.copytree(MINIMAL, data)
    added = data / "example.yml"
    added.write_text(yaml.safe_dump(EXAMPLE, sort_keys=False), encoding="utf-8")
    added.chmod(0o640)
    before = run("validate", str(data))
    assert before.returncode == 1
    reported = [line for line in before.stderr.splitlines() if line.startswith(str(added))]
    assert len(reported) == 5 and all(line.endswith(RUN_FORMAT) for line in reported), \
        before.stderr
    formatted = run("format", str(data))
    assert formatted.returncode == 0, formatted.stderr
    assert formatted.stdout == f"formatted: {added}\n1 file formatted, 1 already in the " \
                               "house layout.\n"
    assert run("validate", str(data)).returncode == 0
    assert added.stat().st_mode & 0o777 == 0o640  # the file replaced keeps its permissions
    assert [path.name for path in data.iterdir() if path.name.startswith(".")] == []
    assert run("format", str(data)).stdout.startswith("0 files formatted, ")


LAID_OUT = """\
# A comment above the collection, kept.
practices:
  - id: laid-out
    name: 'A practice'   # quotes and comments are kept
    status: in-collection
    summary: >-
      Its text, over
      two lines.
    topics: [sub]
    sources:
      - {document: doc, section: Practices, page: 3}
"""


def unindented(text: str) -> str:
    """`text` with its entries written as PyYAML writes them: '- ' level with the key."""
    head, rest = text.split("practices:\n")
    return head + "practices:\n" + "".join(line[2:] for line in rest.splitlines(True))


LAYOUT_SLIPS = {  # case: (as written, as formatted)
    # the comment after a value that moved right: two spaces after it, at least
    "list items level with their key": (unindented(LAID_OUT),
                                        LAID_OUT.replace("'   #", "'  #")),
    "a list indented too far": (LAID_OUT.replace("      - {doc", "        - {doc"), LAID_OUT),
    "a trailing space after a value": (LAID_OUT.replace("collection\n", "collection  \n"),
                                       LAID_OUT),
    "a trailing space in a comment": (LAID_OUT.replace("kept.\n", "kept.   \n"), LAID_OUT),
    "no line break at the end": (LAID_OUT.rstrip("\n"), LAID_OUT),
    "a blank line at the start": ("\n" + LAID_OUT, LAID_OUT),
    "blank lines at the end": (LAID_OUT + "\n\n", LAID_OUT),
    "three blank lines": (LAID_OUT.replace("    status:", "\n\n\n    status:"),
                          LAID_OUT.replace("    status:", "\n\n    status:")),
    "spaces around a colon": (LAID_OUT.replace("status: in", "status :   in"), LAID_OUT),
    "spaces around a comma": (LAID_OUT.replace("[sub]", "[sub ,main]"),
                              LAID_OUT.replace("[sub]", "[sub, main]")),
    "spaces after a hyphen": (LAID_OUT.replace("- {doc", "-   {doc"), LAID_OUT),
    "spaces inside brackets": (LAID_OUT.replace("[sub]", "[ sub ]"), LAID_OUT),
    "a list ending in a comma": (LAID_OUT.replace("[sub]", "[sub, ]"), LAID_OUT),
    "spaces inside braces": (LAID_OUT.replace("{document", "{ document")
                             .replace("3}", "3 }"), LAID_OUT),
    "Windows line endings": (LAID_OUT.replace("\n", "\r\n"), LAID_OUT),
    "old Mac line endings": (LAID_OUT.replace("\n", "\r"), LAID_OUT),
}


@pytest.mark.parametrize("case", LAYOUT_SLIPS)
def test_each_layout_problem_validate_reports_says_run_make_format_which_fixes_it(
        tmp_path, case):
    """Every rule of the house layout that validate checks: the problem says `make format`,
    and after it the file is laid out, holding the same data, comments and quotes."""
    written, laid_out = LAYOUT_SLIPS[case]
    path = tmp_path / "case.yml"
    path.write_bytes(written.encode("utf-8"))
    document, _ = read_yaml(path, "case.yml")
    problems = style_problems(document)
    assert problems and all(problem.message.endswith(RUN_FORMAT) for problem in problems)
    assert format_file(path, "case.yml") == (True, [])
    assert path.read_bytes().decode("utf-8") == laid_out
    assert read_yaml(path, "case.yml")[0].value == document.value
    assert format_file(path, "case.yml") == (False, [])


def test_comments_are_lined_up_with_the_line_below_them_and_otherwise_kept(tmp_path):
    path = tmp_path / "case.yml"
    path.write_text("practices:\n# the first practice\n- id: a-practice\n  # its name\n"
                    "  name: x   # as the source writes it\n", encoding="utf-8")
    assert format_file(path, "case.yml") == (True, [])
    assert path.read_text(encoding="utf-8") == (
        "practices:\n  # the first practice\n  - id: a-practice\n    # its name\n"
        "    name: x  # as the source writes it\n")  # two spaces before it, at least


def test_values_are_written_back_exactly_as_written(tmp_path):
    """Numbers, booleans and dates the way YAML 1.1 or 1.2 would read them otherwise
    (`True`, `+1`, `012`, `1.50`), null, quotes and anchors: the same text, so the validator
    reads the same values and quotes the same figures in its messages."""
    values = ["012", "0x1F", "22:00", "+1", "1.50", "2019", "True", "FALSE", "yes", "~", "null",
              "'quoted'", '"double"', "2024-03-01", "[a, ]", "'#'", "a #b"]
    text = "items:\n- " + "\n- ".join(values) + "\nalias: &name [a]\nagain: *name\n"
    formatted = format_text(text)
    assert formatted == "items:\n  - " + "\n  - ".join(
        value.replace("~", "").replace("null", "").replace("[a, ]", "[a]").replace(" #", "  #")
        for value in values
    ).replace("- \n", "-\n") + "\nalias: &name [a]\nagain: *name\n"
    assert formatter._holds(document_of(formatted)) == formatter._holds(document_of(text))


def test_a_long_key_stays_on_its_line(tmp_path):
    """An interface string longer than 128 characters is a key: ruamel.yaml's default would
    write it as '? key' over two lines; the house layout keeps "key": value."""
    english = "A long English sentence of the interface. " * 5
    text = f'interface:\n  "{english}": "Traduction"\n'
    assert format_text(text.replace('  "', '    "')) == text


def test_spaces_and_blank_lines_inside_a_text_are_the_texts_own(tmp_path):
    """A trailing space inside a block text is part of the text: validate does not say
    `make format` fixes it, and the formatter leaves it, saying so."""
    path = tmp_path / "case.yml"
    path.write_text(LAID_OUT.replace("Its text, over\n", "Its text, over \n")
                    .replace(">-", "|").replace("    topics:", "    topics :"), encoding="utf-8")
    document, _ = read_yaml(path, "case.yml")
    messages = {problem.line: problem.message for problem in style_problems(document)}
    assert messages[9].endswith(RUN_FORMAT) and not messages[7].endswith(RUN_FORMAT)
    changed, left = format_file(path, "case.yml")
    assert changed and [problem.line for problem in left] == [7]
    assert "Its text, over \n" in path.read_text(encoding="utf-8")


BAD = FIXTURES / "data" / "bad"
UNREADABLE = ["alias-as-key", "alias-bomb", "deep-nesting", "malformed-yaml", "merge-key",
              "not-utf8", "python-tag", "raw-control-character", "second-document",
              "slip-colon-in-value", "slip-indented-too-little", "slip-unclosed-bracket", "tabs"]


@pytest.mark.parametrize("case", UNREADABLE)
def test_a_file_that_cannot_be_read_safely_is_not_formatted_but_reported_as_validate_does(
        tmp_path, case):
    """Hostile or broken files (an alias bomb, deep nesting, a tag, a syntax slip): the
    bounded reader refuses them before ruamel.yaml sees them, the file stays as it is, and
    the problems are validate's, in the same words."""
    shutil.copytree(BAD / case / "data", tmp_path / "data")
    before = {path: path.read_bytes() for path in (tmp_path / "data").iterdir()}
    changed, unchanged, problems = format_folders([tmp_path / "data"])
    assert changed == [] and unchanged == 0
    assert {path: path.read_bytes() for path in (tmp_path / "data").iterdir()} == before
    expected = (BAD / case / "expected.txt").read_text(encoding="utf-8")
    assert "".join(f"{problem}\n" for problem in problems) == expected.replace(
        f"tests/fixtures/data/bad/{case}/data", str(tmp_path / "data"))


def test_a_duplicate_key_is_reported_not_formatted(tmp_path):
    path = tmp_path / "case.yml"
    text = "practices:\n- id: twice\n  name: First\n  name: Second\n"
    path.write_text(text, encoding="utf-8")
    changed, problems = format_file(path, "case.yml")
    assert not changed and path.read_text(encoding="utf-8") == text
    assert [str(problem) for problem in problems] == [
        "case.yml:4: twice: name: duplicate key 'name' (first given on line 3); each key may "
        "appear once"]


def test_a_result_that_would_hold_other_data_is_never_written(tmp_path, monkeypatch):
    """The last guard: whatever ruamel.yaml writes is read again and compared."""
    path = tmp_path / "case.yml"
    text = unindented(LAID_OUT)
    path.write_text(text, encoding="utf-8")
    monkeypatch.setattr(formatter, "format_text", lambda text: text.replace("sub", "main"))
    changed, problems = format_file(path, "case.yml")
    assert not changed and path.read_text(encoding="utf-8") == text
    assert [problem.message[:60] for problem in problems] == [
        "not formatted: written in the house layout, this file would "]


def test_links_are_never_followed_read_or_written(tmp_path):
    """Threat: a link in a pull request making the formatter read or rewrite a file outside
    the data (`/etc/...`, the project's own files)."""
    outside = tmp_path / "outside"
    outside.mkdir()
    target = outside / "target.yml"
    target.write_text("practices:\n- id: x\n", encoding="utf-8")
    data = tmp_path / "data"
    (data / "translations").mkdir(parents=True)
    (data / "linked.yml").symlink_to(target)
    (data / "translations" / "fr").symlink_to(outside, target_is_directory=True)
    (tmp_path / "linked-data").symlink_to(outside, target_is_directory=True)
    changed, unchanged, problems = format_folders([data, tmp_path / "linked-data"])
    assert changed == [] and unchanged == 0
    assert target.read_text(encoding="utf-8") == "practices:\n- id: x\n"
    assert sorted(Path(problem.file).name for problem in problems) == [
        "fr", "linked-data", "linked.yml"]
    assert all("is a symbolic link" in problem.message for problem in problems)


def test_translation_files_are_formatted_and_still_read_as_translations(tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(MINIMAL, folder)
    french = folder / "translations" / "fr"
    french.mkdir(parents=True)
    kb = load_knowledge_base([folder])
    english = kb.get("a-practice").summary
    translation = {"language": "fr", "translations": {"a-practice": {"summary": {
        "from": fingerprint(english), "text": "Ce qu'elle fait, en quelques mots."}}}}
    (french / "base.yml").write_text(yaml.safe_dump(translation, sort_keys=False, width=20,
                                                    indent=4, allow_unicode=True),
                                     encoding="utf-8")
    assert style_problems(read_yaml(french / "base.yml", "base.yml")[0])
    before = load_translations([folder], kb).lookup(kb, "fr", "a-practice", "summary")
    changed, _, problems = format_folders([folder])
    assert problems == [] and changed == [str(french / "base.yml")]
    assert style_problems(read_yaml(french / "base.yml", "base.yml")[0]) == []
    assert load_translations([folder], kb).lookup(kb, "fr", "a-practice", "summary") == before
    assert before == ("Ce qu'elle fait, en quelques mots.", CURRENT)
    assert os.listdir(french) == ["base.yml"]
