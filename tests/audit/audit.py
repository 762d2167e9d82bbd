"""`make audit`: Lighthouse scores and page weight for four kinds of page, as figures.

Serves the built site on 127.0.0.1 and runs Lighthouse (npm, pinned in package.json)
against Debian's Chromium. Prints one row a page and the targets; exits 0 either way,
since these are budgets to read, not tests.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from conftest import CHROMIUM, CHROMIUM_ARGS, serve  # noqa: E402

PAGES = {
    "home": "",
    "theme page": "themes/lone-actors/",
    "practice page": "practices/",
    "index page": "tables/practices/",
}
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
TARGETS = {"performance": 0.98, "accessibility": 1.0, "best-practices": 1.0, "seo": 1.0}
FIRST_LOAD_KIB = 250


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


def main() -> None:
    site = Path(os.environ.get("AUDIT_SITE", ROOT / "site"))
    pages = os.environ.get("AUDIT_PAGES")  # e.g. "home" for a quick check
    chosen = {name: PAGES[name] for name in pages.split(",")} if pages else PAGES
    print(f"{'page':<15}" + "".join(f"{c:>16}" for c in CATEGORIES) + f"{'first load':>14}")
    misses = []
    with serve(site, compress=True) as base:  # gzip, as the hosting guide recommends
        for name, path in chosen.items():
            report = lighthouse(base + path)
            scores = {c: report["categories"][c]["score"] for c in CATEGORIES}
            weight = report["audits"]["total-byte-weight"]["numericValue"] / 1024
            print(f"{name:<15}" + "".join(f"{scores[c]:>16.2f}" for c in CATEGORIES)
                  + f"{weight:>10.0f} KiB")
            misses += [f"{name}: {c} {scores[c]:.2f} < {t}" for c, t in TARGETS.items()
                       if scores[c] < t]
            misses += [f"{name}: {weight:.0f} KiB > {FIRST_LOAD_KIB} KiB"] \
                if weight > FIRST_LOAD_KIB else []
            misses += [f"{name}: {a['id']} ({a['title']})"
                       for a in report["audits"].values()
                       if a.get("score") is not None and a["score"] < 1
                       and a.get("scoreDisplayMode") == "binary"]
    print(f"\ntargets: performance >= 0.98, others 1.00, first load <= {FIRST_LOAD_KIB} KiB")
    print("misses:" if misses else "all targets met")
    for miss in misses:
        print(f"  {miss}")


if __name__ == "__main__":
    main()
