"""Long texts: a named limit per field and per act, and a rendering path that never cuts text."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import docx
import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient
from lxml import etree

from docgen import (
    ACT_MAX_LENGTH,
    TEXT_MAX_LENGTH,
    ActValidationError,
    TemplateError,
    json_schema,
    render,
    run_batch,
    validate,
)
from docgen.batching import flatten_case, sheet_columns
from docgen.cli import main
from docgen.engine import clear_cache, render_docx
from docgen.rendering import jinja_environment, template_context, template_path
from docgen.service.app import Limits, create_app

Example = Callable[[str], dict[str, Any]]
TAIL = "КОНЕЦ"


def body_xml(content: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return archive.read("word/document.xml").decode("utf-8")


def refusal(act_type: str, case: dict[str, Any], lang: str = "ru") -> ActValidationError:
    with pytest.raises(ActValidationError) as caught:
        validate(act_type, case, lang=lang)
    return caught.value


def test_a_text_at_the_limit_ends_with_its_last_characters(example: Example) -> None:
    case = example("proverka")
    case["findings"] = "Ж" * (TEXT_MAX_LENGTH - len(TAIL)) + TAIL

    xml = body_xml(render("proverka", case))

    assert "Ж" * (TEXT_MAX_LENGTH - len(TAIL)) + TAIL in xml


@pytest.mark.parametrize(
    ("lang", "words"),
    [("ru", ("символов", "предел")), ("kk", ("таңба", "шегі"))],
    ids=["ru", "kk"],
)
def test_a_text_over_the_limit_is_refused_naming_the_limit(
    example: Example, kazakh_example: Example, lang: str, words: tuple[str, ...]
) -> None:
    case = example("proverka") if lang == "ru" else kazakh_example("proverka")
    case["findings"] = "Ж" * TEXT_MAX_LENGTH + TAIL

    problems = refusal("proverka", case, lang).problems

    assert [p.path for p in problems] == ["findings"]
    assert problems[0].code in {"string_too_long", "too_long"}
    assert "1\u00a0000\u00a0000" in problems[0].message
    assert "1\u00a0000\u00a0005" in problems[0].message
    assert all(word in problems[0].message for word in words), problems[0].message


def test_an_act_over_the_limit_of_its_whole_text_is_refused(example: Example) -> None:
    case = example("proverka")
    share = ACT_MAX_LENGTH // 3 + 1
    for field in ("findings", "topic", "basis_details"):
        case[field] = "Ж" * share

    problems = refusal("proverka", case).problems

    assert [(p.path, p.code) for p in problems] == [("", "act_too_long")]
    assert "2\u00a0000\u00a0000" in problems[0].message


def test_the_schema_shows_the_limits() -> None:
    schema = json_schema("proverka")

    assert schema["properties"]["findings"]["maxLength"] == TEXT_MAX_LENGTH
    assert schema["x-max-text-length"] == ACT_MAX_LENGTH
    office = schema["$defs"]["Office"]["properties"]
    assert office["name_ru"]["maxLength"] == TEXT_MAX_LENGTH


def test_the_cli_refuses_a_text_over_the_limit(example: Example, tmp_path: Path) -> None:
    case = example("proverka")
    case["findings"] = "Ж" * (TEXT_MAX_LENGTH + 1)
    path = tmp_path / "case.json"
    path.write_text(json.dumps(case, ensure_ascii=False, default=str), encoding="utf-8")

    result = CliRunner().invoke(main, ["render", "proverka", str(path), "-o", "x.docx"])

    assert result.exit_code == 2, result.output
    assert "findings" in result.output
    assert "1\u00a0000\u00a0000" in result.output
    assert not (tmp_path / "x.docx").exists()


def test_the_service_refuses_a_text_over_the_limit(example: Example) -> None:
    case = example("proverka")
    case["findings"] = "Ж" * (TEXT_MAX_LENGTH + 1)
    with TestClient(create_app(Limits())) as client:
        response = client.post(
            "/api/acts/proverka/render",
            content=json.dumps(case, ensure_ascii=False, default=str).encode(),
            headers={"Content-Type": "application/json"},
        )

    assert response.status_code == 422, response.text
    assert [p["path"] for p in response.json()["problems"]] == ["findings"]


def test_a_spreadsheet_cell_over_the_limit_refuses_its_row(
    example: Example, tmp_path: Path
) -> None:
    cells = flatten_case(example("proverka"))
    cells["findings"] = "Ж" * (TEXT_MAX_LENGTH + 1)
    columns = sheet_columns("proverka")
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=";")
    writer.writerow([column.path for column in columns])
    writer.writerow(["" if cells.get(c.path) is None else cells.get(c.path) for c in columns])
    (tmp_path / "book.csv").write_text(out.getvalue(), encoding="utf-8")

    summary = run_batch("proverka", tmp_path / "book.csv", tmp_path / "out", jobs=1)

    assert (summary.ok, summary.refused) == (0, 1)
    report = (tmp_path / "out" / "report_ru.csv").read_text(encoding="utf-8-sig")
    assert "1\u00a0000\u00a0000" in report


def test_the_engine_keeps_a_text_node_over_ten_megabytes(example: Example) -> None:
    # Below the models' limits nothing this long reaches a template; the engine must still
    # never cut what it is given (lxml's recovering parser stopped near 10,000,000 bytes).
    context = dict(template_context("proverka", example("proverka")))
    context["findings"] = "Ж" * 5_100_000 + TAIL
    clear_cache()

    xml = body_xml(render_docx(template_path("proverka", "ru"), context, jinja_environment))

    assert "Ж" * 5_100_000 + TAIL in xml


def test_a_template_making_broken_xml_is_refused_not_repaired(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Before {{ '</w:t>' | safe }} after")
    document.save(str(tmp_path / "broken.docx"))
    clear_cache()

    with pytest.raises(etree.XMLSyntaxError):
        render_docx(tmp_path / "broken.docx", {}, jinja_environment)


def test_render_names_the_template_making_broken_xml(example: Example, tmp_path: Path) -> None:
    folder = tmp_path / "templates" / "ru"
    folder.mkdir(parents=True)
    document = docx.Document()
    document.add_paragraph("{{ number }} {{ '</w:t>' | safe }}")
    document.save(str(folder / "proverka.docx"))

    with pytest.raises(TemplateError) as caught:
        render("proverka", example("proverka"), templates_dir=tmp_path / "templates")

    assert "proverka.docx" in str(caught.value)


SHEET_CHUNKS = {
    "plain-rows": b'<sheetData><row r="1"><c r="A1"/></row><row r="2">\n<row>\t<row/>',
    "row-breaks": b'<rowBreaks count="1"/><row r="3"><c r="A3"/></row><rows><rowx>',
    "cut-at-the-end": b'<row r="4"></row><row',
    "far-rows": b'<row r="1048577"><c r="AB1048577"/></row> r="12345678"x r="9999999"',
    "no-space-before": b'<c xr="1048577"/><t>r="1048578"</t>r="1048579"',
    "spaces-of-all-kinds": b'\tr="2000000"\nr="3000000"\x0br="4000000"\x0cr="5000000"\rr="6000000"',
    "short-numbers": b'<row r="104857"><c r="A104857"/></row> r="ABCD1234567"',
}


@pytest.mark.parametrize("chunk", SHEET_CHUNKS.values(), ids=SHEET_CHUNKS.keys())
def test_book_scan_counts_rows_and_far_numbers_as_its_patterns_do(chunk: bytes) -> None:
    """The scan's fast ways give what the plain patterns give, on the cases they treat apart."""
    from docgen.batching import book

    assert book._count(book._ROW_TAG, chunk) == len(book._ROW_TAG.findall(chunk))
    pattern = re.compile(rb'\sr="[A-Z]{0,3}(\d{7,})"')
    assert book._long_row_numbers(chunk) == pattern.findall(chunk)
