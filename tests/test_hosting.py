"""Internal copies: no third-party request, any path, offline from a shared drive, and the
same bytes from the same commit."""

from __future__ import annotations

import filecmp
import os
import re
import subprocess
from urllib.parse import urlsplit

import pytest

from conftest import build_site, copy_project, page_paths, search, serve


def test_an_asset_from_another_host_fails_the_strict_build(tmp_path):
    project = copy_project(tmp_path)
    page = project / "docs" / "about.md"
    page.write_text(page.read_text() + '\n![logo](https://cdn.example.org/logo.png)\n')
    result = build_site(project)
    assert result.returncode != 0
    assert "External file: https://cdn.example.org/logo.png" in result.stdout + result.stderr


def test_search_works_when_the_site_is_served_under_a_sub_path(visit, built):
    site, _ = built
    with serve(site, prefix="/kb") as url:
        tab = visit()
        tab.page.goto(url + "practices/")
        results = search(tab.page, "HAYAT")
        assert "/kb/practices/#hayat" in results[:3]
        assert tab.errors == []


@pytest.fixture(scope="module")
def offline_site(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("offline"))
    result = build_site(project, "mkdocs.offline.yml", "offline-site")
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "offline-site"


def test_the_offline_copy_navigates_and_searches_from_the_file_system(browser, offline_site):
    context = browser.new_context()
    page = context.new_page()
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto((offline_site / "index.html").as_uri())
    page.click("article a[href='practices.html']")
    assert page.url.endswith("/practices.html")
    results = search(page, "HAYAT")
    assert any(r.endswith("/practices.html#hayat") for r in results[:3]), results
    page.click(".md-search-result__link[href$='#hayat']")
    assert urlsplit(page.url).path.endswith("/practices.html")
    assert urlsplit(page.url).fragment == "hayat"
    assert errors == []
    context.close()


def test_the_same_commit_builds_to_byte_identical_sites(tmp_path):
    first = copy_project(tmp_path / "first")
    second = copy_project(tmp_path / "second")  # another folder, another moment
    for project in (first, second):
        assert build_site(project).returncode == 0
    comparison = filecmp.dircmp(first / "site", second / "site")
    differing = []

    def walk(node):
        _, mismatch, errors = filecmp.cmpfiles(node.left, node.right, node.common_files,
                                               shallow=False)
        differing.extend(mismatch + errors + node.left_only + node.right_only)
        for child in node.subdirs.values():
            walk(child)

    walk(comparison)
    assert differing == []




def hosting_guide_headers(site) -> dict[str, str]:
    """The headers the hosting guide recommends, with the policy the build wrote."""
    return {
        "Content-Security-Policy": (site / "content-security-policy.txt").read_text().strip(),
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
        "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
    }


def test_every_page_works_under_the_hosting_guides_headers_and_asks_no_other_host(
        visit, built, kb):
    site, _ = built
    with serve(site, headers=hosting_guide_headers(site)) as url:
        tab = visit()
        for path in page_paths(site):
            tab.page.goto(url + path, wait_until="networkidle")
        assert tab.errors == []  # a blocked script or style is reported as a console error
        hosts = {urlsplit(request).hostname for request in tab.requests
                 if urlsplit(request).scheme not in ("data", "blob")}
        assert hosts == {"127.0.0.1"}
        tab.page.goto(url)
        assert "/practices/#hayat" in search(tab.page, "HAYAT")[:3]
        tab.page.goto(url + "self-check/individual-practitioners/")
        first = kb.referrers("individual-practitioners", "level", "guidelines")[0].id
        tab.page.check(f"fieldset[data-id={first}] input[value=in-place]")
        assert "You have answered 1 of" in tab.page.inner_text(".kb-self-check__summary")
        assert tab.errors == []


def test_the_hosting_guide_gives_the_headers_the_tests_use(built):
    from conftest import ROOT
    guide = (ROOT / "docs" / "hosting.md").read_text(encoding="utf-8")
    site, _ = built
    for name, value in hosting_guide_headers(site).items():
        if name != "Content-Security-Policy":
            assert f'{name} "{value}"' in guide, name
    assert "content-security-policy.txt" in guide


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


def test_each_page_shows_when_what_it_draws_on_last_changed_the_same_in_every_build(tmp_path):
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
        assert (first_site / path / "index.html").read_bytes() == \
            (second_site / path / "index.html").read_bytes(), path


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
    site = project / "hosted-site"
    listed = re.findall(r"<loc>(.*?)</loc>", (site / "sitemap.xml").read_text())
    pages = page_paths(site)
    assert sorted(listed) == sorted(address + path for path in pages)
    for path in pages:
        html = (site / path / "index.html").read_text(encoding="utf-8")
        assert f'<link rel="canonical" href="{address + path}">' in html, path
