"""Benchmark: a batch from .xlsx books against the same rows as CSV, side by side.

Run from the repository: ``python benchmarks/xlsx.py [--rows 10000] [--jobs 2] [--rounds 1]``.

From the predpisanie CSV of ``benchmarks/render.py`` it makes two workbooks of the same rows: one
written by a program in openpyxl's write-only mode (inline texts, letters written as
``&#1040;``, no recorded size) and one with shared texts in UTF-8 and the size recorded, as
Excel and LibreOffice save a book (openpyxl's normal mode, whose inline texts are then moved to
shared texts by ``tests/book_helpers.py``: the LibreOffice here has no Calc to save one). Each
batch runs in a new process (``docgen batch ... --jobs N``), alternating, and the script prints
wall seconds and the ratio of each workbook to the CSV (target: at most 1.3), with the load.

With ``--read`` it first times reading alone in this process (opening the book, its checks
and every row, as the batch's main process reads it), best of ``--rounds``.
"""

from __future__ import annotations

import argparse
import csv
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import openpyxl

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "tests"))

from book_helpers import with_shared_texts  # noqa: E402
from render import machine, write_book  # noqa: E402

from docgen.batching import open_book  # noqa: E402
from docgen.batching.runner import _items  # noqa: E402

DOCGEN = Path(sys.executable).with_name("docgen")


def write_only_book(rows: list[list[str]], target: Path) -> None:
    """Write ``rows`` as openpyxl's write-only mode does (inline texts, no dimension)."""
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet()
    for row in rows:
        sheet.append(row)
    workbook.save(target)


def shared_texts_book(rows: list[list[str]], target: Path) -> None:
    """Write ``rows`` as Excel and LibreOffice save a book: shared texts in UTF-8, the size
    recorded (openpyxl's normal mode records the size; its texts are then made shared)."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    workbook.save(target)
    target.write_bytes(with_shared_texts(target.read_bytes()))


def read(book: Path) -> float:
    """Return the seconds of opening ``book`` and reading every row, as a batch reads them."""
    start = time.perf_counter()
    with open_book("predpisanie", book) as opened:
        for _ in _items(opened):
            pass
    return time.perf_counter() - start


def batch(book: Path, work: Path, jobs: int) -> float:
    """Return the seconds of ``docgen batch predpisanie BOOK`` in a new process."""
    outdir = work / "out"
    shutil.rmtree(outdir, ignore_errors=True)
    start = time.perf_counter()
    subprocess.run(
        [str(DOCGEN), "batch", "predpisanie", str(book), "-o", str(outdir), "--jobs", str(jobs)],
        check=True,
        capture_output=True,
        timeout=3600,
    )
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--read", action="store_true", help="first time reading alone")
    args = parser.parse_args()
    print("machine: " + ", ".join(f"{k}={v}" for k, v in machine().items()))
    work = Path(tempfile.mkdtemp(prefix="docgen-xlsx-bench-"))
    try:
        books = {"csv": work / "book.csv", "xlsx write-only": work / "book.xlsx"}
        write_book(args.rows, books["csv"])
        with books["csv"].open(encoding="utf-8", newline="") as handle:
            rows = list(csv.reader(handle))
        write_only_book(rows, books["xlsx write-only"])
        books["xlsx shared texts"] = work / "shared.xlsx"
        shared_texts_book(rows, books["xlsx shared texts"])
        del rows
        if args.read:
            reading: dict[str, list[float]] = {name: [] for name in books}
            for _ in range(args.rounds):
                for name, book in books.items():
                    reading[name].append(read(book))
            print(f"\nreading alone, {args.rows} rows (best of {args.rounds})")
            base = min(reading["csv"])
            for name, values in reading.items():
                print(f"{name:<18}{min(values):>9.2f}{min(values) / base:>8.2f}")
        times: dict[str, list[float]] = {name: [] for name in books}
        for _ in range(args.rounds):
            for name, book in books.items():
                times[name].append(batch(book, work, args.jobs))
        base = statistics.median(times["csv"])
        print(f"\n{args.rows} rows, --jobs {args.jobs} (median of {args.rounds})")
        print(f"{'book':<18}{'wall s':>9}{'/ csv':>8}")
        for name, values in times.items():
            wall = statistics.median(values)
            print(f"{name:<18}{wall:>9.2f}{wall / base:>8.2f}")
        worst = max(statistics.median(v) for v in times.values()) / base
        print(f"target 3: worst .xlsx / CSV = {worst:.2f} (<= 1.3)")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print("load at the end: " + " ".join(f"{x:.2f}" for x in os.getloadavg()))


if __name__ == "__main__":
    main()
