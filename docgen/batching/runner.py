"""Running a batch: one act per row, in parallel, every row accounted for in ``report_<lang>.csv``.

The book is read as a stream and fed to a pool of worker processes a few chunks at a time, so
memory stays flat however many rows there are; results come back in row order and go straight
to the report (and the zip), never collected unless the caller asks for the list. Each worker
validates, renders and writes its rows itself: a refused or failed row never stops the others.
Documents are written atomically; an existing identical document is left alone and a
different one is never replaced without ``overwrite``. One batch at a time writes to a folder
(a second one waits for the first), a killed batch's leftovers are removed by the next one,
and its worker processes end with it. When the disk fills up the batch stops: the rows not
made are reported as such, and the report goes where there is room.
"""

from __future__ import annotations

import contextlib
import csv
import ctypes
import io
import itertools
import multiprocessing
import multiprocessing.util
import os
import re
import signal
import sys
import tempfile
import threading
import time
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, Final, Literal, Protocol, Self

from ..errors import (
    ActValidationError,
    BatchStoppedError,
    BookError,
    DocgenError,
    NoSpaceError,
    OutputError,
    OutputExistsError,
    TooManyRowsError,
    UnknownFormatError,
)
from ..i18n import N_, check_language, translate
from ..messages import describe
from ..output import atomic_file, check_target, no_space, safe_stem, write_atomic
from ..rendering import render_validated, template_path
from ..validation import act_model, validate
from .book import Book, BookInput, open_book
from .cells import (
    EXCEL_ERRORS,
    MAX_CELL_CHARS,
    CellProblem,
    Renumbering,
    UnsavedFormula,
    build_case,
    is_blank,
    locate,
    lost_letters,
    oversized_cells,
    stray_cells,
    unsaved_formulas,
)
from .layout import Column, resolve

if TYPE_CHECKING:
    from ..models.common import ActModel
    from ..pdf import PdfConverter


def report_name(lang: str) -> str:
    """Return the name of the report of a batch in ``lang``: ``report_<lang>.csv``, so that a
    Russian and a Kazakh run into one folder keep their reports, as they keep their documents."""
    return f"report_{lang}.csv"


REPORT_FIELDS: Final = ("row", "status", "file", "problems")
REGISTERED_FIELDS: Final = ("number", "registry_id")
"""Columns the report gains when the batch registers its acts."""
FORMATS: Final = ("docx", "pdf")
CHUNK_ROWS: Final = 8
"""Rows a worker takes at once (one LibreOffice run converts a chunk's PDFs together)."""
REGISTER_CHUNK_ROWS: Final = 32
"""Rows a worker takes at once when it registers DOCX only: the registry numbers and stores a
chunk in two transactions, so larger chunks pay fewer of them (8 rows a chunk added 46 % to a
one-process batch on SQLite, 32 rows 26 %; on PostgreSQL 150 % and 96 %)."""
CHUNKS_PER_WORKER: Final = 3
"""Chunks in flight per worker: enough to keep the workers busy, few enough to stay small."""

Status = Literal["ok", "refused", "skipped", "failed"]


@dataclass(frozen=True)
class ReportRow:
    """What became of one row of the book.

    ``row`` is the row number as Excel shows it; ``status`` is ``ok`` (documents written or
    already there and identical), ``refused`` (the act breaks the rules; ``problems`` name
    the cells), ``skipped`` (an empty row) or ``failed`` (the document could not be made or
    written); ``file`` is the document's name relative to the output folder (several formats
    are separated by ``;``).
    """

    row: int
    status: Status
    file: str = ""
    problems: tuple[CellProblem, ...] = ()
    unchanged: bool = False
    """The documents were already in the output folder, identical, and were left alone."""
    kept: bool = False
    """A different document was already in the output folder and was left as it is."""
    no_space: bool = False
    """The disk of the output folder was full: the row was not made, and the batch stops."""
    number: str = ""
    """The act's outgoing number given by the registry (a batch that registers)."""
    registry_id: int | None = None
    """The act's id in the registry (a batch that registers)."""

    def problems_text(self) -> str:
        """Return the problems one per line, as the report writes them."""
        return "\n".join(str(problem) for problem in self.problems)


