"""`python -m macros addon-new FOLDER`: a working add-on, in a folder of the host's choosing.

The add-on's files come from `templates/addon/`, with the paths that lead back to this
upstream project written in full, so the add-on works wherever its folder is.
"""

from __future__ import annotations

import os
from pathlib import Path

import jinja2

from .problems import printable

TEMPLATES = Path(__file__).parent / "templates" / "addon"
# The upstream folders a build reads: an add-on written into one would change every site.
BUILT_FROM = ("data", "docs", "macros")


def write_addon(folder: Path, upstream: Path) -> list[Path]:
    """Write the add-on into `folder` (which must not hold one already); returns its files."""
    folder, upstream = folder.resolve(), upstream.resolve()
    for path in (folder, upstream):
        # The paths are written into the add-on's settings, some in comments: a newline
        # would start a setting of its own (`site_name: …`).
        if not str(path).isprintable():
            raise SystemExit(f"addon-new: {printable(path, 600)} has a line break or control "
                             "character in its name; choose a folder without one")
    inside = folder.relative_to(upstream).parts if upstream in folder.parents else ()
    if folder == upstream or inside and (inside[0] in BUILT_FROM
                                         or inside[0].startswith("overrides")):
        raise SystemExit(f"addon-new: {printable(folder, 600)} is the project or one of the "
                         "folders its site is built from; an add-on lives in a folder of its "
                         "own (in examples/, or outside the project)")
    if (folder / "mkdocs.yml").exists():
        raise SystemExit(f"addon-new: {printable(folder, 600)} already holds an add-on "
                         "(mkdocs.yml); choose a new folder")
    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES),
                                     undefined=jinja2.StrictUndefined,
                                     keep_trailing_newline=True)
    schema = upstream / "schema" / "knowledge-base.schema.json"
    written = []
    for template in sorted(TEMPLATES.rglob("*")):
        if not template.is_file():
            continue
        name = template.relative_to(TEMPLATES).as_posix()
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        text = environment.get_template(name).render(
            addon=str(folder), upstream=upstream.as_posix(),
            schema=os.path.relpath(schema, target.parent))
        target.write_text(text, encoding="utf-8")
        written.append(target)
    return written
