"""The JSON Schema of a data file, generated from the typed model so the two never drift."""

from __future__ import annotations

from dataclasses import dataclass

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


@dataclass(frozen=True)
class FieldDoc:
    name: str
    type: str
    required: bool
    description: str


@dataclass(frozen=True)
class CollectionDoc:
    name: str
    kind: str
    description: str
    fields: list[FieldDoc]


def _describe(prop: dict, defs: dict) -> str:
    """A schema property in a contributor's words: 'list of theme ids', 'one of: a, b'."""
    options = [p for p in prop.get("anyOf", []) if p.get("type") != "null"]
    if options:
        return _describe({**options[0], **{k: v for k, v in prop.items() if k != "anyOf"}}, defs)
    if "x-references" in prop:
        return f"id of an entry in {' or '.join(prop['x-references']) or 'any collection'}"
    if "$ref" in prop:
        name = prop["$ref"].rsplit("/", 1)[-1]
        return f"{name} ({', '.join(defs[name]['properties'])})"
    if prop.get("type") == "array":
        return f"list of: {_describe(prop['items'], defs)}"
    if "enum" in prop:
        values = prop["enum"]
        return "ISO 3166-1 country code" if len(values) > 50 else "one of: " + ", ".join(values)
    if "pattern" in prop and prop.get("maxLength") == 80:
        return "id (lowercase letters, digits, hyphens)"
    if "pattern" in prop:
        return "date: YYYY, YYYY-MM or YYYY-MM-DD"
    return {"string": "text", "integer": "whole number", "boolean": "true or false"}.get(
        prop.get("type", ""), prop.get("type", "value"))


def collection_docs() -> list[CollectionDoc]:
    """Every collection and its fields, read from the JSON Schema the editors also use."""
    schema = knowledge_base_schema()
    defs = schema["$defs"]
    docs = []
    for name, model in COLLECTIONS.items():
        definition = defs[model.__name__]
        required = set(definition.get("required", []))
        fields = [FieldDoc(field, _describe(prop, defs), field in required,
                           " ".join(prop.get("description", "").split()))
                  for field, prop in definition["properties"].items()]
        docs.append(CollectionDoc(name, model.kind, " ".join((model.__doc__ or "").split()),
                                  fields))
    return docs
