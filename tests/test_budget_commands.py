"""`make bench` and `make audit` run and print their figures. The budgets themselves are read
from their output (BENCHMARKS.md), not asserted here: timings do not belong in tests."""

from __future__ import annotations

import os
import subprocess
import sys

from conftest import ROOT


def run(script: str, built_site=None, **env) -> str:
    result = subprocess.run([sys.executable, str(ROOT / script)], cwd=ROOT,
                            env={**os.environ, **env}, capture_output=True, text=True,
                            timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def test_the_benchmark_prints_build_ratios_sizes_and_validation_time():
    output = run("tests/benchmarks/bench.py", BENCH_QUICK="1", BENCH_RUNS="1")
    assert "real site" in output and "ratio" in output
    assert "search index:" in output and "growth 100 -> 400 entities" in output
    assert "validation of" in output


def test_the_audit_prints_lighthouse_scores_and_page_weight(built):
    site, _ = built
    output = run("tests/audit/audit.py", AUDIT_SITE=str(site), AUDIT_PAGES="home",
                 AUDIT_RUNS="1")
    assert "perf" in output and "LCP s" in output and "TBT ms" in output
    assert output.splitlines()[2].startswith("home")
