"""Converting DOCX documents to PDF with LibreOffice running headless.

One :class:`PdfConverter` owns a private LibreOffice profile folder, so converters in parallel
processes never share (and lock) a profile; a batch runs one converter per worker process, so
one LibreOffice per core.

Where a Python with LibreOffice's UNO bridge is found (Debian's ``/usr/bin/python3`` with the
package ``python3-uno``, or ``$DOCGEN_UNO_PYTHON``), the converter keeps one LibreOffice
running and hands it the documents one by one over UNO (:mod:`docgen.uno_worker`): starting
LibreOffice, which is most of the time of a short conversion, is paid once per converter, not
once per chunk. With ``bind``, acts are handed to it up to ten at a time bound into one
document (:mod:`docgen.binding`), each act's pages written to its own PDF: the same PDF as the
act's alone, for two thirds of LibreOffice's time. Each document has ``timeout`` seconds, a
bound one too; a LibreOffice that overruns it is killed with its whole process group and its
profile recreated, and only that document fails (the acts of a bound one are then converted one
by one, each with its own ``timeout``, so that only an act at fault fails); one that has grown past
:data:`MAX_OFFICE_KIB` of memory or converted :data:`MAX_DOCUMENTS_PER_OFFICE` documents is
restarted between two documents.

Without UNO, a batch is converted in chunks: one ``soffice`` process converts up to
``chunk_size`` documents. Every process has a time budget; a LibreOffice that overruns it is
killed with its whole process group, its profile is recreated, and only the documents it did
not finish are retried one by one, so a hung document fails alone and the batch never hangs.

``pdfa=True`` makes PDF/A-2b files (archival copies), either way. Either way LibreOffice is
given :func:`docgen.printable.printable_docx`'s copy of each document, which prints the same
pages in about half the time.
"""

from __future__ import annotations

import contextlib
import json
import os
import selectors
import shutil
import signal
import subprocess
import tempfile
import threading
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Final, Self

from .binding import bind
from .budget import check_time_limit, time_left
from .errors import PdfError
from .i18n import N_
from .printable import printable_docx

SOFFICE_ENV: Final = "DOCGEN_SOFFICE"
"""Environment variable naming the LibreOffice program, when it is not ``soffice`` on PATH."""

DEBIAN_PACKAGE: Final = "libreoffice-writer"
DEFAULT_TIMEOUT: Final = 60.0
"""Seconds LibreOffice may spend on one document (a chunk gets this per document)."""
DEFAULT_CHUNK_SIZE: Final = 20
UNO_PYTHON_ENV: Final = "DOCGEN_UNO_PYTHON"
"""Environment variable naming a Python with LibreOffice's UNO bridge; empty: do not use UNO."""
MAX_OFFICE_KIB: Final = 1_500_000
"""Resident memory past which a running LibreOffice is restarted between two documents."""
MAX_DOCUMENTS_PER_OFFICE: Final = 2000
"""Documents after which a running LibreOffice is restarted (a bound on slow leaks)."""
_DEBIAN_UNO: Final = Path("/usr/lib/python3/dist-packages/uno.py")
_PDFA_FILTER: Final = 'pdf:writer_pdf_Export:{"SelectPdfVersion":{"type":"long","value":"2"}}'
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


def find_uno_python() -> str | None:
    """Return a Python that can drive LibreOffice over UNO, or None (then chunks are used).

    ``$DOCGEN_UNO_PYTHON`` when set (empty: none), else Debian's ``/usr/bin/python3`` when the
    package ``python3-uno`` is installed.
    """
    configured = os.environ.get(UNO_PYTHON_ENV)
    if configured is not None:
        return shutil.which(configured.strip()) if configured.strip() else None
    if _DEBIAN_UNO.is_file() and Path("/usr/bin/python3").is_file():
        return "/usr/bin/python3"
    return None


def keeps_office_running() -> bool:
    """Return whether a :class:`PdfConverter` made with its defaults keeps LibreOffice running
    (over UNO), rather than converting in chunks; False when LibreOffice is not found."""
    try:
        return _uno_python_for(find_soffice()) is not None
    except PdfError:
        return False


