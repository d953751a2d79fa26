"""The stages of a run, each on its own: language identification, the rule engine, reference
scores, the report and its gate, suppressions, baselines and the worker pool, then the pipeline
that composes them."""

from __future__ import annotations

import json

import pytest
from sacrebleu.metrics import BLEU

from mtqa import readers
from mtqa.api import attach_aligned, iter_documents
from mtqa.config import Config
from mtqa.formatters.json_report import report_dict
from mtqa.lint.engine import Engine
from mtqa.model import Document
from mtqa.pipeline import (
    Pipeline, Scores, baselines, build_report, can_fork, check_entry, gate, identify_languages,
    reference_streams, suppress,
)
from mtqa.readers.text import read_lines

COUNCIL = (
    "Le conseil municipal de Lyon a voté mardi soir le budget de l'année prochaine, après quatre heures de débat.\n\n"
    "The mayor said the city would keep its promises on public transport.\n\n"
    "Les élus de l'opposition ont dénoncé une hausse des impôts locaux et ont quitté la séance.\n"
)
STUTTER = "La mairie a annoncé annoncé annoncé la fermeture de la piscine municipale pour six mois de travaux.\n"
LABEL = "Dernières dépêches régionales"
BODIES = [
    "Le conseil départemental a voté une aide aux agriculteurs touchés par la grêle.",
    "La préfecture a publié mardi le bilan des accidents de la route du mois d'août.",
    "Les pompiers sont intervenus toute la nuit sur un incendie de forêt près de Digne.",
    "Le club de rugby de la ville a recruté un nouvel entraîneur pour la fin de saison.",
]


def _articles(with_label: int = 3) -> list[Document]:
    return [
        Document(f"Titre numéro {k}\n\n{body}\n" + (f"\n{LABEL}\n" if k < with_label else ""), f"a{k}.txt")
        for k, body in enumerate(BODIES)
    ]


def _dump(report) -> str:
    return json.dumps(report_dict(report), sort_keys=True, ensure_ascii=False)


# -- language identification --------------------------------------------------------------------------
def test_identify_languages_annotates_paragraphs_and_sets_the_target_language():
    doc = Document(COUNCIL, "conseil.txt")
    assert doc.target_language == "und"
    identify_languages(doc, Config())
    assert doc.target_language == "fr"
    assert [p.language for p in doc.paragraphs] == ["fr", "en", "fr"]
    assert all(p.confidence > 0.5 for p in doc.paragraphs)


def test_the_configured_or_declared_language_wins_over_a_guess():
    english = "The council voted the budget on Tuesday night after four hours of debate.\n"
    assert identify_languages(Document(english, "a.txt"), Config()).target_language == "en"
    assert identify_languages(Document(english, "a.txt"), Config(lang="fr")).target_language == "fr"
    declared = Document(english, "a.xlf")
    declared.meta["target_language"] = "fr"  # as an XLIFF target-language
    assert identify_languages(declared, Config()).target_language == "fr"


def test_a_configured_source_language_fills_in_only_a_missing_one():
    plain = identify_languages(Document(COUNCIL, "a.txt"), Config(source_lang="de"))
    assert plain.source_language == "de"
    own = Document(COUNCIL, "a.po", source_language="en")
    assert identify_languages(own, Config(source_lang="de")).source_language == "en"


# -- the rule engine ----------------------------------------------------------------------------------
def test_the_engine_identifies_no_language_it_reads_the_ones_it_is_given():
    cfg = Config(select=["MTQ102"])
    bare = Document(COUNCIL, "conseil.txt")
    [result] = Engine(cfg).run([bare])
    assert result.issues == [] and result.target_language == "und"
    assert {p.language for p in bare.paragraphs} == {"und"}  # the engine left them as they were

    doc = identify_languages(Document(COUNCIL, "conseil.txt"), cfg)
    [result] = Engine(cfg).run([doc])
    assert [(i.rule, i.text) for i in result.issues] == [
        ("MTQ102", "The mayor said the city would keep its promises on public transport.")
    ]
    assert COUNCIL[result.issues[0].start : result.issues[0].end] == result.issues[0].text
    assert result.target_language == "fr" and result.declared_language is None
    assert result.scores is None and result.quality is None and result.gate_failures == []


