"""Hostile input that cannot be a fixture file (links, devices, huge or deeply nested files,
add-on settings), and the encoders that keep data inert where it leaves the knowledge base.

Each test names the threat it guards against. The plain-file cases are fixtures in
`fixtures/data/bad/` (each says its threat in its first line) and run in `test_data.py`.
"""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT, build_site, copy_project
from macros.edit_links import edit_url_for_data
from macros.export import collection_csv, collections_data, inert_cell
from macros.folders import addon_data_folders, addon_folder, copy_assets
from macros.problems import DataError
from macros.site import Site
from macros.validate import load_knowledge_base
from macros.yaml_files import MAX_FILE_BYTES

MINIMAL = FIXTURES / "data" / "minimal"
PRACTICE = """\
practices:
  - id: {id}
    name: {name}
    status: not-stated
    summary: A practice.
    sources: [{{document: doc, section: Practices}}]
"""


def problems_of(*folders: Path) -> list[str]:
    with pytest.raises(DataError) as raised:
        load_knowledge_base([MINIMAL, *folders])
    return [str(problem) for problem in raised.value.problems]


def test_nesting_a_hundred_thousand_levels_deep_is_refused_at_once_without_a_crash(tmp_path):
    """Threat: a stack overflow (RecursionError, or the interpreter dying with no message)."""
    (tmp_path / "deep.yml").write_text("practices:\n  - id: x\n    name: " + "[" * 100_000
                                       + "]" * 100_000 + "\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "macros", "validate", str(MINIMAL),
                             str(tmp_path)], cwd=ROOT, capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"{tmp_path / 'deep.yml'}:3: x: name[0][0][0][0][0][0][0]: the data is nested " \
           "more than 10 levels deep here" in result.stderr


def test_a_link_to_an_endless_device_or_to_a_file_outside_is_never_read(tmp_path):
    """Threat: `/dev/zero` read without end; `/etc/hostname` published as data."""
    (tmp_path / "zero.yml").symlink_to("/dev/zero")
    (tmp_path / "outside.yml").symlink_to("/etc/hostname")
    (tmp_path / "folder").symlink_to("/etc", target_is_directory=True)
    os.mkfifo(tmp_path / "pipe.yml")  # opening it would wait for a writer for ever
    reason = "is a symbolic link; data and assets must be the files themselves"
    assert problems_of(tmp_path) == [
        f"{tmp_path / 'folder'}:1: {reason}, inside their folder (a link could publish "
        "files from elsewhere on the machine)",
        f"{tmp_path / 'outside.yml'}:1: {reason}, inside their folder (a link could "
        "publish files from elsewhere on the machine)",
        f"{tmp_path / 'pipe.yml'}:1: is not a regular file (a device, pipe or socket); "
        "remove it",
        f"{tmp_path / 'zero.yml'}:1: {reason}, inside their folder (a link could publish "
        "files from elsewhere on the machine)"]


def test_a_data_folder_that_is_itself_a_link_is_not_read(tmp_path):
    """Threat: a pull request replacing `data/` with a link to a folder of the machine."""
    (tmp_path / "data").symlink_to("/etc", target_is_directory=True)
    assert problems_of(tmp_path / "data") == [
        f"{tmp_path / 'data'}:1: is a symbolic link; data and assets must be the files "
        "themselves, inside their folder (a link could publish files from elsewhere on the "
        "machine)"]


def test_a_file_too_large_to_be_data_is_refused_before_it_is_parsed(tmp_path):
    """Threat: a file of gigabytes filling memory."""
    with open(tmp_path / "huge.yml", "wb") as handle:
        handle.write(b"# " + b"x" * MAX_FILE_BYTES + b"\n")
    assert problems_of(tmp_path) == [f"{tmp_path / 'huge.yml'}:1: the file is larger "
                                     "than 10 MB; split its entries over several files"]


def test_a_huge_value_is_not_echoed_whole_in_a_message(tmp_path):
    """Threat: a 50 MB value printed into the terminal and the CI log."""
    (tmp_path / "long.yml").write_text(PRACTICE.format(id="A" * 2_000_000, name="x"),
                                       encoding="utf-8")
    problems = problems_of(tmp_path)
    assert len(problems) == 1 and len(problems[0]) < 1200
    assert "(2000000 characters in all)" in problems[0]


