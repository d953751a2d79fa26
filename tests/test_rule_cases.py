"""Data-driven rule cases from tests/cases/*.yaml: what each rule must flag and leave alone."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from conftest import issues_of

CASES_DIR = Path(__file__).parent / "cases"


def _cases():
    for f in sorted(CASES_DIR.glob("*.yaml")):
        for case in yaml.safe_load(f.read_text(encoding="utf-8")):
            yield pytest.param(case, id=f"{f.stem}:{case['name']}")


@pytest.mark.parametrize("case", list(_cases()))
def test_rule_case(case, tmp_path):
    cfg = {}
    if "glossary" in case:  # rows of source, target, forbidden: written as the CSV a user gives
        cfg["glossaries"] = [_glossary_file(case["glossary"], tmp_path)]
    if "documents" in case:
        found = _issues_of_documents(case, cfg)
    elif "source" in case:
        found = _issues_with_source(case, cfg)
    else:
        found = issues_of(case["text"], case["rule"], lang=case.get("lang", "fr"), **cfg)
    got = [i.text for i in found]
    if case.get("passes"):
        assert got == [], f"expected no finding, got {[(i.text, i.message) for i in found]}"
    else:
        assert got == case["flags"], [(i.text, i.message) for i in found]


def _glossary_file(rows: list[dict], tmp_path: Path) -> str:
    import csv

    path = tmp_path / "glossary.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=["source", "target", "forbidden", "note"])
        w.writeheader()
        for row in rows:
            w.writerow({k: row.get(k, "") for k in w.fieldnames})
    return str(path)


def _issues_of_documents(case, cfg):
    """A run over several documents (corpus rules): `documents` lists their texts; the findings
    of every document, in order."""
    from mtqa.config import Config
    from mtqa.lint.engine import Engine
    from mtqa.readers.text import read_text

    docs = [read_text(t, f"<case-{n}>") for n, t in enumerate(case["documents"])]
    report = Engine(Config(lang=case.get("lang", "fr"), select=[case["rule"]], **cfg)).run(docs)
    out = []
    for doc in report.documents:
        for i in doc.issues:
            assert doc.text[i.start : i.end] == i.text
            out.append(i)
    return out


def _issues_with_source(case, cfg=None):
    """A document of one segment per line with its aligned source (as `mtqa check --source`
    builds it): `source` is one string for every line, or a list with one entry per line."""
    from dataclasses import replace

    from mtqa.config import Config
    from mtqa.lint.engine import Engine
    from mtqa.readers.text import read_lines

    doc = read_lines(case["text"], "<case>")
    doc.source_language = case.get("source_lang")  # as --source-lang; detected from the source when absent
    sources = case["source"]
    if isinstance(sources, str):
        doc.paragraphs = [replace(p, source=sources) for p in doc.paragraphs]
    else:  # one source line per line of the text
        lines = case["text"].split("\n")
        doc.paragraphs = [replace(p, source=sources[doc.line_of(p.start) - 1]) for p in doc.paragraphs]
        assert len(sources) == len(lines), "a case's source list has one entry per line of its text"
    report = Engine(Config(lang=case.get("lang", "fr"), select=[case["rule"]], **(cfg or {}))).run([doc])
    for i in report.issues:
        assert case["text"][i.start : i.end] == i.text
    return report.issues


def test_every_rule_has_a_case_file_with_flag_and_pass_cases():
    """One case file per rule code, named after it, holding cases of that rule only, at least
    one that it must flag and one that it must leave alone."""
    from mtqa.lint.registry import all_rules

    rules = all_rules() if callable(all_rules) else all_rules
    by_name = {r.name: r.code for r in rules}
    for rule in rules:
        path = CASES_DIR / f"{rule.code}.yaml"
        assert path.is_file(), f"{rule.code} has no case file {path.name}"
        cases = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert all(by_name.get(c["rule"], c["rule"]) == rule.code for c in cases), f"{path.name} holds another rule's case"
        assert any(c.get("passes") for c in cases) and any(not c.get("passes") for c in cases), (
            f"{path.name} needs at least one flag case and one pass case"
        )
    assert {p.stem for p in CASES_DIR.glob("*.yaml")} <= {r.code for r in rules}, "a case file named after no rule"
