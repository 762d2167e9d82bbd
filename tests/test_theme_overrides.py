"""Theme overrides change only what they say they change, so a Material upgrade that edits
the same partial is noticed instead of silently lost."""

import re
from pathlib import Path

import material

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
