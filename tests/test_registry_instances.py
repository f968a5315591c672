"""Two ``docgen serve`` processes on one PostgreSQL registry number acts without a clash."""

from __future__ import annotations

import http.client
import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from conftest import PostgresCluster
from registry_helpers import DISTRICT, ready_registry, registrable

DOCGEN = Path(sys.executable).with_name("docgen")
PER_INSTANCE = 10

pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture
def instances(postgres: PostgresCluster) -> Iterator[tuple[str, list[int]]]:
    """Start two servers on one registry; yield a clerk's token and their ports."""
    url = postgres.new_database()
    with ready_registry(url) as registry:
        registry.accounts.add("clerk", office=DISTRICT, role="clerk")
        token = registry.accounts.new_token("clerk")
    env = {**os.environ, "DOCGEN_DATABASE_URL": url}
    ports = [_free_port(), _free_port()]
    servers = [
        subprocess.Popen(
            [str(DOCGEN), "serve", "--host", "127.0.0.1", "--port", str(port)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for port in ports
    ]
    try:
        for server, port in zip(servers, ports, strict=True):
            deadline = time.monotonic() + 60
            while True:
                assert server.poll() is None, "a server stopped"
                assert time.monotonic() < deadline, "a server did not start"
                try:
                    with socket.create_connection(("127.0.0.1", port), timeout=1):
                        break
                except OSError:
                    time.sleep(0.2)
        yield token, ports
    finally:
        for server in servers:
            server.terminate()
            server.wait(30)


def _register(port: int, token: str) -> str:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    connection.request(
        "POST",
        "/api/acts/predpisanie/render?register=true",
        body=json.dumps(registrable()).encode(),
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
    )
    try:
        response = connection.getresponse()
        body = response.read()
    finally:
        connection.close()
    assert response.status == 200, body[:500]
    return response.getheader("X-Docgen-Number") or ""


def test_two_instances_give_distinct_consecutive_numbers(
    instances: tuple[str, list[int]],
) -> None:
    token, ports = instances
    targets = [ports[i % 2] for i in range(2 * PER_INSTANCE)]
    with ThreadPoolExecutor(max_workers=8) as pool:
        numbers = list(pool.map(lambda port: _register(port, token), targets))
    sequences = sorted(int(number.rsplit("%2F", 1)[-1].rsplit("/", 1)[-1]) for number in numbers)
    assert len(set(numbers)) == len(numbers)
    assert sequences == list(range(1, 2 * PER_INSTANCE + 1))
