"""Practitioners without git propose an entry through a form that writes and checks the data
file in the browser, with the command-line validator's own words."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from urllib.parse import parse_qs

import pytest
import yaml

from conftest import FIXTURES, ROOT, build_site, copy_project, serve
from macros.proposal import TRANSCRIBED
from macros.render import json_script

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


def test_a_new_practice_with_its_new_source_document_becomes_a_data_file_the_validator_accepts(
        visit, site_url, tmp_path):
    """CONTRIBUTING.md, section 2: the documents in the knowledge base are transcribed in
    full, so a new practice comes from a new document, which the proposal adds first."""
    tab = visit()
    tab.page.goto(f"{site_url}propose/")
    fill_valid_practice(tab.page)  # citing the overview paper
    status = tab.page.locator("#kb-propose-status")
    assert status.inner_text() == ("1 problem to fix: it shows next to its field once you fill "
                                   "the field in, or when you copy or download.")
    assert tab.page.locator("#practices-document-error").inner_text() == (
        "Every practice this document lists is in the knowledge base already: a new practice "
        "comes from another document. Choose “A new source document, described below” and "
        "describe it.")
    assert tab.page.locator("fieldset[data-kind=sources]").is_hidden()
    tab.page.select_option("#practices-document", "+new")
    tab.page.fill("#sources-title", "A later paper on mental health")
    assert tab.page.input_value("#sources-id") == "a-later-paper-on-mental-health"
    tab.page.select_option("#sources-type", "conclusion-paper")
    tab.page.fill("#sources-publisher", "Radicalisation Awareness Network")
    tab.page.fill("#sources-date", "March 2024")
    assert tab.page.locator("#sources-date-error").inner_text() == \
        "expected a date written YYYY, YYYY-MM or YYYY-MM-DD"
    assert status.inner_text() == ("2 problems to fix: each shows next to its field once you "
                                   "fill the field in, and all when you copy or download.")
    tab.page.fill("#sources-date", "2024-03")
    tab.page.fill("#sources-summary", "What the later paper is about, in a few words.")
    assert status.inner_text() == "Ready: the proposal passes the checks."
    yaml_text = tab.page.locator("#kb-propose-yaml").inner_text()
    proposed = yaml.safe_load(yaml_text)
    assert list(proposed) == ["sources", "practices"], yaml_text
    assert proposed["sources"][0]["date"] == "2024-03"
    assert proposed["practices"][0]["sources"][0]["document"] == \
        "a-later-paper-on-mental-health"
    assert tab.page.input_value("#practices-id") == "proposed-practice-from-the-form"
    project = copy_project(tmp_path)
    (project / "data" / "proposals").mkdir()
    (project / "data" / "proposals" / "proposed-practice-from-the-form.yml").write_text(
        yaml_text, encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "macros", "validate"], cwd=project,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr + yaml_text
    # This copy names neither the editors' address nor a repository: the page says what to
    # do with the file, and offers nothing that goes nowhere.
    assert "download it and e-mail the file to the people who maintain this copy" in \
        tab.page.locator("article").inner_text()
    assert tab.page.locator("[data-action=mail], [data-action=issue]").count() == 0
    assert tab.errors == []


def test_the_documents_a_new_practice_may_not_cite_are_those_transcribed_in_full():
    counts = yaml.safe_load((FIXTURES / "source_counts.yml").read_text(encoding="utf-8"))
    assert set(TRANSCRIBED) == set(counts)


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


# Text that would be YAML of its own if written raw: a new key, a line break YAML reads
# (NEL, LINE SEPARATOR), a character it refuses raw (DEL), a comment, quotes.
INJECTED = "\nsite_name: x"
HOSTILE = f"A \"quoted\" summary # not a comment{INJECTED}\u0085\u2028\x7f, " + "words " * 12
NOTE = "A correction: this replaces the entry '%(id)s' in %(file)s (line %(line)s)."
FOLDER = "data/themes/a folder" + INJECTED + "?#"


def with_hostile_data(route) -> None:
    """The propose page as a hostile data file and translation would make it: an entry
    whose text holds line breaks, a data subfolder whose name holds one, a translated note
    that holds one, and a repository to propose on."""
    response = route.fetch()
    html = response.text()
    block = re.search(r'(id="kb-propose-data">)(.*?)(</script>)', html, flags=re.S)
    data = json.loads(block.group(2))
    hayat = next(e for e in data["entries"]["practices"] if e["id"] == "hayat")
    hayat["summary"] = HOSTILE
    hayat["sources"][0]["section"] += INJECTED
    data["located"]["hayat"]["file"] = FOLDER + "/practices.yml"
    data["repository"] = {"url": "https://git.example.org/kb", "edit_uri": "edit/main/docs/"}
    strings = ('<script type="application/json" class="kb-strings">'
               f"{json_script({NOTE: NOTE.replace(': ', ':' + INJECTED + ' ')})}</script>")
    button = '<button type="button" class="md-button" data-action="open">Open</button>'
    html = (html[:block.start(2)] + str(json_script(data)) + html[block.end(2):]
            ).replace('<script type="application/json" id="kb-propose-data">',
                      strings + '<script type="application/json" id="kb-propose-data">'
                      ).replace('<p class="kb-propose__actions">',
                                '<p class="kb-propose__actions">' + button)
    route.fulfill(status=200, content_type="text/html; charset=utf-8", body=html)


def test_text_that_breaks_lines_stays_text_in_the_proposed_yaml(visit, site_url, kb):
    """Threat: a line break in an entry's text, in a translated note or in a data folder's
    name (the file a correction names) writing keys of its own into the proposed data file,
    or text that YAML reads back changed; the folder's name leaving its place in the
    project page's address."""
    tab = visit()
    tab.page.route(f"{site_url}propose/", with_hostile_data)
    tab.page.goto(f"{site_url}propose/")
    tab.page.check("input[name=kind][value=correction]")
    tab.page.select_option("#correction-entry", "hayat")
    tab.page.select_option("#correction-field", "name")
    tab.page.fill("#correction-value", "HAYAT" + INJECTED)
    yaml_text = tab.page.locator("#kb-propose-yaml").inner_text()
    proposed = yaml.safe_load(yaml_text)
    assert list(proposed) == ["practices"], yaml_text
    entry = proposed["practices"][0]
    assert entry["name"] == "HAYAT site_name: x"  # one line of text, as the form reads it
    assert entry["summary"] == HOSTILE
    assert entry["sources"][0]["section"].endswith(INJECTED)
    comments = yaml_text.split("\npractices:\n")[0].split("\n")
    assert all(line.startswith("# ") for line in comments), yaml_text
    assert f"in {FOLDER.replace(chr(10), ' ')}/practices.yml" in comments[1]
    tab.page.evaluate("window.open = function (url) { window.opened = url; }")
    tab.page.click("[data-action=open]")
    assert tab.page.evaluate("window.opened") == (
        "https://git.example.org/kb/edit/main/data/themes/a%20folder%0Asite_name%3A%20x%3F%23"
        f"/practices.yml#L{kb.locate('hayat').line}")
    assert tab.errors == []


