"""Fixes as ruff applies them: --diff, --fix, --unsafe-fixes, only target text, re-checked.

Which rules are safe to fix is data (``rules/<lang>/precision.yaml``); these tests give their own
figures in a pack folder, so they do not depend on the measured ones."""

from __future__ import annotations

import json
import shutil
from difflib import SequenceMatcher
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import CORPORA
from mtqa.cli import app

runner = CliRunner()

PRECISION = """data: figures for the tests
rules:
  MTQ201: {precision: 0.97, judged: 120}
  MTQ202: {precision: 0.96, judged: 120}
  MTQ210: {precision: 0.99, judged: 120}
  MTQ211: {precision: 0.98, judged: 120}
  MTQ212: {precision: 0.99, judged: 120}
  MTQ312: {precision: 0.95, judged: 120}
  MTQ311: {precision: 0.60, judged: 120}
"""


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    d = tmp_path / "pack"
    (d / "fr").mkdir(parents=True)
    (d / "fr" / "precision.yaml").write_text(PRECISION, encoding="utf-8")
    return d


def run(*args: str, input: str | None = None):
    return runner.invoke(app, list(args), input=input)


# -- suggestions carry their kind -----------------------------------------------------------------
def test_advice_is_kept_apart_from_replacements():
    from conftest import check

    report = check("Le maire a parlé.\n\nPartager\n\nSi il pleut, la fête aura lieu.\n", select=["MTQ401", "MTQ210"])
    by_rule = {i.rule: i for i in report.issues}
    assert by_rule["MTQ401"].suggestions == () and by_rule["MTQ401"].advice == ("remove",)
    assert by_rule["MTQ210"].suggestions == ("S'il",) and by_rule["MTQ210"].replacement == "S'il"
    from mtqa.formatters.json_report import report_dict

    issues = [i for d in report_dict(report)["documents"] for i in d["issues"]]
    assert {i["rule"]: (i["suggestions"], i.get("advice")) for i in issues} == {"MTQ401": ([], ["remove"]), "MTQ210": (["S'il"], None)}


def test_sarif_fixes_come_from_replacements_only():
    from conftest import check
    from mtqa import formatters

    report = check("Partager\n\nSi il pleut, la fête aura lieu.\n", select=["MTQ401", "MTQ210"])
    sarif = json.loads(formatters.render(report, "sarif"))
    results = {r["ruleId"]: r for r in sarif["runs"][0]["results"]}
    assert "fixes" not in results["MTQ401"] and results["MTQ401"]["properties"]["advice"] == ["remove"]
    assert results["MTQ210"]["fixes"][0]["artifactChanges"][0]["replacements"][0]["insertedContent"]["text"] == "S'il"


def test_terminal_shows_replacements_and_advice(tmp_path):
    art = tmp_path / "a.txt"
    art.write_text("Partager\n\nSi il pleut, la fête aura lieu.\n", encoding="utf-8")
    out = run("check", str(art), "--lang", "fr", "--select", "MTQ401,MTQ210", "--no-color").stdout
    assert "    advice: remove\n" in out and "    suggestion: S'il\n" in out


# -- which fixes are safe -------------------------------------------------------------------------
def test_safe_fixes_follow_measured_precision_and_one_replacement(monkeypatch):
    from conftest import check
    from mtqa import fixes

    report = check("Si il pleut, une nouvelle ordre mondial naîtra.\n", select=["MTQ210", "MTQ201", "MTQ202"])
    doc = report.documents[0]
    safe = {"MTQ210"}
    monkeypatch.setattr("mtqa.precision.safe_to_fix", lambda code, lang="fr": code in safe)
    ok, left = fixes.candidates(doc, doc.text, "txt", unsafe=False)
    assert [f.rule for f in ok] == ["MTQ210"] and {f.rule for f, _ in left} == {"MTQ201", "MTQ202"}
    assert all(why.startswith("unsafe") for _, why in left)
    ok, _ = fixes.candidates(doc, doc.text, "txt", unsafe=True)
    assert sorted(f.rule for f in ok) == ["MTQ201", "MTQ202", "MTQ210"]
    assert not next(f for f in ok if f.rule == "MTQ201").safe


