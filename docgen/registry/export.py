"""The export for the Data Bank of the General Prosecutor's Office (p. 114)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import zipfile
from dataclasses import dataclass, field
from typing import Any, Final

from ..output import safe_stem

MANIFEST_FIELDS: Final = (
    "id",
    "type",
    "number",
    "date",
    "office",
    "addressee",
    "status",
    "answer",
    "file",
    "kind",
    "sha256",
)


@dataclass
class ExportedAct:
    """An act in the export: its particulars and the files that go with it."""

    id: int
    act_type: str
    number: str
    date: dt.date
    office: str
    addressee: str
    status: str
    answer: str | None
    files: list[dict[str, str]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        """Return the act as it is written in ``manifest.json``."""
        return {
            "id": self.id,
            "type": self.act_type,
            "number": self.number,
            "date": self.date.isoformat(),
            "office": self.office,
            "addressee": self.addressee,
            "status": self.status,
            "answer": self.answer,
            "files": self.files,
        }


@dataclass(frozen=True)
class ExportSummary:
    """What an export holds: acts and files counted, and whether it was marked sent."""

    acts: int
    files: int
    marked_sent: bool


def act_file_name(act: ExportedAct, suffix: str) -> str:
    """Return the name of an act's document inside the export."""
    return f"acts/{act.id}_{act.act_type}_{safe_stem(act.number)}.{suffix}"


def answer_file_name(act: ExportedAct, event_id: int, name: str) -> str:
    """Return the name of an answer's file inside the export."""
    return f"answers/{act.id}_{event_id}_{safe_stem(name)}"


def add_file(
    archive: zipfile.ZipFile, act: ExportedAct, name: str, kind: str, content: bytes, digest: str
) -> None:
    """Put a stored file into the export as it is, and list it with its SHA-256."""
    archive.writestr(name, content)
    act.files.append({"file": name, "kind": kind, "sha256": digest})


def write_manifests(
    archive: zipfile.ZipFile, acts: list[ExportedAct], *, start: dt.date, end: dt.date
) -> None:
    """Write ``manifest.json`` and ``manifest.csv`` (one line per file) into the export."""
    manifest = {
        "from": start.isoformat(),
        "to": end.isoformat(),
        "made_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "acts": [act.as_dict() for act in acts],
    }
    archive.writestr(
        "manifest.json", json.dumps(manifest, ensure_ascii=False, indent=2).encode("utf-8")
    )
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(MANIFEST_FIELDS)
    for act in acts:
        for item in act.files:
            writer.writerow(
                (
                    act.id,
                    act.act_type,
                    act.number,
                    act.date.isoformat(),
                    act.office,
                    act.addressee,
                    act.status,
                    act.answer or "",
                    item["file"],
                    item["kind"],
                    item["sha256"],
                )
            )
    archive.writestr("manifest.csv", out.getvalue().encode("utf-8-sig"))
