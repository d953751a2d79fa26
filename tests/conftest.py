"""Shared fixtures. The spaCy model is loaded once per test session (mtqa.nlp caches it)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

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
    """Run mtqa on a string and return the report."""
    from mtqa.api import check_text
    from mtqa.config import Config

    return check_text(text, Config(lang=lang, select=list(select or []), **cfg))


def issues_of(text: str, rule: str, lang: str = "fr", **cfg):
    """The findings of one rule (selected alone) on a text, with offsets checked."""
    report = check(text, lang, [rule], **cfg)
    out = [i for i in report.issues if i.rule == rule or i.name == rule]
    for i in out:
        assert text[i.start : i.end] == i.text
    return out
