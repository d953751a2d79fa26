"""Archives of articles: Parquet files and JSON lines, one article per record.

A record holds an id and the article text (``id`` and ``text`` by default; ``--id-field`` and
``--text-field`` name other columns) and optionally ``source`` (the original article), ``ref``
(a reference translation, or a list of them), ``lang`` (the target language), ``date`` and
``section``. Each record is one document: its text is the record's text exactly as stored (offsets
point into it), its key is ``FILE#ID`` (the line number, or the row number for Parquet, when the
record has no id). With a source or references the article is read one segment per line and they
are aligned line by line, as ``--source``/``--ref`` align plain files; otherwise paragraphs are
separated by blank lines.

Inputs are files, folders (searched for ``.parquet``, ``.pq``, ``.jsonl`` and ``.ndjson`` files),
globs, or fsspec URLs (``s3://bucket/archive/*.parquet``, ``gs://...``) when fsspec and the
filesystem's package (s3fs, gcsfs) are installed. An archive is cut into :class:`Part` s, row
ranges of Parquet files or line-aligned byte ranges of JSON-lines files, which a worker reads on
its own (see :mod:`mtqa.distributed`).

A record that cannot be read (malformed JSON, no text, a source whose lines do not match) is an
input error of that record only; the other records of the file are checked.
"""

from __future__ import annotations

import glob as _glob
import math
import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from ..errors import InputProblem
from ..model import Document, InputError

PARQUET_EXTENSIONS = (".parquet", ".pq")
JSONL_EXTENSIONS = (".jsonl", ".ndjson")
ARCHIVE_EXTENSIONS = PARQUET_EXTENSIONS + JSONL_EXTENSIONS
META_FIELDS = ("date", "section")
_BLOCK = 1 << 23  # bytes read at a time when cutting JSON lines at line boundaries
# upper bounds of a part, whatever the number of parts asked for: what a worker reads at once
MAX_PART_BYTES = 64 << 20
MAX_PART_ROWS = 50_000


@dataclass(frozen=True)
class Fields:
    """Column names of the id and the article text."""

    id: str = "id"
    text: str = "text"


@dataclass(frozen=True)
class Part:
    """A piece of one archive file that a worker reads by itself.

    Parquet: rows ``start`` to ``stop`` (row numbers of the file). JSON lines: bytes ``start`` to
    ``stop``, cut at line boundaries, the first of them on line ``first_line``."""

    url: str
    kind: str  # "parquet" or "jsonl"
    start: int
    stop: int
    first_line: int = 1


def is_archive_path(path: str) -> bool:
    return path.lower().endswith(ARCHIVE_EXTENSIONS)


# -- files, folders, globs, URLs ----------------------------------------------------------------
def _remote(url: str) -> bool:
    return "://" in url and not url.startswith("file://")


def _fs(url: str) -> tuple[Any, str]:
    """The fsspec filesystem of a URL and the path inside it."""
    try:
        import fsspec
    except ImportError:
        raise InputProblem(url, "reading URLs needs fsspec: install mtqa[dask]") from None
    try:
        return fsspec.core.url_to_fs(url)
    except ImportError as exc:
        raise InputProblem(url, f"no filesystem package for this URL ({exc})") from None
    except (ValueError, OSError) as exc:
        raise InputProblem(url, f"cannot open: {exc}") from None


def _kind(path: str) -> str:
    return "parquet" if path.lower().endswith(PARQUET_EXTENSIONS) else "jsonl"


def expand(paths: list[str]) -> Iterator[tuple[str, InputProblem | None]]:
    """Archive files named by ``paths`` (sorted within each folder or glob); missing inputs and
    folders without archives are problems."""
    for path in paths:
        if path.startswith("file://"):
            path = path[len("file://"):]
        if _remote(path):
            yield from _expand_remote(path)
            continue
        if any(c in path for c in "*?["):
            found = sorted(p for p in _glob.glob(path, recursive=True) if os.path.isfile(p))
            if not found:
                yield path, InputProblem(path, "no file matches")
            yield from ((f, _unsupported(f)) for f in found)
        elif os.path.isdir(path):
            found = sorted(
                os.path.join(d, f)
                for d, dirs, files in os.walk(path)
                for f in files
                if is_archive_path(f) and not f.startswith(".")
            )
            if not found:
                yield path, InputProblem(path, f"folder has no archive files ({', '.join(ARCHIVE_EXTENSIONS)})")
            yield from ((f, None) for f in found)
        elif not os.path.exists(path):
            yield path, InputProblem(path, "no such file or directory")
        else:
            yield path, _unsupported(path)


