"""The JSON report: the stable contract read by dashboards and CI (schema_version "1")."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

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
    out: dict[str, Any] = {
        "path": d.path,
        "target_language": d.target_language,
        "word_count": d.word_count,
        "segments": [_segment(s) for s in d.segments],
        "issues": [i.to_dict() for i in d.issues],
        "scores": d.scores,
        "quality": d.quality,
    }
    if d.doc_id is not None:
        out["doc_id"] = d.doc_id
    if sentences:
        out["sentences"] = [_segment(s) for s in d.sentences]
    if d.gate_failures:
        out["gate_failures"] = d.gate_failures
    return out


def _summary(report: Report) -> dict[str, Any]:
    issues = report.issues
    return {
        "documents": len(report.documents),
        "issues": len(issues),
        "by_category": dict(sorted(Counter(i.category for i in issues).items())),
        "by_severity": dict(sorted(Counter(i.severity.value for i in issues).items())),
        "by_rule": dict(sorted(Counter(i.rule for i in issues).items())),
        "words": sum(d.word_count for d in report.documents),
        "passed": report.passed and not report.errors,
    }


def report_dict(report: Report) -> dict[str, Any]:
    summary = _summary(report)
    out: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "mtqa", "version": __version__},
        "documents": [document_dict(d) for d in report.documents],
        "summary": summary,
    }
    if report.corpus_scores is not None:
        out["corpus_scores"] = report.corpus_scores
    if report.errors:
        out["errors"] = [{"path": e.path, "message": e.message} for e in report.errors]
    if report.notices:
        out["notices"] = list(report.notices)
    return out


@register("json")
def render_json(report: Report, options: dict[str, Any]) -> str:
    return json.dumps(report_dict(report), ensure_ascii=False, indent=2) + "\n"


def write_file(report: Report, path) -> None:
    """Write the JSON report to ``path`` document by document (atomically: a temporary file, then
    a rename), so a big run never holds the whole report as one string. The result parses to
    the same object as :func:`render_json`'s."""
    from pathlib import Path

    from ..errors import MtqaError
    from ..fsutil import default_mode, replaced_atomically

    full = report_dict(Report([], report.errors, report.notices, report.corpus_scores, report.fail_on))
    head = {k: full[k] for k in ("schema_version", "tool")}
    summary = _summary(report)
    tail = {k: v for k, v in full.items() if k not in ("schema_version", "tool", "documents", "summary")}
    target = Path(path)
    try:
        with replaced_atomically(target, mode=default_mode()) as tmp, open(tmp, "w", encoding="utf-8") as fh:
            fh.write(json.dumps(head, ensure_ascii=False, indent=2)[:-2] + ',\n  "documents": [')
            for n, d in enumerate(report.documents):
                fh.write(("," if n else "") + "\n" + json.dumps(document_dict(d), ensure_ascii=False, indent=2))
            fh.write('\n  ],\n  "summary": ' + json.dumps(summary, ensure_ascii=False, indent=2))
            for k, v in tail.items():
                fh.write(f",\n  {json.dumps(k)}: " + json.dumps(v, ensure_ascii=False, indent=2))
            fh.write("\n}\n")
    except OSError as exc:
        raise MtqaError(f"cannot write {target}: {exc.strerror or exc}") from None
