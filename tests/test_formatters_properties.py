"""Property tests: any text and any findings in it give valid output in every format."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mtqa import formatters
from mtqa.lint.registry import get_rule
from mtqa.model import Advice, Document, DocumentResult, Report, Severity
from test_formatters import _Page

SARIF = jsonschema.Draft4Validator(json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8")))
# decoded files never hold surrogates; NUL marks a file as binary
TEXT = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), min_size=1, max_size=120)
CODES = ("MTQ102", "MTQ401", "MTQ410", "MTQ421")


@st.composite
def reports(draw) -> Report:
    text = draw(TEXT)
    doc = Document(text, draw(st.sampled_from(["a.txt", "dir/b c.md", "/abs/d.txt"])))
    issues = []
    for _ in range(draw(st.integers(0, 5))):
        start = draw(st.integers(0, len(text)))
        end = draw(st.integers(start, len(text)))
        rule = get_rule(draw(st.sampled_from(CODES)))()
        message = draw(st.text(max_size=30).filter(lambda s: "\x00" not in s))
        suggestions = draw(st.lists(st.sampled_from([Advice("remove"), "Lors d'une", "a|b", "<i>"]), max_size=2))
        severity = draw(st.sampled_from(list(Severity)))
        issues.append(rule.issue(doc, start, end, message.replace("\ud800", ""), suggestions, severity=severity))
    issues.sort(key=lambda i: (i.start, i.end))
    result = DocumentResult(doc.path, "fr", doc.word_count, doc.paragraphs, doc.sentences, issues, text=text)
    return Report([result], fail_on=draw(st.sampled_from([Severity.ERROR, Severity.INFO, None])), rules_used=[get_rule(c) for c in CODES])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reports())
def test_every_format_stays_valid(report):
    doc = report.documents[0]
    data = json.loads(formatters.render(report, "sarif"))
    SARIF.validate(data)
    for res, issue in zip(data["runs"][0]["results"], doc.issues):
        region = res["locations"][0]["physicalLocation"]["region"]
        assert doc.text[region["charOffset"] : region["charOffset"] + region["charLength"]] == region["snippet"]["text"] == issue.text
    suite = ET.fromstring(formatters.render(report, "junit").encode("utf-8")).find("testsuite")
    assert len(suite.findall("testcase")) == 1
    gh = formatters.render(report, "github").rstrip("\n").split("\n")
    assert len(gh) == len(doc.issues) + len(doc.gate_failures) + 1  # one line per annotation, none split
    assert not any("\r" in line for line in gh)
    md = formatters.render(report, "markdown")
    assert md.count("\n| ") >= len(doc.issues)
    page = _Page()
    page.feed(formatters.render(report, "html"))
    assert page.texts == [doc.text]
    for g, issue in enumerate(doc.issues):
        assert page.marked.get(g, "") == issue.text
