"""What the registry returns: offices, registered acts, events, deadlines (plain data)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class OfficeLevel(StrEnum):
    """Levels of the hierarchy of prosecutor's offices (p. 19 goes upwards through it)."""

    GPO = "gpo"
    OBLAST = "oblast"
    DISTRICT = "district"


@dataclass(frozen=True)
class OfficeInfo:
    """An office of the registry: code, names, level, parent, numbering."""

    code: str
    name_ru: str
    name_kk: str
    level: OfficeLevel
    parent: str | None
    number_index: str
    number_patterns: dict[str, str]

    def as_dict(self) -> dict[str, Any]:
        """Return the office as a JSON-ready mapping."""
        return {
            "code": self.code,
            "name_ru": self.name_ru,
            "name_kk": self.name_kk,
            "level": self.level.value,
            "parent": self.parent,
            "number_index": self.number_index,
            "number_patterns": self.number_patterns,
        }


@dataclass(frozen=True)
class Registered:
    """The outcome of a registration: the act's number and registry id.

    ``new`` is false when the act (a batch row) was registered before and is returned as it is.
    """

    id: int
    number: str
    act_type: str
    office: str
    docx: bytes
    pdf: bytes | None
    new: bool = True


@dataclass(frozen=True)
class ActSummary:
    """One line of ``docgen registry list``."""

    id: int
    act_type: str
    number: str
    date: dt.date
    office: str
    status: str
    addressee: str
    issuer: str
    lang: str
    registered_by: str
    registered_at: dt.datetime
    answer: str | None = None

    def as_dict(self) -> dict[str, Any]:
        """Return the act as a JSON-ready mapping."""
        return {
            "id": self.id,
            "type": self.act_type,
            "number": self.number,
            "date": self.date.isoformat(),
            "office": self.office,
            "status": self.status,
            "answer": self.answer,
            "addressee": self.addressee,
            "issuer": self.issuer,
            "lang": self.lang,
            "registered_by": self.registered_by,
            "registered_at": self.registered_at.isoformat(),
        }


@dataclass(frozen=True)
class Event:
    """One change in an act's life: what, on which date, who recorded it and when."""

    id: int
    kind: str
    date: dt.date
    by_user: str
    at: dt.datetime
    reason: str | None = None
    outcome: str | None = None
    by_office: str | None = None
    file_name: str | None = None
    file_sha256: str | None = None
    until: dt.date | None = None
    """The new end of an extended inspection (p. 6)."""

    def as_dict(self) -> dict[str, Any]:
        """Return the event as a JSON-ready mapping."""
        return {
            "id": self.id,
            "kind": self.kind,
            "date": self.date.isoformat(),
            "by": self.by_user,
            "at": self.at.isoformat(),
            "reason": self.reason,
            "outcome": self.outcome,
            "by_office": self.by_office,
            "file_name": self.file_name,
            "file_sha256": self.file_sha256,
            "until": self.until.isoformat() if self.until is not None else None,
        }


@dataclass(frozen=True)
class ActRecord:
    """A registered act with everything stored about it and its history."""

    summary: ActSummary
    case: dict[str, Any]
    docx_sha256: str
    pdf_sha256: str | None
    source: str | None
    events: list[Event] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        """Return the act and its history as a JSON-ready mapping."""
        return {
            **self.summary.as_dict(),
            "docx_sha256": self.docx_sha256,
            "pdf_sha256": self.pdf_sha256,
            "source": self.source,
            "case": self.case,
            "events": [event.as_dict() for event in self.events],
        }


@dataclass(frozen=True)
class DueItem:
    """A term the office controls: which act, what is due, by when, and whether it is late.

    A p. 20 check of a notification has no act: ``act_id`` is ``None``, ``act_type`` is
    ``notification`` and ``number`` its journal entry, ``<number>/<year>``."""

    act_id: int | None
    act_type: str
    number: str
    office: str
    addressee: str
    what: str
    due: dt.date
    overdue: bool
    days_left: int

    def as_dict(self) -> dict[str, Any]:
        """Return the item as a JSON-ready mapping."""
        return {
            "id": self.act_id,
            "type": self.act_type,
            "number": self.number,
            "office": self.office,
            "addressee": self.addressee,
            "what": self.what,
            "due": self.due.isoformat(),
            "overdue": self.overdue,
            "days_left": self.days_left,
        }


@dataclass(frozen=True)
class HashProblem:
    """A stored file whose SHA-256 no longer matches what was recorded at registration."""

    act_id: int
    number: str
    what: str
    recorded: str
    actual: str


@dataclass(frozen=True)
class JournalEntry:
    """One numbered entry of a journal; ``values`` by column name."""

    number: int
    values: dict[str, Any]


@dataclass(frozen=True)
class Journal:
    """A journal of one year: ``acts``, ``notifications`` (p. 22) or ``sanctions`` (p. 57)."""

    kind: str
    year: int
    office: str | None
    entries: list[JournalEntry]
