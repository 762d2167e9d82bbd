"""Shared fixtures: the project's data, and sites built from it (once per session)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from macros.validate import load_knowledge_base

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures"
MKDOCS = [sys.executable, "-m", "mkdocs"]


def copy_project(destination: Path) -> Path:
    """A copy of everything a build reads, so a test can change it without touching ours."""
    for name in ("docs", "data", "macros", "overrides", "mkdocs.yml"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, destination / name,
                            ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, destination / name)
    return destination


def build_site(project: Path, config: str = "mkdocs.yml") -> subprocess.CompletedProcess:
    """`mkdocs build --strict` in `project`; the result carries the output for assertions."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([*MKDOCS, "build", "--strict", "--config-file", config,
                           "--site-dir", str(project / "site")],
                          cwd=project, env=env, capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="session")
def kb():
    return load_knowledge_base([ROOT / "data"])


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    """The real site, built strictly from a copy of the project."""
    project = copy_project(tmp_path_factory.mktemp("site-build"))
    result = build_site(project)
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site", result
