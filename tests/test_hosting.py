"""Internal copies: no third-party request, any path, offline from a shared drive, and the
same bytes from the same commit."""

from __future__ import annotations

import gzip
import http.client
import os
import re
import socket
import subprocess
import sys
import time
import zipfile
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import ROOT, build_site, copy_project, page_paths, search, search_ui
from html_links import check_site
from macros.packaging import folder_name, write_zip


@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_an_asset_from_another_host_fails_the_strict_build(tmp_path, engine):
    project = copy_project(tmp_path)
    page = project / "docs" / "about.md"
    page.write_text(page.read_text() + '\n![logo](https://cdn.example.org/logo.png)\n')
    result = build_site(project, engine=engine)
    assert result.returncode != 0
    assert "External file: https://cdn.example.org/logo.png" in result.stdout + result.stderr


@pytest.fixture(scope="module", params=["mkdocs", "zensical"])
def offline_zip(tmp_path_factory, request):
    """The offline copy built and zipped as `make offline` does; the zip and what the
    command said."""
    project = copy_project(tmp_path_factory.mktemp(f"offline-{request.param}"))
    result = build_site(project, "mkdocs.offline.yml", "offline-site", engine=request.param,
                        pdf=True)
    assert result.returncode == 0, result.stdout + result.stderr
    archive = project / "build" / "pcve-mental-health-kb-offline.zip"
    zipped = subprocess.run([sys.executable, "-m", "macros", "zip", "--config-file",
                             "mkdocs.offline.yml", "offline-site", str(archive)],
                            cwd=project, capture_output=True, text=True, check=True)
    return archive, zipped.stdout


@pytest.fixture(scope="module")
def offline_site(tmp_path_factory, offline_zip):
    """The offline zip as a reader has it: unzipped, its one folder opened."""
    unzipped = tmp_path_factory.mktemp("unzipped")
    with zipfile.ZipFile(offline_zip[0]) as bundle:
        bundle.extractall(unzipped)
    [folder] = unzipped.iterdir()
    return folder


def zip_folder(archive: Path) -> tuple[str, str]:
    """The one folder a zip unpacks into (every entry is in it, index.html at its top), and
    the version its downloads give."""
    with zipfile.ZipFile(archive) as bundle:
        names = bundle.namelist()
        version = bundle.read(next(n for n in names if n.endswith("/data/version.txt")))
    top = names[0].split("/")[0]
    assert all(name.startswith(f"{top}/") and name != f"{top}/" for name in names)
    assert f"{top}/index.html" in names and "index.html" not in names
    return top, version.decode().strip()


def test_the_offline_zip_unpacks_into_one_folder_named_after_the_site_and_its_version(
        offline_zip):
    archive, said = offline_zip
    top, version = zip_folder(archive)
    # the copy's version, as its downloads give it; this copy has no git history
    assert top == f"pcve-mental-health-kb-{version}" == "pcve-mental-health-kb-unversioned"
    assert f"open {top}/index.html" in said


def test_a_zip_is_the_same_bytes_for_the_same_files_in_one_folder(tmp_path):
    site = tmp_path / "site"
    for name, text in {"index.html": "home", "fr/index.html": "accueil",
                       "404.html": "not found", "fr/404.html": "introuvable",
                       "data/version.txt": "v1.0"}.items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(text)
    write_zip(site, tmp_path / "first.zip", "kb-v1.0")
    os.utime(site / "index.html", (0, 0))  # another day, other permissions: the same zip
    (site / "fr" / "index.html").chmod(0o600)
    write_zip(site, tmp_path / "second.zip", "kb-v1.0")
    assert (tmp_path / "first.zip").read_bytes() == (tmp_path / "second.zip").read_bytes()
    with zipfile.ZipFile(tmp_path / "first.zip") as bundle:
        assert bundle.namelist() == ["kb-v1.0/data/version.txt", "kb-v1.0/fr/index.html",
                                     "kb-v1.0/index.html"]