def _uno_python_for(soffice: str) -> str | None:
    """Return the Python to drive ``soffice`` over UNO: only a LibreOffice installation's."""
    installed = Path(soffice).resolve().with_name("soffice.bin").is_file()
    return find_uno_python() if installed else None


class _OfficeGone(Exception):  # noqa: N818 - LibreOffice ended or hung; it is restarted
    def __init__(self, timed_out: bool, returncode: int | None) -> None:
        self.timed_out = timed_out
        self.returncode = returncode


class _Office:
    """One LibreOffice kept running by :mod:`docgen.uno_worker`, in its own process group."""

    def __init__(
        self, python: str, soffice: str, profile: Path, tmpdir: Path, timeout: float
    ) -> None:
        """Start the worker and LibreOffice and wait until it accepts documents.

        LibreOffice's temporary files go to ``tmpdir``, removed with the converter's folder, so
        a LibreOffice that is killed leaves nothing behind.
        """
        worker = Path(__file__).with_name("uno_worker.py")
        pipe = f"docgen-{os.getpid()}-{uuid.uuid4().hex}"
        tmpdir.mkdir(exist_ok=True)
        self.process = subprocess.Popen(
            [python, str(worker), soffice, profile.as_uri(), pipe],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
            env={**os.environ, "TMPDIR": str(tmpdir)},
        )
        self._buffer = b""
        self.converted = 0
        self.rss_kib = 0
        self.answer(timeout)  # {"ready": true}

    def answer(self, timeout: float) -> dict[str, object]:
        """Return the next JSON line of the worker, or raise :class:`_OfficeGone`."""
        assert self.process.stdout is not None
        deadline = time.monotonic() + timeout
        with selectors.DefaultSelector() as selector:
            selector.register(self.process.stdout, selectors.EVENT_READ)
            while b"\n" not in self._buffer:
                left = deadline - time.monotonic()
                if left <= 0 or not selector.select(left):
                    self.kill()
                    raise _OfficeGone(True, None)
                chunk = os.read(self.process.stdout.fileno(), 65536)
                if not chunk:
                    self.kill()
                    raise _OfficeGone(False, self.process.returncode)
                self._buffer += chunk
        line, self._buffer = self._buffer.split(b"\n", 1)
        answer: dict[str, object] = json.loads(line)
        return answer

    def convert(self, request: dict[str, object], *, timeout: float, documents: int) -> str | None:
        """Hand LibreOffice ``request`` (see :mod:`docgen.uno_worker`) that converts
        ``documents`` acts; return None, or LibreOffice's error text."""
        assert self.process.stdin is not None
        try:
            self.process.stdin.write(json.dumps(request).encode() + b"\n")
            self.process.stdin.flush()
        except OSError:
            self.kill()
            raise _OfficeGone(False, self.process.returncode) from None
        answer = self.answer(timeout)
        self.converted += documents
        rss = answer.get("rss")
        self.rss_kib = rss if isinstance(rss, int) else 0
        error = answer.get("error")
        return str(error) if error is not None else None

    @property
    def worn(self) -> bool:
        """Whether this LibreOffice should be restarted before the next document."""
        return self.rss_kib > MAX_OFFICE_KIB or self.converted >= MAX_DOCUMENTS_PER_OFFICE

    def stop(self) -> None:
        """End the worker and LibreOffice (closing its input ends it), killing what lingers.

        LibreOffice saves its profile as it quits: this is how it ends before it is started
        again on the same profile. A converter being closed kills it instead (:meth:`kill`).
        """
        with contextlib.suppress(OSError):
            if self.process.stdin is not None:
                self.process.stdin.close()
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(10)
        self.kill()

    def kill(self) -> None:
        """Kill the worker's whole process group (LibreOffice with it)."""
        _kill_group(self.process.pid)
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(10)
        for stream in (self.process.stdin, self.process.stdout):
            with contextlib.suppress(OSError):
                if stream is not None:
                    stream.close()


@dataclass(frozen=True)
class _Run:
    """What one LibreOffice process made of a chunk: a PDF or ``None`` per document."""

    pdfs: list[bytes | None]
    timed_out: bool
    returncode: int | None