@pytest.mark.tools
def test_the_bundled_validator_is_what_the_pinned_packages_build(tmp_path):
    out = tmp_path / "validator.js"
    subprocess.run([str(VENDOR / "node_modules" / ".bin" / "esbuild"), "bundle.js", "--bundle",
                    "--format=iife", "--global-name=KBJsonSchema", "--minify",
                    "--target=es2018", "--legal-comments=none", f"--outfile={out}"],
                   cwd=VENDOR, check=True, capture_output=True)
    assert out.read_bytes() == BUNDLE.read_bytes(), "run `make vendor` and commit the result"


def test_a_correction_from_a_translated_page_starts_from_the_english_it_replaces(
        visit, site_url, kb):
    """Threat: a correction proposed from the French page writing the French translation
    into the English source file as the entry's text, and calling that ready."""
    tab = visit()
    tab.page.goto(f"{site_url}fr/propose/")
    tab.page.check("input[name=kind][value=correction]")
    tab.page.select_option("#correction-entry", "hayat")
    tab.page.select_option("#correction-field", "summary")
    english = kb.get("hayat")
    assert tab.page.input_value("#correction-value") == english.summary
    assert tab.page.get_attribute("#correction-value", "lang") == "en"
    assert "texte source anglais" in tab.page.locator("#correction-english").inner_text()
    proposed = yaml.safe_load(tab.page.locator("#kb-propose-yaml").inner_text())
    assert proposed["practices"][0]["summary"] == english.summary
    assert proposed["practices"][0]["name"] == english.name
    assert tab.page.locator("#kb-propose-status").inner_text().startswith("Prêt")
    assert tab.errors == []


