"""Batches that register their acts: numbers in the report, re-runs, a batch killed midway."""

from __future__ import annotations

import csv
import io
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from conftest import docx_text
from registry_helpers import ready_registry, registrable

from docgen import run_batch
from docgen.batching import flatten_case
from docgen.registry import Registry
from docgen.registry.store import count_acts


@pytest.fixture
def store(registry_url: str) -> Iterator[Registry]:
    """A registry with its schema and offices, closed after."""
    with ready_registry(registry_url) as registry:
        yield registry


def book_rows(count: int, **changes: Any) -> list[dict[str, Any]]:
    """Return ``count`` predpisanie rows numbered auto, each to a different addressee."""
    rows = []
    for index in range(count):
        case = registrable(**changes)
        case["addressee"]["name"] = f"А.Ж. Адресатовой {index + 1}"
        rows.append(flatten_case(case))
    return rows


def write_book(path: Path, rows: list[dict[str, Any]]) -> Path:
    """Write ``rows`` as a CSV book whose header is the field paths."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=";")
    header = list(rows[0])
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if row.get(name) is None else row[name] for name in header])
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


def read_report(outdir: Path) -> list[dict[str, str]]:
    text = (outdir / "report_ru.csv").read_text(encoding="utf-8-sig")
    reader = csv.DictReader(io.StringIO(text, newline=""))
    assert reader.fieldnames == ["row", "status", "file", "problems", "number", "registry_id"]
    return list(reader)


def sequences(store: Registry) -> list[int]:
    return sorted(int(act.number.rsplit("/", 1)[1]) for act in store.acts())


def test_a_registered_batch_reports_numbers_and_ids(store: Registry, tmp_path: Path) -> None:
    book = write_book(tmp_path / "утро.csv", book_rows(5))
    registrar = store.batch_registrar("predpisanie", book.name)
    summary = run_batch("predpisanie", book, tmp_path / "out", jobs=2, registrar=registrar)
    assert summary.ok == 5
    report = read_report(tmp_path / "out")
    assert [row["number"] for row in report] == [f"2-06-25/{n}" for n in range(1, 6)]
    # named like a plain batch's documents: type, number, row, language
    assert [row["file"] for row in report] == [
        f"predpisanie_2-06-25_{n}_r{n + 1}_ru.docx" for n in range(1, 6)
    ]
    for row in report:
        act = store.act(int(row["registry_id"]))
        assert act.summary.number == row["number"]
        written = (tmp_path / "out" / row["file"]).read_bytes()
        assert written == store.document(act.summary.id)
        assert row["number"] in docx_text(written)


def test_running_the_same_book_again_registers_nothing_new(store: Registry, tmp_path: Path) -> None:
    rows = book_rows(4)
    book = write_book(tmp_path / "book.csv", rows)
    registrar = store.batch_registrar("predpisanie", book.name)
    run_batch("predpisanie", book, tmp_path / "out", jobs=1, registrar=registrar)
    first = read_report(tmp_path / "out")
    summary = run_batch("predpisanie", book, tmp_path / "out", jobs=1, registrar=registrar)
    assert summary.ok == 4
    assert summary.unchanged == 4
    assert read_report(tmp_path / "out") == first
    assert count_acts(store) == 4
    # one row changed: refused, the others reported with their numbers
    rows[1]["addressee.name"] = "Другому адресату"
    write_book(book, rows)
    run_batch("predpisanie", book, tmp_path / "out", jobs=1, registrar=registrar)
    again = read_report(tmp_path / "out")
    assert [row["status"] for row in again] == ["ok", "refused", "ok", "ok"]
    assert "2-06-25/2" in again[1]["problems"]
    assert again[1]["number"] == ""
    assert count_acts(store) == 4


def test_rows_without_a_number_are_numbered(store: Registry, tmp_path: Path) -> None:
    rows = book_rows(2)
    for row in rows:
        row["number"] = ""  # the column is there, the cell empty
    book = write_book(tmp_path / "book.csv", rows)
    registrar = store.batch_registrar("predpisanie", book.name)
    run_batch("predpisanie", book, tmp_path / "out", jobs=1, registrar=registrar)
    assert [row["number"] for row in read_report(tmp_path / "out")] == ["2-06-25/1", "2-06-25/2"]


def test_a_chunk_numbers_hand_given_and_auto_rows_without_reuse_or_gap(
    store: Registry, tmp_path: Path
) -> None:
    # a number given by hand before the batch holds its place in the sequence
    store.register("predpisanie", registrable(number="2-06-25/2"))
    rows = book_rows(6)
    rows[2]["number"] = "2-06-25/7"  # by hand, in the middle of the chunk
    rows[4]["number"] = "2-06-25/7"  # the same number again: taken by the row above
    rows[5]["number"] = "2-06-25/2"  # taken before the batch
    book = write_book(tmp_path / "book.csv", rows)
    registrar = store.batch_registrar("predpisanie", book.name)
    run_batch("predpisanie", book, tmp_path / "out", jobs=1, registrar=registrar)
    report = read_report(tmp_path / "out")
    assert [row["status"] for row in report] == ["ok", "ok", "ok", "ok", "refused", "refused"]
    assert [row["number"] for row in report[:4]] == [
        "2-06-25/1",
        "2-06-25/3",
        "2-06-25/7",
        "2-06-25/4",
    ]
    assert "2-06-25/7" in report[4]["problems"]
    assert "2-06-25/2" in report[5]["problems"]
    assert sorted(sequences(store)) == [1, 2, 3, 4, 7]
    # the next act continues the sequence: nothing reserved for the refused rows
    assert store.register("predpisanie", registrable()).number == "2-06-25/5"


def test_batches_registering_at_once_share_one_sequence(store: Registry, tmp_path: Path) -> None:
    # 70 rows: each batch registers three chunks (REGISTER_CHUNK_ROWS is 32), interleaved.
    books = [write_book(tmp_path / f"book{n}.csv", book_rows(70)) for n in range(2)]
    with ThreadPoolExecutor(max_workers=2) as pool:
        summaries = list(
            pool.map(
                lambda book: run_batch(
                    "predpisanie",
                    book,
                    tmp_path / f"out-{book.stem}",
                    jobs=1,
                    registrar=store.batch_registrar("predpisanie", book.name),
                ),
                books,
            )
        )
    assert [summary.ok for summary in summaries] == [70, 70]
    assert sequences(store) == list(range(1, 141))


def test_rows_of_an_unknown_office_are_refused_at_the_cell(store: Registry, tmp_path: Path) -> None:
    rows = book_rows(2)
    rows[0]["office.code"] = "nowhere"
    book = write_book(tmp_path / "book.csv", rows)
    registrar = store.batch_registrar("predpisanie", book.name)
    run_batch("predpisanie", book, tmp_path / "out", jobs=1, registrar=registrar)
    report = read_report(tmp_path / "out")
    assert [row["status"] for row in report] == ["refused", "ok"]
    assert "nowhere" in report[0]["problems"]
    assert report[1]["number"] == "2-06-25/1"


def test_a_batch_killed_midway_completes_without_duplicates_or_gaps(
    store: Registry, registry_url: str, tmp_path: Path
) -> None:
    total = 300
    book = write_book(tmp_path / "book.csv", book_rows(total))
    command = [
        str(Path(sys.executable).parent / "docgen"),
        "batch",
        "predpisanie",
        str(book),
        "-o",
        str(tmp_path / "out"),
        "--register",
        "--jobs",
        "2",
        "--db",
        registry_url,
    ]
    victim = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    deadline = time.monotonic() + 300
    while count_acts(store) < 5 and victim.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert victim.poll() is None, "the batch ended before it could be killed"
    os.killpg(victim.pid, signal.SIGKILL)  # the batch and its workers, mid-way
    victim.wait()
    registered = count_acts(store)
    assert 5 <= registered < total
    assert sequences(store) == list(range(1, registered + 1))
    done = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    report = read_report(tmp_path / "out")
    assert [row["status"] for row in report] == ["ok"] * total
    assert sequences(store) == list(range(1, total + 1))
    assert sorted(int(row["registry_id"]) for row in report) == sorted(a.id for a in store.acts())
    for row in report:
        assert (tmp_path / "out" / row["file"]).read_bytes() == store.document(
            int(row["registry_id"])
        )


@pytest.mark.libreoffice
def test_pdfs_are_registered_with_their_acts(soffice: str, store: Registry, tmp_path: Path) -> None:
    made, target = store.register_to_file("predpisanie", registrable(), output=tmp_path / "act.pdf")
    assert target.read_bytes() == made.pdf == store.document(made.id, format="pdf")
    assert store.act(made.id).pdf_sha256 is not None
    book = write_book(tmp_path / "book.csv", book_rows(2))
    registrar = store.batch_registrar("predpisanie", book.name)
    run_batch(
        "predpisanie", book, tmp_path / "out", jobs=1, formats=("docx", "pdf"), registrar=registrar
    )
    for row in read_report(tmp_path / "out"):
        pdf_name = next(name for name in row["file"].split(";") if name.endswith(".pdf"))
        stored = store.document(int(row["registry_id"]), format="pdf")
        assert (tmp_path / "out" / pdf_name).read_bytes() == stored
    assert store.verify() == (2 + 2 * 2, [])
