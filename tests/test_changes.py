"""A host updating its copy learns which version it runs and what changed for its readers."""

from __future__ import annotations

import shutil
import subprocess

from conftest import FIXTURES
from macros.changes import Change, changes_since
from macros.history import History

GIT = ["git", "-c", "user.name=test", "-c", "user.email=test@example.org"]


def test_changes_since_a_tag_lists_entries_added_changed_and_removed(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "data" / "minimal", data)
    subprocess.run([*GIT, "init", "-q"], cwd=tmp_path, check=True)
    subprocess.run([*GIT, "add", "."], cwd=tmp_path, check=True)
    subprocess.run([*GIT, "commit", "-qm", "first"], cwd=tmp_path, check=True)
    subprocess.run([*GIT, "tag", "v1.0"], cwd=tmp_path, check=True)
    base = data / "base.yml"
    text = base.read_text(encoding="utf-8")
    text = text.replace("summary: What it does.", "summary: What it does, corrected.")
    text = text.replace("  - id: sub\n    title: A subtheme\n    level: subtheme\n    parent: "
                        "main\n    sources: [{document: doc, section: Main theme > Subtheme}]\n",
                        "").replace("topics: [sub]", "topics: []")
    base.write_text(text + "\nlessons:\n  - id: a-lesson\n    text: A new lesson.\n    topic: "
                    "main\n    sources: [{document: doc, section: Lessons}]\n", encoding="utf-8")
    assert History(data).version == "v1.0-dirty"  # as pages and downloads show it
    assert changes_since(tmp_path, "v1.0") == [
        Change("added", "lessons", "a-lesson", "a-lesson"),
        Change("changed", "practices", "a-practice", "A practice"),
        Change("removed", "themes", "sub", "A subtheme")]
