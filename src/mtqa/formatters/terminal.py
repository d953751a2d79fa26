"""The terminal report (rich): one block per finding with its context, then a summary table.

Colour follows rich's detection: none when stdout is not a terminal or ``NO_COLOR`` is set.
"""

from __future__ import annotations

import io
import os
from collections import Counter
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..model import DocumentResult, Issue, Report
from . import register

SEV_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
CONTEXT = 40


def _context(doc: DocumentResult, issue: Issue) -> Text:
    text = doc.text or ""
    a = max(0, issue.start - CONTEXT)
    b = min(len(text), issue.end + CONTEXT)
    # stay on the finding's lines
    nl = text.rfind("\n", a, issue.start)
    if nl >= 0:
        a = nl + 1
    nl = text.find("\n", issue.end, b)
    if nl >= 0:
        b = nl
    before, span, after = text[a : issue.start], text[issue.start : issue.end], text[issue.end : b]
    if "\n" in span:
        first_line = span.split("\n", 1)[0]
        span, after = first_line + " …", ""
    lead = ("…" if a > 0 and text[a - 1] != "\n" else "") + before.replace("\t", " ")
    shown = span.replace("\t", " ")
    t = Text("    ")
    t.append(lead, style="dim")
    t.append(shown, style="bold reverse")
    t.append(after.replace("\t", " ") + ("…" if b < len(text) and text[b] != "\n" else ""), style="dim")
    return t


def _carets(doc: DocumentResult, issue: Issue, context: Text) -> Text:
    """``^^^^`` under the flagged span of a context line, as compilers do (for output without
    colour, where the highlight does not show). Widths are terminal cells (wide characters
    count two)."""
    from rich.cells import cell_len

    plain = context.plain
    span = next((sp for sp in context.spans if sp.style == "bold reverse"), None)
    if span is None:
        return Text("")
    before, flagged = plain[: span.start], plain[span.start : span.end]
    return Text(" " * cell_len(before) + "^" * max(1, cell_len(flagged)))


def _console(options: dict[str, Any]) -> tuple[Console, io.StringIO]:
    buf = io.StringIO()
    color = options.get("color")
    if color is None:
        color = not os.environ.get("NO_COLOR") and bool(options.get("isatty", False))
    width = options.get("width") or 100
    return Console(file=buf, force_terminal=bool(color), no_color=not color, width=width, highlight=False, soft_wrap=True), buf


@register("text")
def render_text(report: Report, options: dict[str, Any]) -> str:
    con, buf = _console(options)
    for doc in report.documents:
        name = doc.key
        for i in doc.issues:
            head = Text()
            head.append(f"{name}:{i.line}:{i.column}", style="bold")
            head.append("  ")
            head.append(f"{i.rule}", style=SEV_STYLE[i.severity.value])
            head.append(f" {i.severity.value:<7} ", style=SEV_STYLE[i.severity.value])
            head.append(i.message)
            head.append(f"  [{i.name}]", style="dim")
            con.print(head)
            ctx = _context(doc, i)
            con.print(ctx)
            if con.no_color:
                con.print(_carets(doc, i, ctx))
            if i.suggestions:
                con.print(Text("    suggestion: ", style="dim") + Text(" | ".join(i.suggestions), style="green"))
            if i.advice:
                con.print(Text("    advice: ", style="dim") + Text(" | ".join(i.advice)))
        if doc.gate_failures:
            con.print(Text(f"{name}: gate failed: " + "; ".join(doc.gate_failures), style="bold red"))
    by = Counter((i.category, i.severity.value) for i in report.iter_issues())
    n_issues = sum(by.values())
    if n_issues or report.documents:
        con.print()
        table = Table(title=None, show_edge=False, pad_edge=False)
        table.add_column("category")
        for sev in ("error", "warning", "info"):
            table.add_column(sev, justify="right", style=SEV_STYLE[sev])
        table.add_column("total", justify="right")
        for cat in sorted({cat for cat, _ in by}):
            row = [by[(cat, s)] for s in ("error", "warning", "info")]
            table.add_row(cat, *map(str, row), str(sum(row)))
        if n_issues:
            con.print(table)
        words = sum(d.word_count for d in report.documents)
        q = [d.quality["score"] for d in report.documents if d.quality]
        qtext = f", quality {min(q):.1f}" + (f" (lowest of {len(q)})" if len(q) > 1 else "") if q else ""
        status = "passed" if report.passed and not report.errors else "FAILED"
        for d in report.documents:
            if d.scores:
                s = d.scores
                con.print(f"{d.key}: BLEU {s.get('bleu', 0):.2f}  chrF {s.get('chrf', 0):.2f}  TER {s.get('ter', 0):.2f}")
        con.print(
            Text(
                f"{n_issues} finding{'s' if n_issues != 1 else ''} in {len(report.documents)} document"
                f"{'s' if len(report.documents) != 1 else ''} ({words} words){qtext}: {status}",
                style="bold green" if status == "passed" else "bold red",
            )
        )
    for n in report.notices:
        con.print(Text(f"note: {n}", style="dim"))
    return buf.getvalue()
