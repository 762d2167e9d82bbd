"""CONTRIBUTING.md's worked example, applied exactly as written, passes every check a pull
request meets: validation, the strict build and the content tests."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from conftest import ROOT, build_site, copy_project
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


def test_the_worked_example_of_contributing_passes_validation_build_and_content_tests(
        tmp_path):
    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    examples = EXAMPLE.findall(guide)
    assert [(file, collection) for file, collection, _ in examples] == [
        ("data/sources.yml", "sources"),
        ("data/themes/mental-health-profiles.yml", "practices")]
    project = copy_project(tmp_path / "project")
    for file, collection, block in examples:
        entries = example_entries(block, collection)
        if not (set(re.findall(r"- id: (\S+)", entries)) & ids_in(project / "data")):
            # a contributor who followed the example has it already: never added twice
            add_at_end_of_list(project / file, collection, entries)

    # Two more valid changes a contributor makes: §3's lesson (from the new document: the
    # overview's sections are complete), and a reworded summary of an existing practice,
    # which makes its translations stale. None waits for a translator.
    new_document = re.search(r"- id: (\S+)", examples[0][2]).group(1)
    lesson = re.search(r"## 3\..*?```yaml\n(.*?)```", guide, re.S).group(1)
    lesson = re.sub(r"document: \S+", f"document: {new_document}", lesson)
    lesson_id = re.search(r"- id: (\S+)", lesson).group(1)
    if lesson_id in ids_in(project / "data"):
        lesson = lesson.replace(lesson_id, "contributor-test-lesson")
    topic = re.search(r"topic: (\S+)", lesson).group(1)
    theme_file = next(path for path in (project / "data" / "themes").glob("*.yml")
                      if f"  - id: {topic}\n" in path.read_text(encoding="utf-8"))
    add_at_end_of_list(theme_file, "lessons", lesson)
    practice = load_knowledge_base([project / "data"]).collections["practices"][0]
    reword(project / "data", practice.summary, "Reworded by a contributor.")

    formatted = subprocess.run([sys.executable, "-m", "macros", "format"], cwd=project,
                               capture_output=True, text=True,
                               env={**os.environ, "PYTHONPATH": str(project)})
    assert formatted.returncode == 0, formatted.stdout + formatted.stderr  # as §4 asks
    validated = subprocess.run([sys.executable, "-m", "macros", "validate"], cwd=project,
                               capture_output=True, text=True,
                               env={**os.environ, "PYTHONPATH": str(project)})
    assert validated.returncode == 0, validated.stderr
    assert "example-practice" in (project / "data/themes/mental-health-profiles.yml").read_text()
    built = build_site(project)
    assert built.returncode == 0, built.stderr
    assert 'id="example-practice"' in (project / "site/practices/index.html").read_text()
    french = (project / "site" / "fr" / "practices" / "index.html").read_text(encoding="utf-8")
    assert "Reworded by a contributor." in french  # the English, until it is translated
    content = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
         str(ROOT / "tests" / "test_content.py")],
        cwd=ROOT, capture_output=True, text=True,
        env={**os.environ, "KB_PROJECT_ROOT": str(project)})
    assert content.returncode == 0, content.stdout[-3000:]
