"""Running one rule case: a rule selected alone on a text, with what the case gives it (an aligned
source, glossary rows, the other documents of a run). Shared by the case files
(tests/test_rule_cases.py) and the rules' docstring examples (tests/test_docstring_examples.py).

A case is a dict as in tests/cases/*.yaml: ``rule``, ``text``, and optionally ``lang``,
``source`` and ``source_lang``, ``glossary`` (rows of source, target, forbidden, note),
``documents`` (the texts of a run, for corpus rules) and ``options`` (the rule's options, as
``[rules.CODE]`` of a configuration file sets them).
"""

from __future__ import annotations

import csv
from pathlib import Path

from conftest import issues_of


def case_issues(case: dict, tmp_path: Path, *, document: int | None = None) -> list:
    """The findings of the case's rule, offsets checked. For a case with ``documents``, those of
    every document in order, or of the document numbered ``document`` only."""
    cfg = {}
    if "options" in case:  # as [rules.CODE] in a configuration file
        cfg["rules"] = {case["rule"]: dict(case["options"])}
    if "glossary" in case:  # rows of source, target, forbidden: written as the CSV a user gives
        cfg["glossaries"] = [glossary_file(case["glossary"], tmp_path)]
    if "documents" in case:
        per_doc = issues_of_documents(case, cfg)
        return per_doc[document] if document is not None else [i for found in per_doc for i in found]
    if "source" in case:
        return issues_with_source(case, cfg)
    return issues_of(case["text"], case["rule"], lang=case.get("lang", "fr"), **cfg)


def glossary_file(rows: list[dict], tmp_path: Path) -> str:
    path = tmp_path / "glossary.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=["source", "target", "forbidden", "note"])
        w.writeheader()
        for row in rows:
            w.writerow({k: row.get(k, "") for k in w.fieldnames})
    return str(path)


def issues_of_documents(case: dict, cfg: dict) -> list[list]:
    """A run over several documents (corpus rules): `documents` lists their texts; the findings
    of each document, in document order."""
    from mtqa.config import Config
    from mtqa.pipeline import Pipeline
    from mtqa.readers.text import read_text

    docs = [read_text(t, f"<case-{n}>") for n, t in enumerate(case["documents"])]
    report = Pipeline(Config(lang=case.get("lang", "fr"), select=[case["rule"]], **cfg)).run(docs)
    out = []
    for doc in report.documents:
        for i in doc.issues:
            assert doc.text[i.start : i.end] == i.text
        out.append(list(doc.issues))
    return out


def issues_with_source(case: dict, cfg: dict | None = None) -> list:
    """A document of one segment per line with its aligned source (as `mtqa check --source`
    builds it): `source` is one string for every line, or a list with one entry per line."""
    from dataclasses import replace

    from mtqa.config import Config
    from mtqa.pipeline import Pipeline
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
    report = Pipeline(Config(lang=case.get("lang", "fr"), select=[case["rule"]], **(cfg or {}))).run([doc])
    for i in report.issues:
        assert case["text"][i.start : i.end] == i.text
    return report.issues
