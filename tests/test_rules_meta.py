"""Every rule is documented and well-formed; every shipped rule pack loads and validates."""

from __future__ import annotations

import pytest

from mtqa import packs
from mtqa.lint.patterns import load_patterns
from mtqa.lint.registry import all_rules, select_rules
from mtqa.lint.rule import validate_rule_class


@pytest.mark.parametrize("rule", all_rules(), ids=lambda r: r.code)
def test_rule_metadata_and_documentation(rule):
    assert validate_rule_class(rule) == []


def test_codes_and_names_are_unique():
    rules = all_rules()
    assert len({r.code for r in rules}) == len(rules)
    assert len({r.name for r in rules}) == len(rules)


def test_selection_by_code_prefix_name_and_category():
    codes = lambda sel, ign=(): [r.code for r in select_rules(sel, ign)]  # noqa: E731
    assert codes(["MTQ401"]) == ["MTQ401"]
    assert set(codes(["MTQ4"])) >= {"MTQ401", "MTQ402", "MTQ410", "MTQ420", "MTQ421"}
    assert codes(["duplicate"]) == ["MTQ410"]
    assert set(codes(["truncation"])) == {"MTQ420", "MTQ421"}
    assert "MTQ401" not in codes([], ["boilerplate"])


@pytest.mark.parametrize("lang", packs.languages())
def test_boilerplate_packs_validate(lang):
    # loading compiles every entry and checks its own examples
    if packs.pack_files(lang, "boilerplate.yaml"):
        assert len(load_patterns(lang, "boilerplate.yaml")) > 0