@pytest.mark.parametrize("setting, message", [
    ("data", "expected a list of folders, such as [data], found 'data'"),
    (["dta"], "there is no folder 'dta' next to this file"),
    (["../../../../outside"], "'../../../../outside' is outside the add-on's folder"),
    ([""], "expected the name of a folder next to this file, found ''"),
])
def test_an_addon_data_folder_setting_that_reads_nothing_or_reads_outside_is_refused(
        tmp_path, setting, message):
    """Threat: an add-on building "successfully" with none of its content, or publishing
    files from outside its folder."""
    config = tmp_path / "mkdocs.yml"
    config.write_text("INHERIT: ../mkdocs.yml\nextra:\n  data_folders: x\n", encoding="utf-8")
    (tmp_path / "data").mkdir()
    folders, problems = addon_data_folders(config, setting)
    assert folders == [] and len(problems) == 1
    assert str(problems[0]).startswith(f"{config}:3: extra.data_folders: {message}")


def test_addon_assets_with_a_link_to_a_file_outside_are_not_copied(tmp_path):
    """Threat: `/etc/hostname` copied into the published site through an add-on's assets."""
    config = tmp_path / "mkdocs.yml"
    config.write_text("extra:\n  addon_assets: assets\n", encoding="utf-8")
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "logo.svg").write_text("<svg/>", encoding="utf-8")
    (tmp_path / "assets" / "host.txt").symlink_to("/etc/hostname")
    assets, problems = addon_folder(config, "addon_assets", "assets")
    assert problems == []
    problems = copy_assets(assets, tmp_path / "site" / "addon")
    assert [p.file for p in problems] == [str(tmp_path / "assets" / "host.txt")]
    assert not (tmp_path / "site").exists()


def test_an_entry_id_that_a_page_also_makes_for_itself_is_refused(tmp_path):
    """Threat: two elements with one id, so links land on the wrong one."""
    (tmp_path / "clash.yml").write_text(PRACTICE.format(id="how-to-cite", name="Clash"),
                                        encoding="utf-8")
    kb = load_knowledge_base([MINIMAL, tmp_path])
    with pytest.raises(DataError) as raised:
        Site(kb).render_page("practices.md", "catalogue", "practices")
    assert [str(p) for p in raised.value.problems] == [
        f"{tmp_path / 'clash.yml'}:2: how-to-cite: id: the page practices.md already has an "
        "anchor 'how-to-cite' (a heading or section the site makes itself); choose another "
        "id for this entry"]


def test_an_entry_id_that_a_page_makes_for_itself_fails_the_build_in_one_line_a_page(tmp_path):
    """Threat: the clash reported inside a 39-line "Macro Rendering Error" traceback, one
    clash a build."""
    project = copy_project(tmp_path)
    (project / "data" / "clash.yml").write_text(
        "meetings:\n  - id: year-2019\n    title: Clash\n    type: meeting\n"
        '    date: "2019-01-01"\n    summary: A clash.\n'
        "    sources: [{document: ran-health-overview-2021, section: Test}]\n",
        encoding="utf-8")
    result = build_site(project)
    assert result.returncode != 0 and "Traceback" not in result.stdout + result.stderr
    assert result.stderr.strip().endswith(
        "data/clash.yml:2: year-2019: id: the PDF edition already has an anchor "
        "'year-2019' (a heading or section the site makes itself); choose another id for "
        "this entry")
    assert result.stderr.count("data/clash.yml:2: year-2019") == 1  # one page clashes


@pytest.mark.parametrize("value", ["=1+1", "+1", "-1+2", "@SUM(A1)", "\tx", "\rx",
                                   '=HYPERLINK("http://example.org","x")'])
def test_a_csv_cell_that_a_spreadsheet_would_run_as_a_formula_stays_text(value):
    """Threat: CSV injection, a formula run when a reader opens the download."""
    assert inert_cell(value) == "'" + value


def test_csv_downloads_neutralise_formulas_and_the_json_stays_exact(tmp_path):
    (tmp_path / "formula.yml").write_text(PRACTICE.format(id="formula", name="'=1+1'"),
                                          encoding="utf-8")
    kb = load_knowledge_base([MINIMAL, tmp_path])
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(collection_csv(kb, "practices")))}
    assert rows["formula"]["name"] == "'=1+1"
    assert collections_data(kb)["practices"][1]["name"] == "=1+1"


def test_a_data_file_name_cannot_leave_the_edit_link_attribute():
    """Threat: a file named `x"><img src=x onerror=...>.yml` breaking out of the href."""
    root = Path("/project")
    url = edit_url_for_data("https://git.example.org/kb/edit/main/docs/glossary.md",
                            "glossary.md", "docs", root,
                            [(root / "data" / 'g"><img src=x onerror=alert(1)>.yml', 3)])
    assert url == ("https://git.example.org/kb/edit/main/data/"
                   "g%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert%281%29%3E.yml#L3")