def _unsupported(path: str) -> InputProblem | None:
    if is_archive_path(path):
        return None
    return InputProblem(path, f"not an archive file (Parquet or JSON lines: {', '.join(ARCHIVE_EXTENSIONS)})")


def _expand_remote(url: str) -> Iterator[tuple[str, InputProblem | None]]:
    try:
        fs, path = _fs(url)
        if any(c in path for c in "*?["):
            found = sorted(fs.glob(path))
        elif fs.isdir(path):
            found = sorted(p for p in fs.find(path) if is_archive_path(p))
        elif fs.exists(path):
            found = [path]
        else:
            raise InputProblem(url, "no such file or directory")
    except InputProblem as exc:
        yield url, exc
        return
    except OSError as exc:
        yield url, InputProblem(url, f"cannot list: {exc}")
        return
    if not found:
        yield url, InputProblem(url, "no archive file found")
    for p in found:
        full = p if "://" in p else fs.unstrip_protocol(p)
        yield full, _unsupported(full)


def _open(url: str):
    if _remote(url):
        fs, path = _fs(url)
        return fs.open(path, "rb")
    return open(url, "rb")


def _size(url: str) -> int:
    if _remote(url):
        fs, path = _fs(url)
        return int(fs.size(path))
    return os.path.getsize(url)


def _parquet_file(f: Any, url: str):
    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise InputProblem(url, "reading Parquet needs pyarrow: install mtqa[dask]") from None
    try:
        return pq.ParquetFile(f)
    except Exception as exc:  # pyarrow raises ArrowInvalid, OSError, ... for a damaged file
        raise InputProblem(url, f"not a readable Parquet file: {exc}") from None


# -- cutting an archive into parts --------------------------------------------------------------
def plan(paths: list[str], partitions: int) -> tuple[list[Part], list[InputError]]:
    """Parts of about equal size, ``partitions`` in all (at least one per file, and more when a
    part would exceed :data:`MAX_PART_BYTES` or :data:`MAX_PART_ROWS`). Parquet files are cut by
    rows (only their footer is read here); JSON-lines files by bytes at line boundaries (read
    once here, a block at a time, to number the lines)."""
    files: list[tuple[str, int]] = []
    errors: list[InputError] = []
    for url, problem in expand(paths):
        if problem is not None:
            errors.append(InputError(problem.path, problem.message))
            continue
        try:
            files.append((url, _size(url)))
        except OSError as exc:
            errors.append(InputError(url, f"cannot read: {exc.strerror or exc}"))
    total = sum(size for _, size in files) or 1
    parts: list[Part] = []
    for url, size in files:
        k = max(1, round(partitions * size / total))
        try:
            parts.extend(_parquet_parts(url, k) if _kind(url) == "parquet" else _jsonl_parts(url, size, k))
        except InputProblem as exc:
            errors.append(InputError(exc.path, exc.message))
        except OSError as exc:
            errors.append(InputError(url, f"cannot read: {exc.strerror or exc}"))
    return parts, errors


def _parquet_parts(url: str, k: int) -> list[Part]:
    with _open(url) as f:
        rows = _parquet_file(f, url).metadata.num_rows
    if rows == 0:
        raise InputProblem(url, "archive has no records")
    k = min(max(k, math.ceil(rows / MAX_PART_ROWS)), rows)
    step = math.ceil(rows / k)
    return [Part(url, "parquet", a, min(a + step, rows)) for a in range(0, rows, step)]


