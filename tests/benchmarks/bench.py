"""`make bench`: build cost of the data layer, page sizes and validation speed, as figures.

Each build is compared with its floor: the very same pages, rendered to plain Markdown
beforehand, built by MkDocs Material without the macros plugin. Builds run as separate
processes, interleaved, and each figure is the median of several runs.
"""

from __future__ import annotations

import ast
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(Path(__file__).parent)]

from synthetic import TEXT, synthetic_data, write_data  # noqa: E402

from conftest import copy_project  # noqa: E402
from macros.site import Site  # noqa: E402
from macros.validate import load_knowledge_base  # noqa: E402

RUNS = int(os.environ.get("BENCH_RUNS", "3"))
# Synthetic sizes and the validation size; BENCH_QUICK=1 shrinks them for a smoke test.
QUICK = os.environ.get("BENCH_QUICK") == "1"
SIZES = (100, 400, 500) if QUICK else (1000, 4000, 5000)
VALIDATION_SIZE = 1000 if QUICK else 10_000
MACRO_CALL = re.compile(r"\{\{\s*(\w+)\((.*?)\)\s*\}\}")


def build_seconds(project: Path) -> float:
    # The floor has no macros plugin, but renders with the same Markdown extensions, one of
    # which (first_abbreviations) lives in the macros package: importable from here.
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT)}
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet"],
                   cwd=project, env=env, check=True)
    return time.perf_counter() - start


def write_floor(project: Path, floor: Path) -> None:
    """The project's pages rendered once to plain Markdown, in a project without macros."""
    shutil.copytree(project / "docs", floor / "docs")
    shutil.copytree(project / "overrides", floor / "overrides")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"\n  macros:\n(?:    .*\n)+", "\n", config)
    config = re.sub(r"\nwatch:\n(?:  - .*\n)+", "\n", config)
    (floor / "mkdocs.yml").write_text(config, encoding="utf-8")
    site = Site(load_knowledge_base([project / "data"]))
    for page in (floor / "docs").rglob("*.md"):
        source = page.read_text(encoding="utf-8")
        match = MACRO_CALL.search(source)
        if match:
            page_path = page.relative_to(floor / "docs").as_posix()
            args = ast.literal_eval(f"({match.group(2)},)") if match.group(2) else ()
            rendered = site.render_page(page_path, match.group(1), *args)
            tags = rendered.tags(site.kb) if match.group(1) in Site.TAGGED_MACROS else []
            front = "---\n" + yaml.safe_dump({"tags": tags}) + "---\n\n" if tags else ""
            page.write_text(front + source.replace(match.group(0), rendered.markdown),
                            encoding="utf-8")


def compare(project: Path, label: str) -> tuple[float, float]:
    with tempfile.TemporaryDirectory() as temp:
        floor = Path(temp)
        write_floor(project, floor)
        with_data, plain = [], []
        for _ in range(RUNS):
            with_data.append(build_seconds(project))
            plain.append(build_seconds(floor))
    ours, base = statistics.median(with_data), statistics.median(plain)
    print(f"{label:<28} build {ours:6.2f} s   floor {base:6.2f} s   ratio {ours / base:5.2f}")
    return ours, base


def synthetic_project(folder: Path, entities: int) -> Path:
    """A project with the real engine and theme, but only synthetic data and pages."""
    for name in ("macros", "overrides"):
        shutil.copytree(ROOT / name, folder / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "docs" / "assets", folder / "docs" / "assets")
    data = synthetic_data(entities)
    count = write_data(folder / "data", data)
    docs = folder / "docs"
    (docs / "themes").mkdir(parents=True)
    (docs / "index.md").write_text("# Synthetic\n\nA benchmark site.\n")
    for theme in data["themes"]:
        call = f'{{{{ theme_page("{theme["id"]}") }}}}\n'
        (docs / "themes" / f"{theme['id']}.md").write_text(call)
    for section, macro in (("for", "role_pathway"), ("self-check", "self_check")):
        (docs / section).mkdir()
        for audience in data["audiences"]:
            call = f'{{{{ {macro}("{audience["id"]}") }}}}\n'
            (docs / section / f"{audience['id']}.md").write_text(call)
    for collection in ("practices", "meetings"):
        (docs / f"{collection}.md").write_text(f'{{{{ catalogue("{collection}") }}}}\n')
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = config[: config.index("\nnav:")] + "\n"  # automatic navigation
    (folder / "mkdocs.yml").write_text(config, encoding="utf-8")
    return folder, count


