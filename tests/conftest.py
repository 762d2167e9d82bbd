"""Shared fixtures: the project's data, and sites built from it (once per session)."""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import io
import os
import shutil
import subprocess
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from macros.validate import load_knowledge_base

# The project the tests check: this one, or a changed copy of it (the worked example of
# CONTRIBUTING.md is content-tested in a copy this way).
ROOT = Path(os.environ.get("KB_PROJECT_ROOT") or Path(__file__).resolve().parent.parent)
FIXTURES = Path(__file__).parent / "fixtures"
# The Python of each engine's virtual environment, as the Makefile creates them; the main
# suite runs on MkDocs, in the environment that runs the tests.
ENGINE_PYTHON = {"mkdocs": Path(sys.executable),
                 "zensical": ROOT / ".venv-zensical" / "bin" / "python",
                 "properdocs": ROOT / ".venv-properdocs" / "bin" / "python"}


def copy_project(destination: Path) -> Path:
    """A copy of everything a build reads, so a test can change it without touching ours."""
    for name in ("docs", "data", "macros", "overrides", "overrides-zensical", "examples",
                 "mkdocs.yml", "mkdocs.offline.yml"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, destination / name,
                            ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, destination / name)
    return destination


def build_site(project: Path, config: str = "mkdocs.yml", site_dir: str | None = "site",
               engine: str = "mkdocs", pdf: bool = False,
               **environment: str) -> subprocess.CompletedProcess:
    """`python -m macros build` in `project`, as the Makefile runs it (dates from the last
    commit); with `pdf`, as `make pdf` and `make offline` do, with a PDF edition of each
    language. The result carries the output for assertions."""
    python = ENGINE_PYTHON[engine]
    assert python.exists(), f"run `make test`, which installs {engine} in {python.parents[1]}"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000",
           **environment}
    site = ["--site-dir", str(project / site_dir)] if site_dir else []  # None: the config's
    return subprocess.run([str(python), "-m", "macros", "build", "--engine", engine,
                           "--config-file", config, *site, *(["--pdf"] if pdf else [])],
                          cwd=project, env=env, capture_output=True, text=True, timeout=300)


ENGINE_FIXTURES = {"zensical_built", "properdocs_built"}
BUILDERS = {"build_site", "built_with"}  # what a test or fixture calls to build a site


def _builds_a_site(item) -> bool:
    """Whether a test builds a site of its own: it, or a fixture it uses (but `built`, the
    one build of the project that `make check` keeps), calls a builder."""
    functions = [getattr(item, "function", None)]
    for name, definitions in item._fixtureinfo.name2fixturedefs.items():
        if name != "built":
            functions += [definition.func for definition in definitions]
    return any(BUILDERS & set(getattr(function, "__code__", None).co_names)
               for function in functions if hasattr(function, "__code__"))


def pytest_collection_modifyitems(items):
    """Mark what `make check`, the fast loop, leaves to `make test`: tests that drive
    Chromium (`browser`), build with another engine than MkDocs (`engines`), build a site of
    their own (`builds`); `tools` tests, which need the npm packages, say so themselves."""
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        if {"browser", "visit"} & fixtures:
            item.add_marker(pytest.mark.browser)
        if "zensical" in item.nodeid or "properdocs" in item.nodeid or ENGINE_FIXTURES & fixtures:
            item.add_marker(pytest.mark.engines)
        if _builds_a_site(item):
            item.add_marker(pytest.mark.builds)


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


def built_with(engine: str, tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp(f"site-build-{engine}"))
    result = build_site(project, engine=engine)
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site", result


@pytest.fixture(scope="session")
def zensical_built(tmp_path_factory):
    """The real site, built by Zensical at its pinned version (once per session)."""
    return built_with("zensical", tmp_path_factory)


@pytest.fixture(scope="session")
def properdocs_built(tmp_path_factory):
    """The real site, built by ProperDocs (once per session)."""
    return built_with("properdocs", tmp_path_factory)


