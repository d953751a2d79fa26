"""The quality score and the publishing gate, end to end through ``mtqa check`` and ``mtqa score``."""

from __future__ import annotations

import json

import pytest
from sacrebleu.metrics import BLEU, CHRF, TER
from typer.testing import CliRunner

from conftest import FIXTURES, validate_report
from mtqa.cli import app
from mtqa.errors import ConfigError
from mtqa.model import Issue, Severity
from mtqa.scoring import quality, validate_quality_config

DATA = FIXTURES / "scoring"
runner = CliRunner()


def f(name: str) -> str:
    return str(DATA / name)


def run(*args: str):
    return runner.invoke(app, list(args))


def check(*extra: str, docids: bool = True):
    """mtqa check on the fixture with one reference, only the untranslated-sentence rule, JSON out."""
    args = ["check", f("hyp.fr"), "--ref", f("ref1.fr"), "--lang", "fr", "--select", "MTQ102", "--isolated", "-f", "json"]
    if docids:
        args += ["--docids", f("docids.tsv")]
    return run(*args, *extra)


def stderr_lines(result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.strip()]


# -- the quality score ---------------------------------------------------------------------------
def issue(severity: str = "error", rule: str = "MTQ102", name: str = "untranslated-sentence", category: str = "untranslated") -> Issue:
    return Issue(rule, name, category, Severity(severity), "m", 0, 1, 1, 1, "x")


def test_default_penalties_minor_major_and_info():
    q = quality([issue("error"), issue("warning"), issue("info")], 1000)
    assert q["penalty"] == 6.0
    assert q["penalty_per_1000_words"] == 6.0
    assert q["score"] == 94.0


def test_penalty_is_normalised_per_1000_words_and_clamped():
    assert quality([issue("error")], 250)["penalty_per_1000_words"] == 20.0
    assert quality([issue("error")], 250)["score"] == 80.0
    assert quality([issue("error")] * 30, 1000)["score"] == 0.0
    assert quality([], 0) == {"score": 100.0, "penalty": 0.0, "penalty_per_1000_words": 0.0, "words": 0}


def test_weights_by_rule_then_category_then_severity():
    cfg = {
        "severities": {"warning": 2, "error": "critical"},
        "categories": {"boilerplate": "minor", "untranslated": "critical"},
        "rules": {"MTQ401": 0, "truncated-teaser": 0.5},
    }
    assert quality([issue("warning", "MTQ401", "boilerplate", "boilerplate")], 1000, cfg)["penalty"] == 0.0
    assert quality([issue("warning", "MTQ402", "page-label", "boilerplate")], 1000, cfg)["penalty"] == 1.0
    assert quality([issue("warning", "MTQ420", "truncated-teaser", "truncation")], 1000, cfg)["penalty"] == 0.5
    assert quality([issue("warning", "MTQ410", "duplicate", "duplication")], 1000, cfg)["penalty"] == 2.0
    assert quality([issue("error", "MTQ210", "missing-elision", "agreement")], 1000, cfg)["penalty"] == 25.0
    assert quality([issue("error")], 1000, cfg)["penalty"] == 25.0


@pytest.mark.parametrize(
    "cfg, message",
    [
        ({"severity": {}}, "unknown key 'severity'"),
        ({"severities": {"fatal": 3}}, "unknown severity 'fatal'"),
        ({"categories": {"style": 1}}, "unknown category 'style'"),
        ({"rules": {"MTQ401": "blocker"}}, "unknown penalty 'blocker'"),
        ({"rules": {"MTQ401": -1}}, "non-negative"),
        ({"categories": "critical"}, "must be a table"),
    ],
)
def test_invalid_quality_configuration(cfg, message):
    with pytest.raises(ConfigError, match=message):
        validate_quality_config(cfg)


# -- the gate through mtqa check ------------------------------------------------------------------
def test_passing_run_exits_zero_with_quality_and_scores_in_the_report():
    r = check("--fail-on", "never")
    assert r.exit_code == 0, r.output
    assert stderr_lines(r) == []
    data = json.loads(r.stdout)
    validate_report(data)
    docs = {d["doc_id"]: d for d in data["documents"]}
    assert docs["velo-cargo"]["quality"] == {"score": 100.0, "penalty": 0.0, "penalty_per_1000_words": 0.0, "words": docs["velo-cargo"]["word_count"], "passed": True}
    noel = docs["marche-noel"]
    assert [i["rule"] for i in noel["issues"]] == ["MTQ102"]
    words = noel["word_count"]
    assert noel["quality"]["penalty_per_1000_words"] == round(5000 / words, 1)
    assert noel["quality"]["score"] == round(100 - 5000 / words, 1)
    hyp, ref = (DATA / "hyp.fr").read_text().splitlines(), (DATA / "ref1.fr").read_text().splitlines()
    assert noel["scores"]["bleu"] == BLEU().corpus_score(hyp[:5], [ref[:5]]).score
    assert data["corpus_scores"]["ter"] == TER().corpus_score(hyp, [ref]).score
    assert data["summary"]["passed"] is True


