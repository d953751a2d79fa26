"""Every rule's docstring example runs: the rule, selected alone, flags the Flagged text (the
exact spans when the example names them with ``Flags:``) and leaves the Better text alone.

The Example section's syntax (``Source (de):``, ``Glossary:``, ``Document:``, ``Flags:``) is
described in CONTRIBUTING.md and parsed by :func:`mtqa.lint.rule.parse_example`.
"""

from __future__ import annotations

import csv

import pytest

from case_runner import case_issues
from mtqa.lint.registry import all_rules

# Rules whose example cannot run, with the reason. Keep it empty: a rule that cannot show a short
# example that runs is a rule whose behaviour nobody can check from its documentation.
CANNOT_RUN: dict[str, str] = {}


def _case(rule, text: str) -> tuple[dict, int | None]:
    """The example as a rule case (see tests/case_runner.py) for one of its texts, and the number
    of the document whose findings count (the last one of a run with other documents)."""
    ex = rule.example()
    case: dict = {"rule": rule.code, "text": text}
    if ex.source:
        case["source"] = ex.source[0] if len(ex.source) == 1 else list(ex.source)
        if ex.source_lang:
            case["source_lang"] = ex.source_lang
    if ex.glossary:
        fields = ["source", "target", "forbidden", "note"]
        case["glossary"] = [dict(zip(fields, row)) for row in csv.reader(ex.glossary)]
    if ex.documents:
        case["documents"] = [*ex.documents, text]
        return case, len(ex.documents)
    return case, None


RULES = [pytest.param(r, id=r.code) for r in all_rules() if r.__module__.startswith("mtqa.checks.")]


def test_cannot_run_names_rules_with_a_reason():
    codes = {r.code for r in all_rules()}
    assert all(code in codes and reason.strip() for code, reason in CANNOT_RUN.items())


def _run_example(rule, which: str, tmp_path):
    """The example and the findings of the rule alone on its ``flagged`` or ``better`` text."""
    if rule.code in CANNOT_RUN:
        pytest.skip(CANNOT_RUN[rule.code])
    ex = rule.example()
    case, document = _case(rule, getattr(ex, which))
    return ex, case_issues(case, tmp_path, document=document)


@pytest.mark.parametrize("rule", RULES)
def test_example_is_flagged(rule, tmp_path):
    ex, found = _run_example(rule, "flagged", tmp_path)
    got = [i.text for i in found]
    if ex.flags is not None:
        assert got == list(ex.flags), [(i.text, i.message) for i in found]
    else:
        assert got, f"{rule.code} does not flag its example {ex.flagged!r}"


@pytest.mark.parametrize("rule", RULES)
def test_example_better_passes(rule, tmp_path):
    _, found = _run_example(rule, "better", tmp_path)
    assert found == [], f"{rule.code} flags its Better text: {[(i.text, i.message) for i in found]}"