def html_sizes(project: Path) -> None:
    site = project / "site"
    pages = {p.relative_to(site).as_posix(): p.stat().st_size for p in site.rglob("*.html")}
    themes = [size for name, size in pages.items() if name.startswith("themes/")]
    kb = load_knowledge_base([project / "data"])
    entities = len(kb.all())
    content = sum(size for name, size in pages.items() if name != "404.html")
    index = (site / "search" / "search_index.json").stat().st_size
    print(f"  theme pages: {len(themes)}, mean {statistics.mean(themes) / 1024:.1f} KiB, "
          f"largest {max(themes) / 1024:.1f} KiB")
    print(f"  all HTML per entity: {content / entities / 1024:.1f} KiB "
          f"({entities} entities, {len(pages)} pages)")
    print(f"  search index: {index / 1024:.0f} KiB")


def validation_seconds(entries: int) -> float:
    with tempfile.TemporaryDirectory() as temp:
        count = write_data(Path(temp), synthetic_data(entries, subthemes=entries // 100))
        times = []
        for _ in range(RUNS):
            start = time.perf_counter()
            load_knowledge_base([Path(temp)])
            times.append(time.perf_counter() - start)
    print(f"validation of {count} entries: {statistics.median(times):.2f} s")
    return statistics.median(times)


def extra_practices(count: int) -> dict:
    """`count` practices spread over four subthemes of the real data, in one file."""
    topics = ["lone-actors", "groomers", "working-methods", "ethics"]
    return {"practices": [
        {"id": f"scale-practice-{i}", "name": f"Scale practice {i}",
         "country": ["DE", "NL", "FR", "DK"][i % 4], "status": "not-stated",
         "summary": TEXT, "topics": [topics[i % 4]],
         "sources": [{"document": "ran-health-overview-2021", "section": "Scale"}]}
        for i in range(count)]}


def scale(practices: int, validation_entries: int) -> None:
    """The figures an adversarial probe reported: the real site with many extra practices
    (build time, largest pages), and validation of a very large data set (time, memory)."""
    with tempfile.TemporaryDirectory() as temp:
        project = copy_project(Path(temp))
        write_data(project / "data" / "scale", extra_practices(practices))
        seconds = build_seconds(project)
        pages = sorted(((p.stat().st_size, p.relative_to(project / "site").as_posix())
                        for p in (project / "site").rglob("*.html")), reverse=True)
        print(f"real site + {practices} practices: build {seconds:.0f} s (target < 120 s); "
              "largest pages: " + ", ".join(f"{path} {size / 2**20:.1f} MiB"
                                            for size, path in pages[:3])
              + " (target: no page over 1 MiB)")
    with tempfile.TemporaryDirectory() as temp:
        count = write_data(Path(temp), synthetic_data(validation_entries,
                                                      subthemes=validation_entries // 100))
        code = ("import resource, sys, time; from pathlib import Path; "
                "from macros.validate import load_knowledge_base; t = time.perf_counter(); "
                f"load_knowledge_base([Path({temp!r})]); "
                "print(time.perf_counter() - t, "
                "resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)")
        out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True,
                             capture_output=True, text=True).stdout.split()
        print(f"validation of {count} entries: {float(out[0]):.0f} s, "
              f"peak memory {int(out[1]) / 1024:.0f} MiB")


def main() -> None:
    if os.environ.get("BENCH_SCALE"):  # minutes; not part of the default run
        scale(int(os.environ["BENCH_SCALE"]), 10 * int(os.environ["BENCH_SCALE"]))
        return
    print(f"machine: {platform.node()}, {os.cpu_count()} cores, Python "
          f"{platform.python_version()}, {platform.machine()}; median of {RUNS} runs\n")
    with tempfile.TemporaryDirectory() as temp:  # never touch the working tree's site/
        project = copy_project(Path(temp))
        compare(project, "real site")
        html_sizes(project)
    times = {}
    for entities in SIZES:
        with tempfile.TemporaryDirectory() as temp:
            project, count = synthetic_project(Path(temp), entities)
            times[entities] = compare(project, f"synthetic, {count} entities")[0]
            html_sizes(project)
    small, large = SIZES[0], SIZES[1]
    print(f"growth {small} -> {large} entities: {times[large] / times[small]:.2f}x time "
          f"(target <= 4.4)")
    validation_seconds(VALIDATION_SIZE)


if __name__ == "__main__":
    main()
