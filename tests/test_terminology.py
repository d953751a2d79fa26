"""Terminology rules: term drift (MTQ310), acronym drift (MTQ311), calqued and reordered names
(MTQ312), corpus drift (MTQ320). Glossary rules are in test_terminology_glossary.py."""

from __future__ import annotations

import json

import pytest
from conftest import check, issues_of, validate_report

from mtqa.config import Config
from mtqa.pipeline import Pipeline
from mtqa.lint.registry import all_rules
from mtqa.lint.rule import validate_rule_class
from mtqa.model import Document

TERM_RULES = [r for r in all_rules() if r.category == "terminology"]


def test_terminology_rules_are_documented():
    assert {r.code for r in TERM_RULES} >= {"MTQ301", "MTQ302", "MTQ310", "MTQ311", "MTQ312", "MTQ320", "MTQ330"}
    for r in TERM_RULES:
        assert validate_rule_class(r) == [], r.code


# -- MTQ310 term drift --------------------------------------------------------------------------------
ARTICLE = (
    "Les États-Unis accusent Pyongyang d'envoyer des soldats comme canonniers en Ukraine.\n\n"
    "Le porte-parole du Pentagone a répété que ces troupes serviraient de cannonniers sur le front.\n"
)


def test_doubled_letter_variant_is_flagged_with_first_form():
    found = issues_of(ARTICLE, "MTQ310")
    assert [i.text for i in found] == ["cannonniers"]
    i = found[0]
    assert i.suggestions == ("canonniers",)
    assert "line 1" in i.message and i.related["text"] == "canonniers"
    assert i.category == "terminology"


@pytest.mark.parametrize(
    "text, variant",
    [
        ("La ville de Kharkiv a été bombardée lundi. Les habitants de Kharkov ont fui vers l'ouest.", "Kharkov"),
        ("Le président Zelensky a parlé au Parlement. Selon Zelenskyy, la guerre sera longue.", "Zelenskyy"),
        ("Le tire-bouchon est dans le tiroir. Prenez le tire-bouchon en argent. Le tirebouchon a disparu.", "tirebouchon"),
        ("Le gouvernement de Şahin a démissionné. Le parti de Sahin reste au pouvoir. Şahin se tait.", "Sahin"),
        ("Le New-York Times a publié l'enquête. Selon le New York Times, le maire ment. Le New-York Times insiste.", "New York"),
    ],
)
def test_spelling_variants_are_flagged(text, variant):
    assert [i.text for i in issues_of(text, "MTQ310")] == [variant]


@pytest.mark.parametrize(
    "text",
    [
        # inflection: plural, feminine, elision
        "Le diffuseur sud-coréen a confirmé. Les autorités sud-coréennes démentent. Des médias sud-coréens doutent.",
        "Une canonnière remonte le fleuve. Les canonniers tirent depuis la rive.",
        "Les journaux ont titré sur l'affaire. Un seul journal a refusé.",
        "La personne interrogée a refusé. Les personnes présentes ont applaudi.",
        # different words that happen to be close, both common
        "Le canon a tiré toute la nuit. Un canot de sauvetage a été mis à l'eau.",
        "La région est calme. La religion n'y joue aucun rôle.",
        "La marche a réuni mille personnes devant le marché couvert.",
        "Il viendra peut-être demain. Le projet peut être repoussé.",
        # French capitals may drop their accent
        "Etats membres et États associés ont voté la motion.",
        # saint and feast: the hyphen changes the meaning
        "La fête de la Saint-Nicolas rappelle saint Nicolas, évêque de Myre.",
        # sentence-initial capital is not a case variant
        "Omicron se propage vite. Le variant omicron domine en Europe. Le variant omicron inquiète.",
        # capitals by position: a Title Case product line, after a colon
        "Chaise Pliante Ergonomique Rembourrée Modèle Confort\nCette chaise est rembourrée. L'assise rembourrée se replie.",
        "Conseil : Rembourrée, l'assise dure plus longtemps. Une assise rembourrée coûte plus cher.",
        # a verb and its participle
        "Le ministre a réquisitionné les stocks. Il réquisitionne aussi les camions.",
    ],
)
def test_correct_french_passes(text):
    assert issues_of(text, "MTQ310") == []


