"""Helpers shared by the CI and dashboard formatters (SARIF, JUnit, GitHub, Markdown, HTML).

Everything here is a pure function of a report item: where a finding ends, how a path is written
for a CI system, which suggestions are replacement texts and which are advice.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from pathlib import Path, PurePosixPath
from urllib.parse import quote

from ..model import DocumentResult, Issue, Report

SEVERITIES = ("error", "warning", "info")
_BREAK = re.compile(r"\r\n|\r|\n")


def end_position(issue: Issue) -> tuple[int, int]:
    """1-based (line, column) of the first character after the finding, same counting as ``line``/``column``.

    Derived from the finding's own text, whose line breaks are counted as the document counts them.
    """
    breaks = list(_BREAK.finditer(issue.text))
    if not breaks:
        return issue.line, issue.column + len(issue.text)
    return issue.line + len(breaks), len(issue.text) - breaks[-1].end() + 1


def display_path(path: str, root: str | os.PathLike[str] | None = None) -> str:
    """A path as CI systems want it: relative to ``root`` (default: the working directory) when it
    lies below it, with forward slashes; other paths are returned unchanged."""
    if path.startswith("<"):
        return path
    p = Path(path)
    if p.is_absolute():
        base = Path(root) if root is not None else Path.cwd()
        try:
            p = p.relative_to(base.resolve())
        except ValueError:
            return p.as_posix()
    return PurePosixPath(*p.parts).as_posix() if p.parts else path


def artifact_uri(path: str, root: str | os.PathLike[str] | None = None) -> tuple[str, bool]:
    """A URI reference for a document path and whether it is relative to ``root``."""
    shown = display_path(path, root)
    if shown.startswith("/"):
        return "file://" + quote(shown), False
    return quote(shown), not shown.startswith("<")


def replacements(issue: Issue) -> list[str]:
    """The suggestions that are replacement texts for the flagged span (advice is kept apart in
    ``issue.advice``)."""
    return list(issue.suggestions)


def shown_suggestions(issue: Issue) -> list[str]:
    """What a reader is offered: the replacements, then the advice."""
    return [*issue.suggestions, *issue.advice]


def full_message(issue: Issue) -> str:
    """The message followed by the suggestions, for formats that have room for one line of text."""
    shown = shown_suggestions(issue)
    if not shown:
        return issue.message
    return f"{issue.message} (suggestion: {' | '.join(shown)})"


def suggestion_text(suggestion: str) -> str:
    """A suggestion as shown to a reader."""
    return suggestion


def severity_counts(issues: list[Issue]) -> Counter[str]:
    return Counter(i.severity.value for i in issues)


def failing(report: Report, issues: list[Issue]) -> list[Issue]:
    """Findings at or above the report's failing severity (none when it never fails)."""
    if report.fail_on is None:
        return []
    return [i for i in issues if i.severity.rank >= report.fail_on.rank]


def quality_score(doc: DocumentResult) -> float | None:
    return doc.quality.get("score") if doc.quality else None


def doc_passed(doc: DocumentResult) -> bool:
    return not doc.gate_failures