def _jsonl_parts(url: str, size: int, k: int) -> list[Part]:
    if size == 0:
        raise InputProblem(url, "file is empty")
    k = max(k, math.ceil(size / MAX_PART_BYTES))
    targets = [size * i // k for i in range(1, k)]
    bounds = [(0, 1)]  # (byte where a part starts, its line number)
    with _open(url) as f:
        pos, lines, ti = 0, 1, 0
        while ti < len(targets):
            block = f.read(_BLOCK)
            if not block:
                break
            at = 0
            while ti < len(targets):
                nl = block.find(b"\n", max(at, targets[ti] - pos))
                if nl < 0:
                    break
                start = pos + nl + 1
                if start < size:
                    bounds.append((start, lines + block.count(b"\n", 0, nl + 1)))
                while ti < len(targets) and targets[ti] < start:
                    ti += 1
                at = nl + 1
            lines += block.count(b"\n")
            pos += len(block)
    stops = [b for b, _ in bounds[1:]] + [size]
    return [Part(url, "jsonl", b, stop, n) for (b, n), stop in zip(bounds, stops)]


# -- reading ------------------------------------------------------------------------------------
def read_part(part: Part, fields: Fields = Fields()) -> Iterator[Document | InputError]:
    """The documents of one part, in file order; unreadable records are input errors."""
    try:
        if part.kind == "parquet":
            yield from _read_parquet(part, fields)
        else:
            yield from _read_jsonl(part, fields)
    except InputProblem as exc:
        yield InputError(exc.path, exc.message)
    except OSError as exc:
        yield InputError(part.url, f"cannot read: {exc.strerror or exc}")


def iter_documents(paths: list[str], fields: Fields = Fields()) -> Iterator[Document | InputError]:
    """Every record of every archive file, in order (one process, no partitioning)."""
    for url, problem in expand(paths):
        if problem is not None:
            yield InputError(problem.path, problem.message)
            continue
        try:
            size = _size(url)
        except OSError as exc:
            yield InputError(url, f"cannot read: {exc.strerror or exc}")
            continue
        if _kind(url) == "parquet":
            yield from read_part(Part(url, "parquet", 0, -1), fields)
        elif size == 0:
            yield InputError(url, "file is empty")
        else:
            yield from read_part(Part(url, "jsonl", 0, size), fields)


def _read_jsonl(part: Part, fields: Fields) -> Iterator[Document | InputError]:
    from .bilingual import json_object

    with _open(part.url) as f:
        f.seek(part.start)
        data = f.read(part.stop - part.start)
    n = part.first_line - 1
    for raw in data.split(b"\n"):
        n += 1
        if not raw.strip():
            continue
        where = f"{part.url}#{n}"
        try:
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise InputProblem(part.url, f"invalid UTF-8 at line {n}, byte {exc.start + 1} of the line") from None
            if n == 1 and line.startswith("\ufeff"):
                line = line[1:]
            yield record_document(json_object(line, part.url, n), part.url, str(n), fields)
        except InputProblem as exc:
            yield InputError(exc.path if exc.path != part.url else where, exc.message)


def _read_parquet(part: Part, fields: Fields) -> Iterator[Document | InputError]:
    with _open(part.url) as f:
        pf = _parquet_file(f, part.url)
        names = set(pf.schema_arrow.names)
        if fields.text not in names:
            raise InputProblem(part.url, f"no {fields.text!r} column (columns: {', '.join(sorted(names))}; see --text-field)")
        wanted = [c for c in dict.fromkeys((fields.id, fields.text, "source", "ref", "lang", *META_FIELDS)) if c in names]
        stop = pf.metadata.num_rows if part.stop < 0 else part.stop
        row = 0
        for g in range(pf.metadata.num_row_groups):
            count = pf.metadata.row_group(g).num_rows
            lo, hi = max(part.start, row), min(stop, row + count)
            if lo < hi:
                table = pf.read_row_group(g, columns=wanted).slice(lo - row, hi - lo)
                for k, rec in enumerate(table.to_pylist()):
                    n = lo + k + 1
                    try:
                        yield record_document(rec, part.url, str(n), fields)
                    except InputProblem as exc:
                        yield InputError(exc.path, exc.message)
            row += count
            if row >= stop:
                break


def record_document(rec: Mapping[str, Any], path: str, number: str, fields: Fields = Fields()) -> Document:
    """One archive record as a document; ``number`` (line or row) is its id when it has none."""
    rid = rec.get(fields.id)
    doc_id = number if rid is None or (isinstance(rid, str) and not rid.strip()) else str(rid)
    key = f"{path}#{doc_id}"
    text = rec.get(fields.text)
    if not isinstance(text, str):
        what = "no" if text is None else "a non-string"
        raise InputProblem(key, f"record has {what} {fields.text!r} field (see --text-field)")
    if not text.strip():
        raise InputProblem(key, "record has no text")
    source = rec.get("source")
    if source is not None and not isinstance(source, str):
        raise InputProblem(key, "record has a non-string 'source' field")
    ref = rec.get("ref")
    refs = [r for r in ([ref] if isinstance(ref, str) else ref or []) if isinstance(r, str) and r.strip()]
    if (source and source.strip()) or refs:
        from ..api import attach_aligned
        from .text import read_lines

        doc = attach_aligned(
            read_lines(text, path), source if source and source.strip() else None,
            [(f"{key} (ref {i + 1})", r) for i, r in enumerate(refs)], f"{key} (source)",
        )
        doc.format = "archive-lines"
    else:
        doc = Document(text, path, fmt="archive")
    if not doc.paragraphs:
        raise InputProblem(key, "record has no text")
    doc.doc_id = doc_id
    lang = rec.get("lang")
    if isinstance(lang, str) and lang.strip():
        from .bilingual import language_code

        code = language_code(lang)
        if code:
            doc.meta["target_language"] = code
    for name in META_FIELDS:
        if rec.get(name) is not None:
            doc.meta[name] = str(rec[name])
    return doc