def test_a_finding_with_several_replacements_is_never_a_safe_fix(monkeypatch):
    from mtqa import fixes
    from mtqa.model import DocumentResult, Issue, Severity

    monkeypatch.setattr("mtqa.precision.safe_to_fix", lambda code, lang="fr": True)
    text = "la seul qui reste\n"
    issue = Issue("MTQ201", "determiner-agreement", "agreement", Severity.ERROR, "m", 0, 2, 1, 1, "la", suggestions=("le", "la seule"))
    doc = DocumentResult("a.txt", "fr", 4, [], [], [issue], text=text)
    ok, left = fixes.candidates(doc, text, "txt", unsafe=False)
    assert ok == [] and left[0][1] == "unsafe: several replacements"
    ok, _ = fixes.candidates(doc, text, "txt", unsafe=True)
    assert [f.new for f in ok] == ["le"]


# -- --diff and --fix on files --------------------------------------------------------------------
ARTICLE = "Si il pleut demain, la fête aura lieu sous la halle.\n\nLe maire a présenté le budget de le quartier.\n\nPartager\n"
FIXED = "S'il pleut demain, la fête aura lieu sous la halle.\n\nLe maire a présenté le budget du quartier.\n\nPartager\n"


def test_diff_prints_a_unified_diff_and_changes_nothing(tmp_path, pack):
    art = tmp_path / "a.txt"
    art.write_text(ARTICLE, encoding="utf-8")
    r = run("check", str(art), "--lang", "fr", "--pack", str(pack), "--diff")
    assert r.exit_code == 1, r.stderr
    assert r.stdout.startswith(f"--- a/{art}\n+++ b/{art}\n@@ ")
    assert "-Si il pleut demain" in r.stdout and "+S'il pleut demain" in r.stdout and "+Le maire a présenté le budget du quartier." in r.stdout
    assert r.stderr.strip().splitlines()[-1] == "mtqa: would fix 2 findings in 1 file"
    assert art.read_text(encoding="utf-8") == ARTICLE
    art.write_text(FIXED, encoding="utf-8")
    r = run("check", str(art), "--lang", "fr", "--pack", str(pack), "--diff")
    assert r.exit_code == 0 and r.stdout == ""


def test_fix_rewrites_in_place_and_exits_as_ruff(tmp_path, pack):
    art = tmp_path / "a.txt"
    art.write_text(ARTICLE, encoding="utf-8")
    art.chmod(0o640)
    assert run("check", str(art), "--lang", "fr", "--pack", str(pack)).exit_code == 1
    r = run("check", str(art), "--lang", "fr", "--pack", str(pack), "--fix", "-f", "json")
    assert r.exit_code == 0, r.stderr  # what remains is a warning (Partager)
    assert art.read_text(encoding="utf-8") == FIXED
    assert oct(art.stat().st_mode & 0o777) == "0o640"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "pack"]
    remaining = [i["rule"] for i in json.loads(r.stdout)["documents"][0]["issues"]]
    assert remaining == ["MTQ401"]
    assert "mtqa: fixed 2 findings in 1 file" in r.stderr
    r = run("check", str(art), "--lang", "fr", "--pack", str(pack), "--fix", "--fail-on", "warning")
    assert r.exit_code == 1  # something remains at or above --fail-on


def test_only_fix_writes_input_files(tmp_path, pack):
    art = tmp_path / "a.txt"
    art.write_text(ARTICLE, encoding="utf-8")
    for args in ([], ["--diff"], ["-f", "json", "-o", str(tmp_path / "r.json")], ["--write-baseline", str(tmp_path / "b.json")]):
        run("check", str(art), "--lang", "fr", "--pack", str(pack), *args)
        assert art.read_bytes() == ARTICLE.encode("utf-8")


def test_unsafe_fixes_apply_replacements_below_the_threshold(tmp_path, pack):
    (pack / "fr" / "precision.yaml").write_text(PRECISION.replace("MTQ212: {precision: 0.99", "MTQ212: {precision: 0.80"), encoding="utf-8")
    art = tmp_path / "a.txt"
    art.write_text(ARTICLE, encoding="utf-8")
    r = run("check", str(art), "--lang", "fr", "--pack", str(pack), "--fix")
    assert "de le quartier" in art.read_text(encoding="utf-8") and "1 more with --unsafe-fixes" in r.stderr
    run("check", str(art), "--lang", "fr", "--pack", str(pack), "--fix", "--unsafe-fixes")
    assert art.read_text(encoding="utf-8") == FIXED


