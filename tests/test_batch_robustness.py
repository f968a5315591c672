"""A batch under hostile books and unlucky offices: full disks, killed runs, two clerks on one
folder, links in the output folder, spreadsheet bombs, runaway cells."""

from __future__ import annotations

import csv
import fcntl
import io
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from click.testing import CliRunner
from conftest import missing_tool
from fastapi.testclient import TestClient

from docgen import (
    BookSource,
    BookTooLargeError,
    NoSpaceError,
    batch,
    describe,
    sheet_bytes,
)
from docgen.batching import flatten_case, runner
from docgen.batching.book import (
    MAX_BOOK_BYTES,
    MAX_ELEMENTS,
    MAX_SHARED_TEXTS,
    MAX_STRINGS_BYTES,
    MAX_TEXT_BYTES,
    MB,
)
from docgen.batching.cells import MAX_CELL_CHARS
from docgen.cli import main
from docgen.output import safe_stem, write_atomic
from docgen.service.app import Limits, create_app

Example = Callable[[str], dict[str, Any]]
Cells = dict[str, object]
ACT = "predpisanie"
TEXT_PATH = "violations[1].essence"


@pytest.fixture
def cells(example: Example) -> Cells:
    return flatten_case(example(ACT))


def numbered(cells: Cells, count: int) -> list[Cells]:
    """Return ``count`` rows of ``cells``, each act with its own number."""
    return [{**cells, "number": f"2-06-25/{n}"} for n in range(1, count + 1)]


