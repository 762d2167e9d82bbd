"""The link checker itself finds what it promises to find, so a green site check means something."""

import pytest

from conftest import FIXTURES
from html_links import check_site, joined_links


def test_link_checker_reports_missing_files_and_fragments_and_nothing_else():
    broken = {(link.page, link.target, link.reason) for link in check_site(FIXTURES / "link-site")}
    assert broken == {
        ("index.html", "missing.html", "no such file in the site"),
        ("index.html", "sub/#nowhere", "no element has this id"),
        ("index.html", "img/none.png", "no such file in the site"),
    }


@pytest.mark.parametrize("html", [
    '<p><a href="a">A</a>,<a href="b">B</a></p>',
    '<p><a href="a">Erdelja</a>and <a href="b">René</a></p>',
    '<p><a href="a">A</a> and<a href="b">B</a></p>',
    '<p><a href="a">A</a><a href="b">B</a></p>',
    '<p><a href="a">A</a> <a href="b">B</a></p>',
])
def test_two_links_without_a_separator_are_found(html):
    assert len(joined_links(html)) == 1


@pytest.mark.parametrize("html", [
    '<p><a href="a">A</a>, <a href="b">B</a></p>',
    '<p><a href="a">A</a> (HR) and <a href="b">B</a></p>',
    '<p>Question? <a href="a">A</a> (<a href="b">B</a>)</p>',
    '<ul><li><a href="a">A</a></li><li><a href="b">B</a></li></ul>',
    '<h2>T<a class="headerlink" href="#t">¶</a></h2>',
    '<p><a href="a">A</a> · <a href="b">B</a></p>',
])
def test_links_with_a_separator_or_in_separate_blocks_are_not_joined(html):
    assert joined_links(html) == []
