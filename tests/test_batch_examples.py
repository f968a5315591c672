"""The example books in examples/batch/: valid rows made, the wrong ones refused by cell."""

from __future__ import annotations

from pathlib import Path

import pytest

from docgen import batch

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "batch"


@pytest.mark.parametrize(
    ("name", "refused"),
    [
        ("predpisanie.xlsx", {7: "S7", 10: "BW10"}),
        ("predpisanie.csv", {7: "S7", 10: "BW10"}),
        ("protest.xlsx", {6: "BP6", 9: "BN9"}),
    ],
    ids=["predpisanie-xlsx", "predpisanie-csv-cp1251", "protest-xlsx"],
)
def test_example_book(name: str, refused: dict[int, str], tmp_path: Path) -> None:
    act_type = name.split(".")[0]
    assert name.startswith(act_type)
    rows = batch(act_type, EXAMPLES / name, tmp_path, jobs=1)
    assert {r.row: r.problems[0].cell for r in rows if r.status == "refused"} == refused
    made = [r for r in rows if r.status == "ok"]
    assert len(made) >= 6
    assert len(made) + len(refused) == len(rows)
    assert all((tmp_path / r.file).is_file() for r in made)


def test_the_csv_example_is_cp1251_with_semicolons() -> None:
    raw = (EXAMPLES / "predpisanie.csv").read_bytes()
    raw.decode("cp1251")
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    assert raw.split(b"\r\n", 1)[0].count(b";") > 50
