"""Habits users expect of a linter: a rule list that fits the terminal, a marked span without
colour, a demo that says why it passes."""

from __future__ import annotations

import subprocess
import sys

import pytest
from rich.cells import cell_len
from typer.testing import CliRunner

from conftest import ROOT
from mtqa.cli import app

runner = CliRunner()


@pytest.mark.parametrize("columns", [60, 80, 132])
def test_rules_fit_the_terminal_width(columns, monkeypatch):
    monkeypatch.setenv("COLUMNS", str(columns))
    r = runner.invoke(app, ["rules"])
    assert r.exit_code == 0
    lines = r.stdout.splitlines()
    assert max(cell_len(line) for line in lines) <= columns
    assert sum(line.startswith("MTQ") for line in lines) >= 20
    assert "MTQ410" in r.stdout and "duplicate" in r.stdout


def test_span_is_underlined_with_carets_without_colour(tmp_path):
    art = tmp_path / "a.txt"
    art.write_text("Le maire — 市長 — a parlé.\n\nPartager\n", encoding="utf-8")
    r = runner.invoke(app, ["check", str(art), "--lang", "fr", "--select", "MTQ401", "--no-color"])
    lines = r.stdout.splitlines()
    i = next(n for n, line in enumerate(lines) if line.strip() == "Partager")
    assert lines[i + 1] == "    ^^^^^^^^"


def test_carets_count_wide_characters_as_two_cells():
    from mtqa.formatters.terminal import _carets, _context
    from mtqa.model import DocumentResult, Issue, Severity

    text = "Au Japon, 市長 dit « Partager » ici.\n"
    s = text.index("Partager")
    issue = Issue("MTQ401", "boilerplate", "boilerplate", Severity.WARNING, "m", s, s + 8, 1, s + 1, "Partager")
    doc = DocumentResult("a.txt", "fr", 6, [], [], [issue], text=text)
    ctx = _context(doc, issue)
    carets = _carets(doc, issue, ctx).plain
    assert carets.endswith("^" * 8) and cell_len(carets) == cell_len(ctx.plain[: ctx.plain.index("Partager")]) + 8
    assert cell_len("    Au Japon, 市長 dit « ") == len(carets) - 8


def test_colour_output_has_no_carets(tmp_path):
    art = tmp_path / "a.txt"
    art.write_text("Partager\n", encoding="utf-8")
    r = runner.invoke(app, ["check", str(art), "--lang", "fr", "--color"])
    assert "^^^" not in r.stdout


def test_demo_says_why_it_passes():
    out = subprocess.run(["make", "-n", "demo"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    lines = out.splitlines()
    i = next(n for n, line in enumerate(lines) if "--fail-on never" in line and "mtqa check corpora/news" in line)
    assert any("--fail-on never" in line and "passes" in line and line.startswith("echo") for line in lines[:i])
