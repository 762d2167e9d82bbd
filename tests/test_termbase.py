"""A termbase per language (translations/<language>/terms.yml): a rendering it avoids fails
validation wherever a translation uses it; a term whose rendering a translation lacks is
listed for translators, never a failure; a broken termbase is named, never a traceback.

Every test brings its own termbase and English (tests/fixtures/data/terms/, read after the
minimal fixture), so that none depends on the project's terms or on today's translations."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT
from macros.i18n import load_interface
from macros.problems import DataError
from macros.termbase import Termbase, load_termbases, read_termbase
from macros.translations import fingerprint, load_translations
from macros.validate import load_knowledge_base

MINIMAL = FIXTURES / "data" / "minimal"
TERMS = FIXTURES / "data" / "terms"  # English with terms, and a French termbase
ADDON = FIXTURES / "data" / "terms-addon"  # an add-on's English, and its own termbase
MULTI_AGENCY = ('use "interinstitutionnel" or "interinstitutionnelle" or '
                '"interinstitutionnelles"')


def project(tmp_path: Path, fixture: Path = TERMS) -> Path:
    """A copy of a fixture folder, to add translations to."""
    folder = tmp_path / fixture.name
    shutil.copytree(fixture, folder)
    return folder


def write_translations(folder: Path, kb, texts: dict) -> Path:
    """`folder`'s French translation of `texts` ((entry, field) -> text), all entries of one
    English file, each made from the current English unless given as (text, fingerprint).
    The text of the first field is on line 6."""
    lines, name = ["language: fr", "translations:"], None
    for (entry, field), text in texts.items():
        name = kb.locate(entry).path.name
        english = getattr(kb.get(entry), field)
        text, source = text if isinstance(text, tuple) else (text, fingerprint(english))
        lines += [f"  {entry}:", f"    {field}:", f'      from: "{source}"',
                  f"      text: {json.dumps(text, ensure_ascii=False)}"]
    path = folder / "translations" / "fr" / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def problems_of(load) -> list[str]:
    try:
        load()
    except DataError as error:
        return [str(problem) for problem in error.problems]
    return []


def validate(*folders: Path, strict: bool = False) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "macros", "validate", *map(str, folders),
                           *(["--strict"] if strict else [])], cwd=ROOT, capture_output=True,
                          text=True)


# --- A rendering the termbase avoids ------------------------------------------------------


def test_a_deprecated_rendering_in_a_translated_field_fails_naming_it_and_what_to_use(
        tmp_path):
    folder = project(tmp_path)
    kb = load_knowledge_base([MINIMAL, folder])
    file = write_translations(folder, kb, {
        ("maw-lesson", "text"): "Le travail multi-agences demande de la confiance."})
    terms = folder / "translations" / "fr" / "terms.yml"
    assert problems_of(lambda: load_translations([MINIMAL, folder], kb)) == [
        f'{file}:6: maw-lesson: text: "multi-agences" is deprecated in fr: {MULTI_AGENCY} '
        f"({terms}:6: L'usage du RAN en français.)"]


def test_a_deprecated_rendering_in_a_point_names_the_point(tmp_path):
    folder = project(tmp_path)
    kb = load_knowledge_base([MINIMAL, folder])
    write_translations(folder, kb, {("maw-guideline", "points"): [
        "Tenir des réunions interinstitutionnelles.", "Partager tôt les informations."]})
    assert problems_of(lambda: load_translations([MINIMAL, folder], kb)) == []
    write_translations(folder, kb, {("maw-guideline", "points"): [
        "Partager tôt les informations.", "Tenir des réunions multi-agences."]})
    assert [problem.split(": ", 1)[1] for problem in problems_of(
        lambda: load_translations([MINIMAL, folder], kb))] == [
        f'maw-guideline: points[1]: "multi-agences" is deprecated in fr: {MULTI_AGENCY} '
        f"({folder / 'translations/fr/terms.yml'}:6: L'usage du RAN en français.)"]


def test_a_deprecated_rendering_in_an_interface_string_fails_naming_its_english(tmp_path):
    folder = project(tmp_path)
    interface = folder / "translations" / "fr" / "interface.yml"
    interface.write_text('language: fr\ninterface:\n  "Source:": "Source :"\n'
                         '  "Multi-agency working": "Travail multi-agences"\n',
                         encoding="utf-8")
    assert problems_of(lambda: load_interface([MINIMAL, folder], "fr")) == [
        f'{interface}:4: Multi-agency working: "multi-agences" is deprecated in fr: '
        f"{MULTI_AGENCY} ({folder / 'translations/fr/terms.yml'}:6: L'usage du RAN en "
        "français.)"]


@pytest.mark.parametrize("avoid, text, found", [
    ("multi-agence*", "Le travail MULTI-AGENCES", "MULTI-AGENCES"),  # any case
    ("multi-agence*", "une cellule multi-agence", "multi-agence"),  # '*': any rest, or none
    ("enfants de retour", "des enfants\u00a0de\n   retour", "enfants de retour"),  # spaces
    ("l'UE", "les États de l\u2019UE", "l'UE"),  # a typographic apostrophe
    ("équipe", "une e\u0301quipe", "équipe"),  # é written as e and a combining accent
    ("Anwerber*", "die Anwerberin", "Anwerberin"),
    ("agences", "les multi-agences", "agences"),  # a hyphen separates words
])
def test_a_rendering_is_found_whatever_its_case_spacing_or_unicode_form(tmp_path, avoid,
                                                                        text, found):
    termbase = termbase_of(tmp_path, f'  - en: term\n    use: [x]\n    avoid: ["{avoid}"]\n')
    assert [" ".join(words.split()) for words, _ in termbase.deprecated_in(text)] == [found]


@pytest.mark.parametrize("avoid, text", [
    ("Anwerber", "die Anwerberin und den Anwerbern"),  # whole words only, without '*'
    ("multi-agences", "les prémulti-agences"),  # not inside a longer word
    ("enfants de retour", "les enfants de retournés"),
    ("enfants de retour", "les enfants, de retour"),  # other words between
])
def test_a_rendering_is_not_found_inside_longer_words(tmp_path, avoid, text):
    termbase = termbase_of(tmp_path, f'  - en: term\n    use: [x]\n    avoid: ["{avoid}"]\n')
    assert termbase.deprecated_in(text) == []


def test_a_rendering_inside_a_longer_avoided_one_is_the_longer_ones_mistake(tmp_path):
    termbase = termbase_of(tmp_path, '  - en: agencies\n    use: [organismes]\n'
                                     '    avoid: [agences]\n'
                                     '  - en: multi-agency\n    use: [interinstitutionnel]\n'
                                     '    avoid: [multi-agences]\n')
    found = [(words, term.term.en) for words, term in termbase.deprecated_in(
        "le travail multi-agences et les agences")]
    assert sorted(found) == [("agences", "agencies"), ("multi-agences", "multi-agency")]


def termbase_of(tmp_path: Path, terms: str) -> Termbase:
    """A French termbase of `terms` (the lines of its list), which must have no problem."""
    path = tmp_path / "terms.yml"
    path.write_text(f"language: fr\nterms:\n{terms}", encoding="utf-8")
    termbase, problems = read_termbase(path, "fr", Termbase("fr"))
    assert problems == []
    return termbase


# --- A term whose rendering a translation lacks: work for translators -------------------


def test_a_term_without_its_rendering_is_listed_for_translators_and_never_fails(tmp_path):
    folder = project(tmp_path)
    kb = load_knowledge_base([MINIMAL, folder])
    file = write_translations(folder, kb, {
        ("maw-lesson", "text"): "Le travail en réseau demande de la confiance.",
        # stale: listed as stale, not as a term to check
        ("returnees-lesson", "text"): ("Les enfants doivent être soutenus.", "000000000000"),
    })
    (folder / "translations" / "fr" / "interface.yml").write_text(
        'language: fr\ninterface:\n  "Multi-agency working": "Travail en réseau"\n'
        '  "Child returnees": "Enfants revenants"\n', encoding="utf-8")
    result = validate(MINIMAL, folder)
    assert result.returncode == 0, result.stderr
    terms = folder / "translations" / "fr" / "terms.yml"
    listed = [line for line in result.stdout.splitlines() if line.startswith("  term: ")]
    assert listed == [
        f'  term: {file}:4: maw-lesson: text: "multi-agency" in the English, and none of its '
        f"renderings in this translation: {MULTI_AGENCY} ({terms}:6: L'usage du RAN en "
        "français.)",
        '  term: translations/fr/interface.yml: "Multi-agency working": "multi-agency" in the '
        f"English, and none of its renderings in this translation: {MULTI_AGENCY} "
        f"({terms}:6: L'usage du RAN en français.)"]
    assert "Terms (fr): 2 to check" in result.stdout
    assert re.search(rf"stale: {re.escape(str(file))}:\d+: returnees-lesson: text", result.stdout)
    # Not even a release waits for them: --strict counts what is missing and stale alone.
    with_terms = validate(MINIMAL, folder, strict=True)
    terms.unlink()
    without_terms = validate(MINIMAL, folder, strict=True)
    assert "Terms (fr)" not in without_terms.stdout
    assert with_terms.returncode == without_terms.returncode == 1
    assert with_terms.stderr == without_terms.stderr
    assert "Not ready for a release: " in with_terms.stderr


def test_a_translation_using_a_rendering_is_not_listed(tmp_path):
    folder = project(tmp_path)
    kb = load_knowledge_base([MINIMAL, folder])
    write_translations(folder, kb, {
        ("maw-lesson", "text"): "Le travail Interinstitutionnel demande de la confiance.",
        ("returnees-lesson", "text"): "Les enfants revenants ont besoin d'un soutien durable.",
    })
    result = validate(MINIMAL, folder)
    assert result.returncode == 0, result.stderr
    assert "Terms (fr): 0 to check" in result.stdout and "  term: " not in result.stdout


# --- terms.yml itself ----------------------------------------------------------------------

TERM = "  - en: multi-agency\n    use: [interinstitutionnel]\n"  # lines 3 and 4


@pytest.mark.parametrize("text, problem", [
    (f"language: fr\nterms:\n{TERM}    avod: [multi-agences]\n",
     "5: multi-agency: avod: unknown field 'avod' (did you mean 'avoid'?)"),
    ("language: fr\nterms:\n  - en: multi-agency\n    use: []\n",
     "4: multi-agency: use: list at least one rendering to use: use: [rendering]"),
    ("language: fr\nterms:\n  - en: multi-agency\n    avoid: [multi-agences]\n",
     "3: multi-agency: use: this required field is missing"),
    ("language: fr\nterms:\n  - en: multi-agency\n    use: interinstitutionnel\n",
     "4: multi-agency: use: expected a list, such as [first-id, second-id], found text "
     "'interinstitutionnel'"),
    (f"language: fr\nterms:\n{TERM}    avoid: [Interinstitutionnel]\n",
     "5: multi-agency: avoid[0]: 'Interinstitutionnel' is both in use and in avoid: a "
     "rendering is either to use or to avoid; remove it from one"),
    (f"language: fr\nterms:\n{TERM}  - en: Multi-agency\n    use: [x]\n",
     "5: Multi-agency: en: 'Multi-agency' is already a term of this file, at line 3: give "
     "each term one entry, with all its renderings"),
    (f"language: fr\nterms:\n{TERM}    avoid: [a, b, A]\n",
     "5: multi-agency: avoid[2]: 'A' is listed twice in avoid; list it once"),
    (f"language: fr\nterms:\n{TERM}  - en: work\n    use: [travail]\n"
     "    avoid: [interinstitutionnel*]\n",
     "7: work: avoid[0]: 'interinstitutionnel*' would refuse 'interinstitutionnel', which the "
     "term 'multi-agency' ({terms}:3) says to use: make one of them more exact"),
    (f"language: fr\nterms:\n{TERM}    avoid: ['*agences']\n",
     "5: multi-agency: avoid[0]: '*agences': a '*' stands only at the end of a word, for "
     "the rest of that word (\"Anwerber*\")"),
    (f"language: fr\nterms:\n{TERM}    note: 12\n",
     "5: multi-agency: note: expected text, found a number 12: write it in quotes: '12'"),
    ("language: fr\nterms:\n  - multi-agency\n",
     "3: terms[0]: expected a term: 'en:', 'use:' and, optionally, 'avoid:' and 'note:', "
     "indented under '- '"),
    ("language: fr\nterms:\n  multi-agency: interinstitutionnel\n",
     "2: terms: expected a list, such as [first-id, second-id], found a mapping "
     "{'multi-agency': 'interinstitutionnel'}"),
    (f"language: de\nterms:\n{TERM}",
     "1: language: this file is in the folder of 'fr' but says language: de"),
    (f"langage: fr\nterms:\n{TERM}",
     "1: langage: unknown field 'langage' (did you mean 'language'?)"),
    (f"language: fr\nterms:\n{TERM}    use: [x]\n",
     "5: multi-agency: use: duplicate key"),
    ("- just a list\n",
     "1: a terms file holds 'language: fr', 'conventions:' (optional) and 'terms:', a list "
     "of terms each with 'en:', 'use:' and, optionally, 'avoid:' and 'note:'"),
])
def test_a_broken_termbase_fails_naming_file_line_term_and_field(tmp_path, text, problem):
    folder = project(tmp_path)
    terms = folder / "translations" / "fr" / "terms.yml"
    terms.write_text(text, encoding="utf-8")
    kb = load_knowledge_base([MINIMAL, folder])
    found = problems_of(lambda: load_translations([MINIMAL, folder], kb))
    assert any(line.startswith(f"{terms}:{problem.replace('{terms}', str(terms))}")
               for line in found), \
        found


def test_a_broken_termbase_fails_validation_and_every_build_with_a_message_not_a_traceback(
        tmp_path):
    """Threat: a termbase written by hand ending every build in a traceback, or its problems
    hidden behind the first."""
    folder = project(tmp_path)
    terms = folder / "translations" / "fr" / "terms.yml"
    terms.write_text("language: fr\nterms:\n  - en: [multi-agency]\n    use: [x, '']\n"
                     "  - en: ok\n    use: [{a: b}]\n  - 3\n", encoding="utf-8")
    result = validate(MINIMAL, folder)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.startswith(f"{terms}:")]
    assert [line.split(": ", 1)[0] for line in lines] == [f"{terms}:3", f"{terms}:4",
                                                          f"{terms}:6", f"{terms}:7"]
    assert len(set(lines)) == len(lines)  # read for data and interface alike, said once


def test_the_termbase_is_no_translation_of_a_data_file(tmp_path):
    """The rule that each file of a language's folder mirrors an English data file leaves
    terms.yml (and interface.yml) to their own checks."""
    folder = project(tmp_path)
    kb = load_knowledge_base([MINIMAL, folder])
    translations = load_translations([MINIMAL, folder], kb)
    assert translations.languages == ["fr"] and translations.texts == {}


# --- An add-on: the project's termbase, then its own -------------------------------------


def test_an_addons_translations_follow_the_projects_termbase_then_its_own(tmp_path):
    folder, addon = project(tmp_path), project(tmp_path, ADDON)
    kb = load_knowledge_base([MINIMAL, folder], [addon])
    file = write_translations(addon, kb, {
        ("local-lesson", "text"): "Notre équipe multi-agences se réunit en hebdo."})
    # The project's own translations are never held to an add-on's termbase.
    write_translations(folder, kb, {
        ("maw-lesson", "text"): "Le travail interinstitutionnel, en hebdo, demande confiance."})
    project_terms = folder / "translations" / "fr" / "terms.yml"
    addon_terms = addon / "translations" / "fr" / "terms.yml"
    assert problems_of(lambda: load_translations([MINIMAL, folder, addon], kb)) == [
        f'{file}:6: local-lesson: text: "hebdo" is deprecated in fr: use "chaque semaine" '
        f"({addon_terms}:4)",
        f'{file}:6: local-lesson: text: "multi-agences" is deprecated in fr: {MULTI_AGENCY} '
        f"({project_terms}:6: L'usage du RAN en français.)"]
    assert problems_of(lambda: load_translations([MINIMAL, folder], kb)) == []
    # An add-on's interface strings alike.
    interface = addon / "translations" / "fr" / "interface.yml"
    interface.write_text('language: fr\ninterface:\n  "Weekly": "Hebdo"\n', encoding="utf-8")
    assert problems_of(lambda: load_interface([MINIMAL, folder, addon], "fr")) == [
        f'{interface}:3: Weekly: "Hebdo" is deprecated in fr: use "chaque semaine" '
        f"({addon_terms}:4)"]


def test_an_addons_termbase_cannot_prefer_what_the_projects_avoids(tmp_path):
    folder, addon = project(tmp_path), project(tmp_path, ADDON)
    addon_terms = addon / "translations" / "fr" / "terms.yml"
    addon_terms.write_text("language: fr\nterms:\n  - en: multi-agency team\n"
                           "    use: [équipe multi-agences]\n", encoding="utf-8")
    termbases, problems = load_termbases([MINIMAL, folder, addon], "fr")
    assert [str(problem) for problem in problems] == [
        f"{addon_terms}:4: multi-agency team: use[0]: 'équipe multi-agences' would be "
        "refused: the term 'multi-agency' "
        f"({folder / 'translations/fr/terms.yml'}:6) says to avoid 'multi-agence*'"]
    assert [len(termbase.terms) for termbase in termbases] == [0, 2, 3]


# --- What translators are shown ------------------------------------------------------------


def test_make_translation_shows_the_languages_conventions(tmp_path):
    folder = project(tmp_path)
    result = subprocess.run([sys.executable, "-m", "macros", "translate", "fr", str(MINIMAL),
                             str(folder)], cwd=ROOT, capture_output=True, text=True, check=True)
    assert "  - Guillemets « » avec des espaces insécables, jamais de guillemets droits.\n" \
        in result.stdout


def test_the_termbase_example_of_contributing_is_a_valid_termbase(tmp_path):
    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    example = re.search(r"<!-- termbase example -->\n```yaml\n(.*?)```", guide, re.S)
    assert example, "CONTRIBUTING.md, section 7, shows a terms.yml"
    path = tmp_path / "terms.yml"
    path.write_text(example.group(1), encoding="utf-8")
    termbase, problems = read_termbase(path, "fr", Termbase("fr"))
    assert problems == [] and termbase.terms
