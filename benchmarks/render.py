"""Benchmark: docgen's rendering engine against a plain docxtpl loop, and a large batch.

Run from the repository: ``python benchmarks/render.py [--rows 10000] [--jobs 2]``.

In one run, on the shipped templates and the example cases (``examples/<type>.yaml``), it prints:

1. the machine (cores, CPU model, Python, load);
2. per document, for every act type and language: ms for the plain docxtpl loop
   (``DocxTemplate(path).render(ctx, env, autoescape=True)`` + ``save`` to memory), for docgen's
   engine on the same context, and for the whole ``docgen.render`` (validation and context too),
   with the ratios;
3. a ``--rows``-row predpisanie batch (a CSV made from the example, every row with its own
   number) through ``docgen.batching.run_batch`` with ``--jobs`` workers: wall time, documents per
   second, and peak memory (resident set, VmHWM) of the main process and of the largest worker,
   for 1,000 rows and for ``--rows`` rows, each batch in a fresh process;
4. with ``--profile``, where the time of one render goes (cProfile, by own time).

Timings are the median of ``--rounds`` rounds; the docxtpl and docgen runs alternate, so a busy
machine slows both alike. Every example is rendered a few times before the first timing, so that
the pair timed first does not pay for the process's warm-up (:func:`warm_up`).
"""

from __future__ import annotations

import argparse
import cProfile
import csv
import io
import json
import os
import platform
import pstats
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from docxtpl import DocxTemplate

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from docgen import ACT_TYPES, LANGUAGES, read_case_file, render  # noqa: E402
from docgen.engine import (  # noqa: E402
    DEFLATE_LEVEL,
    _Member,
    _write_zip,
    clear_cache,
    compiled_template,
    render_docx,
)
from docgen.rendering import jinja_environment, template_context, template_path  # noqa: E402

EXAMPLES = ROOT / "examples"
BATCH_TYPE = "predpisanie"


def machine() -> dict[str, str]:
    """Return what the figures depend on: cores, CPU, Python, load."""
    model = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        model = platform.processor() or "unknown"
    return {
        "nproc": str(os.cpu_count()),
        "cpu": model,
        "python": platform.python_version(),
        "system": f"{platform.system()} {platform.release()}",
        "load": " ".join(f"{x:.2f}" for x in os.getloadavg()),
    }


def docxtpl_loop(path: Path, context: dict[str, Any]) -> bytes:
    """The plain docxtpl way: open the template, render, save."""
    template = DocxTemplate(path)
    template.render(context, jinja_environment(), autoescape=True)
    out = io.BytesIO()
    template.save(out)
    return out.getvalue()


def zip_floor(path: Path, context: dict[str, Any]) -> Callable[[], bytes]:
    """Return the floor of one render: writing its output, with the rendered XML already made.

    The parts a render changes are deflated at zipfile's default level, the rest copied as they
    are prepared: what any DOCX writer must do for each act.
    """
    compiled = compiled_template(path, jinja_environment)
    rendered = compiled._render(context)

    def write() -> bytes:
        return _write_zip(
            [
                compiled.copied[name]
                if name not in rendered
                else _Member.deflate(name, rendered[name], DEFLATE_LEVEL)
                for name in compiled.members
            ]
        )

    return write


def per_call_ms(function: Callable[[], object], count: int) -> float:
    start = time.perf_counter()
    for _ in range(count):
        function()
    return (time.perf_counter() - start) / count * 1000


WARM_UP_RENDERS = 5


def warm_up() -> None:
    """Render every example a few times and through docxtpl once, before anything is timed.

    Without it the pair timed first ran some 15 % slower than the same pair timed again in the
    same process (0.37 against 0.31 ms for proverka ru): the first renders of a process pay for
    what is warmed once (the interpreter's specialised code, lazily built validators, caches).
    ``compare_render.py`` likewise renders every example before it times any.
    """
    for act_type in ACT_TYPES:
        for lang in LANGUAGES:
            data = example(act_type, lang)
            for _ in range(WARM_UP_RENDERS):
                render(act_type, data, lang)
            docxtpl_loop(template_path(act_type, lang), template_context(act_type, data, lang))


