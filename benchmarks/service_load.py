"""Benchmark: render requests per second of ``docgen serve`` under concurrency, against /healthz.

Run from the repository: ``python benchmarks/service_load.py [--workers 2] [--seconds 10]``.

It starts ``docgen serve --host 127.0.0.1 --workers N`` on a free port and, for each concurrency
in ``--concurrency`` (default 1, 8 and 32), keeps that many clients busy for ``--seconds``, each
on its own kept-alive connection, first with ``POST /api/acts/predpisanie/render`` (the JSON case
of ``examples/predpisanie.yaml``, a DOCX answer) and then with ``GET /healthz`` in the same run.
It prints requests per second, median and 99th-percentile latency of each, and the ratio of
render to healthz throughput. The clients are threads of this process and share the cores with
the server: the figures are those of one machine doing both, the load is printed.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import statistics
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from serve import free_port, start  # noqa: E402

from docgen import read_case_file  # noqa: E402

RENDER_PATH = "/api/acts/predpisanie/render?lang=ru&format=docx"


def client(
    port: int, method: str, path: str, body: bytes | None, until: float, out: list[float]
) -> None:
    """Send requests on one kept-alive connection until ``until``; append each latency."""
    headers = {"Content-Type": "application/json"} if body is not None else {}
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        while time.monotonic() < until:
            start = time.perf_counter()
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            response.read()
            if response.status != 200:
                raise SystemExit(f"{method} {path}: HTTP {response.status}")
            out.append(time.perf_counter() - start)
    finally:
        connection.close()


def load(
    port: int, method: str, path: str, body: bytes | None, clients: int, seconds: float
) -> dict[str, float]:
    """Return requests per second, median and p99 latency (ms) of ``clients`` busy clients."""
    latencies: list[list[float]] = [[] for _ in range(clients)]
    until = time.monotonic() + seconds
    threads = [
        threading.Thread(target=client, args=(port, method, path, body, until, latencies[n]))
        for n in range(clients)
    ]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    every = sorted(t for mine in latencies for t in mine)
    p99 = every[min(len(every) - 1, int(len(every) * 0.99))]
    return {
        "rate": len(every) / elapsed,
        "median": statistics.median(every) * 1000,
        "p99": p99 * 1000,
        "count": len(every),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--concurrency", type=int, nargs="+", default=[1, 8, 32])
    args = parser.parse_args()
    body = json.dumps(
        read_case_file(ROOT / "examples" / "predpisanie.yaml"), ensure_ascii=False, default=str
    ).encode()
    print(f"machine: nproc={os.cpu_count()}, load={os.getloadavg()}")
    port = free_port()
    server = start(args.workers, port, dict(os.environ))
    try:
        load(port, "POST", RENDER_PATH, body, 2, 2.0)  # warm up every worker
        print(f"docgen serve --workers {args.workers}, {args.seconds:g} s per line")
        print(f"{'clients':>8}{'request':>10}{'req/s':>9}{'median ms':>11}{'p99 ms':>9}")
        for clients in args.concurrency:
            render = load(port, "POST", RENDER_PATH, body, clients, args.seconds)
            health = load(port, "GET", "/healthz", None, clients, args.seconds)
            for name, figures in (("render", render), ("healthz", health)):
                print(
                    f"{clients:>8}{name:>10}{figures['rate']:>9.0f}{figures['median']:>11.2f}"
                    f"{figures['p99']:>9.2f}"
                )
            print(f"{'':>8}render / healthz throughput: {render['rate'] / health['rate']:.2f}")
    finally:
        server.terminate()
        server.wait(30)
    print("load at the end: " + " ".join(f"{x:.2f}" for x in os.getloadavg()))


if __name__ == "__main__":
    main()
