"""SARIF 2.1.0: the static-analysis exchange format read by GitHub code scanning, GitLab, Azure
DevOps and IDE viewers.

One run per report. ``tool.driver.rules`` describes every rule that ran (and any other rule a
finding names), from the rule's metadata and docstring sections. Columns and character offsets
count Unicode code points, declared by ``columnKind: "unicodeCodePoints"`` on the run, so they
agree with mtqa's own ``line``/``column``/``start``/``end``. Paths below the working directory
are written relative to it (``uriBaseId: "%SRCROOT%"``), which is what code-scanning services
expect. Each result's fingerprint is the baseline's context hash (rule, text and the words around
it in its paragraph), so code-scanning services track a finding across edits elsewhere, as
``--baseline`` does. Replacement suggestions become SARIF ``fixes``; advice ("remove", ``issue.advice``) stays in the
message. Input errors become tool execution notifications.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from .. import __version__
from ..baseline import context_hash
from ..lint.rule import DOC_SECTIONS
from ..model import CATEGORIES, DocumentResult, Issue, Report, Severity
from . import register
from ._common import artifact_uri, end_position, full_message, replacements

SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
SARIF_VERSION = "2.1.0"
LEVEL = {"error": "error", "warning": "warning", "info": "note"}
SRCROOT = "%SRCROOT%"


_EXAMPLE_LINE = re.compile(r"(?i)^(flagged|better|bad|good)\b")


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.strip().splitlines()]


def _plain(text: str) -> str:
    """A docstring section as plain text: indentation removed, reStructuredText literals unquoted."""
    return re.sub(r"``(.+?)``", r"\1", "\n".join(_lines(text)))


def _markdown(text: str) -> str:
    """A docstring section as Markdown: literals as code spans, example lines as list items."""
    lines = [f"- {line}" if _EXAMPLE_LINE.match(line) else line for line in _lines(text)]
    return re.sub(r"``(.+?)``", r"`\1`", "\n".join(lines))


def rule_descriptor(cls: Any) -> dict[str, Any]:
    """A SARIF reportingDescriptor built from a rule class's metadata and documentation."""
    sections = cls.doc_sections()
    summary = sections.get("summary") or cls.summary() or cls.name
    body = [(name, sections[name]) for name in DOC_SECTIONS if sections.get(name)]
    help_text = "\n\n".join([_plain(summary), *(f"{name}:\n{_plain(text)}" for name, text in body)])
    help_md = "\n\n".join([_markdown(summary), *(f"**{name}**\n\n{_markdown(text)}" for name, text in body)])
    return {
        "id": cls.code,
        "name": cls.name,
        "shortDescription": {"text": _plain(summary.splitlines()[0]) if summary else cls.name},
        "fullDescription": {"text": _plain(sections.get("What it does") or summary)},
        "help": {"text": help_text, "markdown": help_md},
        "defaultConfiguration": {"level": LEVEL[cls.severity.value], "enabled": bool(getattr(cls, "default_enabled", True))},
        "properties": {
            "category": cls.category,
            "tags": ["translation-quality", cls.category],
            "requires": sorted(getattr(cls, "requires", ()) or ()),
            "scope": getattr(cls, "scope", "document"),
        },
    }


def _fallback_descriptor(issue: Issue) -> dict[str, Any]:
    """A descriptor for a rule that reported but is not among the rule classes of the run."""
    return {
        "id": issue.rule,
        "name": issue.name,
        "shortDescription": {"text": issue.name},
        "defaultConfiguration": {"level": LEVEL[issue.severity.value]},
        "properties": {"category": issue.category, "tags": ["translation-quality", issue.category]},
    }


def _region(issue_like: Issue) -> dict[str, Any]:
    end_line, end_col = end_position(issue_like)
    return {
        "startLine": issue_like.line,
        "startColumn": issue_like.column,
        "endLine": end_line,
        "endColumn": end_col,
        "charOffset": issue_like.start,
        "charLength": issue_like.end - issue_like.start,
        "snippet": {"text": issue_like.text},
    }


def _artifact_location(uri: str, relative: bool, index: int | None) -> dict[str, Any]:
    loc: dict[str, Any] = {"uri": uri}
    if index is not None:
        loc["index"] = index
    if relative:
        loc["uriBaseId"] = SRCROOT
    return loc


def _related(issue: Issue, doc: DocumentResult, loc: dict[str, Any]) -> list[dict[str, Any]]:
    rel = issue.related or {}
    try:
        start, end, line, column = (int(rel[k]) for k in ("start", "end", "line", "column"))
    except (KeyError, TypeError, ValueError):
        return []
    if rel.get("path") not in (None, doc.path) or doc.text is None or not 0 <= start <= end <= len(doc.text):
        return []
    first = Issue(issue.rule, issue.name, issue.category, issue.severity, "", start, end, line, column, doc.text[start:end])
    return [
        {
            "id": 0,
            "physicalLocation": {"artifactLocation": dict(loc), "region": _region(first)},
            "message": {"text": f"first occurrence, line {line}, column {column}"},
        }
    ]


