"""The Help the Helper self-check keeps answers private, in the reader's own browser."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
import yaml

from conftest import PHONE, ROOT

LEVELS = ["individual-practitioners", "among-colleagues", "sector-organisations",
          "national-local-government"]


def open_check(visit, site_url, level="individual-practitioners"):
    tab = visit(PHONE, accept_downloads=True)
    tab.page.goto(f"{site_url}self-check/{level}/")
    return tab


def choose(page, guideline_id: str, status: str) -> None:
    page.check(f"fieldset[data-id={guideline_id}] input[value={status}]")


@pytest.mark.parametrize("level", LEVELS)
def test_each_checklist_holds_every_guideline_of_its_level_in_the_source_order(
        visit, site_url, kb, level):
    tab = open_check(visit, site_url, level)
    shown = tab.page.eval_on_selector_all("fieldset.kb-check", "s => s.map(f => f.dataset.id)")
    assert shown == [g.id for g in kb.referrers(level, "level", "guidelines")]
    assert tab.errors == []


def test_answers_and_notes_survive_a_reload(visit, site_url, kb):
    tab = open_check(visit, site_url)
    first, second = [g.id for g in kb.referrers("individual-practitioners", "level",
                                                "guidelines")][:2]
    choose(tab.page, first, "in-place")
    choose(tab.page, second, "not-yet")
    tab.page.fill(f"#{second}-note", "Ask my team leader")
    tab.page.reload()
    assert tab.page.is_checked(f"fieldset[data-id={first}] input[value=in-place]")
    assert tab.page.is_checked(f"fieldset[data-id={second}] input[value=not-yet]")
    assert tab.page.input_value(f"#{second}-note") == "Ask my team leader"


def test_the_summary_shows_what_is_in_place_and_the_next_steps(visit, site_url, kb):
    tab = open_check(visit, site_url)
    guidelines = kb.referrers("individual-practitioners", "level", "guidelines")
    choose(tab.page, guidelines[0].id, "in-place")
    for guideline in guidelines[1:5]:
        choose(tab.page, guideline.id, "not-yet")
    summary = tab.page.inner_text(".kb-self-check__summary")
    assert "You have answered 5 of 14." in summary
    next_steps = summary.split("Next three steps (3)")[1].split("In place")[0]
    for guideline in guidelines[1:4]:
        assert guideline.text in next_steps
    assert guidelines[4].text not in next_steps
    assert guidelines[0].text in summary.split("In place (1)")[1]


def stored(page):
    return page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('kb-self'))")


def answered_then_cleared(visit, site_url, kb):
    """A self-check with one answer and one note, and "Clear all answers" pressed."""
    tab = open_check(visit, site_url)
    first = kb.referrers("individual-practitioners", "level", "guidelines")[0].id
    choose(tab.page, first, "partly")
    tab.page.fill(f"#{first}-note", "private")
    tab.page.click("button[data-action=clear]")
    return tab, first


def test_clearing_asks_first_offers_the_download_and_keeps_answers_when_declined(
        visit, site_url, kb):
    tab, first = answered_then_cleared(visit, site_url, kb)
    question = tab.page.locator(".kb-self-check__confirm")
    assert question.is_visible() and stored(tab.page) != []
    with tab.page.expect_download() as download:  # offered beside the question
        question.locator("button[data-action=download]").click()
    assert download.value.suggested_filename.endswith(".md")
    question.locator("button[data-action=cancel-clear]").click()
    assert not question.is_visible()
    assert tab.page.is_checked(f"fieldset[data-id={first}] input[value=partly]")
    tab.page.click("button[data-action=clear]")
    tab.page.keyboard.press("Escape")  # declining by keyboard
    assert not question.is_visible() and stored(tab.page) != []


def test_clearing_when_confirmed_removes_every_answer_from_the_page_and_the_browser(
        visit, site_url, kb):
    tab, first = answered_then_cleared(visit, site_url, kb)
    tab.page.click("button[data-action=confirm-clear]")
    assert stored(tab.page) == []
    tab.page.reload()
    assert not tab.page.is_checked(f"fieldset[data-id={first}] input[value=partly]")
    assert tab.page.input_value(f"#{first}-note") == ""


def test_a_printed_self_check_starts_with_the_summary_and_leaves_out_empty_notes(
        visit, site_url, kb):
    tab = open_check(visit, site_url)
    first, second = [g.id for g in kb.referrers("individual-practitioners", "level",
                                                "guidelines")][:2]
    choose(tab.page, first, "in-place")
    tab.page.fill(f"#{first}-note", "Weekly intervision")
    tab.page.click("button[data-action=clear]")  # a question left open is not printed
    tab.page.emulate_media(media="print")
    summary = tab.page.locator(".kb-self-check__summary").bounding_box()
    fieldset = tab.page.locator(f"fieldset[data-id={first}]").bounding_box()
    assert summary["y"] < fieldset["y"]
    assert tab.page.locator(f"#{first}-note").is_visible()
    assert not tab.page.locator(f"#{second}-note").is_visible()
    assert not tab.page.locator(f"label[for={second}-note]").is_visible()
    assert not tab.page.locator("button[data-action=clear]").is_visible()
    assert not tab.page.locator(".kb-self-check__confirm").is_visible()


def test_the_download_contains_the_answers_and_notes(visit, site_url, kb, tmp_path):
    tab = open_check(visit, site_url)
    first = kb.referrers("individual-practitioners", "level", "guidelines")[0]
    choose(tab.page, first.id, "in-place")
    tab.page.fill(f"#{first.id}-note", "Weekly intervision since May")
    with tab.page.expect_download() as download:
        tab.page.click("button[data-action=download]")
    path = tmp_path / "answers.md"
    download.value.save_as(path)
    text = path.read_text(encoding="utf-8")
    in_place = text.split("## In place")[1].split("##")[0]
    assert first.text in in_place and "Weekly intervision since May" in in_place


def test_no_request_leaves_the_local_server(visit, site_url, kb):
    tab = open_check(visit, site_url)
    first = kb.referrers("individual-practitioners", "level", "guidelines")[0].id
    choose(tab.page, first, "in-place")
    tab.page.fill(f"#{first}-note", "note")
    tab.page.reload()
    hosts = {urlsplit(url).hostname for url in tab.requests
             if urlsplit(url).scheme not in ("blob", "data")}
    assert hosts <= {"127.0.0.1"}, hosts


# The words self-check.js writes, as it holds them in English.
SCRIPT_WORDS = ["You have answered", "Next three steps", "In place", "Partly in place",
                "your note", "Not answered", "Answered on", "(none)", "(note:"]


def test_in_french_the_choices_the_summary_and_the_download_are_in_french(
        visit, site_url, kb, tmp_path):
    french = yaml.safe_load((ROOT / "data" / "translations" / "fr" / "interface.yml")
                            .read_text(encoding="utf-8"))["interface"]
    guidelines = kb.referrers("individual-practitioners", "level", "guidelines")
    first, second = guidelines[0].id, guidelines[1].id
    tab = visit(PHONE, accept_downloads=True)
    tab.page.goto(f"{site_url}fr/self-check/individual-practitioners/")
    labels = tab.page.eval_on_selector_all(
        f"fieldset[data-id={first}] .kb-check__choices label",
        "labels => labels.map(label => label.textContent.trim())")
    assert labels == [french[text] for text in ("In place", "Partly", "Not yet")]
    choose(tab.page, first, "in-place")
    choose(tab.page, second, "not-yet")
    tab.page.fill(f"#{second}-note", "Voir avec mon équipe")

    summary = tab.page.inner_text(".kb-self-check__summary")
    assert french["You have answered %(answered)s of %(total)s."] % {
        "answered": 2, "total": len(guidelines)} in summary
    for heading, count in [("Next three steps", 1), ("In place", 1), ("Partly in place", 0)]:
        assert f"{french[heading]} ({count})" in summary
    assert french["(your note: %(note)s)"] % {"note": "Voir avec mon équipe"} in summary
    assert [word for word in SCRIPT_WORDS if word in summary] == []

    with tab.page.expect_download() as download:
        tab.page.click("form.kb-self-check > .kb-self-check__actions button[data-action=download]")
    path = tmp_path / "reponses.md"
    download.value.save_as(path)
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# " + french["Self-check: %(level)s"].split("%(level)s")[0])
    partly = text.split(f"## {french['Partly']}")[1].split("##")[0]
    assert f"- {french['(none)']}" in partly  # nothing is partly in place
    assert f"## {french['Not answered']}" in text
    assert [word for word in SCRIPT_WORDS if word in text] == []
    assert tab.errors == []
