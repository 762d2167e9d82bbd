"""Every page meets WCAG 2.2 A and AA as axe-core checks it (its rules for WCAG 2.0, 2.1 and
2.2, among them 2.2's target size), in light and dark colours, on a phone and a desktop.

What runs where, to keep it cheap (each run loads a page): every English page on a phone
(360 px) in light and in dark colours, where most readers are and where colours differ;
and every English page on a desktop (1280 px) in light colours, the width at which the
navigation and the table of contents show as sidebars (on a phone they wait in a drawer,
which axe does not see) and where 2.2's target sizes are closest (links in the sidebars).
Colours are the same at both widths. The other languages: test_languages.py runs the same rules on
a sample of their pages, in both colours on a phone and in light on a desktop."""

from __future__ import annotations

import pytest

from conftest import DESKTOP, PHONE, page_paths

WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa",
                                                 "wcag22aa"]}}
# The sizes and colours each page is checked in (see above).
VIEWS = {"phone-light": (PHONE, "light"), "phone-dark": (PHONE, "dark"),
         "desktop-light": (DESKTOP, "light")}


def describe(violations) -> list[str]:
    return [f"{v['id']}: {v['help']} -> {[n['target'] for n in v['nodes']][:3]}"
            for v in violations]


@pytest.mark.parametrize("view", VIEWS)
def test_no_page_has_a_wcag_22_aa_violation(visit, site_url, built, view):
    from axe_playwright_python.sync_playwright import Axe
    axe = Axe()
    size, scheme = VIEWS[view]
    tab = visit(size, color_scheme=scheme)
    found = {}
    for path in page_paths(built[0]):
        tab.page.goto(site_url + path)
        result = axe.run(tab.page, options=WCAG_AA)
        if result.response["violations"]:
            found[path] = describe(result.response["violations"])
    assert found == {}
