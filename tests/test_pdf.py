"""The PDF edition (`make pdf`): one a language, opened as a reader's PDF viewer opens it,
with a title page, contents with page numbers and an outline, every theme and practice of
the data it is built from, links that stay inside it, offered on each language's downloads
page; an add-on's carries its brand and its contacts first.

The site is built once, as `make pdf` builds it; what is expected comes from the data the
tests run on (each language's view of it), never from counts written here."""

from __future__ import annotations

import html
import re

import pytest
from pypdf import PdfReader

from conftest import build_site, copy_project, language_folders
from html_links import check_site
from macros.configuration import project_of
from macros.i18n import ENGLISH
from macros.stages.load import load


@pytest.fixture(scope="module")
def pdf_site(tmp_path_factory):
    """The project's site with its PDF editions, as `make pdf` builds it."""
    project = copy_project(tmp_path_factory.mktemp("pdf-build"))
    result = build_site(project, pdf=True)
    assert result.returncode == 0, result.stdout + result.stderr
    return project, project / "site", result.stderr


def languages(site) -> list[str]:
    return [ENGLISH, *language_folders(site)]


def words(text: str) -> str:
    """Text as a reader searches it: one space between words, however lines broke."""
    return " ".join(text.split())


def edition(project, site, language):
    """The language's PDF, opened; its text a page, and the language's view of the data
    (its site: the knowledge base as that language's pages show it)."""
    folder = site if language == ENGLISH else site / language
    reader = PdfReader(folder / "pdf" / f"pcve-mental-health-kb-{language}.pdf")
    config = project / ("mkdocs.yml" if language == ENGLISH else f".mkdocs.{language}.yml")
    return reader, [words(page.extract_text()) for page in reader.pages], \
        load(project_of(config))


def outline_titles(outline) -> list[str]:
    found = []
    for item in outline:
        found += outline_titles(item) if isinstance(item, list) else [words(item.title)]
    return found


@pytest.mark.parametrize("language", [ENGLISH, "fr", "de"])
def test_each_language_has_a_pdf_with_contents_page_numbers_and_an_outline(pdf_site,
                                                                          language):
    project, site, _ = pdf_site
    assert language in languages(site)
    reader, pages, view = edition(project, site, language)
    _ = view.environment.globals["_"]
    kb = view.kb
    parts = [theme for theme in kb.collections["themes"] if theme.level != "topic"]
    # The title page: the site's name and version, in fr and de whose translation it is.
    name = reader.metadata.title
    # (spaces aside: a name that wraps after "P/" is extracted as "P/ CVE")
    assert name and pages[0].replace(" ", "").startswith(words(name).replace(" ", ""))
    assert "unversioned" in pages[0]
    if language != ENGLISH:
        notice = "This edition is the editors' own translation, made from the English; " \
                 "the authors of the sources have not reviewed it."
        assert words(_(notice).unescape()) in pages[0]
    # The contents: each part with the page it starts on, which holds its title.
    contents = next(page for page in pages[:3] if page.startswith(words(_("Contents"))))
    for theme in parts:
        found = re.search(re.escape(words(str(theme.title))) + r" ?\.{3,} ?(\d+)", contents)
        assert found, (language, theme.id)
        assert words(str(theme.title)) in pages[int(found.group(1)) - 1], (language, theme.id)
    # The outline (a viewer's bookmarks): every part, and what is in it.
    titles = outline_titles(reader.outline)
    assert words(_("Contents")) in titles
    for theme in parts:
        assert words(str(theme.title)) in titles, (language, theme.id)


@pytest.mark.parametrize("language", [ENGLISH, "fr", "de"])
def test_each_pdf_holds_every_theme_and_practice_with_advice_before_the_apparatus(
        pdf_site, language):
    project, site, _ = pdf_site
    reader, pages, view = edition(project, site, language)
    text = " ".join(pages)
    kb = view.kb
    for theme in kb.collections["themes"]:
        assert words(str(theme.title)) in text, (language, theme.id)
    for practice in kb.collections["practices"]:
        assert words(str(practice.name)) in text, (language, practice.id)
    # The guidance first, the meetings and the editors' notes after, as on the site (the
    # parts: the outline's first level).
    titles = [words(item.title) for item in reader.outline if not isinstance(item, list)]
    _ = view.environment.globals["_"]
    order = [titles.index(words(str(kb.collections["themes"][0].title))),
             titles.index("Help the Helper"), titles.index(words(_("Practices"))),
             titles.index(words(_("Meetings and papers"))),
             titles.index(words(_("Editorial notes")))]
    assert order == sorted(order)


def test_the_links_of_a_pdf_lead_inside_it_or_to_a_website(pdf_site):
    project, site, _ = pdf_site
    reader, _pages, _view = edition(project, site, ENGLISH)
    inside, outside = 0, []
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            link = annotation.get_object()
            if link.get("/Subtype") != "/Link":
                continue
            if "/Dest" in link:
                inside += 1
            else:
                outside.append(link["/A"].get("/URI"))
    assert inside > len(reader.pages)  # cross-references, glossary terms, the contents
    # No link to a page of a site the PDF has no address for (a relative link).
    assert all(re.match(r"(https?:|mailto:|tel:)", str(uri)) for uri in outside), outside


