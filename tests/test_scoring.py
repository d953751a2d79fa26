"""Reference scores: mtqa's figures are sacrebleu's own, for documents, the corpus and segments."""

from __future__ import annotations

import re

import pytest
from sacrebleu.metrics import BLEU, CHRF, TER

from conftest import FIXTURES
from mtqa.errors import ConfigError, InputProblem
from mtqa.scoring import ScoreOptions, Scorer, corpus_scores, document_streams, parse_metrics

DATA = FIXTURES / "scoring"


def lines(name: str) -> list[str]:
    return (DATA / name).read_text(encoding="utf-8").splitlines()


HYP = lines("hyp.fr")
REF1 = lines("ref1.fr")
REF2 = lines("ref2.fr")


def sacrebleu_expected(hyps, refs, *, bleu=None, chrf=None, ter=None):
    """Corpus scores and signatures computed by sacrebleu's public API."""
    out = {}
    for key, metric in (("bleu", BLEU(**(bleu or {}))), ("chrf", CHRF(**(chrf or {}))), ("ter", TER(**(ter or {})))):
        out[key] = metric.corpus_score(hyps, refs).score
        out[f"{key}_signature"] = str(metric.get_signature())
    return out


SETTINGS = {
    "defaults": ({}, {}),
    "tokenize-intl": ({"tokenize": "intl"}, {"bleu": {"tokenize": "intl"}}),
    "tokenize-char": ({"tokenize": "char"}, {"bleu": {"tokenize": "char"}}),
    "tokenize-none": ({"tokenize": "none"}, {"bleu": {"tokenize": "none"}}),
    "lowercase": ({"lowercase": True}, {"bleu": {"lowercase": True}}),
    "chrf++": ({"chrf_word_order": 2}, {"chrf": {"word_order": 2}}),
    "chrf-options": (
        {"chrf_char_order": 4, "chrf_beta": 3, "chrf_lowercase": True, "chrf_whitespace": True},
        {"chrf": {"char_order": 4, "beta": 3, "lowercase": True, "whitespace": True}},
    ),
    "ter-options": (
        {"ter_case_sensitive": True, "ter_normalized": True, "ter_no_punct": True},
        {"ter": {"case_sensitive": True, "normalized": True, "no_punct": True}},
    ),
}


@pytest.mark.parametrize("refs", [[REF1], [REF1, REF2]], ids=["one-ref", "two-refs"])
@pytest.mark.parametrize("setting", list(SETTINGS))
def test_corpus_scores_equal_sacrebleu(setting, refs):
    ours, theirs = SETTINGS[setting]
    got = corpus_scores(HYP, refs, ScoreOptions(**ours))
    want = sacrebleu_expected(HYP, refs, **theirs)
    for key, value in want.items():
        assert got[key] == value, key
    assert got["n_segments"] == len(HYP)
    assert got["bleu_signature"].startswith(f"nrefs:{len(refs)}|")


def test_chrf_plus_plus_is_named_and_signed():
    got = corpus_scores(HYP, [REF1], ScoreOptions(chrf_word_order=2))
    assert got["names"]["chrf"] == "chrF2++"
    assert "nw:2" in got["chrf_signature"]
    assert got["chrf"] != corpus_scores(HYP, [REF1])["chrf"]


def test_segment_scores_equal_sacrebleu_sentence_scores():
    res = Scorer(ScoreOptions(segments=True, chrf_word_order=2)).add(HYP, [REF1, REF2])
    bleu, chrf, ter = BLEU(effective_order=True), CHRF(word_order=2), TER()
    assert [row["line"] for row in res["segments"]] == list(range(1, 11))
    for row, h, r1, r2 in zip(res["segments"], HYP, REF1, REF2):
        assert row["bleu"] == bleu.sentence_score(h, [r1, r2]).score
        assert row["chrf"] == chrf.sentence_score(h, [r1, r2]).score
        assert row["ter"] == ter.sentence_score(h, [r1, r2]).score
    assert "eff:yes" in res["segment_signatures"]["bleu"]
    assert res["segment_signatures"]["bleu"].startswith("nrefs:2|")


def test_corpus_aggregates_every_document_added():
    scorer = Scorer()
    first = scorer.add(HYP[:5], [REF1[:5]])
    second = scorer.add(HYP[5:], [REF1[5:]])
    assert first["bleu"] == BLEU().corpus_score(HYP[:5], [REF1[:5]]).score
    assert second["ter"] == TER().corpus_score(HYP[5:], [REF1[5:]]).score
    whole = scorer.corpus()
    assert whole == corpus_scores(HYP, [REF1])
    assert Scorer().corpus() is None


def test_metric_selection():
    got = corpus_scores(HYP, [REF1], ScoreOptions(metrics=("chrf",)))
    assert "bleu" not in got and "ter" not in got
    assert got["chrf"] == CHRF().corpus_score(HYP, [REF1]).score
    assert parse_metrics("TER, bleu,ter") == ("ter", "bleu")
    with pytest.raises(ConfigError, match="unknown metric 'meteor'"):
        parse_metrics("bleu,meteor")


