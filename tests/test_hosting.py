"""Internal copies: no third-party request, any path, offline from a shared drive, and the
same bytes from the same commit."""

from __future__ import annotations

import filecmp
from urllib.parse import urlsplit

import pytest

from conftest import build_site, copy_project, page_paths, search, search_ui, serve

# The site as each engine builds it: MkDocs (the default), and Zensical, which prints its
# own markup and scripts, so the hosting promises are checked on both.
ENGINE_SITES = ["built", "zensical_built"]


@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_an_asset_from_another_host_fails_the_strict_build(tmp_path, engine):
    project = copy_project(tmp_path)
    page = project / "docs" / "about.md"
    page.write_text(page.read_text() + '\n![logo](https://cdn.example.org/logo.png)\n')
    result = build_site(project, engine=engine)
    assert result.returncode != 0
    assert "External file: https://cdn.example.org/logo.png" in result.stdout + result.stderr


@pytest.mark.parametrize("engine_site", ENGINE_SITES)
def test_search_works_when_the_site_is_served_under_a_sub_path(visit, request, engine_site):
    site, _ = request.getfixturevalue(engine_site)
    with serve(site, prefix="/kb") as url:
        tab = visit()
        tab.page.goto(url + "practices/")
        results = search(tab.page, "HAYAT")
        assert "/kb/practices/#hayat" in results[:3]
        assert tab.errors == []


@pytest.fixture(scope="module", params=["mkdocs", "zensical"])
def offline_site(tmp_path_factory, request):
    project = copy_project(tmp_path_factory.mktemp(f"offline-{request.param}"))
    result = build_site(project, "mkdocs.offline.yml", "offline-site", engine=request.param)
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
    page.click(f"{search_ui(page)[1]}[href$='#hayat']")
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


@pytest.mark.parametrize("engine_site", ENGINE_SITES)
def test_every_page_works_under_the_hosting_guides_headers_and_asks_no_other_host(
        visit, request, engine_site, kb):
    site, _ = request.getfixturevalue(engine_site)
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
