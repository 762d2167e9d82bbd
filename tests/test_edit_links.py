"""Contributors who press "edit this page" land in the YAML that the page is made from."""

from __future__ import annotations

import re

import pytest

from conftest import ROOT, build_site, copy_project
from macros import site_map

HOSTED = """\
INHERIT: mkdocs.yml
repo_url: https://git.example.org/kb
edit_uri: edit/main/docs/
"""
# The same repository given the other way a copy can give it: by the environment.
HOSTED_BY_ENVIRONMENT = {"KB_REPO_URL": "https://git.example.org/kb",
                         "KB_EDIT_URI": "edit/main/docs/"}


# Zensical's page cannot take an edit link from the macros: it comes through the page's
# metadata and the override overrides-zensical/partials/actions.html.
@pytest.fixture(scope="module", params=["mkdocs", "zensical"])
def hosted_site(tmp_path_factory, request):
    project = copy_project(tmp_path_factory.mktemp(f"hosted-{request.param}"))
    if request.param == "mkdocs":
        (project / "mkdocs.hosted.yml").write_text(HOSTED, encoding="utf-8")
        result = build_site(project, "mkdocs.hosted.yml", engine=request.param)
    else:
        result = build_site(project, engine=request.param, **HOSTED_BY_ENVIRONMENT)
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site"


def in_repository(located) -> str:
    """An entry's data file, as the repository names it, and its line."""
    return f"{located.path.relative_to(ROOT).as_posix()}#L{located.line}"


def edit_link(html: str) -> str:
    links = re.findall(r'<a href="([^"]+)"[^>]*title="Edit this page"', html)
    assert len(links) == 1
    return links[0]


def test_a_data_page_edit_link_opens_its_yaml_file_at_the_entry(hosted_site, kb):
    html = (hosted_site / "themes" / "lone-actors" / "index.html").read_text(encoding="utf-8")
    line = kb.locate("lone-actors").line
    assert edit_link(html) == \
        f"https://git.example.org/kb/edit/main/data/themes/mental-health-profiles.yml#L{line}"


def test_a_page_drawn_from_several_files_opens_the_file_of_its_first_entry(hosted_site, kb):
    html = (hosted_site / "practices" / "index.html").read_text(encoding="utf-8")
    located = kb.locate(kb.collections["practices"][0].id)
    assert edit_link(html) == f"https://git.example.org/kb/edit/main/{in_repository(located)}"


def test_each_entry_has_a_small_edit_link_to_its_own_line(hosted_site, kb):
    """On the page that shows it (a practice's own page, the glossary, its theme's page)."""
    for collection in ("practices", "glossary", "lessons"):
        for entry in kb.collections[collection]:
            page = site_map.page_of(kb, entry.id).removesuffix(".md")
            html = (hosted_site / page / "index.html").read_text(encoding="utf-8")
            links = set(re.findall(r'<a class="kb-edit" href="([^"]+)"', html))
            assert (f"https://git.example.org/kb/edit/main/{in_repository(kb.locate(entry.id))}"
                    in links), entry.id


def test_no_page_asks_the_hosting_platform_for_repository_facts(hosted_site):
    for path in hosted_site.rglob("*.html"):
        assert 'data-md-component="source"' not in path.read_text(encoding="utf-8"), path


def test_a_hand_written_page_keeps_its_normal_edit_link(hosted_site):
    html = (hosted_site / "index.html").read_text(encoding="utf-8")
    assert edit_link(html) == "https://git.example.org/kb/edit/main/docs/index.md"
