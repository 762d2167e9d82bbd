"""The glue between the knowledge base and each site engine, one small module an engine:
`mkdocs` (MkDocs 1.x and ProperDocs, through mkdocs-macros) and `zensical`. Each offers
`define_env(env)`, which the engine calls; `build(...)`, which the render stage calls
(`stages.render.run_engine`); and `theme_templates()`, the theme's templates, whose inline
scripts the publish stage allows (`csp`). What differs between engines is kept here."""

from __future__ import annotations

import importlib

ENGINES = ("mkdocs", "zensical", "properdocs")


def glue_module(engine: str):
    """The glue for an engine's name (ProperDocs shares MkDocs')."""
    return importlib.import_module(f"{__name__}.{'zensical' if engine == 'zensical' else 'mkdocs'}")


def define_env(env) -> None:
    """Hand the macros plugin's `env` to its engine's glue, told apart by the class of `env`:
    Zensical's own, or mkdocs-macros' plugin."""
    engine = "zensical" if type(env).__module__.startswith("zensical") else "mkdocs"
    glue_module(engine).define_env(env)
