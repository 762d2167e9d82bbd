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
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from macros.validate import load_knowledge_base

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures"
MKDOCS = [sys.executable, "-m", "mkdocs"]


def copy_project(destination: Path) -> Path:
    """A copy of everything a build reads, so a test can change it without touching ours."""
    for name in ("docs", "data", "macros", "overrides", "examples", "mkdocs.yml",
                 "mkdocs.offline.yml"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, destination / name,
                            ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, destination / name)
    return destination


def build_site(project: Path, config: str = "mkdocs.yml",
               site_dir: str = "site") -> subprocess.CompletedProcess:
    """`mkdocs build --strict` in `project`, as the Makefile runs it (dates from the last
    commit); the result carries the output for assertions."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000"}
    return subprocess.run([*MKDOCS, "build", "--strict", "--config-file", config,
                           "--site-dir", str(project / site_dir)],
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
def serve(directory: Path, prefix: str = "", compress: bool = False,
          headers: dict[str, str] | None = None):
    """Serve `directory` on 127.0.0.1 at `http://127.0.0.1:PORT{prefix}/`."""
    root = directory
    if prefix:  # e.g. "/kb": serve a parent folder in which the site sits under that name
        root = Path(tempfile.mkdtemp())
        (root / prefix.strip("/")).symlink_to(directory, target_is_directory=True)
    base = _CompressingHandler if compress else _QuietHandler
    handler_class = type("Handler", (base,), {"extra_headers": headers or {}})
    handler = functools.partial(handler_class, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix}/"
    finally:
        server.shutdown()
        server.server_close()


def page_paths(site: Path) -> list[str]:
    """The address of every page of a built site, relative to its root ('', 'practices/')."""
    folders = [p.parent.relative_to(site).as_posix() for p in sorted(site.rglob("index.html"))]
    return ["" if folder == "." else folder + "/" for folder in folders]


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


def search(page, query: str) -> list[str]:
    """Type into Material's search box as a person does; return the result links in order."""
    page.keyboard.press("/")  # Material's shortcut that opens and focuses search
    box = page.locator("input[data-md-component=search-query]")
    box.wait_for(state="visible")
    box.press_sequentially(query, delay=30)  # Material listens for key events
    page.wait_for_selector(".md-search-result__item")
    page.wait_for_timeout(200)  # results render in batches
    links = page.eval_on_selector_all(".md-search-result__list a.md-search-result__link",
                                      "links => links.map(a => a.href)")
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
    page.wait_for_function(
        """(query) => { const box = document.querySelector('.md-search__input');
            const meta = document.querySelector('.md-search-result__meta');
            return box.value === query && !/type to start/i.test(meta.textContent); }""",
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