def test_the_engine_adds_corpus_findings_only_once_every_document_was_absorbed():
    cfg = Config(lang="fr", select=["MTQ403"])
    engine = Engine(cfg)
    results = []
    for doc in _articles():
        result, payloads = engine.check(identify_languages(doc, cfg))
        assert result.issues == [] and set(payloads) == {"MTQ403"}
        engine.absorb(payloads)
        results.append(result)
    engine.finish(results)
    assert [[i.text for i in r.issues] for r in results] == [[LABEL], [LABEL], [LABEL], []]


def test_the_engine_finds_nothing_across_documents_when_a_label_is_rare():
    cfg = Config(lang="fr", select=["MTQ403"])
    docs = [identify_languages(d, cfg) for d in _articles(with_label=2)]
    assert [r.issues for r in Engine(cfg).run(docs)] == [[], [], [], []]


# -- reference scores ---------------------------------------------------------------------------------
HYP = ["Le maire a inauguré la nouvelle médiathèque samedi.", "Les travaux ont duré deux ans.", "Elle ouvre lundi."]
REF = ["Le maire a inauguré samedi la nouvelle médiathèque.", "Les travaux ont duré deux années.", "Elle ouvrira lundi."]


def _aligned(hyp: list[str], ref: list[str], path: str = "hyp.fr") -> Document:
    return attach_aligned(read_lines("\n".join(hyp) + "\n", path), None, [("ref.fr", "\n".join(ref) + "\n")], None)


def test_scores_per_document_and_for_the_run_equal_sacrebleu():
    cfg = Config(lang="fr", select=["MTQ421"])
    scores = Scores(cfg)
    assert scores.corpus() is None
    engine = Engine(cfg)
    results = []
    for hyp, ref in ((HYP[:2], REF[:2]), (HYP[2:], REF[2:])):
        doc = identify_languages(_aligned(hyp, ref), cfg)
        result, _ = engine.check(doc)
        scores.add(result, reference_streams(doc))
        assert result.scores["bleu"] == BLEU().corpus_score(hyp, [ref]).score
        results.append(result)
    assert scores.corpus()["bleu"] == BLEU().corpus_score(HYP, [REF]).score


def test_a_document_without_references_is_not_scored():
    cfg = Config(lang="fr")
    doc = identify_languages(Document(STUTTER, "piscine.txt"), cfg)
    assert reference_streams(doc) is None
    scores = Scores(cfg)
    result, _ = Engine(Config(lang="fr", select=["MTQ421"])).check(doc)
    scores.add(result, reference_streams(doc))
    assert result.scores is None and scores.corpus() is None


# -- the report and its gate --------------------------------------------------------------------------
def _stutter_report(fail_on: str = "error"):
    cfg = Config(lang="fr", select=["MTQ502"], fail_on=fail_on)
    engine = Engine(cfg)
    results = engine.run([identify_languages(Document(STUTTER, "piscine.txt"), cfg)])
    return build_report(engine, results, [], Scores(cfg)), cfg


def test_the_report_carries_quality_and_the_gate():
    report, _ = _stutter_report()
    [doc] = report.documents
    assert [(i.rule, i.text) for i in doc.issues] == [("MTQ502", " annoncé annoncé")]
    assert doc.quality["penalty"] == 5.0 and doc.quality["passed"] is False
    assert doc.gate_failures == ["1 finding at or above 'error'"]
    assert report.exit_code == 1 and report.corpus_scores is None


def test_the_gate_alone_follows_its_configuration():
    report, _ = _stutter_report()
    gate(report, Config(lang="fr", fail_on="never"))
    assert report.documents[0].gate_failures == [] and report.exit_code == 0
    gate(report, Config(lang="fr", fail_on="error", min_quality=90))
    assert report.documents[0].gate_failures[-1].startswith("quality")


# -- suppressions and baselines -----------------------------------------------------------------------
def test_suppress_drops_silenced_findings_and_applies_the_gate_again():
    text = f"# Piscine\n\n<!-- mtqa-disable-next-line MTQ502 -->\n{STUTTER}"
    _, read = readers.reader_for("piscine.md", None)
    docs = read(text, "piscine.md")
    docs = docs if isinstance(docs, list) else [docs]
    cfg = Config(lang="fr", select=["MTQ502"])
    report = Pipeline(cfg).run(docs)
    assert len(report.issues) == 1 and report.exit_code == 1
    suppress(report, cfg)
    assert report.issues == [] and report.exit_code == 0


