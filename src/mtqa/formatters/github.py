"""GitHub Actions workflow commands: one annotation per finding, shown on the pull request diff.

``::error file=F,line=L,col=C,endLine=L2,endColumn=C2,title=CODE name::message``; severities map
to ``error``, ``warning`` and ``notice``. Values are escaped as the Actions runner expects
(``%``, CR and LF in messages; also ``:`` and ``,`` in properties). Gate failures and input errors
get their own annotations, and a last plain line sums up the run.
"""

from __future__ import annotations

from typing import Any

from ..model import Issue, Report
from . import register
from ._common import display_path, end_position, full_message

COMMAND = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def command(kind: str, message: str, **props: object) -> str:
    parts = ",".join(f"{k}={escape_property(str(v))}" for k, v in props.items() if v is not None)
    return f"::{kind}{' ' + parts if parts else ''}::{escape_data(message)}"


def annotation(issue: Issue, path: str) -> str:
    end_line, end_col = end_position(issue)
    return command(
        COMMAND[issue.severity.value],
        f"{full_message(issue)} [{issue.category}]",
        file=path,
        line=issue.line,
        col=issue.column,
        endLine=end_line,
        # GitHub reads the columns only for a single-line annotation
        endColumn=end_col if end_line == issue.line else None,
        title=f"{issue.rule} {issue.name}",
    )


@register("github")
def render_github(report: Report, options: dict[str, Any]) -> str:
    root = options.get("root")
    lines: list[str] = []
    for doc in report.documents:
        path = display_path(doc.path, root)
        for issue in doc.issues:
            lines.append(annotation(issue, path))
        for reason in doc.gate_failures:
            where = f" ({doc.doc_id})" if doc.doc_id else ""
            lines.append(command("error", f"mtqa gate failed{where}: {reason}", file=path, title="mtqa gate"))
    for err in report.errors:
        lines.append(command("error", err.message, file=display_path(err.path, root), title="mtqa input error"))
    for notice in report.notices:
        lines.append(command("notice", notice, title="mtqa"))
    n, d = len(report.issues), len(report.documents)
    status = "passed" if report.passed and not report.errors else "failed"
    lines.append(f"mtqa: {n} finding{'s' if n != 1 else ''} in {d} document{'s' if d != 1 else ''}: {status}")
    return "\n".join(lines) + "\n"
