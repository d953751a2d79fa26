"""Glossaries: CSV/TSV/TBX parsing (mtqa.glossary), forbidden variants (MTQ301), required target
terms with a source (MTQ302), inconsistent renderings of a source term (MTQ330)."""

from __future__ import annotations

import json
import os

import pytest
from conftest import FIXTURES, issues_of

from mtqa import glossary, packs
from mtqa.api import attach_aligned
from mtqa.config import Config
from mtqa.errors import InputProblem
from mtqa.pipeline import Pipeline
from mtqa.readers.text import read_lines

G = FIXTURES / "terminology"
CSV = str(G / "glossary.csv")
TBX = str(G / "glossary.tbx")


# -- parsing ------------------------------------------------------------------------------------------
def test_csv_glossary():
    g = glossary.load(CSV)
    assert len(g.entries) == 5
    first = g.entries[0]
    assert first.target == "chancelier fédéral"
    assert first.forbidden == ("chancelier allemand",)
    assert first.source_terms("de") == ["Bundeskanzler"]
    assert first.note == "titre officiel"
    assert first.where.endswith("glossary.csv:3")  # the comment line counts
    assert g.entries[3].target == "" and g.entries[3].forbidden == ("think tank",)


def test_tsv_glossary():
    (e,) = glossary.load(G / "glossary.tsv").entries
    assert (e.target, e.forbidden) == ("campagne électorale", ("campagne d'élection",))


def test_tbx2_glossary():
    g = glossary.load(TBX)
    fr = g.for_language("fr")
    assert [e.target for e in fr] == ["chancelier fédéral", "frein à l'endettement"]
    assert fr[0].alternatives == ("chancelier",)
    assert fr[0].forbidden == ("premier ministre allemand",)
    assert fr[0].source_terms("de") == ["Bundeskanzler"]
    assert fr[0].note == "Head of the German federal government"
    assert fr[1].target_lang == "fr-FR"
    assert [e.target for e in g.for_language("de")] == ["Bundeskanzler", "Schuldenbremse"]


def test_tbx3_glossary():
    (e,) = glossary.load(G / "glossary3.tbx").for_language("fr")
    assert (e.target, e.forbidden) == ("laboratoire d'idées", ("think tank",))


@pytest.mark.parametrize(
    "name, fragment",
    [
        ("bad_fields.csv", "line 3: 2 fields where the header has 4"),
        ("bad_header.csv", "line 1: unknown column 'targt'"),
        ("bad_empty_row.csv", "line 2: neither a target term nor forbidden variants"),
        ("bad_utf8.csv", "line 2: not valid UTF-8"),
        ("bad_xml.tbx", "line 5: malformed XML"),
        ("bad_entity.tbx", "forbidden XML construct"),
        ("missing.csv", "glossary file not found"),
    ],
)
def test_malformed_glossaries_raise_one_clear_line(name, fragment):
    with pytest.raises(InputProblem) as exc:
        glossary.load(G / name)
    message = str(exc.value)
    assert fragment in message and name in message and "\n" not in message


def test_tbx_without_language(tmp_path):
    f = tmp_path / "g.tbx"
    f.write_text('<martif><text><body>\n<termEntry>\n<langSet><tig><term>x</term></tig></langSet>\n</termEntry></body></text></martif>', encoding="utf-8")
    with pytest.raises(InputProblem, match=r"line 3: <langSet> without xml:lang"):
        glossary.load(f)


def test_glossary_is_parsed_once_per_modification(tmp_path):
    f = tmp_path / "g.csv"
    f.write_text("source,target,forbidden,note\n,courriel,e-mail,\n", encoding="utf-8")
    a, b = glossary.load(f), glossary.load(f)
    assert a is b
    f.write_text("source,target,forbidden,note\n,courriel,e-mail|mail,\n", encoding="utf-8")
    st = f.stat()
    os.utime(f, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000))
    assert glossary.load(f).entries[0].forbidden == ("e-mail", "mail")


def test_cli_reports_a_bad_glossary_in_one_line(tmp_path):
    from typer.testing import CliRunner

    from mtqa.cli import app

    doc = tmp_path / "a.txt"
    doc.write_text("Le chancelier allemand a parlé.\n", encoding="utf-8")
    res = CliRunner().invoke(app, ["check", str(doc), "--lang", "fr", "--select", "MTQ301", "--glossary", str(G / "bad_fields.csv")])
    assert res.exit_code == 2
    assert "line 3" in res.stderr and "Traceback" not in res.stderr
    assert len(res.stderr.strip().splitlines()) == 1


