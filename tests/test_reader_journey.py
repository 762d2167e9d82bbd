"""A reader's way through the site on a phone, in every language: French typography that keeps
a colon with its word, a header that shows the site's whole name, a language switcher of its
own, and a glossary with a letter index (issue "Readers' journey")."""

from __future__ import annotations

import html as html_module
import re
import string
import unicodedata
from html.parser import HTMLParser

import pytest

from conftest import PHONE, PHONE_390, english_html, language_folders, serve

# French typography: a no-break space (U+00A0 or the narrow U+202F) before these, and inside
# « »; an ordinary space there lets a line start with ':' or end with '«'.
FRENCH_SPACED = re.compile(r"(?<=\S)[ \t\r\n]+(?=[:;!?»])|«[ \t\r\n]")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}


class TextInLanguage(HTMLParser):
    """The text of a page in its own language: the text of elements marked as another
    language (`lang="en"`), of scripts and of styles stands as one letter, 'x'."""

    def __init__(self, language: str):
        super().__init__(convert_charrefs=True)
        self.open: list[tuple[str | None, str]] = [(None, language)]
        self.language, self.parts = language, []

    def handle_starttag(self, tag, attrs):
        if tag not in VOID:
            language = dict(attrs).get("lang") or self.open[-1][1]
            self.open.append((tag, "" if tag in ("script", "style") else language))

    def handle_endtag(self, tag):
        while len(self.open) > 1 and self.open.pop()[0] != tag:
            pass

    def handle_data(self, data):
        self.parts.append(data if self.open[-1][1] == self.language else "x")

    @classmethod
    def of(cls, html: str, language: str) -> str:
        parser = cls(language)
        parser.feed(html)
        return "".join(parser.parts)


def test_french_text_keeps_its_no_break_spaces_on_every_page(built):
    """Data and interface strings write them (data/translations/fr/terms.yml, conventions);
    the table of contents and the navigation, which fold a heading's white space, too."""
    site, _ = built
    if "fr" not in language_folders(site):
        pytest.skip("no French site")
    found = []
    for path in english_html(site / "fr"):
        text = TextInLanguage.of(path.read_text(encoding="utf-8"), "fr")
        found += [(path.relative_to(site).as_posix(), text[max(0, m.start() - 30):m.end() + 10])
                  for m in FRENCH_SPACED.finditer(text)]
    assert found == []


# Each character that French typography spaces off, with the last letter before it: on the
# same line, or the line broke before the punctuation.
BROKEN_BEFORE_PUNCTUATION = r"""element => {
    const chars = [], walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode())
        for (let at = 0; at < node.data.length; at++) chars.push([node, at]);
    const text = chars.map(([node, at]) => node.data[at]).join("");
    const top = ([node, at]) => { const range = document.createRange();
        range.setStart(node, at); range.setEnd(node, at + 1);
        return Math.round(range.getClientRects()[0]?.top); };
    const found = [];
    for (const match of text.matchAll(/(\S)\s+([:;!?»])/g)) {
        const letter = match.index, mark = match.index + match[0].length - 1;
        if (top(chars[letter]) !== top(chars[mark]))
            found.push(text.slice(Math.max(0, letter - 20), mark + 1));
    }
    return found; }"""


@pytest.mark.parametrize("code", ["fr"])
def test_the_home_page_title_keeps_its_colon_on_the_line_of_its_word_at_390_px(
        visit, site_url, built, code):
    site, _ = built
    if code not in language_folders(site):
        pytest.skip(f"no site in {code}")
    tab = visit(PHONE_390)
    tab.page.goto(f"{site_url}{code}/")
    title = tab.page.locator("article h1")
    assert ":" in title.inner_text()
    assert title.evaluate(BROKEN_BEFORE_PUNCTUATION) == []


# --- Both engines, every language ----------------------------------------------------------

@pytest.fixture(scope="module", params=["mkdocs", "zensical"])
def engine_site(request):
    """The site as each engine builds it, and its address, served."""
    if request.param == "mkdocs":
        yield request.getfixturevalue("built")[0], request.getfixturevalue("site_url")
        return
    site = request.getfixturevalue("zensical_built")[0]
    with serve(site) as url:
        yield site, url


