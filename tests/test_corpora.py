"""The bundled sample corpus: the published articles show the errors they were written with,
and their corrected versions give no finding at all (every rule, default settings)."""

from __future__ import annotations

import pytest

from conftest import CORPORA
from mtqa.api import check_paths
from mtqa.config import Config

NEWS = sorted((CORPORA / "news").iterdir())
CORRECTED = sorted((CORPORA / "corrected").iterdir())

# (file, rule, flagged text) that must be found in the published articles
EXPECTED = [
    ("01-usine-batteries.txt", "MTQ401", "Aller au contenu"),
    ("01-usine-batteries.txt", "MTQ401", "Partager"),
    ("01-usine-batteries.txt", "MTQ410", "Le constructeur ferme son usine de batteries à Salzgitter"),
    ("01-usine-batteries.txt", "MTQ102", "The union said it would fight the closure in court."),
    ("01-usine-batteries.txt", "MTQ401", "Lire aussi :"),
    ("01-usine-batteries.txt", "MTQ421", "sur"),
    ("02-crues-baviere.txt", "MTQ102", "Die Lage bleibt angespannt, aber wir haben die Kontrolle."),
    ("02-crues-baviere.txt", "MTQ401", "commentaires"),
    ("02-crues-baviere.txt", "MTQ401", "Partager sur Facebook"),
    ("03-festival-seoul.txt", "MTQ420", "streaming..."),
    ("03-festival-seoul.txt", "MTQ401", "Publicité"),
    ("04-budget-municipal.md", "MTQ401", "Lire aussi :"),
]


@pytest.fixture(scope="module")
def news_report():
    return check_paths([str(CORPORA / "news")], Config(lang="fr"))


@pytest.mark.parametrize("name, rule, text", EXPECTED)
def test_published_articles_show_their_errors(news_report, name, rule, text):
    doc = next(d for d in news_report.documents if d.path.endswith(name))
    assert (rule, text) in {(i.rule, i.text) for i in doc.issues}


def test_repeated_paragraph_points_at_the_first_copy(news_report):
    doc = next(d for d in news_report.documents if d.path.endswith("02-crues-baviere.txt"))
    dup = next(i for i in doc.issues if i.rule == "MTQ410")
    first = doc.text.index("Les climatologues")
    assert dup.start > first and dup.related["start"] == first
    assert f"line {dup.related['line']}" in dup.message


@pytest.mark.parametrize("path", CORRECTED, ids=lambda p: p.name)
def test_corrected_articles_give_no_finding(path):
    report = check_paths([str(path)], Config(lang="fr"))
    assert [(i.rule, i.text, i.message) for i in report.issues] == []


def test_every_published_article_has_findings(news_report):
    assert len(news_report.documents) == len(NEWS)
    assert all(d.issues for d in news_report.documents)