class PdfConverter:
    """Convert DOCX bytes to PDF bytes with LibreOffice; use it as a context manager.

    ``timeout`` is the number of seconds allowed per document; ``chunk_size`` is how many
    documents one LibreOffice process converts when LibreOffice is not kept running (see the
    module docstring; ``uno_python`` overrides :func:`find_uno_python`, ``""`` turns it off).
    ``pdfa`` makes PDF/A-2b files. ``bind`` is how many acts a LibreOffice kept running is
    given bound into one document at most (:mod:`docgen.binding`; a batch of the shipped
    templates binds ten); 1, and PDF/A, give it one act at a time. A converter serialises its
    own calls (it may be shared between threads); run several converters for parallel
    conversion.
    """

    def __init__(
        self,
        *,
        soffice: str | None = None,
        timeout: float = DEFAULT_TIMEOUT,
        chunk_size: int = DEFAULT_CHUNK_SIZE,
        pdfa: bool = False,
        uno_python: str | None = None,
        bind: int = 1,
    ) -> None:
        if timeout <= 0:
            raise ValueError("timeout must be positive")
        if chunk_size < 1:
            raise ValueError("chunk_size must be at least 1")
        if bind < 1:
            raise ValueError("bind must be at least 1")
        self.bind = bind
        self.soffice = soffice if soffice is not None else find_soffice()
        self.timeout = timeout
        self.chunk_size = chunk_size
        self.pdfa = pdfa
        if uno_python is None:
            uno_python = _uno_python_for(self.soffice) or ""
        self.uno_python = uno_python or None
        self._office: _Office | None = None
        self.restarts = 0
        """How many times a hung LibreOffice was killed and its profile recreated."""
        self.bound = 0
        """How many documents were converted bound with others (:mod:`docgen.binding`)."""
        self._lock = threading.Lock()
        self._limit = timeout  # the seconds per document of the call in progress
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
        """Stop LibreOffice, if it is kept running; remove the working folder and the profile."""
        with self._lock:
            if self._office is not None:
                # Every PDF has been read back: what LibreOffice does as it quits (saving the
                # profile, removed next) is not needed, so it is killed, not waited for (0.1 s).
                self._office.kill()
                self._office = None
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
        """Return, in order, the PDF of each document or the :class:`PdfError` it failed with.

        Under a :func:`docgen.time_limit` (the HTTP service's), LibreOffice has no longer than
        what is left of it, and nothing is converted once it has run out: a call that waited
        for another to finish raises :class:`~docgen.errors.TimeLimitError` then.
        """
        opened_here = self._workdir is None
        if opened_here:
            self.open()
        try:
            results: list[bytes | PdfError] = [
                PdfError(N_("the document to convert to PDF is not a DOCX file")) for _ in documents
            ]
            wanted = [i for i, document in enumerate(documents) if document.startswith(_ZIP_MAGIC)]
            # LibreOffice prints a copy without what only an editor uses (docgen.printable).
            printable = {index: printable_docx(documents[index]) for index in wanted}
            with self._lock:
                check_time_limit()
                left = time_left()
                self._limit = self.timeout if left is None else min(self.timeout, left)
                done = 0
                while done < len(wanted) and self.uno_python is not None:
                    group = wanted[done : done + self.bind]
                    done += len(group)
                    bound = self._convert_bound([printable[index] for index in group])
                    for position, index in enumerate(group):
                        results[index] = (
                            bound[position]
                            if bound is not None
                            else self._convert_one(printable[index])
                        )
                wanted = wanted[done:]
                for start in range(0, len(wanted), self.chunk_size):
                    chunk = wanted[start : start + self.chunk_size]
                    converted = self._convert_chunk([printable[i] for i in chunk])
                    for index, result in zip(chunk, converted, strict=True):
                        results[index] = result
            return results
        finally:
            if opened_here:
                self.close()

    def _running_office(self) -> _Office | None:
        """Return the LibreOffice kept running, started when needed; None (and chunks from
        now on) when it does not start with UNO."""
        assert self.uno_python is not None
        if self._office is None:
            try:
                self._office = _Office(
                    self.uno_python,
                    self.soffice,
                    self.profile_dir,
                    self._require_workdir() / "tmp",
                    self.timeout,
                )
            except _OfficeGone as gone:
                if gone.timed_out:
                    self._recreate_profile()
                self.uno_python = None
        return self._office

    def _hand_over(self, request: dict[str, object], documents: int) -> str | None:
        """Hand the running LibreOffice ``request``; return its error text, or None.

        Raise :class:`_OfficeGone` if it hung (past ``timeout``, even for a bound document:
        its acts then have their own ``timeout`` each, alone) or ended; it is then forgotten
        and its profile recreated. A worn LibreOffice is restarted after.
        """
        assert self._office is not None
        try:
            error = self._office.convert(request, timeout=self._limit, documents=documents)
        except _OfficeGone:
            self._office = None
            self._recreate_profile()
            raise
        if self._office.worn:
            self._office.stop()
            self._office = None
        return error

    def _convert_bound(self, documents: Sequence[bytes]) -> list[bytes] | None:
        """Return the PDFs of ``documents`` converted bound into one (:mod:`docgen.binding`),
        or None when they are not bound or anything went wrong (they are then converted one
        by one, so that one that fails fails alone)."""
        if len(documents) < 2 or self.uno_python is None or self.pdfa:
            # A PDF/A file is tagged: LibreOffice builds the logical structure of a page range
            # of a bound document otherwise than of the act alone (the pages are the same).
            return None
        bound = bind(documents)
        if bound is None or self._running_office() is None:
            return None
        workdir = self._require_workdir()
        self._runs += 1
        source = workdir / f"doc{self._runs}.docx"
        targets = [workdir / f"doc{self._runs}-{index}.pdf" for index in range(len(documents))]
        source.write_bytes(bound.docx)
        request = {
            "in": str(source),
            "acts": [
                [str(target), mark] for target, mark in zip(targets, bound.marks, strict=True)
            ],
            "pdfa": self.pdfa,
        }
        try:
            if self._hand_over(request, len(documents)) is not None:
                return None
            pdfs = [target.read_bytes() if target.is_file() else b"" for target in targets]
            if not all(pdf.startswith(_PDF_MAGIC) for pdf in pdfs):
                return None
            self.bound += len(pdfs)
            return pdfs
        except _OfficeGone:
            return None
        finally:
            source.unlink(missing_ok=True)
            for target in targets:
                target.unlink(missing_ok=True)

    def _convert_one(self, document: bytes) -> bytes | PdfError:
        if self.uno_python is not None:
            return self._convert_running(document)
        return self._convert_chunk([document])[0]

    def _convert_running(self, document: bytes) -> bytes | PdfError:
        """Convert one document with the LibreOffice kept running, starting it when needed."""
        workdir = self._require_workdir()
        self._runs += 1
        source, target = workdir / f"doc{self._runs}.docx", workdir / f"doc{self._runs}.pdf"
        source.write_bytes(document)
        try:
            if self._running_office() is None:
                # No UNO after all (or LibreOffice does not start with it): convert in chunks
                # from now on, this document first.
                return self._convert_chunk([document])[0]
            request = {"in": str(source), "out": str(target), "pdfa": self.pdfa}
            try:
                error = self._hand_over(request, 1)
            except _OfficeGone as gone:
                return self._failure(_Run([None], gone.timed_out, gone.returncode))
            data = target.read_bytes() if target.is_file() else b""
            if error is None and data.startswith(_PDF_MAGIC):
                return data
            return PdfError(
                N_("LibreOffice could not convert the document to PDF: {detail}"),
                detail=error or "no PDF was written",
            )
        finally:
            source.unlink(missing_ok=True)
            target.unlink(missing_ok=True)

    def _recreate_profile(self) -> None:
        shutil.rmtree(self.profile_dir, ignore_errors=True)
        self.restarts += 1

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
                seconds=round(self._limit),
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
            _PDFA_FILTER if self.pdfa else "pdf:writer_pdf_Export",
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
                process.wait(timeout=self._limit * len(documents))
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
