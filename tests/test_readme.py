"""README's promises: its first two commands, and a rule table that matches the registry."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_readme_starts_with_make_demo_and_make_test():
    lines = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    commands = [ln.split("#")[0].strip() for ln in lines[:8] if ln.startswith("make ")]
    assert commands == ["make demo", "make test"]


def test_ci_runs_the_readme_test_command():
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_readme_rule_table_matches_the_registry():
    """README's rule table is generated from the rules (scripts/readme_rules.py --write)."""
    spec = importlib.util.spec_from_file_location("readme_rules", ROOT / "scripts" / "readme_rules.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert mod.table() in readme, "run: .venv/bin/python scripts/readme_rules.py --write"
