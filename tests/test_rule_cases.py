"""Data-driven rule cases from tests/cases/*.yaml: what each rule must flag and leave alone."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from case_runner import case_issues

CASES_DIR = Path(__file__).parent / "cases"


def _cases():
    for f in sorted(CASES_DIR.glob("*.yaml")):
        for case in yaml.safe_load(f.read_text(encoding="utf-8")):
            yield pytest.param(case, id=f"{f.stem}:{case['name']}")


@pytest.mark.parametrize("case", list(_cases()))
def test_rule_case(case, tmp_path):
    found = case_issues(case, tmp_path)
    got = [i.text for i in found]
    if case.get("passes"):
        assert got == [], f"expected no finding, got {[(i.text, i.message) for i in found]}"
    else:
        assert got == case["flags"], [(i.text, i.message) for i in found]
    if "suggestions" in case:  # the first replacement of each flagged span, or null for none
        assert [i.suggestions[0] if i.suggestions else None for i in found] == case["suggestions"]


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
