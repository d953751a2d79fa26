"""The information length MTQ505 compares between a source and its translation
(mtqa.analysis.information), and what its findings say is missing."""

from __future__ import annotations

from mtqa.analysis.information import FLOOR, NUMBER, UNKNOWN, information, information_deficit, weight
from mtqa.api import attach_aligned
from mtqa.config import Config
from mtqa.pipeline import Pipeline
from mtqa.readers.text import read_lines


def _messages(target: str, source: str) -> list[str]:
    doc = attach_aligned(read_lines(target, "t.fr"), source, [], "s.de")
    doc.source_language = "de"
    report = Pipeline(Config(lang="fr", select=["MTQ505"])).run([doc])
    return [i.message for d in report.documents for i in d.issues]


def test_rare_words_weigh_more_than_function_words():
    assert weight("und", "de") == FLOOR or weight("und", "de") < 1.5
    assert weight("Glockenankermotor", "de") > weight("Motor", "de") > weight("und", "de")
    assert weight("2025", "de") == NUMBER
    assert weight("Xqzvbrt", "de") == UNKNOWN


def test_an_inflected_form_weighs_as_its_base_form_at_most():
    # "entferne" is far rarer than "entfernen" in German text; the ending is set aside
    assert weight("entferne", "de") <= weight("entfernen", "de") + 0.01


def test_an_english_loanword_weighs_as_in_english():
    assert weight("Messenger", "de") <= 8.0 - 3.5


def test_words_both_sides_share_weigh_the_same_on_both():
    src, tgt = information("Der Zug nach Wuppertal.", "de", "Le train pour Wuppertal.", "fr")
    shared = weight("Wuppertal", "de")
    assert src > shared and tgt > shared
    only_name = information("Wuppertal", "de", "Wuppertal", "fr")
    assert only_name[0] == only_name[1]


def test_a_faithful_translation_and_a_cut_one():
    src = "Die Feuerwehr konnte den Brand in der Lagerhalle nach drei Stunden unter Kontrolle bringen."
    full = "Les pompiers ont pu maîtriser l'incendie de l'entrepôt au bout de trois heures."
    cut = "Les pompiers sont venus."
    assert information_deficit(src, "de", full, "fr", 1.05) > -1.5
    assert information_deficit(src, "de", cut, "fr", 1.05) < -2.5


def test_the_finding_names_the_one_clause_whose_absence_explains_the_gap():
    src = ("Die neue Brücke über den Rhein wird im Frühjahr für den Verkehr freigegeben – "
           "die Bauarbeiten hatten sich wegen des langen Winters um fast ein halbes Jahr verzögert.")
    msgs = _messages("Le nouveau pont sur le Rhin sera ouvert à la circulation au printemps.\n", src)
    assert len(msgs) == 1
    assert "it seems to lack 'die Bauarbeiten hatten sich" in msgs[0]
    assert "less than its source" in msgs[0]
