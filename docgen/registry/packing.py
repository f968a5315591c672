"""Documents stored without repeating what every act of one template shares.

Every act made from a template carries the same style sheet, theme, numbering and settings:
about three quarters of a 40 KB DOCX. The registry stores such a member once, in the table of
document parts, by its SHA-256, and an act's document as its *packed* form: the bytes of the
DOCX with each shared member's data replaced by a reference. Unpacking puts the very same bytes
back, so the SHA-256 of what was delivered still checks, and a document that is not a ZIP this
module reads, or shares nothing yet, is stored as it is.

A member is shared once the registry has seen its data twice: data that changes with each act
(the body, the number in a footer) stays in the act's own bytes.
"""

from __future__ import annotations

import hashlib
import struct
from collections.abc import Callable, Iterable, Mapping
from typing import Final

MAGIC: Final = b"docgen-packed/1\n"
"""The start of a packed document; a DOCX starts with ``PK``."""
MIN_SHARED: Final = 256
"""Member data shorter than this (compressed) stays in the act's bytes."""
_LITERAL: Final = b"L"
_PART: Final = b"P"
_LOCAL_HEADER: Final = b"PK\x03\x04"
_DIRECTORY_ENTRY: Final = b"PK\x01\x02"
_DIRECTORY_END: Final = b"PK\x05\x06"
_SEEN_LIMIT: Final = 4096
"""Data hashes remembered while waiting for their second sight (forgotten all at once)."""


class MissingPartError(LookupError):
    """A packed document refers to a part the registry does not have."""


def is_packed(stored: bytes) -> bool:
    """Return whether ``stored`` is a packed document."""
    return bytes(stored[: len(MAGIC)]) == MAGIC


def member_data(document: bytes) -> list[tuple[int, int, int]]:
    """Return the ``(start, end, crc32)`` of each member's data in a ZIP, in order; empty when
    ``document`` is not a ZIP read here (a ZIP64, a comment, overlapping members)."""
    directory_end = len(document) - 22
    if not document.startswith(_LOCAL_HEADER) or directory_end < 0:
        return []
    if document[directory_end : directory_end + 4] != _DIRECTORY_END:
        return []
    count, size, offset = struct.unpack_from("<HII", document, directory_end + 10)
    if offset + size > directory_end:
        return []
    try:
        members = _members(document, count, offset)
    except struct.error:  # a record cut short by the end of the file
        return []
    members.sort()
    previous_end = 0
    for start, end, _ in members:
        if start < previous_end or end > offset:
            return []
        previous_end = end
    return members


def _members(document: bytes, count: int, offset: int) -> list[tuple[int, int, int]]:
    """Return ``(start, end, crc32)`` of the data of the ``count`` members listed from
    ``offset``; empty when a record is not where the directory says."""
    members: list[tuple[int, int, int]] = []
    position = offset
    for _ in range(count):
        if document[position : position + 4] != _DIRECTORY_ENTRY:
            return []
        crc, compressed = struct.unpack_from("<II", document, position + 16)
        name_length, extra_length, comment_length = struct.unpack_from(
            "<HHH", document, position + 28
        )
        (header,) = struct.unpack_from("<I", document, position + 42)
        position += 46 + name_length + extra_length + comment_length
        if document[header : header + 4] != _LOCAL_HEADER:
            return []
        local_name, local_extra = struct.unpack_from("<HH", document, header + 26)
        start = header + 30 + local_name + local_extra
        members.append((start, start + compressed, crc))
    return members


class Packer:
    """Packs the documents of one registry; remembers which parts it knows are stored."""

    def __init__(self) -> None:
        self._seen: set[str] = set()
        self.stored: set[str] = set()
        """Parts committed to the registry (they are never removed)."""
        self._parts: dict[str, bytes] = {}
        self._known: dict[tuple[int, int], tuple[bytes, str]] = {}

    def pack(self, document: bytes) -> tuple[bytes, dict[str, bytes]]:
        """Return the form of ``document`` to store and the parts it refers to, by SHA-256."""
        if is_packed(document):  # not a DOCX, but it must not be read back as a packed one
            return MAGIC + _literal(document), {}
        pieces: list[bytes] = [MAGIC]
        parts: dict[str, bytes] = {}
        position = 0
        for start, end, crc in member_data(document):
            if end - start < MIN_SHARED:
                continue
            data = document[start:end]
            digest = self._known_digest(data, crc) or hashlib.sha256(data).hexdigest()
            if digest not in self.stored and digest not in self._seen:
                if len(self._seen) >= _SEEN_LIMIT:
                    self._seen.clear()
                self._seen.add(digest)
                continue
            self._remember(data, crc, digest)
            if start > position:
                pieces.append(_literal(document[position:start]))
            pieces.append(_PART + bytes.fromhex(digest))
            parts[digest] = data
            position = end
        if not parts:
            return document, {}
        if position < len(document):
            pieces.append(_literal(document[position:]))
        return b"".join(pieces), parts

    def _known_digest(self, data: bytes, crc: int) -> str | None:
        """Return the SHA-256 of member data shared before, recognised by comparing its bytes
        (not hashed again); ``None`` for other data."""
        known = self._known.get((crc, len(data)))
        if known is not None and known[0] == data:
            return known[1]
        return None

    def _remember(self, data: bytes, crc: int, digest: str) -> None:
        """Remember shared member data, to recognise it without hashing it again."""
        if len(self._known) >= _SEEN_LIMIT:
            self._known.clear()
        self._known[crc, len(data)] = (data, digest)

    def unpack(self, stored: bytes, fetch: Callable[[list[str]], Mapping[str, bytes]]) -> bytes:
        """Return the document whose stored form is ``stored``; ``fetch`` returns the parts
        (by SHA-256) not read before. Raise :class:`MissingPartError` for a part not found."""
        stored = bytes(stored)
        if not is_packed(stored):
            return stored
        records = list(_records(stored))
        # The parts are gathered here: another thread may clear the cache meanwhile.
        parts: dict[str, bytes] = {}
        for record in records:
            if isinstance(record, str) and (known := self._parts.get(record)) is not None:
                parts[record] = known
        wanted = sorted({r for r in records if isinstance(r, str) and r not in parts})
        if wanted:
            # A part whose bytes no longer have its hash (a damaged database) counts as missing.
            fetched = {
                digest: bytes(data)
                for digest, data in fetch(wanted).items()
                if hashlib.sha256(data).hexdigest() == digest
            }
            if len(self._parts) >= _SEEN_LIMIT:
                self._parts.clear()
            self._parts.update(fetched)
            parts.update(fetched)
        pieces: list[bytes] = []
        for record in records:
            if isinstance(record, str):
                part = parts.get(record)
                if part is None:
                    raise MissingPartError(record)
                pieces.append(part)
            else:
                pieces.append(record)
        return b"".join(pieces)


def _literal(data: bytes) -> bytes:
    return _LITERAL + len(data).to_bytes(4, "big") + data


def _records(stored: bytes) -> Iterable[bytes | str]:
    """Yield the literal bytes and the part digests (hex) of a packed document."""
    position = len(MAGIC)
    while position < len(stored):
        kind = stored[position : position + 1]
        if kind == _LITERAL:
            length = int.from_bytes(stored[position + 1 : position + 5], "big")
            yield stored[position + 5 : position + 5 + length]
            position += 5 + length
        elif kind == _PART:
            yield stored[position + 1 : position + 33].hex()
            position += 33
        else:
            raise MissingPartError(f"record {kind!r} at {position}")
