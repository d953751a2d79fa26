"""JUnit XML, the test-report format CI servers (GitLab, Jenkins, Azure, CircleCI) display.

One test suite per run, one test case per document, one ``<failure>`` per finding at or above the
failing severity (``--fail-on``; none with ``never``). A document that fails the gate for another
reason (quality or score threshold) gets one failure naming it. Findings below the failing
severity are listed in the test case's ``<system-out>``; input errors become ``<error>`` test
cases. The XML carries no timestamps, so a run is reproducible.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Any

from ..model import DocumentResult, Issue, Report
from . import register
from ._common import display_path, failing, full_message

# characters XML 1.0 cannot carry at all
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_FINDINGS_REASON = re.compile(r"\d+ findings? at or above")


def _clean(text: str) -> str:
    return _INVALID_XML.sub("\ufffd", text)


def _location(path: str, issue: Issue) -> str:
    return f"{path}:{issue.line}:{issue.column}"


def _details(path: str, issue: Issue) -> str:
    lines = [
        f"{_location(path, issue)} {issue.rule} {issue.name} ({issue.category}, {issue.severity.value})",
        issue.message,
        f"text: {issue.text}",
    ]
    if issue.suggestions:
        lines.append("suggestion: " + " | ".join(issue.suggestions))
    if issue.advice:
        lines.append("advice: " + " | ".join(issue.advice))
    if issue.segment_id is not None:
        lines.append(f"segment: {issue.segment_id}")
    return "\n".join(lines)


def _testcase(report: Report, doc: DocumentResult, path: str) -> tuple[ET.Element, int]:
    key = path if doc.doc_id is None else f"{path}#{doc.doc_id}"
    case = ET.Element("testcase", {"classname": "mtqa." + doc.target_language, "name": _clean(key), "file": _clean(path), "time": "0"})
    fails = failing(report, doc.issues)
    for issue in fails:
        el = ET.SubElement(
            case,
            "failure",
            {"message": _clean(f"{_location(path, issue)} {issue.rule} {full_message(issue)}"), "type": f"{issue.rule} {issue.name}"},
        )
        el.text = _clean(_details(path, issue))
    n_failures = len(fails)
    # the gate's own "N findings at or above ..." reason is already told by the failures above
    other_reasons = [r for r in doc.gate_failures if not (fails and _FINDINGS_REASON.match(r))]
    for reason in other_reasons:
        el = ET.SubElement(case, "failure", {"message": _clean(f"{key}: gate failed: {reason}"), "type": "gate"})
        el.text = _clean(reason)
        n_failures += 1
    failed_ids = {id(i) for i in fails}
    below = [i for i in doc.issues if id(i) not in failed_ids]
    out = []
    q = doc.quality or {}
    if q:
        out.append(f"quality {q.get('score')} ({q.get('penalty_per_1000_words')} penalty points per 1000 words), {doc.word_count} words")
    if doc.scores:
        out.append("  ".join(f"{k.upper()} {doc.scores[k]:.2f}" for k in ("bleu", "chrf", "ter") if k in doc.scores))
    out.extend(_details(path, i) for i in below)
    if out:
        ET.SubElement(case, "system-out").text = _clean("\n\n".join(out))
    return case, n_failures


@register("junit")
def render_junit(report: Report, options: dict[str, Any]) -> str:
    root = options.get("root")
    suite = ET.Element("testsuite", {"name": "mtqa", "time": "0"})
    props = ET.SubElement(suite, "properties")
    ET.SubElement(props, "property", {"name": "fail_on", "value": report.fail_on.value if report.fail_on else "never"})
    failures = 0
    for doc in report.documents:
        case, n = _testcase(report, doc, display_path(doc.path, root))
        suite.append(case)
        failures += n
    for err in report.errors:
        path = display_path(err.path, root)
        case = ET.SubElement(suite, "testcase", {"classname": "mtqa.input", "name": _clean(path), "file": _clean(path), "time": "0"})
        el = ET.SubElement(case, "error", {"message": _clean(err.message), "type": "input"})
        el.text = _clean(str(err))
    tests = len(report.documents) + len(report.errors)
    counts = {"tests": str(tests), "failures": str(failures), "errors": str(len(report.errors)), "skipped": "0"}
    suite.attrib.update(counts)
    suites = ET.Element("testsuites", {"name": "mtqa", **counts, "time": "0"})
    suites.append(suite)
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"
