"""Practitioners without git propose an entry through a form that writes and checks the data
file in the browser, with the command-line validator's own words."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT, copy_project

VENDOR = ROOT / "tests" / "vendor"
BUNDLE = ROOT / "docs" / "assets" / "vendor" / "json-schema" / "validator.js"


def fill_valid_practice(page) -> None:
    page.fill("#practices-name", "Proposed practice from the form")
    page.select_option("#practices-country", "BE")
    page.select_option("#practices-status", "not-stated")
    page.fill("#practices-summary", "A practice a reader proposes: " + "words " * 30)
    page.check("#practices-topics input[value=lone-actors]")
    page.select_option("#practices-document", "ran-health-overview-2021")
    page.fill("#practices-section", "Main theme: Mental health profiles")
    page.fill("#practices-page", "4")


def test_a_valid_practice_filled_in_becomes_a_data_file_the_validator_accepts(
        visit, site_url, tmp_path):
    tab = visit()
    tab.page.goto(f"{site_url}propose/")
    fill_valid_practice(tab.page)
    status = tab.page.locator("#kb-propose-status")
    assert status.inner_text() == "Ready: the proposal passes the checks."
    yaml_text = tab.page.locator("#kb-propose-yaml").inner_text()
    assert tab.page.input_value("#practices-id") == "proposed-practice-from-the-form"
    project = copy_project(tmp_path)
    (project / "data" / "proposals").mkdir()
    (project / "data" / "proposals" / "proposed-practice-from-the-form.yml").write_text(
        yaml_text, encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "macros", "validate"], cwd=project,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr + yaml_text
    assert tab.errors == []


def test_a_mistake_in_the_form_is_shown_next_to_its_field_in_the_validators_words(
        visit, site_url):
    tab = visit()
    tab.page.goto(f"{site_url}propose/")
    fill_valid_practice(tab.page)
    tab.page.fill("#practices-id", "Not An Id")
    error = tab.page.locator("#practices-id-error")
    assert error.inner_text() == ("'Not An Id' is not a valid id: use lowercase letters, "
                                  "digits and single hyphens, e.g. 'my-new-practice'")
    assert tab.page.get_attribute("#practices-id", "aria-invalid") == "true"
    tab.page.fill("#practices-id", "a-name-" * 11 + "longer")
    assert tab.page.locator("#practices-id-error").inner_text() == (
        "this id is 83 characters long, at most 80 allowed: an id is a short name of lowercase "
        "letters, digits and single hyphens, e.g. 'my-new-practice'")
    tab.page.fill("#practices-id", "hayat")  # taken
    assert tab.page.locator("#practices-id-error").inner_text().startswith(
        "duplicate id: already used by the practice at data/themes/")
    tab.page.fill("#practices-summary", "")
    assert tab.page.locator("#practices-summary-error").inner_text() == \
        "this required field is missing"
    assert tab.page.locator("#practices-programme-error").inner_text() == ""
    tab.page.fill("#practices-page", "12345")
    assert tab.page.locator("#practices-page-error").inner_text() == (
        "12345 is not a page number: write the page the section starts on, from 1 to 9999")
    assert "problem" in tab.page.locator("#kb-propose-status").inner_text()


def test_a_correction_starts_from_the_entry_and_names_where_it_goes(visit, site_url):
    tab = visit()
    tab.page.goto(f"{site_url}propose/")
    tab.page.check("input[name=kind][value=correction]")
    tab.page.select_option("#correction-entry", "hayat")
    tab.page.select_option("#correction-field", "summary")
    tab.page.fill("#correction-value", "A corrected summary of the practice.")
    yaml_text = tab.page.locator("#kb-propose-yaml").inner_text()
    assert "replaces the entry 'hayat' in data/themes/" in yaml_text
    assert 'summary: "A corrected summary of the practice."' in yaml_text
    assert tab.page.locator("#kb-propose-status").inner_text() == \
        "Ready: the proposal passes the checks."


def test_the_bundled_validator_is_what_the_pinned_packages_build(tmp_path):
    out = tmp_path / "validator.js"
    subprocess.run([str(VENDOR / "node_modules" / ".bin" / "esbuild"), "bundle.js", "--bundle",
                    "--format=iife", "--global-name=KBJsonSchema", "--minify",
                    "--target=es2018", "--legal-comments=none", f"--outfile={out}"],
                   cwd=VENDOR, check=True, capture_output=True)
    assert out.read_bytes() == BUNDLE.read_bytes(), "run `make vendor` and commit the result"
