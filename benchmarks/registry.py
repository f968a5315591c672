"""Benchmark: a predpisanie batch with and without ``--register``, on SQLite and PostgreSQL.

Run from the repository: ``python benchmarks/registry.py [--rows 10000] [--jobs 2]``.

Each batch is the same CSV book (the example predpisanie, ``number: auto``, every row to its
own addressee) made by ``docgen.run_batch`` into a fresh folder; the registering batches number
and store every act in a fresh registry: an SQLite file (WAL) in the same temporary folder, and a
database on a throwaway PostgreSQL server (``initdb``/``pg_ctl`` from ``--postgres-bin``, as the
tests start it) on 127.0.0.1. Plain and registering batches alternate for ``--rounds`` rounds;
the table gives the median wall time, the registering overhead in per cent, the CPU time of the
batch's own processes (this one and its workers) and of the PostgreSQL server's processes.
"""

from __future__ import annotations

import argparse
import csv
import os
import platform
import resource
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from docgen import Registry, read_case_file, run_batch  # noqa: E402
from docgen.batching import flatten_case  # noqa: E402
from docgen.registry.batch import BatchRegistrar  # noqa: E402

EXAMPLES = ROOT / "examples"


def write_book(rows: int, target: Path) -> None:
    """Write a predpisanie CSV of ``rows`` rows numbered auto for the office 2-06."""
    case = read_case_file(EXAMPLES / "variants" / "predpisanie-reestr.yaml")
    cells = flatten_case(case)
    with target.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(list(cells))
        for n in range(1, rows + 1):
            cells["addressee.name"] = f"А.Ж. Есенгалиевой {n}"
            writer.writerow(list(cells.values()))


def prepare(url: str) -> Registry:
    """Return a registry on ``url`` with its schema and the offices of the example."""
    with Registry(url, check_schema=False) as fresh:
        fresh.init()
    store = Registry(url, user="benchmark")
    store.add_office("gpo", name_ru="ГП", name_kk="БП", level="gpo")
    store.add_office("atr", name_ru="ОП", name_kk="ОП", level="oblast", parent="gpo")
    store.add_office("2-06", name_ru="Г", name_kk="Қ", level="district", parent="atr")
    return store


def postgres_cpu(data: Path | None) -> float:
    """Return the CPU seconds the PostgreSQL server of the cluster in ``data`` has used: the
    postmaster, its running processes and (in the postmaster's children) its ended ones."""
    if data is None:
        return 0.0
    postmaster = int((data / "postmaster.pid").read_text().split()[0])
    ticks = 0
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()
        if int(pid) == postmaster:
            ticks += sum(int(field) for field in fields[11:15])
        elif int(fields[1]) == postmaster:
            ticks += int(fields[11]) + int(fields[12])
    return ticks / os.sysconf("SC_CLK_TCK")


def _own_cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def timed_batch(
    book: Path, out: Path, jobs: int, registrar: BatchRegistrar | None, server: Path | None
) -> tuple[float, float, float]:
    """Return the wall time, the CPU time of the batch's processes (this one and its workers)
    and that of the PostgreSQL server whose data folder is ``server``, in seconds, of the
    batch of ``book`` into ``out``."""
    cpu, server_cpu = _own_cpu(), postgres_cpu(server)
    start = time.perf_counter()
    summary = run_batch("predpisanie", book, out, jobs=jobs, registrar=registrar)
    seconds = time.perf_counter() - start
    assert summary.ok == summary.rows, summary  # every row made, none refused or failed
    return seconds, _own_cpu() - cpu, postgres_cpu(server) - server_cpu


def main() -> None:
    """Run the batches and print the table."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--postgres-bin", default="/usr/lib/postgresql/15/bin")
    parser.add_argument("--no-postgres", action="store_true")
    args = parser.parse_args()
    print(
        f"{os.cpu_count()} cores, {platform.processor() or platform.machine()}, "
        f"Python {platform.python_version()}, load {os.getloadavg()[0]:.2f}; "
        f"{args.rows} rows, {args.jobs} jobs, {args.rounds} rounds"
    )
    folder = Path(tempfile.mkdtemp(prefix="docgen-bench-"))
    cluster = None
    try:
        book = folder / "predpisanie.csv"
        write_book(args.rows, book)
        engines: list[tuple[str, Callable[[int], str]]] = [
            ("sqlite", lambda n: f"sqlite:///{folder / f'registry-{n}.sqlite3'}")
        ]
        if not args.no_postgres:
            os.environ["DOCGEN_POSTGRES_BIN"] = args.postgres_bin
            from conftest import PostgresCluster

            pg_folder = Path(tempfile.mkdtemp(prefix="docgen-bench-pg-"))
            cluster = PostgresCluster(pg_folder)
            engines.append(("postgresql", lambda n: cluster.new_database()))
        server = cluster.data if cluster is not None else None
        plain: list[tuple[float, float, float]] = []
        registering: dict[str, list[tuple[float, float, float]]] = {name: [] for name, _ in engines}
        run = 0
        for _ in range(args.rounds):
            run += 1
            out = folder / f"out-{run}"
            plain.append(timed_batch(book, out, args.jobs, None, server))
            shutil.rmtree(out)
            for name, url_of in engines:
                run += 1
                out = folder / f"out-{run}"
                with prepare(url_of(run)) as store:
                    registrar = store.batch_registrar("predpisanie", book.name)
                    measured = timed_batch(book, out, args.jobs, registrar, server)
                    acts = store.acts()
                    assert len(acts) == args.rows
                    assert {act.status for act in acts} == {"registered"}
                    assert len({act.number for act in acts}) == args.rows
                registering[name].append(measured)
                shutil.rmtree(out)
        base = statistics.median(wall for wall, _, _ in plain)
        print(
            f"{'batch':<28}{'seconds':>10}{'rows/s':>10}{'overhead':>10}"
            f"{'CPU s':>10}{'server CPU s':>14}"
        )
        for name, runs in [("plain", plain), *registering.items()]:
            median = statistics.median(wall for wall, _, _ in runs)
            cpu = statistics.median(batch_cpu for _, batch_cpu, _ in runs)
            server_cpu = statistics.median(used for _, _, used in runs)
            label = name if name == "plain" else f"--register, {name}"
            overhead = "" if name == "plain" else f"{(median / base - 1) * 100:.0f}%"
            print(
                f"{label:<28}{median:>10.1f}{args.rows / median:>10.0f}{overhead:>10}"
                f"{cpu:>10.1f}{server_cpu:>14.1f}"
            )
        print(f"load at the end: {' '.join(f'{value:.2f}' for value in os.getloadavg())}")
    finally:
        if cluster is not None:
            cluster.stop()
            shutil.rmtree(cluster.folder, ignore_errors=True)
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
