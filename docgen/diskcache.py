"""A cache on disk of what a process would otherwise rebuild at every start.

A command run once (``docgen render``) spends most of its time preparing things that change only
when their source files change: the compiled message catalogs, the prepared templates. They are
kept here, in the user's cache folder (``$DOCGEN_CACHE_DIR``, else the platform's, e.g.
``~/.cache/docgen``; ``DOCGEN_CACHE_DIR=off`` turns the cache off), each entry under a key that
names the stamps (path, modification time, size) of every file it was made from, docgen's own
code included, and the versions of Python and of the libraries it depends on.

An entry is trusted only for the exact key it was written with: it carries the key and a
SHA-256 digest of its content, and one that does not match (another key, a truncated or altered
file, a file from another program) is ignored and rebuilt. Entries are written atomically (a
temporary file renamed into place), so a reader never sees half of one; a cache that cannot be
read or written is simply not used.
"""

from __future__ import annotations

import hashlib
import os
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Final

CACHE_ENV: Final = "DOCGEN_CACHE_DIR"
OFF: Final = "off"
_MAGIC: Final = b"docgen-cache-1\n"
_DIGEST: Final = 32


def cache_dir() -> Path | None:
    """Return the folder of the cache, or None when the cache is turned off."""
    chosen = os.environ.get(CACHE_ENV)
    if chosen == OFF:
        return None
    if chosen:
        return Path(chosen)
    try:
        if sys.platform.startswith("linux"):  # platformdirs' answer, without importing it
            xdg = os.environ.get("XDG_CACHE_HOME", "").strip()
            base = Path(xdg) if xdg and os.path.isabs(xdg) else Path.home() / ".cache"
            return base / "docgen"
        from platformdirs import user_cache_path

        return user_cache_path("docgen", appauthor=False)
    except (RuntimeError, KeyError, OSError):  # no home folder to be found: no cache
        return None


def file_stamp(path: Path | str) -> str:
    """Return what tells one version of a file from another: its path, mtime and size."""
    status = os.stat(path)
    return f"{os.path.abspath(path)}:{status.st_mtime_ns}:{status.st_size}"


def make_key(kind: str, sources: Iterable[Path | str], *extra: str) -> str:
    """Return the key of an entry of ``kind`` made from the files ``sources`` and ``extra``.

    A caller names its own module file among ``sources`` (and any other code the entry depends
    on), so a changed docgen never reads an older entry. The key also names Python's version.
    """
    parts = [kind, sys.version, file_stamp(__file__), *extra]
    parts.extend(file_stamp(source) for source in sources)
    return "\n".join(parts)


def _entry_path(folder: Path, kind: str, key: str) -> Path:
    name = hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:40]
    return folder / kind / f"{name}.bin"


def load(kind: str, key: str) -> bytes | None:
    """Return the content stored under ``key``, or None when there is none to trust."""
    folder = cache_dir()
    if folder is None:
        return None
    try:
        data = _entry_path(folder, kind, key).read_bytes()
    except OSError:
        return None
    encoded = key.encode("utf-8", "surrogatepass")
    header = _MAGIC + len(encoded).to_bytes(4, "big") + encoded
    if not data.startswith(header):
        return None
    digest = data[len(header) : len(header) + _DIGEST]
    content = data[len(header) + _DIGEST :]
    if len(digest) != _DIGEST or hashlib.sha256(content).digest() != digest:
        return None
    return content


def store(kind: str, key: str, content: bytes) -> None:
    """Store ``content`` under ``key``, atomically; a cache that cannot be written is skipped."""
    folder = cache_dir()
    if folder is None:
        return
    encoded = key.encode("utf-8", "surrogatepass")
    target = _entry_path(folder, kind, key)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
        try:
            with os.fdopen(handle, "wb") as file:
                file.write(_MAGIC + len(encoded).to_bytes(4, "big") + encoded)
                file.write(hashlib.sha256(content).digest())
                file.write(content)
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError:
        return