@pytest.mark.parametrize(
    "table, message",
    [
        ({"tokenize": "moses"}, "unknown BLEU tokenizer 'moses'"),
        ({"chrf-word-order": "two"}, "must be an integer"),
        ({"lowercase": "yes"}, "must be true or false"),
        ({"smooth": "floor"}, "unknown scoring option 'smooth'"),
        ({"metrics": []}, "no metric selected"),
        ({"chrf_char_order": 0}, "positive character or word"),
    ],
)
def test_invalid_scoring_options(table, message):
    with pytest.raises(ConfigError, match=message):
        ScoreOptions.from_mapping(table)


def test_options_from_table_accept_dashes():
    opts = ScoreOptions.from_mapping({"chrf-word-order": 2, "metrics": "bleu,chrf", "segments": True})
    assert (opts.chrf_word_order, opts.metrics, opts.segments) == (2, ("bleu", "chrf"), True)


def test_stream_length_mismatch_is_an_input_problem():
    with pytest.raises(InputProblem, match="has 9 segments but the hypothesis has 10"):
        corpus_scores(HYP, [REF1[:9]])


# -- through the checker: documents split by doc ids, corpus over all lines -----------------------
def run_check(hyp: str = "hyp.fr", refs=("ref1.fr",), docids: str | None = "docids.tsv", **cfg):
    from mtqa.api import check_paths
    from mtqa.config import Config

    config = Config(lang="fr", select=["MTQ102"], **cfg)
    return check_paths(
        [str(DATA / hyp)], config, refs=[str(DATA / r) for r in refs],
        docids=str(DATA / docids) if docids else None,
    )


def test_check_scores_documents_and_corpus_like_sacrebleu():
    report = run_check(refs=("ref1.fr", "ref2.fr"))
    assert not report.errors
    docs = {d.doc_id: d for d in report.documents}
    assert list(docs) == ["marche-noel", "velo-cargo"]
    for doc_id, rows in (("marche-noel", slice(0, 5)), ("velo-cargo", slice(5, 10))):
        want = sacrebleu_expected(HYP[rows], [REF1[rows], REF2[rows]])
        for key, value in want.items():
            assert docs[doc_id].scores[key] == value, (doc_id, key)
    want = sacrebleu_expected(HYP, [REF1, REF2])
    for key, value in want.items():
        assert report.corpus_scores[key] == value, key


def test_check_without_docids_scores_the_file_as_one_document():
    report = run_check(docids=None)
    (doc,) = report.documents
    assert doc.scores["bleu"] == report.corpus_scores["bleu"] == BLEU().corpus_score(HYP, [REF1]).score


def test_blank_hypothesis_line_counts_as_in_sacrebleu():
    blank = lines("hyp_blank.fr")
    assert blank[6] == ""
    report = run_check(hyp="hyp_blank.fr")
    want = sacrebleu_expected(blank, [REF1])
    assert report.corpus_scores["bleu"] == want["bleu"]
    assert report.corpus_scores["ter"] == want["ter"]
    velo = next(d for d in report.documents if d.doc_id == "velo-cargo")
    assert velo.scores["n_segments"] == 5
    assert velo.scores["chrf"] == CHRF().corpus_score(blank[5:], [REF1[5:]]).score


def test_check_segment_scores_carry_file_line_numbers():
    report = run_check(scoring={"segments": True})
    velo = next(d for d in report.documents if d.doc_id == "velo-cargo")
    rows = velo.scores["segments"]
    assert [r["line"] for r in rows] == [6, 7, 8, 9, 10]
    assert rows[0]["chrf"] == CHRF().sentence_score(HYP[5], [REF1[5]]).score


def test_check_scoring_options_from_configuration():
    report = run_check(docids=None, scoring={"tokenize": "char", "chrf-word-order": 2})
    got = report.corpus_scores
    assert got["bleu"] == BLEU(tokenize="char").corpus_score(HYP, [REF1]).score
    assert got["chrf"] == CHRF(word_order=2).corpus_score(HYP, [REF1]).score


def test_without_references_there_are_no_scores():
    report = run_check(refs=(), docids="docids.tsv")
    assert [d.doc_id for d in report.documents] == ["marche-noel", "velo-cargo"]
    assert all(d.scores is None for d in report.documents)
    assert report.corpus_scores is None


def test_document_streams_of_a_bilingual_document_use_segment_refs():
    from mtqa.model import Document, Segment

    text = "Le train part.\nIl arrive.\n"
    paras = [
        Segment(0, 0, 14, "unit", id="a", refs=("Le train s'en va.",)),
        Segment(1, 15, 25, "unit", id="b"),
    ]
    doc = Document(text, paragraphs=paras)
    hyps, refs, ids = document_streams(doc)
    assert hyps == ["Le train part."] and refs == [["Le train s'en va."]] and ids == ["a"]