def test_fix_keeps_the_encoding_and_byte_order_mark(tmp_path, pack):
    art = tmp_path / "a.txt"
    art.write_bytes(b"\xff\xfe" + ARTICLE.replace("\n", "\r\n").encode("utf-16-le"))
    r = run("check", str(art), "--lang", "fr", "--pack", str(pack), "--fix")
    assert r.exit_code == 0, r.stderr
    assert art.read_bytes() == b"\xff\xfe" + FIXED.replace("\n", "\r\n").encode("utf-16-le")
    cp = tmp_path / "b.txt"
    cp.write_bytes(ARTICLE.encode("cp1252"))
    run("check", str(cp), "--lang", "fr", "--pack", str(pack), "--fix", "--encoding", "cp1252")
    assert cp.read_bytes() == FIXED.encode("cp1252")


@pytest.mark.parametrize("args, message", [
    (["-"], "mtqa: --fix and --diff rewrite files: they do not read stdin"),
    (["a.txt", "--ref", "a.txt"], "mtqa: --fix and --diff do not combine with --source, --ref or --docids (line-aligned files are not rewritten)"),
])
def test_fix_usage_errors(tmp_path, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    r = run("check", *args, "--lang", "fr", "--fix", input=ARTICLE)
    assert r.exit_code == 2 and r.stderr.strip() == message


# -- a fix that creates a finding is not applied --------------------------------------------------
def test_a_fix_that_creates_a_new_finding_is_dropped(tmp_path, monkeypatch):
    from mtqa import fixes
    from mtqa.config import Config
    from mtqa.api import check_paths
    from mtqa.model import Issue, Severity

    art = tmp_path / "a.txt"
    text = "Le conseil se réunit lundi. Si il pleut, la séance aura lieu en mairie.\n"
    art.write_text(text, encoding="utf-8")
    monkeypatch.setattr("mtqa.precision.safe_to_fix", lambda code, lang="fr": True)
    cfg = Config(lang="fr", select=["MTQ201", "MTQ210"])
    report = check_paths([str(art)], cfg)
    doc = report.documents[0]
    assert [i.rule for i in doc.issues] == ["MTQ210"]
    # a replacement that makes the determiner wrong: 'conseil' -> 'commune' after 'Le'
    s = text.index("conseil")
    bad = Issue("MTQ312", "calque-name", "terminology", Severity.WARNING, "calque", s, s + 7, 1, s + 1, "conseil", suggestions=("commune",))
    doc.issues.append(bad)
    ff = fixes.fix_file(str(art), [doc], cfg)
    assert [f.rule for f in ff.applied] == ["MTQ210"]
    assert [(f.rule, why.split(":")[0]) for f, why in ff.dropped] == [("MTQ312", "would create a new finding")]
    assert ff.fixed == text.replace("Si il", "S'il")
    assert art.read_text(encoding="utf-8") == text  # fix_file writes nothing


def test_a_fix_that_does_not_settle_its_finding_is_dropped(tmp_path, monkeypatch):
    from mtqa import fixes
    from mtqa.config import Config
    from mtqa.model import DocumentResult, Issue, Severity

    art = tmp_path / "a.txt"
    text = "Une nouvelle ordre mondial se dessine.\n"
    art.write_text(text, encoding="utf-8")
    monkeypatch.setattr("mtqa.precision.safe_to_fix", lambda code, lang="fr": True)
    issue = Issue("MTQ201", "determiner-agreement", "agreement", Severity.ERROR, "m", 0, 3, 1, 1, "Une", suggestions=("La",))
    doc = DocumentResult(str(art), "fr", 6, [], [], [issue], text=text)
    ff = fixes.fix_file(str(art), [doc], Config(lang="fr", select=["MTQ201"]))
    assert ff.applied == [] and ff.dropped[0][1].startswith("does not settle its finding")


# -- translators' formats: only target text is touched --------------------------------------------
XLIFF = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file original="news" source-language="de" target-language="fr" datatype="plaintext">
    <body>
      <trans-unit id="1">
        <source>Si il pleut, de le vent.</source>
        <target>Si il pleut, la fête aura lieu &amp; sera belle.</target>
      </trans-unit>
      <trans-unit id="2">
        <source>Der Bürgermeister stellte den Haushalt vor.</source>
        <target>Le maire a présenté le budget de <g id="1">le</g> quartier et le budget de le port.</target>
      </trans-unit>
    </body>
  </file>
</xliff>
"""

PO = '''msgid ""
msgstr ""
"Language: fr\\n"
"Content-Type: text/plain; charset=UTF-8\\n"

#: app.py:3
msgid "Si il pleut"
msgstr "Si il pleut, la fête aura lieu \\"dehors\\"."

#: app.py:9
msgid "The budget of the district"
msgstr "Le budget de le quartier"
'''

TMX = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4">
  <header srclang="en" datatype="plaintext" segtype="sentence" adminlang="en" o-tmf="none" creationtool="t" creationtoolversion="1"/>
  <body>
    <tu tuid="1">
      <tuv xml:lang="en"><seg>Si il rains, the party goes on.</seg></tuv>
      <tuv xml:lang="fr"><seg>Si il pleut, la fête aura lieu.</seg></tuv>
    </tu>
    <tu tuid="2">
      <tuv xml:lang="en"><seg>The budget of the district.</seg></tuv>
      <tuv xml:lang="fr"><seg>Le budget de le quartier.</seg></tuv>
    </tu>
  </body>
</tmx>
"""


@pytest.mark.parametrize("name, content, expected", [
    ("a.xlf", XLIFF, XLIFF.replace("<target>Si il pleut", "<target>S'il pleut").replace("le budget de le port", "le budget du port")),
    ("a.po", PO, PO.replace('msgstr "Si il pleut', "msgstr \"S'il pleut").replace('"Le budget de le quartier"', '"Le budget du quartier"')),
    ("a.tmx", TMX, TMX.replace("<seg>Si il pleut", "<seg>S'il pleut").replace("Le budget de le quartier", "Le budget du quartier")),
])
def test_translators_formats_fix_target_segments_only(tmp_path, pack, name, content, expected):
    f = tmp_path / name
    f.write_text(content, encoding="utf-8")
    r = run("check", str(f), "--pack", str(pack), "--select", "MTQ210,MTQ212", "--fix")
    assert "Traceback" not in r.stderr
    assert f.read_text(encoding="utf-8") == expected


def test_markdown_fixes_leave_markup_alone(tmp_path, pack):
    md = tmp_path / "a.md"
    text = "# Si il pleut\n\nSi il pleut, voir [le site de le festival](https://example.org/de-le).\n\n`Si il` reste du code.\n"
    md.write_text(text, encoding="utf-8")
    run("check", str(md), "--lang", "fr", "--pack", str(pack), "--select", "MTQ210,MTQ212", "--fix")
    assert md.read_text(encoding="utf-8") == "# S'il pleut\n\nS'il pleut, voir [le site du festival](https://example.org/de-le).\n\n`Si il` reste du code.\n"


# -- the bundled corpora --------------------------------------------------------------------------
def test_fix_on_the_bundled_corpora_leaves_no_safe_finding_and_touches_only_fixed_spans(tmp_path, pack):
    from mtqa import fixes
    from mtqa.api import check_paths
    from mtqa.config import Config

    corpus = tmp_path / "news"
    shutil.copytree(CORPORA / "news", corpus)
    before = {p.name: p.read_text(encoding="utf-8") for p in corpus.iterdir()}
    cfg = Config(lang="fr", packs=[str(pack)], fail_on="never")
    planned = {Path(ff.path).name: ff for ff in fixes.fix_report(check_paths([str(corpus)], cfg), cfg)}
    r = run("check", str(corpus), "--lang", "fr", "--pack", str(pack), "--fix", "--fail-on", "never")
    assert r.exit_code == 0, r.stderr
    changed = 0
    for p in sorted(corpus.iterdir()):
        old, new = before[p.name], p.read_text(encoding="utf-8")
        ff = planned[p.name]
        assert new == ff.fixed
        spans = [(f.start, f.end) for f in ff.applied]
        for tag, i1, i2, _j1, _j2 in SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
            if tag != "equal":
                assert any(s <= i1 and i2 <= e for s, e in spans), (p.name, old[i1 - 10 : i2 + 10])
        changed += old != new
    assert changed >= 3
    # nothing safe is left to fix: what remains was refused with a reason
    after = fixes.fix_report(check_paths([str(corpus)], cfg), cfg)
    assert all(ff.applied == [] for ff in after)
    assert all(not why.startswith("unsafe: rule") or f.rule not in PRECISION for ff in after for f, why in ff.dropped if f.rule in ("MTQ210", "MTQ211", "MTQ212"))
