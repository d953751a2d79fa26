"""The JSON report: the stable contract read by dashboards and CI (schema_version "1")."""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, TextIO

from .. import __version__
from ..model import DocumentResult, Report, Segment
from . import register

SCHEMA_VERSION = "1"


def _segment(s: Segment) -> dict[str, Any]:
    out: dict[str, Any] = {
        "index": s.index,
        "start": s.start,
        "end": s.end,
        "kind": s.kind,
        "language": s.language,
        "confidence": round(float(s.confidence), 3),
        "line": s.line,
    }
    if s.id is not None:
        out["id"] = s.id
    if s.parent is not None:
        out["parent"] = s.parent
    return out


def document_dict(d: DocumentResult, *, sentences: bool = True) -> dict[str, Any]:
    return _document(d, sentences=sentences, lazy=False)


def _document(d: DocumentResult, *, sentences: bool = True, lazy: bool) -> dict[str, Any]:
    """A document's report entry; with ``lazy``, its long lists (segments, issues, sentences) are
    :class:`_Items` made one entry at a time as they are written (same keys, same order)."""
    items: Any = _Items if lazy else list
    out: dict[str, Any] = {
        "path": d.path,
        "target_language": d.target_language,
        "word_count": d.word_count,
        "segments": items(_segment(s) for s in d.segments),
        "issues": items(i.to_dict() for i in d.issues),
        "scores": d.scores,
        "quality": d.quality,
    }
    if d.doc_id is not None:
        out["doc_id"] = d.doc_id
    if sentences:
        out["sentences"] = items(_segment(s) for s in d.sentences)
    if d.gate_failures:
        out["gate_failures"] = d.gate_failures
    return out


def _summary(report: Report) -> dict[str, Any]:
    """Counts of the whole run, in one pass over the documents (which may be on disk)."""
    categories: Counter[str] = Counter()
    severities: Counter[str] = Counter()
    rules: Counter[str] = Counter()
    documents = words = issues = 0
    passed = not report.errors
    for d in report.documents:
        documents += 1
        words += d.word_count
        passed = passed and not d.gate_failures
        for i in d.issues:
            issues += 1
            categories[i.category] += 1
            severities[i.severity.value] += 1
            rules[i.rule] += 1
    return {
        "documents": documents,
        "issues": issues,
        "by_category": dict(sorted(categories.items())),
        "by_severity": dict(sorted(severities.items())),
        "by_rule": dict(sorted(rules.items())),
        "words": words,
        "passed": passed,
    }


def report_dict(report: Report) -> dict[str, Any]:
    return _report(report, lazy=False)


def _report(report: Report, *, lazy: bool) -> dict[str, Any]:
    documents: Any = (
        _Items(_Entry(_document(d, lazy=True)) for d in report.documents) if lazy
        else [document_dict(d) for d in report.documents]
    )
    out: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "mtqa", "version": __version__},
        "documents": documents,
        "summary": _summary(report),
    }
    if report.corpus_scores is not None:
        out["corpus_scores"] = report.corpus_scores
    if report.errors:
        out["errors"] = [{"path": e.path, "message": e.message} for e in report.errors]
    if report.notices:
        out["notices"] = list(report.notices)
    return _Entry(out) if lazy else out


@register("json")
def render_json(report: Report, options: dict[str, Any]) -> str:
    return json.dumps(report_dict(report), ensure_ascii=False, indent=2) + "\n"


# -- the report written a piece at a time -------------------------------------------------------


class _Items:
    """A list of the report made one entry at a time while it is written."""

    def __init__(self, entries: Iterable[Any]) -> None:
        self.entries = entries


class _Entry(dict):
    """An object of the report written key by key (because some of its values are _Items)."""


def _chunks(value: Any, depth: int) -> Iterator[str]:
    """The text of ``value`` at nesting ``depth``, exactly as ``json.dumps(..., indent=2)`` lays
    it out inside the whole report: strings never hold a raw newline, so a value encoded alone
    is re-indented by prefixing its lines."""
    if isinstance(value, _Items):
        first = True
        for entry in value.entries:
            yield ("[" if first else ",") + "\n" + "  " * (depth + 1)
            yield from _chunks(entry, depth + 1)
            first = False
        yield "[]" if first else "\n" + "  " * depth + "]"
    elif isinstance(value, _Entry):
        if not value:
            yield "{}"
            return
        for n, (key, v) in enumerate(value.items()):
            yield ("," if n else "{") + "\n" + "  " * (depth + 1) + _key(key) + ": "
            yield from _chunks(v, depth + 1)
        yield "\n" + "  " * depth + "}"
    else:
        yield dumps_indented(value, depth)


