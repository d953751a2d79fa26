"""Baselines: findings accepted once, then hidden, so that a run reports only new findings.

``mtqa check --write-baseline FILE`` saves every finding of a run; ``mtqa check --baseline FILE``
hides the findings recorded there and runs the gate again on what is left. A finding matches an
entry by document, rule, text and a context hash: a hash of up to ``CONTEXT`` characters on each
side of the finding inside its paragraph, whitespace-normalised. Line numbers and offsets play no
part, so a baseline survives edits elsewhere in the document; editing the words around a finding
(or the finding itself) makes it new again. Identical findings are counted: a baseline that holds
one copy of a repeated finding hides one copy only.

Document paths are stored relative to the baseline file's folder, so the baseline keeps working
from another working directory or another checkout.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from pathlib import Path
from typing import Any

from . import __version__
from .config import Config
from .errors import ConfigError, MtqaError
from .model import DocumentResult, Issue, Report
from .store import update_documents

FORMAT = "mtqa-baseline"
VERSION = 1
CONTEXT = 40

Key = tuple[str, str, str, str, str]  # path, doc id, rule, text, context hash


def _norm(text: str) -> str:
    return " ".join(text.split())


def context_hash(doc: DocumentResult, issue: Issue, width: int = CONTEXT) -> str:
    """Hash of the finding's surroundings: ``width`` characters each side, within its paragraph."""
    text = doc.text or ""
    lo, hi = 0, len(text)
    seg = doc.segments[issue.segment] if issue.segment is not None and issue.segment < len(doc.segments) else None
    if seg is not None and seg.start <= issue.start <= seg.end:
        lo, hi = seg.start, max(seg.end, issue.end)
    else:  # no paragraph: stay on the finding's lines
        lo = text.rfind("\n", 0, issue.start) + 1
        nl = text.find("\n", issue.end)
        hi = len(text) if nl < 0 else nl
    before = text[max(lo, issue.start - width) : issue.start]
    after = text[issue.end : min(hi, issue.end + width)]
    data = "\x1f".join((issue.rule, _norm(before), _norm(issue.text), _norm(after)))
    return hashlib.sha256(data.encode("utf-8")).hexdigest()[:16]


def _doc_path(path: str, base: Path) -> str:
    if path.startswith("<") and path.endswith(">"):
        return path  # <stdin>, <text>
    p = Path(path).resolve()
    try:
        return Path(os.path.relpath(p, base)).as_posix()
    except ValueError:  # another drive
        return p.as_posix()


def _entry(doc: DocumentResult, issue: Issue, doc_path: str) -> dict[str, Any]:
    out: dict[str, Any] = {"path": doc_path}
    if doc.doc_id is not None:
        out["doc_id"] = doc.doc_id
    out.update(
        rule=issue.rule,
        name=issue.name,
        text=issue.text,
        context=context_hash(doc, issue),
        line=issue.line,
        message=issue.message,
    )
    return out


def _key(entry: dict[str, Any]) -> Key:
    return (entry["path"], entry.get("doc_id") or "", entry["rule"], _norm(entry["text"]), entry["context"])


def _base(path: Path) -> Path:
    return path.resolve().parent


def entries(report: Report, path: str | Path) -> list[dict[str, Any]]:
    """The baseline entries of every finding of ``report``, for a baseline file at ``path``."""
    base = _base(Path(path))
    out = [_entry(d, i, dp) for d in report.documents for dp in [_doc_path(d.path, base)] for i in d.issues]
    out.sort(key=lambda e: (e["path"], e.get("doc_id") or "", e["line"], e["rule"], e["text"]))
    return out


def write(report: Report, path: str | Path) -> int:
    """Save every finding of ``report`` as the baseline at ``path``; return how many."""
    path = Path(path)
    found = entries(report, path)
    data = {"format": FORMAT, "version": VERSION, "tool": {"name": "mtqa", "version": __version__}, "context_chars": CONTEXT, "findings": found}
    from .fsutil import atomic_write

    atomic_write(path, json.dumps(data, ensure_ascii=False, indent=2) + "\n", what="baseline")
    report.notices.append(f"baseline {path}: {len(found)} finding{'s' if len(found) != 1 else ''} saved")
    return len(found)


def load(path: str | Path) -> Counter[Key]:
    """The entries of a baseline file, counted by key."""
    path = Path(path)
    if not path.is_file():
        raise ConfigError(f"{path}: baseline file not found (create it with --write-baseline)")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ConfigError(f"{path}: not a baseline file ({exc})") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("findings"), list):
        raise ConfigError(f"{path}: not an mtqa baseline file")
    if data.get("version") != VERSION:
        raise ConfigError(f"{path}: baseline version {data.get('version')!r} is not supported (expected {VERSION})")
    keys: Counter[Key] = Counter()
    for k, e in enumerate(data["findings"]):
        try:
            keys[_key(e)] += 1
        except (KeyError, TypeError, AttributeError):
            raise ConfigError(f"{path}: baseline entry {k + 1} lacks path, rule, text or context") from None
    return keys


def apply_baseline(report: Report, path: str | Path, config: Config) -> int:
    """Hide the findings recorded in the baseline at ``path``, then apply the gate again.

    Returns the number of hidden findings; notices tell how many were hidden and how many
    baseline entries no longer match anything (fixed findings, or edited context)."""
    path = Path(path)
    known = load(path)
    base = _base(path)
    hidden = 0

    def hide_known(d) -> None:
        nonlocal hidden
        kept = []
        dp = _doc_path(d.path, base)
        for i in d.issues:
            k = _key(_entry(d, i, dp))
            if known[k] > 0:
                known[k] -= 1
                hidden += 1
            else:
                kept.append(i)
        d.issues = kept

    update_documents(report.documents, hide_known)
    stale = sum(known.values())
    if hidden:
        report.notices.append(f"baseline {path}: {hidden} known finding{'s' if hidden != 1 else ''} hidden")
    if stale:
        report.notices.append(
            f"baseline {path}: {stale} entr{'ies' if stale != 1 else 'y'} no longer found (fixed or edited); "
            "refresh it with --write-baseline"
        )
    from .gate import apply_gate

    apply_gate(report, config)
    return hidden