def test_case_variant_of_a_rare_word():
    text = "Le Bundestag a voté la loi. Au bundestag, les débats ont duré. Le Bundestag siège à Berlin."
    found = issues_of(text, "MTQ310")
    assert [i.text for i in found] == ["bundestag"]
    assert found[0].suggestions == ("Bundestag",)


def test_case_variants_can_be_turned_off():
    text = "Le Bundestag a voté la loi. Au bundestag, les débats ont duré. Le Bundestag siège à Berlin."
    assert issues_of(text, "MTQ310", rules={"MTQ310": {"case": False}}) == []


def test_majority_form_is_the_reference():
    text = (
        "Le village de Grünwald est isolé. Grünwald compte trois cents habitants.\n"
        "À Grunwald, les routes sont coupées. Le maire de Grünwald demande de l'aide."
    )
    found = issues_of(text, "MTQ310")
    assert [i.text for i in found] == ["Grunwald"]
    assert found[0].suggestions == ("Grünwald",)


# -- MTQ311 acronym drift ----------------------------------------------------------------------------
SEED_LIKE = (
    "Selon le think tank américain Institute for the Study of War (ISW), aucun signal n'indique une "
    "offensive.\n\n"
    "En conséquence, l'Institut pour l'étude de la guerre (ISW) a soulevé des inquiétudes.\n"
)


def test_two_expansions_of_one_acronym():
    found = issues_of(SEED_LIKE, "MTQ311")
    assert [i.text for i in found] == ["Institut pour l'étude de la guerre"]
    assert found[0].suggestions == ("Institute for the Study of War",)
    assert "ISW" in found[0].message


@pytest.mark.parametrize(
    "text",
    [
        # same expansion, differently inflected or capitalised
        "L'Organisation mondiale de la santé (OMS) alerte. Plus tard, l'Organisation Mondiale de la Santé (OMS) précise.",
        # acronym first, then the same words
        "L'OMS (Organisation mondiale de la santé) alerte. L'Organisation mondiale de la santé (OMS) précise.",
        # a shorter form of the same name
        "Le Fonds monétaire international (FMI) prête. Le Fonds monétaire (FMI) exige des réformes.",
        # only one expansion
        "Le Fonds monétaire international (FMI) prête. Le FMI exige des réformes.",
        # a parenthesis that is not an acronym
        "Le ministre (PS) a parlé. Le député (LR) a répondu. Le maire (Paris) aussi.",
    ],
)
def test_acronym_passes(text):
    assert issues_of(text, "MTQ311") == []


def test_acronym_before_expansion():
    text = "La BCE (Banque centrale européenne) relève ses taux. La BCE (European Central Bank) le confirme."
    found = issues_of(text, "MTQ311")
    assert [i.text for i in found] == ["European Central Bank"]


# -- MTQ312 calques and reordered names ------------------------------------------------------------------
def test_calque_pack_flags_sud_coree():
    text = "Le Sud-Corée attend que la Corée du Nord envoie des troupes. Selon le diffuseur sud-coréen Chosun, c'est imminent."
    found = issues_of(text, "MTQ312")
    assert [i.text for i in found] == ["Sud-Corée"]
    assert found[0].suggestions == ("Corée du Sud",)


def test_a_calque_is_never_the_reference_of_a_reordering():
    text = "Le Sud-Corée investit. Les exportations de la Corée du Sud progressent."
    assert [i.text for i in issues_of(text, "MTQ312")] == ["Sud-Corée"]


