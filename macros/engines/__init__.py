"""The glue between the knowledge base and each site engine, one small module an engine:
`mkdocs` (MkDocs 1.x, through mkdocs-macros). Each offers `define_env(env)`, which the
engine calls, and `build(...)`, which `python -m macros build` calls. Nothing outside this
folder knows which engine runs."""

from __future__ import annotations

import importlib

ENGINES = ("mkdocs",)


def glue_module(engine: str):
    """The glue for an engine's name."""
    return importlib.import_module(f"{__name__}.{engine}")


def define_env(env) -> None:
    """Hand the macros plugin's `env` to its engine's glue."""
    glue_module("mkdocs").define_env(env)
