"""Every string of the site's own that a reader may see in English, gathered from where the
site writes it: what an interface file translates, for `validate` to list what a language
still lacks."""

from __future__ import annotations

from .folders import TEMPLATES
from .knowledge_base import KnowledgeBase
from .proposal import form_fields
from .render import LINK_WORDS, VALUE_LABELS, make_environment
from .script_words import SCRIPTS, script_words


def interface_messages() -> list[str]:
    """Every string of the site's own that a reader may see in English: what the page
    templates write (`_()` and `{% trans %}`), the labels of values they describe, the words
    of the proposal form's fields, and what the page scripts write. What an interface file
    translates, for `validate` to list what a language still lacks."""
    environment = make_environment()
    found = [*VALUE_LABELS.values(), *LINK_WORDS.values(), "details"]
    for path in sorted(TEMPLATES.rglob("*.md")):
        for _line, _function, message in environment.extract_translations(
                path.read_text(encoding="utf-8")):
            found += [text for text in (message if isinstance(message, tuple) else [message])
                      if isinstance(text, str)]
    for fields in form_fields(KnowledgeBase([], [])).values():
        found += [text for one in fields for text in (one.label, one.hint) if text]
    for script in sorted(SCRIPTS.glob("*.js")):
        found += script_words(script.stem)
    return list(dict.fromkeys(found))
