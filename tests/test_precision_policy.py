"""A rule's default severity follows its measured precision on real machine translation
(rules/fr/precision.yaml, written by bench/real_mt_eval.py from judged findings): error only at
0.9 and above, warning at 0.7 and above, information below (or off by default)."""

from __future__ import annotations

import pytest

from mtqa.lint.registry import all_rules
from mtqa.model import Severity
from mtqa.precision import SAFE_FIX_JUDGED, SAFE_FIX_PRECISION, measured, safe_to_fix


def allowed(precision: float) -> Severity:
    if precision >= 0.9:
        return Severity.ERROR
    if precision >= 0.7:
        return Severity.WARNING
    return Severity.INFO


def _rules():
    rules = all_rules() if callable(all_rules) else all_rules
    return sorted(rules, key=lambda r: r.code)


@pytest.mark.parametrize("rule", _rules(), ids=lambda r: r.code)
def test_default_severity_is_no_louder_than_its_precision_allows(rule):
    m = measured(rule.code, "fr")
    if m is None or not rule.default_enabled:
        pytest.skip("not measured on real MT (no finding there), or off by default")
    assert rule.severity.rank <= allowed(m.conservative).rank, (
        f"{rule.code} is {rule.severity.value} by default but measured {m.conservative:.2f} "
        f"({m.judged} judged): at most {allowed(m.conservative).value}"
    )


def test_the_measurements_cover_the_rules_that_fire_on_real_mt():
    measured_codes = {r.code for r in _rules() if measured(r.code, "fr")}
    # the rules with the most findings on the WMT22 de-fr outputs
    assert {"MTQ101", "MTQ104", "MTQ201", "MTQ202", "MTQ310", "MTQ501", "MTQ503", "MTQ504"} <= measured_codes


def test_safe_fixes_need_a_high_measured_precision():
    for rule in _rules():
        m = measured(rule.code, "fr")
        enough = m is not None and max(m.judged, m.pooled_judged or 0) >= SAFE_FIX_JUDGED
        assert safe_to_fix(rule.code, "fr") == (enough and m.conservative >= SAFE_FIX_PRECISION)


def test_one_or_two_right_findings_do_not_make_fixes_safe(tmp_path):
    from mtqa import packs

    (tmp_path / "fr").mkdir()
    (tmp_path / "fr" / "precision.yaml").write_text(
        "data: a test\nrules:\n"
        "  MTQ212: {precision: 1.0, judged: 2, pooled: 1.0, pooled_judged: 2}\n"
        "  MTQ213: {precision: 1.0, judged: 3, pooled: 0.96, pooled_judged: 25}\n", encoding="utf-8")
    packs.set_extra_dirs([tmp_path])
    try:
        assert not safe_to_fix("MTQ212", "fr")
        assert safe_to_fix("MTQ213", "fr")
    finally:
        packs.set_extra_dirs([])
