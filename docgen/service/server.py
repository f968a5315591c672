"""Running the service with uvicorn: prompt answers on kept-alive connections, and no
connection held open by a client that sends nothing or only part of a request.

Two things plain ``uvicorn.run`` does not give:

* **TCP_NODELAY with several workers.** With ``workers > 1`` uvicorn binds the listening socket
  itself without naming the protocol (``proto`` 0); accepted sockets inherit that, and asyncio
  sets ``TCP_NODELAY`` only on sockets whose ``proto`` is ``IPPROTO_TCP``. Nagle's algorithm then
  holds back each answer on a kept-alive connection until the client's delayed ACK, some 40 ms
  on Linux (uvicorn issue #3149). :class:`ServerConfig` binds the listener as a TCP socket, so
  every worker's connections get ``TCP_NODELAY``.
* **A header timeout.** uvicorn closes a kept-alive connection that stays idle after an answer
  (``timeout_keep_alive``, here the idle timeout), but waits for ever for the first request of a
  connection and for the rest of a half-sent request head. :class:`GuardedH11Protocol` closes a
  connection whose request head is not complete within the header timeout. The body and the work
  are under the request's time limit (``DOCGEN_TIMEOUT``, :mod:`docgen.service.app`).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import socket
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final

import h11
import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol
from uvicorn.supervisors import Multiprocess

from .app import positive_setting

IDLE_TIMEOUT_ENV: Final = "DOCGEN_IDLE_TIMEOUT"
HEADER_TIMEOUT_ENV: Final = "DOCGEN_HEADER_TIMEOUT"
DEFAULT_IDLE_TIMEOUT: Final = 5.0
DEFAULT_HEADER_TIMEOUT: Final = 10.0
APP: Final = "docgen.service.app:create_app"
STARTUP_FAILURE: Final = 3  # uvicorn's exit code when the server cannot start


@dataclass(frozen=True)
class ConnectionTimeouts:
    """How long a connection may stay idle after an answer, and take to send a request head."""

    idle: float = DEFAULT_IDLE_TIMEOUT
    header: float = DEFAULT_HEADER_TIMEOUT

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> ConnectionTimeouts:
        """Return the timeouts set by ``DOCGEN_IDLE_TIMEOUT`` and ``DOCGEN_HEADER_TIMEOUT``."""
        env = os.environ if environ is None else environ
        return cls(
            idle=positive_setting(env, IDLE_TIMEOUT_ENV, DEFAULT_IDLE_TIMEOUT, float),
            header=positive_setting(env, HEADER_TIMEOUT_ENV, DEFAULT_HEADER_TIMEOUT, float),
        )


class ServerConfig(uvicorn.Config):
    """uvicorn's configuration, binding its listener as a TCP socket and knowing the header
    timeout of :class:`GuardedH11Protocol`."""

    def __init__(self, *args: Any, header_timeout: float = DEFAULT_HEADER_TIMEOUT, **kwargs: Any):
        self.header_timeout = header_timeout
        super().__init__(*args, **kwargs)

    def bind_socket(self) -> socket.socket:
        """Return uvicorn's listening socket, its protocol named ``IPPROTO_TCP``.

        Accepted sockets inherit it, and asyncio sets ``TCP_NODELAY`` on them because of it.
        """
        sock = super().bind_socket()
        if sock.family in (socket.AF_INET, socket.AF_INET6) and sock.proto != socket.IPPROTO_TCP:
            sock = socket.socket(sock.family, sock.type, socket.IPPROTO_TCP, fileno=sock.detach())
        return sock


class GuardedH11Protocol(H11Protocol):
    """uvicorn's h11 protocol, closing a connection whose request head does not arrive in time.

    The clock runs from the moment the connection is made, or the previous answer is sent, until
    the whole head of the next request has arrived.
    """

    def __init__(self, config: uvicorn.Config, *args: Any, **kwargs: Any) -> None:
        super().__init__(config, *args, **kwargs)
        self.header_timeout: float = getattr(config, "header_timeout", DEFAULT_HEADER_TIMEOUT)
        self._header_timer: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._wait_for_head()

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        if self.conn.their_state is not h11.IDLE:  # the head is complete
            self._stop_waiting()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if self.conn.their_state is h11.IDLE and not self.transport.is_closing():
            self._wait_for_head()

    def connection_lost(self, exc: Exception | None) -> None:
        self._stop_waiting()
        super().connection_lost(exc)

    def _wait_for_head(self) -> None:
        self._stop_waiting()
        self._header_timer = self.loop.call_later(self.header_timeout, self._head_too_late)

    def _stop_waiting(self) -> None:
        if self._header_timer is not None:
            self._header_timer.cancel()
            self._header_timer = None

    def _head_too_late(self) -> None:
        self._header_timer = None
        if not self.transport.is_closing():
            self.transport.close()


def server_config(
    *, host: str, port: int, workers: int, timeouts: ConnectionTimeouts
) -> ServerConfig:
    """Return the configuration ``docgen serve`` runs uvicorn with."""
    return ServerConfig(
        APP,
        factory=True,
        host=host,
        port=port,
        workers=workers,
        http=GuardedH11Protocol,
        timeout_keep_alive=timeouts.idle,
        header_timeout=timeouts.header,
    )


def run_server(*, host: str, port: int, workers: int, timeouts: ConnectionTimeouts) -> None:
    """Serve the app until interrupted, as ``uvicorn.run`` would, with the fixes above."""
    config = server_config(host=host, port=port, workers=workers, timeouts=timeouts)
    server = uvicorn.Server(config)
    if workers > 1:
        Multiprocess(config, sockets=[config.bind_socket()]).run()
        return
    with contextlib.suppress(KeyboardInterrupt):  # Ctrl+C, as uvicorn.run takes it
        server.run(sockets=[config.bind_socket()])
    if not server.started:
        sys.exit(STARTUP_FAILURE)
