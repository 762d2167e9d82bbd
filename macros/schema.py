"""The JSON Schema of a data file, generated from the typed model so the two never drift."""

from __future__ import annotations

from pydantic.json_schema import models_json_schema

from .model import COLLECTIONS

SCHEMA_ID = "knowledge-base.schema.json"


def knowledge_base_schema() -> dict:
    """One schema for every data file: a mapping of collection names to lists of entries."""
    _, top = models_json_schema([(model, "validation") for model in COLLECTIONS.values()],
                                ref_template="#/$defs/{model}")
    properties = {
        name: {
            "type": "array",
            "description": (model.__doc__ or model.kind).strip().splitlines()[0],
            "items": {"$ref": f"#/$defs/{model.__name__}"},
        }
        for name, model in COLLECTIONS.items()
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "A data file of the P/CVE mental health knowledge base",
        "type": "object",
        "additionalProperties": False,
        "properties": properties,
        "$defs": top["$defs"],
    }
