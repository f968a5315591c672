"""The registry of acts, :class:`Registry`: numbers, documents, history, terms, journals."""

from __future__ import annotations

import copy
import datetime as dt
import getpass
import hashlib
import json
import os
import sqlite3
import zipfile
from collections.abc import Collection, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, Final, Self, cast

from alembic import command
from pydantic import BaseModel, TypeAdapter, ValidationError
from sqlalchemy import Connection, RowMapping, bindparam, func, insert, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import IntegrityError, OperationalError

from ..errors import ActValidationError, DocgenError, OutputExistsError, Problem
from ..i18n import N_, check_language, translate
from ..messages import describe
from ..models._base import Date, DateTime
from ..models.common import ActModel, BodyLevel
from ..models.otmena_mer import OtmenaMer
from ..models.reshenie import ReshenieVyshestoyashchego
from ..models.sankciya import SanctionDecision, Sankciya
from ..output import atomic_file, check_target, default_output_name, write_atomic
from ..rendering import output_format, render_validated
from ..validation import act_model, validate, with_number
from . import tables as t
from .batch import BatchRegistrar
from .db import (
    alembic_config,
    current_revision,
    default_url,
    head_revision,
    make_engine,
    safe_url,
    sqlite_file,
)
from .errors import (
    LifecycleError,
    NumberTakenError,
    RegistryDatabaseError,
    RegistryError,
    RegistrySchemaError,
    RowChangedError,
    UnknownActError,
    UnknownOfficeError,
)
from .export import (
    ExportedAct,
    ExportSummary,
    act_file_name,
    add_file,
    answer_file_name,
    write_manifests,
)
from .links import fill_reference
from .packing import MissingPartError, Packer
from .records import (
    ActRecord,
    ActSummary,
    DueItem,
    Event,
    HashProblem,
    Journal,
    JournalEntry,
    OfficeInfo,
    OfficeLevel,
    Registered,
)

if TYPE_CHECKING:
    from ..pdf import PdfConverter
    from .accounts import Accounts

AUTO_NUMBERS: Final = frozenset({"", "auto", "авто"})
"""What a case writes as its number to get the office's next one."""
DEFAULT_PATTERN: Final = "{index}-{yy}/{seq}"
PATTERN_FIELDS: Final = ("index", "yy", "yyyy", "seq", "type")
USER_ENV: Final = "DOCGEN_USER"
PENDING: Final = "pending"
"""An act numbered whose document is being made (see :meth:`Registry.register`)."""
ANSWER_OUTCOMES: Final = ("satisfied", "partly", "rejected")
SUPERIOR_ACTIONS: Final = {"suspend": "suspended", "withdraw": "withdrawn", "cancel": "cancelled"}
FINAL_STATUSES: Final = frozenset({"annulled", "withdrawn", "cancelled", "executed"})
"""Statuses after which nothing more happens to the act (a superior's suspension is not one)."""
OPEN_STATUSES: Final = ("registered", "delivered", "answered", "enforcement", "court", "suspended")
"""Statuses of acts whose execution the office still controls (p. 10)."""
SANCTION_DECISIONS: Final = ("granted", "refused")
NOTIFICATION_CHECK_DAYS: Final = 2
"""A notification's measures are checked within two calendar days of its receipt (p. 20)."""
PROTEST_DAYS: Final = 10
"""A protest is considered within ten days of its receipt (the Law on the Prosecutor's Office)."""

_POSITION_LEVEL: Final = {
    BodyLevel.CENTRAL: OfficeLevel.GPO,
    BodyLevel.OBLAST: OfficeLevel.OBLAST,
    BodyLevel.DISTRICT: OfficeLevel.DISTRICT,
}
_PARENT_LEVEL: Final = {
    OfficeLevel.OBLAST: OfficeLevel.GPO,
    OfficeLevel.DISTRICT: OfficeLevel.OBLAST,
}


# Statements of the registering transaction, built once (a batch runs them for every row).
_BY_SOURCES: Final = (
    select(t.acts, t.offices.c.code.label("office_code"))
    .join(t.offices, t.offices.c.id == t.acts.c.office_id)
    .where(t.acts.c.source.in_(bindparam("sources", expanding=True)))
)
_NUMBER_TAKEN: Final = select(t.acts.c.id).where(
    t.acts.c.office_id == bindparam("office_id"),
    t.acts.c.year == bindparam("year"),
    t.acts.c.number == bindparam("number"),
)
_NUMBERS_TAKEN: Final = select(t.acts.c.number).where(
    t.acts.c.office_id == bindparam("office_id"),
    t.acts.c.year == bindparam("year"),
    t.acts.c.number.in_(bindparam("numbers", expanding=True)),
)
_NUMBERS_TAKEN_BY_HAND: Final = _NUMBERS_TAKEN.where(t.acts.c.sequence.is_(None))
"""Among the acts numbered by hand only (no sequence): their own partial index (migration 0007)
finds them without reading the office's other acts, whatever plan PostgreSQL makes for a table
it has no statistics of yet."""
_INSERT_ACTS: Final = insert(t.acts).returning(t.acts.c.id, sort_by_parameter_order=True)
_INSERT_EVENTS: Final = insert(t.events).returning(t.events.c.id)
"""Returning the ids makes SQLAlchemy send a chunk's events in one statement, not one each."""
_STILL_PENDING: Final = (
    select(t.acts.c.id)
    .where(t.acts.c.id.in_(bindparam("ids", expanding=True)), t.acts.c.status == PENDING)
    .with_for_update()
)
_STORE_DOCUMENT: Final = update(t.acts).where(t.acts.c.id == bindparam("act_id"))
_DOCUMENTS: Final = select(t.acts.c.id, t.acts.c.docx, t.acts.c.pdf).where(
    t.acts.c.id.in_(bindparam("ids", expanding=True))
)


def _advance_statement(dialect_insert: Any) -> Any:
    # One statement creates or advances the counter row by ``count`` numbers; the row stays
    # locked until the commit.
    statement = dialect_insert(t.counters).values(
        office_id=bindparam("office_id"), year=bindparam("year"), last=bindparam("count")
    )
    return statement.on_conflict_do_update(
        index_elements=["office_id", "year"],
        set_={"last": t.counters.c.last + statement.excluded.last},
    ).returning(t.counters.c.last)


_DIALECT_INSERTS: Final = (("postgresql", pg_insert), ("sqlite", sqlite_insert))
_ADVANCE: Final = {
    name: _advance_statement(dialect_insert) for name, dialect_insert in _DIALECT_INSERTS
}
_PARTS_PRESENT: Final = select(t.document_parts.c.sha256).where(
    t.document_parts.c.sha256.in_(bindparam("digests", expanding=True))
)
_PARTS: Final = select(t.document_parts).where(
    t.document_parts.c.sha256.in_(bindparam("digests", expanding=True))
)
_INSERT_PARTS: Final = {
    name: dialect_insert(t.document_parts).on_conflict_do_nothing(index_elements=["sha256"])
    for name, dialect_insert in _DIALECT_INSERTS
}


@dataclass(frozen=True)
class _Request:
    """An act to number: its validated model, its office, whether it takes the office's next
    number, and the batch row it comes from (``source``) with the hash of its case."""

    model: ActModel
    code: str
    auto: bool
    source: str | None
    source_hash: str


_Reserved = Registered | tuple[int, str] | DocgenError
"""What numbering a request gives: the act registered before, (id, number) of the pending
act to finish, or what refused it."""


def sha256(data: bytes) -> str:
    """Return the hex SHA-256 of ``data``."""
    return hashlib.sha256(data).hexdigest()


def current_user() -> str:
    """Return who is registering: ``$DOCGEN_USER``, else the login name."""
    configured = os.environ.get(USER_ENV, "").strip()
    if configured:
        return configured
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


_DATE: Final = TypeAdapter(Date)


def parse_date(value: str) -> dt.date:
    """Return the date written ``15.03.2024`` or ``2024-03-15``; refuse anything else."""
    try:
        return _DATE.validate_python(value.strip())
    except ValidationError:
        raise RegistryError(
            N_("«{value}» is not a date: write it as 15.03.2024 or 2024-03-15"), value=value
        ) from None


def _moment(value: dt.datetime) -> dt.datetime:
    """Return the moment of receipt; a date without its time is refused (p. 22)."""
    if not isinstance(value, dt.datetime):
        raise RegistryError(
            N_("Give the date and the time of receipt, e.g. 15.03.2024 14:30 (p. 22)")
        )
    return value.replace(tzinfo=None, second=0, microsecond=0)


def _required(value: str | None, message: str) -> str:
    """Return ``value`` stripped; refuse an empty one with ``message``."""
    if value is None or not value.strip():
        raise RegistryError(message)
    return value.strip()


def _journal_values(kind: str, row: RowMapping) -> dict[str, Any]:
    values: dict[str, Any] = {"received": row["received_at"], "office": row["office"]}
    values["body"] = row["body"]
    if kind == "notifications":
        values |= {
            "measure": row["measure"],
            "subject": row["subject"] or "",
            "answered_by": row["answered_by"] or "",
            "closed_on": row["closed_on"],
            "closed_reason": row["closed_reason"] or "",
        }
    else:
        values |= {
            "subject": row["subject"],
            "decision": row["decision"],
            "decided_on": row["decided_on"],
            "reason": row["reason"] or "",
        }
    values["recorded_by"] = row["recorded_by"]
    return values


_MOMENT: Final = TypeAdapter(DateTime)


def parse_moment(value: str) -> dt.datetime:
    """Return the moment written ``15.03.2024 14:30`` or ``2024-03-15T14:30``.

    A date without a time is refused: the journal of p. 22 records the time of receipt.
    """
    text = value.strip()
    if len(text) <= 10:
        raise RegistryError(
            N_("Give the date and the time of receipt, e.g. 15.03.2024 14:30 (p. 22)")
        )
    try:
        return _MOMENT.validate_python(text)
    except ValidationError:
        raise RegistryError(
            N_("«{value}» is not a date and time: write it as 15.03.2024 14:30"), value=value
        ) from None


