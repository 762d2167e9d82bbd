"""Hostile input to the commands people and CI run: a revision, a folder or a data file name
that would run a command, write a file, or print lines a terminal or CI log would obey.

Each test names the threat it guards against.
"""

from __future__ import annotations

import functools
import http.client
import http.server
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest
import yaml

from conftest import FIXTURES, ROOT

GIT = ["git", "-c", "user.name=test", "-c", "user.email=test@example.org"]
BIN = Path(sys.executable).parent  # the Makefile's $(BIN): the Python running the tests


@pytest.fixture
def repository(tmp_path):
    """A git repository with the project's Makefile and some data, tagged v1.0; the project's
    own `macros` runs in it."""
    shutil.copy(ROOT / "Makefile", tmp_path / "Makefile")
    shutil.copytree(FIXTURES / "data" / "minimal", tmp_path / "data")
    subprocess.run([*GIT, "init", "-q"], cwd=tmp_path, check=True)
    subprocess.run([*GIT, "add", "."], cwd=tmp_path, check=True)
    subprocess.run([*GIT, "commit", "-qm", "first"], cwd=tmp_path, check=True)
    subprocess.run([*GIT, "tag", "v1.0"], cwd=tmp_path, check=True)
    return tmp_path


def run(repository: Path, *command: str) -> subprocess.CompletedProcess:
    environment = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(command, cwd=repository, env=environment, capture_output=True,
                          text=True, timeout=120)


def make_changes(repository: Path, since: str) -> subprocess.CompletedProcess:
    # -o: the Makefile's environment counts as installed (nothing is installed by a test)
    return run(repository, "make", "--no-print-directory", "changes", f"FROM={since}",
               f"BIN={BIN}", "-o", f"{BIN}/.installed")


def test_a_revision_given_to_make_changes_runs_no_shell_command(repository):
    """Threat: `make changes "FROM=HEAD;touch proof"` running `touch` in the host's shell."""
    result = make_changes(repository, "HEAD;touch proof")
    assert not (repository / "proof").exists()
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "changes: 'HEAD;touch proof' is not a commit or tag of this repository" \
        in result.stderr, result.stderr


def test_a_tag_named_as_a_shell_command_is_compared_and_runs_nothing(repository):
    """Threat: a tag `v1;id>proof` (a valid git tag name, fetched with the others) running
    `id` when a host compares with it."""
    subprocess.run([*GIT, "tag", "v1;id>proof"], cwd=repository, check=True)
    result = make_changes(repository, "v1;id>proof")
    assert result.returncode == 0, result.stderr
    assert not (repository / "proof").exists()
    assert "\nChanges for readers from v1;id>proof to " in result.stdout
    assert ": 0 entries" in result.stdout


def test_a_revision_that_looks_like_an_option_writes_no_file(repository):
    """Threat: a revision `--output=x.tar` read by `git archive` as its option, writing a
    file of the attacker's naming."""
    for result in (make_changes(repository, "--output=x.tar"),
                   run(repository, sys.executable, "-m", "macros", "changes", "--",
                       "--output=x.tar")):
        assert result.returncode != 0 and "Traceback" not in result.stderr
        assert result.stderr.splitlines()[0] == "changes: '--output=x.tar' is not a commit " \
            "or tag of this repository", result.stderr
    assert not (repository / "x.tar").exists()


def test_a_missing_revision_is_named_in_one_line_without_a_traceback(repository):
    """Threat: a traceback instead of an answer, hiding the one line that says what is wrong."""
    result = run(repository, sys.executable, "-m", "macros", "changes", "v9")
    assert result.returncode != 0
    assert result.stderr == "changes: 'v9' is not a commit or tag of this repository\n"


# A name that would print a second line, a GitHub workflow command (a CI annotation) on it,
# and a terminal sequence that clears the screen (to hide what came before a fake "OK").
SPOOF = "x\n::error file=a::spoofed\x1b[2J"
OUR_LINES = ("OK: ", "Translations (", "  stale: ", "  missing: ", "Interface strings (",
             "Changes for readers from ", "added ", "changed ", "removed ")


def assert_only_our_lines(output: str) -> None:
    assert "\x1b" not in output and "\r" not in output
    for line in output.splitlines():
        assert line.startswith(OUR_LINES), line


def test_a_data_folder_name_cannot_print_a_ci_annotation_or_a_terminal_sequence(tmp_path):
    """Threat: a data folder named with a newline and `::error file=…::` printing a spoofed
    CI annotation, or an escape sequence clearing the terminal, in validate's report."""
    data = tmp_path / SPOOF
    shutil.copytree(FIXTURES / "data" / "minimal", data)
    shutil.copytree(FIXTURES / "data" / "translated" / "translations", data / "translations")
    result = run(ROOT, sys.executable, "-m", "macros", "validate", str(data))
    assert result.returncode == 0, result.stderr
    assert "  stale: " in result.stdout and "  missing: " in result.stdout
    assert_only_our_lines(result.stdout)
    assert "x\\n::error file=a::spoofed\\x1b[2J/base.yml" in result.stdout