@pytest.mark.parametrize("site, version, folder", [
    ("pcve-mental-health-kb", "v1.2-3-gabc1234-dirty",
     "pcve-mental-health-kb-v1.2-3-gabc1234-dirty"),
    ("pcve-mental-health-kb", None, "pcve-mental-health-kb-unversioned"),
    ("pcve-mental-health-kb", "abc1234", "pcve-mental-health-kb-abc1234"),
    ("Our KB (Süd)", "release/2.0;x", "our-kb-sud-release-2.0-x"),
    ("..", "..", "pcve-mental-health-kb-unversioned")])
def test_a_zips_folder_is_one_plain_name_whatever_the_site_or_tag_is_called(site, version,
                                                                           folder):
    assert folder_name(site, version) == folder


def test_every_link_and_asset_of_the_unzipped_offline_copy_opens_a_file(offline_site):
    assert check_site(offline_site, file_system=True) == []
    assert (offline_site / "data" / "practices.csv").is_file()  # downloads are in the zip
    # and the PDF editions, which each language's downloads page offers (checked above)
    assert (offline_site / "pdf" / "pcve-mental-health-kb-en.pdf").is_file()
    assert (offline_site / "de" / "pdf" / "pcve-mental-health-kb-de.pdf").is_file()
    assert "pdf/pcve-mental-health-kb-fr.pdf" in \
        (offline_site / "fr" / "downloads.html").read_text(encoding="utf-8")


def test_the_offline_copy_navigates_and_searches_from_the_file_system(browser, offline_site):
    context = browser.new_context()
    page = context.new_page()
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto((offline_site / "index.html").as_uri())
    page.click("article a[href='practices.html']")
    assert page.url.endswith("/practices.html")
    # The language switcher leads to the same page in another language, and back.
    page.click("nav.kb-languages a[hreflang=fr]")
    assert page.url.endswith("/fr/practices.html")
    page.click("nav.kb-languages a[hreflang=en]")
    assert page.url.endswith("/practices.html") and "/fr/" not in page.url
    found = list(dict.fromkeys(r.split("#")[0] for r in search(page, "HAYAT")))  # pages
    assert any(r.endswith("/practices/hayat.html") for r in found[:3]), found
    page.click(f"{search_ui(page)[1]}[href*='practices/hayat.html']")
    assert urlsplit(page.url).path.endswith("/practices/hayat.html")
    page.goto((offline_site / "self-check" / "individual-practitioners.html").as_uri())
    first = page.eval_on_selector("fieldset.kb-check", "f => f.dataset.id")
    page.check(f"fieldset[data-id={first}] input[value=in-place]")
    page.reload()
    assert page.is_checked(f"fieldset[data-id={first}] input[value=in-place]")
    assert errors == []
    context.close()


NGINX = "/usr/sbin/nginx"


def guide_block(language: str) -> str:
    guide = (ROOT / "docs" / "hosting.md").read_text(encoding="utf-8")
    return re.search(rf"```{language}\n(.*?)```", guide, re.S).group(1)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module", params=["mkdocs", "zensical"])
def nginx_url(tmp_path_factory, request):
    """The site as `make build` builds it, with nothing set for where it is served, by each
    engine (Zensical prints its own markup and scripts), behind nginx under /kb/ configured
    exactly as the hosting guide says (its site folder and policy filled in)."""
    assert Path(NGINX).exists(), "run `make test`, which installs Debian's nginx"
    project = copy_project(tmp_path_factory.mktemp(f"nginx-{request.param}"))
    result = build_site(project, engine=request.param)
    assert result.returncode == 0, result.stderr
    site = project / "site"
    policy = (site / "content-security-policy.txt").read_text().strip()
    block = guide_block("nginx").replace("/srv/pcve-kb/site/", f"{site}/").replace(
        "<the contents of content-security-policy.txt>", policy)
    port = free_port()
    user = "user root;" if os.geteuid() == 0 else ""  # workers must read the temporary site
    config = project / "nginx.conf"
    config.write_text(f"""{user} daemon off; pid {project}/nginx.pid;
error_log {project}/nginx-error.log;
events {{}}
http {{
    include /etc/nginx/mime.types;
    access_log off;
    server {{ listen 127.0.0.1:{port}; {block} }}
}}""")
    server = subprocess.Popen([NGINX, "-c", str(config), "-p", str(project)],
                              stderr=subprocess.PIPE, text=True)
    for _ in range(100):
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                break
        time.sleep(0.05)
    else:
        server.kill()
        pytest.fail("nginx did not start: " + server.stderr.read())
    yield f"http://127.0.0.1:{port}/kb/", site
    server.terminate()
    server.wait(timeout=10)