@pytest.mark.parametrize("offering", ["downloads", "print"])
def test_each_languages_downloads_and_print_pages_offer_its_own_pdf_with_its_size(
        pdf_site, offering):
    project, site, said = pdf_site
    for language in languages(site):
        folder = site if language == ENGLISH else site / language
        page = (folder / offering / "index.html").read_text(encoding="utf-8")
        name = f"pcve-mental-health-kb-{language}.pdf"
        # "(83 pages, 0.3 MB)", "(96 pages, 0,4 Mo)": its pages counted, its size
        offer = re.search(r'<a href="\.\./pdf/' + re.escape(name) + r'">[^<]+</a> '
                          r"\((\d+) \w+, \d+[.,]\d M[Bo]\)", html.unescape(page))
        assert offer, language
        assert int(offer.group(1)) == len(PdfReader(folder / "pdf" / name).pages)
        assert f"PDF edition ({language}): {name}" in said
    # Every link of the site opens a file, the PDFs included.
    assert check_site(site) == []


def test_a_site_built_without_pdfs_does_not_offer_one_and_its_print_page_says_so(built):
    site, _ = built
    for language in languages(site):
        folder = site if language == ENGLISH else site / language
        assert not (folder / "pdf").exists()
        assert ".pdf" not in (folder / "downloads" / "index.html").read_text(encoding="utf-8")
        printing = (folder / "print" / "index.html").read_text(encoding="utf-8")
        assert ".pdf" not in printing, language
        if language == ENGLISH:
            assert "This copy of the site was built without it" in printing


@pytest.mark.builds  # it makes a PDF of its own (WeasyPrint, which `make test` installs)
def test_an_addons_pdf_carries_its_name_logo_and_contacts_before_the_contents(tmp_path):
    from macros.pdf import make_edition

    project = copy_project(tmp_path)
    addon = project / "examples" / "local-addon"
    addon_project = project_of(addon / "mkdocs.yml")
    made = make_edition(addon_project, load(addon_project))
    assert made.name == "local-addon-en.pdf"
    (tmp_path / made.name).write_bytes(made.content)
    reader = PdfReader(tmp_path / made.name)
    pages = [words(page.extract_text()) for page in reader.pages]
    view = load(project_of(addon / "mkdocs.yml"))
    assert pages[0].startswith("Example Health Service · Mental health in P/CVE")
    contents = next(number for number, page in enumerate(pages) if page.startswith("Contents"))
    for contact in view.source_kb.collections["contacts"]:
        first = next(number for number, page in enumerate(pages) if contact.name in page)
        assert first < contents, contact.id
    # The contacts' links work: phone, e-mail and web address.
    links = [annotation.get_object().get("/A", {}).get("/URI")
             for annotation in reader.pages[first].get("/Annots") or []]
    assert {str(uri).split(":")[0] for uri in links if uri} == {"tel", "mailto", "https"}
    # The brand's primary colour (#00695c) draws the title page's band and the headings.
    assert b"0 0.411765 0.360784 rg" in reader.pages[0].get_contents().get_data()


def test_a_books_links_lead_inside_it_to_the_site_or_nowhere():
    from macros.pdf import book_links

    page = ('<h2 id="ethics">Ethics</h2><p id="hayat">HAYAT</p>'
            '<a href="practices.md#hayat">1</a> <a href="../practices/#hayat">2</a> '
            '<a href="themes/ethics.md">3</a> <a href="../themes/ethics/#gone">4</a> '
            '<a href="for/among-colleagues.md">5</a> <a href="https&#58;//example.org/">6</a> '
            '<a href="mailto&#58;desk@example.org">7</a> <a href="../../../etc/">8</a>')
    pages = {"themes/ethics.md": "ethics"}
    assert book_links(page, pages, None).split("</p>")[1] == (
        '<a href="#hayat">1</a> <a href="#hayat">2</a> <a href="#ethics">3</a> '
        '<a href="#ethics">4</a> 5 <a href="https&#58;//example.org/">6</a> '
        '<a href="mailto&#58;desk@example.org">7</a> 8')
    online = book_links(page, pages, "https://kb.example.org/fr/")
    assert '<a href="https://kb.example.org/fr/for/among-colleagues/">5</a>' in online


@pytest.mark.builds  # it lays out a page with WeasyPrint, which `make test` installs
def test_the_pdf_maker_reads_no_file_outside_its_folders_and_nothing_from_the_network(
        tmp_path):
    from macros.pdf import render_pdf

    (tmp_path / "logo.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>')
    allowed = tmp_path / "assets"
    allowed.mkdir()
    for source in ("http://127.0.0.1:9/x.png", (tmp_path / "logo.svg").as_uri(),
                   allowed.as_uri() + "/..%2Flogo.svg"):
        with pytest.raises(SystemExit, match="which it may not read"):
            render_pdf(f'<p>x</p><img src="{source}">', [allowed])
    (allowed / "logo.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>')
    assert render_pdf(f'<img src="{(allowed / "logo.svg").as_uri()}">', [allowed])[0]
