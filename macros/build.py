"""`python -m macros build --engine mkdocs|zensical|properdocs`: the one way the site is built,
in five stages, one module each in `stages/`, run top to bottom by `build`.

Run it with the Python that has the engine installed (the Makefile keeps one virtual
environment an engine): the engine runs in this process, so the knowledge base it loaded
for the pages is the one the downloads are written from.
"""

from __future__ import annotations

from pathlib import Path

from .configuration import project_of, site_dir_of
from .engines import ENGINES
from .problems import DataError
from .stages.check import check
from .stages.compile import staged
from .stages.load import knowledge_base
from .stages.publish import publish
from .stages.render import render


def build(engine: str, config_file: Path, site_dir: Path | None = None,
          pdf: bool = False) -> None:
    """Build the site of `config_file` (mkdocs.yml, or an add-on's) into `site_dir`."""
    if engine not in ENGINES:
        raise SystemExit(f"unknown engine '{engine}'; known: {', '.join(ENGINES)}")
    site_dir = (site_dir or site_dir_of(config_file)).resolve()
    # 1. load: the project its configuration describes; its data, loaded and validated
    #    (each language's macros are made from it when the engine first asks, in 4)
    project = project_of(config_file)
    kb = knowledge_base(project)
    # 2. check: translations, interface strings and an add-on's settings
    check(project)
    try:
        # 3. compile: a staging copy of docs/, with a page for each practice and meeting,
        #    and the further pages of long lists
        with staged(kb, project, site_dir) as staged_config:
            # 4. render: each language's pages with the engine (and its PDF, with `pdf`)
            rendered = render(engine, project, staged_config, site_dir, pdf)
    except DataError as error:
        raise SystemExit(f"The site was not built.\n{error}") from None
    # 5. publish: downloads, PDF editions, sitemaps, "not found" pages, security policy
    publish(engine, project, site_dir, rendered)
