"""The JSON Schemas: generated from the models, committed, never stale."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema_rs
import pytest
from click.testing import CliRunner

from docgen import ACT_TYPES, ActValidationError, read_case_file, validate
from docgen.cli import main
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


# -- every field tells a clerk what to write, in the clerk's language -------------------------

CYRILLIC_LETTER = re.compile(r"[А-Яа-яЁёӘәІіҢңҒғҮүҰұҚқӨөҺһ]")
QUOTED = re.compile(r"«[^»]*»")
LATIN_WORDS = re.compile(r"[A-Za-z']+\s+[A-Za-z']+")
KAZAKH_LETTER = re.compile(r"[ӘәІіҢңҒғҮүҰұҚқӨөҺһ]")


def english_words(text: str) -> list[str]:
    """Return runs of two or more Latin words in ``text`` outside «quotations»: a code
    (district_prosecutor, true), a list of codes or a quoted name («Nura Development») may be
    Latin, a phrase may not."""
    return LATIN_WORDS.findall(QUOTED.sub("", text))


def test_english_words_are_found() -> None:
    assert english_words("The office's name. E.g.: «Прокуратура»") == ["The office's"]
    assert (
        english_words("Код из списка: cancel или lift; «ТОО «Nura Development»»; transport, other")
        == []
    )


def described_properties(schema: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Return every property of the schema, at every depth, by its path: the root's, each
    ``$defs`` entry's, and those of objects inside array items and alternatives."""
    found: dict[str, dict[str, Any]] = {}

    def visit(node: Any, where: str) -> None:
        if not isinstance(node, dict):
            return
        for name, sub in node.get("properties", {}).items():
            found[f"{where}.{name}"] = sub
            visit(sub, f"{where}.{name}")
        visit(node.get("items"), f"{where}[]")
        for index, sub in enumerate(node.get("anyOf", []) + node.get("oneOf", [])):
            visit(sub, f"{where}|{index}")

    visit(schema, "#")
    for name, definition in schema.get("$defs", {}).items():
        visit(definition, name)
    return found


def test_described_properties_reach_every_depth() -> None:
    schema = {
        "properties": {"a": {"type": "array", "items": {"properties": {"b": {}}}}},
        "$defs": {"D": {"properties": {"c": {"anyOf": [{"properties": {"d": {}}}]}}}},
    }
    assert set(described_properties(schema)) == {"#.a", "#.a[].b", "D.c", "D.c|0.d"}


def test_every_property_is_described(act_type: str) -> None:
    properties = described_properties(json_schema(act_type))
    assert len(properties) > 20
    undescribed = [path for path, node in properties.items() if not node.get("description")]
    assert undescribed == []


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_every_description_is_translated(act_type: str, lang: str) -> None:
    english = described_properties(json_schema(act_type))
    translated = described_properties(json_schema(act_type, lang=lang))
    assert translated.keys() == english.keys()
    untranslated = [
        path
        for path, node in translated.items()
        if not node.get("description")
        or node["description"] == english[path].get("description")
        or not CYRILLIC_LETTER.search(node["description"])
        or english_words(node["description"])
    ]
    assert untranslated == []


def test_kazakh_descriptions_are_kazakh(act_type: str) -> None:
    russian = described_properties(json_schema(act_type, lang="ru"))
    kazakh = described_properties(json_schema(act_type, lang="kk"))
    not_kazakh = [
        path
        for path, node in kazakh.items()
        if node["description"] == russian[path]["description"]
        or not KAZAKH_LETTER.search(node["description"])
    ]
    assert not_kazakh == []


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_schema_command_prints_descriptions_in_the_language(act_type: str, lang: str) -> None:
    result = CliRunner().invoke(main, ["schema", act_type, "--lang", lang])
    assert result.exit_code == 0, result.output
    printed = described_properties(json.loads(result.output))
    expected = described_properties(json_schema(act_type, lang=lang))
    assert {path: node["description"] for path, node in printed.items()} == {
        path: node["description"] for path, node in expected.items()
    }
    if lang == "kk":
        assert KAZAKH_LETTER.search(printed["Issuer.surname"]["description"])


@pytest.mark.parametrize(
    ("act_type", "path", "lang", "words"),
    [
        pytest.param("protest", "LegalNorm.act", "ru", ("родительном", "Закона"), id="norm-ru"),
        pytest.param(
            "protest", "LegalNorm.act", "kk", ("ілік септігінде", "Заңының"), id="norm-kk"
        ),
        pytest.param("sankciya", "OrderRef.body", "ru", ("родительном",), id="tax-body-ru"),
        pytest.param("sankciya", "OrderRef.body", "kk", ("ілік септігінде",), id="tax-body-kk"),
        pytest.param("otmena-mer", "Measures.against", "ru", ("родительном",), id="against-ru"),
        pytest.param(
            "otmena-mer", "Measures.against", "kk", ("барыс септігінде",), id="against-kk"
        ),
        pytest.param("ekspertiza", "#.questions", "ru", ("п. 26 Инструкции",), id="paragraph-ru"),
        pytest.param("ekspertiza", "#.questions", "kk", ("26-тармағы",), id="paragraph-kk"),
    ],
)
def test_description_states_form_and_paragraph(
    act_type: str, path: str, lang: str, words: tuple[str, ...]
) -> None:
    text = described_properties(json_schema(act_type, lang=lang))[path]["description"]
    assert all(word in text for word in words), text


def test_redeclared_field_keeps_the_shared_description() -> None:
    base = json_schema("predpisanie")["properties"]["date"]
    redeclared = json_schema("ekspertiza")["properties"]["date"]
    assert redeclared["x-paragraph"] == "26"
    assert redeclared["description"] == base["description"]