@pytest.mark.parametrize(
    "text, flagged, better",
    [
        ("Le Premier Ministre a démissionné.", "Premier Ministre", "Premier ministre"),
        ("Il vit au Royaume Uni depuis dix ans.", "Royaume Uni", "Royaume-Uni"),
        ("La paix au Moyen Orient reste lointaine.", "Moyen Orient", "Moyen-Orient"),
        ("Les élections en Nord-Rhin-Westphalie ont surpris.", "Nord-Rhin-Westphalie", "Rhénanie-du-Nord-Westphalie"),
        ("L'Union Européenne a tranché.", "Union Européenne", "Union européenne"),
    ],
)
def test_calque_pack_entries(text, flagged, better):
    found = issues_of(text, "MTQ312")
    assert [(i.text, i.suggestions) for i in found] == [(flagged, (better,))]


@pytest.mark.parametrize(
    "text",
    [
        "La Corée du Sud et le Royaume-Uni ont signé. Le Premier ministre sud-coréen était présent.",
        "Des trains relient Paris et Berlin. Entre Berlin et Paris, le trajet dure huit heures.",
        "Les Sud-Africains ont voté. Le Nord-Kivu reste instable.",
        "Jean Dupont a parlé. Dupont a ensuite quitté la salle.",
    ],
)
def test_names_pass(text):
    assert issues_of(text, "MTQ312") == []


def test_reordered_name():
    text = (
        "Les Clippers de Los Angeles ont gagné. L'entraîneur des Clippers de Los Angeles jubile.\n"
        "Les Los Angeles Clippers affronteront Boston."
    )
    assert issues_of(text, "MTQ312") == []  # off by default: both orders are French
    found = issues_of(text, "MTQ312", rules={"MTQ312": {"reorder": True}})
    assert [i.text for i in found] == ["Los Angeles Clippers"]
    assert found[0].suggestions == ("Clippers de Los Angeles",)


def test_calque_entries_can_be_disabled():
    assert issues_of("Il vit au Royaume Uni.", "MTQ312", rules={"MTQ312": {"entries_off": ["compound-country-unhyphenated"]}}) == []


# -- MTQ320 corpus drift ---------------------------------------------------------------------------------
def _run_corpus(texts: list[str], select=("MTQ320", "MTQ310")):
    docs = [Document(t, f"doc{i}.txt") for i, t in enumerate(texts)]
    return Pipeline(Config(lang="fr", select=list(select))).run(docs)


def test_corpus_drift_reports_the_minority_document():
    texts = [
        "Le président Zelensky a parlé à Kiev. Zelensky réclame des armes.",
        "Selon Zelensky, la contre-offensive avance.",
        "Zelensky a reçu le chancelier à Kiev.",
        "Le président Zelenskyy a remercié les alliés.",
    ]
    report = _run_corpus(texts)
    found = [(d.path, i.text) for d in report.documents for i in d.issues if i.rule == "MTQ320"]
    assert found == [("doc3.txt", "Zelenskyy")]
    issue = report.documents[3].issues[0]
    assert issue.suggestions == ("Zelensky",)
    assert texts[3][issue.start : issue.end] == issue.text
    assert issue.line == 1 and issue.column == texts[3].index("Zelenskyy") + 1


def test_corpus_drift_needs_a_house_style():
    texts = [
        "Le président Zelensky a parlé à Kiev.",
        "Le président Zelenskyy a remercié les alliés.",
        "La ville de Lviv accueille des réfugiés.",
    ]
    assert [i for i in _run_corpus(texts).issues if i.rule == "MTQ320"] == []


def test_corpus_drift_leaves_common_words_alone():
    texts = [
        "Le canon a tiré toute la nuit.",
        "Un canon ancien est exposé au musée.",
        "Le canot de sauvetage est arrivé.",
    ]
    assert [i for i in _run_corpus(texts).issues if i.rule == "MTQ320"] == []


