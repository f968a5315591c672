"""Batch generation: sheet -> fill -> batch, the report, real-world books, nothing lost."""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import re
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from book_helpers import with_shared_texts
from click.testing import CliRunner
from conftest import docx_text
from openpyxl.utils import get_column_letter

from docgen import (
    BookError,
    BookSource,
    OutputError,
    ReportRow,
    TooManyRowsError,
    UnknownFormatError,
    batch,
    batch_zip,
    describe,
    render,
    sheet_bytes,
)
from docgen.batching import Kind, flatten_case, open_book, resolve, sheet_columns
from docgen.batching import runner as batch_runner
from docgen.batching.runner import same_document
from docgen.cli import main
from docgen.i18n import translate
from docgen.progress import TerminalProgress

Example = Callable[[str], dict[str, Any]]
Cells = dict[str, object]
_DOTTED = re.compile(r"^(\d{2})\.(\d{2})\.(\d{4})(?: (\d{2}):(\d{2}))?$")


def as_excel(act_type: str, cells: Cells) -> Cells:
    """Return ``cells`` with dates as real dates, the way Excel stores typed dates."""
    result: Cells = {}
    for path, value in cells.items():
        column = resolve(act_type, path)
        assert column is not None, path
        match = _DOTTED.match(value) if isinstance(value, str) else None
        if match and column.kind in (Kind.DATE, Kind.DATETIME):
            day, month, year, hour, minute = match.groups()
            moment = dt.datetime(int(year), int(month), int(day), int(hour or 0), int(minute or 0))
            value = moment.date() if column.kind is Kind.DATE else moment
        elif isinstance(value, bool) and column.kind is Kind.BOOL:
            value = "да" if value else "нет"
        result[path] = value
    return result


def fill(
    act_type: str,
    rows: Sequence[Cells | None],
    *,
    lang: str = "ru",
    first_row: int = 3,
) -> bytes:
    """Return the blank sheet of ``act_type`` with ``rows`` filled in (``None``: empty row)."""
    book = openpyxl.load_workbook(io.BytesIO(sheet_bytes(act_type, lang=lang)))
    sheet = book.worksheets[0]
    index = {cell.value: cell.column for cell in sheet[2]}
    for offset, cells in enumerate(rows):
        for path, value in (cells or {}).items():
            if path not in index:
                index[path] = sheet.max_column + 1
                sheet.cell(1, index[path], path)
                sheet.cell(2, index[path], path)
            sheet.cell(first_row + offset, index[path], value)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def write_book(folder: Path, name: str, content: bytes) -> Path:
    path = folder / name
    path.write_bytes(content)
    return path


