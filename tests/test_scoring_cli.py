"""``mtqa score`` and ``mtqa compare``: sacrebleu's figures, signatures and paired bootstrap test."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from sacrebleu.metrics import BLEU, CHRF, TER
from sacrebleu.significance import PairedTest
from typer.testing import CliRunner

from conftest import FIXTURES
from mtqa.cli import app

DATA = FIXTURES / "scoring"
runner = CliRunner()
HYP = (DATA / "hyp.fr").read_text(encoding="utf-8").splitlines()
REF1 = (DATA / "ref1.fr").read_text(encoding="utf-8").splitlines()
REF2 = (DATA / "ref2.fr").read_text(encoding="utf-8").splitlines()
SRC = (DATA / "src.de").read_text(encoding="utf-8").splitlines()


def f(name: str) -> str:
    return str(DATA / name)


def run(*args: str):
    return runner.invoke(app, list(args))


def test_score_json_equals_sacrebleu_with_two_references():
    r = run("score", f("hyp.fr"), "-r", f("ref1.fr"), "-r", f("ref2.fr"), "-f", "json", "--isolated")
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout)
    scores = data["scores"]
    for key, metric in (("bleu", BLEU()), ("chrf", CHRF()), ("ter", TER())):
        assert scores[key] == metric.corpus_score(HYP, [REF1, REF2]).score
        assert scores[f"{key}_signature"] == str(metric.get_signature())
    assert data["references"] == [f("ref1.fr"), f("ref2.fr")]
    assert "segments" not in scores


def test_score_options_reach_sacrebleu():
    r = run("score", f("hyp.fr"), "-r", f("ref1.fr"), "-f", "json", "--isolated",
            "-tok", "intl", "-lc", "-cw", "2", "--ter-case-sensitive", "-m", "bleu,chrf", "-m", "ter")
    assert r.exit_code == 0, r.output
    scores = json.loads(r.stdout)["scores"]
    assert scores["bleu"] == BLEU(tokenize="intl", lowercase=True).corpus_score(HYP, [REF1]).score
    assert scores["chrf"] == CHRF(word_order=2).corpus_score(HYP, [REF1]).score
    assert scores["ter"] == TER(case_sensitive=True).corpus_score(HYP, [REF1]).score
    assert "case:lc" in scores["bleu_signature"] and "tok:intl" in scores["bleu_signature"]
    assert "case:mixed" in scores["ter_signature"]


def test_score_text_output_shows_each_metric_with_its_signature():
    r = run("score", f("hyp.fr"), "-r", f("ref1.fr"), "--isolated", "-cw", "2")
    assert r.exit_code == 0
    lines = r.stdout.splitlines()
    assert lines[0] == f"{f('hyp.fr')}: 10 segments, 1 reference"
    bleu = BLEU()
    want = bleu.corpus_score(HYP, [REF1])
    assert lines[1] == f"BLEU     {want.score:6.2f}  {bleu.get_signature()}"
    assert lines[2].strip().startswith(f"{want.precisions[0]:.1f}/")
    assert lines[3].startswith(f"chrF2++  {CHRF(word_order=2).corpus_score(HYP, [REF1]).score:6.2f}  nrefs:1|")
    assert lines[4].startswith("TER ")


def test_score_segments_text_and_json():
    r = run("score", f("hyp.fr"), "-r", f("ref1.fr"), "--isolated", "--segments", "-f", "json", "-m", "bleu")
    rows = json.loads(r.stdout)["scores"]["segments"]
    bleu = BLEU(effective_order=True)
    assert [row["bleu"] for row in rows] == [bleu.sentence_score(h, [x]).score for h, x in zip(HYP, REF1)]
    r = run("score", f("hyp.fr"), "-r", f("ref1.fr"), "--isolated", "--segments", "-w", "1")
    table = r.stdout.split("\n\n", 1)[1].splitlines()
    assert table[0].split() == ["line", "BLEU", "chrF2", "TER"]
    assert table[10].split()[0] == "10"
    assert table[10].split()[2] == f"{CHRF().sentence_score(HYP[9], [REF1[9]]).score:.1f}"
    assert table[-1].startswith("segment signatures: BLEU nrefs:1|case:mixed|eff:yes")


def test_score_options_from_the_configuration_file(tmp_path):
    conf = tmp_path / "mtqa.toml"
    conf.write_text('[scoring]\ntokenize = "char"\nmetrics = ["bleu"]\n', encoding="utf-8")
    r = run("score", f("hyp.fr"), "-r", f("ref1.fr"), "--config", str(conf), "-f", "json")
    scores = json.loads(r.stdout)["scores"]
    assert set(scores["names"]) == {"bleu"}
    assert scores["bleu"] == BLEU(tokenize="char").corpus_score(HYP, [REF1]).score
    # the command line wins over the file
    r = run("score", f("hyp.fr"), "-r", f("ref1.fr"), "--config", str(conf), "-f", "json", "-tok", "13a", "-m", "chrf")
    scores = json.loads(r.stdout)["scores"]
    assert set(scores["names"]) == {"chrf"}


def test_score_writes_to_a_file(tmp_path):
    out = tmp_path / "scores.json"
    r = run("score", f("hyp.fr"), "-r", f("ref1.fr"), "--isolated", "-f", "json", "-o", str(out))
    assert r.exit_code == 0 and r.stdout == ""
    assert json.loads(out.read_text(encoding="utf-8"))["scores"]["n_segments"] == 10


# -- compare --------------------------------------------------------------------------------------
def sacrebleu_paired(systems, refs, n_samples, metrics=None):
    metrics = metrics or {"BLEU": BLEU(), "chrF": CHRF(), "TER": TER()}
    return PairedTest(systems, metrics, references=refs, test_type="bs", n_samples=n_samples)()


@pytest.fixture
def systems(tmp_path):
    """Three systems: the hypothesis, a near copy of the reference, and the untranslated source."""
    near = list(REF1)
    near[0] = HYP[0]
    p = tmp_path / "near.fr"
    p.write_text("\n".join(near) + "\n", encoding="utf-8")
    return [f("hyp.fr"), str(p), f("src.de")], [HYP, near, SRC]


def test_compare_json_p_values_equal_sacrebleu(systems, monkeypatch):
    monkeypatch.delenv("SACREBLEU_SEED", raising=False)
    paths, texts = systems
    r = run("compare", *paths, "-r", f("ref1.fr"), "-n", "200", "-f", "json", "--isolated")
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout)
    sigs, want = sacrebleu_paired(list(zip(["hyp.fr", "near.fr", "src.de"], texts)), [REF1], 200)
    assert data["baseline"] == "hyp.fr" and data["seed"] == "12345" and data["n_samples"] == 200
    for ours, theirs in (("bleu", "BLEU"), ("chrf", "chrF2"), ("ter", "TER")):
        for k, system in enumerate(data["systems"]):
            got, exp = system["scores"][ours], want[theirs][k]
            assert got["score"] == exp.score
            assert got["p_value"] == (None if exp.p_value is None else float(exp.p_value))
            assert got["mean"] == pytest.approx(exp.mean)
            assert got["ci95"] == pytest.approx(exp.ci)
        assert data["metrics"][ours]["signature"] == str(sigs[theirs])
    verdicts = {s["name"]: s["scores"]["bleu"]["verdict"] for s in data["systems"]}
    assert verdicts == {"hyp.fr": None, "near.fr": "better", "src.de": "worse"}
    assert data["systems"][2]["scores"]["ter"]["verdict"] == "worse"


def test_compare_text_table_and_verdicts(systems):
    paths, _ = systems
    r = run("compare", *paths, "-r", f("ref1.fr"), "-n", "100", "-m", "chrf", "--seed", "7", "--isolated")
    assert r.exit_code == 0, r.output
    out = r.stdout
    assert out.startswith("Paired bootstrap resampling: 100 resamples, seed 7, baseline hyp.fr")
    lines = out.splitlines()
    assert lines[2].split() == ["system", "chrF2"]
    assert lines[4].startswith("hyp.fr (baseline)") and "p =" not in lines[4]
    assert lines[5].startswith("near.fr") and "p = " in lines[5] and lines[5].endswith("*")
    assert "near.fr vs hyp.fr: chrF2 +" in out and " better (p = " in out
    assert "src.de vs hyp.fr: chrF2 -" in out and " worse (p = " in out
    assert "chrF2 signature: nrefs:1|bs:100|seed:7|" in out


def test_compare_same_system_shows_no_significant_difference(tmp_path):
    copy = tmp_path / "copy.fr"
    copy.write_text((DATA / "hyp.fr").read_text(encoding="utf-8"), encoding="utf-8")
    r = run("compare", f("hyp.fr"), str(copy), "-r", f("ref1.fr"), "-n", "50", "-m", "bleu", "--isolated")
    assert r.exit_code == 0
    # sacrebleu gives an identical system its smallest p-value, 1 / (n + 1); equal is still equal
    assert "copy.fr vs hyp.fr: BLEU +0.00 no significant difference (p = 0.0196)" in r.stdout


@pytest.mark.parametrize(
    "args, message",
    [
        ([f("hyp.fr"), "-r", f("ref1.fr")], "mtqa: compare needs at least two system outputs"),
        ([f("hyp.fr"), f("ref_short.fr"), "-r", f("ref1.fr")], f"mtqa: {f('ref_short.fr')}: has 9 lines but {f('hyp.fr')} has 10"),
        ([f("hyp.fr"), f("ref2.fr"), "-r", f("ref_empty.fr")], f"mtqa: {f('ref_empty.fr')}: file is empty"),
        ([f("hyp.fr"), f("ref2.fr"), "-r", f("ref1.fr"), "-n", "0"], "mtqa: the number of bootstrap resamples must be positive"),
    ],
    ids=["one-system", "short-system", "empty-reference", "no-resamples"],
)
def test_compare_input_errors(args, message):
    r = run("compare", *args, "--isolated")
    assert r.exit_code == 2
    assert [x for x in r.stderr.splitlines() if x] == [message]


def test_score_path_loads_no_nlp_library():
    code = (
        "import sys\n"
        "from typer.testing import CliRunner\n"
        "from mtqa.cli import app\n"
        f"r = CliRunner().invoke(app, ['score', {f('hyp.fr')!r}, '-r', {f('ref1.fr')!r}, '--isolated'])\n"
        "assert r.exit_code == 0, r.output\n"
        "heavy = sorted(m for m in ('spacy', 'langdetect', 'wordfreq', 'mtqa.lint.registry', 'mtqa.lint.engine') if m in sys.modules)\n"
        "print(','.join(heavy))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