def languages(site) -> list[str]:
    """The address of each language's site from the root: '' (English), 'fr/', ..."""
    return ["", *(f"{code}/" for code in language_folders(site))]


# The site's name where the theme prints it whole or cuts it: the header (its first topic;
# the second is the page's title, once the reader scrolls) and the navigation drawer's title.
SITE_NAME_SHOWN = """() => [
    document.querySelector('.md-header__topic:first-child > .md-ellipsis'),
    document.querySelector('.md-nav--primary > .md-nav__title')].map(element => ({
        text: element.textContent.trim().replace(/\\s+/g, ' '),
        cut: element.scrollWidth > element.clientWidth
             || element.scrollHeight > element.clientHeight}))"""


def test_the_header_shows_the_whole_site_name_on_a_phone_in_every_language(visit,
                                                                          engine_site):
    """At 390 px, and at 360 px, the smaller phone of the suite: the German name is twice
    the English, so it takes two lines, never "Psychische Gesundh…" (the page's <title> and
    the logo's label keep the name too). On Zensical, a desktop's scroll bar would take
    15 px of a phone's width; a phone's lies over the page."""
    site, url = engine_site
    tab = visit(PHONE_390, is_mobile=True, has_touch=True)
    found = {}
    for size in (PHONE_390, PHONE):
        tab.page.set_viewport_size(size)
        for language in languages(site):
            tab.page.goto(url + language)
            name = tab.page.get_attribute(".md-header a.md-logo", "aria-label")
            shown = tab.page.evaluate(SITE_NAME_SHOWN)
            if any(place["cut"] or place["text"] != name for place in shown):
                found[(size["width"], language)] = (name, shown)
    assert found == {}


SWITCHER = """nav => ({
    inside: Boolean(nav.parentElement.closest('p, li, .kb-lead, .md-typeset__table')),
    gap: nav.nextElementSibling.getBoundingClientRect().top - nav.getBoundingClientRect().bottom,
    targets: [...nav.querySelectorAll('a, [aria-current]')].map(target => {
        const box = target.getBoundingClientRect();
        return [target.textContent, Math.floor(box.width), Math.floor(box.height)]; })})"""


def test_the_language_switcher_is_a_row_of_its_own_with_targets_a_finger_can_hit(visit,
                                                                                engine_site):
    """WCAG 2.2, 2.5.8: each language at least 24 × 24 px at 390 px; the switcher is no
    part of the lead or any paragraph, and the text after it keeps its distance."""
    site, url = engine_site
    tab = visit(PHONE_390)
    for language in languages(site):
        for path in ("", "glossary/"):  # the home page has a lead under its title
            tab.page.goto(url + language + path)
            switcher = tab.page.locator("article nav.kb-languages").evaluate(SWITCHER)
            assert not switcher["inside"] and switcher["gap"] >= 12, (language, path, switcher)
            assert len(switcher["targets"]) == len(languages(site))
            small = [target for target in switcher["targets"] if min(target[1:]) < 24]
            assert small == [], (language, path)
    assert tab.errors == []


# --- The glossary's letter index ------------------------------------------------------------

def letter_of(term: str) -> str:
    """A term's letter, as a reader looks it up: its first letter without accents, upper
    case ("Éthique": E); '#' for a digit."""
    first = next(char for char in unicodedata.normalize("NFKD", term) if char.isalnum())
    return first.upper() if first.isalpha() else "#"


def glossary_page(site, language: str) -> tuple[list[tuple[str, str | None]], list[str]]:
    """The glossary's letter index, each letter with the id its link leads to (None: no
    link), and the ids of its terms in the page's order."""
    page = (site / language / "glossary" / "index.html").read_text(encoding="utf-8")
    index = re.search(r'<nav class="kb-glossary-index".*?</nav>', page, re.S).group(0)
    letters = [(html_module.unescape(letter or plain), target or None) for target, letter, plain
               in re.findall(r'<li>(?:<a href="#([^"]+)">([^<]+)</a>|<span>([^<]+)</span>)</li>',
                             index)]
    terms = re.findall(r'<div class="kb-term"[^>]*>\s*<h2 id="([^"]+)"', page)
    return letters, terms