def read_report(outdir: Path, lang: str = "ru") -> list[dict[str, str]]:
    raw = (outdir / f"report_{lang}.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    reader = csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline=""))
    assert reader.fieldnames == ["row", "status", "file", "problems"]
    return list(reader)


def column_of(act_type: str, path: str) -> tuple[str, str]:
    """Return the column letter and header of ``path`` in the blank sheet, in Russian."""
    columns = sheet_columns(act_type)
    index = [c.path for c in columns].index(path)
    return get_column_letter(index + 1), columns[index].title("ru")


@pytest.fixture
def cells(example: Example) -> Callable[[str], Cells]:
    def make(act_type: str) -> Cells:
        return flatten_case(example(act_type))

    return make


@pytest.fixture
def kazakh_cells(kazakh_example: Example) -> Callable[[str], Cells]:
    def make(act_type: str) -> Cells:
        return flatten_case(kazakh_example(act_type))

    return make


def test_round_trip_for_every_type(act_type: str, example: Example, tmp_path: Path) -> None:
    case = example(act_type)
    book = write_book(
        tmp_path, "book.xlsx", fill(act_type, [as_excel(act_type, flatten_case(case))])
    )
    rows = batch(act_type, book, tmp_path / "out", jobs=1)
    assert rows == [ReportRow(3, "ok", rows[0].file)]
    made = (tmp_path / "out" / rows[0].file).read_bytes()
    assert docx_text(made) == docx_text(render(act_type, case, "ru"))
    assert rows[0].file.startswith(f"{act_type}_")
    assert rows[0].file.endswith("_r3_ru.docx")


def test_russian_and_kazakh_runs_into_one_folder_keep_both(
    example: Example, kazakh_example: Example, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    for lang, case in (("ru", example("orm")), ("kk", kazakh_example("orm"))):
        book = write_book(tmp_path, f"{lang}.xlsx", fill("orm", [flatten_case(case)], lang=lang))
        (row,) = batch("orm", book, out, lang=lang, jobs=1)
        assert row.status == "ok", row.problems_text()
        assert row.file.endswith(f"_r3_{lang}.docx")
    names = sorted(path.name for path in out.iterdir())
    assert len(names) == 4
    assert [name for name in names if name.startswith("report_")] == [
        "report_kk.csv",
        "report_ru.csv",
    ]
    for lang, case in (("ru", example("orm")), ("kk", kazakh_example("orm"))):
        (line,) = read_report(out, lang)
        made = (out / line["file"]).read_bytes()
        assert docx_text(made) == docx_text(render("orm", case, lang))


def test_round_trip_in_kazakh(kazakh_example: Example, tmp_path: Path) -> None:
    case = kazakh_example("protest")
    content = fill("protest", [as_excel("protest", flatten_case(case))], lang="kk")
    rows = batch("protest", BookSource("protest.xlsx", content), tmp_path, lang="kk", jobs=1)
    assert [r.status for r in rows] == ["ok"]
    assert docx_text((tmp_path / rows[0].file).read_bytes()) == docx_text(
        render("protest", case, "kk")
    )


def test_refused_rows_name_the_excel_cell_and_header(
    cells: Callable[[str], Cells], tmp_path: Path
) -> None:
    good = cells("predpisanie")
    no_essence = {**good, "violations[1].essence": None}
    bad_position = {**good, "issuer.position": "king"}
    book = write_book(
        tmp_path, "b.xlsx", fill("predpisanie", [good, no_essence, good, bad_position])
    )
    rows = batch("predpisanie", book, tmp_path / "out", jobs=1)
    assert [(r.row, r.status) for r in rows] == [
        (3, "ok"),
        (4, "refused"),
        (5, "ok"),
        (6, "refused"),
    ]
    letter, header = column_of("predpisanie", "violations[1].essence")
    report = read_report(tmp_path / "out")
    assert report[1]["row"] == "4"
    assert report[1]["status"] == "refused"
    assert report[1]["file"] == ""
    assert report[1]["problems"].startswith(f"{letter}4 «{header}»: ")
    assert translate("p. {n} of the Instruction", "ru", n="9") in report[1]["problems"]
    letter, header = column_of("predpisanie", "issuer.position")
    assert report[3]["problems"].startswith(f"{letter}6 «{header}»: ")
    assert "king" in report[3]["problems"]
    assert not list((tmp_path / "out").glob("*_r4_ru.docx"))
    assert len(list((tmp_path / "out").glob("*.docx"))) == 2


def test_a_legal_rule_is_reported_on_its_column(
    cells: Callable[[str], Cells], tmp_path: Path
) -> None:
    normative = {**cells("predpisanie"), "contested_act.normative": "да"}
    book = write_book(tmp_path, "b.xlsx", fill("predpisanie", [normative]))
    (row,) = batch("predpisanie", book, tmp_path / "out", jobs=1)
    assert row.status == "refused"
    letter, header = column_of("predpisanie", "contested_act.normative")
    (problem,) = row.problems
    assert (problem.cell, problem.column) == (f"{letter}3", header)
    assert problem.paragraph == translate("p. {n} of the Instruction", "ru", n="11")


@pytest.mark.parametrize(
    ("act_type", "path", "value", "paragraph"),
    [
        pytest.param("spravka", "handed_to.date", "01.04.2025", "8-1", id="spravka"),
        pytest.param(
            "priostanovlenie", "court_application.date", "21.07.2025", "14", id="priostanovlenie"
        ),
        pytest.param(
            "reshenie-vyshestoyashchego",
            "issuer.position",
            "deputy_district_prosecutor",
            "19",
            id="reshenie-vyshestoyashchego",
        ),
        pytest.param(
            "otmena-mer", "issuer.position", "assistant_prosecutor", "21", id="otmena-mer"
        ),
        pytest.param("sankciya", "decided_at", "23.04.2025 17:05", "54", id="sankciya"),
    ],
)
def test_a_rule_of_a_later_act_refuses_its_row_beside_a_made_one(
    act_type: str, path: str, value: str, paragraph: str, example: Example, tmp_path: Path
) -> None:
    good = flatten_case(example(act_type))
    bad = {**good, "number": f"{good['number']}-x", path: value}
    book = write_book(
        tmp_path, "b.xlsx", fill(act_type, [as_excel(act_type, good), as_excel(act_type, bad)])
    )
    made, refused = batch(act_type, book, tmp_path / "out", jobs=1)
    assert made.status == "ok"
    assert (tmp_path / "out" / made.file).is_file()
    assert refused.status == "refused"
    letter, header = column_of(act_type, path)
    assert [(p.cell, p.column, p.paragraph) for p in refused.problems] == [
        (f"{letter}4", header, translate("p. {n} of the Instruction", "ru", n=paragraph))
    ]


def test_empty_groups_are_absent_items_and_problems_keep_their_group(
    cells: Callable[[str], Cells], tmp_path: Path
) -> None:
    case = cells("predpisanie")
    moved = {k.replace("violations[2]", "violations[4]"): v for k, v in case.items()}
    moved["violations[4].norms[1].act"] = None
    book = write_book(tmp_path, "b.xlsx", fill("predpisanie", [moved]))
    (row,) = batch("predpisanie", book, tmp_path / "out", jobs=1)
    assert row.status == "refused"
    letter, header = column_of("predpisanie", "violations[4].norms[1].act")
    assert [(p.cell, p.column) for p in row.problems] == [(f"{letter}3", header)]


def test_a_missing_group_points_at_its_first_column(
    cells: Callable[[str], Cells], tmp_path: Path
) -> None:
    case = {
        k: v for k, v in cells("predpisanie").items() if not k.startswith("violations[1].norms")
    }
    book = write_book(tmp_path, "b.xlsx", fill("predpisanie", [case]))
    (row,) = batch("predpisanie", book, tmp_path / "out", jobs=1)
    letter, _ = column_of("predpisanie", "violations[1].norms[1].provision")
    (problem,) = row.problems
    assert problem.cell == f"{letter}3"
    assert problem.column == " / ".join(
        [f"{translate('Violations of law', 'ru')} 1", translate("Legal norms violated", "ru")]
    )


def test_empty_rows_are_skipped_and_trailing_ones_not_reported(
    cells: Callable[[str], Cells], tmp_path: Path
) -> None:
    good = cells("orm")
    blank: Cells = dict.fromkeys(good, "  ")
    book = write_book(tmp_path, "b.xlsx", fill("orm", [good, None, blank, good, None, None]))
    rows = batch("orm", book, tmp_path / "out", jobs=1)
    assert [(r.row, r.status) for r in rows] == [
        (3, "ok"),
        (4, "skipped"),
        (5, "skipped"),
        (6, "ok"),
    ]
    assert [r["status"] for r in read_report(tmp_path / "out")] == [
        "ok",
        "skipped",
        "skipped",
        "ok",
    ]


def test_cells_as_clerks_write_them(cells: Callable[[str], Cells], tmp_path: Path) -> None:
    case = cells("predpisanie")
    case.update(
        {
            "number": 418,  # a number typed into a general cell
            "date": dt.datetime(2025, 9, 5),
            "immediately": "Да",
            "issuer.acting": 0,
            "issuer.position": "district_prosecutor — прокурор района",
            "violations[1].damage_kzt": "1 234,50",
            "contested_act.normative": "жоқ",
        }
    )
    book = write_book(tmp_path, "b.xlsx", fill("predpisanie", [case]))
    (row,) = batch("predpisanie", book, tmp_path / "out", jobs=1)
    assert row.status == "ok", row.problems_text()
    assert row.file == "predpisanie_418_r3_ru.docx"


def test_unknown_column_refuses_the_book_by_its_header(
    cells: Callable[[str], Cells], tmp_path: Path
) -> None:
    book = write_book(tmp_path, "b.xlsx", fill("orm", [{**cells("orm"), "issuer.nickname": "x"}]))
    with pytest.raises(BookError) as caught:
        batch("orm", book, tmp_path / "out", jobs=1)
    assert "issuer.nickname" in str(caught.value)
    assert not (tmp_path / "out").exists()


def test_missing_mandatory_column_refuses_the_book(tmp_path: Path) -> None:
    content = b"number;date\n1;01.01.2025\n"
    with pytest.raises(BookError) as caught:
        batch("orm", BookSource("orm.csv", content), tmp_path / "out", jobs=1)
    assert "place" in str(caught.value)


def test_duplicate_column_refuses_the_book(tmp_path: Path) -> None:
    content = b"number;number\n1;2\n"
    with pytest.raises(BookError, match="number"):
        batch("orm", BookSource("orm.csv", content), tmp_path / "out", jobs=1)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("a.xlsx", b"PK\x03\x04 broken"),
        ("a.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100),
        ("a.csv", b""),
        ("a.csv", "совсем;не;то\n1;2;3\n".encode()),
        ("a.pdf", b"%PDF-1.4"),
    ],
    ids=["broken-xlsx", "old-xls", "empty-csv", "no-known-header", "not-a-book"],
)
def test_unreadable_books(name: str, content: bytes, tmp_path: Path) -> None:
    with pytest.raises(BookError):
        batch("orm", BookSource(name, content), tmp_path / "out", jobs=1)
    assert not (tmp_path / "out").exists()


def test_a_cell_under_no_header_refuses_its_row(
    cells: Callable[[str], Cells], tmp_path: Path
) -> None:
    content = fill("orm", [cells("orm")])
    book = openpyxl.load_workbook(io.BytesIO(content))
    sheet = book.worksheets[0]
    stray = sheet.max_column + 2
    sheet.cell(3, stray, "lost?")
    out = io.BytesIO()
    book.save(out)
    (row,) = batch("orm", BookSource("orm.xlsx", out.getvalue()), tmp_path, jobs=1)
    assert row.status == "refused"
    assert row.problems[0].cell == f"{get_column_letter(stray)}3"


def csv_bytes(act_type: str, rows: Sequence[Cells], delimiter: str, encoding: str) -> bytes:
    columns = sheet_columns(act_type)
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=delimiter)
    writer.writerow([c.title("ru") for c in columns])
    writer.writerow([c.path for c in columns])
    for row in rows:
        writer.writerow(["" if row.get(c.path) is None else row.get(c.path) for c in columns])
    return out.getvalue().encode(encoding, errors="replace")  # as Excel does: "?" for the lost


