"""Stage 3 of the build, compile: a staging copy of `docs/`, with the pages the data needs added.

Practices and meetings or papers have a page each (`site_map.generated_pages`). Rather than
asking contributors to write thousands of one-line files, the build copies `docs/` into a
folder of its own and writes them there, each a one-line call to a page macro
(`{{ entry_page("id") }}`, the id validated as a slug: no data text reaches the engine as
a template). Then every engine builds the copy: MkDocs, ProperDocs and Zensical alike (an
engine's own hooks would not do: Zensical runs none). The copy is rewritten from scratch on
build, and removed after it (`staged`); `docs/` itself is never written.
"""

from __future__ import annotations

import contextlib
import hashlib
import shutil
from collections.abc import Iterator
from pathlib import Path

import yaml

from .. import site_map
from ..configuration import SOURCE_DOCS_KEY, Project, read_config
from ..knowledge_base import KnowledgeBase
from ..problems import DataError, Problem

FOLDER = "build/staging"  # under the project's folder, where Zensical requires docs_dir
STAGED = ".staged"  # `mkdocs.yml` builds from `.mkdocs.staged.yml`, written beside it


def stage(kb: KnowledgeBase, docs: Path, site_dir: Path) -> Path:
    """The staging copy of `docs` for a build into `site_dir`: its own folder, so that two
    builds (a preview and a test, say) never write into each other's copy."""
    key = hashlib.sha256(str(site_dir.resolve()).encode()).hexdigest()[:12]
    staged = docs.parent / FOLDER / key / docs.name
    shutil.rmtree(staged, ignore_errors=True)
    shutil.copytree(docs, staged)
    problems = []
    for page, call, entry_id in site_map.generated_pages(kb):
        target = staged / page
        if target.exists() and entry_id is None:  # a list's part: docs/ was not ours
            raise SystemExit(f"{docs.name}/{page} is where the build writes a part of a "
                             "long list; move that page elsewhere")
        if target.exists():  # written by hand, or a list's part: the entry's would replace it
            located = kb.locate(entry_id)
            whose = "which is written by hand" if (docs / page).exists() else \
                "where a long list goes on"
            problems.append(Problem(located.file, located.line, entry_id, "id",
                                    f"its page would replace {docs.name}/{page}, {whose}; "
                                    "choose another id for this entry"))
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(f"{{{{ {call} }}}}\n", encoding="utf-8")
    if problems:
        raise DataError(problems)
    return staged


def staged_config(config_file: Path, staged: Path, docs: Path) -> Path:
    """A configuration beside `config_file` that INHERITs it and builds from `staged`: the
    generated pages stay out of the navigation (which stays as small as it is), and the
    project's own `docs/` is named for the macros (`configuration.source_docs`)."""
    settings = read_config(config_file)
    not_in_nav = "\n".join([*(settings.get("not_in_nav") or "").splitlines(),
                            *site_map.generated_patterns()])
    child = {"INHERIT": config_file.name, "docs_dir": str(staged),
             "not_in_nav": not_in_nav + "\n", "extra": {SOURCE_DOCS_KEY: str(docs)}}
    written = config_file.parent / f".{config_file.stem}{STAGED}.yml"
    written.write_text("# Written by `python -m macros build`: builds from the staging copy "
                       "of docs/; not edited.\n"
                       + yaml.safe_dump(child, sort_keys=False, allow_unicode=True),
                       encoding="utf-8")
    return written


@contextlib.contextmanager
def staged(kb: KnowledgeBase, project: Project, site_dir: Path) -> Iterator[Path]:
    """For the time of a build into `site_dir`: the configuration that builds from a
    staging copy of the project's `docs/` (`stage`, `staged_config`); the copy is removed
    afterwards."""
    copy = stage(kb, project.docs_dir, site_dir)
    try:
        yield staged_config(project.config_file, copy, project.docs_dir)
    finally:
        shutil.rmtree(copy.parent, ignore_errors=True)
        with contextlib.suppress(OSError):  # the last build's: nothing left in build/
            copy.parent.parent.rmdir()
