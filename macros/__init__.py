"""The knowledge base's code, and the module that site engines load for the macros plugin.

Everything of substance lives in plain modules: `model` (the data model), `validate`
(loading and checking `data/`), `knowledge_base` (entries and back-links), `site_map`
(where each entry lives), `render` and `templates/` (how it looks), `site` (the macros
pages call), `export` (open data files). `engines/` connects them to each site engine, and
`build` (`python -m macros build`) runs the five stages in `stages/`: load, check, compile
the pages, render them with an engine, publish the files that follow them.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

_HERE = Path(__file__).resolve().parent


def _package():
    """This package, imported by its name. Zensical executes this file by its path, once a
    page, without registering the package, so relative imports would fail and nothing would
    be kept from one page to the next; the package registered once serves every page."""
    package = sys.modules.get("macros")
    location = getattr(package, "__file__", None)  # None: not imported yet, or another macros
    if location is None or Path(location).resolve().parent != _HERE:
        spec = importlib.util.spec_from_file_location(
            "macros", _HERE / "__init__.py", submodule_search_locations=[str(_HERE)])
        package = importlib.util.module_from_spec(spec)
        sys.modules["macros"] = package
        spec.loader.exec_module(package)
    return package


def define_env(env) -> None:
    """The macros plugin's hook (mkdocs-macros, or Zensical's implementation of it)."""
    _package()
    importlib.import_module("macros.engines").define_env(env)