@pytest.mark.parametrize(
    ("delimiter", "encoding"),
    [(";", "cp1251"), ("\t", "utf-8"), (",", "utf-8-sig"), (";", "utf-8")],
    ids=["semicolon-cp1251", "tab-utf8", "comma-utf8-bom", "semicolon-utf8"],
)
def test_csv_books(
    delimiter: str, encoding: str, cells: Callable[[str], Cells], tmp_path: Path
) -> None:
    good = {**cells("predpisanie"), "office.name_kk": "Атырау каласы прокуратурасы"}
    bad = {**good, "violations[1].essence": ""}
    content = csv_bytes("predpisanie", [good, bad, {}, good], delimiter, encoding)
    book = write_book(tmp_path, "predpisanie.csv", content)
    rows = batch("predpisanie", book, tmp_path / "out", jobs=1)
    assert [(r.row, r.status) for r in rows] == [
        (3, "ok"),
        (4, "refused"),
        (5, "skipped"),
        (6, "ok"),
    ]
    letter, header = column_of("predpisanie", "violations[1].essence")
    assert rows[1].problems[0].cell == f"{letter}4"
    assert rows[1].problems[0].column == header
    made = (tmp_path / "out" / rows[0].file).read_bytes()
    assert "Атырау" in docx_text(made)


