"""The macros that pages in `docs/` call, as plain Python: `Site(kb).theme_page(page, id)`.

Each returns Markdown rendered from a template. Pages pass only ids; all text is looked up
here, so no data ever passes through the page's own template rendering.
"""

from __future__ import annotations

from markupsafe import Markup

from .knowledge_base import KnowledgeBase
from .model import COLLECTIONS, Theme
from .render import PageRenderer, make_environment


class Site:
    # The names a page may call, e.g. `{{ theme_page("lone-actors") }}`.
    PAGE_MACROS = ("theme_page", "catalogue", "help_the_helper", "caring_for_caregivers",
                   "about", "home")

    def __init__(self, kb: KnowledgeBase):
        self.kb = kb
        self.environment = make_environment()

    def _render(self, page: str, template: str, **context) -> Markup:
        return PageRenderer(self.kb, self.environment, page).render(template, **context)

    def theme_page(self, page: str, theme_id: str) -> Markup:
        theme = self.kb.get(theme_id) if theme_id in self.kb else None
        if not isinstance(theme, Theme) or theme.level == "topic":
            raise ValueError(f"{page}: theme_page('{theme_id}'): no main theme or subtheme "
                             "has this id")
        return self._render(page, "pages/theme.md", theme=theme)

    def catalogue(self, page: str, collection: str) -> Markup:
        if collection not in COLLECTIONS:
            raise ValueError(f"{page}: catalogue('{collection}'): unknown collection; "
                             f"known: {', '.join(COLLECTIONS)}")
        return self._render(page, f"pages/{collection}.md",
                            entries=self.kb.collections[collection])

    def help_the_helper(self, page: str) -> Markup:
        return self._render(page, "pages/help_the_helper.md")

    def caring_for_caregivers(self, page: str) -> Markup:
        return self._render(page, "pages/caring_for_caregivers.md")

    def about(self, page: str) -> Markup:
        return self._render(page, "pages/about.md")

    def home(self, page: str) -> Markup:
        return self._render(page, "pages/home.md")
