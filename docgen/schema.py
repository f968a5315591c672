"""JSON Schema of the case file of each act type, generated from the models."""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema

from .i18n import translate
from .models.common import Labelled
from .validation import act_model

JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


class _CaseSchema(GenerateJsonSchema):
    """Docstrings stay developer notes; enumerations carry their labels as ``x-labels``; parts
    and enumerations are titled by catalog ids (``part_title``, ``labelled(title=…)``)."""

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


def part_titles(model: type[BaseModel]) -> dict[str, str]:
    """Return the catalog id of the title of every part and enumeration ``model`` uses, by the
    name the JSON Schema's ``$defs`` gives it (the class name)."""
    found: dict[str, str] = {}

    def visit(annotation: Any) -> None:
        if isinstance(annotation, type) and issubclass(annotation, Labelled):
            title = annotation.list_title()
            if title is not None:
                found[annotation.__name__] = title
        elif isinstance(annotation, type) and issubclass(annotation, BaseModel):
            if annotation.__name__ in found:
                return
            title = getattr(annotation, "part_title", None)
            found[annotation.__name__] = title if isinstance(title, str) else annotation.__name__
            for field in annotation.model_fields.values():
                visit(field.annotation)
        for argument in getattr(annotation, "__args__", ()):
            visit(argument)

    visit(model)
    return found


def json_schema(act_type: str, *, lang: str | None = None) -> dict[str, Any]:
    """Return the JSON Schema of a case of ``act_type``.

    Titles, descriptions (what to write in each field, with an example) and enumeration labels
    (``x-labels``) are English message ids; with ``lang`` they are translated, for forms and
    sheets. A field the law requires carries ``x-paragraph``.
    """
    model = act_model(act_type)
    schema = model.model_json_schema(schema_generator=_CaseSchema)
    schema.pop("description", None)
    titles = part_titles(model)
    for name, definition in schema.get("$defs", {}).items():
        definition.pop("description", None)
        if name in titles:
            definition["title"] = titles[name]
    schema["title"] = model.title
    schema["x-act-type"] = act_type
    schema = {"$schema": JSON_SCHEMA_DIALECT, **schema}
    if lang is not None:
        _translate(schema, lang)
    return schema


def _translate(node: Any, lang: str) -> None:
    if isinstance(node, dict):
        for key in ("title", "description"):
            if isinstance(node.get(key), str):
                node[key] = translate(node[key], lang)
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
