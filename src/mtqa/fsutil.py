"""Atomic file writes: a temporary file in the target's folder, then a rename.

A reader of the target never sees a half-written file, an interrupted run leaves the previous
file (or none) in place, and two runs writing the same file leave one complete report.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from .errors import MtqaError


def default_mode() -> int:
    """The mode a new file gets under the process's umask."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


@contextmanager
def replaced_atomically(path: str | os.PathLike[str], *, mode: int | None = None) -> Iterator[str]:
    """A temporary file beside ``path`` to write: when the block ends without an exception it
    replaces ``path`` (given ``mode`` first, if any); otherwise it is removed. ``OSError`` goes
    to the caller."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    try:
        yield tmp
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        with suppress(OSError):
            os.unlink(tmp)
        raise


def atomic_write(path: str | os.PathLike[str], data: str | bytes, *, keep_mode: bool = True, what: str = "") -> None:
    """Write ``data`` (text as UTF-8) to ``path`` through a temporary file and ``os.replace``."""
    target = Path(path)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    try:
        mode = None
        if keep_mode:
            with suppress(OSError):
                mode = target.stat().st_mode & 0o7777
        with replaced_atomically(target, mode=default_mode() if mode is None else mode) as tmp, open(tmp, "wb") as fh:
            fh.write(raw)
            fh.flush()
            os.fsync(fh.fileno())
    except OSError as exc:
        raise MtqaError(f"cannot write {what + ' ' if what else ''}{target}: {exc.strerror or exc}") from None