def test_corpus_state_is_bounded_per_key():
    texts = [f"Le village de Grünwald fête sa foire numéro {n}." for n in range(6)]
    report = _run_corpus(texts + ["À Grunwald, la foire est annulée."], ("MTQ320",))
    assert [i.text for i in report.issues] == ["Grunwald"]
    pipeline = Pipeline(Config(lang="fr", select=["MTQ320"], rules={"MTQ320": {"max_docs": 2}}))
    pipeline.run([Document(t, f"d{i}.txt") for i, t in enumerate(texts)])
    table = pipeline.engine.ctx.state["MTQ320"]["langs"]["fr"]
    assert all(len(s.where) <= 2 for s in table.values())


# -- report contract, robustness -----------------------------------------------------------------------
def test_json_report_validates(tmp_path):
    from mtqa.formatters import render

    report = check(ARTICLE + "\n" + SEED_LIKE + "\nLe Sud-Corée attend.\n", select=["terminology"])
    data = json.loads(render(report, "json"))
    validate_report(data)
    rules = {i["rule"] for d in data["documents"] for i in d["issues"]}
    assert rules == {"MTQ310", "MTQ311", "MTQ312"}


def test_cli_on_the_seed_like_article(tmp_path):
    from typer.testing import CliRunner

    from mtqa.cli import app

    f = tmp_path / "article.txt"
    f.write_text(ARTICLE + "\n" + SEED_LIKE, encoding="utf-8")
    res = CliRunner().invoke(app, ["check", str(f), "--lang", "fr", "--select", "MTQ3", "--format", "json", "--fail-on", "never"])
    assert res.exit_code == 0, res.output
    issues = json.loads(res.stdout)["documents"][0]["issues"]
    assert sorted(i["text"] for i in issues) == ["Institut pour l'étude de la guerre", "cannonniers"]


try:
    from hypothesis import given, settings
    from hypothesis import strategies as st
except ImportError:  # pragma: no cover
    given = None

if given is not None:

    @settings(max_examples=40, deadline=None)
    @given(st.text(alphabet=st.sampled_from(list("aéeEnN- '(ISW)Corée du Sudcannonniers.\n")), max_size=200))
    def test_arbitrary_text_never_crashes(text):
        report = check(text, select=["MTQ31"])
        for i in report.issues:
            assert text[i.start : i.end] == i.text


def test_drift_needs_word_frequencies():
    # no wordfreq list for Breton: the rule cannot tell words from slips and stays silent
    assert issues_of(ARTICLE, "MTQ310", lang="br") == []
    assert issues_of(ARTICLE, "MTQ310", lang="fr") != []


@pytest.mark.parametrize(
    "text, rule",
    [
        (ARTICLE, "MTQ310"),
        ("La ville de Kharkiv a été bombardée. Les habitants de Kharkov ont fui. Kharkiv résiste.", "MTQ310"),
        ("Le Bundestag a voté la loi. Au bundestag, les débats ont duré. Le Bundestag siège à Berlin.", "MTQ310"),
        (SEED_LIKE, "MTQ311"),
        ("Le Sud-Corée attend. La Corée du Sud répond.", "MTQ312"),
    ],
)
def test_applying_the_suggestion_removes_the_finding(text, rule):
    found = issues_of(text, rule)
    assert found
    for i in found:
        fixed = text[: i.start] + i.suggestions[0] + text[i.end :]
        again = issues_of(fixed, rule)
        assert len(again) < len(found)
        assert not any(j.start == i.start and j.text == i.suggestions[0] for j in again), (fixed, again)


def test_the_message_names_how_the_written_words_differ():
    """The kind is said of the words as written: a fused capitalised form beside the hyphenated one
    differs in hyphenation and capitalisation, whatever the folded keys look like."""
    text = (
        "Le tube bass-reflex est raccourci à 28 mm.\n"
        "L'ouverture bass-reflex reste dégagée.\n"
        "Grâce à l'ouverture bASSREFLEX, on peut coller le tube.\n"
    )
    found = issues_of(text, "MTQ310")
    assert [i.text for i in found] == ["bASSREFLEX"]
    assert found[0].message.endswith("(hyphenation differs, and capitalisation)")
    assert found[0].suggestions == ("bass-reflex",)
