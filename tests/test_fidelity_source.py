"""Fidelity rules that read the source (MTQ502-MTQ505, MTQ330 without a glossary): plain aligned
text, bilingual formats with exact target spans, and the German name finder they share."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from mtqa.analysis.source_names import missing_names, source_names
from mtqa.api import attach_aligned
from mtqa.cli import app
from mtqa.config import Config
from mtqa.pipeline import Pipeline
from mtqa.readers.text import read_lines

RULES = ["MTQ502", "MTQ503", "MTQ504", "MTQ505"]


def run_aligned(target: str, source: str, select: list[str], rules=None):
    doc = attach_aligned(read_lines(target, "t.fr"), source, [], "s.de")
    doc.source_language = "de"
    return Pipeline(Config(lang="fr", select=select, rules=rules or {})).run([doc])


NOUNS = {"MTQ330": {"common_nouns": True}}


# -- the German name finder ----------------------------------------------------------------------------


def test_names_found_by_evidence_not_by_capitals():
    src = "Am Montag traf Kanzlerin Weidinger in München den SPD-Chef und Kimi Räikkönen im Hotel."
    found = {n.text: n.evidence for n in source_names(src)}
    assert found["Weidinger"] == "title"
    assert found["München"] == "exonym"
    assert found["SPD"] == "acronym"
    assert "Räikkönen" in found
    # German common nouns and sentence-initial words are not names
    for common in ("Montag", "Hotel", "Chef", "Am"):
        assert common not in found


def test_kept_names_in_their_french_forms():
    src = "Die Sitzung des Bundestages in Köln mit Alexander Lukaschenko, Jürgen Müller und der NATO."
    tgt = "La séance du Bundestag à Cologne avec Alexandre Loukachenko, Jürgen Mueller et l'OTAN."
    assert missing_names(src, tgt) == []
    assert [n.text for n in missing_names(src, "La séance à Cologne avec Alexandre et Jürgen Mueller.")] == [
        "Bundestages", "Lukaschenko", "NATO"]


def test_placeholders_are_not_names():
    assert source_names("Ihre Bestellung #NUMBER# vom #PRS_ORG# ist da.") == []


# -- plain aligned text --------------------------------------------------------------------------------


def test_name_kept_elsewhere_in_the_document_but_dropped_here():
    src = "Weidinger besucht Paris.\nDer Besuch von Weidinger dauert zwei Tage.\nWeidinger trifft auch Minister.\n"
    tgt = "Weidinger se rend à Paris.\nLa visite dure deux jours.\nWeidinger rencontre aussi des ministres.\n"
    found = run_aligned(tgt, src, ["MTQ503"]).issues
    assert [(i.line, i.text) for i in found] == [(2, "La visite dure deux jours.")]
    assert "'Weidinger'" in found[0].message and found[0].data["source_name"] == "Weidinger"


def test_a_name_translated_consistently_in_the_whole_document_is_left_alone():
    src = "Die PKV zahlt.\nDie PKV zahlt nicht alles.\n"
    tgt = "L'assurance privée paie.\nL'assurance privée ne paie pas tout.\n"
    assert run_aligned(tgt, src, ["MTQ503"]).issues == []


def test_clean_translation_has_no_fidelity_finding():
    src = (
        "Der Vertrag mit dem FC Bayern läuft bis 2025, sagte Uli Hoeneß am Montag in München.\n"
        "Die Fans feierten den Sieg bis in die Nacht.\n"
    )
    tgt = (
        "Le contrat avec le FC Bayern court jusqu'en 2025, a déclaré Uli Hoeneß lundi à Munich.\n"
        "Les supporters ont fêté la victoire jusque tard dans la nuit.\n"
    )
    assert run_aligned(tgt, src, RULES).issues == []


def test_common_noun_rendered_two_ways_is_reported_at_the_later_rendering():
    src = (
        "Der Kleiderschrank ist gestern angekommen.\n"
        "Leider ist der Kleiderschrank beschädigt.\n"
        "Die Tür ist kaputt.\n"
        "Bitte holen Sie den Kleiderschrank ab.\n"
    )
    tgt = (
        "L'armoire est arrivée hier.\n"
        "Malheureusement, l'armoire est abîmée.\n"
        "La porte est cassée.\n"
        "Veuillez venir chercher le placard.\n"
    )
    found = run_aligned(tgt, src, ["MTQ330"], NOUNS).issues
    assert [(i.line, i.text, i.suggestions) for i in found] == [(4, "placard", ("armoire",))]
    assert found[0].related["line"] == 1
    assert run_aligned(tgt, src, ["MTQ330"]).issues == []  # off by default


def test_common_noun_rendered_one_way_passes():
    src = (
        "Der Kleiderschrank ist gestern angekommen.\n"
        "Leider ist der Kleiderschrank beschädigt.\n"
        "Bitte holen Sie den Kleiderschrank ab.\n"
    )
    tgt = (
        "L'armoire est arrivée hier.\n"
        "Malheureusement, l'armoire est abîmée.\n"
        "Veuillez venir chercher l'armoire.\n"
    )
    assert run_aligned(tgt, src, ["MTQ330"], NOUNS).issues == []


def test_short_common_noun_rendered_two_ways_is_reported():
    src = (
        "Der Stuhl kam gestern bei uns an.\n"
        "Leider wackelt der Stuhl sehr.\n"
        "Die Lieferung war pünktlich.\n"
        "Bitte tauschen Sie den Stuhl um.\n"
    )
    tgt = (
        "La chaise est arrivée chez nous hier.\n"
        "Malheureusement, la chaise est très bancale.\n"
        "La livraison était ponctuelle.\n"
        "Veuillez échanger le fauteuil.\n"
    )
    found = run_aligned(tgt, src, ["MTQ330"], NOUNS).issues
    assert [(i.line, i.text, i.suggestions) for i in found] == [(4, "fauteuil", ("chaise",))]


def test_cognate_of_the_source_term_in_the_remaining_segment_passes():
    # "taux" renders "Inzidenz" twice, the third line has its cognate: rendered there too
    src = (
        "Die Inzidenz steigt wieder in Bayern.\n"
        "Am Montag lag die Inzidenz bei 300.\n"
        "Die Inzidenz sinkt jetzt langsam.\n"
    )
    tgt = (
        "Le taux remonte en Bavière.\n"
        "Lundi, le taux était de 300.\n"
        "L'incidence baisse maintenant lentement.\n"
    )
    assert run_aligned(tgt, src, ["MTQ330"], NOUNS).issues == []


# -- bilingual formats, through the command line ----------------------------------------------------------

XLIFF = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file original="sport.html" source-language="de" target-language="fr" datatype="html">
    <body>
      <trans-unit id="u1">
        <source>Nach dem Rennen sagte Kimi R&#228;ikk&#246;nen, er sei zufrieden.</source>
        <target>Apr&#232;s la course, Kimi a dit qu'il &#233;tait satisfait.</target>
      </trans-unit>
      <trans-unit id="u2">
        <source>Am Wochenende f&#228;hrt er mit dem Fahrrad.</source>
        <target>Le week-end, il se d&#233;place &#224; V&#233;lo &amp; &#224; pied.</target>
      </trans-unit>
      <trans-unit id="u3">
        <source>Das Spiel wurde abgesagt.</source>
        <target>Le match a &#233;t&#233; annul&#233; annul&#233; annul&#233; annul&#233;.</target>
      </trans-unit>
    </body>
  </file>
</xliff>
"""