def per_document(rounds: int, count: int) -> list[dict[str, Any]]:
    """Time docxtpl, the engine and the whole render for every act type and language, once
    every example has been rendered (:func:`warm_up`)."""
    warm_up()
    return [time_one(act_type, lang, rounds, count) for act_type in ACT_TYPES for lang in LANGUAGES]


def example(act_type: str, lang: str) -> dict[str, Any]:
    """Return the example case of ``act_type`` written in ``lang`` (Kazakh ones in examples/kk)."""
    return read_case_file((EXAMPLES / "kk" if lang == "kk" else EXAMPLES) / f"{act_type}.yaml")


def time_one(act_type: str, lang: str, rounds: int, count: int) -> dict[str, Any]:
    data = example(act_type, lang)
    context = template_context(act_type, data, lang)
    path = template_path(act_type, lang)
    saved = os.environ.get("DOCGEN_CACHE_DIR")
    os.environ["DOCGEN_CACHE_DIR"] = "off"  # the preparation itself, as a first process does
    clear_cache()
    start = time.perf_counter()
    compiled_template(path, jinja_environment)
    prepare_ms = (time.perf_counter() - start) * 1000
    if saved is None:
        os.environ.pop("DOCGEN_CACHE_DIR")
    else:
        os.environ["DOCGEN_CACHE_DIR"] = saved
    clear_cache()
    compiled_template(path, jinja_environment)  # stored in the disk cache, if not yet
    clear_cache()
    start = time.perf_counter()
    compiled_template(path, jinja_environment)  # read back, as every later process does
    disk_ms = (time.perf_counter() - start) * 1000
    runs: dict[str, tuple[Callable[[], object], int]] = {
        "docxtpl": (lambda: docxtpl_loop(path, context), count),
        "engine": (lambda: render_docx(path, context, jinja_environment), count * 5),
        "render": (lambda: render(act_type, data, lang), count * 5),
        "floor": (zip_floor(path, context), count * 5),
    }
    timings: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(rounds):
        for name, (function, calls) in runs.items():
            timings[name].append(per_call_ms(function, calls))
    medians = {name: statistics.median(values) for name, values in timings.items()}
    return {"act": act_type, "lang": lang, "prepare": prepare_ms, "disk": disk_ms, **medians}


def write_book(rows: int, target: Path) -> None:
    """Write a predpisanie CSV of ``rows`` rows made from the example, numbers varied."""
    from docgen.batching import flatten_case

    cells = flatten_case(read_case_file(EXAMPLES / f"{BATCH_TYPE}.yaml"))
    with target.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(list(cells))
        for n in range(1, rows + 1):
            cells["number"] = f"2-06-25/{n}"
            writer.writerow(list(cells.values()))


def vm_peak_kib(pid: int | str = "self") -> int:
    """Return the peak resident set (VmHWM, KiB) of a process, 0 if it is gone."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def children(pid: int) -> list[int]:
    """Return the processes whose parent is ``pid``."""
    found = []
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                stat = Path(f"/proc/{entry.name}/stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


class WorkerPeaks(threading.Thread):
    """Samples the peak resident set of this process's children (the batch workers)."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.peaks: dict[int, int] = {}
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.wait(0.2):
            for child in children(os.getpid()):
                self.peaks[child] = max(self.peaks.get(child, 0), vm_peak_kib(child))


def batch_child(book: str, outdir: str, jobs: int) -> None:
    """Run one batch in this (fresh) process and print its figures as JSON."""
    from docgen.batching import run_batch

    sampler = WorkerPeaks()
    sampler.start()
    start = time.perf_counter()
    run_batch(BATCH_TYPE, book, outdir, lang="ru", jobs=jobs)
    wall = time.perf_counter() - start
    sampler.done.set()
    sampler.join()
    made = sum(1 for name in os.listdir(outdir) if name.endswith(".docx"))
    workers = sorted(sampler.peaks.values(), reverse=True)[:jobs] if jobs > 1 else []
    main = vm_peak_kib()
    own = resource.getrusage(resource.RUSAGE_SELF)
    reaped = resource.getrusage(resource.RUSAGE_CHILDREN)  # the workers, once shut down
    print(
        json.dumps(
            {
                "wall": wall,
                "made": made,
                "main_peak_mib": main / 1024,
                "worker_peak_mib": max(workers, default=0) / 1024,
                "total_peak_mib": (main + sum(workers)) / 1024,
                "main_cpu": own.ru_utime + own.ru_stime,
                "workers_cpu": reaped.ru_utime + reaped.ru_stime,
                "load": os.getloadavg()[0],
            }
        )
    )


