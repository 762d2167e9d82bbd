"""An abbreviation is marked where it first appears in a section, not at every occurrence."""

from __future__ import annotations

import re

import markdown


def test_each_abbreviation_is_marked_once_a_section_and_its_repeats_read_as_plain_text():
    source = ("RAN and RAN again, with PTSD.\n\n- RAN in a list\n\n## Next section: *RAN*\n\n"
              "RAN here, RAN there.\n\n*[RAN]: Radicalisation Awareness Network\n"
              "*[PTSD]: Post-traumatic stress disorder\n")
    html = markdown.markdown(source, extensions=["abbr", "macros.first_abbreviations"])
    first, second = html.split("<h2>")
    heading, below = second.split("</h2>")
    assert first.count("<abbr") == 2 and below.count("<abbr") == 1
    assert "<abbr" not in heading  # a title: the text under it explains the abbreviation
    text = re.sub(r"<[^>]+>", "", html)
    assert "RAN and RAN again, with PTSD." in text and "RAN in a list" in text
    assert "Next section: RAN" in text and "RAN here, RAN there." in text


def test_the_built_pages_mark_an_abbreviation_once_a_section(built):
    site, _ = built
    html = (site / "practices" / "index.html").read_text(encoding="utf-8")
    for section in re.split(r"<h[1-6][ >]", html):
        marked = re.findall(r"<abbr [^>]*>([^<]+)</abbr>", section)
        assert len(marked) == len(set(marked)), marked