@pytest.mark.parametrize("kind", ["inline-texts", "shared-texts"])
def test_xlsx_book_makes_the_same_batch_as_the_csv_of_its_rows(
    kind: str, cells: Callable[[str], Cells], tmp_path: Path
) -> None:
    good = {**cells("predpisanie"), "findings": "«Нарушения» & <выводы>\nвторая строка"}
    bad = {**good, "violations[1].essence": "", "number": "2-06-25/2"}
    rows: list[Cells | None] = [good, bad, None, {**good, "number": "2-06-25/4"}]
    content = fill("predpisanie", rows)
    if kind == "shared-texts":
        content = with_shared_texts(content)
    csv_book = csv_bytes("predpisanie", [row or {} for row in rows], ";", "utf-8")

    made = {
        name: batch("predpisanie", BookSource(f"b.{name}", book), tmp_path / name, jobs=1)
        for name, book in (("csv", csv_book), ("xlsx", content))
    }

    assert [(r.row, r.status, r.problems_text()) for r in made["xlsx"]] == [
        (r.row, r.status, r.problems_text()) for r in made["csv"]
    ]
    assert [r.status for r in made["xlsx"]] == ["ok", "refused", "skipped", "ok"]
    for xlsx_row, csv_row in zip(made["xlsx"], made["csv"], strict=True):
        if xlsx_row.status == "ok":
            xlsx_text = docx_text((tmp_path / "xlsx" / xlsx_row.file).read_bytes())
            assert xlsx_text == docx_text((tmp_path / "csv" / csv_row.file).read_bytes())
            assert "«Нарушения» & <выводы>" in xlsx_text


def test_kazakh_letters_lost_in_cp1251_are_reported(
    cells: Callable[[str], Cells], tmp_path: Path
) -> None:
    content = csv_bytes("orm", [cells("orm")], ";", "cp1251")
    (row,) = batch("orm", BookSource("orm.csv", content), tmp_path, jobs=1)
    assert row.status == "refused"
    letter, header = column_of("orm", "office.name_kk")
    assert (row.problems[0].cell, row.problems[0].column) == (f"{letter}3", header)
    assert "Windows-1251" in row.problems_text()


def test_csv_with_paths_only_header(cells: Callable[[str], Cells], tmp_path: Path) -> None:
    good = cells("orm")
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=";")
    writer.writerow(list(good))
    writer.writerow(list(good.values()))
    rows = batch("orm", BookSource("orm.csv", out.getvalue().encode()), tmp_path, jobs=1)
    assert [(r.row, r.status) for r in rows] == [(2, "ok")]


def test_rerun_leaves_identical_documents_alone(
    cells: Callable[[str], Cells], tmp_path: Path
) -> None:
    book = write_book(tmp_path, "b.xlsx", fill("orm", [cells("orm"), cells("orm")]))
    out = tmp_path / "out"
    first = batch("orm", book, out, jobs=1)
    stamps = {p.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in out.glob("*.docx")}
    os.utime(out / first[0].file, ns=(1, 1))
    stamps[first[0].file] = (1, stamps[first[0].file][1])
    second = batch("orm", book, out, jobs=1)
    assert [(r.status, r.unchanged, r.file) for r in second] == [
        ("ok", True, r.file) for r in first
    ]
    assert {p.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in out.glob("*.docx")} == stamps


def test_a_different_existing_document_is_never_overwritten_silently(
    cells: Callable[[str], Cells], tmp_path: Path
) -> None:
    case = cells("orm")
    out = tmp_path / "out"
    book = write_book(tmp_path, "b.xlsx", fill("orm", [case]))
    (first,) = batch("orm", book, out, jobs=1)
    changed = write_book(tmp_path, "c.xlsx", fill("orm", [{**case, "place": "г. Кокшетау"}]))
    (second,) = batch("orm", changed, out, jobs=1)
    assert second.status == "failed"
    assert first.file in second.problems_text()
    assert "--force" not in second.problems_text()
    assert second.kept
    assert "Кокшетау" not in docx_text((out / first.file).read_bytes())
    (third,) = batch("orm", changed, out, jobs=1, overwrite=True)
    assert third.status == "ok"
    assert not third.unchanged
    assert "Кокшетау" in docx_text((out / first.file).read_bytes())


@pytest.mark.parametrize(
    "number",
    ["../../x", "CON", "a/b", "", "..", "a\\b:c*d?", "nul.txt", "  "],
    ids=["dotdot", "con", "slash", "empty", "only-dots", "windows-chars", "nul", "spaces"],
)
def test_hostile_numbers_give_safe_names_inside_outdir(
    number: str, cells: Callable[[str], Cells], tmp_path: Path
) -> None:
    case = {**cells("orm"), "number": number}
    out = tmp_path / "out"
    book = write_book(tmp_path, "b.xlsx", fill("orm", [case, case]))
    rows = batch("orm", book, out, jobs=1)
    if not number.strip():
        assert [r.status for r in rows] == ["refused", "refused"]
        return
    assert [r.status for r in rows] == ["ok", "ok"]
    names = [r.file for r in rows]
    assert len(set(names)) == 2
    for name in names:
        assert re.fullmatch(r"orm_[\w\-.]+_r\d+_ru\.docx", name), name
        assert ".." not in name
        assert (out / name).resolve().parent == out.resolve()
    assert sorted(p.name for p in tmp_path.rglob("*.docx")) == sorted(names)


def test_zip_packs_documents_and_report(cells: Callable[[str], Cells], tmp_path: Path) -> None:
    bad = {**cells("orm"), "place": None}
    book = write_book(tmp_path, "b.xlsx", fill("orm", [cells("orm"), bad]))
    rows = batch("orm", book, tmp_path / "out", jobs=1, zip_path=tmp_path / "acts.zip")
    with zipfile.ZipFile(tmp_path / "acts.zip") as package:
        assert sorted(package.namelist()) == sorted([rows[0].file, "report_ru.csv"])
        assert same_document(
            package.read(rows[0].file), (tmp_path / "out" / rows[0].file).read_bytes()
        )
    assert not list(tmp_path.glob(".*part"))


