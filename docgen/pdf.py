"""Converting DOCX documents to PDF with LibreOffice running headless.

One :class:`PdfConverter` owns a private LibreOffice profile folder, so converters in parallel
processes never share (and lock) a profile. A batch is converted in chunks: one ``soffice``
process converts up to ``chunk_size`` documents, rather than one process per document. Every
process has a time budget; a LibreOffice that overruns it is killed with its whole process
group, its profile is recreated, and only the documents it did not finish are retried one by
one, so a hung document fails alone and the batch never hangs.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Final, Self

from .errors import PdfError
from .i18n import N_

SOFFICE_ENV: Final = "DOCGEN_SOFFICE"
"""Environment variable naming the LibreOffice program, when it is not ``soffice`` on PATH."""

DEBIAN_PACKAGE: Final = "libreoffice-writer"
DEFAULT_TIMEOUT: Final = 60.0
"""Seconds LibreOffice may spend on one document (a chunk gets this per document)."""
DEFAULT_CHUNK_SIZE: Final = 20
_PDF_MAGIC: Final = b"%PDF-"
_ZIP_MAGIC: Final = b"PK\x03\x04"


def find_soffice() -> str:
    """Return the LibreOffice program: ``$DOCGEN_SOFFICE``, else ``soffice`` on PATH.

    Raise :class:`PdfError` naming the Debian package to install when there is none.
    """
    configured = os.environ.get(SOFFICE_ENV, "").strip()
    if configured:
        found = shutil.which(configured)
        if found is None:
            raise PdfError(
                N_(
                    "{variable} names «{program}», which is not a program that can be run; "
                    "install the Debian package {package} "
                    "(apt-get install libreoffice-writer-nogui) or correct the variable"
                ),
                variable=SOFFICE_ENV,
                program=configured,
                package=DEBIAN_PACKAGE,
            )
        return found
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found is not None:
            return found
    raise PdfError(
        N_(
            "LibreOffice is needed for PDF output but was not found: install the Debian "
            "package {package} (apt-get install libreoffice-writer-nogui), or set {variable} "
            "to the soffice program"
        ),
        package=DEBIAN_PACKAGE,
        variable=SOFFICE_ENV,
    )


@dataclass(frozen=True)
class _Run:
    """What one LibreOffice process made of a chunk: a PDF or ``None`` per document."""

    pdfs: list[bytes | None]
    timed_out: bool
    returncode: int | None


class PdfConverter:
    """Convert DOCX bytes to PDF bytes with LibreOffice; use it as a context manager.

    ``timeout`` is the number of seconds allowed per document; ``chunk_size`` is how many
    documents one LibreOffice process converts. A converter serialises its own calls (it may
    be shared between threads); run several converters for parallel conversion.
    """

    def __init__(
        self,
        *,
        soffice: str | None = None,
        timeout: float = DEFAULT_TIMEOUT,
        chunk_size: int = DEFAULT_CHUNK_SIZE,
    ) -> None:
        if timeout <= 0:
            raise ValueError("timeout must be positive")
        if chunk_size < 1:
            raise ValueError("chunk_size must be at least 1")
        self.soffice = soffice if soffice is not None else find_soffice()
        self.timeout = timeout
        self.chunk_size = chunk_size
        self.restarts = 0
        """How many times a hung LibreOffice was killed and its profile recreated."""
        self._lock = threading.Lock()
        self._workdir: Path | None = None
        self._runs = 0

    def __enter__(self) -> Self:
        self.open()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def open(self) -> None:
        """Create the private working folder (the profile lives in it); idempotent."""
        with self._lock:
            if self._workdir is None:
                self._workdir = Path(tempfile.mkdtemp(prefix="docgen-pdf-"))

    def close(self) -> None:
        """Remove the working folder and the profile."""
        with self._lock:
            if self._workdir is not None:
                shutil.rmtree(self._workdir, ignore_errors=True)
                self._workdir = None

    @property
    def profile_dir(self) -> Path:
        """Return the LibreOffice profile folder of this converter."""
        return self._require_workdir() / "profile"

    def convert(self, docx: bytes) -> bytes:
        """Return the PDF of one DOCX document, or raise :class:`PdfError`."""
        result = self.convert_many([docx])[0]
        if isinstance(result, PdfError):
            raise result
        return result

    def convert_many(self, documents: Sequence[bytes]) -> list[bytes | PdfError]:
        """Return, in order, the PDF of each document or the :class:`PdfError` it failed with."""
        opened_here = self._workdir is None
        if opened_here:
            self.open()
        try:
            results: list[bytes | PdfError] = [
                PdfError(N_("the document to convert to PDF is not a DOCX file")) for _ in documents
            ]
            wanted = [i for i, document in enumerate(documents) if document.startswith(_ZIP_MAGIC)]
            with self._lock:
                for start in range(0, len(wanted), self.chunk_size):
                    chunk = wanted[start : start + self.chunk_size]
                    converted = self._convert_chunk([documents[i] for i in chunk])
                    for index, result in zip(chunk, converted, strict=True):
                        results[index] = result
            return results
        finally:
            if opened_here:
                self.close()

    def _convert_chunk(self, documents: Sequence[bytes]) -> list[bytes | PdfError]:
        run = self._run(documents)
        if len(documents) == 1:
            pdf = run.pdfs[0]
            return [pdf if pdf is not None else self._failure(run)]
        results: list[bytes | PdfError | None] = list(run.pdfs)
        missing = [index for index, pdf in enumerate(run.pdfs) if pdf is None]
        if missing:
            # LibreOffice converts in order: the first document without a PDF is the one that
            # stopped the chunk (a hang, a crash). It is retried alone, so only it can fail;
            # the documents after it are retried together.
            culprit, rest = missing[0], missing[1:]
            results[culprit] = self._convert_chunk([documents[culprit]])[0]
            if rest:
                retried = self._convert_chunk([documents[index] for index in rest])
                for index, result in zip(rest, retried, strict=True):
                    results[index] = result
        return [result if result is not None else self._failure(run) for result in results]

    def _failure(self, run: _Run) -> PdfError:
        if run.timed_out:
            return PdfError(
                N_("LibreOffice did not finish the PDF within {seconds} s and was stopped"),
                seconds=round(self.timeout),
            )
        return PdfError(
            N_("LibreOffice could not convert the document to PDF (exit code {code})"),
            code=run.returncode,
        )

    def _require_workdir(self) -> Path:
        if self._workdir is None:
            raise RuntimeError("the converter is closed; use it in a with block")
        return self._workdir

    def _run(self, documents: Sequence[bytes]) -> _Run:
        workdir = self._require_workdir()
        self._runs += 1
        job = workdir / f"job{self._runs}"
        inbox, outbox = job / "in", job / "out"
        inbox.mkdir(parents=True)
        outbox.mkdir()
        inputs = []
        for index, document in enumerate(documents, start=1):
            source = inbox / f"doc{index:04d}.docx"
            source.write_bytes(document)
            inputs.append(source)
        command = [
            self.soffice,
            f"-env:UserInstallation={self.profile_dir.as_uri()}",
            "--headless",
            "--invisible",
            "--nologo",
            "--nodefault",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            "pdf:writer_pdf_Export",
            "--outdir",
            str(outbox),
            *map(str, inputs),
        ]
        timed_out = False
        with subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            cwd=job,
            start_new_session=True,
        ) as process:
            try:
                process.wait(timeout=self.timeout * len(documents))
            except subprocess.TimeoutExpired:
                timed_out = True
                self._kill(process)
            finally:
                # A finished soffice may leave helpers behind in its group; never leak them.
                _kill_group(process.pid)
        pdfs: list[bytes | None] = []
        for source in inputs:
            target = outbox / f"{source.stem}.pdf"
            data = target.read_bytes() if target.is_file() else b""
            pdfs.append(data if data.startswith(_PDF_MAGIC) else None)
        shutil.rmtree(job, ignore_errors=True)
        return _Run(pdfs, timed_out, process.returncode)

    def _kill(self, process: subprocess.Popen[bytes]) -> None:
        _kill_group(process.pid)
        process.wait()
        # The killed instance may have left its profile locked or half-written: start afresh.
        shutil.rmtree(self.profile_dir, ignore_errors=True)
        self.restarts += 1


def _kill_group(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signal.SIGKILL)
