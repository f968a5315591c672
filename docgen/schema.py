"""JSON Schema of the case file of each act type, generated from the models."""

from __future__ import annotations

import json
from typing import Any

from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema

from .i18n import translate
from .models.common import Labelled
from .validation import act_model


class _CaseSchema(GenerateJsonSchema):
    """Docstrings stay developer notes; enumerations carry their labels as ``x-labels``."""

    def enum_schema(self, schema: core_schema.EnumSchema) -> JsonSchemaValue:
        result = super().enum_schema(schema)
        result.pop("description", None)
        enum = schema["cls"]
        if issubclass(enum, Labelled):
            result["x-labels"] = dict(enum.labels())
        return result

    def model_schema(self, schema: core_schema.ModelSchema) -> JsonSchemaValue:
        result = super().model_schema(schema)
        result.pop("description", None)
        return result


def json_schema(act_type: str, *, lang: str | None = None) -> dict[str, Any]:
    """Return the JSON Schema of a case of ``act_type``.

    Titles and enumeration labels (``x-labels``) are English message ids; with ``lang`` they
    are translated, for forms and sheets. A field the law requires carries ``x-paragraph``.
    """
    model = act_model(act_type)
    schema = model.model_json_schema(schema_generator=_CaseSchema)
    schema.pop("description", None)
    for definition in schema.get("$defs", {}).values():
        definition.pop("description", None)
    schema["title"] = model.title
    schema["x-act-type"] = act_type
    if lang is not None:
        _translate(schema, lang)
    return schema


def _translate(node: Any, lang: str) -> None:
    if isinstance(node, dict):
        if isinstance(node.get("title"), str):
            node["title"] = translate(node["title"], lang)
        labels = node.get("x-labels")
        if isinstance(labels, dict):
            node["x-labels"] = {key: translate(text, lang) for key, text in labels.items()}
        for key, value in node.items():
            if key != "x-labels":
                _translate(value, lang)
    elif isinstance(node, list):
        for item in node:
            _translate(item, lang)


def schema_file_text(act_type: str) -> str:
    """Return the text of ``schemas/<act_type>.schema.json`` as committed."""
    return json.dumps(json_schema(act_type), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
