"""`make bench` and `make audit` run and print their figures (the budgets themselves are read
from their output, BENCHMARKS.md, not asserted here: timings do not belong in tests), and
`make serve` previews the site."""

from __future__ import annotations

import os
import queue
import re
import subprocess
import sys
import threading
import time
import urllib.request

import pytest

from conftest import ROOT, copy_project


def run(script: str, built_site=None, **env) -> str:
    result = subprocess.run([sys.executable, str(ROOT / script)], cwd=ROOT,
                            env={**os.environ, **env}, capture_output=True, text=True,
                            timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


@pytest.mark.builds  # the benchmark builds sites of many sizes
def test_the_benchmark_prints_build_ratios_sizes_and_validation_time():
    output = run("tests/benchmarks/bench.py", BENCH_QUICK="1", BENCH_RUNS="1")
    assert "real site" in output and "ratio" in output
    assert "search index:" in output and "growth 100 -> 400 entities" in output
    assert "validation of" in output


@pytest.mark.tools
def test_the_audit_prints_lighthouse_scores_and_page_weight(built):
    site, _ = built
    output = run("tests/audit/audit.py", AUDIT_SITE=str(site), AUDIT_PAGES="home",
                 AUDIT_RUNS="1")
    assert "perf" in output and "LCP s" in output and "TBT ms" in output
    assert output.splitlines()[2].startswith("home")


@pytest.mark.builds  # the preview builds every language, twice
def test_make_serve_previews_every_language_and_the_downloads_and_rebuilds_on_a_change(
        tmp_path):
    """The README's first command: what `make build` makes, served, built again on an edit;
    a broken edit keeps the last good build up."""
    project = copy_project(tmp_path / "project")
    server = subprocess.Popen(
        [sys.executable, "-m", "macros", "serve", "--port", "0"], cwd=project,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONUNBUFFERED": "1"},
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)

    lines: queue.Queue = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in server.stdout],
                     daemon=True).start()

    def wait_for(pattern: str) -> re.Match:
        while not (found := re.search(pattern, lines.get(timeout=240))):
            pass
        return found

    def fetch(path: str) -> str:
        with urllib.request.urlopen(base + path, timeout=10) as response:
            return response.read().decode("utf-8")

    try:
        base = wait_for(r"Serving on (http://127\.0\.0\.1:\d+/)").group(1)
        assert 'lang="fr"' in fetch("fr/practices/") and 'lang="de"' in fetch("de/")
        assert fetch("data/practices.csv").startswith("id,")
        glossary = project / "data" / "glossary.yml"
        time.sleep(1.1)  # a modification time the watcher can tell apart
        glossary.write_text(glossary.read_text(encoding="utf-8").replace(
            "Work to stop people turning", "EDITED Work to stop people turning"),
            encoding="utf-8")
        wait_for(r"Built in \d+ s")
        assert "EDITED Work to stop people turning" in fetch("glossary/")
        time.sleep(3)  # the files that build wrote start no other
        assert lines.empty(), list(lines.queue)
        (project / "data" / "broken.yml").write_text("glossary:\n  - id: [broken\n")
        wait_for(r"The build failed")
        assert "EDITED Work to stop people turning" in fetch("glossary/")
    finally:
        server.terminate()
    assert server.wait(timeout=30) == 0  # stopped cleanly, its temporary folder removed
    assert not list((project / "build").iterdir())
