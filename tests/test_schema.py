"""The JSON Schemas: generated from the models, committed, never stale."""

from __future__ import annotations

from pathlib import Path

import pytest

from docgen import ACT_TYPES
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
