"""On-disk caches of data that is slow to derive and never changes between runs.

Some of what mtqa needs is derived from installed packages at every start: the compiled regular
expressions of spaCy's French tokenizer, wordfreq's frequency tables, langdetect's profiles,
the character models built from wordfreq, and the lexicon and verb tables parsed from their
shipped gzip'd files. Each is stored once in the user cache directory and
read back on the next start:

- ``$MTQA_CACHE_DIR``, else ``$XDG_CACHE_HOME/mtqa``, else ``~/.cache/mtqa``;
- ``MTQA_NO_CACHE=1`` turns the caches off (everything is derived as before; nothing is written).

Every file carries a *version key* (the versions of Python and of the packages the data comes
from, and of the file's own layout) and a checksum of its payload. A file whose key differs
(stale) or whose checksum or payload does not read (corrupt, truncated) is ignored and rebuilt
silently. Files are written atomically (a temporary file renamed over the old one), so
concurrent processes never read half a file; a cache directory that cannot be written only
costs the time of rebuilding.

Payloads are :mod:`marshal` data (dicts, lists, tuples, strings, numbers, bytes): fast to read,
and nothing in them is executed.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any

from .fsutil import replaced_atomically

_MAGIC = b"mtqa-cache 1\n"
# the layout of every cached structure; bump to invalidate all caches after a change of code
LAYOUT = "1"


def enabled() -> bool:
    return os.environ.get("MTQA_NO_CACHE", "").strip().lower() in ("", "0", "false", "no")


def cache_dir() -> Path:
    env = os.environ.get("MTQA_CACHE_DIR")
    if env:
        return Path(env)
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg:
        return Path(xdg) / "mtqa"
    try:
        return Path.home() / ".cache" / "mtqa"
    except RuntimeError:  # no home directory (a service account): a folder of the temporary directory
        return Path(tempfile.gettempdir()) / "mtqa-cache"


@lru_cache(maxsize=None)
def package_version(name: str) -> str:
    """A stamp of an installed top-level package, without importing it: its version (from the
    ``.dist-info`` folder next to it) and the size and time of its ``__init__`` file, so a
    reinstall or an upgrade changes it; ``"?"`` when the package is not installed.

    (``importlib.metadata`` scans every distribution on the path and costs more than the caches
    save on a small run.)"""
    from importlib.util import find_spec

    try:
        spec = find_spec(name)
    except (ImportError, ValueError):
        return "?"
    if spec is None or not spec.origin or not os.path.isfile(spec.origin):
        return "?"
    pkg_dir = os.path.dirname(spec.origin)
    site = os.path.dirname(pkg_dir)
    norm = name.replace("-", "_").lower()
    version = "?"
    try:
        for entry in os.listdir(site):
            low = entry.lower()
            if low.startswith(norm + "-") and low.endswith(".dist-info"):
                version = entry[len(norm) + 1 : -len(".dist-info")]
                break
        st = os.stat(spec.origin)
    except OSError:
        return version
    return f"{version}:{st.st_size}:{st.st_mtime_ns}"


def version_key(*parts: str) -> str:
    """A version key: the given parts plus mtqa's cache layout and the Python version (marshal
    data and compiled regular expressions depend on it)."""
    return "|".join([f"layout={LAYOUT}", f"python={sys.version.split()[0]}", *parts])


def _path(name: str) -> Path:
    return cache_dir() / f"{name}.bin"


def load(name: str, key: str) -> Any | None:
    """The cached value called ``name`` if its file holds ``key`` and reads back whole, else
    ``None`` (also when caching is off)."""
    if not enabled():
        return None
    try:
        data = _path(name).read_bytes()
    except OSError:
        return None
    if not data.startswith(_MAGIC):
        return None
    head_end = data.find(b"\n", len(_MAGIC))
    sum_end = data.find(b"\n", head_end + 1)
    if head_end < 0 or sum_end < 0:
        return None
    if data[len(_MAGIC) : head_end] != key.encode("utf-8"):
        return None  # stale: made by other versions
    payload = memoryview(data)[sum_end + 1 :]
    if hashlib.sha256(payload).hexdigest().encode("ascii") != data[head_end + 1 : sum_end]:
        return None  # corrupt or truncated
    try:
        return marshal.loads(payload)
    except (EOFError, ValueError, TypeError):
        return None


def store(name: str, key: str, value: Any) -> bool:
    """Write ``value`` under ``name`` with its version key; ``False`` when it could not be
    written (caching off, unwritable directory, a value marshal cannot hold)."""
    if not enabled():
        return False
    try:
        payload = marshal.dumps(value)
    except ValueError:
        return False
    try:
        with replaced_atomically(_path(name)) as tmp, open(tmp, "wb") as fh:
            fh.write(_MAGIC)
            fh.write(key.encode("utf-8") + b"\n")
            fh.write(hashlib.sha256(payload).hexdigest().encode("ascii") + b"\n")
            fh.write(payload)
    except OSError:
        return False
    return True


def cached(name: str, key: str, build: Callable[[], Any], check: Callable[[Any], bool] | None = None) -> Any:
    """The value cached under ``name`` and ``key``, or ``build()`` stored there first.

    ``check`` may reject a cached value whose shape is not the expected one (it is rebuilt)."""
    value = load(name, key)
    if value is not None and (check is None or _safe_check(check, value)):
        return value
    value = build()
    store(name, key, value)
    return value


def _safe_check(check: Callable[[Any], bool], value: Any) -> bool:
    try:
        return bool(check(value))
    except Exception:
        return False


# -- compiled regular expressions ------------------------------------------------------------
# Python compiles a regular expression in two steps: parsing it and generating the code of its
# matching engine (pure Python, slow for huge character classes: spaCy's French tokenizer has a
# 1.4 MB pattern that takes seconds). The generated code is a list of integers from which
# ``_sre.compile`` makes the pattern object directly, so caching that list gives the very same
# pattern object (the same matching code) without the two steps.

MIN_CACHED_PATTERN = 2000  # characters: shorter patterns compile fast enough
# long patterns made from cached code ("hits") and compiled then cached ("misses") in this process
regex_stats = {"hits": 0, "misses": 0}


def _regex_entry(pattern: str, flags: int) -> tuple | None:
    """What ``_sre.compile`` needs to make ``pattern``, as the standard library computes it
    (``re._compiler.compile``); ``None`` when this Python's internals are not the expected ones."""
    from array import array

    try:
        from re import _compiler, _parser
    except ImportError:  # pragma: no cover - Python < 3.11 names them sre_compile / sre_parse
        return None
    import _sre

    if not hasattr(_compiler, "_code") or _sre.CODESIZE not in (array("I").itemsize, array("L").itemsize):
        return None
    p = _parser.parse(pattern, flags)
    code = _compiler._code(p, flags)
    groupindex = dict(p.state.groupdict)
    indexgroup = [None] * p.state.groups
    for k, i in groupindex.items():
        indexgroup[i] = k
    typecode = "I" if array("I").itemsize == _sre.CODESIZE else "L"
    return (flags | p.state.flags, typecode, array(typecode, code).tobytes(), p.state.groups - 1, groupindex, tuple(indexgroup))


