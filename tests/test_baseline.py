"""Baselines: accepted findings are hidden by rule, text and context, and survive edits elsewhere."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import FIXTURES
from mtqa import baseline
from mtqa.api import check_paths
from mtqa.config import Config
from mtqa.errors import ConfigError
from mtqa.cli import app

runner = CliRunner()
SELECT = ["MTQ401", "MTQ421", "MTQ102"]
ARTICLE = (
    "Aller au contenu\n\n"
    "Le conseil municipal a voté lundi soir le budget de la ville pour l'année prochaine.\n\n"
    "The mayor said that the city had no other choice this year because of rising costs.\n\n"
    "Les dépenses pour les écoles augmentent nettement, selon le document publié par la\n\n"
    "Partager\n"
)


def run(*args: str):
    return runner.invoke(app, ["check", *args, "--lang", "fr", "--select", ",".join(SELECT)])


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "budget.txt").write_text(ARTICLE, encoding="utf-8")
    return tmp_path


def findings(report) -> list[tuple[str, str]]:
    return sorted((i.rule, i.text) for i in report.issues)


def check(path: Path):
    return check_paths([str(path)], Config(lang="fr", select=SELECT))


def test_written_baseline_hides_every_finding_and_the_gate_passes(project):
    art, bl = project / "articles" / "budget.txt", project / "mtqa-baseline.json"
    r = run(str(art), "--write-baseline", str(bl))
    assert r.exit_code == 0  # recording a baseline succeeds, as a CI step that records one must
    assert f"baseline {bl}: 4 findings saved" in r.stdout
    data = json.loads(bl.read_text(encoding="utf-8"))
    assert data["format"] == "mtqa-baseline" and len(data["findings"]) == 4
    assert {e["path"] for e in data["findings"]} == {"articles/budget.txt"}
    r = run(str(art), "--baseline", str(bl), "--format", "json")
    assert r.exit_code == 0, r.output
    report = json.loads(r.stdout)
    assert report["summary"]["issues"] == 0 and report["summary"]["passed"]
    assert report["documents"][0]["quality"]["score"] == 100.0
    assert any("4 known findings hidden" in n for n in report["notices"])


def test_baseline_survives_edits_elsewhere_but_not_around_the_finding(project):
    art, bl = project / "articles" / "budget.txt", project / "bl.json"
    baseline.write(check(art), bl)
    # a new paragraph at the top and an edit far from every finding: lines and offsets move
    edited = "Budget 2025\n\n" + ARTICLE.replace("a voté lundi soir", "a adopté mardi matin")
    art.write_text(edited, encoding="utf-8")
    report = check(art)
    assert len(report.issues) == 4
    assert baseline.apply_baseline(report, bl, Config(lang="fr")) == 4
    assert report.issues == [] and report.passed
    # editing the words right before the truncated ending makes that finding new again
    art.write_text(edited.replace("selon le document publié par la", "selon la note publiée par la"), encoding="utf-8")
    report = check(art)
    baseline.apply_baseline(report, bl, Config(lang="fr"))
    assert findings(report) == [("MTQ421", "la")]
    assert any("1 entry no longer found" in n for n in report.notices)


def test_a_new_finding_fails_the_gate_again(project):
    art, bl = project / "articles" / "budget.txt", project / "bl.json"
    baseline.write(check(art), bl)
    art.write_text(ARTICLE + "\nThe opposition criticised the budget and asked for an independent audit.\n", encoding="utf-8")
    r = run(str(art), "--baseline", str(bl))
    assert r.exit_code == 1
    assert "The opposition criticised" in r.stdout and "Aller au contenu" not in r.stdout


def test_repeated_findings_are_counted(project):
    art, bl = project / "articles" / "budget.txt", project / "bl.json"
    baseline.write(check(art), bl)
    # the same label once more, in the same surroundings: only one copy is known
    art.write_text(ARTICLE + "\nPartager\n", encoding="utf-8")
    report = check(art)
    baseline.apply_baseline(report, bl, Config(lang="fr"))
    assert findings(report) == [("MTQ401", "Partager")]


def test_same_finding_in_another_file_is_not_hidden(project):
    art, bl = project / "articles" / "budget.txt", project / "bl.json"
    baseline.write(check(art), bl)
    other = project / "articles" / "autre.txt"
    other.write_text(ARTICLE, encoding="utf-8")
    report = check_paths([str(art), str(other)], Config(lang="fr", select=SELECT))
    baseline.apply_baseline(report, bl, Config(lang="fr"))
    assert [d.path for d in report.documents if d.issues] == [str(other)]


def test_paths_are_relative_to_the_baseline_so_another_working_directory_works(project, monkeypatch):
    art, bl = project / "articles" / "budget.txt", project / "bl.json"
    monkeypatch.chdir(project / "articles")
    baseline.write(check(Path("budget.txt")), bl)
    monkeypatch.chdir(project)
    report = check(Path("articles/budget.txt"))
    assert baseline.apply_baseline(report, bl, Config(lang="fr")) == 4


def test_multi_document_files_are_matched_per_document(tmp_path):
    src = FIXTURES / "formats" / "bundle.xliff"
    bundle = tmp_path / "bundle.xliff"
    bundle.write_text(src.read_text(encoding="utf-8"), encoding="utf-8")
    cfg = Config(select=["MTQ410", "MTQ102"])
    report = check_paths([str(bundle)], cfg)
    assert {d.doc_id for d in report.documents if d.issues} == {"crues-baviere", "festival-seoul"}
    bl = tmp_path / "bl.json"
    baseline.write(report, bl)
    assert {e["doc_id"] for e in json.loads(bl.read_text(encoding="utf-8"))["findings"]} == {"crues-baviere", "festival-seoul"}
    report = check_paths([str(bundle)], cfg)
    baseline.apply_baseline(report, bl, cfg)
    assert report.issues == []


@pytest.mark.parametrize(
    "content, message",
    [
        (None, "baseline file not found"),
        ("{not json", "not a baseline file"),
        ('{"findings": []}', "not an mtqa baseline file"),
        ('{"format": "mtqa-baseline", "version": 9, "findings": []}', "baseline version 9 is not supported"),
        ('{"format": "mtqa-baseline", "version": 1, "findings": [{"rule": "MTQ401"}]}', "entry 1 lacks path"),
    ],
)
def test_bad_baseline_is_one_line_and_exit_two(project, content, message):
    bl = project / "bl.json"
    if content is not None:
        bl.write_text(content, encoding="utf-8")
    r = run(str(project / "articles" / "budget.txt"), "--baseline", str(bl))
    assert r.exit_code == 2
    assert len(r.stderr.strip().splitlines()) == 1 and message in r.stderr and "Traceback" not in r.stderr
    with pytest.raises(ConfigError, match=message):
        baseline.load(bl)


def test_unwritable_baseline_is_an_error(project):
    target = project / "articles" / "budget.txt" / "bl.json"  # a file used as a folder
    r = run(str(project / "articles" / "budget.txt"), "--write-baseline", str(target))
    assert r.exit_code == 2 and "cannot write baseline" in r.stderr


def test_baseline_file_is_stable_and_sorted(project):
    art = project / "articles" / "budget.txt"
    a, b = project / "a.json", project / "b.json"
    baseline.write(check(art), a)
    baseline.write(check(art), b)
    assert a.read_bytes() == b.read_bytes()
    lines = [e["line"] for e in json.loads(a.read_text(encoding="utf-8"))["findings"]]
    assert lines == sorted(lines)
    assert not any(n.startswith(".") for n in os.listdir(project))  # no temporary file left
