"""Markdown for merge-request and pull-request comments (GitHub, GitLab, Gitea).

A headline with the verdict, an overview table with one row per document (words, quality, counts
by severity, gate), then per document a collapsible table of its findings. All article text is
escaped so that it can neither break the tables nor inject markup. The comment stays under a size
budget (``max_chars``, 60 000 characters by default, below GitHub's 65 536 limit): findings past it
are counted, not listed.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from typing import Any

from ..model import DocumentResult, Issue, Report
from . import register
from ._common import SEVERITIES, display_path, doc_passed, severity_counts, shown_suggestions

MAX_CHARS = 60_000
MAX_TEXT = 80
_SPECIAL = re.compile(r"([\\`*_\[\]|~])")
_WS = re.compile(r"\s+")


def escape(text: str, limit: int | None = None) -> str:
    """Text for a table cell: one line, Markdown punctuation backslash-escaped, HTML neutralised."""
    t = _WS.sub(" ", text).strip()
    if limit is not None and len(t) > limit:
        t = t[: limit - 1].rstrip() + "…"
    t = _SPECIAL.sub(r"\\\1", t)
    return t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _verdict(passed: bool) -> str:
    return "✅ passed" if passed else "❌ failed"


def _overview(report: Report, paths: dict[int, str]) -> list[str]:
    scored = any(d.scores for d in report.documents)
    head = ["Document", "Words", "Quality", "Errors", "Warnings", "Info", *(["BLEU", "chrF", "TER"] if scored else []), "Gate"]
    align = [":--", "--:", "--:", "--:", "--:", "--:", *(["--:"] * 3 if scored else []), ":--"]
    rows = ["| " + " | ".join(head) + " |", "|" + "|".join(align) + "|"]
    for k, d in enumerate(report.documents):
        c = severity_counts(d.issues)
        q = d.quality.get("score") if d.quality else None
        cells = [
            escape(paths[k]),
            str(d.word_count),
            f"{q:.1f}" if q is not None else "–",
            *(str(c.get(s, 0)) for s in SEVERITIES),
        ]
        if scored:
            s = d.scores or {}
            cells += [f"{s[m]:.2f}" if m in s else "–" for m in ("bleu", "chrf", "ter")]
        cells.append(_verdict(doc_passed(d)) + ("" if doc_passed(d) else ": " + escape("; ".join(d.gate_failures))))
        rows.append("| " + " | ".join(cells) + " |")
    return rows


def _finding_row(i: Issue) -> str:
    sugg = " \\| ".join(escape(s, MAX_TEXT) for s in shown_suggestions(i)) or "–"
    cells = [f"{i.line}:{i.column}", f"`{i.rule}` {escape(i.name)}", i.severity.value, i.category, escape(i.message), escape(i.text, MAX_TEXT), sugg]
    return "| " + " | ".join(cells) + " |"


def _document(d: DocumentResult, path: str, budget: int) -> tuple[list[str], int]:
    """The findings section of one document within ``budget`` characters; returns it and how many
    findings did not fit."""
    n = len(d.issues)
    lines = [
        f'<details><summary><b>{html.escape(path)}</b>: {n} finding{"s" if n != 1 else ""}</summary>',
        "",
        "| Where | Rule | Severity | Category | Message | Text | Suggestion |",
        "|:--|:--|:--|:--|:--|:--|:--|",
    ]
    used = sum(len(x) + 1 for x in lines) + 40
    shown = 0
    for i in d.issues:
        row = _finding_row(i)
        if used + len(row) + 1 > budget:
            break
        lines.append(row)
        used += len(row) + 1
        shown += 1
    if shown == 0:
        return [], n
    if shown < n:
        lines.append("")
        lines.append(f"_{n - shown} more finding{'s' if n - shown != 1 else ''} not shown; see the full report._")
    lines += ["", "</details>", ""]
    return lines, n - shown


@register("markdown")
def render_markdown(report: Report, options: dict[str, Any]) -> str:
    root = options.get("root")
    budget = int(options.get("max_chars") or MAX_CHARS)
    paths = {k: display_path(d.key, root) for k, d in enumerate(report.documents)}
    issues = report.issues
    passed = report.passed and not report.errors
    words = sum(d.word_count for d in report.documents)
    fail_on = report.fail_on.value if report.fail_on else "never"
    out = [
        f"### mtqa: {_verdict(passed)}",
        "",
        f"{len(issues)} finding{'s' if len(issues) != 1 else ''} in {len(report.documents)} "
        f"document{'s' if len(report.documents) != 1 else ''} ({words} words); failing severity: {fail_on}.",
        "",
    ]
    by_cat = Counter(i.category for i in issues)
    if by_cat:
        out += ["By category: " + ", ".join(f"{cat} {n}" for cat, n in sorted(by_cat.items())) + ".", ""]
    cs = report.corpus_scores or {}
    if any(m in cs for m in ("bleu", "chrf", "ter")):
        out += ["Corpus scores: " + " · ".join(f"{label} {cs[m]:.2f}" for m, label in (("bleu", "BLEU"), ("chrf", "chrF"), ("ter", "TER")) if m in cs) + ".", ""]
    if report.documents:
        out += [*_overview(report, paths), ""]
    for err in report.errors:
        out.append(f"- ⚠️ input error: {escape(display_path(err.path, root))}: {escape(err.message)}")
    if report.errors:
        out.append("")
    left = budget - sum(len(x) + 1 for x in out)
    hidden = 0
    for k, d in enumerate(report.documents):
        if not d.issues:
            continue
        section, missing = _document(d, paths[k], left)
        hidden += missing
        out += section
        left -= sum(len(x) + 1 for x in section)
    if hidden:
        out += [f"_{hidden} finding{'s' if hidden != 1 else ''} in all not listed (comment size limit)._", ""]
    for notice in report.notices:
        out.append(f"> note: {escape(notice)}")
    return "\n".join(out).rstrip("\n") + "\n"