def _fixes(issue: Issue, loc: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        {
            "description": {"text": f"Replace '{issue.text}' with '{s}'"},
            "artifactChanges": [
                {
                    "artifactLocation": dict(loc),
                    "replacements": [
                        {
                            "deletedRegion": {"charOffset": issue.start, "charLength": issue.end - issue.start},
                            "insertedContent": {"text": s},
                        }
                    ],
                }
            ],
        }
        for s in replacements(issue)
    ]


def _result(issue: Issue, doc: DocumentResult, rule_index: int, loc: dict[str, Any]) -> dict[str, Any]:
    location: dict[str, Any] = {"physicalLocation": {"artifactLocation": loc, "region": _region(issue)}}
    logical = []
    if doc.doc_id is not None:
        logical.append({"name": doc.doc_id, "kind": "document"})
    if issue.segment_id is not None:
        logical.append({"name": issue.segment_id, "kind": "segment"})
    if logical:
        location["logicalLocations"] = logical
    props: dict[str, Any] = {"name": issue.name, "category": issue.category, "severity": issue.severity.value}
    if issue.suggestions:
        props["suggestions"] = list(issue.suggestions)
    if issue.advice:
        props["advice"] = list(issue.advice)
    if issue.confidence is not None:
        props["confidence"] = round(float(issue.confidence), 3)
    if issue.segment is not None:
        props["segment"] = issue.segment
    if doc.doc_id is not None:
        props["documentId"] = doc.doc_id
    out: dict[str, Any] = {
        "ruleId": issue.rule,
        "ruleIndex": rule_index,
        "level": LEVEL[issue.severity.value],
        "message": {"text": full_message(issue)},
        "locations": [location],
        "partialFingerprints": {"mtqaContextHash/v1": context_hash(doc, issue)},
        "properties": props,
    }
    related = _related(issue, doc, loc)
    if related:
        out["relatedLocations"] = related
    fixes = _fixes(issue, loc)
    if fixes:
        out["fixes"] = fixes
    return out


def sarif_dict(report: Report, options: dict[str, Any] | None = None) -> dict[str, Any]:
    options = options or {}
    root = options.get("root")
    descriptors: list[dict[str, Any]] = []
    index: dict[str, int] = {}
    for cls in sorted(report.rules_used, key=lambda c: c.code):
        if cls.code not in index:
            index[cls.code] = len(descriptors)
            descriptors.append(rule_descriptor(cls))
    artifacts: list[dict[str, Any]] = []
    artifact_index: dict[str, int] = {}
    results: list[dict[str, Any]] = []
    any_relative = False
    for doc in report.documents:
        uri, relative = artifact_uri(doc.path, root)
        any_relative |= relative
        if uri not in artifact_index:
            artifact_index[uri] = len(artifacts)
            # no "length": it counts the file's bytes, and a stripped byte-order mark would make it wrong
            artifacts.append({"location": _artifact_location(uri, relative, None), "encoding": "utf-8"})
        loc = _artifact_location(uri, relative, artifact_index[uri])
        for issue in doc.issues:
            if issue.rule not in index:
                index[issue.rule] = len(descriptors)
                descriptors.append(_fallback_descriptor(issue))
            results.append(_result(issue, doc, index[issue.rule], dict(loc)))
    notifications = []
    for err in report.errors:
        uri, relative = artifact_uri(err.path, root)
        loc = {"uri": uri, **({"uriBaseId": SRCROOT} if relative else {})}
        notifications.append(
            {"level": "error", "message": {"text": str(err)}, "locations": [{"physicalLocation": {"artifactLocation": loc}}]}
        )
    for notice in report.notices:
        notifications.append({"level": "note", "message": {"text": notice}})
    invocation: dict[str, Any] = {
        "executionSuccessful": not report.errors,
        "exitCode": report.exit_code,
    }
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "mtqa",
                "version": __version__,
                "semanticVersion": __version__,
                "rules": descriptors,
            }
        },
        "invocations": [invocation],
        "artifacts": artifacts,
        "results": results,
        "columnKind": "unicodeCodePoints",
        "properties": {
            "categories": list(CATEGORIES),
            "failOn": report.fail_on.value if isinstance(report.fail_on, Severity) else None,
            "passed": report.passed and not report.errors,
        },
    }
    if any_relative:
        base = Path(root) if root is not None else Path.cwd()
        run["originalUriBaseIds"] = {SRCROOT: {"uri": base.resolve().as_uri().rstrip("/") + "/"}}
    return {"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": [run]}


@register("sarif")
def render_sarif(report: Report, options: dict[str, Any]) -> str:
    return json.dumps(sarif_dict(report, options), ensure_ascii=False, indent=2) + "\n"