def test_each_letter_of_the_glossary_index_leads_to_the_first_of_its_terms(built, kb):
    """In every language: A to Z, each letter that begins a term a link to the first such
    term, each other letter no link; the terms in alphabetical order, a letter's terms one
    run, so that every term is reached from its letter. Computed from the data."""
    site, _ = built
    glossary = {term.id: term.term for term in kb.collections["glossary"]}
    key = {entry: "".join(char for char in unicodedata.normalize("NFKD", name)
                          if not unicodedata.combining(char)).casefold()
           for entry, name in glossary.items()}
    for language in languages(site):
        letters, terms = glossary_page(site, language)
        assert sorted(terms) == sorted(glossary), language  # each term once
        assert terms == sorted(terms, key=lambda entry: re.sub(r"^\W+", "", key[entry]))
        index = [letter for letter, _ in letters]
        assert set(string.ascii_uppercase) <= set(index) and index == sorted(index)
        linked = {letter: target for letter, target in letters if target}
        assert {letter_of(name) for name in glossary.values()} == set(linked), language
        runs = [letter_of(glossary[entry]) for entry in terms]
        for letter, target in linked.items():
            assert runs[terms.index(target)] == letter  # the link leads to its letter
            assert runs.index(letter) == terms.index(target)  # the first of them
            at = [place for place, initial in enumerate(runs) if initial == letter]
            assert at == list(range(at[0], at[-1] + 1)), letter  # its terms, one run


def test_the_glossary_index_and_filter_work_by_touch_and_without_scripts(visit, site_url,
                                                                        built, kb, browser):
    site, _ = built
    letters, terms = glossary_page(site, "")
    names = {term.id: term.term for term in kb.collections["glossary"]}
    tab = visit(PHONE_390)
    tab.page.goto(site_url + "glossary/")
    sizes = tab.page.eval_on_selector_all(
        ".kb-glossary-index li > *", "items => items.map(item => { "
        "const box = item.getBoundingClientRect(); return Math.min(box.width, box.height); })")
    assert len(sizes) == len(letters) and min(sizes) >= 24
    letter, target = [(letter, target) for letter, target in letters if target][-1]
    tab.page.click(f".kb-glossary-index a[href='#{target}']")
    tab.page.wait_for_function(f"location.hash === '#{target}'")
    heading = tab.page.locator(f"h2[id='{target}']").bounding_box()
    assert 0 <= heading["y"] < PHONE_390["height"] / 2, letter
    # The filter narrows the list to the terms whose name holds what is typed.
    box = tab.page.locator("#kb-glossary-filter")
    box.fill(names[terms[-1]])
    shown = tab.page.eval_on_selector_all(".kb-term:not([hidden]) h2", "hs => hs.map(h => h.id)")
    assert terms[-1] in shown and len(shown) < len(terms)
    assert f"{len(shown)} of {len(terms)}" in tab.page.inner_text("[role=status]")
    assert not tab.page.is_visible(".kb-glossary-index")  # its letters lead to hidden terms
    box.fill("")
    assert tab.page.locator(".kb-term[hidden]").count() == 0
    assert tab.page.is_visible(".kb-glossary-index")
    assert tab.errors == []
    # The box is in the page before its script comes (its script only gives it work), so
    # nothing below it moves when the script comes (Lighthouse's layout shift).
    context = browser.new_context(viewport=PHONE_390)
    page = context.new_page()
    page.route("**/glossary-filter.js", lambda route: route.abort())
    page.goto(site_url + "glossary/")
    assert page.is_visible(".kb-glossary-find")
    context.close()
    # Without scripts: no box that does nothing; the index and every term are there.
    context = browser.new_context(viewport=PHONE_390, java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "glossary/")
    assert not page.is_visible(".kb-glossary-find")
    assert page.is_visible(".kb-glossary-index")
    assert page.locator(".kb-term h2").count() == len(terms)
    context.close()
