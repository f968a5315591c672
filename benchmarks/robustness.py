"""Benchmark: a batch under a full disk, a kill -9, two runs on one folder and spreadsheet bombs.

Run from the repository, as root (the full disk is a 2 MB tmpfs):
``python benchmarks/robustness.py [--rows 3000] [--source DIR] [--only NAME ...]``.
``--source`` measures another checkout of docgen (its ``docgen`` package) with the same script.

It prints, one section each:

1. ``full-disk``: ``--rows`` rows into a 2 MB tmpfs with ``--jobs 2``: exit code, the message,
   documents written, where the report went, whether it is valid UTF-8, lists every row once,
   and tells the truth (its ``ok`` rows are exactly the documents in the folder, each a whole
   DOCX; no temporary part left);
2. ``orphans``: ``--jobs 2`` killed with SIGKILL while its workers render; how many of its
   processes are still running 5 s later, and whether a re-run removes the leftovers;
3. ``concurrent``: two batches of the same book into one folder at once (with ``--zip`` there):
   exit codes, rows each reports failed, documents missing from the zip;
4. ``bombs``: .xlsx books of about 1 MB unpacking to 1 GB (spaces; one long inline text; one
   long shared text) and the largest books the limits let through, each given to
   ``docgen batch``: exit code, seconds, and the peak memory of the whole process tree (the sum
   of the resident sets of the process and its descendants, sampled every 10 ms) and of the
   largest single process (exact, from ``getrusage``); and the HTTP service answering a bomb:
   the status, and the service process's peak and current resident set after the answer.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
MB = 1024 * 1024
ACT = "predpisanie"
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


def python_env(source: Path) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(source)}


def docgen(*args: str | Path) -> list[str]:
    return [sys.executable, "-P", "-c", "from docgen.cli import main; main()", *map(str, args)]


def cells(source: Path) -> dict[str, object]:
    """Return the cells of the example act, flattened by the measured docgen."""
    code = (
        "import json, sys; from docgen import read_case_file; "
        "from docgen.batching import flatten_case; "
        f"print(json.dumps(flatten_case(read_case_file({str(ROOT / 'examples' / ACT)!r} "
        "+ '.yaml')), default=str, ensure_ascii=False))"
    )
    out = subprocess.run(
        [sys.executable, "-P", "-c", code], env=python_env(source), capture_output=True, check=True
    )
    loaded: dict[str, object] = json.loads(out.stdout)
    return loaded


def write_book(target: Path, row: dict[str, object], rows: int) -> None:
    with target.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(list(row))
        for n in range(1, rows + 1):
            writer.writerow(
                [f"2-06-25/{n}" if path == "number" else value for path, value in row.items()]
            )


def descendants(pid: int) -> set[int]:
    parents: dict[int, int] = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                stat = Path(f"/proc/{entry.name}/stat").read_text()
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
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def rss_kib(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def read_report(path: Path) -> tuple[bool, list[dict[str, str]]]:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return False, []
    return True, list(csv.DictReader(io.StringIO(text, newline="")))


# --- 1. full disk ---------------------------------------------------------------------------


def full_disk(source: Path, work: Path, rows: int) -> dict[str, Any]:
    book = work / "book.csv"
    write_book(book, cells(source), rows)
    disk = work / "disk"
    disk.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(disk)], check=True)
    elsewhere = work / "tmp"
    elsewhere.mkdir()
    try:
        outdir = disk / "out"
        result = subprocess.run(
            docgen("batch", ACT, book, "-o", outdir, "--jobs", "2"),
            env={**python_env(source), "TMPDIR": str(elsewhere)},
            capture_output=True,
            text=True,
            check=False,
        )
        reports = [*outdir.glob("report_*.csv"), *elsewhere.glob("docgen-report-*.csv")]
        files = (
            {path.name for path in outdir.iterdir()}
            - {path.name for path in outdir.glob("report_*.csv")}
            if outdir.is_dir()
            else set()
        )
        documents = {name for name in files if name.endswith(".docx")}
        whole = 0
        for name in documents:
            try:
                with zipfile.ZipFile(outdir / name) as document:
                    whole += document.testzip() is None
            except (zipfile.BadZipFile, OSError):
                pass
        figures: dict[str, Any] = {
            "exit": result.returncode,
            "message": result.stderr.strip()[-600:],
            "documents written": len(documents),
            "whole DOCX": whole,
            "other files in the folder": sorted(files - documents),
            "reports": [str(path) for path in reports],
        }
        if reports:
            valid, report = read_report(reports[0])
            made = {row["file"] for row in report if row.get("status") == "ok"}
            numbers = [int(row["row"]) for row in report if row.get("row", "").isdigit()]
            figures.update(
                {
                    "report bytes": reports[0].stat().st_size,
                    "report valid UTF-8": valid,
                    "report rows": len(report),
                    "every row once": numbers == list(range(2, rows + 2)),
                    "report ok rows": len(made),
                    "report ok = documents in the folder": made == documents,
                    "report statuses": sorted({row.get("status", "") for row in report}),
                }
            )
        return figures
    finally:
        subprocess.run(["umount", "-l", str(disk)], check=False)


# --- 2. kill -9 -----------------------------------------------------------------------------


def orphans(source: Path, work: Path) -> dict[str, Any]:
    book = work / "book.csv"
    write_book(book, cells(source), 2000)
    outdir = work / "out"
    run = subprocess.Popen(
        docgen("batch", ACT, book, "-o", outdir, "--jobs", "2"),
        env=python_env(source),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    children: set[int] = set()
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        children = descendants(run.pid)
        if len(children) >= 3 and any(outdir.glob("*.docx")):
            break
        time.sleep(0.1)
    time.sleep(1.0)
    children = descendants(run.pid)
    os.kill(run.pid, signal.SIGKILL)
    run.wait()
    killed = time.monotonic()
    gone_after: float | None = None
    while time.monotonic() - killed < 5:
        if not any(alive(pid) for pid in children):
            gone_after = time.monotonic() - killed
            break
        time.sleep(0.05)
    time.sleep(max(0.0, 5 - (time.monotonic() - killed)))
    left = [pid for pid in children if alive(pid)]
    names = {
        pid: Path(f"/proc/{pid}/cmdline").read_bytes()[:120].decode(errors="replace")
        for pid in left
    }
    for pid in left:
        os.kill(pid, signal.SIGKILL)
    parts_after_kill = sorted(path.name for path in outdir.glob(".*.part"))
    rerun = subprocess.run(
        docgen("batch", ACT, book, "-o", outdir, "--jobs", "2"),
        env=python_env(source),
        capture_output=True,
        text=True,
        check=False,
    )
    return {
        "processes started by the batch": len(children),
        "still running 5 s after kill -9": len(left),
        "all gone after (s)": None if gone_after is None else round(gone_after, 2),
        "left": names,
        "temporary parts after the kill": parts_after_kill,
        "re-run exit": rerun.returncode,
        "temporary parts after the re-run": sorted(path.name for path in outdir.glob(".*.part")),
    }


# --- 3. two batches on one folder -----------------------------------------------------------


def concurrent(source: Path, work: Path, rows: int) -> dict[str, Any]:
    book = work / "book.csv"
    write_book(book, cells(source), rows)
    outdir = work / "out"
    started = time.monotonic()
    runs = [
        subprocess.Popen(
            docgen("batch", ACT, book, "-o", outdir, "--zip", outdir / "all.zip"),
            env=python_env(source),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    outputs = [run.communicate() for run in runs]
    seconds = time.monotonic() - started
    failed = []
    for out, _ in outputs:
        numbers = [int(n) for n in re.findall(r"\d+", out.split("Отчёт")[0])]
        failed.append(numbers[4] if len(numbers) >= 6 else None)
    with zipfile.ZipFile(outdir / "all.zip") as archive:
        zipped = sum(name.endswith(".docx") for name in archive.namelist())
    return {
        "rows": rows,
        "exit codes": [run.returncode for run in runs],
        "rows reported failed (each run)": failed,
        "documents missing from the zip": rows - zipped,
        "seconds for both": round(seconds, 1),
        "stderr": [err.strip()[-300:] for _, err in outputs],
    }


# --- 4. bombs -------------------------------------------------------------------------------


def xlsx_bomb(
    source: Path,
    target: Path,
    *,
    part: str,
    before: bytes,
    insert: bytes,
    repeat: int,
    around: bytes = b"|",
    every: int = 0,
    separator: bytes = b"",
) -> None:
    """Write a one-act book whose ``part`` has ``insert`` * ``repeat`` before ``before``
    (a ``separator`` after every ``every`` inserts, when given), a megabyte at a time."""
    code = (
        f"import sys; from docgen import sheet_bytes; sys.stdout.buffer.write(sheet_bytes({ACT!r}))"
    )
    blank = subprocess.run(
        [sys.executable, "-P", "-c", code], env=python_env(source), capture_output=True, check=True
    ).stdout
    opening, closing = around.split(b"|")
    with (
        zipfile.ZipFile(io.BytesIO(blank)) as plain,
        zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as made,
    ):
        parts = {info.filename: plain.read(info) for info in plain.infolist()}
        if STRINGS not in parts:
            parts[STRINGS] = SHARED_TEXTS
            types = parts["[Content_Types].xml"]
            parts["[Content_Types].xml"] = types.replace(
                b"</Types>", SHARED_TEXTS_TYPE + b"</Types>"
            )
        for filename, data in parts.items():
            if filename != part:
                made.writestr(filename, data)
                continue
            head, tail = data.rsplit(before, 1)
            info = zipfile.ZipInfo(filename)
            info.compress_type = zipfile.ZIP_DEFLATED
            with made.open(info, "w", force_zip64=True) as handle:
                handle.write(head + opening)
                written = 0
                step = every or max(1, MB // len(insert))
                while written < repeat:
                    count = min(step, repeat - written)
                    handle.write(insert * count)
                    written += count
                    if every and written < repeat:
                        handle.write(separator)
                handle.write(closing + before + tail)


def tree_peak(command: Sequence[str], env: dict[str, str]) -> dict[str, Any]:
    """Run ``command`` in a fresh process; return its exit, seconds and peak memory."""
    probe = (
        "import resource, subprocess, sys, json; "
        "r = subprocess.run(sys.argv[1:], capture_output=True, text=True); "
        "print(json.dumps({'exit': r.returncode, 'stderr': r.stderr[-400:], "
        "'max_rss_kib': resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}))"
    )
    started = time.monotonic()
    run = subprocess.Popen(
        [sys.executable, "-P", "-c", probe, *command], env=env, stdout=subprocess.PIPE, text=True
    )
    peak = 0
    while run.poll() is None:
        tree = descendants(run.pid)
        peak = max(peak, sum(rss_kib(pid) for pid in tree))
        time.sleep(0.01)
    seconds = time.monotonic() - started
    out, _ = run.communicate()
    result = json.loads(out)
    return {
        "exit": result["exit"],
        "seconds": round(seconds, 2),
        "tree peak MB (sampled)": round(peak / 1024),
        "largest process peak MB": round(result["max_rss_kib"] / 1024),
        "message": result["stderr"].strip(),
    }


def service_peak(source: Path, book: Path) -> dict[str, Any]:
    code = f"""