@dataclass
class BatchSummary:
    """Counts of a finished batch, and where its report (and zip) are."""

    report: Path
    zip: Path | None = None
    ok: int = 0
    unchanged: int = 0
    kept: int = 0
    """Rows failed because a different document was there (``overwrite`` replaces it)."""
    refused: int = 0
    failed: int = 0
    skipped: int = 0
    no_space: Path | None = None
    """The output folder whose disk filled up: the batch stopped, the rows not made are
    reported ``failed``, and ``report`` is where the report found room."""
    zip_error: str | None = None
    """Why the zip was not made (its disk filled up), in the batch's language."""

    @property
    def rows(self) -> int:
        """Return the number of rows accounted for."""
        return self.ok + self.refused + self.failed + self.skipped

    @property
    def all_made(self) -> bool:
        """Return whether every filled row became a document."""
        return self.refused == 0 and self.failed == 0

    def count(self, row: ReportRow) -> None:
        """Add ``row`` to the counts."""
        setattr(self, row.status, getattr(self, row.status) + 1)
        if row.unchanged:
            self.unchanged += 1
        if row.kept:
            self.kept += 1

    def line(self, lang: str) -> str:
        """Return the summary line a user reads at the end, in ``lang``."""
        return translate(
            N_(
                "Rows: {rows}. Acts made: {ok} (already there and unchanged: {unchanged}). "
                "Refused: {refused}. Failed: {failed}. Empty rows skipped: {skipped}. "
                "Report: {report}"
            ),
            lang,
            rows=self.rows,
            ok=self.ok,
            unchanged=self.unchanged,
            refused=self.refused,
            failed=self.failed,
            skipped=self.skipped,
            report=self.report,
        )


class RowRegistration(Protocol):
    """What a registrar returns for a row: the act's number, id and documents."""

    @property
    def id(self) -> int:
        """The act's registry id."""

    @property
    def number(self) -> str:
        """The act's outgoing number."""

    @property
    def docx(self) -> bytes:
        """The registered DOCX."""

    @property
    def pdf(self) -> bytes | None:
        """The registered PDF, if one was stored."""


class RowRegistrar(Protocol):
    """Registers the act of each row (see :meth:`docgen.Registry.batch_registrar`).

    It must be picklable: worker processes get a copy and register their own rows.
    """

    def register_rows(
        self, rows: Sequence[tuple[int, dict[str, Any], ActModel | None]]
    ) -> Sequence[RowRegistration | Exception]:
        """Number, render and store the acts of a chunk of rows ``(row, case, validated)``
        (``validated``: its model, checked); return each row's registration, or the
        DocgenError that refused it (another exception: it failed)."""

    def attach_pdf(self, registry_id: int, pdf: bytes) -> None:
        """Store the PDF made for the act ``registry_id``."""


class Progress(Protocol):
    """Receives the progress of a batch (a progress bar)."""

    def start(self, total: int | None) -> None:
        """The book is open; about ``total`` rows are coming (``None``: unknown)."""

    def advance(self, row: ReportRow) -> None:
        """One more row is done."""


@dataclass(frozen=True)
class _Job:
    """What every worker needs to know about the batch besides its rows."""

    act_type: str
    lang: str
    paths: tuple[str, ...]
    outdir: str
    formats: tuple[str, ...]
    overwrite: bool
    templates_dir: str | None
    lossy: bool = False
    """Text cells may hold ``?`` where a Windows-1251 CSV lost a letter."""
    registrar: RowRegistrar | None = None
    pdfa: bool = False
    """PDFs are made as PDF/A-2b."""


_Item = tuple[int, tuple[object, ...] | None]
"""A row for a worker: its number and values, or ``None`` values for an empty row."""


def batch(
    act_type: str,
    book: BookInput,
    outdir: Path | str,
    *,
    lang: str = "ru",
    jobs: int | None = None,
    zip_path: Path | str | None = None,
    formats: Sequence[str] = ("docx",),
    overwrite: bool = False,
    progress: Progress | None = None,
    templates_dir: Path | str | None = None,
    pdfa: bool = False,
) -> list[ReportRow]:
    """Make one act of ``act_type`` per row of ``book`` in ``outdir``; return the report rows.

    ``book`` is a path to an .xlsx or .csv file or a :class:`~docgen.batching.BookSource`.
    ``OUTDIR/report_<lang>.csv`` lists every row. Raise :class:`~docgen.errors.BookError` (before
    anything is written) when the book cannot be read. See :func:`run_batch` for the rest.
    """
    rows: list[ReportRow] = []
    run_batch(
        act_type,
        book,
        outdir,
        lang=lang,
        jobs=jobs,
        zip_path=zip_path,
        formats=formats,
        overwrite=overwrite,
        progress=progress,
        templates_dir=templates_dir,
        on_row=rows.append,
        pdfa=pdfa,
    )
    return rows


