"""Theme overrides change only what they say they change, so a Material upgrade that edits
the same partial is noticed instead of silently lost."""

import re
from pathlib import Path

import material
import pytest

from conftest import ROOT

MATERIAL = Path(material.__file__).parent / "templates"


def strip_comment_header(text: str) -> str:
    return text.split("-#}\n", 1)[1] if text.startswith("{#") else text


def test_the_search_partial_differs_from_materials_only_by_the_dialog_name():
    upstream = strip_comment_header((MATERIAL / "partials" / "search.html").read_text())
    ours = strip_comment_header((ROOT / "overrides" / "partials" / "search.html").read_text())
    dialog = '<div class="md-search" data-md-component="search" role="dialog"'
    assert ours == upstream.replace(dialog, dialog + " aria-label=\"{{ lang.t('search') }}\"", 1)
    assert ours != upstream


def zensical_templates() -> Path:
    """The templates of the pinned Zensical, in the environment the Makefile installs it in."""
    found = sorted((ROOT / ".venv-zensical").glob("lib/python*/site-packages/zensical/templates"))
    assert found, "run `make test`, which installs Zensical in .venv-zensical"
    return found[0]


def test_the_zensical_actions_partial_differs_from_zensicals_only_by_the_data_edit_link():
    upstream = strip_comment_header((zensical_templates() / "partials" / "actions.html")
                                    .read_text())
    ours = strip_comment_header((ROOT / "overrides-zensical" / "partials" / "actions.html")
                                .read_text())
    choice = "{% set edit_url = page.meta.edit_url or page.edit_url %}\n"
    assert ours == choice + upstream.replace("page.edit_url", "edit_url")


def test_the_footer_says_the_same_on_every_engine_but_for_the_engines_name():
    material = strip_comment_header((ROOT / "overrides" / "partials" / "copyright.html")
                                    .read_text())
    zensical = strip_comment_header((ROOT / "overrides-zensical" / "partials" /
                                     "copyright.html").read_text())
    assert zensical == material.replace("Material for MkDocs", "Zensical")


@pytest.mark.engines  # reads Zensical's installed templates
def test_the_repository_link_is_materials_without_the_request_for_repository_facts():
    for engine_templates, ours in ((MATERIAL, ROOT / "overrides"),
                                   (zensical_templates(), ROOT / "overrides-zensical")):
        upstream = strip_comment_header((engine_templates / "partials" / "source.html")
                                        .read_text())
        mine = strip_comment_header((ours / "partials" / "source.html").read_text())
        assert mine == upstream.replace(' data-md-component="source"', "")
        assert 'data-md-component="source"' in upstream

def config_block(text: str) -> str:
    return text[text.index("{% block config %}"):text.index("{% endblock %}", text.index(
        "{% block config %}"))]


def test_the_main_template_differs_from_materials_only_by_the_search_worker():
    upstream = config_block((MATERIAL / "base.html").read_text())
    ours = config_block((ROOT / "overrides" / "main.html").read_text())
    worker = re.search(r'"search": "assets/javascripts/workers/(search\.\w+\.min\.js)" \| url',
                       upstream)
    assert worker, "Material names its search worker differently now"
    wrapped = ('"search": ("assets/javascripts/workers/kb-search.js" | url) ~ '
               f'"?material={worker.group(1)}"')
    assert ours == upstream.replace(worker.group(0), wrapped)
    assert (MATERIAL / "assets" / "javascripts" / "workers" / worker.group(1)).is_file()