def test_parallel_workers_keep_row_order(cells: Callable[[str], Cells], tmp_path: Path) -> None:
    good = cells("orm")
    bad = {**good, "term_end": "01.01.2000"}
    book_rows: list[Cells | None] = [good, bad, None] * 10
    book = write_book(tmp_path, "b.xlsx", fill("orm", book_rows))
    rows = batch("orm", book, tmp_path / "out", jobs=2)
    assert [r.row for r in rows] == list(range(3, 3 + len(book_rows) - 1))
    assert [r.status for r in rows] == (["ok", "refused", "skipped"] * 10)[:-1]
    assert len(list((tmp_path / "out").glob("*.docx"))) == 10


def test_same_document_compares_content_not_zip_dates(example: Example) -> None:
    content = render("orm", example("orm"), "ru")
    rezipped = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(content)) as source, zipfile.ZipFile(rezipped, "w") as target:
        for info in source.infolist():
            info.date_time = (2001, 1, 1, 0, 0, 0)
            target.writestr(info, source.read(info.filename))
    assert rezipped.getvalue() != content
    assert same_document(content, rezipped.getvalue())
    other = render("orm", {**example("orm"), "place": "г. Кокшетау"}, "ru")
    assert not same_document(content, other)


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def test_cli_exit_0_when_every_row_is_made(
    runner: CliRunner, cells: Callable[[str], Cells], tmp_path: Path
) -> None:
    book = write_book(tmp_path, "b.xlsx", fill("orm", [cells("orm"), None, cells("orm")]))
    result = runner.invoke(
        main, ["batch", "orm", str(book), "-o", str(tmp_path / "out"), "--jobs", "1"]
    )
    assert result.exit_code == 0, result.output
    assert str(tmp_path / "out" / "report_ru.csv") in result.output
    assert "\r" not in result.output


def test_cli_exit_1_when_some_rows_are_refused(
    runner: CliRunner, kazakh_cells: Callable[[str], Cells], tmp_path: Path
) -> None:
    bad = {**kazakh_cells("orm"), "place": None}
    book = write_book(tmp_path, "b.xlsx", fill("orm", [kazakh_cells("orm"), bad]))
    result = runner.invoke(
        main,
        ["batch", "orm", str(book), "-o", str(tmp_path / "out"), "--jobs", "1", "--lang", "kk"],
    )
    assert result.exit_code == 1, result.output
    assert [r["status"] for r in read_report(tmp_path / "out", "kk")] == ["ok", "refused"]


def test_cli_hints_at_force_only_when_a_different_document_was_kept(
    runner: CliRunner, cells: Callable[[str], Cells], tmp_path: Path
) -> None:
    case = cells("orm")
    out = tmp_path / "out"
    first = write_book(tmp_path, "b.xlsx", fill("orm", [case]))
    changed = write_book(tmp_path, "c.xlsx", fill("orm", [{**case, "place": "г. Кокшетау"}]))
    runs = {}
    for name, book in [("first", first), ("changed", changed)]:
        runs[name] = runner.invoke(main, ["batch", "orm", str(book), "-o", str(out), "--jobs", "1"])
    assert runs["first"].exit_code == 0, runs["first"].output
    assert runs["changed"].exit_code == 1, runs["changed"].output
    assert "--force" in runs["changed"].output
    assert "--force" not in runs["first"].output
    forced = runner.invoke(
        main, ["batch", "orm", str(changed), "-o", str(out), "--jobs", "1", "--force"]
    )
    assert forced.exit_code == 0, forced.output
    assert "--force" not in forced.output


