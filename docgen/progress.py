"""The CLI's one-line batch progress bar on a terminal: rows done, refused, rate, time left."""

from __future__ import annotations

import time
from typing import Final, TextIO

from .batching import ReportRow
from .i18n import N_, translate

_WIDTH: Final = 24
_INTERVAL: Final = 0.2
"""Seconds between redraws."""


def _clock(seconds: float) -> str:
    seconds = max(0, round(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02}:{secs:02}" if hours else f"{minutes:02}:{secs:02}"


class TerminalProgress:
    """Draws the progress of a batch on ``stream`` (a terminal), in ``lang``."""

    def __init__(self, stream: TextIO, lang: str) -> None:
        self.stream = stream
        self.lang = lang
        self.total: int | None = None
        self.done = 0
        self.refused = 0
        self.failed = 0
        self._started = time.monotonic()
        self._drawn = 0.0
        self._shown = False

    def start(self, total: int | None) -> None:
        """Begin: about ``total`` rows are coming."""
        self.total = total
        self._started = time.monotonic()
        self._draw(force=True)

    def advance(self, row: ReportRow) -> None:
        """Count one more row."""
        self.done += 1
        if row.status == "refused":
            self.refused += 1
        elif row.status == "failed":
            self.failed += 1
        self._draw()

    def finish(self) -> None:
        """Draw the final state and end the line."""
        if self._shown:
            self._draw(force=True)
            self.stream.write("\n")
            self.stream.flush()

    def line(self) -> str:
        """Return the text of the bar as it stands."""
        elapsed = time.monotonic() - self._started
        rate = self.done / elapsed if elapsed > 0 else 0.0
        total = max(self.total or 0, self.done)
        if self.total:
            filled = int(_WIDTH * self.done / total) if total else _WIDTH
            bar = "[" + "#" * filled + "-" * (_WIDTH - filled) + "] "
            left = _clock((total - self.done) / rate) if rate > 0 else "--:--"
        else:
            bar = ""
            left = "--:--"
        return bar + translate(
            N_(
                "{done}/{total} rows, refused {refused}, failed {failed}, "
                "{rate} rows/s, {left} left"
            ),
            self.lang,
            done=self.done,
            total=total if self.total else "?",
            refused=self.refused,
            failed=self.failed,
            rate=f"{rate:.1f}",
            left=left,
        )

    def _draw(self, *, force: bool = False) -> None:
        now = time.monotonic()
        if not force and now - self._drawn < _INTERVAL:
            return
        self._drawn = now
        self._shown = True
        self.stream.write("\r" + self.line() + "\x1b[K")
        self.stream.flush()
