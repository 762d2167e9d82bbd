"""In a real browser: pages load cleanly on a phone. (What search finds: test_search.py.)"""

from __future__ import annotations

from conftest import PHONE, page_paths


def test_no_page_logs_a_console_error_or_scrolls_sideways_on_a_phone(visit, site_url, built):
    tab = visit(PHONE)
    for path in page_paths(built[0]):
        tab.page.goto(site_url + path)
        overflow = tab.page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px"
    assert tab.errors == []
