"""CONTRIBUTING.md applied exactly as written: a contributor's changes pass every test that
`make check` runs."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from macros.validate import load_knowledge_base

# Each example block is introduced by `<!-- worked example: <file>, <collection> -->`.
EXAMPLE = re.compile(r"<!-- worked example: (\S+), (\w+) -->\n```yaml\n(.*?)```", re.S)


def example_entries(block: str, collection: str) -> str:
    """The entry lines of an example block: what follows its `collection:` line and the
    comment standing for the existing entries."""
    lines = block.splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.lstrip().startswith("- id:"))
    assert lines[0] == f"{collection}:\n"
    return "".join(lines[start:])


def reword(data: Path, text: str, first_words: str) -> None:
    """Put `first_words` before a text of the data, as a contributor rewording it would."""
    start = " ".join(text.split()[:4])  # the first words, on one line of a folded text
    path = next(path for path in sorted(data.rglob("*.yml")) if "translations" not in
                path.parts and start in path.read_text(encoding="utf-8"))
    path.write_text(path.read_text(encoding="utf-8").replace(start, f"{first_words} {start}",
                                                             1), encoding="utf-8")


def ids_in(data: Path) -> set[str]:
    return {item.entry.id for item in load_knowledge_base([data]).all()}


def add_at_end_of_list(path: Path, collection: str, entries: str) -> None:
    """What a contributor does: the entries go after the last entry of the collection."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    start = lines.index(f"{collection}:\n")
    end = next((i for i in range(start + 1, len(lines)) if re.match(r"[a-z_]+:", lines[i])),
               len(lines))
    while not lines[end - 1].strip():  # keep the blank line before the next collection
        end -= 1
    lines[end:end] = ["\n", entries]
    path.write_text("".join(lines), encoding="utf-8")


def whole_copy(destination: Path) -> Path:
    """The project as a contributor's clone holds it (guides, Makefile, tests included),
    without what set-up and builds add."""
    shutil.copytree(ROOT, destination, ignore=shutil.ignore_patterns(
        ".git", ".venv*", "node_modules", "site", "build", "__pycache__", ".cache",
        ".mkdocs.*.yml", ".zensical.*.yml", ".pytest_cache"))
    return destination


@pytest.mark.builds  # it runs make check's tests, strict build included, on a copy
def test_a_contributors_changes_made_as_contributing_shows_pass_every_test_of_make_check(
        tmp_path):
    """CONTRIBUTING applied literally: the worked example of section 2 (a source document
    and its practice), the lesson of section 3, and a reworded summary, which makes its
    translations stale; then `make format` and every test `make check` runs, on that copy.
    A contributor's valid change never breaks a test, and never waits for a translator."""
    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    examples = EXAMPLE.findall(guide)
    assert [(file, collection) for file, collection, _ in examples] == [
        ("data/sources.yml", "sources"),
        ("data/themes/mental-health-profiles.yml", "practices")]
    project = whole_copy(tmp_path / "project")
    for file, collection, block in examples:
        entries = example_entries(block, collection)
        if not (set(re.findall(r"- id: (\S+)", entries)) & ids_in(project / "data")):
            # a contributor who followed the example has it already: never added twice
            add_at_end_of_list(project / file, collection, entries)
    lesson = re.search(r"## 3\..*?```yaml\n(.*?)```", guide, re.S).group(1)
    lesson_id = re.search(r"- id: (\S+)", lesson).group(1)
    if lesson_id not in ids_in(project / "data"):
        topic = re.search(r"topic: (\S+)", lesson).group(1)
        theme_file = next(path for path in (project / "data" / "themes").glob("*.yml")
                          if f"  - id: {topic}\n" in path.read_text(encoding="utf-8"))
        add_at_end_of_list(theme_file, "lessons", lesson)
    practice = load_knowledge_base([project / "data"]).collections["practices"][0]
    reword(project / "data", practice.summary, "Reworded by a contributor.")

    environment = {**os.environ, "KB_PROJECT_ROOT": str(project), "PYTHONPATH": str(project)}
    formatted = subprocess.run([sys.executable, "-m", "macros", "format"], cwd=project,
                               capture_output=True, text=True, env=environment)
    assert formatted.returncode == 0, formatted.stdout + formatted.stderr  # as §4 asks
    checked = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-m",
         "not browser and not engines and not builds and not tools", "tests"],
        cwd=project, capture_output=True, text=True, env=environment)
    assert checked.returncode == 0, checked.stdout[-4000:]