# -- doc-id files ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "content, ids",
    [
        ("line\tdoc_id\n2\tb\n1\ta\n3\tb\n", ["a", "b", "b"]),  # WMT style, rows in any order
        ("doc_id\tdomain\na\tnews\na\tnews\nb\tsocial\n", ["a", "a", "b"]),  # header, rows in line order
        ("a\na\nb\n", ["a", "a", "b"]),  # one id per line
    ],
)
def test_read_docids_formats(tmp_path, content, ids):
    from mtqa.docids import read_docids

    p = tmp_path / "ids.tsv"
    p.write_text(content, encoding="utf-8")
    assert read_docids(str(p), 3) == ids


@pytest.mark.parametrize(
    "content, message",
    [
        ("line\tdoc_id\n1\ta\n4\tb\n", "row 3: line 4 is outside the 3 lines of the target"),
        ("line\tdoc_id\n1\ta\nx\tb\n", "row 3: line number 'x' is not a number"),
        ("a\nb\n", "has 2 lines but the target has 3"),
        ("line\tdoc_id\n1\ta\n3\ta\n", "does not cover line 2 of the target (1 line uncovered)"),
    ],
)
def test_read_docids_errors(tmp_path, content, message):
    from mtqa.docids import read_docids

    p = tmp_path / "ids.tsv"
    p.write_text(content, encoding="utf-8")
    with pytest.raises(InputProblem, match=re.escape(message)):
        read_docids(str(p), 3)


def test_split_keeps_blank_lines_with_their_document(tmp_path):
    from mtqa.docids import split_by_docids
    from mtqa.readers.text import read_lines

    text = "Premier titre.\n\nDeuxième phrase.\nAutre article.\n"
    ids = tmp_path / "ids.tsv"
    ids.write_text("a\na\na\nb\n", encoding="utf-8")
    docs = list(split_by_docids(read_lines(text, "t.fr"), str(ids)))
    assert [(d.doc_id, d.meta["lines"], [text[p.start : p.end] for p in d.paragraphs]) for d in docs] == [
        ("a", [0, 1, 2], ["Premier titre.", "Deuxième phrase."]),
        ("b", [3], ["Autre article."]),
    ]


# -- one file per document: --ref names a folder of files named as the targets -------------------
@pytest.fixture
def per_file(tmp_path):
    for side, rows in (("hyp", HYP), ("ref", REF1)):
        (tmp_path / side).mkdir()
        (tmp_path / side / "noel.txt").write_text("\n".join(rows[:5]) + "\n", encoding="utf-8")
        (tmp_path / side / "velo.txt").write_text("\n".join(rows[5:]) + "\n", encoding="utf-8")
    return tmp_path


def test_one_file_per_document_with_a_folder_of_references(per_file):
    from mtqa.api import check_paths
    from mtqa.config import Config

    targets = [str(per_file / "hyp" / "noel.txt"), str(per_file / "hyp" / "velo.txt")]
    report = check_paths(targets, Config(lang="fr", select=["MTQ102"]), refs=[str(per_file / "ref")])
    assert not report.errors
    assert [d.scores["bleu"] for d in report.documents] == [
        BLEU().corpus_score(HYP[:5], [REF1[:5]]).score,
        BLEU().corpus_score(HYP[5:], [REF1[5:]]).score,
    ]
    assert report.corpus_scores["bleu"] == BLEU().corpus_score(HYP, [REF1]).score


def test_one_file_per_document_errors(per_file):
    from mtqa.api import check_paths
    from mtqa.config import Config

    (per_file / "ref" / "velo.txt").unlink()
    targets = [str(per_file / "hyp" / "noel.txt"), str(per_file / "hyp" / "velo.txt")]
    report = check_paths(targets, Config(lang="fr", select=["MTQ102"]), refs=[str(per_file / "ref")])
    assert [str(e) for e in report.errors] == [f"{per_file / 'ref' / 'velo.txt'}: no such file or directory"]
    assert report.exit_code == 2
    with pytest.raises(InputProblem, match="must all be files or all be folders"):
        check_paths(targets, Config(lang="fr"), refs=[str(per_file / "ref"), str(DATA / "ref1.fr")])
    with pytest.raises(InputProblem, match="does not combine with folders"):
        check_paths(targets, Config(lang="fr"), refs=[str(per_file / "ref")], docids=str(DATA / "docids.tsv"))


def test_corpus_signature_says_var_when_documents_have_different_reference_counts():
    scorer = Scorer()
    assert scorer.add(HYP[:5], [REF1[:5], REF2[:5]])["bleu_signature"].startswith("nrefs:2|")
    assert scorer.add(HYP[5:], [REF1[5:]])["bleu_signature"].startswith("nrefs:1|")
    whole = scorer.corpus()
    assert whole["bleu_signature"].startswith("nrefs:var|")
    assert whole["chrf_signature"].startswith("nrefs:var|")
    refs2 = [REF1, REF2[:5] + [None] * 5]
    bleu = BLEU()
    assert whole["bleu"] == bleu.corpus_score(HYP, refs2).score
    assert whole["bleu_signature"] == str(bleu.get_signature())
