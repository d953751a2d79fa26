"""The engine: corpus-scope rules over several documents, and worker processes that change
nothing in the report."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import CORPORA
from mtqa.api import check_paths
from mtqa.config import Config
from mtqa.formatters.json_report import report_dict

BODY = [
    "Le conseil municipal a adopté lundi soir le budget de la ville pour l'année prochaine.",
    "La préfecture a publié mardi un bilan des accidents de la route dans le département.",
    "Les agriculteurs de la région manifestent depuis trois jours contre la baisse des prix.",
    "Le club de football local a recruté un nouvel entraîneur pour la fin de la saison.",
]


def _write_articles(tmp_path: Path, label: str, with_label: int) -> list[Path]:
    paths = []
    for k, body in enumerate(BODY):
        text = f"Titre numéro {k}\n\n{body}\n"
        if k < with_label:
            text += f"\n{label}\n"
        p = tmp_path / f"a{k}.txt"
        p.write_text(text, encoding="utf-8")
        paths.append(p)
    return paths


def test_label_repeated_across_documents_is_residue(tmp_path):
    _write_articles(tmp_path, "Dernières dépêches régionales", 3)
    report = check_paths([str(tmp_path)], Config(lang="fr", select=["MTQ403"]))
    found = sorted((Path(d.path).name, i.text) for d in report.documents for i in d.issues)
    assert found == [(f"a{k}.txt", "Dernières dépêches régionales") for k in range(3)]
    assert "recurs in 3 of 4 documents" in report.issues[0].message


def test_label_in_too_few_documents_is_left_alone(tmp_path):
    _write_articles(tmp_path, "Dernières dépêches régionales", 2)
    report = check_paths([str(tmp_path)], Config(lang="fr", select=["MTQ403"]))
    assert report.issues == []


def test_worker_processes_give_the_same_report():
    one = report_dict(check_paths([str(CORPORA / "news")], Config(lang="fr", jobs=1)))
    two = report_dict(check_paths([str(CORPORA / "news")], Config(lang="fr", jobs=2)))
    assert json.dumps(one, sort_keys=True) == json.dumps(two, sort_keys=True)
    assert one["summary"]["issues"] > 0


def test_workers_read_files_and_report_bad_ones(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"caf\xe9 au lait\n")
    report = check_paths([str(bad), str(CORPORA / "news")], Config(lang="fr", jobs=2))
    assert [e.message for e in report.errors] == ["invalid UTF-8 at byte 3; looks like Latin-1 (ISO-8859-1): use --encoding latin-1"]
    assert len(report.documents) == 4 and report.exit_code == 2


def test_workers_keep_reference_scores_and_corpus_scores():
    aligned = CORPORA / "aligned"
    kw = dict(source=str(aligned / "src.de"), refs=[str(aligned / "ref.fr")], docids=str(aligned / "docids.tsv"))
    one = report_dict(check_paths([str(aligned / "hyp.fr")], Config(lang="fr", jobs=1), **kw))
    two = report_dict(check_paths([str(aligned / "hyp.fr")], Config(lang="fr", jobs=2), **kw))
    assert json.dumps(one, sort_keys=True) == json.dumps(two, sort_keys=True)
    assert one["corpus_scores"]["bleu"] > 0 and all(d["scores"] for d in one["documents"])