def fetch(url: str, **headers) -> http.client.HTTPResponse:
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    connection.request("GET", parts.path, headers=headers)
    return connection.getresponse()


def test_the_guides_nginx_redirects_compresses_and_shows_its_not_found_page(nginx_url):
    url, site = nginx_url
    bare = fetch(url.rstrip("/"))
    assert bare.status == 301 and bare.getheader("Location").endswith("/kb/")
    page = fetch(url + "practices/", **{"Accept-Encoding": "gzip"})
    assert page.status == 200 and page.getheader("Content-Encoding") == "gzip"
    policy = (site / "content-security-policy.txt").read_text().strip()
    assert page.getheader("Content-Security-Policy") == policy
    assert page.getheader("X-Content-Type-Options") == "nosniff"
    missing = fetch(url + "no/such/page/")
    assert missing.status == 404 and b"not-found/" in missing.read()


def test_every_page_works_behind_the_guides_nginx_and_asks_no_other_host(visit, nginx_url,
                                                                         kb):
    url, site = nginx_url
    tab = visit()
    for path in page_paths(site):
        tab.page.goto(url + path, wait_until="networkidle")
    assert tab.errors == []  # a blocked script or style is reported as a console error
    # A missing address at any depth leads to the theme's "not found" page, in the language
    # of the part of the site it was under, every file it asks for loading, with a way home.
    failed = []
    tab.page.on("response", lambda answer: failed.append(answer.url)
                if answer.status >= 400 else None)
    for missing, home in (("no/such/page/", url), ("fr/no/such/page", url + "fr/")):
        failed.clear()
        tab.page.goto(url + missing)
        tab.page.wait_for_url(re.compile(re.escape(home + "not-found/?address=")))
        tab.page.wait_for_load_state("networkidle")
        assert tab.page.inner_text(".kb-not-found-address code") == "/kb/" + missing
        assert tab.page.locator("html").get_attribute("lang") == (
            "fr" if home.endswith("fr/") else "en")
        assert tab.page.locator(".md-header").is_visible()  # styled: the theme's header
        # Only the missing address and the stub's guesses at where the site starts failed.
        assert all(address == url + missing or address.endswith("/not-found/")
                   for address in failed), failed  # (the guesses ask without the address)
        tab.page.locator("article a[href='../']").first.click()  # Home
        tab.page.wait_for_url(home)
    assert [e for e in tab.errors if "404" not in e] == []  # only the missing addresses
    hosts = {urlsplit(request).hostname for request in tab.requests
             if urlsplit(request).scheme not in ("data", "blob")}
    assert hosts == {"127.0.0.1"}
    tab.page.goto(url)
    found = list(dict.fromkeys(link.split("#")[0] for link in search(tab.page, "HAYAT")))
    assert "/kb/practices/hayat/" in found[:3], found
    tab.page.goto(url + "self-check/individual-practitioners/")
    first = kb.referrers("individual-practitioners", "level", "guidelines")[0].id
    tab.page.check(f"fieldset[data-id={first}] input[value=in-place]")
    assert "You have answered 1 of" in tab.page.inner_text(".kb-self-check__summary")
    # The other languages under the same policy: their pages, scripts and their words.
    for path in ("fr/", "fr/tables/practices/", "de/self-check/individual-practitioners/"):
        tab.page.goto(url + path, wait_until="networkidle")
    tab.page.check(f"fieldset[data-id={first}] input[value=in-place]")
    assert "Sie haben 1 von" in tab.page.inner_text(".kb-self-check__summary")
    assert [e for e in tab.errors if "404" not in e] == []