def _today() -> dt.date:
    return dt.date.today()


def _required_reason(reason: str) -> str:
    if not reason or not reason.strip():
        raise LifecycleError(N_("Give the reason (--reason): it is kept in the act's history"))
    return reason.strip()


def format_number(pattern: str, *, index: str, year: int, sequence: int, act_type: str) -> str:
    """Return the outgoing number made from an office's ``pattern``."""
    return pattern.format(
        index=index, yy=f"{year % 100:02d}", yyyy=year, seq=sequence, type=act_type
    )


def check_pattern(pattern: str) -> str:
    """Return ``pattern`` if it makes numbers with a sequence, else raise :class:`RegistryError`."""
    try:
        sample = format_number(pattern, index="1", year=2000, sequence=7, act_type="x")
        following = format_number(pattern, index="1", year=2000, sequence=8, act_type="x")
    except (KeyError, IndexError, ValueError):
        sample = following = ""
    if "{seq}" not in pattern or not sample or sample == following:
        raise RegistryError(
            N_(
                "The number pattern «{pattern}» cannot be used: it must contain {{seq}} and "
                "may contain {{index}}, {{yy}}, {{yyyy}}, {{type}}"
            ),
            pattern=pattern,
        )
    return pattern


class Registry:
    """The office's registry of acts on a database (``url``; default :func:`default_url`).

    Every operation of ``docgen registry`` is a method here. Opening checks that the schema
    is current (``check_schema``); :meth:`init` creates or upgrades it.
    """

    def __init__(
        self, url: str | None = None, *, user: str | None = None, check_schema: bool = True
    ) -> None:
        self.url = url or default_url()
        self.user = user or current_user()
        self._engine = make_engine(self.url)
        self._offices: dict[str, Any] = {}
        self._packer = Packer()
        if check_schema:
            try:
                self.check_schema()
            except BaseException:
                self.close()
                raise

    # --- the database ------------------------------------------------------------------------

    def as_user(self, user: str) -> Registry:
        """Return this registry recording changes as made by ``user`` (same connections)."""
        clone = copy.copy(self)
        clone.user = user
        return clone

    @property
    def accounts(self) -> Accounts:
        """Return the accounts kept in this registry's database."""
        from .accounts import Accounts

        return Accounts(self)

    def close(self) -> None:
        """Close every connection to the database."""
        self._engine.dispose()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    @property
    def dialect(self) -> str:
        """Return ``sqlite`` or ``postgresql``."""
        return self._engine.dialect.name

    @contextmanager
    def _transaction(self) -> Iterator[Connection]:
        try:
            with self._engine.begin() as connection:
                yield connection
        except OperationalError as error:
            raise RegistryDatabaseError(
                N_("The registry database cannot be used ({url}): {detail}"),
                url=safe_url(self.url),
                detail=str(error.orig).strip().splitlines()[0] if error.orig else str(error),
            ) from None

    def init(self) -> str:
        """Create the schema, or upgrade it to the current revision; return the revision."""
        with self._transaction() as connection:
            command.upgrade(alembic_config(connection), "head")
            revision = current_revision(connection)
        assert revision is not None
        return revision

    def schema_revision(self) -> str | None:
        """Return the schema revision of the database (``None``: not set up)."""
        with self._transaction() as connection:
            return current_revision(connection)

    def check_schema(self) -> None:
        """Raise :class:`RegistrySchemaError` unless the schema is the current one."""
        current = self.schema_revision()
        head = head_revision()
        if current != head:
            raise RegistrySchemaError(current, head)

    def backup(self, target: Path | str) -> Path:
        """Copy an SQLite registry to ``target`` while it is in use; return the path.

        PostgreSQL is backed up with its own tools (``pg_dump``), see the README.
        """
        source = sqlite_file(self.url)
        if source is None:
            raise RegistryError(
                N_(
                    "docgen backs up only an SQLite registry; back up PostgreSQL with pg_dump "
                    "(see the README)"
                )
            )
        destination = Path(target)
        if destination.exists():
            raise RegistryError(
                N_("The backup file {path} already exists; it was left as it is"),
                path=str(destination),
            )
        partial = destination.with_name(f".{destination.name}.part")
        try:
            with (
                sqlite3.connect(source) as live,
                sqlite3.connect(partial) as copy,
            ):
                live.backup(copy)
            live.close()
            copy.close()
            os.replace(partial, destination)
        except (sqlite3.Error, OSError) as error:
            partial.unlink(missing_ok=True)
            raise RegistryError(
                N_("The backup cannot be made: {detail}"), detail=str(error)
            ) from None
        return destination

    # --- offices -----------------------------------------------------------------------------

    def add_office(
        self,
        code: str,
        *,
        name_ru: str,
        name_kk: str,
        level: OfficeLevel | str,
        parent: str | None = None,
        number_index: str | None = None,
        number_patterns: Mapping[str, str] | None = None,
    ) -> OfficeInfo:
        """Add an office; its parent must be one level up (none for the GPO)."""
        code = code.strip()
        chosen = _office_level(level)
        patterns = {key: check_pattern(value) for key, value in (number_patterns or {}).items()}
        if not code or not name_ru.strip() or not name_kk.strip():
            raise RegistryError(N_("An office needs a code and its names in Russian and Kazakh"))
        with self._transaction() as connection:
            if connection.execute(select(t.offices.c.id).where(t.offices.c.code == code)).first():
                raise RegistryError(N_("The office «{code}» is already registered"), code=code)
            parent_id = None
            expected = _PARENT_LEVEL.get(chosen)
            if parent is not None:
                parent_row = self._office_row(connection, parent)
                if OfficeLevel(parent_row.level) != expected:
                    raise RegistryError(
                        N_(
                            "The parent of an office of level {level} must be of level "
                            "{expected}, not {actual}"
                        ),
                        level=chosen.value,
                        expected=expected.value if expected else "-",
                        actual=parent_row.level,
                    )
                parent_id = parent_row.id
            elif chosen is not OfficeLevel.GPO:
                raise RegistryError(
                    N_("An office of level {level} needs its parent office (--parent)"),
                    level=chosen.value,
                )
            connection.execute(
                insert(t.offices).values(
                    code=code,
                    name_ru=name_ru.strip(),
                    name_kk=name_kk.strip(),
                    level=chosen.value,
                    parent_id=parent_id,
                    number_index=(number_index or code).strip(),
                    number_patterns=json.dumps(patterns, ensure_ascii=False, sort_keys=True),
                    created_at=_now(),
                )
            )
        return self.office(code)

    def subtree(self, code: str) -> list[str]:
        """Return ``code`` and the codes of every office below it."""
        with self._transaction() as connection:
            rows = connection.execute(
                select(t.offices.c.id, t.offices.c.code, t.offices.c.parent_id)
            ).all()
        children: dict[int | None, list[Any]] = {}
        for row in rows:
            children.setdefault(row.parent_id, []).append(row)
        start = next((row for row in rows if row.code == code), None)
        if start is None:
            raise UnknownOfficeError(code)
        found: list[str] = []
        pending = [start]
        while pending:
            row = pending.pop()
            found.append(row.code)
            pending.extend(children.get(row.id, []))
        return found

    def office(self, code: str) -> OfficeInfo:
        """Return the office ``code`` or raise :class:`UnknownOfficeError`."""
        with self._transaction() as connection:
            return self._office_info(connection, self._office_row(connection, code))

    def offices(self) -> list[OfficeInfo]:
        """Return every office, in the order of the hierarchy's levels, then by code."""
        with self._transaction() as connection:
            rows = connection.execute(select(t.offices)).mappings().all()
            found = [self._office_info(connection, row) for row in rows]
        order = list(OfficeLevel)
        return sorted(found, key=lambda office: (order.index(office.level), office.code))

    def _office_row(self, connection: Connection, code: str) -> Any:
        row = connection.execute(select(t.offices).where(t.offices.c.code == code)).first()
        if row is None:
            raise UnknownOfficeError(code)
        return row

    def _office_info(self, connection: Connection, row: Any) -> OfficeInfo:
        parent = None
        if row.parent_id is not None:
            parent = connection.execute(
                select(t.offices.c.code).where(t.offices.c.id == row.parent_id)
            ).scalar_one()
        return OfficeInfo(
            code=row.code,
            name_ru=row.name_ru,
            name_kk=row.name_kk,
            level=OfficeLevel(row.level),
            parent=parent,
            number_index=row.number_index,
            number_patterns=json.loads(row.number_patterns),
        )

    def _ancestors(self, connection: Connection, office_id: int) -> list[int]:
        found: list[int] = []
        current: int | None = office_id
        while current is not None:
            current = connection.execute(
                select(t.offices.c.parent_id).where(t.offices.c.id == current)
            ).scalar_one_or_none()
            if current is not None:
                if current in found:  # a cycle cannot be made by add_office; stop anyway
                    break
                found.append(current)
        return found

    # --- registering -------------------------------------------------------------------------

    def register(
        self,
        act_type: str,
        data: Mapping[str, Any] | BaseModel,
        *,
        lang: str = "ru",
        templates_dir: Path | str | None = None,
        pdf: bool = False,
        pdfa: bool = False,
        source: str | None = None,
        validated: ActModel | None = None,
        of: int | None = None,
        converter: PdfConverter | None = None,
    ) -> Registered:
        """Validate, number, render and store an act; return its number and registry id.

        ``of`` is the registry id of the act this one follows: its reference (number, date,
        issuer, addressee) is filled from it (:mod:`docgen.registry.links`). A
        reshenie-vyshestoyashchego then suspends, withdraws or cancels that act, which only an
        office above the act's office may do (p. 19), checked before a number is given. A
        sankciya is entered in the journal of sanctions (p. 57).

        A case whose ``number`` is ``auto`` or absent gets the office's next number; a number
        given by hand must be free in the office that year. ``source`` names a batch row: a
        row registered before is returned as it was (``new`` false) when it is unchanged and
        refused with :class:`RowChangedError` when it has changed. Raises
        :class:`ActValidationError` for a case that is refused, the office included.
        ``validated`` is the model ``validate`` already made of ``data`` (a batch validates
        every row first), so it is not validated twice. ``pdfa`` makes the PDF a PDF/A-2b;
        ``converter`` (an open one, whose own ``pdfa`` then applies) makes it rather than a
        LibreOffice started for this act.
        """
        check_language(lang)
        followed = None
        if of is not None:
            followed = self.act(of)
            data = fill_reference(
                act_type,
                _as_mapping(data),
                followed,
                self.office(followed.summary.office),
                lang=lang,
            )
            validated = None
        request = self._request(act_type, data, lang, source, validated)
        if followed is not None and act_type == "reshenie-vyshestoyashchego":
            self._check_superior(followed.summary.id, request.code)
        own_converter = None
        if pdf and converter is None:
            from ..pdf import PdfConverter

            own_converter = PdfConverter(pdfa=pdfa)  # finds LibreOffice before anything is numbered
        # 1. The number, in a short transaction that holds the counter's lock: the act is
        # entered as "pending" with its number. 2. The document is made outside the lock, so
        # clerks and batch workers render in parallel. 3. The document is stored and the act
        # becomes "registered". A pending act is completed by the next registration of the
        # same batch row, or annulled when its document cannot be made: no number is skipped.
        reserved = self._reserve_many(act_type, lang, [request])[0]
        if isinstance(reserved, DocgenError):
            raise reserved
        if isinstance(reserved, Registered):
            return reserved
        act_id, number = reserved
        model = request.model
        try:
            final = with_number(act_type, model, number, lang=lang)
            docx = render_validated(act_type, final, lang, templates_dir=templates_dir)
            pdf_bytes = None
            if pdf and converter is not None:
                pdf_bytes = converter.convert(docx)
            elif own_converter is not None:
                with own_converter:
                    pdf_bytes = own_converter.convert(docx)
        except BaseException as error:
            if isinstance(error, Exception):
                self._void(act_id, model.date, error, lang)
            raise
        before = self._store_documents([(act_id, docx, pdf_bytes)]).get(act_id)
        if before is not None:  # another run of the same row finished it meanwhile
            return Registered(
                act_id, number, act_type, request.code, before[0], before[1], new=False
            )
        self._follow_up(final, act_id, request.code, followed)
        return Registered(act_id, number, act_type, request.code, docx, pdf_bytes)

    def register_rows(
        self,
        act_type: str,
        rows: Sequence[tuple[str, Mapping[str, Any], ActModel | None]],
        *,
        lang: str = "ru",
        templates_dir: Path | str | None = None,
    ) -> list[Registered | Exception]:
        """Register the acts of batch rows together; return each row's registration or what
        refused or failed it.

        Each row is ``(source, case, validated)`` as for :meth:`register`. All the rows are
        numbered in one transaction, rendered outside it, and their documents stored in a
        second one: a batch pays two transactions a chunk, not two a row. The guarantees are
        :meth:`register`'s: no number reused or skipped, a row registered before returned as
        it was, a changed row refused, a pending row finished by the next run.
        """
        check_language(lang)
        results: list[Registered | Exception | None] = [None] * len(rows)
        requests: list[tuple[int, _Request]] = []
        for index, (source, case, validated) in enumerate(rows):
            try:
                requests.append((index, self._request(act_type, case, lang, source, validated)))
            except DocgenError as error:
                results[index] = error
        reserved = self._reserve_many(act_type, lang, [request for _, request in requests])
        made: list[tuple[int, _Request, ActModel, int, str, bytes]] = []
        for (index, request), outcome in zip(requests, reserved, strict=True):
            if isinstance(outcome, (Registered, DocgenError)):
                results[index] = outcome
                continue
            act_id, number = outcome
            try:
                final = with_number(act_type, request.model, number, lang=lang)
                docx = render_validated(act_type, final, lang, templates_dir=templates_dir)
            except Exception as error:  # noqa: BLE001 - the row's act is annulled, the rest go on
                self._void(act_id, request.model.date, error, lang)
                results[index] = error
                continue
            made.append((index, request, final, act_id, number, docx))
        before = self._store_documents([(item[3], item[5], None) for item in made])
        for index, request, final, act_id, number, docx in made:
            found = before.get(act_id)
            if found is not None:  # another run of the same row finished it meanwhile
                results[index] = Registered(
                    act_id, number, act_type, request.code, found[0], found[1], new=False
                )
                continue
            try:
                self._follow_up(final, act_id, request.code, None)
            except DocgenError as error:
                results[index] = error
                continue
            results[index] = Registered(act_id, number, act_type, request.code, docx, None)
        assert all(result is not None for result in results)
        return [result for result in results if result is not None]

    def _request(
        self,
        act_type: str,
        data: Mapping[str, Any] | BaseModel,
        lang: str,
        source: str | None,
        validated: ActModel | None,
    ) -> _Request:
        """Return what numbering the case needs, the case validated (unless ``validated``
        already is its model); raise when it is refused before a number is given."""
        case = _as_mapping(data)
        source_hash = sha256(json.dumps(case, sort_keys=True, default=str).encode())
        raw_number = case.get("number")
        auto = raw_number is None or str(raw_number).strip().casefold() in AUTO_NUMBERS
        if auto:
            case = {**case, "number": "auto"}
        if validated is not None and validated.number == case["number"]:
            model = validated
        else:
            model = validate(act_type, case, lang=lang)
        code = model.office.code
        if code is None:
            raise _refused(
                act_type,
                lang,
                "office.code",
                N_(
                    "the office code is required to register the act: write the code of the "
                    "office as the registry knows it"
                ),
                "office_code_required",
            )
        if isinstance(model, OtmenaMer):
            self._notification_answered(model, code)
        return _Request(model, code, auto, source, source_hash)

    def _store_documents(
        self, documents: Sequence[tuple[int, bytes, bytes | None]]
    ) -> dict[int, tuple[bytes, bytes | None]]:
        """Store the documents of pending acts, which become registered; return the documents
        of those another run finished meanwhile, by act id."""
        if not documents:
            return {}
        ids = [act_id for act_id, _, _ in documents]
        # Packed and hashed before the transaction, which holds SQLite's write lock.
        shared: dict[str, bytes] = {}
        ready: list[tuple[dict[str, Any], dict[str, bytes]]] = []
        for act_id, docx, pdf in documents:
            packed, parts = self._packer.pack(docx)
            values = {
                "act_id": act_id,
                "docx": packed,
                "docx_sha256": sha256(docx),
                "pdf": pdf,
                "pdf_sha256": sha256(pdf) if pdf is not None else None,
                "status": "registered",
            }
            ready.append((values, parts))
        with self._transaction() as connection:
            pending = set(connection.execute(_STILL_PENDING, {"ids": ids}).scalars())
            stored = []
            for values, parts in ready:
                if values["act_id"] in pending:
                    shared.update(parts)
                    stored.append(values)
            self._store_parts(connection, shared)
            if stored:
                connection.execute(_STORE_DOCUMENT, stored)
            finished = [act_id for act_id in ids if act_id not in pending]
            found = {
                row.id: (self._unpacked(connection, row.docx), row.pdf)
                for row in (connection.execute(_DOCUMENTS, {"ids": finished}) if finished else ())
            }
        self._packer.stored.update(shared)
        return found

    def _store_parts(self, connection: Connection, parts: Mapping[str, bytes]) -> None:
        """Store the shared parts the documents being stored refer to, unless stored before
        (looked for each time: a registry restored from a backup may lack one stored since)."""
        if not parts:
            return
        present = set(connection.execute(_PARTS_PRESENT, {"digests": list(parts)}).scalars())
        missing = [  # in one order, so two writers of the same new parts cannot deadlock
            {"sha256": digest, "content": parts[digest]}
            for digest in sorted(parts)
            if digest not in present
        ]
        if missing:
            connection.execute(_INSERT_PARTS[self.dialect], missing)

    def _unpacked(
        self, connection: Connection, stored: bytes, *, packer: Packer | None = None
    ) -> bytes:
        """Return the document whose stored form is ``stored`` (see :mod:`.packing`), its
        shared parts read through ``packer`` (default: this registry's, which keeps them)."""

        def fetch(digests: list[str]) -> dict[str, bytes]:
            rows = connection.execute(_PARTS, {"digests": digests})
            return {row.sha256: bytes(row.content) for row in rows}

        try:
            return (packer or self._packer).unpack(stored, fetch)
        except MissingPartError as error:
            raise RegistryError(
                N_(
                    "A stored document cannot be read back: the part {part} it shares with "
                    "other acts is missing from the registry database or damaged; restore the "
                    "database from its backup"
                ),
                part=str(error),
            ) from None

    def _check_superior(self, act_id: int, by_office: str) -> None:
        """Refuse, before numbering, a decision on act ``act_id`` not from a superior office."""
        with self._transaction() as connection:
            row = self._act_row(connection, act_id)
            self._superior_office(connection, row, by_office)
            if row.status in FINAL_STATUSES:
                raise LifecycleError(
                    N_("Act {id} is {status}: it cannot be marked {kind} now"),
                    id=act_id,
                    status=row.status,
                    kind="superseded",
                )

    def _superior_office(self, connection: Connection, act: Any, by_office: str) -> Any:
        """Return the office ``by_office``, refused unless above ``act``'s office (p. 19)."""
        superior = self._office_row(connection, by_office)
        if superior.id not in self._ancestors(connection, act.office_id):
            raise LifecycleError(
                N_(
                    "Only a prosecutor of an office above the one that issued the act may "
                    "suspend, withdraw or cancel it (p. 19 of the Instruction); «{code}» "
                    "is not above it"
                ),
                code=by_office,
            )
        return superior

    def _notification_answered(self, model: OtmenaMer, code: str) -> int:
        """Return the p. 22 journal entry the otmena-mer answers; refuse one not in the journal,
        received at another moment, answered or closed already."""
        notification = model.notification
        received = _moment(notification.received_at)
        with self._transaction() as connection:
            office = self._office_row(connection, code)
            number = notification.journal_number.strip()
            row = (
                connection.execute(
                    select(t.notifications).where(
                        t.notifications.c.office_id == office.id,
                        t.notifications.c.year == received.year,
                        t.notifications.c.sequence == int(number),
                    )
                ).first()
                if number.isdigit()
                else None
            )
        if row is None:
            raise RegistryError(
                N_(
                    "The notification № {number} of {year} is not in the journal of "
                    "notifications of the office {office} (p. 22): enter it with «docgen "
                    "registry notification add» first"
                ),
                number=notification.journal_number,
                year=received.year,
                office=code,
            )
        if row.received_at != received:
            raise RegistryError(
                N_(
                    "The notification № {number} was received {journal} by the journal, not "
                    "{case} as the case says (p. 22)"
                ),
                number=notification.journal_number,
                journal=row.received_at.strftime("%d.%m.%Y %H:%M"),
                case=received.strftime("%d.%m.%Y %H:%M"),
            )
        if row.answered_by_act_id is not None:
            raise RegistryError(
                N_(
                    "The notification № {number} is already answered by the act with registry "
                    "id {id}"
                ),
                number=notification.journal_number,
                id=row.answered_by_act_id,
            )
        if row.closed_on is not None:
            raise RegistryError(
                N_(
                    "The notification № {number} of {year} was closed on {date} without an "
                    "otmena-mer, its check having found the measures lawful: «{why}» (p. 20, "
                    "22); it cannot be answered now"
                ),
                number=notification.journal_number,
                year=received.year,
                date=row.closed_on.strftime("%d.%m.%Y"),
                why=row.closed_reason or "",
            )
        return int(row.id)

    def _follow_up(
        self, model: ActModel, act_id: int, code: str, followed: ActRecord | None
    ) -> None:
        """Record what a registered act does to the registry: p. 19 status, p. 22 and 57."""
        if isinstance(model, OtmenaMer):
            entry = self._notification_answered(model, code)
            with self._transaction() as connection:
                connection.execute(
                    update(t.notifications)
                    .where(t.notifications.c.id == entry)
                    .values(answered_by_act_id=act_id)
                )
        elif isinstance(model, ReshenieVyshestoyashchego) and followed is not None:
            self.supersede(
                followed.summary.id,
                str(model.decision),
                by_office=code,
                reason=model.findings,
                date=model.date,
            )
        elif isinstance(model, Sankciya):
            self.add_sanction(
                code,
                received_at=model.order.documents_complete_at,
                body=model.order.body,
                subject=model.order.account_holder,
                decision="granted" if model.decision is SanctionDecision.SANCTIONED else "refused",
                decided_on=model.decided_at.date(),
                reason=model.refusal_reason,
            )

    def _reserve_many(
        self,
        act_type: str,
        lang: str,
        requests: Sequence[_Request],
        *,
        every_pattern: bool = False,
    ) -> list[_Reserved]:
        """Number the requests in one transaction and enter their acts as pending.

        A batch row registered before is returned as it is (or, still pending, its id and
        number to finish it). ``every_pattern``: see :meth:`_next_numbers`.
        """
        if not requests:
            return []
        try:
            with self._transaction() as connection:
                return self._reserve_in(connection, act_type, lang, requests, every_pattern)
        except IntegrityError:
            # The last guard: another clerk took a hand-given number at the same moment.
            if len(requests) > 1:  # the others are numbered again, each on its own
                return [
                    self._reserve_many(act_type, lang, [request], every_pattern=every_pattern)[0]
                    for request in requests
                ]
            request = requests[0]
            if request.auto and not every_pattern:
                return self._reserve_many(act_type, lang, requests, every_pattern=True)
            model = request.model
            return [NumberTakenError(model.number, request.code, model.date.year)]

    def _reserve_in(
        self,
        connection: Connection,
        act_type: str,
        lang: str,
        requests: Sequence[_Request],
        every_pattern: bool,
    ) -> list[_Reserved]:
        results: list[_Reserved | None] = [None] * len(requests)
        sources = [request.source for request in requests if request.source is not None]
        existing = (
            {row.source: row for row in connection.execute(_BY_SOURCES, {"sources": sources})}
            if sources
            else {}
        )
        numbers: dict[int, tuple[str, int | None]] = {}
        offices: dict[int, Any] = {}
        auto: dict[tuple[int, int], list[int]] = {}
        by_hand: set[tuple[int, int, str]] = set()
        for index, request in enumerate(requests):
            model = request.model
            found = existing.get(request.source) if request.source is not None else None
            if found is not None:
                if found.source_sha256 != request.source_hash:
                    results[index] = RowChangedError(found.number, found.id)
                elif found.status == PENDING:
                    results[index] = (found.id, found.number)
                else:
                    results[index] = Registered(
                        found.id,
                        found.number,
                        found.act_type,
                        found.office_code,
                        self._unpacked(connection, found.docx),
                        found.pdf,
                        new=False,
                    )
                continue
            office = self._offices.get(request.code)
            if office is None:
                office = connection.execute(
                    select(t.offices).where(t.offices.c.code == request.code)
                ).first()
            refusal = _office_refusal(act_type, lang, model, request.code, office)
            if refusal is not None:
                results[index] = refusal
                continue
            assert office is not None
            self._offices[request.code] = office  # offices never change once added
            offices[index] = office
            year = model.date.year
            if request.auto:
                auto.setdefault((office.id, year), []).append(index)
                continue
            key = (office.id, year, model.number)
            if key in by_hand or self._number_taken(connection, office.id, year, model.number):
                results[index] = NumberTakenError(model.number, request.code, year)
                continue
            by_hand.add(key)
            numbers[index] = (model.number, None)
        for (office_id, year), indexes in auto.items():
            chunk_hand = {
                number for office, y, number in by_hand if (office, y) == (office_id, year)
            }
            given = self._next_numbers(
                connection,
                offices[indexes[0]],
                act_type,
                year,
                len(indexes),
                chunk_hand,
                every_pattern=every_pattern,
            )
            numbers.update(zip(indexes, given, strict=True))
        entered = sorted(numbers)
        if entered:
            now = _now()
            rows = []
            for index in entered:
                request = requests[index]
                number, sequence = numbers[index]
                final = request.model.model_copy(update={"number": number})
                rows.append(
                    {
                        "office_id": offices[index].id,
                        "act_type": act_type,
                        "year": final.date.year,
                        "sequence": sequence,
                        "number": number,
                        "date": final.date,
                        "issuer": _issuer_text(final),
                        "issuer_position": final.issuer.position.value,
                        "addressee": _addressee_text(final),
                        "lang": lang,
                        "case_json": final.model_dump_json(),
                        "source": request.source,
                        "source_sha256": request.source_hash if request.source else None,
                        "docx": b"",
                        "docx_sha256": "",
                        "pdf": None,
                        "pdf_sha256": None,
                        "status": PENDING,
                        "registered_by": self.user,
                        "registered_at": now,
                    }
                )
            ids = connection.execute(_INSERT_ACTS, rows).scalars().all()
            connection.execute(
                _INSERT_EVENTS,
                [
                    {
                        "act_id": act_id,
                        "kind": "registered",
                        "date": row["date"],
                        "by_user": self.user,
                        "at": now,
                        "reason": None,
                    }
                    for act_id, row in zip(ids, rows, strict=True)
                ],
            )
            for index, act_id in zip(entered, ids, strict=True):
                results[index] = (int(act_id), numbers[index][0])
        assert all(result is not None for result in results)
        return [result for result in results if result is not None]

    def _void(self, act_id: int, date: dt.date, error: Exception, lang: str) -> None:
        """Annul a pending act whose document could not be made; it keeps its number."""
        detail = describe(error, lang) if isinstance(error, DocgenError) else repr(error)
        reason = translate(N_("the document could not be made: {detail}"), lang, detail=detail)
        with self._transaction() as connection:
            stored = connection.execute(
                update(t.acts)
                .where(t.acts.c.id == act_id, t.acts.c.status == PENDING)
                .values(status="annulled")
            )
            if stored.rowcount:
                self._event(connection, act_id, "annulled", date, reason=reason)

    def register_to_file(
        self,
        act_type: str,
        data: Mapping[str, Any] | BaseModel,
        *,
        lang: str = "ru",
        output: Path | str | None = None,
        folder: Path | str | None = None,
        overwrite: bool = False,
        templates_dir: Path | str | None = None,
        format: str | None = None,
        pdfa: bool = False,
        of: int | None = None,
        converter: PdfConverter | None = None,
    ) -> tuple[Registered, Path]:
        """Register the act and write its document, with its final number, to a file.

        ``of`` and ``converter`` are as for :meth:`register`.

        ``output`` and ``format`` are as for :func:`docgen.render_to_file`; without ``output``
        the file is ``<type>_<number>.<format>`` in ``folder`` (by default the current one);
        ``pdfa`` makes the PDF a PDF/A-2b. A file that cannot be
        written is refused before a number is given.
        """
        chosen = output_format(output, format)
        if output is not None:
            target = Path(output)
            check_target(target)
            if target.exists() and not overwrite:
                raise OutputExistsError(str(target))
        registered = self.register(
            act_type,
            data,
            lang=lang,
            templates_dir=templates_dir,
            pdf=chosen == "pdf",
            pdfa=pdfa,
            of=of,
            converter=converter,
        )
        content = registered.pdf if chosen == "pdf" else registered.docx
        assert content is not None
        if output is None:
            name = default_output_name(act_type, registered.number, f".{chosen}")
            target = Path(folder or ".") / name
        return registered, write_atomic(target, content, overwrite=overwrite)

    def batch_registrar(
        self,
        act_type: str,
        book_name: str,
        *,
        lang: str = "ru",
        templates_dir: Path | str | None = None,
    ) -> BatchRegistrar:
        """Return the registrar of a batch of ``act_type`` from the book named ``book_name``.

        Pass it to :func:`docgen.run_batch` (``registrar=``). Rows are known by the act type,
        the book's file name and the row number, so running the same book again registers
        nothing new.
        """
        validate_type = act_model(act_type)  # an unknown type fails here
        return BatchRegistrar(
            url=self.url,
            user=self.user,
            act_type=validate_type.act_type,
            lang=check_language(lang),
            source=f"{act_type}:{Path(book_name).name}",
            templates_dir=str(templates_dir) if templates_dir is not None else None,
        )

    def _next_numbers(
        self,
        connection: Connection,
        office: Any,
        act_type: str,
        year: int,
        count: int,
        reserved: Collection[str],
        *,
        every_pattern: bool = False,
    ) -> list[tuple[str, int]]:
        """Return the office's next ``count`` numbers and sequences, the counter row locked and
        advanced; a number given by hand (in the registry, or ``reserved`` now) is passed over.

        Numbers of the sequence cannot repeat, so only hand-given ones are looked for; with
        ``every_pattern`` every act's, for an office whose patterns of two act types can make
        one number from two sequences (``{seq}`` and ``1{seq}``).
        """
        advance = _ADVANCE[self.dialect]
        patterns = json.loads(office.number_patterns)
        pattern = patterns.get(act_type) or patterns.get("*") or DEFAULT_PATTERN
        given: list[tuple[str, int]] = []
        while len(given) < count:
            wanted = count - len(given)
            key = {"office_id": office.id, "year": year}
            last = int(connection.execute(advance, {**key, "count": wanted}).scalar_one())
            candidates = [
                (
                    format_number(
                        pattern,
                        index=office.number_index,
                        year=year,
                        sequence=sequence,
                        act_type=act_type,
                    ),
                    sequence,
                )
                for sequence in range(last - wanted + 1, last + 1)
            ]
            # A number given by hand earlier holds its place in the sequence.
            taken = set(
                connection.execute(
                    _NUMBERS_TAKEN if every_pattern else _NUMBERS_TAKEN_BY_HAND,
                    {**key, "numbers": [number for number, _ in candidates]},
                ).scalars()
            )
            given += [
                item for item in candidates if item[0] not in taken and item[0] not in reserved
            ]
        return given

    @staticmethod
    def _number_taken(connection: Connection, office_id: int, year: int, number: str) -> bool:
        found = connection.execute(
            _NUMBER_TAKEN, {"office_id": office_id, "year": year, "number": number}
        ).first()
        return found is not None

    def attach_pdf(self, act_id: int, pdf: bytes) -> None:
        """Store the PDF made for a registered act that has none yet."""
        with self._transaction() as connection:
            row = self._act_row(connection, act_id)
            if row.pdf is not None:
                return
            connection.execute(
                update(t.acts).where(t.acts.c.id == act_id).values(pdf=pdf, pdf_sha256=sha256(pdf))
            )

    # --- the act's life (p. 10, 12, 14, 19) ---------------------------------------------------

    def annul(self, act_id: int, *, reason: str, date: dt.date | None = None) -> Event:
        """Annul a mistaken registration; the act keeps its number and stays in the registry."""
        return self._change(
            act_id, "annulled", reason=_required_reason(reason), on=date, allowed=None
        )

    def deliver(self, act_id: int, *, date: dt.date | None = None) -> Event:
        """Record that the act was delivered to its addressee on ``date``."""
        return self._change(act_id, "delivered", on=date, allowed={"registered"})

    def record_answer(
        self,
        act_id: int,
        *,
        outcome: str,
        date: dt.date | None = None,
        file: bytes | None = None,
        file_name: str | None = None,
    ) -> Event:
        """Record the addressee's answer: ``satisfied``, ``partly`` or ``rejected``, its file."""
        if outcome not in ANSWER_OUTCOMES:
            raise LifecycleError(
                N_("Unknown outcome of an answer «{outcome}»: use satisfied, partly or rejected"),
                outcome=outcome,
            )
        values: dict[str, Any] = {"outcome": outcome}
        if file is not None:
            values |= {
                "file": file,
                "file_name": Path(file_name or "answer").name,
                "file_sha256": sha256(file),
            }
        return self._change(
            act_id, "answered", on=date, allowed={"delivered", "answered"}, values=values
        )

    def record_execution(self, act_id: int, *, date: dt.date | None = None) -> Event:
        """Record that the act was executed (an inspection: that it ended)."""
        return self._change(
            act_id,
            "executed",
            on=date,
            allowed={"registered", "delivered", "answered", "enforcement", "court"},
        )

    def enforce(self, act_id: int, *, date: dt.date | None = None, reason: str = "") -> Event:
        """Record that an unexecuted predpisanie was turned to enforcement (p. 12)."""
        day = date or _today()
        with self._transaction() as connection:
            row = self._act_row(connection, act_id)
            if row.act_type != "predpisanie":
                raise LifecycleError(
                    N_("Only a predpisanie is turned to enforcement (p. 12 of the Instruction)")
                )
            deadline = self._execution_deadline(connection, row)
            if deadline is None or day <= deadline:
                raise LifecycleError(
                    N_(
                        "A predpisanie is turned to enforcement only after its deadline "
                        "({deadline}) has passed without execution (p. 12 of the Instruction)"
                    ),
                    deadline=deadline.strftime("%d.%m.%Y") if deadline else "-",
                )
        return self._change(
            act_id,
            "enforcement",
            on=day,
            reason=reason or None,
            allowed={"delivered", "answered"},
        )

    def take_to_court(self, act_id: int, *, reason: str, date: dt.date | None = None) -> Event:
        """Record that a rejected protest was taken to court (p. 14)."""
        with self._transaction() as connection:
            row = self._act_row(connection, act_id)
            outcome = self._answers(connection, act_id).get(act_id)
        if row.act_type != "protest" or outcome not in {"rejected", "partly"}:
            raise LifecycleError(
                N_(
                    "Only a protest rejected in whole or in part is taken to court "
                    "(p. 14 of the Instruction): record the answer first"
                )
            )
        return self._change(
            act_id, "court", on=date, reason=_required_reason(reason), allowed={"answered"}
        )

    def supersede(
        self,
        act_id: int,
        action: str,
        *,
        by_office: str,
        reason: str,
        date: dt.date | None = None,
    ) -> Event:
        """Record a superior's ``suspend``, ``withdraw`` or ``cancel`` of the act (p. 19).

        Only an office above the act's office in the hierarchy may do it, with a reason.
        """
        kind = SUPERIOR_ACTIONS.get(action)
        if kind is None:
            raise LifecycleError(
                N_("Unknown action «{action}»: use suspend, withdraw or cancel"), action=action
            )
        with self._transaction() as connection:
            row = self._act_row(connection, act_id)
            superior = self._superior_office(connection, row, by_office)
            office_id = superior.id
        allowed = None if kind != "suspended" else set(OPEN_STATUSES) - {"suspended"}
        return self._change(
            act_id,
            kind,
            on=date,
            reason=_required_reason(reason),
            allowed=allowed,
            values={"by_office_id": office_id},
        )

    def extend(
        self, act_id: int, *, until: dt.date | None, reason: str, date: dt.date | None = None
    ) -> Event:
        """Record that the inspection ``act_id`` was extended until ``until`` (p. 6).

        The prosecutor who ordered it extends it with a superior prosecutor's consent, which
        ``reason`` states (who consented, when). Refused for an act that is not an inspection,
        one whose status is final, an end not after the current one, and a decision taken
        after the current end (the term has run out) or before the act's date.
        """
        if until is None:
            raise LifecycleError(N_("Give the new end of the inspection («until»), as 2024-03-15"))
        day = date or _today()
        reason = _required_reason(reason)
        with self._transaction() as connection:
            query = select(t.acts).where(t.acts.c.id == act_id)
            if self.dialect == "postgresql":
                query = query.with_for_update()
            row = connection.execute(query).first()
            if row is None:
                raise UnknownActError(act_id)
            if row.act_type != "proverka":
                raise LifecycleError(N_("Only an inspection is extended (p. 6 of the Instruction)"))
            if row.status in FINAL_STATUSES:
                raise LifecycleError(
                    N_("Act {id} is {status}: it cannot be marked {kind} now"),
                    id=act_id,
                    status=row.status,
                    kind="extended",
                )
            end = self._inspection_end(connection, row)
            if until <= end:
                raise LifecycleError(
                    N_(
                        "The inspection already lasts until {end}: an extension sets a later "
                        "end, not {until} (p. 6 of the Instruction)"
                    ),
                    end=end.strftime("%d.%m.%Y"),
                    until=until.strftime("%d.%m.%Y"),
                )
            if day < row.date:
                raise LifecycleError(
                    N_("The date {date} is before the act's own date {act_date}"),
                    date=day.strftime("%d.%m.%Y"),
                    act_date=row.date.strftime("%d.%m.%Y"),
                )
            if day > end:
                raise LifecycleError(
                    N_(
                        "The inspection's term ended on {end}: it is extended before its end, "
                        "not on {date} (p. 6 of the Instruction)"
                    ),
                    end=end.strftime("%d.%m.%Y"),
                    date=day.strftime("%d.%m.%Y"),
                )
            event_id = self._event(connection, act_id, "extended", day, reason=reason, until=until)
            return next(e for e in self._events(connection, act_id) if e.id == event_id)

    def _inspection_end(self, connection: Connection, row: Any) -> dt.date:
        """Return the end of the inspection ``row``: its last extension's, else the act's."""
        extended = connection.execute(
            select(t.events.c.until)
            .where(t.events.c.act_id == row.id, t.events.c.kind == "extended")
            .order_by(t.events.c.id.desc())
        ).first()
        if extended is not None and extended.until is not None:
            return cast(dt.date, extended.until)
        return dt.date.fromisoformat(json.loads(row.case_json)["end_date"])

    def _change(
        self,
        act_id: int,
        kind: str,
        *,
        on: dt.date | None,
        allowed: set[str] | None,
        reason: str | None = None,
        values: dict[str, Any] | None = None,
    ) -> Event:
        """Record the event ``kind`` and make it the act's status, if its status allows."""
        day = on or _today()
        with self._transaction() as connection:
            query = select(t.acts.c.status, t.acts.c.date).where(t.acts.c.id == act_id)
            if self.dialect == "postgresql":
                query = query.with_for_update()
            row = connection.execute(query).first()
            if row is None:
                raise UnknownActError(act_id)
            if row.status in FINAL_STATUSES or (allowed is not None and row.status not in allowed):
                raise LifecycleError(
                    N_("Act {id} is {status}: it cannot be marked {kind} now"),
                    id=act_id,
                    status=row.status,
                    kind=kind,
                )
            if day < row.date:
                raise LifecycleError(
                    N_("The date {date} is before the act's own date {act_date}"),
                    date=day.strftime("%d.%m.%Y"),
                    act_date=row.date.strftime("%d.%m.%Y"),
                )
            event_id = self._event(connection, act_id, kind, day, reason=reason, **(values or {}))
            connection.execute(update(t.acts).where(t.acts.c.id == act_id).values(status=kind))
            return next(e for e in self._events(connection, act_id) if e.id == event_id)

    def _execution_deadline(self, connection: Connection, row: Any) -> dt.date | None:
        """Return the day a predpisanie must be executed by: its deadline, else on delivery."""
        case = json.loads(row.case_json)
        if case.get("deadline"):
            return dt.date.fromisoformat(case["deadline"])
        return self._event_date(connection, row.id, "delivered")

    @staticmethod
    def _event_date(connection: Connection, act_id: int, kind: str) -> dt.date | None:
        value = connection.execute(
            select(t.events.c.date)
            .where(t.events.c.act_id == act_id, t.events.c.kind == kind)
            .order_by(t.events.c.id.desc())
        ).first()
        return value.date if value is not None else None

    def due(self, *, within: int = 0, today: dt.date | None = None) -> list[DueItem]:
        """Return the terms that are overdue or fall due within ``within`` days, soonest first.

        A predpisanie by its deadline (immediate: the day it is delivered), a protest ten
        calendar days after delivery (the Law on the
        Prosecutor's Office), an inspection by its end date, extended or not (p. 6),
        operational search measures by the end of their term (p. 25), and the check of a
        notification of restrictive measures neither answered by an otmena-mer nor closed, two
        calendar days after the day of its receipt (p. 20, 22).
        """
        day = today or _today()
        horizon = day + dt.timedelta(days=within)
        items: list[DueItem] = []
        with self._transaction() as connection:
            rows = connection.execute(
                select(t.acts, t.offices.c.code.label("office_code"))
                .join(t.offices, t.offices.c.id == t.acts.c.office_id)
                .where(t.acts.c.status.in_(OPEN_STATUSES))
            ).all()
            for row in rows:
                term = self._term(connection, row)
                if term is None or term[1] > horizon:
                    continue
                what, due = term
                items.append(
                    DueItem(
                        act_id=row.id,
                        act_type=row.act_type,
                        number=row.number,
                        office=row.office_code,
                        addressee=row.addressee,
                        what=what,
                        due=due,
                        overdue=due < day,
                        days_left=(due - day).days,
                    )
                )
            notifications = connection.execute(
                select(t.notifications, t.offices.c.code.label("office_code"))
                .join(t.offices, t.offices.c.id == t.notifications.c.office_id)
                .where(
                    t.notifications.c.answered_by_act_id.is_(None),
                    t.notifications.c.closed_on.is_(None),
                )
            ).all()
            for entry in notifications:
                # p. 20: checked within two calendar days of the day of receipt (p. 22's journal)
                due = entry.received_at.date() + dt.timedelta(days=NOTIFICATION_CHECK_DAYS)
                if due > horizon:
                    continue
                addressee = f"{entry.body}: {entry.measure}"
                items.append(
                    DueItem(
                        act_id=None,
                        act_type="notification",
                        number=f"{entry.sequence}/{entry.year}",
                        office=entry.office_code,
                        addressee=f"{addressee} ({entry.subject})" if entry.subject else addressee,
                        what="notification_check",
                        due=due,
                        overdue=due < day,
                        days_left=(due - day).days,
                    )
                )
        return sorted(items, key=lambda item: (item.due, item.act_id or 0, item.number))

    def close_notification(
        self,
        office: str,
        number: int,
        *,
        year: int,
        reason: str,
        date: dt.date | None = None,
    ) -> dt.date:
        """Close the p. 22 notification № ``number`` of ``year`` in ``office``'s journal without
        an otmena-mer: its check found the measures lawful (p. 20), as ``reason`` says; return
        the day it was closed on (``date``, else today).

        Refused for a notification not in the journal, answered or closed already, or closed
        before the day it was received.
        """
        day = date or _today()
        reason = _required(
            reason, N_("Give the reason: what the check of the notification found (p. 20)")
        )
        with self._transaction() as connection:
            entry = self._notification_entry(connection, office, number, year)
            if entry.answered_by_act_id is not None:
                raise RegistryError(
                    N_(
                        "The notification № {number} is already answered by the act with "
                        "registry id {id}"
                    ),
                    number=number,
                    id=entry.answered_by_act_id,
                )
            if entry.closed_on is not None:
                raise RegistryError(
                    N_("The notification № {number} was already closed on {date}"),
                    number=number,
                    date=entry.closed_on.strftime("%d.%m.%Y"),
                )
            if day < entry.received_at.date():
                raise RegistryError(
                    N_("The date {date} is before the notification was received ({received})"),
                    date=day.strftime("%d.%m.%Y"),
                    received=entry.received_at.strftime("%d.%m.%Y %H:%M"),
                )
            self._set_closure(connection, entry.id, "closed", day, reason)
        return day

    def reopen_notification(
        self,
        office: str,
        number: int,
        *,
        year: int,
        reason: str,
        date: dt.date | None = None,
    ) -> dt.date:
        """Reopen the p. 22 notification № ``number`` of ``year`` in ``office``'s journal,
        closed by mistake, as ``reason`` says; return the day it was reopened on (``date``,
        else today).

        The closure stays in the entry's history and in the printed journal; the notification
        is open again: due for its check and answerable by an otmena-mer. Refused for a
        notification not in the journal or not closed, or a day before its closure.
        """
        day = date or _today()
        reason = _required(reason, N_("Give the reason: why the closure was a mistake"))
        with self._transaction() as connection:
            entry = self._notification_entry(connection, office, number, year)
            if entry.closed_on is None:
                raise RegistryError(
                    N_("The notification № {number} of {year} is not closed: nothing to reopen"),
                    number=number,
                    year=year,
                )
            if day < entry.closed_on:
                raise RegistryError(
                    N_("The date {date} is before the notification was closed ({closed})"),
                    date=day.strftime("%d.%m.%Y"),
                    closed=entry.closed_on.strftime("%d.%m.%Y"),
                )
            self._set_closure(connection, entry.id, "reopened", day, reason)
        return day

    def _notification_entry(
        self, connection: Connection, office: str, number: int, year: int
    ) -> Any:
        """Return the p. 22 journal entry № ``number`` of ``year`` of ``office``, or refuse."""
        office_id = self._office_row(connection, office).id
        entry = connection.execute(
            select(t.notifications).where(
                t.notifications.c.office_id == office_id,
                t.notifications.c.year == year,
                t.notifications.c.sequence == number,
            )
        ).first()
        if entry is None:
            raise RegistryError(
                N_(
                    "The notification № {number} of {year} is not in the journal of "
                    "notifications of the office {office} (p. 22)"
                ),
                number=number,
                year=year,
                office=office,
            )
        return entry

    def _set_closure(
        self, connection: Connection, entry_id: int, kind: str, day: dt.date, reason: str
    ) -> None:
        """Mark the journal entry ``closed`` on ``day`` for ``reason``, or ``reopened`` (no
        closure), and keep the change with who and when in its history."""
        closed = kind == "closed"
        connection.execute(
            update(t.notifications)
            .where(t.notifications.c.id == entry_id)
            .values(closed_on=day if closed else None, closed_reason=reason if closed else None)
        )
        connection.execute(
            insert(t.notification_events).values(
                notification_id=entry_id,
                kind=kind,
                date=day,
                reason=reason,
                by_user=self.user,
                at=_now(),
            )
        )

    def _term(self, connection: Connection, row: Any) -> tuple[str, dt.date] | None:
        """Return what the office controls for the act and by when, or ``None``."""
        case = json.loads(row.case_json)
        if row.act_type == "predpisanie" and row.status != "enforcement":
            deadline = self._execution_deadline(connection, row)
            return ("execution", deadline) if deadline is not None else None
        if row.act_type == "protest" and row.status == "delivered":
            delivered = self._event_date(connection, row.id, "delivered")
            assert delivered is not None
            return "consideration", delivered + dt.timedelta(days=PROTEST_DAYS)
        if row.act_type == "proverka":
            return "inspection_end", self._inspection_end(connection, row)
        if row.act_type == "orm":
            return "orm_end", dt.date.fromisoformat(case["term_end"])
        return None

    # --- journals (p. 22, 57) -----------------------------------------------------------------

    def add_notification(
        self,
        office: str,
        *,
        received_at: dt.datetime,
        body: str,
        measure: str,
        subject: str | None = None,
    ) -> int:
        """Enter a notification of a restrictive measure (p. 22); return its entry number.

        The date and the time of receipt are both mandatory.
        """
        values = {
            "received_at": _moment(received_at),
            "body": _required(
                body, N_("A notification needs the body that applied the measure (p. 22)")
            ),
            "measure": _required(measure, N_("A notification needs the measure applied (p. 22)")),
            "subject": subject.strip() if subject and subject.strip() else None,
        }
        return self._journal_entry("notifications", t.notifications, office, values)

    def add_sanction(
        self,
        office: str,
        *,
        received_at: dt.datetime,
        body: str,
        subject: str,
        decision: str,
        decided_on: dt.date,
        reason: str | None = None,
    ) -> int:
        """Enter a sanction on suspending expense operations (p. 57); return its entry number.

        ``decision`` is ``granted`` or ``refused``.
        """
        if decision not in SANCTION_DECISIONS:
            raise RegistryError(
                N_("Unknown decision «{decision}»: use granted or refused"), decision=decision
            )
        values = {
            "received_at": _moment(received_at),
            "body": _required(body, N_("A sanction needs the tax body that asks for it (p. 57)")),
            "subject": _required(subject, N_("A sanction needs the taxpayer (p. 57)")),
            "decision": decision,
            "decided_on": decided_on,
            "reason": reason.strip() if reason and reason.strip() else None,
        }
        return self._journal_entry("sanctions", t.sanctions, office, values)

    def _journal_entry(self, journal: str, table: Any, office: str, values: dict[str, Any]) -> int:
        year = values["received_at"].year
        ins = pg_insert if self.dialect == "postgresql" else sqlite_insert
        with self._transaction() as connection:
            office_id = self._office_row(connection, office).id
            connection.execute(
                ins(t.journal_counters)
                .values(journal=journal, office_id=office_id, year=year, last=0)
                .on_conflict_do_nothing(index_elements=["journal", "office_id", "year"])
            )
            key = (
                (t.journal_counters.c.journal == journal)
                & (t.journal_counters.c.office_id == office_id)
                & (t.journal_counters.c.year == year)
            )
            query = select(t.journal_counters.c.last).where(key)
            if self.dialect == "postgresql":
                query = query.with_for_update()
            sequence = int(connection.execute(query).scalar_one()) + 1
            connection.execute(update(t.journal_counters).where(key).values(last=sequence))
            connection.execute(
                insert(table).values(
                    office_id=office_id,
                    year=year,
                    sequence=sequence,
                    recorded_by=self.user,
                    at=_now(),
                    **values,
                )
            )
        return sequence

    def journal(self, kind: str, *, year: int, office: str | None = None) -> Journal:
        """Return the journal ``acts``, ``notifications`` or ``sanctions`` of ``year``."""
        with self._transaction() as connection:
            office_row = self._office_row(connection, office) if office is not None else None
            if kind == "acts":
                query = _acts_query().where(t.acts.c.year == year).order_by(t.acts.c.id)
                if office_row is not None:
                    query = query.where(t.acts.c.office_id == office_row.id)
                rows = connection.execute(query).mappings().all()
                answers = self._answers(connection)
                entries = [
                    JournalEntry(
                        number,
                        {
                            "registered": row["registered_at"],
                            "number": row["number"],
                            "date": row["date"],
                            "type": row["act_type"],
                            "office": row["office"],
                            "addressee": row["addressee"],
                            "issuer": row["issuer"],
                            "status": row["status"],
                            "answer": answers.get(row["id"]) or "",
                        },
                    )
                    for number, row in enumerate(rows, start=1)
                ]
            elif kind in ("notifications", "sanctions"):
                table = t.notifications if kind == "notifications" else t.sanctions
                query = (
                    select(table, t.offices.c.code.label("office"))
                    .join(t.offices, t.offices.c.id == table.c.office_id)
                    .where(table.c.year == year)
                    .order_by(t.offices.c.code, table.c.sequence)
                )
                if kind == "notifications":  # the number of the act that answered it
                    query = query.add_columns(t.acts.c.number.label("answered_by")).outerjoin(
                        t.acts, t.acts.c.id == t.notifications.c.answered_by_act_id
                    )
                if office_row is not None:
                    query = query.where(table.c.office_id == office_row.id)
                rows = connection.execute(query).mappings().all()
                corrections = (
                    self._corrections(connection, [row["id"] for row in rows])
                    if kind == "notifications"
                    else {}
                )
                entries = [
                    JournalEntry(
                        row["sequence"],
                        _journal_values(kind, row) | corrections.get(row["id"], {}),
                    )
                    for row in rows
                ]
            else:
                raise RegistryError(
                    N_("Unknown journal «{kind}»: use acts, notifications or sanctions"),
                    kind=kind,
                )
        return Journal(kind, year, office, entries)

    @staticmethod
    def _corrections(connection: Connection, ids: list[int]) -> dict[int, dict[str, Any]]:
        """Return, by notification id, its closures withdrawn as mistakes: ``corrections``, a
        list of (closed on, why, reopened on, why)."""
        if not ids:
            return {}
        events = connection.execute(
            select(t.notification_events)
            .where(t.notification_events.c.notification_id.in_(ids))
            .order_by(t.notification_events.c.id)
        ).all()
        closed: dict[int, Any] = {}
        found: dict[int, dict[str, Any]] = {}
        for event in events:
            if event.kind == "closed":
                closed[event.notification_id] = event
                continue
            before = closed.pop(event.notification_id, None)
            found.setdefault(event.notification_id, {"corrections": []})["corrections"].append(
                (
                    before.date if before is not None else None,
                    before.reason if before is not None else "",
                    event.date,
                    event.reason,
                )
            )
        return found

    # --- the Data Bank (p. 114) ---------------------------------------------------------------

    def export(
        self,
        target: Path | str,
        *,
        start: dt.date,
        end: dt.date,
        unsent: bool = False,
        mark_sent: bool = False,
        overwrite: bool = False,
        offices: Collection[str] | None = None,
    ) -> ExportSummary:
        """Write the zip for the Data Bank: the acts dated from ``start`` to ``end``.

        It holds each act's documents and its answers' files byte for byte, with
        ``manifest.json`` and ``manifest.csv``. ``unsent`` leaves out what an export marked
        sent already held; ``mark_sent`` marks what this one holds, in the same transaction,
        so nothing is marked that the file does not hold. Annulled registrations are left out.
        ``offices`` limits it to the acts of these offices' codes.
        """
        if end < start:
            raise RegistryError(
                N_("The period ends ({end}) before it starts ({start})"),
                end=end.strftime("%d.%m.%Y"),
                start=start.strftime("%d.%m.%Y"),
            )
        now = _now()
        files = 0
        exported: list[ExportedAct] = []
        with self._transaction() as connection:
            query = (
                select(t.acts, t.offices.c.code.label("office_code"))
                .join(t.offices, t.offices.c.id == t.acts.c.office_id)
                .where(t.acts.c.date >= start, t.acts.c.date <= end)
                .where(t.acts.c.status.not_in(("annulled", PENDING)))
            )
            if offices is not None:
                query = query.where(t.offices.c.code.in_(list(offices)))
            rows = connection.execute(query.order_by(t.acts.c.id)).all()
            answers = self._answers(connection)
            with (
                atomic_file(target, overwrite=overwrite) as handle,
                zipfile.ZipFile(handle, "w", zipfile.ZIP_DEFLATED) as archive,
            ):
                for row in rows:
                    act = ExportedAct(
                        row.id,
                        row.act_type,
                        row.number,
                        row.date,
                        row.office_code,
                        row.addressee,
                        row.status,
                        answers.get(row.id),
                    )
                    if not (unsent and row.sent_at is not None):
                        add_file(
                            archive,
                            act,
                            act_file_name(act, "docx"),
                            "act",
                            self._unpacked(connection, row.docx),
                            row.docx_sha256,
                        )
                        if row.pdf is not None:
                            add_file(
                                archive,
                                act,
                                act_file_name(act, "pdf"),
                                "act_pdf",
                                bytes(row.pdf),
                                row.pdf_sha256,
                            )
                    query = select(t.events).where(
                        t.events.c.act_id == row.id, t.events.c.file.is_not(None)
                    )
                    if unsent:
                        query = query.where(t.events.c.sent_at.is_(None))
                    answered = connection.execute(query.order_by(t.events.c.id)).all()
                    for event in answered:
                        add_file(
                            archive,
                            act,
                            answer_file_name(act, event.id, event.file_name),
                            "answer",
                            bytes(event.file),
                            event.file_sha256,
                        )
                    if act.files:
                        exported.append(act)
                        files += len(act.files)
                        if mark_sent:
                            connection.execute(
                                update(t.acts)
                                .where(t.acts.c.id == row.id, t.acts.c.sent_at.is_(None))
                                .values(sent_at=now)
                            )
                            ids = [event.id for event in answered]
                            if ids:
                                connection.execute(
                                    update(t.events)
                                    .where(t.events.c.id.in_(ids), t.events.c.sent_at.is_(None))
                                    .values(sent_at=now)
                                )
                write_manifests(archive, exported, start=start, end=end)
        return ExportSummary(len(exported), files, mark_sent)

    # --- reading -----------------------------------------------------------------------------

    def acts(
        self,
        *,
        act_type: str | None = None,
        status: str | None = None,
        office: str | None = None,
        year: int | None = None,
        offices: Collection[str] | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[ActSummary]:
        """Return the registered acts, oldest first, filtered by type, status, office, year.

        ``offices`` limits them to these offices' codes; ``limit`` and ``offset`` page them.
        """
        query = _acts_query()
        if act_type is not None:
            query = query.where(t.acts.c.act_type == act_type)
        if status is not None:
            query = query.where(t.acts.c.status == status)
        if office is not None:
            query = query.where(t.offices.c.code == office)
        if year is not None:
            query = query.where(t.acts.c.year == year)
        if offices is not None:
            query = query.where(t.offices.c.code.in_(list(offices)))
        query = query.order_by(t.acts.c.id).offset(offset)
        if limit is not None:
            query = query.limit(limit)
        with self._transaction() as connection:
            rows = connection.execute(query).mappings().all()
            answers = self._answers(connection)
        return [_summary(row, answers.get(row["id"])) for row in rows]

    def act(self, act_id: int) -> ActRecord:
        """Return the act ``act_id`` with its case and history."""
        with self._transaction() as connection:
            row = connection.execute(_acts_query().where(t.acts.c.id == act_id)).mappings().first()
            if row is None:
                raise UnknownActError(act_id)
            full = self._act_row(connection, act_id)
            events = self._events(connection, act_id)
            answers = self._answers(connection, act_id)
        return ActRecord(
            summary=_summary(row, answers.get(act_id)),
            case=json.loads(full.case_json),
            docx_sha256=full.docx_sha256,
            pdf_sha256=full.pdf_sha256,
            source=full.source,
            events=events,
        )

    def act_office(self, act_id: int) -> str:
        """Return the code of the office that issued the act ``act_id``."""
        with self._transaction() as connection:
            code = connection.execute(
                select(t.offices.c.code)
                .join(t.acts, t.acts.c.office_id == t.offices.c.id)
                .where(t.acts.c.id == act_id)
            ).scalar_one_or_none()
        if code is None:
            raise UnknownActError(act_id)
        return str(code)

    def document(self, act_id: int, *, format: str = "docx") -> bytes:
        """Return the document of the act as it was delivered (``docx`` or ``pdf``)."""
        with self._transaction() as connection:
            row = self._act_row(connection, act_id)
            if format == "pdf":
                if row.pdf is None:
                    raise RegistryError(N_("Act {id} has no PDF in the registry"), id=act_id)
                return bytes(row.pdf)
            return self._unpacked(connection, row.docx)

    def verify(self) -> tuple[int, list[HashProblem]]:
        """Recheck the SHA-256 of every stored file; return how many were checked and the bad."""
        problems: list[HashProblem] = []
        checked = 0
        packer = Packer()  # the shared parts read again from the database, not remembered
        with self._transaction() as connection:
            for row in connection.execute(
                select(
                    t.acts.c.id,
                    t.acts.c.number,
                    t.acts.c.docx,
                    t.acts.c.docx_sha256,
                    t.acts.c.pdf,
                    t.acts.c.pdf_sha256,
                ).where(t.acts.c.docx_sha256 != "")  # a number whose document was never made
            ):
                for what, content, recorded in (
                    ("docx", row.docx, row.docx_sha256),
                    ("pdf", row.pdf, row.pdf_sha256),
                ):
                    if content is None and recorded is None:
                        continue
                    checked += 1
                    try:
                        whole = (
                            self._unpacked(connection, content, packer=packer)
                            if content is not None
                            else None
                        )
                    except RegistryError:  # a shared part is missing: the document is damaged
                        whole = None
                    actual = sha256(whole) if whole is not None else "-"
                    if actual != recorded:
                        problems.append(HashProblem(row.id, row.number, what, recorded, actual))
            for event in connection.execute(
                select(t.events, t.acts.c.number.label("act_number"))
                .join(t.acts, t.acts.c.id == t.events.c.act_id)
                .where(t.events.c.file_sha256.is_not(None))
            ):
                checked += 1
                actual = sha256(bytes(event.file)) if event.file is not None else "-"
                if actual != event.file_sha256:
                    problems.append(
                        HashProblem(
                            event.act_id,
                            event.act_number,
                            f"answer:{event.file_name}",
                            event.file_sha256,
                            actual,
                        )
                    )
        return checked, problems

    def _act_row(self, connection: Connection, act_id: int) -> Any:
        row = connection.execute(select(t.acts).where(t.acts.c.id == act_id)).first()
        if row is None:
            raise UnknownActError(act_id)
        return row

    def _events(self, connection: Connection, act_id: int) -> list[Event]:
        rows = connection.execute(
            select(t.events, t.offices.c.code.label("office_code"))
            .outerjoin(t.offices, t.offices.c.id == t.events.c.by_office_id)
            .where(t.events.c.act_id == act_id)
            .order_by(t.events.c.id)
        ).all()
        return [
            Event(
                id=row.id,
                kind=row.kind,
                date=row.date,
                by_user=row.by_user,
                at=row.at,
                reason=row.reason,
                outcome=row.outcome,
                by_office=row.office_code,
                file_name=row.file_name,
                file_sha256=row.file_sha256,
                until=row.until,
            )
            for row in rows
        ]

    def _answers(self, connection: Connection, act_id: int | None = None) -> dict[int, str]:
        """Return the outcome of the latest answer of each act."""
        query = (
            select(t.events.c.act_id, t.events.c.outcome)
            .where(t.events.c.kind == "answered")
            .order_by(t.events.c.id)
        )
        if act_id is not None:
            query = query.where(t.events.c.act_id == act_id)
        return {row.act_id: row.outcome for row in connection.execute(query)}

    def _event(
        self,
        connection: Connection,
        act_id: int,
        kind: str,
        date: dt.date,
        *,
        now: dt.datetime | None = None,
        **values: Any,
    ) -> int:
        return int(
            connection.execute(
                insert(t.events)
                .values(
                    act_id=act_id,
                    kind=kind,
                    date=date,
                    by_user=self.user,
                    at=now or _now(),
                    **values,
                )
                .returning(t.events.c.id)
            ).scalar_one()
        )


def _office_level(level: OfficeLevel | str) -> OfficeLevel:
    try:
        return OfficeLevel(level)
    except ValueError:
        raise RegistryError(
            N_("Unknown office level «{level}»: use gpo, oblast or district"), level=level
        ) from None


def _as_mapping(data: Mapping[str, Any] | BaseModel) -> dict[str, Any]:
    if isinstance(data, BaseModel):
        return dict(data.model_dump(mode="json", exclude_none=True))
    return dict(data)


def _refused(
    act_type: str, lang: str, path: str, message: str, problem: str, **params: object
) -> ActValidationError:
    """Return the refusal of a case for one ``problem`` at ``path``, as validation words it."""
    return ActValidationError(
        act_type, [Problem(path, translate(message, lang, **params), None, problem)], lang=lang
    )


def _office_refusal(
    act_type: str, lang: str, model: ActModel, code: str, office: Any
) -> ActValidationError | None:
    """Return the refusal of an act for an office the registry lacks or of another level."""
    if office is None:
        return _refused(
            act_type,
            lang,
            "office.code",
            N_("the office «{code}» is not in the registry"),
            "office_unknown",
            code=code,
        )
    expected = _POSITION_LEVEL[model.issuer.position.level]
    if OfficeLevel(office.level) is not expected:
        return _refused(
            act_type,
            lang,
            "issuer.position",
            N_(
                "the position «{position}» belongs to offices of level {expected}, "
                "but the office «{code}» is of level {level}"
            ),
            "position_not_of_office_level",
            position=model.issuer.position.value,
            expected=expected.value,
            code=code,
            level=office.level,
        )
    return None


def _issuer_text(model: ActModel) -> str:
    issuer = model.issuer
    return f"{issuer.position_title} {issuer.initials} {issuer.surname}"


def _addressee_text(model: ActModel) -> str:
    addressee = getattr(model, "addressee", None)
    if addressee is not None:
        return f"{addressee.position} {addressee.name}, {addressee.organization}"
    subject = getattr(model, "subject", None)
    if subject is not None:
        return str(getattr(subject, "name", subject))  # a spravka names its subject in words
    order = getattr(model, "order", None)
    if order is not None:  # a sankciya answers the tax or customs body's order
        return f"{order.body}: {order.account_holder}"
    for name in ("competent_body", "expert"):
        value = getattr(model, name, None)
        if value is not None:
            return str(getattr(value, "name", value))
    return ""


def _acts_query() -> Any:
    return select(
        t.acts.c.id,
        t.acts.c.act_type,
        t.acts.c.number,
        t.acts.c.date,
        t.offices.c.code.label("office"),
        t.acts.c.status,
        t.acts.c.addressee,
        t.acts.c.issuer,
        t.acts.c.lang,
        t.acts.c.registered_by,
        t.acts.c.registered_at,
    ).join(t.offices, t.offices.c.id == t.acts.c.office_id)


def _summary(row: RowMapping, answer: str | None) -> ActSummary:
    return ActSummary(
        id=row["id"],
        act_type=row["act_type"],
        number=row["number"],
        date=row["date"],
        office=row["office"],
        status=row["status"],
        addressee=row["addressee"],
        issuer=row["issuer"],
        lang=row["lang"],
        registered_by=row["registered_by"],
        registered_at=row["registered_at"],
        answer=answer,
    )


def count_acts(registry: Registry) -> int:
    """Return how many acts are registered (for tests and the benchmark)."""
    with registry._transaction() as connection:
        return int(connection.execute(select(func.count()).select_from(t.acts)).scalar_one())