def run_batch_in_child(rows: int, jobs: int, workdir: Path, outroot: Path) -> dict[str, Any]:
    book = workdir / f"book-{rows}.csv"
    if not book.exists():
        write_book(rows, book)
    outdir = Path(tempfile.mkdtemp(prefix=f"batch-{rows}-", dir=outroot))
    try:
        done = subprocess.run(
            [sys.executable, __file__, "--batch-child", str(book), str(outdir), str(jobs)],
            capture_output=True,
            text=True,
            check=True,
        )
    finally:
        shutil.rmtree(outdir, ignore_errors=True)
    figures: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    figures["rows"] = rows
    return figures


def row_steps(rows: int, workdir: Path, outroots: dict[str, Path]) -> dict[str, float]:
    """Time, in this process, each step a batch worker takes for one row (ms per row)."""
    from docgen.batching import open_book
    from docgen.batching.cells import build_case
    from docgen.output import write_atomic
    from docgen.validation import validate

    book = workdir / f"steps-{rows}.csv"
    write_book(rows, book)
    steps: dict[str, float] = {}
    start = time.perf_counter()
    with open_book(BATCH_TYPE, book) as opened:
        columns = opened.columns
        values = [row for _, row in opened.rows()]
    steps["read the row"] = time.perf_counter() - start
    start = time.perf_counter()
    cases = [build_case(columns, row)[0] for row in values]
    steps["build the case"] = time.perf_counter() - start
    start = time.perf_counter()
    models = [validate(BATCH_TYPE, case, lang="ru") for case in cases]
    steps["validate"] = time.perf_counter() - start
    start = time.perf_counter()
    contexts = [template_context(BATCH_TYPE, model, "ru") for model in models]
    steps["context (re-checks the model)"] = time.perf_counter() - start
    path = template_path(BATCH_TYPE, "ru")
    start = time.perf_counter()
    documents = [render_docx(path, context, jinja_environment) for context in contexts]
    steps["engine"] = time.perf_counter() - start
    for where, root in outroots.items():
        folder = Path(tempfile.mkdtemp(prefix="steps-", dir=root))
        try:
            start = time.perf_counter()
            for n, document in enumerate(documents):
                write_atomic(folder / f"{n}.docx", document)
            steps[f"write_atomic on {where}"] = time.perf_counter() - start
        finally:
            shutil.rmtree(folder, ignore_errors=True)
    return {step: seconds / rows * 1000 for step, seconds in steps.items()}