def test_an_entry_title_cannot_print_a_ci_annotation_in_the_changes(repository):
    """Threat: a practice named "…\\n::error::x" in a pull request printing a workflow
    command in the release note's CI log."""
    base = repository / "data" / "base.yml"
    text = base.read_text(encoding="utf-8")
    base.write_text(text.replace("name: A practice", 'name: "A practice\\n::error::x"'),
                    encoding="utf-8")
    result = run(repository, sys.executable, "-m", "macros", "changes", "v1.0")
    assert result.returncode == 0, result.stderr
    assert_only_our_lines(result.stdout)
    assert "a-practice: A practice\\n::error::x" in result.stdout
    # A control character the data may not hold: the problem, escaped, and no traceback
    base.write_text(text.replace("name: A practice", 'name: "A practice\\u001b[2J"'),
                    encoding="utf-8")
    result = run(repository, sys.executable, "-m", "macros", "changes", "v1.0")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "\x1b" not in result.stderr and "data/base.yml:28: a-practice: name: " \
        in result.stderr, result.stderr


@pytest.mark.parametrize("path", ["/%00", "/a%00.html", "/%ed%a0%80"])
def test_a_request_for_an_impossible_path_is_not_found_quietly(tmp_path, capfd, path):
    """Threat: `GET /%00` (a null byte) printing a traceback over the preview's build
    messages each time anyone on the machine sends it."""
    from macros.preview import _Handler
    (tmp_path / "index.html").write_text("home", encoding="utf-8")
    handler = functools.partial(_Handler, directory=str(tmp_path))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        for method in ("GET", "HEAD"):
            connection = http.client.HTTPConnection(*server.server_address, timeout=10)
            connection.request(method, path)
            assert connection.getresponse().status == 404
            connection.close()
        connection = http.client.HTTPConnection(*server.server_address, timeout=10)
        connection.request("GET", "/")
        assert connection.getresponse().read() == b"home"  # and it serves on
    finally:
        server.shutdown()
        server.server_close()
    assert capfd.readouterr().err == ""


@pytest.fixture
def upstream(tmp_path):
    """A project to write add-ons from: its macros (the command and its templates), in a
    folder whose name has quotes and a `#`, which the add-on's settings must keep."""
    project = tmp_path / "the \"upstream\" #project's"
    shutil.copytree(ROOT / "macros", project / "macros",
                    ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("data", "docs", "overrides", "overrides-zensical", "examples"):
        (project / name).mkdir()
    return project


def addon_new(upstream: Path, folder: str) -> subprocess.CompletedProcess:
    # From the project's folder, as the Makefile runs it: the copy's own macros run
    return subprocess.run([sys.executable, "-m", "macros", "addon-new", folder], cwd=upstream,
                          capture_output=True, text=True, timeout=60)


def files_in(folder: Path) -> set[Path]:
    return {path for path in folder.rglob("*") if "__pycache__" not in path.parts}


@pytest.mark.parametrize("folder", [".", "data", "data/local", "docs", "macros/x",
                                    "overrides", "overrides-zensical/x"])
def test_an_addon_is_never_written_into_the_project_or_the_folders_its_site_is_built_from(
        upstream, folder):
    """Threat: `make addon-new ADDON=data` writing an add-on's entries and settings into the
    upstream data, pages or engine, so that they change every site built from it."""
    before = files_in(upstream)
    result = addon_new(upstream, folder)
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert len(result.stderr.splitlines()) == 1, result.stderr
    assert "is the project or one of the folders its site is built from" in result.stderr
    assert files_in(upstream) == before


def test_an_addon_in_a_folder_of_its_own_in_examples_is_written(upstream):
    result = addon_new(upstream, "examples/our-copy")
    assert result.returncode == 0, result.stderr
    assert (upstream / "examples" / "our-copy" / "mkdocs.yml").is_file()


def settings_of(folder: Path) -> dict:
    return yaml.safe_load((folder / "mkdocs.yml").read_text(encoding="utf-8"))


def test_a_folder_name_cannot_add_a_setting_to_the_addon(upstream, tmp_path_factory):
    """Threat: an add-on folder named 'a\\nsite_name: x' writing a setting of its own into
    the add-on's mkdocs.yml (the path is written there, in comments and in settings)."""
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    result = addon_new(upstream, str(elsewhere / "a\nsite_name: x"))
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [
        f"addon-new: {elsewhere}/a\\nsite_name: x has a line break or control character in "
        "its name; choose a folder without one"]
    assert list(elsewhere.iterdir()) == []
    # Quotes and `#` are printable: the settings quote the paths, and keep their keys
    plain, quoted = elsewhere / "plain", elsewhere / "a \"quoted' #name"
    for folder in (plain, quoted):
        assert addon_new(upstream, str(folder)).returncode == 0
    assert settings_of(quoted) == settings_of(plain)
    assert list(settings_of(plain)) == ["INHERIT", "docs_dir", "site_dir", "site_name",
                                        "theme", "plugins", "watch", "extra", "extra_css"]
    assert settings_of(plain)["INHERIT"] == f"{upstream}/mkdocs.yml"


def test_a_language_code_given_to_make_translation_runs_nothing_and_writes_nothing(tmp_path):
    """Threat: `make translation "LANGUAGE=x;touch proof"` running `touch`, or writing a
    translations folder that no build could use."""
    shutil.copytree(FIXTURES / "data" / "minimal", tmp_path / "data")
    shutil.copy(ROOT / "Makefile", tmp_path / "Makefile")
    result = run(tmp_path, "make", "--no-print-directory", "translation",
                 "LANGUAGE=x;touch proof", f"BIN={BIN}", "-o", f"{BIN}/.installed")
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "translate: 'x;touch proof' is not a language code the site can be built in" \
        in result.stderr
    assert not (tmp_path / "proof").exists()
    assert not (tmp_path / "data" / "translations").exists()
