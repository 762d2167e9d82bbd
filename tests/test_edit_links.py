"""Contributors who press "edit this page" land in the YAML that the page is made from."""

from __future__ import annotations

import re

import pytest

from conftest import build_site, copy_project

HOSTED = """\
INHERIT: mkdocs.yml
repo_url: https://git.example.org/kb
edit_uri: edit/main/docs/
"""


# Zensical's page cannot take an edit link from the macros: it comes through the page's
# metadata and the override overrides-zensical/partials/actions.html.
@pytest.fixture(scope="module", params=["mkdocs", "zensical"])
def hosted_site(tmp_path_factory, request):
    project = copy_project(tmp_path_factory.mktemp(f"hosted-{request.param}"))
    (project / "mkdocs.hosted.yml").write_text(HOSTED, encoding="utf-8")
    result = build_site(project, "mkdocs.hosted.yml", engine=request.param)
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site"


def edit_link(html: str) -> str:
    links = re.findall(r'<a href="([^"]+)"[^>]*title="Edit this page"', html)
    assert len(links) == 1
    return links[0]


def test_a_data_page_edit_link_opens_its_yaml_file_at_the_entry(hosted_site, kb):
    html = (hosted_site / "themes" / "lone-actors" / "index.html").read_text(encoding="utf-8")
    line = kb.locate("lone-actors").line
    assert edit_link(html) == \
        f"https://git.example.org/kb/edit/main/data/themes/mental-health-profiles.yml#L{line}"


def test_a_page_drawn_from_several_files_links_to_the_data_folder(hosted_site):
    html = (hosted_site / "practices" / "index.html").read_text(encoding="utf-8")
    assert edit_link(html) == "https://git.example.org/kb/tree/main/data"


def test_a_hand_written_page_keeps_its_normal_edit_link(hosted_site):
    html = (hosted_site / "index.html").read_text(encoding="utf-8")
    assert edit_link(html) == "https://git.example.org/kb/edit/main/docs/index.md"