def test_pack_glossaries_are_found(tmp_path):
    (tmp_path / "fr").mkdir()
    (tmp_path / "fr" / "glossary-house.csv").write_text("source,target,forbidden,note\n,courriel,e-mail,\n", encoding="utf-8")
    try:
        packs.set_extra_dirs([tmp_path])
        assert tmp_path / "fr" / "glossary-house.csv" in glossary.pack_glossaries("fr")
        found = issues_of("Envoyez un e-mail au service.", "MTQ301", packs=[str(tmp_path)])
        assert [i.text for i in found] == ["e-mail"]
    finally:
        packs.set_extra_dirs([])


# -- MTQ301 forbidden variants --------------------------------------------------------------------------
def forbidden(text: str, *paths: str):
    return issues_of(text, "MTQ301", glossaries=list(paths or [CSV]))


@pytest.mark.parametrize(
    "text, flagged, suggestion",
    [
        ("Le chancelier allemand a parlé.", "chancelier allemand", "chancelier fédéral"),
        ("Les chanceliers allemands se sont succédé.", "chanceliers allemands", "chancelier fédéral"),
        ("Chancelier allemand depuis 2021, il gouverne.", "Chancelier allemand", "Chancelier fédéral"),
        ("Le Sud-Corée attend.", "Sud-Corée", "Corée du Sud"),
        ("Le Sud Corée attend.", "Sud Corée", "Corée du Sud"),
        ("Envoyez vos e-mails.", "e-mails", "courriel"),
        ("Envoyez un e mail.", "e mail", "courriel"),
        ("L'Union Européenne a tranché.", "Union Européenne", "Union européenne"),
    ],
)
def test_forbidden_variants_are_found_in_their_forms(text, flagged, suggestion):
    found = forbidden(text)
    assert [(i.text, i.suggestions) for i in found] == [(flagged, (suggestion,))]
    assert found[0].severity.value == "error"
    assert "glossary.csv:" in found[0].message


def test_do_not_use_list_has_no_suggestion():
    (i,) = forbidden("Selon le think tank américain, la guerre durera.")
    assert i.text == "think tank" and i.suggestions == ()
    assert "do-not-use" in i.message and "anglicisme" in i.message


@pytest.mark.parametrize(
    "text",
    [
        "Le chancelier fédéral a parlé.",
        "L'Union européenne a tranché.",
        "La Corée du Sud et le diffuseur sud-coréen confirment.",
        "Le courriel est parti. La thinkpad est en panne.",
        "Un chancelier, allemand de naissance, a parlé.",  # punctuation between the words
    ],
)
def test_correct_text_passes(text):
    assert forbidden(text) == []


def test_tbx_deprecated_term():
    found = forbidden("Le premier ministre allemand a parlé.", TBX)
    assert [(i.text, i.suggestions) for i in found] == [("premier ministre allemand", ("chancelier fédéral",))]


def test_no_glossary_no_finding():
    assert issues_of("Le chancelier allemand a parlé.", "MTQ301") == []


# -- MTQ302 and MTQ330, with a source ---------------------------------------------------------------------
def run_aligned(target: str, source: str, select: list[str], glossaries: list[str] | None = None):
    doc = attach_aligned(read_lines(target, "t.fr"), source, [], "s.de")
    doc.source_language = "de"
    return Pipeline(Config(lang="fr", select=select, glossaries=glossaries or [])).run([doc])


def test_missing_target_term():
    src = "Der Bundeskanzler reist nach Paris.\nDie Rede des Bundeskanzlers war kurz.\nDer Kanzler schweigt.\n"
    tgt = "Le chef du gouvernement se rend à Paris.\nLe discours du chancelier fédéral fut bref.\nLe chancelier se tait.\n"
    report = run_aligned(tgt, src, ["MTQ302"], [CSV])
    found = report.issues
    assert [(i.line, i.rule) for i in found] == [(1, "MTQ302")]
    assert "chancelier fédéral" in found[0].message
    assert found[0].text == "Le chef du gouvernement se rend à Paris."


