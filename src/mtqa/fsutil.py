"""Atomic file writes: a temporary file in the target's folder, then a rename.

A reader of the target never sees a half-written file, an interrupted run leaves the previous
file (or none) in place, and two runs writing the same file leave one complete report.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import MtqaError


def atomic_write(path: str | os.PathLike[str], data: str | bytes, *, keep_mode: bool = True, what: str = "") -> None:
    """Write ``data`` (text as UTF-8) to ``path`` through a temporary file and ``os.replace``."""
    target = Path(path)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        mode = None
        if keep_mode:
            try:
                mode = target.stat().st_mode & 0o7777
            except OSError:
                mode = None
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(raw)
                fh.flush()
                os.fsync(fh.fileno())
            if mode is None:
                umask = os.umask(0)
                os.umask(umask)
                mode = 0o666 & ~umask
            os.chmod(tmp, mode)
            os.replace(tmp, target)
        except BaseException:
            try:
                os.unlink(tmp)
            except OSError:
                pass
            raise
    except OSError as exc:
        raise MtqaError(f"cannot write {what + ' ' if what else ''}{target}: {exc.strerror or exc}") from None
