"""Benchmark: latency of ``docgen serve`` on 127.0.0.1, kept-alive and one connection a request.

Run from the repository: ``python benchmarks/serve.py [--workers 1 2] [--requests 500]``.

For each worker count it starts ``docgen serve --host 127.0.0.1`` on a free port, waits for
``GET /healthz``, then sends ``--requests`` GET /healthz one after the other on one kept-alive
connection, and as many on a new connection each, and prints the median, 90th percentile and
requests per second of each. Then it opens ``--idle`` connections that send nothing and as many
that send half a request head, and reports how many the server has closed after the idle and
header timeouts. Only the loopback interface is used; every loop is bounded.
"""

from __future__ import annotations

import argparse
import http.client
import os
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

DOCGEN = Path(sys.executable).with_name("docgen")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def start(workers: int, port: int, env: dict[str, str]) -> subprocess.Popen[bytes]:
    command = [str(DOCGEN), "serve", "--host", "127.0.0.1", "--port", str(port)]
    server = subprocess.Popen(
        [*command, "--workers", str(workers)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/healthz")
            if connection.getresponse().status == 200:
                connection.close()
                time.sleep(1.0)  # every worker up, not only the first
                return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit("the server did not start")


def kept_alive(port: int, count: int) -> list[float]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    times = []
    for _ in range(count):
        started = time.perf_counter()
        connection.request("GET", "/healthz")
        response = connection.getresponse()
        response.read()
        times.append(time.perf_counter() - started)
    connection.close()
    return times


def new_each(port: int, count: int) -> list[float]:
    times = []
    for _ in range(count):
        started = time.perf_counter()
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        connection.request("GET", "/healthz")
        connection.getresponse().read()
        connection.close()
        times.append(time.perf_counter() - started)
    return times


def closed_after(port: int, count: int, payload: bytes, wait: float) -> int:
    """Open ``count`` connections sending ``payload``; return how many are closed by ``wait``."""
    sockets = []
    for _ in range(count):
        client = socket.create_connection(("127.0.0.1", port), timeout=5)
        if payload:
            client.sendall(payload)
        sockets.append(client)
    time.sleep(wait)
    closed = 0
    for client in sockets:
        client.setblocking(False)
        try:
            closed += client.recv(1) == b""
        except BlockingIOError:
            pass
        except ConnectionResetError:
            closed += 1
        client.close()
    return closed


def report(label: str, times: list[float]) -> None:
    median = statistics.median(times) * 1000
    p90 = statistics.quantiles(times, n=10)[-1] * 1000
    rate = len(times) / sum(times)
    print(f"  {label:<28} median {median:7.2f} ms   p90 {p90:7.2f} ms   {rate:7.0f} req/s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--requests", type=int, default=500)
    parser.add_argument("--idle", type=int, default=200, help="idle and half-sent connections")
    args = parser.parse_args()
    env = {**os.environ, "DOCGEN_IDLE_TIMEOUT": "2", "DOCGEN_HEADER_TIMEOUT": "3"}
    print(f"machine: nproc={os.cpu_count()}, load={os.getloadavg()}")
    for workers in args.workers:
        port = free_port()
        server = start(workers, port, env)
        try:
            print(f"docgen serve --workers {workers}: GET /healthz x {args.requests}")
            kept_alive(port, 20)  # warm up
            report("one kept-alive connection", kept_alive(port, args.requests))
            report("a new connection each", new_each(port, args.requests))
            idle = closed_after(port, args.idle, b"", 5)
            half = closed_after(port, args.idle, b"GET /healthz HTTP/1.1\r\nHost: x\r\n", 5)
            print(f"  idle connections closed after 5 s:      {idle}/{args.idle}")
            print(f"  half-sent requests closed after 5 s:    {half}/{args.idle}")
        finally:
            server.terminate()
            server.wait(30)


if __name__ == "__main__":
    main()
