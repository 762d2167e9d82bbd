"""`make audit`: Lighthouse's mobile run on every kind of page, as figures.

Serves the built site on 127.0.0.1 with gzip (as the hosting guide asks) and runs Lighthouse
(npm, pinned in package.json) against Debian's Chromium, AUDIT_RUNS times a page (default
3). Prints per page the median scores and the metrics that explain a score: largest
contentful paint, total blocking time, main-thread work, DOM size, and the bytes of a first
load, and the others that weigh in the score (first contentful paint, speed index,
layout shift). Exits 0 either way: these are budgets to read, not tests.
"""

from __future__ import annotations

import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from conftest import CHROMIUM, CHROMIUM_ARGS, serve  # noqa: E402

PAGES = {  # one page of each kind
    "home": "",
    "role pathway": "for/individual-practitioners/",
    "theme": "themes/lone-actors/",
    "practices": "practices/",
    "help the helper": "help-the-helper/",
    "glossary": "glossary/",
    "self-check": "self-check/individual-practitioners/",
    "tables": "tables/practices/",
    "print": "print/",
}
# And the largest page of a practice and of a meeting or paper, found in the built site: the
# entry pages are generated from the data, so which is heaviest changes with it.
ENTRY_PAGES = {"practice page": "practices", "meeting page": "meetings"}
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
TARGETS = {"performance": 0.95, "accessibility": 1.0, "best-practices": 1.0, "seo": 1.0}
FIRST_LOAD_KIB = 250
# Lighthouse audit -> (column, unit divisor, target or None)
METRICS = {
    "first-contentful-paint": ("FCP s", 1000, None),
    "largest-contentful-paint": ("LCP s", 1000, 2.5),
    "speed-index": ("SI s", 1000, None),
    "cumulative-layout-shift": ("CLS", 1, 0.1),
    "total-blocking-time": ("TBT ms", 1, 200),
    "mainthread-work-breakdown": ("main s", 1000, None),
    "dom-size-insight": ("DOM", 1, None),  # elements in the page
    "total-byte-weight": ("KiB", 1024, FIRST_LOAD_KIB),
}


def lighthouse(url: str) -> dict:
    with tempfile.TemporaryDirectory() as temp:
        report = Path(temp) / "report.json"
        flags = " ".join(["--headless=new", *CHROMIUM_ARGS])
        subprocess.run(
            [str(HERE / "node_modules" / ".bin" / "lighthouse"), url, "--quiet",
             f"--chrome-flags={flags}", "--output=json", f"--output-path={report}",
             f"--only-categories={','.join(CATEGORIES)}"],
            env={**os.environ, "CHROME_PATH": CHROMIUM}, check=True, timeout=300)
        return json.loads(report.read_text(encoding="utf-8"))


def median_run(url: str, runs: int) -> tuple[dict, dict, dict]:
    """The median of each score and metric over `runs` Lighthouse runs."""
    reports = [lighthouse(url) for _ in range(runs)]
    scores = {c: statistics.median([r["categories"][c]["score"] for r in reports])
              for c in CATEGORIES}
    metrics = {audit: statistics.median([r["audits"][audit]["numericValue"] for r in reports])
               / divisor for audit, (_, divisor, _) in METRICS.items()}
    return scores, metrics, reports[-1]


def largest_entry_page(site: Path, folder: str) -> str:
    """The address of the largest entry page in `site/folder/` (its folders named by an id;
    a long list's further pages, `page-2/` and on, are not entries)."""
    pages = [page for page in (site / folder).glob("*/index.html")
             if not re.fullmatch(r"page-\d+", page.parent.name)]
    largest = max(pages, key=lambda page: page.stat().st_size)
    return largest.parent.relative_to(site).as_posix() + "/"


def main() -> None:
    site = Path(os.environ.get("AUDIT_SITE", ROOT / "site"))
    pages = os.environ.get("AUDIT_PAGES")  # e.g. "home" for a quick check
    runs = int(os.environ.get("AUDIT_RUNS", "3"))
    every = {**PAGES, **{name: largest_entry_page(site, folder)
                         for name, folder in ENTRY_PAGES.items()}}
    chosen = {name: every[name] for name in pages.split(",")} if pages else every
    columns = ["perf", "a11y", "bp", "seo"] + [column for column, _, _ in METRICS.values()]
    print(f"median of {runs} run(s), Lighthouse mobile (simulated slow 4G, 4x CPU)")
    print(f"{'page':<16}" + "".join(f"{c:>8}" for c in columns))
    misses = []
    with serve(site, compress=True) as base:  # gzip, as the hosting guide recommends
        for name, path in chosen.items():
            scores, metrics, report = median_run(base + path, runs)
            if name in ENTRY_PAGES:
                print(f"({name}: {path})")
            print(f"{name:<16}" + "".join(f"{scores[c]:>8.2f}" for c in CATEGORIES)
                  + "".join(f"{value:>8.2f}" if value < 100 else f"{value:>8.0f}"
                            for value in metrics.values()))
            misses += [f"{name}: {c} {scores[c]:.2f} < {t}" for c, t in TARGETS.items()
                       if scores[c] < t]
            misses += [f"{name}: {METRICS[a][0]} {v:.2f} > {METRICS[a][2]}"
                       for a, v in metrics.items() if METRICS[a][2] and v > METRICS[a][2]]
            misses += [f"{name}: {a['id']} ({a['title']})"
                       for a in report["audits"].values()
                       if a.get("score") is not None and a["score"] < 1
                       and a.get("scoreDisplayMode") == "binary"]
    print("\ntargets: performance >= 0.95, others 1.00, LCP <= 2.5 s, TBT <= 200 ms, CLS <= 0.1, "
          f"first load <= {FIRST_LOAD_KIB} KiB")
    print("misses:" if misses else "all targets met")
    for miss in misses:
        print(f"  {miss}")


if __name__ == "__main__":
    main()
