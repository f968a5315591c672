"""Packing a registered document: the shared members stored once, the same bytes read back."""

from __future__ import annotations

import io
import random
import zipfile

import pytest
from conftest import example_case

from docgen import render
from docgen.registry.packing import (
    _SEEN_LIMIT,
    MAGIC,
    MissingPartError,
    Packer,
    is_packed,
    member_data,
)


def rendered(act_type: str, lang: str = "ru", **changes: str) -> bytes:
    case = example_case(act_type, lang)
    case.update(changes)
    return render(act_type, case, lang=lang)


@pytest.mark.parametrize("act_type", ["predpisanie", "protest", "proverka"])
@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_unpacking_gives_the_same_bytes(act_type: str, lang: str) -> None:
    packer = Packer()
    first = rendered(act_type, lang)
    second = rendered(act_type, lang, number="7-25/2")
    assert packer.pack(first) == (first, {})  # seen once: stored whole
    packed, parts = packer.pack(second)
    assert is_packed(packed)
    assert len(packed) < len(second) / 2
    assert Packer().unpack(packed, lambda digests: {d: parts[d] for d in digests}) == second


def test_what_changes_with_each_act_stays_in_its_bytes() -> None:
    packer = Packer()
    documents = [rendered("predpisanie", number=f"7-25/{n}") for n in range(1, 4)]
    shared = [set(packer.pack(document)[1]) for document in documents]
    assert shared[0] == set()
    assert shared[1] == shared[2]
    bodies = {zipfile.ZipFile(io.BytesIO(d)).read("word/document.xml") for d in documents}
    assert len(bodies) == 3  # the body differs, so it was never shared


def with_comment(document: bytes) -> bytes:
    return document[:-2] + (5).to_bytes(2, "little") + b"hello"


@pytest.mark.parametrize(
    "document",
    [
        pytest.param(b"%PDF-1.7 not a zip", id="pdf"),
        pytest.param(b"PK\x03\x04 broken", id="broken-zip"),
        pytest.param(rendered("predpisanie")[:-100], id="truncated-zip"),
        pytest.param(with_comment(rendered("predpisanie")), id="zip-with-comment"),
    ],
)
def test_a_document_not_understood_is_stored_as_it_is(document: bytes) -> None:
    packer = Packer()
    assert member_data(document) == []
    assert packer.pack(document) == (document, {})
    assert packer.pack(document) == (document, {})


def test_member_data_agrees_with_zipfile() -> None:
    document = rendered("predpisanie")
    with zipfile.ZipFile(io.BytesIO(document)) as archive:
        expected = sorted((member.compress_size, member.CRC) for member in archive.infolist())
    found = member_data(document)
    assert sorted((end - start, crc) for start, end, crc in found) == expected


def test_data_of_the_same_size_and_crc_is_still_told_apart() -> None:
    packer = Packer()
    one, other = b"a" * 300, b"b" * 300
    packer._remember(one, 42, "digest of one")
    assert packer._known_digest(one, 42) == "digest of one"
    assert packer._known_digest(other, 42) is None


def test_any_bytes_are_read_back_as_they_were() -> None:
    """Damaged, cut, padded ZIPs and text that starts like a packed document: whatever is
    packed is unpacked to the same bytes."""
    rng = random.Random(60)
    good = rendered("predpisanie")
    packer = Packer()
    stored_parts: dict[str, bytes] = {}
    samples = [MAGIC + b"L\x00\x00\x00\x01A", MAGIC, b"", b"PK\x03\x04", good, good]
    for _ in range(300):
        damaged = bytearray(good)
        for _ in range(rng.randint(1, 5)):
            damaged[rng.randrange(len(damaged))] = rng.randrange(256)
        samples.append(bytes(damaged))
        samples.append(good[: rng.randrange(len(good))])
        samples.append(good + bytes(rng.randrange(256) for _ in range(rng.randint(1, 40))))
    for document in samples:
        packed, parts = packer.pack(document)
        stored_parts.update(parts)
        assert Packer().unpack(packed, lambda ds: {d: stored_parts[d] for d in ds}) == document


def test_a_full_cache_of_parts_does_not_lose_one_in_use() -> None:
    packer = Packer()
    document = rendered("predpisanie")
    packer.pack(document)
    packed, parts = packer.pack(document)
    packer.unpack(packed, lambda digests: {d: parts[d] for d in digests})
    for n in range(_SEEN_LIMIT):  # fill the cache up to its limit
        packer._parts[f"filler{n}"] = b""
    other = rendered("protest")
    packer.pack(other)
    packed_other, other_parts = packer.pack(other)
    both = {**parts, **other_parts}
    assert packer.unpack(packed_other, lambda ds: {d: both[d] for d in ds}) == other
    assert packer.unpack(packed, lambda ds: {d: both[d] for d in ds}) == document


def test_a_missing_part_is_reported() -> None:
    packer = Packer()
    document = rendered("predpisanie")
    packer.pack(document)
    packed, _parts = packer.pack(document)
    with pytest.raises(MissingPartError):
        Packer().unpack(packed, lambda digests: {})


def test_a_part_whose_bytes_changed_counts_as_missing() -> None:
    packer = Packer()
    document = rendered("predpisanie")
    packer.pack(document)
    packed, parts = packer.pack(document)
    damaged = {digest: data[:-1] + b"x" for digest, data in parts.items()}
    with pytest.raises(MissingPartError):
        Packer().unpack(packed, lambda digests: {d: damaged[d] for d in digests})
