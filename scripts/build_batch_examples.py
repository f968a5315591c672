"""Build the example batch books in examples/batch/ from the valid example cases.

Each book has several valid rows (variations of examples/<type>.yaml) and two rows that must be
refused, so ``docgen batch`` on it shows both outcomes:

    python scripts/build_batch_examples.py
    docgen batch predpisanie examples/batch/predpisanie.xlsx -o /tmp/acts

The blank sheet comes from ``docgen.sheet_bytes``, so the books always match the current layout.
"""

from __future__ import annotations

import copy
import csv
import datetime as dt
import io
import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import openpyxl

from docgen import read_case_file, sheet_bytes
from docgen.batching import Kind, flatten_case, resolve, sheet_columns
from docgen.output import write_atomic

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
OUT = EXAMPLES / "batch"
Case = dict[str, Any]
_DOTTED = re.compile(r"^(\d{2})\.(\d{2})\.(\d{4})$")


def example(act_type: str) -> Case:
    return read_case_file(EXAMPLES / f"{act_type}.yaml")


def predpisanie_cases() -> list[Case]:
    """Eight predpisanie after a sweep of schools, then two that must be refused."""
    base = example("predpisanie")
    cases = []
    for index, school in enumerate((17, 3, 25, 41, 8, 12, 30, 5)):
        case = copy.deepcopy(base)
        case["number"] = f"2-06-25/{418 + index}"
        case["addressee"]["organization"] = (
            f"КГУ «Общеобразовательная средняя школа № {school}» отдела образования города Атырау"
        )
        case["contested_act"]["issuing_body"] = case["addressee"]["organization"]
        case["findings"] = case["findings"].replace("№ 17", f"№ {school}")
        cases.append(case)
    no_essence = copy.deepcopy(base)
    no_essence["number"] = "2-06-25/426"
    no_essence["violations"][0]["essence"] = ""
    normative = copy.deepcopy(base)
    normative["number"] = "2-06-25/427"
    normative["contested_act"]["normative"] = True  # p. 11: never against a normative act
    return [*cases[:4], no_essence, *cases[4:6], normative, *cases[6:]]


def cp1251_safe(case: Case) -> Case:
    """Return ``case`` issued by the oblast office, whose Kazakh name fits in Windows-1251.

    Windows-1251 has no Kazakh letters (ә, ғ, қ, ң, ө, ұ, ү, һ, і); a CSV saved in it by
    Russian Excel loses them, and ``docgen batch`` refuses such cells.
    """
    case = copy.deepcopy(case)
    case["office"] = {
        "name_ru": "Прокуратура Атырауской области",
        "name_kk": "Атырау облысы прокуратурасы",
        "specialization": "territorial",
    }
    case["issuer"]["position"] = "oblast_prosecutor"
    case["issuer"]["position_title"] = "Прокурор Атырауской области"
    case["addressee"]["organization"] = case["addressee"]["organization"].replace(
        " отдела образования города Атырау", ""
    )
    return case


def protest_cases() -> list[Case]:
    """Six protests against acts of akimats, then two that must be refused."""
    base = example("protest")
    cases = []
    for index, (number, day) in enumerate(
        (
            ("112/3", "10.04.2025"),
            ("118/1", "14.04.2025"),
            ("121/4", "22.04.2025"),
            ("130/2", "05.05.2025"),
            ("134/7", "12.05.2025"),
            ("140/1", "20.05.2025"),
        )
    ):
        case = copy.deepcopy(base)
        case["number"] = f"2-09-25/{233 + index}"
        case["contested_act"]["number"] = number
        case["contested_act"]["date"] = day
        cases.append(case)
    above = copy.deepcopy(base)
    above["number"] = "2-09-25/239"
    above["contested_act"]["issuing_body"] = "Министерство торговли и интеграции"
    above["contested_act"]["issuing_body_level"] = "central"  # p. 16: above the issuer's level
    no_date = copy.deepcopy(base)
    no_date["number"] = "2-09-25/240"
    no_date["contested_act"]["date"] = "31.02.2025"  # no such date
    return [*cases[:3], above, *cases[3:5], no_date, *cases[5:]]


def excel_value(act_type: str, path: str, value: object) -> object:
    """Return ``value`` as a clerk's Excel holds it: real dates, да/нет."""
    column = resolve(act_type, path)
    if column is None:
        raise SystemExit(f"{act_type}: the example has a field the sheet lacks: {path}")
    if column.kind is Kind.DATE and isinstance(value, str) and (m := _DOTTED.match(value)):
        day, month, year = (int(g) for g in m.groups())
        try:
            return dt.date(year, month, day)
        except ValueError:
            return value  # an impossible date stays as typed text
    if column.kind is Kind.BOOL and isinstance(value, bool):
        return "да" if value else "нет"
    return value


def xlsx_book(act_type: str, cases: Sequence[Case]) -> bytes:
    book = openpyxl.load_workbook(io.BytesIO(sheet_bytes(act_type, lang="ru")))
    sheet = book.worksheets[0]
    index = {cell.value: cell.column for cell in sheet[2]}
    for row, case in enumerate(cases, start=3):
        for path, value in flatten_case(case).items():
            sheet.cell(row, index[path], excel_value(act_type, path, value))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def csv_book(act_type: str, cases: Sequence[Case]) -> bytes:
    """Return the book as Russian-locale Excel saves «CSV (разделители — точка с запятой)»."""
    columns = sheet_columns(act_type)
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([column.title("ru") for column in columns])
    writer.writerow([column.path for column in columns])
    for case in cases:
        cells = flatten_case(case)
        row = []
        for column in columns:
            value = excel_value(act_type, column.path, cells.get(column.path))
            if isinstance(value, dt.date):
                value = f"{value:%d.%m.%Y}"
            row.append("" if value is None else value)
        writer.writerow(row)
    return out.getvalue().encode("cp1251")


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    books: dict[str, Callable[[], bytes]] = {
        "predpisanie.xlsx": lambda: xlsx_book("predpisanie", predpisanie_cases()),
        "predpisanie.csv": lambda: csv_book(
            "predpisanie", [cp1251_safe(case) for case in predpisanie_cases()]
        ),
        "protest.xlsx": lambda: xlsx_book("protest", protest_cases()),
    }
    for name, build in books.items():
        target = write_atomic(OUT / name, build(), overwrite=True)
        print(f"written {target.relative_to(ROOT)}", file=sys.stderr)


if __name__ == "__main__":
    main()
