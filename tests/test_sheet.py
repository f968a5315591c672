"""The blank batch workbook: one column per field, dropdowns, formats, the explanation sheet."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any, get_args, get_origin

import openpyxl
import pytest
from click.testing import CliRunner
from pydantic import BaseModel

from docgen import ACT_MODELS, OutputError, sheet_bytes, write_sheet
from docgen.batching import Kind, resolve, sheet_columns
from docgen.batching.layout import _unwrap
from docgen.cli import main
from docgen.i18n import translate
from docgen.models.common import Position


def load(content: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(content))


def leaf_names(model: type[BaseModel]) -> set[str]:
    """Return every field name of ``model`` and the parts inside it that holds a value."""
    names = set()
    for name, field in model.model_fields.items():
        annotation, _ = _unwrap(field.annotation)
        if get_origin(annotation) is list:
            annotation, _ = _unwrap(get_args(annotation)[0])
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            names |= {f"{name}.{inner}" for inner in leaf_names(annotation)}
        else:
            names.add(name)
    return names


def strip_numbers(path: str) -> str:
    return re.sub(r"\[\d+\]", "", path)


def test_every_field_of_every_act_has_a_column(act_type: str) -> None:
    columns = sheet_columns(act_type)
    assert {strip_numbers(c.path) for c in columns} == leaf_names(ACT_MODELS[act_type])
    assert len({c.path for c in columns}) == len(columns)


def test_rows_one_and_two_hold_titles_and_paths(act_type: str) -> None:
    sheet = load(sheet_bytes(act_type, lang="ru")).worksheets[0]
    columns = sheet_columns(act_type)
    titles = [cell.value for cell in sheet[1]]
    paths = [cell.value for cell in sheet[2]]
    assert paths == [c.path for c in columns]
    assert titles == [c.title("ru") for c in columns]
    assert sheet.freeze_panes == "A3"


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_titles_are_unique_so_a_title_row_alone_is_a_header(act_type: str, lang: str) -> None:
    titles = [c.title(lang).casefold() for c in sheet_columns(act_type)]
    assert len(set(titles)) == len(titles)


def test_titles_follow_the_language() -> None:
    issuer = next(c for c in sheet_columns("orm") if c.path == "issuer.surname")
    ru_sheet = load(sheet_bytes("orm", lang="ru")).worksheets[0]
    kk_sheet = load(sheet_bytes("orm", lang="kk")).worksheets[0]
    index = [c.path for c in sheet_columns("orm")].index("issuer.surname") + 1
    assert ru_sheet.cell(1, index).value == issuer.title("ru")
    assert kk_sheet.cell(1, index).value == issuer.title("kk")
    assert issuer.title("ru") == " / ".join(translate(msgid, "ru") for msgid, _ in issuer.steps)


def test_list_of_parts_gets_numbered_groups() -> None:
    paths = [c.path for c in sheet_columns("predpisanie")]
    assert "violations[1].essence" in paths
    assert "violations[5].norms[3].act" in paths
    assert "violations[1].norms[1].provision" in paths
    first = resolve("predpisanie", "violations[1].norms[1].provision")
    second = resolve("predpisanie", "violations[2].norms[1].provision")
    assert first is not None
    assert first.mandatory
    assert second is not None
    assert not second.mandatory
    assert second.required_in_group
    assert first.title("ru") == (
        f"{translate('Violations of law', 'ru')} 1 / {translate('Legal norms violated', 'ru')} 1"
        f" / {translate('Article, paragraph or subparagraph', 'ru')}"
    )


def test_list_of_texts_is_one_column() -> None:
    demands = resolve("protest", "demands")
    assert demands is not None
    assert demands.kind is Kind.TEXT_LIST


@pytest.mark.parametrize(
    "path",
    ["violations[6].essence", "violations[1].norms[4].act", "inspectors[4].name"],
    ids=["sixth-violation", "fourth-norm", "fourth-inspector"],
)
def test_a_clerk_may_add_groups(path: str) -> None:
    act_type = "proverka" if path.startswith("inspectors") else "predpisanie"
    column = resolve(act_type, path)
    assert column is not None
    assert column.path == path


@pytest.mark.parametrize(
    "path",
    [
        "nonsense",
        "issuer",
        "violations.essence",
        "violations[0].essence",
        "number[1]",
        "issuer.position.x",
        "violations[1]",
        "demands[1]",
        "",
    ],
    ids=[
        "unknown",
        "a-part",
        "no-number",
        "item-zero",
        "number-on-text",
        "below-a-leaf",
        "whole-item",
        "numbered-text-list",
        "empty",
    ],
)
def test_paths_that_are_not_columns(path: str) -> None:
    assert resolve("predpisanie", path) is None


def validations(sheet: Any) -> dict[str, str]:
    """Return the formula of the dropdown of each column letter."""
    found = {}
    for rule in sheet.data_validations.dataValidation:
        for cells in str(rule.sqref).split():
            found[cells.split(":")[0].rstrip("0123456789")] = rule.formula1
    return found


def test_enumerations_have_dropdowns_with_every_value() -> None:
    book = load(sheet_bytes("protest", lang="ru"))
    sheet = book.worksheets[0]
    paths = [c.path for c in sheet_columns("protest")]
    letter = openpyxl.utils.get_column_letter(paths.index("issuer.position") + 1)
    formula = validations(sheet)[letter]
    sheet_name, cells = formula.rsplit("!", 1)
    lists = book[sheet_name.strip("'")]
    values = [row[0].value for row in lists[cells.replace("$", "")]]
    assert [v.split(" — ")[0] for v in values] == [m.value for m in Position]
    assert values[0] == f"general_prosecutor — {Position.GENERAL_PROSECUTOR.label('ru')}"
    assert lists.sheet_state == "hidden"


@pytest.mark.parametrize(("lang", "words"), [("ru", '"да,нет"'), ("kk", '"иә,жоқ"')])
def test_yes_no_columns_have_a_dropdown(lang: str, words: str) -> None:
    sheet = load(sheet_bytes("protest", lang=lang)).worksheets[0]
    paths = [c.path for c in sheet_columns("protest")]
    letter = openpyxl.utils.get_column_letter(paths.index("suspension") + 1)
    assert validations(sheet)[letter] == words


def test_date_and_text_columns_are_formatted() -> None:
    sheet = load(sheet_bytes("ekspertiza")).worksheets[0]
    columns = sheet_columns("ekspertiza")
    formats = {
        c.kind: sheet.column_dimensions[openpyxl.utils.get_column_letter(i)].number_format
        for i, c in enumerate(columns, start=1)
    }
    assert formats[Kind.DATE] == "DD.MM.YYYY"
    assert formats[Kind.DATETIME] == "DD.MM.YYYY HH:MM"
    assert formats[Kind.TIME] == "HH:MM"
    assert formats[Kind.TEXT] == "@"


def test_second_sheet_explains_every_column(act_type: str) -> None:
    book = load(sheet_bytes(act_type, lang="ru"))
    help_sheet = book.worksheets[1]
    rows = [[cell.value for cell in row] for row in help_sheet.iter_rows()]
    by_path = {row[2]: row for row in rows if row[2]}
    for column in sheet_columns(act_type):
        row = by_path[column.path]
        assert row[1] == column.title("ru")
        if column.mandatory:
            assert row[3] == translate("yes", "ru")
        if column.paragraph:
            assert column.paragraph.removeprefix("law:") in row[4]


def test_write_sheet_never_overwrites_silently(tmp_path: Path) -> None:
    target = tmp_path / "orm.xlsx"
    write_sheet("orm", target)
    before = target.read_bytes()
    with pytest.raises(OutputError):
        write_sheet("orm", target, lang="kk")
    assert target.read_bytes() == before
    write_sheet("orm", target, lang="kk", overwrite=True)
    assert load(target.read_bytes()).worksheets[0]["A1"].value == sheet_columns("orm")[0].title(
        "kk"
    )


def test_cli_sheet_writes_the_workbook(tmp_path: Path) -> None:
    runner = CliRunner()
    target = tmp_path / "p.xlsx"
    result = runner.invoke(main, ["sheet", "predpisanie", "-o", str(target), "--lang", "kk"])
    assert result.exit_code == 0, result.output
    assert load(target.read_bytes()).worksheets[0]["A2"].value == "number"
    again = runner.invoke(main, ["sheet", "predpisanie", "-o", str(target)])
    assert again.exit_code == 2


def test_cli_sheet_unknown_type(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["sheet", "nope", "-o", str(tmp_path / "x.xlsx")])
    assert result.exit_code == 2
    assert not (tmp_path / "x.xlsx").exists()