def _regex_from_entry(pattern: str, entry: tuple):
    from array import array

    import _sre

    flags, typecode, code_bytes, groups, groupindex, indexgroup = entry
    code = array(typecode)
    code.frombytes(code_bytes)
    return _sre.compile(pattern, flags, code.tolist(), groups, groupindex, indexgroup)


def _regex_key(pattern: str, flags: int) -> str:
    return hashlib.sha256(f"{flags}\0{pattern}".encode("utf-8", "surrogatepass")).hexdigest()


@contextmanager
def compiled_regexes(name: str, key: str) -> Iterator[None]:
    """Inside this block, long regular expressions (:data:`MIN_CACHED_PATTERN` characters or
    more) are made from their code cached under ``name``; patterns compiled for the first time
    are added to the cache when the block ends.

    The cache key must name everything the patterns come from (e.g. the spaCy and model
    versions); :func:`version_key` adds the Python version, which the code depends on."""
    if not enabled():
        yield
        return
    from re import _compiler

    import _sre

    key = version_key(f"sre={_sre.MAGIC}", key)
    loaded = load(name, key)
    entries: dict[str, tuple] = loaded if isinstance(loaded, dict) else {}
    added = False
    real = _compiler.compile

    def compile(p, flags=0):  # noqa: A001 - same signature as re._compiler.compile
        nonlocal added
        if not isinstance(p, str) or len(p) < MIN_CACHED_PATTERN or flags & _compiler.SRE_FLAG_DEBUG:
            return real(p, flags)
        h = _regex_key(p, flags)
        entry = entries.get(h)
        if entry is not None:
            try:
                compiled = _regex_from_entry(p, entry)
                regex_stats["hits"] += 1
                return compiled
            except Exception:  # a corrupt entry: made again below
                entries.pop(h, None)
        try:
            entry = _regex_entry(p, flags)
            compiled = _regex_from_entry(p, entry) if entry is not None else None
        except Exception:
            entry = compiled = None
        if compiled is None:
            return real(p, flags)  # (also raises the usual re.error for a bad pattern)
        entries[h] = entry
        added = True
        regex_stats["misses"] += 1
        return compiled

    _compiler.compile = compile
    try:
        yield
    finally:
        _compiler.compile = real
        if added:
            store(name, key, entries)