def _check(path, *extra):
    out = path.parent / "report.json"
    r = CliRunner().invoke(app, ["check", str(path), "--lang", "fr", "--select", ",".join(RULES),
                                 "--format", "json", "--fail-on", "never", "-o", str(out), *extra])
    assert r.exit_code == 0, r.output
    return json.loads(out.read_text(encoding="utf-8"))


def _issues(report):
    return [(i["rule"], i["text"]) for d in report["documents"] for i in d["issues"]]


def test_xliff_targets_with_exact_spans(tmp_path):
    f = tmp_path / "sport.xlf"
    f.write_text(XLIFF, encoding="utf-8")
    report = _check(f)
    got = _issues(report)
    raw = f.read_text(encoding="utf-8")
    for d in report["documents"]:
        for i in d["issues"]:
            assert raw[i["start"] : i["end"]] == i["text"]
    assert ("MTQ503", "Apr&#232;s la course, Kimi a dit qu'il &#233;tait satisfait.") in got
    assert ("MTQ504", "V&#233;lo") in got
    assert ("MTQ502", " annul&#233; annul&#233; annul&#233;") in got


@pytest.mark.parametrize("sep", ["\t"])
def test_tsv_pairs(tmp_path, sep):
    f = tmp_path / "pairs.tsv"
    f.write_text(
        "source\ttarget\n"
        "Nach dem Rennen sagte Kimi Räikkönen, er sei zufrieden.\tAprès la course, Kimi a dit qu'il était satisfait.\n"
        "Das Paket kommt am Samstag.\tLe colis arrive ce Samedi matin.\n",
        encoding="utf-8",
    )
    report = _check(f)
    raw = f.read_text(encoding="utf-8")
    for d in report["documents"]:
        for i in d["issues"]:
            assert raw[i["start"] : i["end"]] == i["text"]
    assert sorted(_issues(report)) == [
        ("MTQ503", "Après la course, Kimi a dit qu'il était satisfait."),
        ("MTQ504", "Samedi"),
    ]


def test_plain_text_with_source_file(tmp_path):
    tgt = tmp_path / "t.fr"
    src = tmp_path / "s.de"
    tgt.write_text("Le contrat court jusqu'en 2025.\nLe colis arrive ce Samedi matin.\n", encoding="utf-8")
    src.write_text("Der Vertrag läuft bis 2025, sagte Uli Hoeneß am Montag in München.\nDas Paket kommt am Samstag.\n",
                   encoding="utf-8")
    report = _check(tgt, "--source", str(src), "--source-lang", "de")
    assert sorted(r for r, _ in _issues(report)) == ["MTQ503", "MTQ504", "MTQ505"]
