"""The link checker itself finds what it promises to find, so a green site check means something."""

from conftest import FIXTURES
from html_links import check_site


def test_link_checker_reports_missing_files_and_fragments_and_nothing_else():
    broken = {(link.page, link.target, link.reason) for link in check_site(FIXTURES / "link-site")}
    assert broken == {
        ("index.html", "missing.html", "no such file in the site"),
        ("index.html", "sub/#nowhere", "no element has this id"),
        ("index.html", "img/none.png", "no such file in the site"),
    }