# -- tables looked up key by key --------------------------------------------------------------
# A table of hundreds of thousands of entries of which a run reads a few thousand (wordfreq's
# frequencies, langdetect's n-gram profiles) is cheaper to look up in an SQLite file than to read
# whole at every start.

# the layout of the tables' files: entries(k TEXT PRIMARY KEY, v) WITHOUT ROWID, meta(k, v). It is
# part of the file's name, so versions of mtqa with other layouts sharing a cache directory keep
# files of their own instead of remaking each other's
SQLITE_LAYOUT = "2"


class SqliteTable:
    """A read-only ``str -> value`` table kept in ``<cache dir>/<name>.t2.sqlite``, made once by
    ``build()`` (a dict of strings to numbers, strings or bytes) and looked up key by key.

    The file holds the version key; a file with another key, or one SQLite cannot read
    (truncated, not a database), is made again silently, also when it is damaged after it was
    opened. A process opens its own connection (a forked worker does not reuse its parent's),
    and look-ups are serialised by a lock, so threads may share a table. With caching off, or
    when the file cannot be written, the built dict is kept in memory instead."""

    def __init__(self, name: str, key: str, build: Callable[[], dict[str, Any]], probe: str) -> None:
        import threading

        self.name = name
        self.key = key
        self._build_items = build
        self._probe = probe  # a key the table holds: reading it proves the file is whole enough
        self._conn = None
        self._pid = -1
        self._memory: dict[str, Any] | None = None
        self._lock = threading.Lock()

    @property
    def path(self) -> Path:
        return cache_dir() / f"{self.name}.t{SQLITE_LAYOUT}.sqlite"

    def get(self, k: str, default: Any = None) -> Any:
        with self._lock:
            return self._lookup(k, default, retry=True)

    def keys(self) -> list[str]:
        with self._lock:
            conn = self._connection()
            if conn is None:
                return list(self._memory or {})
            return [k for (k,) in conn.execute("SELECT k FROM entries")]

    def __len__(self) -> int:
        with self._lock:
            conn = self._connection()
            if conn is None:
                return len(self._memory or {})
            return conn.execute("SELECT COUNT(*) FROM entries").fetchone()[0]

    def _lookup(self, k: str, default: Any, retry: bool) -> Any:
        import sqlite3

        conn = self._connection()
        if conn is None:
            return (self._memory or {}).get(k, default)
        try:
            row = conn.execute("SELECT v FROM entries WHERE k = ?", (k,)).fetchone()
        except sqlite3.DatabaseError:
            if not retry:
                raise
            self._close()
            self._write(self._build_items())  # damaged after it was opened: made again
            return self._lookup(k, default, retry=False)
        return row[0] if row is not None else default

    def _close(self) -> None:
        if self._conn is not None and self._pid == os.getpid():
            self._conn.close()
        self._conn = None

    def _connection(self):
        if self._memory is not None:
            return None
        if self._conn is not None and self._pid == os.getpid():
            return self._conn
        self._conn = None  # (a connection inherited through fork is never used)
        conn = self._open() if enabled() else None
        if conn is None and enabled():
            self._write(self._build_items())
            conn = self._open() if self._memory is None else None
        if conn is None:
            if self._memory is None:
                self._memory = self._build_items()
            return None
        self._conn, self._pid = conn, os.getpid()
        return conn

    def _open(self):
        import sqlite3

        path = self.path
        if not path.is_file():
            return None
        try:
            # immutable: no file locks and no check for changes at every look-up (a third of
            # its cost). The file is never changed in place: it is written beside and renamed
            # over (replaced_atomically), so the file this connection opened stays as it was.
            conn = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True, check_same_thread=False)
            row = conn.execute("SELECT v FROM meta WHERE k = 'key'").fetchone()
            if row is None or row[0] != self.key:
                conn.close()
                return None  # stale
            conn.execute("SELECT v FROM entries WHERE k = ?", (self._probe,)).fetchone()
        except sqlite3.DatabaseError:
            return None  # corrupt
        return conn

    def _write(self, items: dict[str, Any]) -> None:
        import sqlite3

        try:
            with replaced_atomically(self.path) as tmp:
                conn = sqlite3.connect(tmp)
                try:
                    conn.execute("PRAGMA journal_mode=OFF")
                    conn.execute("PRAGMA synchronous=OFF")
                    conn.execute("CREATE TABLE meta (k TEXT PRIMARY KEY, v TEXT)")
                    conn.execute("CREATE TABLE entries (k TEXT PRIMARY KEY, v) WITHOUT ROWID")
                    conn.executemany("INSERT INTO entries VALUES (?, ?)", items.items())
                    conn.execute("INSERT INTO meta VALUES ('key', ?)", (self.key,))
                    conn.commit()
                finally:
                    conn.close()
        except (OSError, sqlite3.Error):
            self._memory = items  # no usable cache directory: kept in memory