def csv_book(rows: Sequence[Cells]) -> bytes:
    """Return a CSV book headed by the field paths: its first act is on row 2."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=";")
    header = list(rows[0])
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if row.get(path) is None else row.get(path) for path in header])
    return out.getvalue().encode()


def document_name(row: Cells, number: int) -> str:
    return f"{ACT}_{safe_stem(str(row['number']))}_r{number}_ru.docx"


def read_report(raw: bytes) -> list[dict[str, str]]:
    assert raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig")  # strict: a report cut inside a letter fails here
    reader = csv.DictReader(io.StringIO(text, newline=""))
    assert reader.fieldnames == ["row", "status", "file", "problems"]
    return list(reader)


def docgen_command(*args: str | Path) -> list[str]:
    return [sys.executable, "-c", "from docgen.cli import main; main()", *map(str, args)]


def run_docgen(
    *args: str | Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        docgen_command(*args),
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, **(env or {})},
        timeout=600,
    )


# --- 7. a runaway CSV cell ------------------------------------------------------------------------


def test_a_csv_cell_longer_than_a_cell_may_be_refuses_its_row_by_name(
    cells: Cells, tmp_path: Path
) -> None:
    rows = numbered(cells, 3)
    rows[1][TEXT_PATH] = "ж" * (10 * MB)
    header = list(rows[0])
    letter = openpyxl.utils.get_column_letter(header.index(TEXT_PATH) + 1)
    made = batch(ACT, BookSource("book.csv", csv_book(rows)), tmp_path / "out", jobs=1)
    assert [(row.row, row.status) for row in made] == [(2, "ok"), (3, "refused"), (4, "ok")]
    (problem,) = made[1].problems
    assert problem.cell == f"{letter}3"
    assert problem.path == TEXT_PATH
    size, limit = (f"{count:,}".replace(",", " ") for count in (10 * MB, MAX_CELL_CHARS))
    assert (
        problem.message == f"в ячейке {size} символов, больше предельных {limit}; сократите текст"
    )


def test_a_csv_cell_longer_than_a_book_may_hold_refuses_the_book_in_russian(
    cells: Cells, tmp_path: Path
) -> None:
    rows = numbered(cells, 2)
    line = "ж" * 1000 + "\n"
    rows[1][TEXT_PATH] = line * (MAX_TEXT_BYTES // len(line) + 1)  # many lines, one cell
    with pytest.raises(BookTooLargeError) as caught:
        batch(ACT, BookSource("book.csv", csv_book(rows)), tmp_path / "out", jobs=1)
    message = describe(caught.value, "ru")
    assert message.startswith("book.csv: строка 3 книги содержит текст длиннее 16 МБ ")
    assert "field limit" not in message
    assert not (tmp_path / "out").exists()


def test_a_csv_line_longer_than_a_book_may_hold_refuses_the_book(
    cells: Cells, tmp_path: Path
) -> None:
    rows = numbered(cells, 2)
    rows[1][TEXT_PATH] = "ж" * (MAX_TEXT_BYTES + 1)
    with pytest.raises(BookTooLargeError) as caught:
        batch(ACT, BookSource("book.csv", csv_book(rows)), tmp_path / "out", jobs=1)
    assert describe(caught.value, "kk").startswith("book.csv: кітаптың 3-жолында 16 МБ-тан ұзын")


# --- 6. spreadsheet bombs -------------------------------------------------------------------------


SHEET = "xl/worksheets/sheet1.xml"
STRINGS = "xl/sharedStrings.xml"
SHARED_TEXTS = (
    b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    b"<si><t>a</t></si></sst>"
)
SHARED_TEXTS_TYPE = (
    b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
    b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
)


def xlsx_bomb(
    cells: Cells, *, part: str, before: bytes, repeat: int, insert: bytes, around: bytes = b"|"
) -> bytes:
    """Return a one-act book whose ``part`` has ``insert`` * ``repeat`` put before ``before``,
    wrapped in the two halves of ``around``.

    The part is written a megabyte at a time, so a gigabyte bomb costs no memory to make.
    """
    workbook = openpyxl.load_workbook(io.BytesIO(sheet_bytes(ACT)))
    sheet = workbook.worksheets[0]
    index = {cell.value: cell.column for cell in sheet[2]}
    for path, value in cells.items():
        sheet.cell(3, index[path], value)
    plain = io.BytesIO()
    workbook.save(plain)
    opening, closing = around.split(b"|")
    out = io.BytesIO()
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as made:
        parts = {info.filename: source.read(info) for info in source.infolist()}
        if STRINGS not in parts:  # openpyxl writes texts inline; Excel shares them
            parts[STRINGS] = SHARED_TEXTS
            types = parts["[Content_Types].xml"]
            parts["[Content_Types].xml"] = types.replace(
                b"</Types>", SHARED_TEXTS_TYPE + b"</Types>"
            )
        for filename, data in parts.items():
            info = zipfile.ZipInfo(filename)
            if filename != part:
                made.writestr(info, data, zipfile.ZIP_DEFLATED)
                continue
            head, tail = data.rsplit(before, 1)
            info.compress_type = zipfile.ZIP_DEFLATED
            with made.open(info, "w", force_zip64=True) as handle:
                handle.write(head + opening)
                block = insert * max(1, MB // len(insert))
                written = 0
                while written < repeat:
                    piece = block[: (repeat - written) * len(insert)]
                    handle.write(piece)
                    written += len(piece) // len(insert)
                handle.write(closing + before + tail)
    return out.getvalue()


def bombs(size: int) -> dict[str, dict[str, Any]]:
    """The bombs of about ``size`` bytes unpacked, by name."""
    return {
        "spaces-in-the-sheet": {
            "part": SHEET,
            "before": b"</sheetData>",
            "insert": b" ",
            "repeat": size,
        },
        "one-long-text": {
            "part": SHEET,
            "before": b"</sheetData>",
            "insert": b"x",
            "repeat": size,
            "around": b'<row r="9"><c r="B9" t="inlineStr"><is><t>|</t></is></c></row>',
        },
        "one-long-shared-text": {
            "part": STRINGS,
            "before": b"</sst>",
            "insert": b"x",
            "repeat": size,
            "around": b"<si><t>|</t></si>",
        },
        "many-styles": {
            "part": "xl/styles.xml",
            "before": b"</cellXfs>",
            "insert": b"<xf/>",
            "repeat": size,
        },
        "a-row-past-the-last": {
            "part": SHEET,
            "before": b"</sheetData>",
            "insert": b'<row r="1048577"><c r="A1048577" t="inlineStr"><is><t>a</t></is></c></row>',
            "repeat": size,
        },
        "many-shared-texts": {
            "part": STRINGS,
            "before": b"</sst>",
            "insert": b"<si><t>a</t></si>",
            "repeat": size // 17,
        },
    }


@pytest.mark.parametrize(
    ("name", "size", "expected"),
    [
        pytest.param(
            "spaces-in-the-sheet",
            MAX_BOOK_BYTES + MB,
            "книга распаковывается в 257 МБ",
            id="spaces-over-the-book-limit",
        ),
        pytest.param(
            "spaces-in-the-sheet",
            MAX_TEXT_BYTES + MB,
            f"часть {SHEET} книги содержит текст длиннее 16 МБ",
            id="spaces-over-the-text-limit",
        ),
        pytest.param(
            "one-long-shared-text",
            MAX_TEXT_BYTES + MB,
            f"часть {STRINGS} книги содержит текст длиннее 16 МБ",
            id="one-long-shared-text",
        ),
        pytest.param(
            "many-shared-texts",
            MAX_STRINGS_BYTES + MB,
            f"часть {STRINGS} книги распаковывается в 65 МБ",
            id="shared-texts-over-the-size-limit",
        ),
        pytest.param(
            "many-shared-texts",
            (MAX_SHARED_TEXTS + 1) * 17,
            "в книге 500 002 разных общих текстов ячеек, больше предельных для книги 500 000",
            id="shared-texts-over-the-count-limit",
        ),
        pytest.param(
            "many-styles",
            MAX_ELEMENTS,
            "стили и настройки книги содержат ",
            id="styles-over-the-element-limit",
        ),
        pytest.param(
            "a-row-past-the-last",
            1,
            "на листе есть строки после строки 1 048 576, последней в Excel",
            id="a-row-past-the-last",
        ),
    ],
)
def test_a_spreadsheet_bomb_is_refused_before_it_is_read(
    cells: Cells, tmp_path: Path, name: str, size: int, expected: str
) -> None:
    book = xlsx_bomb(cells, **bombs(size)[name])
    assert len(book) < 2 * MB
    with pytest.raises(BookTooLargeError) as caught:
        batch(ACT, BookSource("bomb.xlsx", book), tmp_path / "out", jobs=1)
    assert expected in describe(caught.value, "ru")
    assert not (tmp_path / "out").exists()


def test_a_long_inline_text_is_refused_on_the_command_line(cells: Cells, tmp_path: Path) -> None:
    book = xlsx_bomb(cells, **bombs(MAX_TEXT_BYTES + MB)["one-long-text"])
    (tmp_path / "bomb.xlsx").write_bytes(book)
    result = run_docgen("batch", ACT, tmp_path / "bomb.xlsx", "-o", tmp_path / "out")
    assert result.returncode == 2, result.stderr
    assert f"часть {SHEET} книги содержит текст длиннее 16 МБ" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_bomb_sent_to_the_service_is_a_json_413(cells: Cells) -> None:
    book = xlsx_bomb(cells, **bombs(MAX_BOOK_BYTES + MB)["spaces-in-the-sheet"])
    with TestClient(create_app(Limits())) as client:
        response = client.post(
            f"/api/acts/{ACT}/batch",
            files={"file": ("bomb.xlsx", book, "application/octet-stream")},
        )
    assert response.status_code == 413, response.text
    body = response.json()
    assert body["error"] == "book_too_large"
    assert "257 МБ" in body["message"]


def test_an_xlsx_cell_longer_than_a_cell_may_be_refuses_its_row(
    cells: Cells, tmp_path: Path
) -> None:
    # Excel holds at most 32,767 characters in a cell; a program may write any number.
    book = xlsx_bomb(cells, **bombs(MAX_CELL_CHARS + 1)["one-long-text"])
    made = batch(ACT, BookSource("book.xlsx", book), tmp_path, jobs=1)
    assert [(row.row, row.status) for row in made] == [
        (3, "ok"),
        *((number, "skipped") for number in range(4, 9)),
        (9, "refused"),
    ]
    named = [problem for problem in made[-1].problems if problem.cell == "B9"]
    assert len(named) == 1
    assert named[0].message.startswith(
        f"в ячейке {MAX_CELL_CHARS + 1:,} символов".replace(",", " ")
    )


def test_a_book_under_the_limits_is_read(cells: Cells, tmp_path: Path) -> None:
    book = xlsx_bomb(cells, **bombs(MAX_TEXT_BYTES - MB)["spaces-in-the-sheet"])
    made = batch(ACT, BookSource("book.xlsx", book), tmp_path, jobs=1)
    assert [row.status for row in made] == ["ok"]


# --- 5. a link in the output folder ---------------------------------------------------------------


def test_a_link_in_the_output_folder_fails_its_row_only(cells: Cells, tmp_path: Path) -> None:
    rows = numbered(cells, 12)
    outdir = tmp_path / "out"
    outdir.mkdir()
    outside = tmp_path / "secret.txt"
    outside.write_text("do not touch")
    link = outdir / document_name(rows[4], 6)
    link.symlink_to(outside)
    made = batch(ACT, BookSource("book.csv", csv_book(rows)), outdir, jobs=1)
    statuses = [(row.row, row.status) for row in made]
    assert statuses == [(n, "failed" if n == 6 else "ok") for n in range(2, 14)]
    assert f"«{link.name}»" in made[4].problems_text()
    assert "ссылка" in made[4].problems_text()
    assert link.is_symlink()
    assert outside.read_text() == "do not touch"
    assert len(read_report((outdir / "report_ru.csv").read_bytes())) == 12


# --- 4. two batches on one folder -----------------------------------------------------------------


def test_a_second_batch_waits_for_the_first(cells: Cells, tmp_path: Path) -> None:
    outdir = tmp_path / "out"
    outdir.mkdir()
    book = BookSource("book.csv", csv_book(numbered(cells, 3)))
    holder = os.open(outdir, os.O_RDONLY)
    fcntl.flock(holder, fcntl.LOCK_EX)  # another batch is writing here
    waiting = threading.Event()
    done: list[list[str]] = []

    def second() -> None:
        summary = runner.run_batch(ACT, book, outdir, jobs=1, on_wait=waiting.set)
        done.append([str(summary.ok), str(summary.failed)])

    thread = threading.Thread(target=second)
    thread.start()
    try:
        assert waiting.wait(30), "the second batch did not wait"
        time.sleep(0.5)
        assert not done
        assert not list(outdir.iterdir())
    finally:
        os.close(holder)
    thread.join(60)
    assert done == [["3", "0"]]


def test_a_document_written_meanwhile_identical_is_ok(
    cells: Cells, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = write_atomic

    def raced(target: Path, content: bytes, **options: Any) -> Path:
        real(target, content, **options)  # the other batch was faster
        return real(target, content, **options)

    monkeypatch.setattr("docgen.batching.runner.write_atomic", raced)
    made = batch(ACT, BookSource("book.csv", csv_book(numbered(cells, 2))), tmp_path, jobs=1)
    assert [(row.status, row.unchanged) for row in made] == [("ok", True), ("ok", True)]


@pytest.mark.slow
def test_two_batches_on_one_folder_give_no_false_failure(cells: Cells, tmp_path: Path) -> None:
    rows = numbered(cells, 150)
    (tmp_path / "book.csv").write_bytes(csv_book(rows))
    outdir = tmp_path / "out"
    runs = [
        subprocess.Popen(
            docgen_command(
                "batch",
                ACT,
                tmp_path / "book.csv",
                "-o",
                outdir,
                "--jobs",
                "2",
                "--zip",
                outdir / "all.zip",
            ),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    outputs = [run.communicate(timeout=600) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    report = read_report((outdir / "report_ru.csv").read_bytes())
    assert [row["status"] for row in report] == ["ok"] * 150
    with zipfile.ZipFile(outdir / "all.zip") as archive:
        names = set(archive.namelist())
    assert names == {document_name(row, n) for n, row in enumerate(rows, start=2)} | {
        "report_ru.csv"
    }


# --- 3. a killed batch ----------------------------------------------------------------------------


def test_a_rerun_removes_what_a_killed_batch_left(cells: Cells, tmp_path: Path) -> None:
    outdir = tmp_path / "out"
    outdir.mkdir()
    leftovers = [".report_ru.csv.k1l2e3d4.part", f".{document_name(cells, 3)}.a_b1c2d3.part"]
    others = [".notes.part", ".plan.txt.abcdefgh.part", "report_ru.csv.abcdefgh.part"]
    for name in leftovers + others:
        (outdir / name).write_bytes(b"half")
    batch(ACT, BookSource("book.csv", csv_book(numbered(cells, 1))), outdir, jobs=1)
    names = {path.name for path in outdir.iterdir()}
    assert not names & set(leftovers)
    assert set(others) <= names


def descendants(pid: int) -> set[int]:
    """Return the processes started by ``pid``, their children and so on."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    found: set[int] = set()
    frontier = {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


def alive(pid: int) -> bool:
    """Return whether ``pid`` runs (a zombie waiting to be reaped does not)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


@pytest.mark.slow
def test_a_killed_batch_leaves_no_process_behind(cells: Cells, tmp_path: Path) -> None:
    (tmp_path / "book.csv").write_bytes(csv_book(numbered(cells, 2000)))
    batch_run = subprocess.Popen(
        docgen_command("batch", ACT, tmp_path / "book.csv", "-o", tmp_path / "out", "--jobs", "2"),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    children: set[int] = set()
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            children = descendants(batch_run.pid)
            if len(children) >= 3 and any((tmp_path / "out").glob("*.docx")):
                break  # two workers and the resource tracker, at work
            time.sleep(0.1)
        assert len(children) >= 3, "the batch did not start its workers"
        os.kill(batch_run.pid, signal.SIGKILL)
        batch_run.wait()
        deadline = time.monotonic() + 5
        while any(alive(pid) for pid in children) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert [pid for pid in children if alive(pid)] == []
    finally:
        for pid in children:
            if alive(pid):
                os.kill(pid, signal.SIGKILL)
    rerun = run_docgen("batch", ACT, tmp_path / "book.csv", "-o", tmp_path / "out")
    assert rerun.returncode == 0, rerun.stderr
    assert not list((tmp_path / "out").glob(".*.part"))


# --- 2. a full disk -------------------------------------------------------------------------------


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """Yield a folder on a 2 MB file system of its own (a tmpfs: mounting needs root)."""
    folder = tmp_path / "disk"
    folder.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(folder)],
        capture_output=True,
        text=True,
        check=False,
    )
    if mounted.returncode != 0:
        missing_tool(f"a 2 MB tmpfs cannot be mounted: {mounted.stderr.strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


@pytest.mark.slow
def test_a_full_disk_ends_the_batch_with_a_true_report(
    cells: Cells, tmp_path: Path, small_disk: Path
) -> None:
    rows = numbered(cells, 3000)
    (tmp_path / "book.csv").write_bytes(csv_book(rows))
    elsewhere = tmp_path / "tmp"
    elsewhere.mkdir()
    outdir = small_disk / "out"
    result = run_docgen(
        "batch",
        ACT,
        tmp_path / "book.csv",
        "-o",
        outdir,
        "--jobs",
        "2",
        env={"TMPDIR": str(elsewhere)},
    )
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert f"На диске папки {outdir} не осталось места" in result.stderr
    reports = [*elsewhere.glob("docgen-report-*.csv"), *outdir.glob("report_ru.csv")]
    assert len(reports) == 1
    assert str(reports[0]) in result.stderr
    report = read_report(reports[0].read_bytes())
    assert [int(row["row"]) for row in report] == list(range(2, 3002))
    made = {row["file"] for row in report if row["status"] == "ok"}
    assert 0 < len(made) < 3000
    assert {row["status"] for row in report} == {"ok", "failed"}
    for row in report:
        if row["status"] == "failed":
            assert "не осталось места" in row["problems"]
    documents = {path.name for path in outdir.iterdir()} - {"report_ru.csv"}
    assert documents == made  # no partial file, no temporary part, nothing unreported
    for name in made:
        with zipfile.ZipFile(outdir / name) as document:
            assert document.testzip() is None


def test_a_report_with_no_room_left_is_written_elsewhere_and_said(
    cells: Cells, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = write_atomic

    def full_for_the_report(target: Path, content: bytes, **options: Any) -> Path:
        if Path(target).name == "report_ru.csv":
            raise NoSpaceError(str(target), str(Path(target).parent))
        return real(target, content, **options)

    monkeypatch.setattr("docgen.batching.runner.write_atomic", full_for_the_report)
    elsewhere = tmp_path / "tmp"
    elsewhere.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(elsewhere))
    outdir = tmp_path / "out"
    outdir.mkdir()
    (outdir / "report_ru.csv").write_text("an old run's report")
    (tmp_path / "book.csv").write_bytes(csv_book(numbered(cells, 2)))
    result = CliRunner().invoke(main, ["batch", ACT, str(tmp_path / "book.csv"), "-o", str(outdir)])
    assert result.exit_code == 0, result.output
    (report,) = elsewhere.glob("docgen-report-*.csv")
    assert [row["status"] for row in read_report(report.read_bytes())] == ["ok", "ok"]
    assert not (outdir / "report_ru.csv").exists()  # it would tell another run's story
    assert f"На диске папки {outdir} не осталось места для отчёта; он записан в {report}." in (
        result.stderr
    )
