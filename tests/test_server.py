"""``docgen serve``: TCP_NODELAY with several workers, idle and header timeouts."""

from __future__ import annotations

import asyncio
import http.client
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn
from click.testing import CliRunner

from docgen import ServiceConfigError
from docgen.cli import main
from docgen.service.server import ConnectionTimeouts, server_config

DOCGEN = Path(sys.executable).with_name("docgen")


def accepted_nodelay(listener: socket.socket) -> int:
    """Return TCP_NODELAY of a connection accepted by asyncio on ``listener``, as a worker does."""
    seen: list[int] = []

    class Probe(asyncio.Protocol):
        def connection_made(self, transport: asyncio.BaseTransport) -> None:
            sock = transport.get_extra_info("socket")
            seen.append(sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
            transport.close()

    async def accept_one() -> None:
        server = await asyncio.get_running_loop().create_server(Probe, sock=listener)
        port = listener.getsockname()[1]
        _reader, writer = await asyncio.open_connection("127.0.0.1", port)
        for _ in range(100):
            if seen:
                break
            await asyncio.sleep(0.01)
        writer.close()
        server.close()
        await server.wait_closed()

    asyncio.run(accept_one())
    return seen[0]


def test_connections_of_every_worker_get_tcp_nodelay() -> None:
    # With --workers N the supervisor binds the listener and the workers accept on it;
    # asyncio sets TCP_NODELAY only when the listener's protocol is IPPROTO_TCP.
    config = server_config(host="127.0.0.1", port=0, workers=2, timeouts=ConnectionTimeouts())

    listener = config.bind_socket()

    assert listener.proto == socket.IPPROTO_TCP
    assert accepted_nodelay(listener) == 1


def test_plain_uvicorn_listener_lacks_tcp_nodelay() -> None:
    # The reason for ServerConfig: should uvicorn fix its listener, this test says so.
    listener = uvicorn.Config("x:y", host="127.0.0.1", port=0, workers=2).bind_socket()

    assert accepted_nodelay(listener) == 0


def test_timeouts_from_the_environment() -> None:
    environ = {"DOCGEN_IDLE_TIMEOUT": "2.5", "DOCGEN_HEADER_TIMEOUT": "4"}

    assert ConnectionTimeouts.from_env(environ) == ConnectionTimeouts(idle=2.5, header=4.0)
    assert ConnectionTimeouts.from_env({}) == ConnectionTimeouts(idle=5.0, header=10.0)


@pytest.mark.parametrize("name", ["DOCGEN_IDLE_TIMEOUT", "DOCGEN_HEADER_TIMEOUT"])
@pytest.mark.parametrize("value", ["0", "-1", "soon"], ids=["zero", "negative", "word"])
def test_a_bad_timeout_is_refused(name: str, value: str, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(ServiceConfigError):
        ConnectionTimeouts.from_env({name: value})
    monkeypatch.setenv(name, value)

    result = CliRunner().invoke(main, ["serve", "--port", "1"])

    assert result.exit_code == 2
    assert name in result.output


# --- a real server, two workers ----------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def served() -> Iterator[int]:
    """Run ``docgen serve --workers 2`` on 127.0.0.1 with 1 s timeouts; yield its port."""
    port = free_port()
    env = {**os.environ, "DOCGEN_IDLE_TIMEOUT": "1", "DOCGEN_HEADER_TIMEOUT": "1"}
    command = [str(DOCGEN), "serve", "--host", "127.0.0.1", "--port", str(port)]
    server = subprocess.Popen(
        [*command, "--workers", "2"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            assert server.poll() is None, "the server stopped"
            assert time.monotonic() < deadline, "the server did not start"
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                time.sleep(0.2)
        yield port
    finally:
        server.terminate()
        server.wait(30)


def closed_by_server(client: socket.socket, within: float) -> bool:
    """Return whether the server closes ``client`` within ``within`` seconds."""
    client.settimeout(within)
    try:
        while True:
            data = client.recv(65536)
            if not data:
                return True
    except TimeoutError:
        return False
    except ConnectionResetError:
        return True


@pytest.mark.slow
def test_kept_alive_requests_are_answered(served: int) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", served, timeout=10)
    for _ in range(20):
        connection.request("GET", "/healthz")
        response = connection.getresponse()
        assert response.status == 200
        assert response.read() == b'{"status":"ok"}'
    connection.close()


@pytest.mark.slow
@pytest.mark.parametrize(
    "sent",
    [b"", b"GET /healthz HTTP/1.1\r\n", b"GET /healthz HTTP/1.1\r\nHost: x\r\n"],
    ids=["nothing", "request-line", "half-the-headers"],
)
def test_a_connection_without_a_whole_request_head_is_closed(served: int, sent: bytes) -> None:
    clients = [socket.create_connection(("127.0.0.1", served), timeout=5) for _ in range(20)]
    for client in clients:
        client.sendall(sent)

    assert all(closed_by_server(client, 10) for client in clients)
    for client in clients:
        client.close()


@pytest.mark.slow
def test_an_idle_kept_alive_connection_is_closed(served: int) -> None:
    with socket.create_connection(("127.0.0.1", served), timeout=5) as client:
        client.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        assert client.recv(65536).startswith(b"HTTP/1.1 200")

        assert closed_by_server(client, 10)


@pytest.mark.slow
def test_a_head_sent_slowly_within_the_timeout_is_answered(served: int) -> None:
    with socket.create_connection(("127.0.0.1", served), timeout=5) as client:
        client.sendall(b"GET /healthz HTTP/1.1\r\n")
        time.sleep(0.3)
        client.sendall(b"Host: x\r\n\r\n")

        assert client.recv(65536).startswith(b"HTTP/1.1 200")