def test_findings_at_the_failing_severity_fail_only_their_document():
    r = check("--fail-on", "error")
    assert r.exit_code == 1
    assert stderr_lines(r) == [f"mtqa: {f('hyp.fr')}#marche-noel: gate failed: 1 finding at or above 'error'"]
    data = json.loads(r.stdout)
    docs = {d["doc_id"]: d for d in data["documents"]}
    assert docs["marche-noel"]["quality"]["passed"] is False
    assert docs["velo-cargo"]["quality"]["passed"] is True


def _doc_scores() -> dict[str, dict]:
    hyp, ref = (DATA / "hyp.fr").read_text().splitlines(), (DATA / "ref1.fr").read_text().splitlines()
    out = {}
    for doc_id, rows in (("marche-noel", slice(0, 5)), ("velo-cargo", slice(5, 10))):
        h, r = hyp[rows], [ref[rows]]
        out[doc_id] = {"bleu": BLEU().corpus_score(h, r).score, "chrf": CHRF().corpus_score(h, r).score, "ter": TER().corpus_score(h, r).score}
    return out


@pytest.mark.parametrize("flag, metric, label", [("--min-bleu", "bleu", "BLEU"), ("--min-chrf", "chrf", "chrF"), ("--max-ter", "ter", "TER")])
def test_score_thresholds_fail_the_weaker_document(flag, metric, label):
    scores = _doc_scores()
    low, high = sorted(scores, key=lambda d: scores[d][metric] * (1 if metric != "ter" else -1))
    limit = (scores[low][metric] + scores[high][metric]) / 2
    r = check("--fail-on", "never", flag, f"{limit:.4f}")
    assert r.exit_code == 1, r.output
    lines = stderr_lines(r)
    assert len(lines) == 1
    op = "<" if metric != "ter" else ">"
    assert lines[0] == f"mtqa: {f('hyp.fr')}#{low}: gate failed: {label} {scores[low][metric]:.2f} {op} {float(f'{limit:.4f}'):g}"
    # a threshold both documents meet passes
    easy = min(s[metric] for s in scores.values()) - 1 if metric != "ter" else max(s[metric] for s in scores.values()) + 1
    assert check("--fail-on", "never", flag, str(easy)).exit_code == 0


def test_min_quality_gate():
    r = check("--fail-on", "never", "--min-quality", "90")
    assert r.exit_code == 1
    (line,) = stderr_lines(r)
    assert line.startswith(f"mtqa: {f('hyp.fr')}#marche-noel: gate failed: quality ")
    assert line.endswith(" < 90")
    assert check("--fail-on", "never", "--min-quality", "0").exit_code == 0


def test_one_line_per_failing_document_with_every_reason(tmp_path):
    out = tmp_path / "report.txt"
    r = run("check", f("hyp.fr"), "--ref", f("ref1.fr"), "--docids", f("docids.tsv"), "--lang", "fr", "--select", "MTQ102",
            "--isolated", "--min-quality", "90", "--min-bleu", "99", "-o", str(out))
    assert r.exit_code == 1
    lines = stderr_lines(r)
    (noel,) = [x for x in lines if "#marche-noel" in x]
    reasons = noel.split(": gate failed: ", 1)[1].split("; ")
    assert [r.split()[0] for r in reasons] == ["1", "quality", "BLEU"]
    assert [x for x in lines if "#velo-cargo" in x] == [f"mtqa: {f('hyp.fr')}#velo-cargo: gate failed: BLEU {_doc_scores()['velo-cargo']['bleu']:.2f} < 99"]
    assert "gate failed" in out.read_text(encoding="utf-8")


def test_quality_weights_from_the_configuration_file(tmp_path):
    conf = tmp_path / "mtqa.toml"
    conf.write_text('[quality.categories]\nuntranslated = "critical"\n', encoding="utf-8")
    r = run("check", f("hyp.fr"), "--ref", f("ref1.fr"), "--docids", f("docids.tsv"), "--lang", "fr", "--select", "MTQ102",
            "--config", str(conf), "-f", "json", "--fail-on", "never")
    assert r.exit_code == 0, r.output
    noel = next(d for d in json.loads(r.stdout)["documents"] if d["doc_id"] == "marche-noel")
    assert noel["quality"]["penalty"] == 25.0


