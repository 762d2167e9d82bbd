"""Every page meets WCAG 2.1 A and AA as axe-core checks it, in light and dark colours."""

from __future__ import annotations

import pytest

from conftest import PHONE, page_paths

WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def describe(violations) -> list[str]:
    return [f"{v['id']}: {v['help']} -> {[n['target'] for n in v['nodes']][:3]}"
            for v in violations]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_page_has_a_wcag_21_aa_violation(visit, site_url, built, scheme):
    from axe_playwright_python.sync_playwright import Axe
    axe = Axe()
    tab = visit(PHONE, color_scheme=scheme)
    found = {}
    for path in page_paths(built[0]):
        tab.page.goto(site_url + path)
        result = axe.run(tab.page, options=WCAG_21_AA)
        if result.response["violations"]:
            found[path] = describe(result.response["violations"])
    assert found == {}