def git(project, *args, date="2024-01-02T10:00:00+00:00"):
    env = {**os.environ, "GIT_AUTHOR_NAME": "Editor", "GIT_AUTHOR_EMAIL": "editor@example.org",
           "GIT_COMMITTER_NAME": "Editor", "GIT_COMMITTER_EMAIL": "editor@example.org",
           "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    subprocess.run(["git", "-C", str(project), *args], env=env, check=True,
                   capture_output=True)


def last_changed(site, page: str) -> str | None:
    found = re.search(r'class="kb-last-changed".*?<time datetime="([^"]+)"',
                      (site / page / "index.html").read_text(encoding="utf-8"), re.S)
    return found.group(1) if found else None


def test_one_commit_builds_byte_identical_sites_each_page_dated_by_what_it_draws_on(tmp_path):
    project = copy_project(tmp_path / "first")
    git(project, "init", "-q", "-b", "main")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "First")
    glossary = project / "data" / "glossary.yml"
    glossary.write_text(glossary.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
    git(project, "commit", "-q", "-am", "Glossary", date="2024-05-06T10:00:00+00:00")
    second = tmp_path / "second"  # the same commit, elsewhere, later
    subprocess.run(["git", "clone", "-q", str(project), str(second)], check=True)
    for folder in (project, second):
        result = build_site(folder)
        assert result.returncode == 0, result.stdout + result.stderr
    first_site, second_site = project / "site", second / "site"
    assert last_changed(first_site, "glossary") == "2024-05-06"  # its data file changed
    assert last_changed(first_site, "themes/ethics") == "2024-01-02"  # nothing it draws on
    assert last_changed(first_site, "tags") == "2024-05-06"  # drawn from all the data
    for path in page_paths(first_site):
        assert last_changed(first_site, path) is not None, path
    # Every file of the site, in every language (pages, search indexes, sitemaps, downloads,
    # policy), is the same: a host can verify an update by building the commit itself.
    first, second = (sorted(p.relative_to(site) for p in site.rglob("*") if p.is_file())
                     for site in (first_site, second_site))
    assert first == second and any(p.parts[0] == "fr" for p in first)
    assert [p for p in first if (first_site / p).read_bytes()
            != (second_site / p).read_bytes()] == []


def test_a_copy_without_git_history_builds_and_shows_no_dates(built):
    site, _ = built  # the test copy has no .git
    for path in page_paths(site):
        assert last_changed(site, path) is None, path


def test_with_a_site_url_the_sitemap_lists_every_page_and_each_page_names_its_address(
        tmp_path):
    project = copy_project(tmp_path)
    address = "https://kb.example.org/mental-health/"
    (project / "hosted.yml").write_text(f"INHERIT: mkdocs.yml\nsite_url: {address}\n")
    result = build_site(project, "hosted.yml", "hosted-site")
    assert result.returncode == 0, result.stdout + result.stderr
    site, pages = project / "hosted-site", page_paths(project / "hosted-site")
    roots = {"en": address, "de": f"{address}de/", "fr": f"{address}fr/"}
    for code, root in roots.items():
        folder = site if code == "en" else site / code
        sitemap = (folder / "sitemap.xml").read_text(encoding="utf-8")
        assert gzip.decompress((folder / "sitemap.xml.gz").read_bytes()).decode() == sitemap
        listed = re.findall(r"<loc>(.*?)</loc>", sitemap)
        assert sorted(listed) == sorted(root + path for path in pages)
        # every version of each page joined to the others, English as the default
        for url in re.findall(r"<url>.*?</url>", sitemap, re.S):
            page = re.search(r"<loc>(.*?)</loc>", url).group(1).removeprefix(root)
            assert re.findall(r'<xhtml:link rel="alternate" hreflang="(.*?)" href="(.*?)"',
                              url) == [(other, roots[other] + page) for other in roots] \
                + [("x-default", address + page)]
        for path in pages:
            html = (folder / path / "index.html").read_text(encoding="utf-8")
            assert f'<link rel="canonical" href="{root + path}">' in html, (code, path)
