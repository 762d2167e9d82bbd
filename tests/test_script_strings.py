"""The words the site's scripts write, and the proposal form's, reach a page in its language:
each is offered for translation (so `validate` lists it), keyed by the very English the
script or `proposal.py` holds."""

from __future__ import annotations

import json
import re

from conftest import ROOT
from macros.interface_strings import interface_messages
from macros.model import Lesson, Practice
from macros.proposal import form_fields
from macros.render import make_environment
from macros.validate import MESSAGES

SCRIPTS = ROOT / "docs" / "assets" / "javascripts"


def script_strings(language: str, interface: dict[str, str]) -> dict[str, str]:
    template = make_environment(language, interface).from_string(
        '{{ script_strings("tables", "self-check", "propose") }}')
    block = re.search(r'<script type="application/json" class="kb-strings">(.*)</script>',
                      template.render())
    return json.loads(block.group(1)) if block else {}


def test_each_word_of_the_scripts_is_keyed_by_its_english_and_english_pages_need_none():
    untranslated = script_strings("fr", {})  # a language without its strings
    assert untranslated and all(key == text for key, text in untranslated.items())
    assert script_strings("en", {}) == {}
    written = set()
    for name in ("tables.js", "self-check.js", "propose.js"):
        source = (SCRIPTS / name).read_text(encoding="utf-8")
        written |= {json.loads(f'"{text}"') for text in
                    re.findall(r'\btext\(\s*"((?:[^"\\]|\\.)*)"', source)}
    assert written and written - set(untranslated) == set()
    form = set(MESSAGES.values()) | {Practice.kind, Lesson.kind, "entry"}
    assert form - set(untranslated) == set()


def test_a_translation_reaches_the_script_as_plain_text_with_its_slots():
    french = script_strings("fr", {"Answered on %(date)s.": "Réponses du %(date)s : <b>",
                                   "too long: {length} characters, at most {limit} allowed; "
                                   "shorten it or split it into entries": "trop long : {length}"})
    assert french["Answered on %(date)s."] == "Réponses du %(date)s : <b>"
    assert french["too long: {length} characters, at most {limit} allowed; shorten it or "
                  "split it into entries"] == "trop long : {length}"


def test_the_words_of_the_proposal_form_are_offered_for_translation(kb):
    offered = set(interface_messages())
    fields = [field for kind in form_fields(kb).values() for field in kind]
    words = {field.label for field in fields} | {field.hint for field in fields if field.hint}
    assert words - offered == set()
    assert set(MESSAGES.values()) - offered == set()
