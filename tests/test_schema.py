"""The JSON Schemas: generated from the models, committed, never stale."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema_rs
import pytest

from docgen import ACT_TYPES, ActValidationError, read_case_file, validate
from docgen.schema import json_schema, schema_file_text

SCHEMAS = Path(__file__).resolve().parent.parent / "schemas"


@pytest.mark.parametrize("act_type", ACT_TYPES)
def test_committed_schema_is_current(act_type: str) -> None:
    path = SCHEMAS / f"{act_type}.schema.json"
    assert path.is_file(), "run python scripts/build_schemas.py"
    assert path.read_text(encoding="utf-8") == schema_file_text(act_type), (
        f"{path.name} is stale: run python scripts/build_schemas.py"
    )


@pytest.mark.parametrize("act_type", ACT_TYPES)
def test_schema_forbids_unknown_fields(act_type: str) -> None:
    schema = json_schema(act_type)
    assert schema["additionalProperties"] is False
    for name, definition in schema.get("$defs", {}).items():
        if definition.get("type") == "object":
            assert definition["additionalProperties"] is False, name


def test_mandatory_fields_cite_their_paragraph() -> None:
    schema = json_schema("ekspertiza")
    for name in ("objects", "materials", "facts", "questions", "expert", "grounds", "time"):
        assert schema["properties"][name]["x-paragraph"] == "26", name
        assert name in schema["required"]


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_localized_schema_translates_titles_and_labels(lang: str) -> None:
    english = json_schema("protest")
    localized = json_schema("protest", lang=lang)
    assert localized["title"] != english["title"]
    labels = localized["$defs"]["BodyLevel"]["x-labels"]
    assert set(labels) == {"central", "oblast", "district"}
    assert labels["central"] != english["$defs"]["BodyLevel"]["x-labels"]["central"]


# -- schemas a form builder can trust: standard JSON Schema 2020-12 --------------------------

SCHEMAS = Path(__file__).resolve().parent.parent / "schemas"
EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

# The keywords of the 2020-12 vocabularies (core, applicator, unevaluated, validation,
# meta-data, format-annotation, content); anything else must be an ``x-`` extension.
KEYWORDS = frozenset(
    [
        "$schema",
        "$id",
        "$ref",
        "$anchor",
        "$dynamicRef",
        "$dynamicAnchor",
        "$vocabulary",
        "$comment",
        "$defs",
        "allOf",
        "anyOf",
        "oneOf",
        "not",
        "if",
        "then",
        "else",
        "dependentSchemas",
        "prefixItems",
        "items",
        "contains",
        "properties",
        "patternProperties",
        "additionalProperties",
        "propertyNames",
        "unevaluatedItems",
        "unevaluatedProperties",
        "type",
        "enum",
        "const",
        "multipleOf",
        "maximum",
        "exclusiveMaximum",
        "minimum",
        "exclusiveMinimum",
        "maxLength",
        "minLength",
        "pattern",
        "maxItems",
        "minItems",
        "uniqueItems",
        "maxContains",
        "minContains",
        "maxProperties",
        "minProperties",
        "required",
        "dependentRequired",
        "title",
        "description",
        "default",
        "deprecated",
        "readOnly",
        "writeOnly",
        "examples",
        "format",
        "contentEncoding",
        "contentMediaType",
        "contentSchema",
    ]
)
SCHEMA_MAPS = ("properties", "patternProperties", "$defs", "dependentSchemas")
SCHEMA_LISTS = ("allOf", "anyOf", "oneOf", "prefixItems")
SCHEMA_VALUES = (
    "not",
    "if",
    "then",
    "else",
    "items",
    "contains",
    "additionalProperties",
    "propertyNames",
    "unevaluatedItems",
    "unevaluatedProperties",
    "contentSchema",
)


def unknown_keywords(node: Any, where: str = "#") -> list[str]:
    """Return ``where/keyword`` for every keyword of a schema node that JSON Schema 2020-12
    does not define and that is not an ``x-`` extension."""
    if not isinstance(node, dict):
        return []
    found = [f"{where}/{key}" for key in node if key not in KEYWORDS and not key.startswith("x-")]
    for key, value in node.items():
        if key in SCHEMA_MAPS and isinstance(value, dict):
            for name, sub in value.items():
                found += unknown_keywords(sub, f"{where}/{key}/{name}")
        elif key in SCHEMA_LISTS and isinstance(value, list):
            for index, sub in enumerate(value):
                found += unknown_keywords(sub, f"{where}/{key}/{index}")
        elif key in SCHEMA_VALUES:
            found += unknown_keywords(value, f"{where}/{key}")
    return found


def committed(act_type: str) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(
        (SCHEMAS / f"{act_type}.schema.json").read_text(encoding="utf-8")
    )
    return loaded


def test_unknown_keywords_are_found() -> None:
    bad = {"properties": {"x": {"anyOf": [{"type": "number", "ge": 0}]}}, "max_digits": 2}
    assert unknown_keywords(bad) == ["#/max_digits", "#/properties/x/anyOf/0/ge"]


@pytest.mark.parametrize("lang", [None, "ru", "kk"])
def test_schema_is_json_schema_2020_12(act_type: str, lang: str | None) -> None:
    schema = committed(act_type) if lang is None else json_schema(act_type, lang=lang)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema_rs.meta.validate(schema)
    assert unknown_keywords(schema) == []


def _as_json(value: Any) -> Any:
    return json.loads(json.dumps(value, ensure_ascii=False, default=str))


EXAMPLE_FILES = sorted(EXAMPLES.glob("*.yaml")) + sorted(EXAMPLES.glob("*/*.yaml"))


@pytest.mark.parametrize(
    "path",
    [p for p in EXAMPLE_FILES if p.parent.name != "invalid"],
    ids=lambda p: str(p.relative_to(EXAMPLES)),
)
def test_every_valid_example_validates_against_its_schema(path: Path) -> None:
    act_type = max(
        (t for t in ACT_TYPES if path.stem == t or path.stem.startswith(f"{t}-")), key=len
    )
    validator = jsonschema_rs.Draft202012Validator(committed(act_type))
    errors = [error.message for error in validator.iter_errors(_as_json(read_case_file(path)))]
    assert errors == []


@pytest.mark.parametrize(
    ("amount", "valid"),
    [
        pytest.param(1500000.5, True, id="number"),
        pytest.param("1 500 000,50", True, id="russian-excel"),
        pytest.param(-1, False, id="negative"),
        pytest.param("1500000.50тенге", False, id="word"),
        pytest.param(10**15, False, id="too-big"),
    ],
)
def test_schema_of_an_amount_says_what_the_library_accepts(
    example: Callable[[str], dict[str, Any]], amount: object, valid: bool
) -> None:
    case = example("protest")
    case["violations"][0]["damage_kzt"] = amount
    assert (
        jsonschema_rs.Draft202012Validator(committed("protest")).is_valid(_as_json(case)) is valid
    )
    try:
        validate("protest", case)
    except ActValidationError:
        accepted = False
    else:
        accepted = True
    assert accepted is valid


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_every_part_and_list_is_titled_in_the_language(act_type: str, lang: str) -> None:
    english = json_schema(act_type)
    translated = json_schema(act_type, lang=lang)
    untitled = [
        name
        for name, definition in english["$defs"].items()
        if translated["$defs"][name]["title"] == definition["title"]
    ]
    assert untitled == []


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        pytest.param("ru", ("дательном", "Директору", "Есенгалиевой"), id="ru"),
        pytest.param("kk", ("барыс септігінде", "Есенгалиеваға"), id="kk"),
    ],
)
def test_addressee_description_states_the_grammatical_form(
    lang: str, words: tuple[str, ...]
) -> None:
    addressee = json_schema("predpisanie", lang=lang)["$defs"]["Addressee"]["properties"]
    text = addressee["position"]["description"] + addressee["name"]["description"]
    assert all(word in text for word in words), text