# -- json.dumps(value, ensure_ascii=False, indent=2), faster -------------------------------------
# The standard library lays out an indented document with its pure-Python encoder (the C one
# only writes compact JSON): a generator per container and a call per value, a twentieth of a
# corpus run's CPU time. The report's values are plain dicts, lists, strings, numbers, booleans
# and None, so they are written here with the same C string escaper and the same number
# formats, nested dicts and lists laid out as json.dumps lays them out at that depth (the same
# characters: tests/test_json_stream.py). Anything else goes to json.dumps, which formats it or
# raises as it would have. MTQA_STDLIB_JSON=1 writes every value with json.dumps.
_escape = json.encoder.encode_basestring  # the C escaper when available: ensure_ascii=False's
_INF = float("inf")


def _float(o: float) -> str:
    if o != o:
        return "NaN"
    if o == _INF:
        return "Infinity"
    if o == -_INF:
        return "-Infinity"
    return float.__repr__(o)


def _key(key: Any) -> str:
    if type(key) is str:
        return _escape(key)
    return json.dumps({key: 0}, ensure_ascii=False)[1:-4]  # json.dumps's own key conversion (or error)


def _write(o: Any, depth: int, out: list[str]) -> None:
    t = type(o)
    if t is str:
        out.append(_escape(o))
    elif o is None:
        out.append("null")
    elif o is True:
        out.append("true")
    elif o is False:
        out.append("false")
    elif t is int:
        out.append(int.__repr__(o))
    elif t is float:
        out.append(_float(o))
    elif t is dict:
        if not o:
            out.append("{}")
            return
        inner = "\n" + "  " * (depth + 1)
        sep = "{" + inner
        for k, v in o.items():
            out.append(sep)
            out.append(_key(k))
            out.append(": ")
            _write(v, depth + 1, out)
            sep = "," + inner
        out.append("\n" + "  " * depth + "}")
    elif t is list or t is tuple:
        if not o:
            out.append("[]")
            return
        inner = "\n" + "  " * (depth + 1)
        sep = "[" + inner
        for v in o:
            out.append(sep)
            _write(v, depth + 1, out)
            sep = "," + inner
        out.append("\n" + "  " * depth + "]")
    else:  # a subclass or another type: json.dumps's own handling, re-indented to the depth
        text = json.dumps(o, ensure_ascii=False, indent=2)
        out.append(text.replace("\n", "\n" + "  " * depth) if depth and "\n" in text else text)


def dumps_indented(value: Any, depth: int = 0) -> str:
    """``json.dumps(value, ensure_ascii=False, indent=2)`` as it appears at nesting ``depth`` of
    an indented document (its lines after the first indented by ``depth`` levels)."""
    if os.environ.get("MTQA_STDLIB_JSON"):
        text = json.dumps(value, ensure_ascii=False, indent=2)
        return text.replace("\n", "\n" + "  " * depth) if depth and "\n" in text else text
    out: list[str] = []
    _write(value, depth, out)
    return "".join(out)


def iter_json(report: Report, chunk_chars: int = 1 << 16) -> Iterator[str]:
    """The text of :func:`render_json`, in pieces of about ``chunk_chars`` characters, made
    document by document and finding by finding: the whole report is never one string, nor one
    object."""
    buf: list[str] = []
    size = 0
    for piece in _chunks(_report(report, lazy=True), 0):
        buf.append(piece)
        size += len(piece)
        if size >= chunk_chars:
            yield "".join(buf)
            buf, size = [], 0
    buf.append("\n")
    yield "".join(buf)


def write_json(report: Report, fh: TextIO) -> None:
    """Write :func:`render_json`'s text to ``fh`` a piece at a time (see :func:`iter_json`)."""
    for piece in iter_json(report):
        fh.write(piece)


def write_file(report: Report, path: str | os.PathLike[str]) -> None:
    """Write the JSON report to ``path`` a piece at a time, atomically: a temporary file, then a
    rename. An interrupted or failed write leaves the previous file (or none), never part of a
    report. The bytes are those of :func:`render_json`."""
    from ..errors import MtqaError
    from ..fsutil import default_mode, replaced_atomically

    target = Path(path)
    try:
        with replaced_atomically(target, mode=default_mode()) as tmp, open(tmp, "w", encoding="utf-8", newline="") as fh:
            write_json(report, fh)
    except OSError as exc:
        raise MtqaError(f"cannot write {target}: {exc.strerror or exc}") from None