EMAIL = "kb-editors@example.org"
REPOSITORY = "https://git.example.org/kb"


@pytest.fixture(scope="module")
def sending_site(tmp_path_factory):
    """A copy whose editors take proposals by e-mail (`extra.proposals_email`) and on its
    repository (`repo_url`): built once, in every language, for the tests of both."""
    project = copy_project(tmp_path_factory.mktemp("proposals-sent"))
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "\nextra:\n", f"\nextra:\n  proposals_email: {EMAIL}\n"), encoding="utf-8")
    result = build_site(project, KB_REPO_URL=REPOSITORY, KB_EDIT_URI="edit/main/docs/")
    assert result.returncode == 0, result.stdout + result.stderr
    with serve(project / "site") as url:
        yield url


def fill_lesson(page, text: str = "A lesson a reader proposes, in a few words.") -> None:
    page.check("input[name=kind][value=lessons]")
    page.fill("#lessons-text", text)
    page.fill("#lessons-id", "a-proposed-lesson")
    page.select_option("#lessons-topic", "lone-actors")
    page.select_option("#lessons-document", "ran-health-overview-2021")
    page.fill("#lessons-section", "Main theme: Mental health profiles")


def query(address: str) -> dict[str, str]:
    """The parameters of a link's address, decoded (encodeURIComponent writes no `+`)."""
    return {key: values[0] for key, values in parse_qs(address.split("?", 1)[1]).items()}


@pytest.mark.parametrize("language, subject", [("", "Proposal for the knowledge base"),
                                               ("fr/", "Proposition pour la base"),
                                               ("de/", "Vorschlag für die Wissensdatenbank")])
def test_with_the_editors_address_set_the_form_sends_the_proposal_by_email(
        visit, sending_site, language, subject):
    """The link is read, not followed: a `mailto:` would leave the browser for a mail
    program."""
    tab = visit()
    tab.page.goto(f"{sending_site}{language}propose/")
    fill_lesson(tab.page)
    proposal = tab.page.locator("#kb-propose-yaml").text_content()
    assert "a-proposed-lesson" in proposal
    mail = tab.page.get_attribute("[data-action=mail]", "href")
    assert mail.startswith(f"mailto:{EMAIL}?subject=")
    sent = query(mail)
    assert sent["body"] == proposal
    assert sent["subject"].startswith(subject) and sent["subject"].endswith("a-proposed-lesson")
    assert EMAIL in tab.page.locator("#kb-propose-send").inner_text()
    issue = tab.page.get_attribute("[data-action=issue]", "href")
    assert issue.startswith(f"{REPOSITORY}/issues/new?title=")
    assert query(issue)["body"] == f"```yaml\n{proposal}```\n"
    if not language:  # too long for a mail program: pasted or attached instead
        fill_lesson(tab.page, "words " * 400)
        body = query(tab.page.get_attribute("[data-action=mail]", "href"))["body"]
        assert body == "Paste your proposal here, or attach the file you downloaded."
        assert tab.page.locator("#kb-propose-send").inner_text().startswith(
            "Your proposal is too long to be written into the message")
    assert tab.errors == []


def test_an_editors_address_that_is_not_one_plain_address_stops_the_build(tmp_path):
    """Threat: a setting that adds recipients or fields to every proposal's e-mail."""
    project = copy_project(tmp_path)
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace(
        "\nextra:\n", '\nextra:\n  proposals_email: "kb@example.org?cc=all@example.org"\n')
    config.write_text(text, encoding="utf-8")
    line = text.split("\n").index('  proposals_email: "kb@example.org?cc=all@example.org"') + 1
    result = build_site(project)
    assert result.returncode != 0
    assert (f"mkdocs.yml:{line}: extra.proposals_email: expected one e-mail address, such "
            "as editors@example.org, with no spaces, '?' or '&', found "
            "'kb@example.org?cc=all@example.org'") in result.stderr, result.stderr