def test_baselines_save_the_findings_then_hide_them(tmp_path):
    path = tmp_path / "mtqa-baseline.json"
    report, cfg = _stutter_report()
    baselines(report, cfg, write=path)
    assert path.is_file() and len(report.issues) == 1  # writing hides nothing
    again, _ = _stutter_report()
    baselines(again, cfg, known=path)
    assert again.issues == [] and again.exit_code == 0
    assert any("1 known finding hidden" in n for n in again.notices)


# -- the worker pool ----------------------------------------------------------------------------------
def test_entries_checked_elsewhere_merge_into_the_report_of_one_run():
    """What worker processes and Dask tasks do: check documents with their own pipeline, then the
    run's pipeline merges the entries in document order."""
    cfg = Config(lang="fr", select=["MTQ403", "MTQ421", "MTQ502"])
    docs = [*_articles(), _aligned(HYP, REF, "aligned.fr"), Document(STUTTER, "piscine.txt")]
    whole = Pipeline(cfg).run(docs)

    worker, run = Pipeline(cfg), Pipeline(cfg)
    entries = [check_entry(worker, d) for d in [*_articles(), _aligned(HYP, REF, "aligned.fr"), Document(STUTTER, "piscine.txt")]]
    errors: list = []
    merged = run.report(list(run.merge(entries, errors)), errors)
    assert _dump(merged) == _dump(whole)
    assert [len(d.issues) for d in whole.documents] == [1, 1, 1, 0, 0, 1]
    assert whole.corpus_scores["bleu"] == BLEU().corpus_score(HYP, [REF]).score


@pytest.mark.skipif(not can_fork(), reason="the worker pool forks")
def test_two_workers_give_the_report_of_one_process(tmp_path):
    for doc in _articles():
        (tmp_path / doc.path).write_text(doc.text, encoding="utf-8")
    (tmp_path / "piscine.txt").write_text(STUTTER, encoding="utf-8")
    (tmp_path / "latin1.txt").write_bytes("La météo de la semaine.\n".encode("latin-1"))
    cfg = Config(lang="fr", select=["MTQ403", "MTQ502"], jobs=2)
    paths = [str(tmp_path)]
    one = Pipeline(cfg).run(iter_documents(paths), jobs=1)
    two = Pipeline(cfg).run(iter_documents(paths, lazy=True), jobs=2)  # the workers read the files
    assert _dump(one) == _dump(two)
    assert [e.path.endswith("latin1.txt") for e in two.errors] == [True]
    assert sum(len(d.issues) for d in two.documents) == 4


# -- the pipeline -------------------------------------------------------------------------------------
def test_the_pipeline_is_its_stages_in_order():
    cfg = Config(lang="fr", select=["MTQ403", "MTQ421", "MTQ502"])
    engine, scores, results = Engine(cfg), Scores(cfg), []
    for doc in [*_articles(), _aligned(HYP, REF, "aligned.fr"), Document(STUTTER, "piscine.txt")]:
        identify_languages(doc, cfg)
        result, payloads = engine.check(doc)
        engine.absorb(payloads)
        scores.add(result, reference_streams(doc))
        results.append(result)
    by_stages = build_report(engine, results, [], scores)
    by_pipeline = Pipeline(cfg).run([*_articles(), _aligned(HYP, REF, "aligned.fr"), Document(STUTTER, "piscine.txt")])
    assert _dump(by_stages) == _dump(by_pipeline)
    assert by_pipeline.exit_code == 1


def test_unknown_rule_options_are_refused_before_anything_is_read():
    from mtqa.errors import ConfigError

    with pytest.raises(ConfigError, match="MTQ999"):
        Pipeline(Config(lang="fr", rules={"MTQ999": {"min_words": 3}}))


@pytest.mark.skipif(not can_fork(), reason="the worker pool forks")
def test_a_run_with_workers_stopped_early_does_not_hang():
    """Leaving the results of a run with workers unread (an error or Ctrl-C in the caller) closes
    the pool: its feeder thread, waiting for room in the window, is let go."""
    import threading

    from mtqa.pipeline import run_parallel

    pipeline = Pipeline(Config(lang="fr", select=["MTQ410"]))
    docs = [Document(text=f"Le conseil municipal a voté le budget numéro {k} hier soir.\n", path=f"{k}.txt") for k in range(200)]
    results = run_parallel(pipeline, iter(docs), [], jobs=2)
    first = next(results)
    assert first.path == "0.txt"
    done = threading.Event()

    def close():
        results.close()
        done.set()

    t = threading.Thread(target=close, daemon=True)
    t.start()
    assert done.wait(60), "closing a run with workers hung"
