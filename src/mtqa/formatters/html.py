"""A self-contained HTML report for editors and dashboards.

One file, no network: the style sheet and the script (``html_report.css``, ``html_report.js``) are
inlined and a Content-Security-Policy forbids any other source. The page has a summary (counts,
quality, verdict), filters by category and severity, a corpus overview table with a bar per
document (its findings by category), and per document the text with every finding highlighted in
the colour of its category; hovering a highlight shows the message, clicking it opens the
finding with its suggestion. Every piece of article text, path and message is HTML-escaped, and
the findings the script reads are embedded as JSON with ``<``, ``>`` and ``&`` escaped, so a
``<script>`` in an article stays text.

Plain-text and Markdown documents are shown whole. Documents whose text is not prose on its own
(bilingual exchange files, several documents in one file) are shown segment by segment.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from functools import lru_cache
from html import escape
from importlib import resources
from typing import Any

from .. import __version__
from ..model import CATEGORIES, DocumentResult, Issue, Report
from . import register
from ._common import SEVERITIES, display_path, doc_passed, severity_counts, shown_suggestions

WHOLE_TEXT_FORMATS = {"txt", "markdown"}
CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"
MAX_CELL = 120
MANY_DOCUMENTS = 25  # above this, off-screen documents are laid out lazily


@lru_cache(maxsize=None)
def _asset(name: str) -> str:
    return resources.files(__package__).joinpath(name).read_text(encoding="utf-8")


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _json_for_script(data: Any) -> str:
    """JSON that cannot end the ``<script>`` element it sits in, whatever the article says."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def _short(text: str, limit: int = MAX_CELL) -> str:
    t = " ".join(text.split())
    return t if len(t) <= limit else t[: limit - 1].rstrip() + "…"


def _quality_class(score: float | None) -> str:
    if score is None:
        return ""
    return "good" if score >= 90 else "mid" if score >= 70 else "low"


# -- highlighted text ------------------------------------------------------------------------------
def _ranges(doc: DocumentResult) -> list[tuple[int, int, str | None]]:
    """The parts of the text to show: the whole text, or each segment with its label."""
    text = doc.text or ""
    if doc.format in WHOLE_TEXT_FORMATS and doc.doc_id is None:
        return [(0, len(text), None)]
    out = []
    for s in doc.segments:
        label = s.id if s.id is not None else f"line {s.line}" if s.line is not None else None
        out.append((s.start, s.end, label))
    return out