def profile(act_type: str = BATCH_TYPE, lang: str = "ru", count: int = 2000) -> None:
    data = example(act_type, lang)
    context = template_context(act_type, data, lang)
    path = template_path(act_type, lang)
    render_docx(path, context, jinja_environment)
    statements: dict[str, Callable[[], object]] = {
        "engine only (render_docx)": lambda: render_docx(path, context, jinja_environment),
        "whole docgen.render": lambda: render(act_type, data, lang),
    }
    for title, statement in statements.items():
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(count):
            statement()
        profiler.disable()
        print(f"\n-- profile: {title}, {act_type}/{lang}, {count} documents --")
        pstats.Stats(profiler).sort_stats("tottime").print_stats(15)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000, help="rows of the large batch")
    parser.add_argument("--small-rows", type=int, default=1_000, help="rows of the small batch")
    parser.add_argument("--jobs", type=int, default=2, help="batch worker processes")
    parser.add_argument("--rounds", type=int, default=5, help="timing rounds (median)")
    parser.add_argument("--count", type=int, default=10, help="docxtpl documents per round")
    parser.add_argument("--outdir", type=Path, help="where batches write (default: a temp dir)")
    parser.add_argument("--tmpfs", action="store_true", help="also run the batch on /dev/shm")
    parser.add_argument("--no-batch", action="store_true", help="per-document timings only")
    parser.add_argument("--no-documents", action="store_true", help="batch timings only")
    parser.add_argument("--profile", action="store_true", help="also profile one render")
    parser.add_argument("--batch-child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.batch_child:
        book, outdir, jobs = args.batch_child
        batch_child(book, outdir, int(jobs))
        return

    info = machine()
    print("machine: " + ", ".join(f"{k}={v}" for k, v in info.items()))

    if not args.no_documents:
        print("\nper document, ms (median of rounds; docxtpl = open + render + save to memory)")
        header = f"{'act':<28}{'lang':<6}{'prepare':>9}{'disk':>6}{'docxtpl':>9}{'engine':>8}"
        header += f"{'x':>7}"
        print(header + f"{'render()':>10}{'x':>7}{'floor':>8}{'/floor':>8}")
        results = per_document(args.rounds, args.count)
        for r in results:
            print(
                f"{r['act']:<28}{r['lang']:<6}{r['prepare']:>9.1f}{r['disk']:>6.1f}"
                f"{r['docxtpl']:>9.2f}"
                f"{r['engine']:>8.3f}{r['docxtpl'] / r['engine']:>7.1f}"
                f"{r['render']:>10.3f}{r['docxtpl'] / r['render']:>7.1f}"
                f"{r['floor']:>8.3f}{r['render'] / r['floor']:>8.2f}"
            )
        mean = {
            k: statistics.fmean(r[k] for r in results)
            for k in ("docxtpl", "engine", "render", "floor")
        }
        print(
            f"{'mean':<34}{'':>15}{mean['docxtpl']:>9.2f}{mean['engine']:>8.3f}"
            f"{mean['docxtpl'] / mean['engine']:>7.1f}{mean['render']:>10.3f}"
            f"{mean['docxtpl'] / mean['render']:>7.1f}{mean['floor']:>8.3f}"
            f"{mean['render'] / mean['floor']:>8.2f}"
        )
        print(
            "(prepare = preparing the template, disk = reading it back from the disk cache;"
            " x = docxtpl ms / docgen ms; render() includes validation and the context;"
            " floor = writing the act's zip from its rendered XML; /floor = render() / floor)"
        )
        worst = min(r["docxtpl"] / r["render"] for r in results)
        print(
            f"target 1: worst render() vs docxtpl {worst:.1f}x (>= 40), worst render() / floor"
            f" {max(r['render'] / r['floor'] for r in results):.2f} (<= 2.5)"
        )

    if not args.no_batch:
        workdir = Path(tempfile.mkdtemp(prefix="docgen-bench-"))
        targets = [("disk", args.outdir or workdir)]
        if args.tmpfs and Path("/dev/shm").is_dir():
            targets.append(("tmpfs", Path("/dev/shm")))
        try:
            steps = row_steps(min(args.small_rows, 1000), workdir, dict(targets))
            print("\none batch row, step by step in one process, ms per row")
            for step, ms in steps.items():
                print(f"  {step:<32}{ms:>8.3f}")
            for where, outroot in targets:
                print(f"\nbatch of {BATCH_TYPE} (CSV), {args.jobs} jobs, output on {where}")
                print(
                    f"{'rows':>7}{'wall s':>9}{'docs/s':>9}{'CPU s main':>12}{'workers':>9}"
                    f"{'main MiB':>10}{'worker MiB':>12}{'total MiB':>11}{'load':>6}"
                )
                figures = [
                    run_batch_in_child(rows, args.jobs, workdir, outroot)
                    for rows in (args.small_rows, args.rows)
                ]
                for f in figures:
                    print(
                        f"{f['rows']:>7}{f['wall']:>9.2f}{f['made'] / f['wall']:>9.0f}"
                        f"{f['main_cpu']:>12.2f}{f['workers_cpu']:>9.2f}"
                        f"{f['main_peak_mib']:>10.1f}{f['worker_peak_mib']:>12.1f}"
                        f"{f['total_peak_mib']:>11.1f}{f['load']:>6.1f}"
                    )
                    if f["made"] != f["rows"]:
                        print(f"  !! {f['made']} documents made for {f['rows']} rows")
                small, large = figures
                for key in ("main_peak_mib", "worker_peak_mib", "total_peak_mib"):
                    growth = (large[key] / small[key] - 1) * 100
                    print(
                        f"peak memory growth {small['rows']} -> {large['rows']} rows, {key}: "
                        f"{growth:+.1f}%"
                    )
        finally:
            shutil.rmtree(workdir, ignore_errors=True)
    print("\nload at the end: " + " ".join(f"{x:.2f}" for x in os.getloadavg()))
    if args.profile:
        profile()


if __name__ == "__main__":
    main()