def run_batch(
    act_type: str,
    book: BookInput,
    outdir: Path | str,
    *,
    lang: str = "ru",
    jobs: int | None = None,
    zip_path: Path | str | None = None,
    formats: Sequence[str] = ("docx",),
    overwrite: bool = False,
    progress: Progress | None = None,
    templates_dir: Path | str | None = None,
    on_row: Callable[[ReportRow], None] | None = None,
    on_wait: Callable[[], None] | None = None,
    registrar: RowRegistrar | None = None,
    pdfa: bool = False,
) -> BatchSummary:
    """Run a batch without keeping its rows; return the counts.

    ``jobs`` worker processes render in parallel (default: every core; 1 renders in this
    process). ``formats`` holds ``docx`` and/or ``pdf``. ``zip_path`` also packs the documents
    made and the report into one zip file (rebuilt on every run). ``overwrite`` replaces
    documents that differ from what the row makes now; without it they are left alone and
    the row is reported ``failed``. ``templates_dir`` is an office's own templates folder (as
    for :func:`~docgen.rendering.render`). ``on_row`` receives each row in order as it is done.
    ``pdfa`` makes the PDFs PDF/A-2b (archival copies).

    One batch at a time writes to ``outdir``: another one running there is waited for
    (``on_wait`` is called first), and what a killed batch left there is removed. When the
    disk fills up the batch stops: :attr:`BatchSummary.no_space` is set, the rows not made
    are reported ``failed``, and the report is written where it fits (see
    :attr:`BatchSummary.report`).

    ``registrar`` registers each act (numbered, stored) before its document is written; the
    report then gains the ``number`` and ``registry_id`` columns.
    """
    check_language(lang)
    act_model(act_type)
    chosen = _check_formats(formats)
    workers = max(1, jobs if jobs is not None else (os.cpu_count() or 1))
    template_path(act_type, lang, templates_dir=templates_dir)  # a missing template fails now
    if "pdf" in chosen:
        from ..pdf import find_soffice

        find_soffice()
    if zip_path is not None:
        _check_zip(Path(zip_path), Path(outdir))  # fails before any work
    with open_book(act_type, book, lang=lang) as opened:
        items = _items(opened)
        first = next(items, None)
        if first is None:
            raise BookError(
                opened.name,
                N_(
                    "the book has no filled rows: fill in one row per act under the headers; "
                    "nothing was made"
                ),
            )
        folder = _output_folder(outdir)
        if zip_path is not None:
            check_target(Path(zip_path))  # its folder may be the one just created
        with _folder_lock(folder, on_wait):
            _remove_leftovers(folder)
            return _run_locked(
                act_type,
                opened,
                itertools.chain((first,), items),
                folder,
                lang=lang,
                workers=workers,
                zip_path=zip_path,
                formats=chosen,
                overwrite=overwrite,
                progress=progress,
                templates_dir=templates_dir,
                on_row=on_row,
                registrar=registrar,
                pdfa=pdfa,
            )


