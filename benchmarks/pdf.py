"""Benchmark: ``docgen batch --format pdf`` against a plain loop of fresh LibreOffice processes.

Run from the repository: ``python benchmarks/pdf.py [--rows 200] [--jobs 2] [--rounds 2]``.

In one run, alternating, on ``--rows`` predpisanie rows (the CSV of ``benchmarks/render.py``):

* the plain loop: the same documents as DOCX, converted by fresh ``soffice --convert-to pdf``
  processes, 20 documents per process, ``--jobs`` processes at a time, each with its own
  (already created) profile;
* ``docgen batch predpisanie BOOK -o OUT --format pdf --jobs N`` in a new process, and the same
  with ``--pdfa``;

and prints wall seconds, documents per second and the ratio of the loop's time to docgen's
(target: at least 2), with the machine's load. Then, with LibreOffice kept running (UNO), the
time per act of one converter given 100 acts one by one and bound ten at a time
(:mod:`docgen.binding`).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from render import machine, write_book  # noqa: E402

from docgen.binding import MAX_BOUND  # noqa: E402
from docgen.pdf import PdfConverter, find_soffice, keeps_office_running  # noqa: E402

DOCGEN = Path(sys.executable).with_name("docgen")
PER_PROCESS = 20


def soffice_convert(soffice: str, profile: Path, documents: list[Path], outdir: Path) -> None:
    """Convert ``documents`` with one fresh LibreOffice process."""
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            "pdf:writer_pdf_Export",
            "--outdir",
            str(outdir),
            *map(str, documents),
        ],
        check=True,
        capture_output=True,
        timeout=600,
    )


def plain_loop(soffice: str, documents: list[Path], work: Path, jobs: int) -> float:
    """Return the seconds of the plain loop over ``documents``."""
    outdir = work / "loop-out"
    shutil.rmtree(outdir, ignore_errors=True)
    outdir.mkdir()
    chunks = [documents[i : i + PER_PROCESS] for i in range(0, len(documents), PER_PROCESS)]
    profiles = [work / f"profile{n}" for n in range(jobs)]
    start = time.perf_counter()
    with ThreadPoolExecutor(jobs) as pool:
        futures = [
            pool.submit(soffice_convert, soffice, profiles[n % jobs], chunk, outdir)
            for n, chunk in enumerate(chunks)
        ]
        for future in futures:
            future.result()
    elapsed = time.perf_counter() - start
    made = len(list(outdir.glob("*.pdf")))
    if made != len(documents):
        raise SystemExit(f"the plain loop made {made} PDFs of {len(documents)}")
    return elapsed


def docgen_batch(book: Path, work: Path, jobs: int, *extra: str) -> float:
    """Return the seconds of ``docgen batch --format pdf`` in a new process."""
    outdir = work / "docgen-out"
    shutil.rmtree(outdir, ignore_errors=True)
    start = time.perf_counter()
    subprocess.run(
        [
            *(str(DOCGEN), "batch", "predpisanie", str(book), "-o", str(outdir)),
            *("--format", "pdf", "--jobs", str(jobs), *extra),
        ],
        check=True,
        capture_output=True,
        timeout=1800,
    )
    return time.perf_counter() - start


def one_converter(documents: list[bytes], bind: int) -> float:
    """Return the ms per document of one converter kept running, given the documents ``bind``
    at a time (1: one by one), after a warm-up."""
    with PdfConverter(bind=bind) as converter:
        converter.convert_many(documents[:MAX_BOUND])  # LibreOffice started and warm
        start = time.perf_counter()
        pdfs = converter.convert_many(documents)
        elapsed = time.perf_counter() - start
    if not all(isinstance(pdf, bytes) for pdf in pdfs):
        raise SystemExit("the converter failed a document")
    if bind > 1 and converter.bound < len(documents):
        raise SystemExit(f"only {converter.bound} of {len(documents)} documents were bound")
    return elapsed / len(documents) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=200)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    print("machine: " + ", ".join(f"{k}={v}" for k, v in machine().items()))
    soffice = find_soffice()
    work = Path(tempfile.mkdtemp(prefix="docgen-pdf-bench-"))
    try:
        book = work / "book.csv"
        write_book(args.rows, book)
        subprocess.run(
            [str(DOCGEN), "batch", "predpisanie", str(book), "-o", str(work / "docx")],
            check=True,
            capture_output=True,
        )
        documents = sorted((work / "docx").glob("*.docx"))
        for n in range(args.jobs):  # the loop's profiles exist before it is timed
            soffice_convert(soffice, work / f"profile{n}", documents[:1], work)
        times: dict[str, list[float]] = {"plain loop": [], "docgen": [], "docgen --pdfa": []}
        for _ in range(args.rounds):
            times["plain loop"].append(plain_loop(soffice, documents, work, args.jobs))
            times["docgen"].append(docgen_batch(book, work, args.jobs))
            times["docgen --pdfa"].append(docgen_batch(book, work, args.jobs, "--pdfa"))
        loop = statistics.median(times["plain loop"])
        print(f"\n{args.rows} rows to PDF, {args.jobs} at a time (median of {args.rounds})")
        print(f"{'':<16}{'wall s':>9}{'docs/s':>9}{'loop / this':>13}")
        for name, values in times.items():
            wall = statistics.median(values)
            print(f"{name:<16}{wall:>9.2f}{args.rows / wall:>9.1f}{loop / wall:>13.2f}")
        ratio = loop / statistics.median(times["docgen"])
        print(f"target 4: docgen is {ratio:.2f}x the plain loop (>= 2)")
        if keeps_office_running():
            acts = [path.read_bytes() for path in documents[:100]]
            per_act: dict[int, list[float]] = {1: [], MAX_BOUND: []}
            for _ in range(args.rounds):
                for bind in per_act:
                    per_act[bind].append(one_converter(acts, bind))
            alone, bound = (statistics.median(per_act[bind]) for bind in (1, MAX_BOUND))
            print(f"\none LibreOffice kept running, {len(acts)} acts (median of {args.rounds})")
            print(f"one by one          {alone:6.1f} ms per act")
            print(
                f"bound {MAX_BOUND} at a time   {bound:6.1f} ms per act ({bound / alone:.2f} of it)"
            )
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print("load at the end: " + " ".join(f"{x:.2f}" for x in os.getloadavg()))


if __name__ == "__main__":
    main()