def test_invalid_quality_weight_in_configuration_is_a_usage_error(tmp_path):
    conf = tmp_path / "mtqa.toml"
    conf.write_text('[quality.rules]\nMTQ102 = "blocker"\n', encoding="utf-8")
    r = run("check", f("hyp.fr"), "--lang", "fr", "--select", "MTQ102", "--config", str(conf))
    assert r.exit_code == 2
    assert stderr_lines(r) == ["mtqa: [tool.mtqa.quality.rules] MTQ102: unknown penalty 'blocker' (use a number or minor, major, critical)"]


def test_segment_scores_in_the_check_report():
    r = check("--fail-on", "never", "--segment-scores")
    assert r.exit_code == 0
    data = json.loads(r.stdout)
    validate_report(data)
    noel = next(d for d in data["documents"] if d["doc_id"] == "marche-noel")
    assert [s["line"] for s in noel["scores"]["segments"]] == [1, 2, 3, 4, 5]


# -- usage and input errors: one line, exit 2 ----------------------------------------------------
@pytest.mark.parametrize(
    "args, message",
    [
        (["--ref", f("ref_short.fr")], f"mtqa: {f('ref_short.fr')}: has 9 lines but {f('hyp.fr')} has 10"),
        (["--ref", f("ref_empty.fr")], f"mtqa: {f('ref_empty.fr')}: file is empty"),
        (["--ref", f("ref1.fr"), "--source", f("ref_short.fr")], f"mtqa: {f('ref_short.fr')}: has 9 lines but {f('hyp.fr')} has 10"),
        (["--ref", f("ref1.fr"), "--docids", f("docids_partial.tsv")], f"mtqa: {f('docids_partial.tsv')}: does not cover line 9 of the target (2 lines uncovered)"),
        (["--min-bleu", "30"], "mtqa: --min-bleu needs reference scores: give --ref (or a TSV, CSV or JSON-lines file with references)"),
    ],
    ids=["short-reference", "empty-reference", "short-source", "uncovered-docids", "threshold-without-reference"],
)
def test_check_input_errors(args, message):
    r = run("check", f("hyp.fr"), "--lang", "fr", "--select", "MTQ102", "--isolated", "-f", "json", *args)
    assert r.exit_code == 2, r.output
    assert stderr_lines(r) == [message]


@pytest.mark.parametrize(
    "args, message",
    [
        (["-r", f("ref_short.fr")], f"mtqa: {f('ref_short.fr')}: has 9 lines but {f('hyp.fr')} has 10"),
        (["-r", f("ref_empty.fr")], f"mtqa: {f('ref_empty.fr')}: file is empty"),
        (["-r", f("ref1.fr"), "-r", f("missing.fr")], f"mtqa: {f('missing.fr')}: no such file or directory"),
        (["-r", f("ref1.fr"), "--tokenize", "moses"], "mtqa: unknown BLEU tokenizer 'moses'"),
        (["-r", f("ref1.fr"), "-m", "bleu,meteor"], "mtqa: unknown metric 'meteor' (use bleu, chrf, ter)"),
        (["-r", f("ref1.fr"), "-f", "xml"], "mtqa: unknown format 'xml' (use text or json)"),
    ],
    ids=["short-reference", "empty-reference", "missing-reference", "bad-tokenizer", "bad-metric", "bad-format"],
)
def test_score_input_errors(args, message):
    r = run("score", f("hyp.fr"), "--isolated", *args)
    assert r.exit_code == 2, r.output
    (line,) = stderr_lines(r)
    assert line.startswith(message)
    assert r.stdout == ""


def test_score_needs_a_reference():
    r = run("score", f("hyp.fr"))
    assert r.exit_code == 2


def test_invalid_scoring_option_in_configuration_is_a_usage_error(tmp_path):
    conf = tmp_path / "mtqa.toml"
    conf.write_text('[scoring]\ntokenize = "moses"\n', encoding="utf-8")
    r = run("check", f("hyp.fr"), "--ref", f("ref1.fr"), "--lang", "fr", "--select", "MTQ102", "--config", str(conf))
    assert r.exit_code == 2
    (line,) = stderr_lines(r)
    assert line.startswith("mtqa: unknown BLEU tokenizer 'moses'")