import json, sys
from pathlib import Path
from fastapi.testclient import TestClient
from docgen.service.app import Limits, create_app
def status(field):
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field):
            return int(line.split()[1]) // 1024
with TestClient(create_app(Limits(max_body=64 * 1024 * 1024))) as client:
    before = status("VmRSS:")
    data = Path({str(book)!r}).read_bytes()
    response = client.post("/api/acts/{ACT}/batch",
        files={{"file": ("bomb.xlsx", data, "application/octet-stream")}})
    print(json.dumps({{"status": response.status_code, "error": response.json().get("error"),
        "RSS before MB": before, "peak MB": status("VmHWM:"), "RSS after MB": status("VmRSS:")}}))
"""
    out = subprocess.run(
        [sys.executable, "-P", "-c", code], env=python_env(source), capture_output=True, text=True
    )
    if out.returncode != 0:
        return {"failed": out.stderr[-500:]}
    loaded: dict[str, Any] = json.loads(out.stdout)
    return loaded


def bombs(source: Path, work: Path) -> dict[str, Any]:
    gigabyte = 1024 * MB
    kinds: dict[str, dict[str, Any]] = {
        "1 GB of spaces in the sheet": {
            "part": SHEET,
            "before": b"</sheetData>",
            "insert": b" ",
            "repeat": gigabyte,
        },
        "one 1 GB inline text": {
            "part": SHEET,
            "before": b"</sheetData>",
            "insert": b"x",
            "repeat": gigabyte,
            "around": b'<row r="9"><c r="B9" t="inlineStr"><is><t>|</t></is></c></row>',
        },
        "one 1 GB shared text": {
            "part": STRINGS,
            "before": b"</sst>",
            "insert": b"x",
            "repeat": gigabyte,
            "around": b"<si><t>|</t></si>",
        },
        "allowed: 499,000 one-letter shared texts": {
            "part": STRINGS,
            "before": b"</sst>",
            "insert": b"<si><t>a</t></si>",
            "repeat": 499_000,
        },
        "allowed: 149,000 style elements": {
            "part": "xl/styles.xml",
            "before": b"</cellXfs>",
            "insert": b"<xf/>",
            "repeat": 149_000,
        },
        "allowed: 250 MB of spaces in 15 MB runs": {
            "part": SHEET,
            "before": b"</sheetData>",
            "insert": b" ",
            "repeat": 250 * MB,
            "every": 15 * MB,
            "separator": b"<x/>",
        },
        "allowed: 1,000,000 empty rows": {
            "part": SHEET,
            "before": b"</sheetData>",
            "insert": b"<row/>",
            "repeat": 1_000_000,
        },
        "allowed: one 15 MB inline text": {
            "part": SHEET,
            "before": b"</sheetData>",
            "insert": b"x",
            "repeat": 15 * MB,
            "around": b'<row r="9"><c r="B9" t="inlineStr"><is><t>|</t></is></c></row>',
        },
    }
    figures: dict[str, Any] = {}
    for name, spec in kinds.items():
        book = work / f"{len(figures)}.xlsx"
        xlsx_bomb(source, book, **spec)
        outdir = work / f"out{len(figures)}"
        entry = tree_peak(
            docgen("batch", ACT, book, "-o", outdir, "--jobs", "2"), python_env(source)
        )
        entry["book MB"] = round(book.stat().st_size / MB, 2)
        if name == "1 GB of spaces in the sheet":
            entry["HTTP"] = service_peak(source, book)
        figures[name] = entry
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=3000)
    parser.add_argument("--source", type=Path, default=ROOT)
    parser.add_argument(
        "--only", nargs="*", choices=["full-disk", "orphans", "concurrent", "bombs"], default=None
    )
    args = parser.parse_args()
    chosen = args.only or ["full-disk", "orphans", "concurrent", "bombs"]
    load = os.getloadavg()[0]
    print(f"cores {os.cpu_count()}, load {load:.1f}, source {args.source}")
    for name in chosen:
        with tempfile.TemporaryDirectory(prefix=f"docgen-{name}-") as temp:
            work = Path(temp)
            if name == "full-disk":
                figures = full_disk(args.source, work, args.rows)
            elif name == "orphans":
                figures = orphans(args.source, work)
            elif name == "concurrent":
                figures = concurrent(args.source, work, args.rows)
            else:
                figures = bombs(args.source, work)
        print(f"== {name}")
        print(json.dumps(figures, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
