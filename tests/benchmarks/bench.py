"""`make bench`: build cost of the data layer, page sizes and validation speed, as figures.

Each build is compared with its floor: the very same pages, rendered to plain Markdown
beforehand, built by MkDocs Material without the macros plugin. Builds run as separate
processes, interleaved, and each figure is the median of several runs.
"""

from __future__ import annotations

import ast
import gzip
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
from macros import site_map  # noqa: E402
from macros.configuration import ConfigDumper  # noqa: E402
from macros.site import Site  # noqa: E402
from macros.validate import load_knowledge_base  # noqa: E402

RUNS = int(os.environ.get("BENCH_RUNS", "3"))
# Synthetic sizes and the validation size; BENCH_QUICK=1 shrinks them for a smoke test.
QUICK = os.environ.get("BENCH_QUICK") == "1"
SIZES = (100, 400, 500) if QUICK else (1000, 4000, 5000)
VALIDATION_SIZE = 1000 if QUICK else 10_000
MACRO_CALL = re.compile(r"\{\{\s*(\w+)\((.*?)\)\s*\}\}")


def timed(command: list[str], cwd: Path) -> float:
    # The floor has no macros plugin, but renders with the same Markdown extensions, one of
    # which (first_abbreviations) lives in the macros package: importable from here.
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT)}
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, env=env, check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def build_seconds(project: Path) -> float:
    """`make build` in `project`: every language, through the macros, with MkDocs."""
    return timed([sys.executable, "-m", "macros", "build", "--engine", "mkdocs"], project)


def floor_seconds(floors: list[Path]) -> float:
    """The floor of every language, one MkDocs build each, without the macros plugin."""
    return sum(timed([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet",
                      "--config-file", str(floor / "mkdocs.yml")], floor) for floor in floors)


def write_floors(project: Path, folder: Path) -> list[Path]:
    """Each language's pages as its build made them (the staged `docs/`, entry pages
    included), rendered once to plain Markdown, in a project of its own without macros.
    Reads the configurations a build of `project` left behind."""
    from macros.configuration import project_of, read_config
    from macros.stages.compile import stage
    from macros.stages.load import knowledge_base, load
    from macros.stages.render import config_name

    kb = knowledge_base(project_of(project / "mkdocs.yml"))
    staged = stage(kb, project / "docs", folder / "site")  # as the build stages them
    floors = []
    for config in sorted(project.glob(f".{config_name(project / 'mkdocs.yml')}.*.yml")):
        settings = read_config(config)
        floor = folder / config.stem.strip(".")
        shutil.copytree(staged, floor / "docs")
        site = load(project_of(config))
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
        settings["plugins"].pop("macros")
        settings.pop("watch", None)
        settings["docs_dir"], settings["site_dir"] = "docs", "site"
        settings["theme"]["custom_dir"] = str(project / settings["theme"]["custom_dir"])
        (floor / "mkdocs.yml").write_text(yaml.dump(settings, Dumper=ConfigDumper),
                                          encoding="utf-8")
        floors.append(floor)
    return floors


def compare(project: Path, label: str) -> tuple[float, float]:
    """Our build of every language against its floor, interleaved, `RUNS` times each."""
    with tempfile.TemporaryDirectory() as temp:
        with_data = [build_seconds(project)]
        floors = write_floors(project, Path(temp))
        plain = [floor_seconds(floors)]
        for _ in range(RUNS - 1):
            with_data.append(build_seconds(project))
            plain.append(floor_seconds(floors))
    ours, base = statistics.median(with_data), statistics.median(plain)
    print(f"{label:<28} build {ours:6.2f} s   floor {base:6.2f} s   ratio {ours / base:5.2f}"
          f"   ({len(floors)} language{'s' if len(floors) > 1 else ''})")
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
    lists = [(page, macro, collection) for page, (macro, collection) in site_map.LISTS.items()]
    lists += [(site_map.CATALOGUE_PAGES[name], "catalogue", name)
              for name in ("sources", "working_groups", "notes", "glossary")]
    for page, macro, collection in lists:  # every page an entry's page may link to
        (docs / page).parent.mkdir(parents=True, exist_ok=True)
        (docs / page).write_text(f'{{{{ {macro}("{collection}") }}}}\n')
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


def largest_pages(site: Path, count: int = 3) -> list[tuple[int, str]]:
    return sorted(((p.stat().st_size, p.relative_to(site).as_posix())
                   for p in site.rglob("*.html")), reverse=True)[:count]


def pages_over(site: Path, limit: int) -> str:
    """How many pages are larger than `limit` bytes, by the folder they are in (a kind of
    page: `themes`, `propose`, `practices`), every language together."""
    languages = {index.parent.parent.name for index in site.glob("*/search/search_index.json")}
    kinds: dict[str, int] = {}
    for page in site.rglob("*.html"):
        if page.stat().st_size > limit:
            parts = page.relative_to(site).parts
            kind = parts[1] if parts[0] in languages and len(parts) > 2 else parts[0]
            kinds[kind] = kinds.get(kind, 0) + 1
    return ", ".join(f"{kind} {count}" for kind, count in sorted(kinds.items())) or "none"


def search_indexes(site: Path) -> str:
    """Each language's search index: its size, and gzipped, what a phone downloads before
    its first search can run (served compressed, as the hosting guide asks)."""
    found = []
    for index in sorted(site.rglob("search/search_index.json")):
        language = index.parent.parent.relative_to(site).as_posix()
        raw = index.read_bytes()
        found.append(f"{'en' if language == '.' else language} {len(raw) / 2**20:.1f} MiB "
                     f"({len(gzip.compress(raw, mtime=0)) / 2**20:.1f} MiB gzipped)")
    return ", ".join(found)


def scale(practices: int, validation_entries: int) -> None:
    """The real site with many extra practices, at a quarter of `practices` and at all of
    them: build of every language against its floor, side by side; the largest pages; each
    language's search index; and validation of a very large data set (time, memory)."""
    times = {}
    for count in (practices // 4, practices):
        with tempfile.TemporaryDirectory() as temp:
            project = copy_project(Path(temp))
            write_data(project / "data" / "scale", extra_practices(count))
            times[count], _ = compare(project, f"real site + {count} practices")
            print("  largest pages: " + ", ".join(
                f"{path} {size / 2**20:.2f} MiB" for size, path in
                largest_pages(project / "site")) + " (target: no page over 1 MiB)")
            print(f"  pages over 1 MiB: {pages_over(project / 'site', 2**20)}")
            print(f"  search index: {search_indexes(project / 'site')}")
    print(f"growth {practices // 4} -> {practices} practices: "
          f"{times[practices] / times[practices // 4]:.2f}x time (target <= 4.4)")
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
    if os.environ.get("BENCH_SCALE"):  # an hour or so; not part of the default run
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
