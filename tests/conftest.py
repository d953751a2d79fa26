"""Shared fixtures. The spaCy model is loaded once per test session (mtqa.nlp caches it)."""

from __future__ import annotations

import json
from pathlib import Path

import os

import pytest

try:  # property tests draw the same examples on every run (a CI run is reproducible);
    # HYPOTHESIS_PROFILE=explore draws new ones, to look for cases not seen yet.
    from hypothesis import settings

    settings.register_profile("repeatable", derandomize=True)
    settings.register_profile("explore", derandomize=False)
    settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))
except ImportError:  # pragma: no cover - hypothesis is in the test extra
    pass

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT / "corpora"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SCHEMA = ROOT / "src" / "mtqa" / "schemas" / "report-v1.schema.json"


@pytest.fixture(scope="session")
def nlp_fr():
    """The French pipeline, loaded once for the whole session."""
    from mtqa import nlp

    return nlp.pipeline("fr", frozenset({"ner"}))


@pytest.fixture(scope="session")
def report_schema():
    return json.loads(SCHEMA.read_text(encoding="utf-8"))


def validate_report(data: dict) -> None:
    """Validate a JSON report against the shipped schema and the offset contract."""
    import jsonschema

    jsonschema.validate(data, json.loads(SCHEMA.read_text(encoding="utf-8")))


def check(text: str, lang: str = "fr", select: list[str] | None = None, **cfg):
    """Run mtqa on a string and return the report (its JSON view is validated on the way)."""
    from mtqa.api import check_text
    from mtqa.config import Config
    from mtqa.formatters.json_report import report_dict

    report = check_text(text, Config(lang=lang, select=list(select or []), **cfg))
    report_dict(report)  # validated by the session hook below
    return report


@pytest.fixture(scope="session", autouse=True)
def _validate_every_json_report():
    """Every JSON report the tests produce is validated against the shipped schema, and every
    issue against the offset contract (text[start:end] == issue.text, line/column agree)."""
    import jsonschema

    from mtqa.formatters import json_report

    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    original = json_report.report_dict
    original_pieces = json_report.iter_json

    def validate(report, data):
        validator.validate(data)
        for doc, d in zip(report.documents, data["documents"]):
            text = doc.text or ""
            for i in d["issues"]:
                assert text[i["start"] : i["end"]] == i["text"], i
                line_start = 0 if i["line"] == 1 else _nth_line_start(text, i["line"])
                assert i["start"] - line_start + 1 == i["column"], i
        return data

    def checked(report):
        return validate(report, original(report))

    def checked_pieces(report, *args, **kwargs):
        # the report written a piece at a time (JSON output of the command line)
        pieces = list(original_pieces(report, *args, **kwargs))
        validate(report, json.loads("".join(pieces)))
        yield from pieces

    json_report.report_dict = checked
    checked_pieces.__wrapped__ = original_pieces  # for tests of the writer's own laziness
    json_report.iter_json = checked_pieces
    yield
    json_report.report_dict = original
    json_report.iter_json = original_pieces


def _nth_line_start(text: str, line: int) -> int:
    import re

    starts = [0, *(m.end() for m in re.finditer(r"\r\n|\r|\n", text))]
    return starts[line - 1]


def issues_of(text: str, rule: str, lang: str = "fr", **cfg):
    """The findings of one rule (selected alone) on a text, with offsets checked."""
    report = check(text, lang, [rule], **cfg)
    out = [i for i in report.issues if i.rule == rule or i.name == rule]
    for i in out:
        assert text[i.start : i.end] == i.text
    return out
