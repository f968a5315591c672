"""Writing documents safely: safe file names, atomic writes, no silent overwrite."""

from __future__ import annotations

import errno
import os
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO, Final

from .errors import NoSpaceError, OutputError, OutputExistsError
from .i18n import N_

_UNSAFE: Final = re.compile(r"[^\w\-.]+", re.UNICODE)
_WINDOWS_RESERVED: Final = frozenset(
    {"CON", "PRN", "AUX", "NUL"}
    | {f"COM{i}" for i in range(1, 10)}
    | {f"LPT{i}" for i in range(1, 10)}
)
_MAX_STEM: Final = 120
_NO_SPACE: Final = frozenset({errno.ENOSPC, errno.EDQUOT})


def no_space(error: OSError) -> bool:
    """Return whether ``error`` says the disk (or the user's quota) is full."""
    return error.errno in _NO_SPACE


def _current_umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def safe_stem(text: str) -> str:
    """Return ``text`` as a file name stem valid on Windows and POSIX, never a path."""
    stem = _UNSAFE.sub("_", text).strip("._ ")
    stem = re.sub(r"_+", "_", stem)[:_MAX_STEM].rstrip("._ ")
    if not stem:
        stem = "act"
    if stem.split(".")[0].upper() in _WINDOWS_RESERVED:
        stem = f"_{stem}"
    return stem


def default_output_name(act_type: str, number: str, suffix: str = ".docx") -> str:
    """Return the default file name of an act: ``<type>_<number>.docx``, made safe."""
    return f"{act_type}_{safe_stem(number)}{suffix}"


def check_target(target: Path) -> Path:
    """Return the folder of ``target``; raise :class:`OutputError` when nothing can go there."""
    folder = target.parent if str(target.parent) else Path(".")
    if folder.exists() and not folder.is_dir():
        raise OutputError(
            str(target),
            N_("{folder} is a file, not a folder: the act cannot be written in it"),
            folder=str(folder),
        )
    if not folder.is_dir():
        raise OutputError(str(target), N_("the output folder does not exist"))
    if target.is_dir():
        raise OutputError(str(target), N_("a folder with this name already exists"))
    return folder


@contextmanager
def atomic_file(
    target: Path | str, *, overwrite: bool = False, durable: bool = True
) -> Iterator[BinaryIO]:
    """Yield a binary handle whose content becomes ``target`` all at once when the block ends.

    The data goes to a temporary file next to ``target``, moved into place on success and
    removed on failure, so a reader sees the whole file or none. ``durable=False`` skips the
    fsync (a batch flushes everything once at the end). Without ``overwrite`` an existing file
    is left alone and :class:`OutputExistsError` is raised, before and after the writing.
    """
    target = Path(target)
    folder = check_target(target)
    if not overwrite and target.exists():
        raise OutputExistsError(str(target))
    try:
        fd, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=folder)
    except OSError as error:
        if no_space(error):
            raise NoSpaceError(str(target), str(folder)) from None
        raise OutputError(
            str(target),
            N_("the output folder cannot be written: {detail}"),
            detail=error.strerror or str(error),
        ) from None
    temp = Path(temp_name)
    try:
        # mkstemp makes the file private (0600); a document gets the usual permissions instead.
        os.fchmod(fd, 0o666 & ~_current_umask())
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        if overwrite:
            os.replace(temp, target)
        else:
            try:
                os.link(temp, target)
            except FileExistsError:
                raise OutputExistsError(str(target)) from None
            except OSError:
                # Filesystems without hard links: the existence check above has to do.
                os.replace(temp, target)
    except OutputError:
        raise
    except OSError as error:
        if no_space(error):
            raise NoSpaceError(str(target), str(folder)) from None
        raise OutputError(
            str(target),
            N_("the file cannot be written: {detail}"),
            detail=error.strerror or str(error),
        ) from None
    finally:
        temp.unlink(missing_ok=True)


def write_atomic(
    target: Path | str, data: bytes, *, overwrite: bool = False, durable: bool = True
) -> Path:
    """Write ``data`` to ``target`` all at once (see :func:`atomic_file`); return its path."""
    with atomic_file(target, overwrite=overwrite, durable=durable) as handle:
        handle.write(data)
    return Path(target)
