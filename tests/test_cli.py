"""The command line: exit codes, bad input, selection, configuration, output files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import CORPORA, validate_report
from mtqa.cli import app

runner = CliRunner()
ARTICLE = "Le maire a inauguré la nouvelle école lundi matin.\n\nPartager\n"
CLEAN = "Le maire a inauguré la nouvelle école lundi matin, devant les parents d'élèves.\n"


def run(*args: str, input: str | None = None):
    return runner.invoke(app, list(args), input=input)


@pytest.fixture
def article(tmp_path: Path) -> Path:
    p = tmp_path / "article.txt"
    p.write_text(ARTICLE, encoding="utf-8")
    return p


def test_check_text_output_and_exit_code_zero_for_warnings(article):
    r = run("check", str(article), "--lang", "fr", "--no-color")
    assert r.exit_code == 0, r.output
    assert f"{article}:3:1  MTQ401" in r.output
    assert "Partager" in r.output and "advice: remove" in r.output


def test_fail_on_warning_gives_exit_one(article):
    r = run("check", str(article), "--lang", "fr", "--fail-on", "warning")
    assert r.exit_code == 1


def test_fail_on_never(article):
    r = run("check", str(article), "--lang", "fr", "--fail-on", "never", "--select", "MTQ401")
    assert r.exit_code == 0


def test_json_output_is_valid_and_offsets_hold(article, tmp_path):
    out = tmp_path / "r.json"
    r = run("check", str(article), "--lang", "fr", "--format", "json", "--output", str(out))
    assert r.exit_code == 0, r.output
    data = json.loads(out.read_text(encoding="utf-8"))
    validate_report(data)
    doc = data["documents"][0]
    assert doc["target_language"] == "fr"
    issue = doc["issues"][0]
    assert ARTICLE[issue["start"] : issue["end"]] == issue["text"] == "Partager"
    assert (issue["line"], issue["column"]) == (3, 1)
    assert data["summary"]["by_category"] == {"boilerplate": 1}


def test_select_and_ignore(article):
    r = run("check", str(article), "--lang", "fr", "--ignore", "boilerplate", "--format", "json")
    assert json.loads(r.stdout)["summary"]["issues"] == 0
    r = run("check", str(article), "--lang", "fr", "--select", "MTQ4", "--format", "json")
    assert json.loads(r.stdout)["summary"]["issues"] == 1


def test_unknown_selector_is_a_usage_error(article):
    r = run("check", str(article), "--select", "MTQ999")
    assert r.exit_code == 2
    assert "matches no rule" in r.output


def test_stdin(tmp_path):
    r = run("check", "-", "--lang", "fr", "--format", "json", input=ARTICLE)
    assert r.exit_code == 0
    assert json.loads(r.stdout)["documents"][0]["path"] == "<stdin>"


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "file is empty"),
        (b"   \n\n", "file is empty"),
        (b"\x00\x01\x02binary", "binary file"),
        (b"caf\xe9 au lait\n", "invalid UTF-8 at byte 3"),
    ],
)
def test_bad_input_is_one_line_and_exit_two_while_others_are_checked(tmp_path, article, content, message):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    r = subprocess.run(
        [sys.executable, "-m", "mtqa", "check", str(bad), str(article), "--lang", "fr", "--format", "json"],
        capture_output=True, text=True,
    )
    assert r.returncode == 2
    assert r.stderr.strip().count("\n") == 0, r.stderr
    assert message in r.stderr and "Traceback" not in r.stderr
    data = json.loads(r.stdout)
    assert [d["path"] for d in data["documents"]] == [str(article)]
    assert data["errors"][0]["path"] == str(bad)


def test_missing_file_and_empty_directory(tmp_path):
    (tmp_path / "empty").mkdir()
    r = subprocess.run([sys.executable, "-m", "mtqa", "check", str(tmp_path / "nope.txt"), str(tmp_path / "empty")],
                       capture_output=True, text=True)
    assert r.returncode == 2
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 2 and "no such file" in lines[0] and "no text files" in lines[1]
    assert "Traceback" not in r.stderr


def test_bom_is_stripped_and_offsets_refer_to_decoded_text(tmp_path):
    p = tmp_path / "bom.txt"
    p.write_bytes("\ufeffPartager\n\nLe maire a inauguré la nouvelle école lundi matin.\n".encode("utf-8"))
    r = run("check", str(p), "--lang", "fr", "--format", "json")
    issue = json.loads(r.stdout)["documents"][0]["issues"][0]
    assert (issue["start"], issue["end"], issue["column"]) == (0, 8, 1)


def test_directory_is_searched_recursively(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "one.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "a" / "two.md").write_text("# Titre\n\n" + CLEAN, encoding="utf-8")
    (tmp_path / "a" / "skip.bin").write_bytes(b"\x00\x00")
    r = run("check", str(tmp_path), "--lang", "fr", "--format", "json")
    paths = [Path(d["path"]).name for d in json.loads(r.stdout)["documents"]]
    assert paths == ["one.txt", "two.md"]


def test_config_file_is_found_above_the_input_and_flags_override(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.mtqa]\nignore = ["boilerplate"]\nfail_on = "warning"\n', encoding="utf-8")
    sub = tmp_path / "articles"
    sub.mkdir()
    art = sub / "a.txt"
    art.write_text(ARTICLE, encoding="utf-8")
    r = run("check", str(art), "--lang", "fr", "--format", "json")
    assert json.loads(r.stdout)["summary"]["issues"] == 0
    (tmp_path / "pyproject.toml").write_text('[tool.mtqa]\nfail_on = "warning"\n[tool.mtqa.rules.MTQ401]\nseverity = "error"\n', encoding="utf-8")
    r = run("check", str(art), "--lang", "fr", "--format", "json")
    data = json.loads(r.stdout)
    assert r.exit_code == 1 and data["documents"][0]["issues"][0]["severity"] == "error"
    r = run("check", str(art), "--lang", "fr", "--fail-on", "never")
    assert r.exit_code == 0
    r = run("config", str(art))
    assert "fail_on" in r.output and "pyproject.toml" in r.output


def test_bad_config_is_a_usage_error(tmp_path):
    (tmp_path / "mtqa.toml").write_text("fail_on = [broken\n", encoding="utf-8")
    art = tmp_path / "a.txt"
    art.write_text(ARTICLE, encoding="utf-8")
    r = run("check", str(art))
    assert r.exit_code == 2 and "invalid TOML" in r.output
    (tmp_path / "mtqa.toml").write_text('[rules.MTQ401]\nno_such_option = 1\n', encoding="utf-8")
    r = run("check", str(art))
    assert r.exit_code == 2 and "unknown option" in r.output


def test_user_pack_extends_boilerplate(tmp_path):
    pack = tmp_path / "house" / "fr"
    pack.mkdir(parents=True)
    (pack / "boilerplate.yaml").write_text(
        "patterns:\n  - id: house-promo\n    scope: line\n    pattern: '(?i)offre spéciale abonnés'\n"
        "    message: house promotion '{match}'\n    examples:\n      flag: ['Offre spéciale abonnés']\n",
        encoding="utf-8",
    )
    art = tmp_path / "a.txt"
    art.write_text(CLEAN + "\nOffre spéciale abonnés\n", encoding="utf-8")
    r = run("check", str(art), "--lang", "fr", "--pack", str(tmp_path / "house"), "--format", "json")
    texts = [i["text"] for i in json.loads(r.stdout)["documents"][0]["issues"]]
    assert texts == ["Offre spéciale abonnés"]


def test_broken_pack_entry_is_rejected_with_its_name(tmp_path):
    pack = tmp_path / "house" / "fr"
    pack.mkdir(parents=True)
    (pack / "boilerplate.yaml").write_text(
        "patterns:\n  - id: wrong\n    scope: line\n    pattern: 'Partager'\n    message: m\n    examples:\n      flag: ['Imprimer']\n",
        encoding="utf-8",
    )
    art = tmp_path / "a.txt"
    art.write_text(CLEAN, encoding="utf-8")
    r = run("check", str(art), "--lang", "fr", "--pack", str(tmp_path / "house"))
    assert r.exit_code == 2 and "'wrong' does not match its own example" in r.output


def test_rules_and_explain():
    r = run("rules")
    assert r.exit_code == 0 and "MTQ401" in r.output and "boilerplate" in r.output
    r = run("rules", "--format", "json")
    codes = [x["code"] for x in json.loads(r.stdout)]
    assert codes == sorted(codes) and "MTQ410" in codes
    r = run("explain", "MTQ410")
    assert r.exit_code == 0 and "Example" in r.output and "Flagged" in r.output
    r = run("explain", "duplicate")
    assert "MTQ410" in r.output
    r = run("explain", "MTQ999")
    assert r.exit_code == 2


def test_no_color_env_and_non_terminal_output(article):
    env = dict(os.environ, NO_COLOR="1")
    r = subprocess.run([sys.executable, "-m", "mtqa", "check", str(article), "--lang", "fr"], capture_output=True, text=True, env=env)
    assert "\x1b[" not in r.stdout
    assert "MTQ401" in r.stdout


def test_input_file_is_never_modified(article):
    before = article.read_bytes()
    run("check", str(article), "--lang", "fr", "--format", "json")
    assert article.read_bytes() == before


def test_demo_corpus_runs(tmp_path):
    r = run("check", str(CORPORA / "news"), "--lang", "fr", "--format", "json", "--fail-on", "never")
    assert r.exit_code == 0
    data = json.loads(r.stdout)
    assert data["summary"]["documents"] == 4


def test_a_command_line_run_ends_with_every_report_written_after_the_exit_freeze(tmp_path):
    """The command line freezes the collector's objects at exit (no last full collection over the
    models): the report written to a file, with workers or without, is still whole and the same
    as the one of an in-process run."""
    expected = json.loads(run("check", str(CORPORA / "news"), "--lang", "fr", "--format", "json", "--fail-on", "never").stdout)
    for jobs in ("1", "2"):
        out = tmp_path / f"report-{jobs}.json"
        r = subprocess.run(
            [sys.executable, "-m", "mtqa", "check", str(CORPORA / "news"), "--lang", "fr", "--format", "json",
             "--output", str(out), "--fail-on", "never", "--jobs", jobs],
            capture_output=True, text=True,
        )
        assert r.returncode == 0, r.stderr
        got = json.loads(out.read_text(encoding="utf-8"))
        assert [(d["path"], d["issues"]) for d in got["documents"]] == [(d["path"], d["issues"]) for d in expected["documents"]]
