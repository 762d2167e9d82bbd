"""CONTRIBUTING.md's worked example, applied exactly as written, passes every check a pull
request meets: validation, the strict build and the content tests."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from conftest import ROOT, build_site, copy_project

# Each example block is introduced by `<!-- worked example: <file>, <collection> -->`.
EXAMPLE = re.compile(r"<!-- worked example: (\S+), (\w+) -->\n```yaml\n(.*?)```", re.S)


def example_entries(block: str, collection: str) -> str:
    """The entry lines of an example block: what follows its `collection:` line and the
    comment standing for the existing entries."""
    lines = block.splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.lstrip().startswith("- id:"))
    assert lines[0] == f"{collection}:\n"
    return "".join(lines[start:])


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


def test_the_worked_example_of_contributing_passes_validation_build_and_content_tests(
        tmp_path):
    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    examples = EXAMPLE.findall(guide)
    assert [(file, collection) for file, collection, _ in examples] == [
        ("data/sources.yml", "sources"),
        ("data/themes/mental-health-profiles.yml", "practices")]
    project = copy_project(tmp_path / "project")
    for file, collection, block in examples:
        add_at_end_of_list(project / file, collection, example_entries(block, collection))

    validated = subprocess.run([sys.executable, "-m", "macros", "validate"], cwd=project,
                               capture_output=True, text=True,
                               env={**os.environ, "PYTHONPATH": str(project)})
    assert validated.returncode == 0, validated.stderr
    assert "example-practice" in (project / "data/themes/mental-health-profiles.yml").read_text()
    built = build_site(project)
    assert built.returncode == 0, built.stderr
    assert 'id="example-practice"' in (project / "site/practices/index.html").read_text()
    content = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
         str(ROOT / "tests" / "test_content.py")],
        cwd=ROOT, capture_output=True, text=True,
        env={**os.environ, "KB_PROJECT_ROOT": str(project)})
    assert content.returncode == 0, content.stdout[-3000:]
