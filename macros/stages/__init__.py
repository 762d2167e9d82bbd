"""The stages of `python -m macros build`, one module each, run in this order by
`macros/build.py`: `load`, `check`, `compile` (the pages to build), `render` (an engine a
language) and `publish` (what follows the pages)."""