def test_missing_term_accepts_inflection_and_alternatives():
    src = "Die Bundeskanzler trafen sich.\nDer Bundeskanzler lacht.\n"
    tgt = "Les chanceliers fédéraux se sont réunis.\nLe chancelier rit.\n"
    assert run_aligned(tgt, src, ["MTQ302"], [TBX]).issues == []


def test_forbidden_variant_is_left_to_mtq301():
    src = "Der Bundeskanzler reist nach Paris.\n"
    tgt = "Le chancelier allemand se rend à Paris.\n"
    report = run_aligned(tgt, src, ["MTQ301", "MTQ302"], [CSV])
    assert [i.rule for i in report.issues] == ["MTQ301"]


def test_source_rules_need_a_source():
    assert issues_of("Le chef du gouvernement se rend à Paris.", "MTQ302", glossaries=[CSV]) == []


def test_glossary_term_rendered_two_ways():
    src = "Der Bundeskanzler reist nach Paris.\nDer Bundeskanzler trifft Macron.\nDer Bundeskanzler fliegt zurück.\n"
    tgt = "Le chancelier fédéral se rend à Paris.\nLe chancelier fédéral rencontre Macron.\nLe chancelier rentre en avion.\n"
    found = run_aligned(tgt, src, ["MTQ330"], [TBX]).issues
    assert [(i.line, i.text, i.suggestions) for i in found] == [(3, "chancelier", ("chancelier fédéral",))]


def test_name_kept_then_translated():
    src = (
        "Lindtner schließt das Werk.\nDie Firma Lindtner schweigt.\n"
        "Die Belegschaft von Lindtner protestiert.\nDas Wetter ist schön.\n"
    )
    tgt = (
        "Lindtner ferme l'usine.\nL'entreprise Lindtner se tait.\n"
        "Le personnel de Lindner proteste.\nIl fait beau.\n"
    )
    found = run_aligned(tgt, src, ["MTQ330"]).issues
    assert [(i.text, i.suggestions) for i in found] == [("Lindner", ("Lindtner",))]
    assert found[0].data["source_term"] == "lindtner"


def test_name_kept_then_given_its_french_name():
    """The French name the exonym pack gives the source name is no second rendering: French
    writes both (judged FALSE on real MT)."""
    src = (
        "Belarus schließt die Grenze.\nDie Regierung von Belarus schweigt.\n"
        "Die Opposition in Belarus protestiert.\nDas Wetter ist schön.\n"
    )
    tgt = (
        "Le Belarus ferme sa frontière.\nLe gouvernement du Belarus se tait.\n"
        "L'opposition en Biélorussie proteste.\nIl fait beau.\n"
    )
    assert run_aligned(tgt, src, ["MTQ330"]).issues == []


@pytest.mark.parametrize(
    "tgt",
    [
        # consistent renderings
        "La Biélorussie ferme sa frontière.\nLe gouvernement biélorusse se tait.\nL'opposition en Biélorussie proteste.\nIl fait beau.\n",
        "Le Belarus ferme sa frontière.\nLe gouvernement du Belarus se tait.\nL'opposition dans le pays proteste.\nIl fait beau.\n",
    ],
)
def test_consistent_renderings_pass(tgt):
    src = (
        "Belarus schließt die Grenze.\nDie Regierung von Belarus schweigt.\n"
        "Die Opposition in Belarus protestiert.\nDas Wetter ist schön.\n"
    )
    assert run_aligned(tgt, src, ["MTQ330"]).issues == []


def test_glossaries_from_config_file_and_command_line(tmp_path):
    from typer.testing import CliRunner

    from mtqa.cli import app

    (tmp_path / "house.csv").write_text("source,target,forbidden,note\n,courriel,e-mail,\n", encoding="utf-8")
    (tmp_path / "mtqa.toml").write_text('glossaries = ["house.csv"]\n', encoding="utf-8")
    doc = tmp_path / "a.txt"
    doc.write_text("Envoyez un e-mail au chancelier allemand.\n", encoding="utf-8")
    args = ["check", str(doc), "--lang", "fr", "--select", "MTQ301", "--format", "json"]
    res = CliRunner().invoke(app, args)
    assert res.exit_code == 1
    assert "e-mail" in res.stdout and "chancelier allemand" not in res.stdout
    res = CliRunner().invoke(app, [*args, "--glossary", CSV])
    texts = sorted(i["text"] for i in json.loads(res.stdout)["documents"][0]["issues"])
    assert texts == ["chancelier allemand", "e-mail"]