def _marked(text: str, a: int, b: int, spans: list[tuple[int, int, int]], first: set[int], issues: list[Issue]) -> Iterator[str]:
    """``text[a:b]`` escaped, with a ``<mark>`` around every run covered by findings.

    ``spans`` are (start, end, global id) clipped to [a, b]; a run covered by several findings names
    them all in ``data-ids`` (most severe first) and takes the colour of the first one shown.
    """
    points = sorted({a, b, *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
    zero = {}
    for s, e, g in spans:
        if s == e:
            zero.setdefault(s, []).append(g)
    for x, y in zip(points, points[1:] + [None]):
        if x in zero:
            ids = zero[x]
            yield _mark(ids, "", issues, first, zw=True)
        if y is None:
            break
        ids = [g for s, e, g in spans if s <= x and e >= y and s < e]
        piece = escape(text[x:y], quote=False)
        yield _mark(ids, piece, issues, first) if ids else piece


def _mark(ids: list[int], inner: str, issues: list[Issue], first: set[int], zw: bool = False) -> str:
    ids = sorted(ids, key=lambda g: (-issues[g].severity.rank, g))
    lead = issues[ids[0]]
    anchor = ""
    fresh = [g for g in ids if g not in first]
    if fresh:
        first.add(fresh[0])
        anchor = f' id="f{fresh[0]}"'
        for g in fresh[1:]:
            first.add(g)
            inner = f'<span id="f{g}"></span>' + inner
    title = "\n".join(
        f"{issues[g].rule} {issues[g].name}: {issues[g].message}"
        + (f" → {' | '.join(shown_suggestions(issues[g]))}" if shown_suggestions(issues[g]) else "")
        for g in ids
    )
    return (
        f'<mark class="f{" zw" if zw else ""}"{anchor} data-ids="{" ".join(map(str, ids))}" '
        f'data-cat="{lead.category}" data-sev="{lead.severity.value}" tabindex="0" title="{_e(title)}">{inner}</mark>'
    )


def _text_html(doc: DocumentResult, base: int, issues: list[Issue]) -> str:
    text = doc.text or ""
    first: set[int] = set()
    lang = f' lang="{_e(doc.target_language)}"' if doc.target_language not in ("", "und") else ""
    parts = [f'<div class="text"{lang}>']
    for a, b, label in _ranges(doc):
        spans = []
        for k, i in enumerate(doc.issues):
            if i.start < b and i.end > a or (i.start == i.end and a <= i.start <= b):
                spans.append((max(i.start, a), min(i.end, b), base + k))
        body = "".join(_marked(text, a, b, spans, first, issues))
        if label is None:
            parts.append(body)
        else:
            parts.append(f'<span class="seg"><span class="sid">{_e(label)}</span>{body}</span>')
    parts.append("</div>")
    return "".join(parts)


# -- page parts --------------------------------------------------------------------------------------
def _bar(issues: list[Issue], scale: int) -> str:
    counts = Counter(i.category for i in issues)
    segs = "".join(
        f'<span data-cat="{c}" style="width:{100.0 * counts[c] / scale:.2f}%" title="{c}: {counts[c]}"></span>'
        for c in CATEGORIES
        if counts[c]
    )
    return f'<div class="bar">{segs}</div>'


def _quality_html(doc: DocumentResult) -> str:
    q = doc.quality.get("score") if doc.quality else None
    return f'<span class="q {_quality_class(q)}">{q:.1f}</span>' if q is not None else "–"


def _gate_html(passed: bool) -> str:
    return '<span class="gate pass">passed</span>' if passed else '<span class="gate fail">failed</span>'


def _overview(report: Report, names: list[str]) -> str:
    """The corpus table, one row per document; its columns sort on click (``data-v`` values)."""
    scale = max([len(d.issues) for d in report.documents] + [1])
    rows = []
    for k, d in enumerate(report.documents):
        c = severity_counts(d.issues)
        q = d.quality.get("score") if d.quality else None
        passed = doc_passed(d)
        rows.append(
            f'<tr data-n="{len(d.issues)}"><td class="doc" data-v="{k}"><a href="#doc{k}">{_e(names[k])}</a></td>'
            f'<td class="num">{d.word_count}</td>'
            f'<td class="num">{len(d.issues)}</td>'
            + "".join(f'<td class="num">{c.get(s, 0)}</td>' for s in SEVERITIES)
            + f'<td class="barcell" data-v="{len(d.issues)}">{_bar(d.issues, scale)}</td>'
            f'<td class="num" data-v="{q if q is not None else -1}">{_quality_html(d)}</td>'
            f'<td data-v="{int(passed)}">{_gate_html(passed)}</td></tr>'
        )
    cols = (("Document", ""), ("Words", "num"), ("Findings", "num"), ("Errors", "num"), ("Warnings", "num"),
            ("Info", "num"), ("By category", ""), ("Quality", "num"), ("Gate", ""))
    head = "".join(
        f'<th class="{cls}" data-sort tabindex="0" title="Sort by {name.lower()}">{name}</th>' for name, cls in cols
    )
    return (
        '<section id="overview"><h2>Documents</h2><div class="box"><table>'
        f'<thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table></div></section>'
    )


def _findings_list(doc: DocumentResult, base: int) -> str:
    if not doc.issues:
        return '<aside class="findings"><div class="empty">No findings.</div></aside>'
    items = []
    for k, i in enumerate(doc.issues):
        sugg = " | ".join(shown_suggestions(i))
        items.append(
            f'<li data-i="{base + k}" data-cat="{_e(i.category)}" tabindex="0"><div class="top">'
            f'<span class="where">{i.line}:{i.column}</span><span class="sev {i.severity.value}">{i.severity.value}</span>'
            f'<span class="cat" data-cat="{_e(i.category)}">{_e(i.category)}</span><code>{_e(i.rule)}</code> {_e(i.name)}</div>'
            f'<div class="msg">{_e(i.message)}</div><div><span class="t">«{_e(_short(i.text))}»</span>'
            + (f' <span class="sugg">→ {_e(sugg)}</span>' if sugg else "")
            + "</div></li>"
        )
    return f'<aside class="findings" aria-label="Findings"><ol>{"".join(items)}</ol></aside>'


def _scores_text(scores: dict[str, Any] | None) -> str:
    if not scores:
        return ""
    return " · ".join(f"{label} {scores[k]:.2f}" for k, label in (("bleu", "BLEU"), ("chrf", "chrF"), ("ter", "TER")) if k in scores)


def _document(doc: DocumentResult, k: int, name: str, base: int, issues: list[Issue]) -> str:
    meta = [f"{doc.word_count} words", f"{len(doc.issues)} finding{'s' if len(doc.issues) != 1 else ''}", f"language {_e(doc.target_language)}"]
    if doc.quality:
        meta.append(f"quality {_quality_html(doc)}")
    if doc.scores:
        meta.append(_e(_scores_text(doc.scores)))
    reasons = "".join(f"<div class=\"reasons\">Gate: {_e(r)}</div>" for r in doc.gate_failures)
    return (
        f'<section class="doc" id="doc{k}" data-n="{len(doc.issues)}"><header><h2>{_e(name)}</h2>{_gate_html(doc_passed(doc))}'
        f'<span class="meta">{" · ".join(meta)}</span>{reasons}</header>'
        f'<div class="body">{_text_html(doc, base, issues)}{_findings_list(doc, base)}</div></section>'
    )


def _chips(kind: str, counts: Counter[str], order: tuple[str, ...]) -> list[str]:
    """Toggle buttons of one filter (``cat`` or ``sev``), one per value present, with its count."""
    return [
        f'<button type="button" class="chip" data-filter="{kind}" data-value="{v}" aria-pressed="true">'
        f'<span class="sw" data-{kind}="{v}"></span>{v} <span class="n">{counts[v]}</span></button>'
        for v in order
        if counts[v]
    ]


def _filters(issues: list[Issue]) -> str:
    chips = [
        '<span class="label">Category</span>',
        *_chips("cat", Counter(i.category for i in issues), CATEGORIES),
        '<span class="sep"></span><span class="label">Severity</span>',
        *_chips("sev", Counter(i.severity.value for i in issues), SEVERITIES),
        '<button type="button" class="chip reset" id="reset">show all</button>',
        '<span class="sep"></span><button type="button" class="chip" id="clean" aria-pressed="true" '
        'title="Show or hide the documents without findings">documents without findings</button>',
        f'<span class="shown" id="shown">{len(issues)} of {len(issues)} findings shown</span>',
    ]
    return f'<nav class="filters" aria-label="Filters"><div class="wrap">{"".join(chips)}</div></nav>'


def _summary(report: Report) -> str:
    issues = report.issues
    sev = severity_counts(issues)
    qs = [d.quality["score"] for d in report.documents if d.quality and "score" in d.quality]
    cards = [
        ("Documents", str(len(report.documents)), ""),
        ("Words", str(sum(d.word_count for d in report.documents)), ""),
        ("Findings", str(len(issues)), ""),
        *((s.capitalize(), str(sev.get(s, 0)), f"sev-{s}") for s in SEVERITIES),
    ]
    if qs:
        cards.append(("Lowest quality", f"{min(qs):.1f}", ""))
        cards.append(("Mean quality", f"{sum(qs) / len(qs):.1f}", ""))
    if report.corpus_scores:
        for k, label in (("bleu", "BLEU"), ("chrf", "chrF"), ("ter", "TER")):
            if k in report.corpus_scores:
                cards.append((f"Corpus {label}", f"{report.corpus_scores[k]:.2f}", ""))
    html_cards = "".join(f'<div class="card"><div class="k">{_e(k)}</div><div class="v {cls}">{_e(v)}</div></div>' for k, v, cls in cards)
    notes = [f'<li class="err">{_e(str(e))}</li>' for e in report.errors] + [f"<li>{_e(n)}</li>" for n in report.notices]
    return f'<div class="cards">{html_cards}</div>' + (f'<ul class="notes">{"".join(notes)}</ul>' if notes else "")


@register("html")
def render_html(report: Report, options: dict[str, Any]) -> str:
    root = options.get("root")
    title = str(options.get("title") or "mtqa report")
    passed = report.passed and not report.errors
    names = [display_path(d.path, root) + (f"#{d.doc_id}" if d.doc_id is not None else "") for d in report.documents]
    issues: list[Issue] = []
    bases = []
    for d in report.documents:
        bases.append(len(issues))
        issues.extend(d.issues)
    data = {
        "issues": [
            {
                "doc": k,
                "rule": i.rule,
                "name": i.name,
                "category": i.category,
                "severity": i.severity.value,
                "message": i.message,
                "text": i.text,
                "suggestions": shown_suggestions(i),
                "line": i.line,
                "column": i.column,
                "start": i.start,
                "end": i.end,
            }
            for k, d in enumerate(report.documents)
            for i in d.issues
        ]
    }
    fail_on = report.fail_on.value if report.fail_on else "never"
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta name="generator" content="mtqa {_e(__version__)}">',
        f"<title>{_e(title)}</title><style>{_asset('html_report.css')}</style></head>",
        '<body class="many">' if len(report.documents) > MANY_DOCUMENTS else "<body>",
        '<header class="top"><div class="wrap">',
        f'<h1>{_e(title)}<span class="verdict {"pass" if passed else "fail"}">{"passed" if passed else "failed"}</span></h1>',
        f'<div class="sub">mtqa {_e(__version__)} · failing severity: {_e(fail_on)}</div>',
        "</div></header>",
        _filters(issues),
        '<main class="wrap">',
        _summary(report),
        _overview(report, names) if report.documents else "",
        *(_document(d, k, names[k], bases[k], issues) for k, d in enumerate(report.documents)),
        "</main>",
        '<div id="pop" role="dialog" aria-live="polite" hidden></div>',
        f'<footer class="wrap">Generated by mtqa {_e(__version__)}. Hover a highlight for its message; click it for the details; keys n and p step through the findings shown.</footer>',
        f'<script type="application/json" id="mtqa-data">{_json_for_script(data)}</script>',
        f"<script>{_asset('html_report.js')}</script>",
        "</body></html>",
    ]
    return "\n".join(parts) + "\n"