def test_cli_exit_2_when_the_book_cannot_be_read(runner: CliRunner, tmp_path: Path) -> None:
    book = write_book(tmp_path, "b.csv", b"number;who\n1;2\n")
    result = runner.invoke(main, ["batch", "orm", str(book), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "«who»" in result.output
    assert not (tmp_path / "out").exists()


def test_cli_missing_book(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["batch", "orm", str(tmp_path / "no.xlsx"), "-o", str(tmp_path)])
    assert result.exit_code == 2


@pytest.mark.libreoffice
def test_pdf_and_docx_together(soffice: str, cells: Callable[[str], Cells], tmp_path: Path) -> None:
    book = write_book(tmp_path, "b.xlsx", fill("orm", [cells("orm")]))
    (row,) = batch("orm", book, tmp_path / "out", jobs=1, formats=("docx", "pdf"))
    assert row.status == "ok", row.problems_text()
    docx_name, pdf_name = row.file.split(";")
    assert (tmp_path / "out" / pdf_name).read_bytes().startswith(b"%PDF")
    (again,) = batch("orm", book, tmp_path / "out", jobs=1, formats=("docx", "pdf"))
    assert again.unchanged
    assert docx_name.endswith(".docx")


def test_times_and_moments_from_excel_cells(
    cells: Callable[[str], Cells], example: Example, tmp_path: Path
) -> None:
    case = cells("ekspertiza")
    case["time"] = dt.time(16, 0)
    case["approval.requested_at"] = dt.datetime(2025, 5, 8, 10, 0)
    case["approval.approved_at"] = "10.05.2025 15:30"
    book = write_book(tmp_path, "b.xlsx", fill("ekspertiza", [case]))
    (row,) = batch("ekspertiza", book, tmp_path / "out", jobs=1)
    assert row.status == "ok", row.problems_text()
    expected = render("ekspertiza", example("ekspertiza"), "ru")
    assert docx_text((tmp_path / "out" / row.file).read_bytes()) == docx_text(expected)


def test_header_of_titles_only(cells: Callable[[str], Cells], tmp_path: Path) -> None:
    book = openpyxl.load_workbook(io.BytesIO(fill("orm", [cells("orm")])))
    book.worksheets[0].delete_rows(2)
    out = io.BytesIO()
    book.save(out)
    (row,) = batch("orm", BookSource("orm.xlsx", out.getvalue()), tmp_path, jobs=1)
    assert (row.row, row.status) == (2, "ok")


def test_unknown_column_is_named_by_its_title(
    cells: Callable[[str], Cells], tmp_path: Path
) -> None:
    book = openpyxl.load_workbook(io.BytesIO(fill("orm", [cells("orm")])))
    sheet = book.worksheets[0]
    extra = sheet.max_column + 1
    sheet.cell(1, extra, "Прозвище прокурора")
    sheet.cell(2, extra, "issuer.nickname")
    out = io.BytesIO()
    book.save(out)
    with pytest.raises(BookError) as caught:
        batch("orm", BookSource("orm.xlsx", out.getvalue()), tmp_path / "out", jobs=1)
    message = translate(caught.value.reason, "ru", **caught.value.params)
    assert f"«Прозвище прокурора» ({get_column_letter(extra)}: issuer.nickname)" in message


def test_progress_counts_rows_and_draws_one_line() -> None:
    stream = io.StringIO()
    progress = TerminalProgress(stream, "ru")
    progress.start(4)
    for status in ("ok", "refused", "failed", "ok"):
        progress.advance(ReportRow(3, status))
    progress.finish()
    assert (progress.done, progress.refused, progress.failed) == (4, 1, 1)
    last = stream.getvalue().rstrip("\n").split("\r")[-1]
    assert last.startswith("[" + "#" * 24 + "] ")
    assert "4/4" in last
    assert stream.getvalue().endswith("\n")


@pytest.mark.libreoffice
def test_pdf_only_rerun_is_unchanged(
    soffice: str, cells: Callable[[str], Cells], tmp_path: Path
) -> None:
    book = write_book(tmp_path, "b.xlsx", fill("orm", [cells("orm")]))
    (first,) = batch("orm", book, tmp_path / "out", jobs=1, formats=("pdf",))
    assert first.file.endswith(".pdf")
    (again,) = batch("orm", book, tmp_path / "out", jobs=1, formats=("pdf",))
    assert (again.status, again.unchanged) == ("ok", True)


@pytest.mark.parametrize("jobs", [1, 2], ids=["in-process", "two-workers"])
def test_rows_are_read_only_a_window_ahead_of_the_report(
    jobs: int, cells: Callable[[str], Cells], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Memory stays flat: the book is read as rows are done, never all at once."""
    read = 0
    real_open = open_book

    def counting_open(*args: Any, **kwargs: Any) -> Any:
        book = real_open(*args, **kwargs)
        rows = book._rows

        def counted() -> Any:
            nonlocal read
            for values in rows:
                read += 1
                yield values

        book._rows = counted()
        return book

    monkeypatch.setattr(batch_runner, "open_book", counting_open)
    refused_fast = {**cells("orm"), "number": ""}
    content = csv_bytes("orm", [refused_fast] * 400, ";", "utf-8")
    ahead: list[int] = []
    done = 0

    def on_row(row: ReportRow) -> None:
        nonlocal done
        done += 1
        ahead.append(read - done)

    summary = batch_runner.run_batch(
        "orm", BookSource("orm.csv", content), tmp_path, jobs=jobs, on_row=on_row
    )
    assert summary.refused == 400
    window = batch_runner.CHUNK_ROWS * (
        1 if jobs == 1 else jobs * batch_runner.CHUNKS_PER_WORKER + 1
    )
    assert max(ahead) <= window


def test_zip_in_a_missing_folder_fails_before_anything_is_written(
    cells: Callable[[str], Cells], tmp_path: Path
) -> None:
    book = write_book(tmp_path, "b.xlsx", fill("orm", [cells("orm")]))
    with pytest.raises(OutputError):
        batch("orm", book, tmp_path / "out", jobs=1, zip_path=tmp_path / "no" / "acts.zip")
    assert not (tmp_path / "out").exists()


def test_zip_in_the_output_folder_works_on_a_first_run(
    cells: Callable[[str], Cells], tmp_path: Path
) -> None:
    book = write_book(tmp_path, "b.xlsx", fill("orm", [cells("orm")]))
    result = CliRunner().invoke(
        main,
        [
            "batch",
            "orm",
            str(book),
            "-o",
            str(tmp_path / "out"),
            "--zip",
            str(tmp_path / "out" / "all.zip"),
            "--jobs",
            "1",
        ],
    )
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(tmp_path / "out" / "all.zip") as package:
        names = sorted(package.namelist())
    assert names == sorted(["report_ru.csv", read_report(tmp_path / "out")[0]["file"]])


@pytest.mark.parametrize("name", ["all.csv", "all", "all.zip.part"], ids=["csv", "none", "part"])
def test_zip_name_must_end_in_zip(cells: Callable[[str], Cells], tmp_path: Path, name: str) -> None:
    book = write_book(tmp_path, "b.xlsx", fill("orm", [cells("orm")]))
    with pytest.raises(OutputError) as caught:
        batch("orm", book, tmp_path / "out", jobs=1, zip_path=tmp_path / name)
    assert ".zip" in describe(caught.value, "ru")
    assert not (tmp_path / "out").exists()
    assert sorted(path.name for path in tmp_path.iterdir()) == ["b.xlsx"]


@pytest.mark.parametrize(
    "formats", [("docx", "odt"), ("html",), ()], ids=["one-unknown", "only-unknown", "none"]
)
def test_unknown_format_is_refused_before_anything_is_written(
    cells: Callable[[str], Cells], tmp_path: Path, formats: tuple[str, ...]
) -> None:
    book = write_book(tmp_path, "b.xlsx", fill("orm", [cells("orm")]))
    with pytest.raises(UnknownFormatError) as caught:
        batch("orm", book, tmp_path / "out", jobs=1, formats=formats)
    assert isinstance(caught.value, ValueError)
    assert "docx, pdf" in describe(caught.value, "ru")
    assert not (tmp_path / "out").exists()


def test_batch_zip_packs_the_documents_and_report(kazakh_cells: Callable[[str], Cells]) -> None:
    book = BookSource("b.xlsx", fill("orm", [kazakh_cells("orm"), {}, kazakh_cells("orm")]))
    content, summary = batch_zip("orm", book, lang="kk", max_rows=2)
    assert (summary.ok, summary.skipped, summary.refused, summary.failed) == (2, 1, 0, 0)
    assert summary.report == Path("report_kk.csv")
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        names = archive.namelist()
        report = archive.read("report_kk.csv").decode("utf-8-sig")
    assert sorted(name for name in names if name.endswith(".docx")) == sorted(
        row[2] for row in csv.reader(io.StringIO(report)) if row[1] == "ok"
    )


def test_batch_zip_refuses_a_book_over_the_row_limit(cells: Callable[[str], Cells]) -> None:
    book = BookSource("b.xlsx", fill("orm", [cells("orm")] * 3))
    with pytest.raises(TooManyRowsError) as caught:
        batch_zip("orm", book, max_rows=2)
    assert caught.value.limit == 2
    assert "2" in describe(caught.value, "kk")


@pytest.mark.parametrize(
    "rows", [[], [None, None], [{"number": "   "}]], ids=["blank-sheet", "empty-rows", "spaces"]
)
def test_book_without_filled_rows_is_refused(tmp_path: Path, rows: list[Cells | None]) -> None:
    book = write_book(tmp_path, "b.xlsx", fill("orm", rows))
    result = CliRunner().invoke(main, ["batch", "orm", str(book), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2, result.output
    assert result.output.startswith(f"{book}: ")
    assert "нет заполненных строк" in result.output
    assert not (tmp_path / "out").exists()
    with pytest.raises(BookError):
        batch_zip("orm", BookSource("b.xlsx", book.read_bytes()))


def edited_sheet(act_type: str, rows: Sequence[Cells], edit: Callable[[Any], None]) -> bytes:
    """Return the filled sheet of ``act_type`` after ``edit`` of its first worksheet."""
    book = openpyxl.load_workbook(io.BytesIO(fill(act_type, rows)))
    edit(book.worksheets[0])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("path", "typo"),
    [
        pytest.param("issuer.surname", "issuer.surnme", id="mandatory-field"),
        pytest.param("violations[1].damage_kzt", "violations[1].damage", id="item-field"),
        pytest.param("number", "numbr", id="top-level-no-dot"),
    ],
)
def test_mistyped_path_in_row_2_is_an_unknown_column(
    cells: Callable[[str], Cells], tmp_path: Path, path: str, typo: str
) -> None:
    act_type = "orm" if path != "violations[1].damage_kzt" else "predpisanie"
    letter, title = column_of(act_type, path)

    def mistype(sheet: Any) -> None:
        sheet[f"{letter}2"] = typo

    content = edited_sheet(act_type, [cells(act_type)], mistype)
    with pytest.raises(BookError) as caught:
        batch(act_type, BookSource("b.xlsx", content), tmp_path / "out", jobs=1)
    message = describe(caught.value, "ru")
    assert f"«{title}» ({letter}: {typo})" in message
    assert message.count("«") == 2  # the title and «docgen sheet» of the advice: nothing else
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("header", ["paths", "titles"])
@pytest.mark.parametrize(
    ("book_type", "asked"),
    [("predpisanie", "orm"), ("predpisanie", "protest"), ("protest", "predpisanie")],
    ids=["far-apart", "sharing-most-columns", "sharing-most-columns-reversed"],
)
def test_book_of_another_type_is_named(
    cells: Callable[[str], Cells], tmp_path: Path, header: str, book_type: str, asked: str
) -> None:
    def titles_only(sheet: Any) -> None:
        if header == "titles":
            sheet.delete_rows(2)

    content = edited_sheet(book_type, [cells(book_type)], titles_only)
    for lang, words in [("ru", f"это книга для {book_type}, а не для {asked}"), ("kk", book_type)]:
        with pytest.raises(BookError) as caught:
            batch(asked, BookSource("p.xlsx", content), tmp_path / "out", jobs=1, lang=lang)
        message = describe(caught.value, lang)
        assert words in message
        assert len(message) < 400
    assert not (tmp_path / "out").exists()
    assert batch(book_type, BookSource("p.xlsx", content), tmp_path / "out", jobs=1)


def test_many_unknown_columns_are_listed_ten_then_counted(
    cells: Callable[[str], Cells], tmp_path: Path
) -> None:
    def add_columns(sheet: Any) -> None:
        start = sheet.max_column
        for number in range(1, 15):
            sheet.cell(1, start + number, f"Лишний {number}")
            sheet.cell(2, start + number, f"extra.field{number}")

    content = edited_sheet("orm", [cells("orm")], add_columns)
    with pytest.raises(BookError) as caught:
        batch("orm", BookSource("b.xlsx", content), tmp_path / "out", jobs=1)
    message = describe(caught.value, "ru")
    assert "extra.field10)" in message
    assert "extra.field11" not in message
    assert "и ещё 4" in message


def with_formula(cells: Cells, path: str, formula: str, saved: str | None) -> bytes:
    """Return the predpisanie sheet with ``cells`` in row 3 and ``formula`` in ``path``'s cell.

    openpyxl saves no formula results (``<v></v>``); ``saved`` puts one in, as Excel does
    (``t="str"`` with an empty ``saved``: Excel's empty text result).
    """
    letter, _ = column_of("predpisanie", path)
    content = fill("predpisanie", [{**cells, path: f"={formula}"}])
    source = zipfile.ZipFile(io.BytesIO(content))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                cell = f'<c r="{letter}3"'.encode()
                assert data.count(cell) == 1
                start = data.index(cell)
                end = data.index(b"</c>", start) + len(b"</c>")
                assert b"<f>" in data[start:end]
                if saved is not None:
                    kind = b' t="str"' if saved == "" else b""
                    data = (
                        data[:start]
                        + cell
                        + kind
                        + f"><f>{formula}</f><v>{saved}</v></c>".encode()
                        + data[end:]
                    )
            target.writestr(item, data)
    return out.getvalue()


def test_formula_without_a_saved_result_refuses_its_cell(
    cells: Callable[[str], Cells], tmp_path: Path
) -> None:
    path = "violations[1].damage_kzt"
    letter, title = column_of("predpisanie", path)
    content = with_formula(cells("predpisanie"), path, "1000*2", None)
    good = cells("predpisanie")
    rows = batch(
        "predpisanie",
        BookSource("b.xlsx", fill("predpisanie", [good, None, good])),
        tmp_path / "first",
        jobs=1,
    )
    assert [row.status for row in rows] == ["ok", "skipped", "ok"]
    (row,) = batch("predpisanie", BookSource("b.xlsx", content), tmp_path / "out", jobs=1)
    assert row.status == "refused"
    (problem,) = row.problems
    assert (problem.cell, problem.column, problem.path) == (f"{letter}3", title, path)
    assert "=1000*2" in problem.message
    assert "Excel" in problem.message
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["report_ru.csv"]


def test_formula_in_a_mandatory_cell_is_named_once(
    cells: Callable[[str], Cells], tmp_path: Path
) -> None:
    content = with_formula(cells("predpisanie"), "number", 'CONCAT("2-", 7)', None)
    (row,) = batch("predpisanie", BookSource("b.xlsx", content), tmp_path / "out", jobs=1)
    assert row.status == "refused"
    (problem,) = row.problems
    assert problem.path == "number"
    assert 'CONCAT("2-", 7)' in problem.message


@pytest.mark.parametrize(
    ("saved", "damage"),
    [pytest.param("2000", "2 000", id="number"), pytest.param("", None, id="empty-text")],
)
def test_formula_with_a_saved_result_is_read_as_its_result(
    cells: Callable[[str], Cells], tmp_path: Path, saved: str, damage: str | None
) -> None:
    path = "violations[1].damage_kzt"
    content = with_formula(cells("predpisanie"), path, "1000*2", saved)
    (row,) = batch("predpisanie", BookSource("b.xlsx", content), tmp_path / "out", jobs=1)
    assert row.status == "ok", row.problems_text()
    text = docx_text((tmp_path / "out" / row.file).read_bytes())
    if damage is not None:
        assert damage in text


@pytest.mark.parametrize("error", ["#DIV/0!", "#N/A", "#VALUE!"])
@pytest.mark.parametrize("path", ["findings", "violations[1].damage_kzt"], ids=["text", "amount"])
def test_excel_error_result_refuses_its_cell(
    cells: Callable[[str], Cells], tmp_path: Path, error: str, path: str
) -> None:
    letter, title = column_of("predpisanie", path)
    content = fill("predpisanie", [{**cells("predpisanie"), path: error}])
    (row,) = batch("predpisanie", BookSource("b.xlsx", content), tmp_path / "out", jobs=1)
    assert row.status == "refused"
    (problem,) = row.problems
    assert (problem.cell, problem.column, problem.path) == (f"{letter}3", title, path)
    assert error in problem.message


INLINE_CELLS = {
    "plain": '<c r="A1" t="inlineStr"><is><t>Прокуратура</t></is></c>',
    "spaces": '<c r="B1" t="inlineStr"><is><t xml:space="preserve">  two  </t></is></c>',
    "empty": '<c r="C1" t="inlineStr"><is><t/></is></c>',
    "runs-and-phonetic": (
        '<c r="D1" t="inlineStr"><is><r><t>Ата</t></r><r><rPr><b/></rPr><t>рау</t></r>'
        '<rPh sb="0" eb="1"><t>ph</t></rPh></is></c>'
    ),
    "number": '<c r="E1"><v>42</v></c>',
    "without-reference": '<c t="inlineStr"><is><t>after</t></is></c>',
}


def test_sheet_without_a_size_reads_as_openpyxl_reads_it(tmp_path: Path) -> None:
    from docgen.batching.book import _sheet_rows

    main_ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    cells = "".join(INLINE_CELLS.values())
    rows = f'<row r="1">{cells}</row><row r="3"><c r="A3" t="inlineStr"><is><t>x</t></is></c></row>'
    path = tmp_path / "program.xlsx"
    workbook = openpyxl.Workbook(write_only=True)
    workbook.create_sheet()
    workbook.save(path)
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    parts["xl/worksheets/sheet1.xml"] = (
        f'<worksheet xmlns="{main_ns}"><sheetData>{rows}</sheetData>'
        '<mergeCells count="1"><mergeCell ref="A5:B5"/></mergeCells></worksheet>'
    ).encode()
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    reference = openpyxl.load_workbook(path, read_only=True, data_only=True)
    sheet = reference.worksheets[0]
    sheet.reset_dimensions()
    expected = [tuple(row) for row in sheet.iter_rows(values_only=True)]

    read = openpyxl.load_workbook(path, read_only=True, data_only=True)
    got = list(_sheet_rows(read, read.worksheets[0], "program.xlsx"))

    assert got[0] == expected[0]
    assert got[0][:4] == ("Прокуратура", "  two  ", "", "Атарау")
    assert got[1] == ()
    assert got[2] == ("x",)