# --- Browser tests: Debian's Chromium driven by Playwright, the site served on 127.0.0.1 ---

CHROMIUM = "/usr/bin/chromium"
# Flags from this machine's notes: no sandbox as root, and no background traffic that the
# closed network would refuse (and that would show up as stray requests).
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--disable-default-apps"]
PHONE = {"width": 360, "height": 740}
PHONE_390 = {"width": 390, "height": 844}  # a common phone, the size issue 12 was tried at
DESKTOP = {"width": 1280, "height": 900}


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    extra_headers: dict[str, str] = {}

    def log_message(self, *args):  # keep test output readable
        pass

    def end_headers(self):
        for name, value in self.extra_headers.items():
            self.send_header(name, value)
        super().end_headers()


COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt")


class _CompressingHandler(_QuietHandler):
    """Gzip for text files, as the hosting guide asks of a production web server."""

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if "gzip" not in self.headers.get("Accept-Encoding", "") or \
                not path.is_file() or path.suffix not in COMPRESSIBLE:
            return super().send_head()
        body = gzip.compress(path.read_bytes(), mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


@contextlib.contextmanager
def serve(directory: Path, compress: bool = False, headers: dict[str, str] | None = None):
    """Serve `directory` on 127.0.0.1 at `http://127.0.0.1:PORT/`, with `headers` on every
    answer (for a sub-path behind a real web server, see the nginx test of the hosting
    guide)."""
    base = _CompressingHandler if compress else _QuietHandler
    handler_class = type("Handler", (base,), {"extra_headers": headers or {}})
    handler = functools.partial(handler_class, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def language_folders(site: Path) -> list[str]:
    """The folders of a built site that hold the site in another language ('fr', 'de'):
    each a site of its own, with its own 404 page."""
    return sorted(folder.name for folder in site.iterdir() if (folder / "404.html").is_file())


def english_html(site: Path) -> list[Path]:
    """Every HTML file of a built site but those of the other languages' folders."""
    others = [site / name for name in language_folders(site)]
    return [path for path in sorted(site.rglob("*.html"))
            if not any(folder in path.parents for folder in others)]


def page_paths(site: Path) -> list[str]:
    """The address of every page of a built site in one language, relative to its root
    ('', 'practices/'); the other languages' folders are sites of their own."""
    others = tuple(f"{name}/" for name in language_folders(site))
    folders = [p.parent.relative_to(site).as_posix() for p in sorted(site.rglob("index.html"))]
    return [path for path in ("" if folder == "." else folder + "/" for folder in folders)
            if not path.startswith(others)]


def reader_pages(kb) -> list[str]:
    """The pages a practitioner comes to for advice, as addresses from the site root: the
    home page, the role pathways and self-checks, the themes, Help the Helper and Caring
    for our caregivers."""
    from macros import site_map
    pages = ["", "help-the-helper/", "caring-for-caregivers/"]
    for audience in kb.collections["audiences"]:
        pages += [f"for/{audience.id}/", f"self-check/{audience.id}/"]
    for theme in kb.collections["themes"]:
        if site_map.has_own_page(kb, theme.id):
            pages.append(site_map.page_of(kb, theme.id).removesuffix(".md") + "/")
    return pages


@pytest.fixture(scope="session")
def site_url(built):
    site, _ = built
    with serve(site) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright
    assert Path(CHROMIUM).exists(), "run `make test`, which installs Debian's chromium"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@dataclass
class Visit:
    """A browser tab that remembers console errors and every URL it requested."""

    page: object
    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)


@pytest.fixture
def visit(browser):
    contexts = []

    def open_tab(viewport=DESKTOP, **options) -> Visit:
        context = browser.new_context(viewport=viewport, **options)
        contexts.append(context)
        page = context.new_page()
        tab = Visit(page)
        page.on("console", lambda m: tab.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: tab.errors.append(str(e)))
        page.on("request", lambda r: tab.requests.append(r.url))
        return tab

    yield open_tab
    for context in contexts:
        context.close()


# Where people type and where the results appear: Material's search box, or the dialog of
# Zensical's search (in a shadow root, which Playwright's selectors enter).
SEARCH_UI = {"material": ("input[data-md-component=search-query]",
                          ".md-search-result__list a.md-search-result__link"),
             "zensical": ("dialog input[role=combobox]", "ol[role=listbox] a[role=option]")}


def search_ui(page) -> tuple[str, str]:
    """The selectors of the search box and its result links on this page's theme."""
    zensical = page.locator(".md-search > button.md-search__button").count()
    return SEARCH_UI["zensical" if zensical else "material"]


def search(page, query: str) -> list[str]:
    """Type into the site's search as a person does; return the result links in order, as
    path and fragment (without the query that highlights the words on the page)."""
    box_selector, results = search_ui(page)
    page.keyboard.press("/")  # the shortcut that opens and focuses search, in both themes
    box = page.locator(box_selector)
    box.wait_for(state="visible")
    box.press_sequentially(query, delay=30)  # the themes listen for key events
    page.locator(results).first.wait_for()
    page.wait_for_timeout(200)  # results render in batches
    links = page.locator(results).evaluate_all("links => links.map(a => a.href)")
    return [urlsplit(link).path + ("#" + urlsplit(link).fragment if urlsplit(link).fragment
                                   else "") for link in links]


def search_result_pages(page, query: str) -> list[str]:
    """Type `query` into the search box already open on `page` (replacing what was there) as
    a person does; return the pages of the results in order, one per result group, as
    addresses from the site root ('practices/')."""
    box = page.locator("input[data-md-component=search-query]")
    if not box.is_visible():
        page.keyboard.press("/")  # Material's shortcut that opens and focuses search
        box.wait_for(state="visible")
    box.fill("")
    box.press("Backspace")  # Material reads the box on key events
    box.press_sequentially(query, delay=20)
    # Results are in when the line above them counts them, in the page's language (the
    # theme's words for it are in the page's configuration): not while search is still
    # being set up, nor while the box is empty.
    page.wait_for_function(
        """(query) => { const box = document.querySelector('.md-search__input');
            const meta = document.querySelector('.md-search-result__meta');
            const words = JSON.parse(document.querySelector('#__config').textContent)
              .translations;
            const counts = ['none', 'one', 'other'].map(key => new RegExp('^' + words[
              'search.result.' + key].replace(/[.*+?^${}()|[\\]\\\\]/g, '\\\\$&')
              .replace('#', '\\\\d+') + '$'));
            return box.value === query
              && counts.some(count => count.test(meta.textContent.trim())); }""",
        arg=query)
    previous = None
    for _ in range(20):  # results arrive from the worker, then render in batches
        page.wait_for_timeout(150)
        current = page.eval_on_selector_all(  # one item a page, its first link the page's
            ".md-search-result__item",
            "items => items.map(item => item.querySelector('a').getAttribute('href'))")
        if current == previous:
            break
        previous = current
    base = page.evaluate("new URL(document.querySelector('#__config') ? "
                         "JSON.parse(document.querySelector('#__config').textContent).base : "
                         "'.', location.href).href")
    pages = []
    for href in previous or []:
        absolute = urljoin(page.url, href)
        pages.append(urlsplit(absolute).path.removeprefix(urlsplit(base).path))
    return pages


def translation_counts(project: Path) -> dict[str, tuple[int, int]]:
    """What `python -m macros validate` counts in `project`, per language: (missing, stale);
    tests compare with these, never with today's numbers."""
    result = subprocess.run([sys.executable, "-m", "macros", "validate"], cwd=project,
                            capture_output=True, text=True, check=True,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    import re

    return {code: (int(missing), int(stale)) for code, missing, stale in re.findall(
        r"Translations \((\w+)\): (\d+) missing, (\d+) stale", result.stdout)}