def _run_locked(
    act_type: str,
    opened: Book,
    items: Iterator[_Item],
    folder: Path,
    *,
    lang: str,
    workers: int,
    zip_path: Path | str | None,
    formats: tuple[str, ...],
    overwrite: bool,
    progress: Progress | None,
    templates_dir: Path | str | None,
    on_row: Callable[[ReportRow], None] | None,
    registrar: RowRegistrar | None,
    pdfa: bool = False,
) -> BatchSummary:
    """Run the batch in ``folder``, which this process alone writes to; return the counts."""
    summary = BatchSummary(report=folder / report_name(lang))
    job = _Job(
        act_type,
        lang,
        tuple(column.path if column is not None else "" for column in opened.columns),
        str(folder),
        formats,
        overwrite,
        str(templates_dir) if templates_dir is not None else None,
        opened.lossy,
        registrar,
        pdfa,
    )
    if opened.estimated_rows is not None:
        # A small book is not worth starting processes for.
        rows_per_worker = max(_chunk_rows(job), CHUNK_ROWS) * 2
        workers = min(workers, max(1, -(-opened.estimated_rows // rows_per_worker)))
    if progress is not None:
        progress.start(opened.estimated_rows)
    full = False

    def out_of_space() -> bool:
        return full

    with (
        _ReportWriter(folder / report_name(lang), registered=registrar is not None) as report,
        _ZipWriter(Path(zip_path) if zip_path is not None else None, folder, lang) as packer,
    ):
        results = _results(job, items, workers, out_of_space)
        for row in itertools.chain(results, _not_made(items, folder, lang)):
            full = full or row.no_space
            report.write(row)
            packer.add(row)
            summary.count(row)
            if progress is not None:
                progress.advance(row)
            if on_row is not None:
                on_row(row)
        summary.report = report.close()
        if full:
            summary.no_space = folder
        if summary.report == folder / report_name(lang):
            packer.add_file(report_name(lang))
        summary.zip = packer.finish()
        summary.zip_error = packer.error
    return summary


def _not_made(items: Iterator[_Item], folder: Path, lang: str) -> Iterator[ReportRow]:
    """Yield the rows left when the disk filled up: reported, not made."""
    message = translate(
        N_("not made: no space left on the disk of the folder {folder}"), lang, folder=str(folder)
    )
    for number, values in items:
        if values is None:
            yield ReportRow(number, "skipped")
        else:
            yield ReportRow(number, "failed", "", (_row_problem(message),), no_space=True)


@contextmanager
def _folder_lock(folder: Path, on_wait: Callable[[], None] | None) -> Iterator[None]:
    """Hold the output folder for this batch alone; wait (``on_wait`` first) while another
    batch holds it. The lock is the folder's own (``flock``), so no file is left behind, and
    the system releases it when its holder dies, even killed."""
    try:
        import fcntl
    except ImportError:  # Windows: no advisory locks; identical documents are still "ok"
        yield
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if on_wait is not None:
                on_wait()
            fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)  # releases the lock


_LEFTOVER: Final = re.compile(r"^\..+\.(?:docx|pdf|csv|zip)\.[A-Za-z0-9_]{8}\.part$")
"""The temporary file of a document, report or zip being written (see ``atomic_file``)."""


def _remove_leftovers(folder: Path) -> None:
    """Remove the temporary files a killed batch left in ``folder`` (held by this batch)."""
    with os.scandir(folder) as entries:
        for entry in entries:
            if _LEFTOVER.match(entry.name) and entry.is_file(follow_symlinks=False):
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(entry.path)


def count_filled_rows(
    act_type: str, book: BookInput, *, lang: str = "ru", stop_after: int | None = None
) -> int:
    """Return the number of filled rows of ``book``, counting no further than ``stop_after + 1``."""
    count = 0
    with open_book(act_type, book, lang=lang) as opened:
        for _, values in opened.rows():
            if not all(is_blank(value) for value in values):
                count += 1
                if stop_after is not None and count > stop_after:
                    break
    return count


def batch_zip(
    act_type: str,
    book: BookInput,
    *,
    lang: str = "ru",
    formats: Sequence[str] = ("docx",),
    max_rows: int | None = None,
    should_stop: Callable[[], bool] | None = None,
    templates_dir: Path | str | None = None,
    registrar: RowRegistrar | None = None,
) -> tuple[bytes, BatchSummary]:
    """Return the zip of the documents made from ``book`` with its report, and the counts.

    The batch runs in one process in a temporary folder, removed whatever happens; the
    summary names the report as it is in the zip. Raise :class:`TooManyRowsError` before
    anything is made when ``book`` has more than ``max_rows`` filled rows, and
    :class:`BatchStoppedError` after the row in progress once ``should_stop()`` is true.
    ``registrar`` registers each act, as in :func:`run_batch`.
    """
    if (
        max_rows is not None
        and count_filled_rows(act_type, book, lang=lang, stop_after=max_rows) > max_rows
    ):
        raise TooManyRowsError(max_rows)

    def check_stop(row: ReportRow) -> None:
        if should_stop is not None and should_stop():
            raise BatchStoppedError

    with tempfile.TemporaryDirectory(prefix="docgen-batch-") as temp:
        folder = Path(temp)
        target = folder / "batch.zip"
        summary = run_batch(
            act_type,
            book,
            folder / "out",
            lang=lang,
            jobs=1,
            zip_path=target,
            formats=formats,
            templates_dir=templates_dir,
            on_row=check_stop,
            registrar=registrar,
        )
        content = target.read_bytes()
    return content, replace(summary, report=Path(report_name(lang)), zip=None)


def _is_pdfa(path: Path) -> bool:
    """Return whether the PDF at ``path`` declares itself PDF/A in its XMP metadata."""
    try:
        return b"pdfaid:part" in path.read_bytes()
    except OSError:
        return False


def _check_formats(formats: Sequence[str]) -> tuple[str, ...]:
    chosen = tuple(name for name in FORMATS if name in formats)
    unknown = [name for name in formats if name not in FORMATS]
    if unknown or not chosen:
        raise UnknownFormatError(", ".join(unknown) or "-", FORMATS)
    return chosen


def _check_zip(target: Path, outdir: Path) -> None:
    """Refuse a zip ``target`` that cannot be written, before any work is done.

    Its folder may be the output folder not created yet (the batch creates it).
    """
    if target.suffix.lower() != ".zip":
        raise OutputError(str(target), N_("the zip file name must end in .zip"))
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.exists() and os.path.normpath(folder.absolute()) == os.path.normpath(
        outdir.absolute()
    ):
        return
    check_target(target)


def _output_folder(outdir: Path | str) -> Path:
    folder = Path(outdir)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OutputError(
            str(folder),
            N_("the output folder cannot be created: {detail}"),
            detail=error.strerror or str(error),
        ) from None
    return folder


def _items(book: Book) -> Iterator[_Item]:
    """Yield the rows worth reporting: empty rows only when a filled row comes after them."""
    blank_from: int | None = None
    for number, values in book.rows():
        if all(is_blank(value) for value in values):
            if blank_from is None:
                blank_from = number
            continue
        if blank_from is not None:
            for blank in range(blank_from, number):
                yield blank, None
            blank_from = None
        yield number, values


def _chunks(items: Iterable[_Item], size: int) -> Iterator[list[_Item]]:
    chunk: list[_Item] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _chunk_rows(job: _Job) -> int:
    """Return how many rows a worker takes at once for ``job``."""
    if job.registrar is not None and job.formats == ("docx",):
        return REGISTER_CHUNK_ROWS
    if job.registrar is None and "pdf" in job.formats:
        from ..binding import MAX_BOUND
        from ..pdf import keeps_office_running

        if keeps_office_running():
            return MAX_BOUND  # a chunk is bound into one document for LibreOffice
    return CHUNK_ROWS


def _results(
    job: _Job, items: Iterator[_Item], workers: int, stop: Callable[[], bool]
) -> Iterator[ReportRow]:
    """Yield the report rows in book order, rendering ``workers`` chunks at a time.

    Once ``stop()`` is true no more rows are taken from ``items``; those in progress are
    finished and yielded.
    """
    chunks = _chunks(items, _chunk_rows(job))
    if workers == 1:
        with _Worker() as worker:
            while not stop():
                chunk = next(chunks, [])
                if not chunk:
                    break
                yield from worker.process(job, chunk)
        return
    window = workers * CHUNKS_PER_WORKER
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(
        max_workers=workers,
        mp_context=context,
        initializer=_init_pool_process,
        initargs=(os.getpid(),),
    ) as pool:
        pending: dict[int, Future[list[ReportRow]]] = {}
        submitted = emitted = 0
        exhausted = False
        try:
            while True:
                while not exhausted and len(pending) < window and not stop():
                    chunk = next(chunks, [])
                    if not chunk:
                        exhausted = True
                        break
                    pending[submitted] = pool.submit(_pool_process, job, chunk)
                    submitted += 1
                if not pending:
                    break
                yield from pending.pop(emitted).result()
                emitted += 1
        finally:
            for future in pending.values():
                future.cancel()


_POOL_WORKER: _Worker | None = None


_PR_SET_PDEATHSIG: Final = 1


def _init_pool_process(parent: int) -> None:
    """Prepare a pool process: it ends when the batch's process dies, and leaves Ctrl+C to it.

    Ctrl+C goes to the main process, which stops feeding rows and closes the report. On Linux
    the kernel kills the pool process when the main process dies, even killed itself
    (``PR_SET_PDEATHSIG``); elsewhere a thread watches the main process. What the pool
    process was writing is a temporary file, removed by the next batch in the folder.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if not (sys.platform.startswith("linux") and _kill_with_parent()):
        _watch_parent(parent)
    if os.getppid() != parent:  # the parent died before the signal was asked for
        os._exit(1)


def _kill_with_parent() -> bool:
    """Ask the kernel to kill this process when its parent dies; return whether it agreed."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return bool(libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0)
    except (OSError, AttributeError):
        return False


def _watch_parent(parent: int) -> None:
    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(_PARENT_POLL)
        os._exit(1)

    threading.Thread(target=watch, name="docgen-parent-watch", daemon=True).start()


_PARENT_POLL: Final = 1.0


def _pool_process(job: _Job, chunk: list[_Item]) -> list[ReportRow]:
    """Process a chunk in a pool process, with that process's own worker state."""
    global _POOL_WORKER
    if _POOL_WORKER is None:
        _POOL_WORKER = _Worker()
        multiprocessing.util.Finalize(_POOL_WORKER, _POOL_WORKER.close, exitpriority=10)
    return _POOL_WORKER.process(job, chunk)


@cache
def _columns(act_type: str, paths: tuple[str, ...]) -> tuple[Column | None, ...]:
    return tuple(resolve(act_type, path) if path else None for path in paths)


@dataclass
class _Made:
    """A row that passed validation and was rendered, on its way to the output folder."""

    row: int
    stem: str
    docx: bytes
    pdf: bytes | None = None
    number: str = ""
    registry_id: int | None = None
    files: list[str] = field(default_factory=list)
    problems: list[CellProblem] = field(default_factory=list)
    unchanged: list[bool] = field(default_factory=list)
    kept: bool = False
    no_space: bool = False


class _Worker:
    """Validates, renders and writes rows; owns a PDF converter when PDFs are asked for."""

    def __init__(self) -> None:
        self._converter: PdfConverter | None = None

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Stop the PDF converter, if one was started."""
        if self._converter is not None:
            self._converter.close()
            self._converter = None

    def converter(self, *, pdfa: bool = False, bind: bool = False) -> PdfConverter:
        """Return this worker's PDF converter (PDF/A-2b with ``pdfa``; binding acts with
        ``bind``, see :mod:`docgen.binding`), started on first use."""
        if self._converter is not None and (
            self._converter.pdfa != pdfa or (self._converter.bind > 1) != bind
        ):
            self.close()
        if self._converter is None:
            from ..binding import MAX_BOUND
            from ..pdf import PdfConverter

            converter = PdfConverter(pdfa=pdfa, bind=MAX_BOUND if bind else 1)
            converter.open()
            self._converter = converter
        return self._converter

    def process(self, job: _Job, chunk: Sequence[_Item]) -> list[ReportRow]:
        """Return the report rows of ``chunk``, having written its documents."""
        columns = _columns(job.act_type, job.paths)
        results: dict[int, ReportRow] = {}
        made: list[_Made] = []
        valid: list[_Valid] = []
        for number, values in chunk:
            if values is None:
                results[number] = ReportRow(number, "skipped")
                continue
            try:
                outcome = _make(job, columns, number, values)
            except Exception as error:  # noqa: BLE001 - one broken row must not stop the batch
                outcome = _failed(number, _unexpected(error, job.lang))
            if isinstance(outcome, ReportRow):
                results[number] = outcome
            elif isinstance(outcome, _Valid):
                valid.append(outcome)
            else:
                made.append(outcome)
        if valid:
            for outcome in _register(job, valid):
                if isinstance(outcome, ReportRow):
                    results[outcome.row] = outcome
                else:
                    made.append(outcome)
        self._store(job, made)
        for item in made:
            if item.problems:
                results[item.row] = ReportRow(
                    item.row,
                    "failed",
                    "",
                    tuple(item.problems),
                    kept=item.kept,
                    no_space=item.no_space,
                    number=item.number,
                    registry_id=item.registry_id,
                )
            else:
                results[item.row] = ReportRow(
                    item.row,
                    "ok",
                    ";".join(item.files),
                    (),
                    unchanged=bool(item.unchanged) and all(item.unchanged),
                    number=item.number,
                    registry_id=item.registry_id,
                )
        return [results[number] for number, _ in chunk]

    def _store(self, job: _Job, made: list[_Made]) -> None:
        folder = Path(job.outdir)
        need_pdf: list[_Made] = []
        for item in made:
            docx_unchanged = False
            if "docx" in job.formats:
                docx_unchanged = _put(folder, f"{item.stem}.docx", item.docx, job, item)
            if "pdf" in job.formats:
                pdf_name = f"{item.stem}.pdf"
                existing = folder / pdf_name
                if (
                    docx_unchanged
                    and existing.is_file()
                    and not existing.is_symlink()
                    and (not job.pdfa or _is_pdfa(existing))
                ):
                    item.files.append(pdf_name)
                    item.unchanged.append(True)
                elif item.pdf is not None:  # the registry's copy, the same bytes as before
                    _put(folder, pdf_name, item.pdf, job, item)
                else:
                    need_pdf.append(item)
        if not need_pdf:
            return
        try:
            pdfs: list[bytes | DocgenError | str] = list(
                # Only the shipped templates' acts are bound: the tests print every one of them
                # bound and alone and compare the PDFs; a template of one's own is not so tested.
                self.converter(pdfa=job.pdfa, bind=job.templates_dir is None).convert_many(
                    [item.docx for item in need_pdf]
                )
            )
        except DocgenError as error:
            pdfs = [error] * len(need_pdf)
        except Exception as error:  # noqa: BLE001 - a broken converter fails its rows only
            pdfs = [_unexpected(error, job.lang)] * len(need_pdf)
        for item, pdf in zip(need_pdf, pdfs, strict=True):
            if isinstance(pdf, str):
                item.problems.append(_row_problem(pdf))
            elif isinstance(pdf, DocgenError):
                item.problems.append(_row_problem(describe(pdf, job.lang)))
            else:
                if job.registrar is not None and item.registry_id is not None:
                    try:
                        job.registrar.attach_pdf(item.registry_id, pdf)
                    except DocgenError as error:
                        item.problems.append(_row_problem(describe(error, job.lang)))
                        continue
                _put(folder, f"{item.stem}.pdf", pdf, job, item)


def _failed(row: int, message: str) -> ReportRow:
    return ReportRow(row, "failed", "", (_row_problem(message),))


def _row_problem(message: str) -> CellProblem:
    return CellProblem("", "", "", message)


def _unexpected(error: Exception, lang: str) -> str:
    return translate(
        N_("unexpected failure: {error}"), lang, error=f"{type(error).__name__}: {error}"
    )


def _make(
    job: _Job, columns: tuple[Column | None, ...], number: int, values: tuple[object, ...]
) -> ReportRow | _Made | _Valid:
    """Validate and render one row; return its refusal or failure, or the rendered act (the
    valid act, to register with the rest of its chunk, when the batch registers)."""
    oversized = oversized_cells(columns, values, number, job.lang)
    if oversized:
        # The cell's problem is its size: validated as an empty cell, not carried further.
        values = tuple(
            None if isinstance(value, str) and len(value) > MAX_CELL_CHARS else value
            for value in values
        )
    stray = oversized + stray_cells(columns, values, number, job.lang)
    if job.lossy:
        stray += lost_letters(columns, values, number, job.lang)
    formulas = unsaved_formulas(columns, values, number, job.lang)
    if formulas:
        # The value is unknown: validated as an empty cell, and the cell's problem is the formula.
        stray = formulas + stray
        values = tuple(
            None
            if isinstance(value, UnsavedFormula)
            or (isinstance(value, str) and value.strip() in EXCEL_ERRORS)
            else value
            for value in values
        )
    case, renumbering = build_case(columns, values)
    if job.registrar is not None and "number" not in case:
        case["number"] = "auto"  # a registered act without a number gets the office's next
    try:
        model = validate(job.act_type, case, lang=job.lang)
    except ActValidationError as error:
        problems = [locate(p, columns, number, renumbering, job.lang) for p in error.problems]
        unknown = {problem.cell for problem in (*formulas, *oversized)}
        problems = [problem for problem in problems if problem.cell not in unknown]
        return ReportRow(number, "refused", "", (*problems, *stray))
    if stray:
        return ReportRow(number, "refused", "", tuple(stray))
    if job.registrar is not None:
        return _Valid(number, case, model, columns, renumbering)
    try:
        content = render_validated(job.act_type, model, job.lang, templates_dir=job.templates_dir)
    except DocgenError as error:
        return _failed(number, describe(error, job.lang))
    stem = f"{job.act_type}_{safe_stem(model.number)}_r{number}_{job.lang}"
    return _Made(number, stem, content)


@dataclass(frozen=True)
class _Valid:
    """A valid row of a registering batch, waiting for its chunk to be registered."""

    row: int
    case: dict[str, Any]
    model: ActModel
    columns: tuple[Column | None, ...]
    renumbering: Renumbering


def _register(job: _Job, valid: Sequence[_Valid]) -> list[ReportRow | _Made]:
    """Register the acts of a chunk's valid rows: the registry numbers, renders and stores
    them together; return each row's refusal or failure, or its registered act."""
    assert job.registrar is not None
    try:
        outcomes: Sequence[RowRegistration | Exception] = job.registrar.register_rows(
            [(item.row, item.case, item.model) for item in valid]
        )
    except Exception as error:  # noqa: BLE001 - the registry failed: the chunk's rows fail
        outcomes = [error] * len(valid)
    results: list[ReportRow | _Made] = []
    for item, made in zip(valid, outcomes, strict=True):
        number = item.row
        if isinstance(made, ActValidationError):  # the office: unknown, or not of its level
            problems = [
                locate(p, item.columns, number, item.renumbering, job.lang) for p in made.problems
            ]
            results.append(ReportRow(number, "refused", "", tuple(problems)))
        elif isinstance(made, DocgenError):  # a changed row, a number taken by hand
            results.append(
                ReportRow(number, "refused", "", (_row_problem(describe(made, job.lang)),))
            )
        elif isinstance(made, Exception):
            results.append(_failed(number, _unexpected(made, job.lang)))
        else:
            stem = f"{job.act_type}_{safe_stem(made.number)}_r{number}_{job.lang}"
            results.append(_Made(number, stem, made.docx, made.pdf, made.number, made.id))
    return results


def _put(folder: Path, name: str, content: bytes, job: _Job, item: _Made) -> bool:
    """Write one document of ``item``; return whether an identical one was already there."""
    target = folder / name
    if os.path.basename(name) != name:  # safe_stem makes this impossible
        raise OutputError(str(target), N_("the file name leaves the output folder"))
    try:
        if target.is_symlink() or (target.exists() and not target.is_file()):
            item.kept = True
            item.problems.append(
                _row_problem(
                    translate(
                        N_(
                            "«{file}» in the output folder is a link or a folder, not a "
                            "document; it was left as it is: remove it or choose another "
                            "output folder"
                        ),
                        job.lang,
                        file=name,
                    )
                )
            )
            return False
        if _identical(target, content):
            item.files.append(name)
            item.unchanged.append(True)
            return True
        if target.is_file() and not job.overwrite:
            item.kept = True
            item.problems.append(
                _row_problem(
                    translate(
                        N_(
                            "a different document «{file}» is already in the output "
                            "folder; it was left as it is"
                        ),
                        job.lang,
                        file=name,
                    )
                )
            )
            return False
        # One fsync per document costs a third of a batch; the report syncs them all at once.
        try:
            write_atomic(target, content, overwrite=job.overwrite, durable=False)
        except OutputExistsError:
            # Written meanwhile by another program: the same document is as good as ours.
            if not _identical(target, content):
                raise
            item.files.append(name)
            item.unchanged.append(True)
            return True
    except NoSpaceError as error:
        item.no_space = True
        item.problems.append(_row_problem(describe(error, job.lang)))
        return False
    except DocgenError as error:
        item.kept = item.kept or isinstance(error, OutputExistsError)
        item.problems.append(_row_problem(describe(error, job.lang)))
        return False
    except OSError as error:
        item.no_space = no_space(error)
        item.problems.append(_row_problem(f"{name}: {error.strerror or error}"))
        return False
    item.files.append(name)
    item.unchanged.append(False)
    return False


def _identical(target: Path, content: bytes) -> bool:
    """Return whether ``target`` is a document (not a link) with the same content."""
    return (
        not target.is_symlink() and target.is_file() and same_document(target.read_bytes(), content)
    )


_PDF_VOLATILE: Final = re.compile(
    rb"/(?:CreationDate|ModDate)\s*\([^)]*\)|/ID\s*\[[^\]]*\]|/DocChecksum\s*/[0-9A-Fa-f]+"
    rb"|<xmp:(?:CreateDate|ModifyDate|MetadataDate)>[^<]*</xmp:\w+>"
    rb"|<xmpMM:(?:DocumentID|InstanceID)>[^<]*</xmpMM:\w+>"
)


def same_document(old: bytes, new: bytes) -> bool:
    """Return whether two documents have the same content.

    A DOCX is compared part by part (the zip records when it was written, the parts do not);
    a PDF without its creation date, document id and checksum (LibreOffice makes them anew).
    """
    if old == new:
        return True
    if old.startswith(b"PK") and new.startswith(b"PK"):
        try:
            with (
                zipfile.ZipFile(io.BytesIO(old)) as first,
                zipfile.ZipFile(io.BytesIO(new)) as second,
            ):
                names = sorted(first.namelist())
                if names != sorted(second.namelist()):
                    return False
                return all(first.read(name) == second.read(name) for name in names)
        except (zipfile.BadZipFile, KeyError, OSError):
            return False
    if old.startswith(b"%PDF") and new.startswith(b"%PDF"):
        return _PDF_VOLATILE.sub(b"", old) == _PDF_VOLATILE.sub(b"", new)
    return False


class _ReportWriter:
    """``report_<lang>.csv``, kept in memory row by row and written all at once at the end.

    UTF-8 with a BOM, so Excel opens it with the right letters. The report is written also
    after an interruption: it lists the rows done so far. Kept in memory (a few hundred bytes
    a row), it is whole and true even when the disk of the output folder fills up: it is then
    written to the temporary folder instead, and :meth:`close` says where.
    """

    def __init__(self, target: Path, *, registered: bool = False) -> None:
        self.target = target
        self.registered = registered
        self._buffer = io.StringIO(newline="")
        self._writer = csv.writer(self._buffer)
        self._writer.writerow(REPORT_FIELDS + (REGISTERED_FIELDS if registered else ()))
        self._written: Path | None = None

    def write(self, row: ReportRow) -> None:
        """Add a line for ``row``."""
        line: tuple[object, ...] = (row.row, row.status, row.file, row.problems_text())
        if self.registered:
            line += (row.number, "" if row.registry_id is None else row.registry_id)
        self._writer.writerow(line)

    def close(self) -> Path:
        """Write the report (also after an interruption); return where it was written."""
        if self._written is not None:
            return self._written
        content = self._buffer.getvalue().encode("utf-8-sig")
        if hasattr(os, "sync"):
            os.sync()  # the documents the report lists are on disk before it is
        try:
            write_atomic(self.target, content, overwrite=True)
            self._written = self.target
        except NoSpaceError:
            # An old report left in the folder would tell another batch's story.
            self.target.unlink(missing_ok=True)
            self._written = self._write_elsewhere(content)
        return self._written

    def _write_elsewhere(self, content: bytes) -> Path:
        try:
            descriptor, name = tempfile.mkstemp(prefix="docgen-report-", suffix=".csv")
            with os.fdopen(descriptor, "wb") as handle:
                handle.write(content)
                handle.flush()
                os.fsync(handle.fileno())
        except OSError:
            raise NoSpaceError(str(self.target), str(self.target.parent)) from None
        return Path(name)

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


class _ZipWriter:
    """The optional zip of the batch, filled as documents are made, moved into place at the end."""

    def __init__(self, target: Path | None, folder: Path, lang: str) -> None:
        self.target = target
        self.folder = folder
        self.lang = lang
        self.error: str | None = None
        """Why the zip was not made (its disk filled up), in ``lang``."""
        self._stack = ExitStack()
        self._zip: zipfile.ZipFile | None = None
        if target is None:
            return
        handle = self._stack.enter_context(atomic_file(target, overwrite=True, durable=False))
        self._zip = self._stack.enter_context(zipfile.ZipFile(handle, "w", zipfile.ZIP_DEFLATED))

    def add(self, row: ReportRow) -> None:
        """Pack the documents of ``row``, if it made any."""
        if self._zip is None or row.status != "ok":
            return
        for name in row.file.split(";"):
            self.add_file(name)

    def add_file(self, name: str) -> None:
        """Pack the file ``name`` of the output folder; give the zip up if its disk is full."""
        if self._zip is None:
            return
        try:
            self._zip.write(self.folder / name, arcname=name)
        except OSError as error:
            if not no_space(error) or self.target is None:
                raise
            self._give_up(error)

    def finish(self) -> Path | None:
        """Close the zip and put it in place; return its path (``None``: no zip was made)."""
        if self._zip is None:
            return None
        self._zip = None
        try:
            self._stack.close()
        except NoSpaceError as error:
            self.error = describe(error, self.lang)
            return None
        return self.target

    def _give_up(self, error: OSError) -> None:
        """Remove the unfinished zip: a zip missing documents would look complete."""
        self._zip = None
        with contextlib.suppress(OSError):
            self._stack.__exit__(type(error), error, error.__traceback__)
        assert self.target is not None
        self.error = describe(NoSpaceError(str(self.target), str(self.target.parent)), self.lang)

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        # Unfinished (an error or an interruption): the temporary zip is removed, not placed.
        self._zip = None
        self._stack.__exit__(exc_type, exc, traceback)
