"""Untranslated text: word-level language evidence (mtqa.analysis.wordlang) and the rules MTQ101-MTQ104."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import FIXTURES, check, issues_of
from mtqa.analysis import wordlang
from mtqa.api import check_paths
from mtqa.cli import app
from mtqa.config import Config
from mtqa.errors import ConfigError

FIX = FIXTURES / "untranslated"


def profile(**kw) -> wordlang.Profile:
    kw.setdefault("loanwords", wordlang.loanword_set(["think tank", "week-end", "talk-show"]))
    kw.setdefault("title_cues", frozenset({"film", "album"}))
    kw.setdefault("gloss_cues", ("littéralement", "c'est-à-dire"))
    kw.setdefault("elisions", frozenset({"l", "d", "qu"}))
    kw.setdefault("phrases", frozenset({("at", "a"), ("of", "the")}))
    return wordlang.Profile("fr", ("en", "de"), **kw)


def spans(text: str, min_confidence: float = 0.8, **kw) -> list[tuple[str, str]]:
    found = wordlang.foreign_spans(text, 0, len(text), profile(**kw))
    return [(text[s.start : s.end], s.language) for s in found if s.confidence >= min_confidence]


def neutral(text: str) -> list[str]:
    return [t.text for t in wordlang.tokenize(text, 0, len(text), profile()) if t.kind == wordlang.NEUTRAL]


# -- wordlang -------------------------------------------------------------------------------------
def test_names_and_their_connecting_words_are_neutral():
    text = "Selon le cabinet Institute for the Study of War, la ville de Charles de Gaulle attend."
    assert neutral(text) == ["Institute", "for", "the", "Study", "of", "War", "Charles", "de", "Gaulle"]


def test_sentence_initial_word_joined_to_a_name_is_part_of_it():
    assert neutral("The Guardian a publié une enquête.") == ["The", "Guardian"]
    assert neutral("Tunes of Wacken est un album live.")[:3] == ["Tunes", "of", "Wacken"]
    # alone, a capitalised first word is judged on its own
    assert "At" not in neutral("At a rencontre en Corée du Nord.")


def test_noise_is_masked_before_tokenising():
    text = "Écrivez à info@example.org, visitez https://example.com/path ou suivez @mtqa_bot et #StopWar, lancez run_tests.py et rec.arts.movies en 2024."
    words = [t.text for t in wordlang.tokenize(text, 0, len(text), profile())]
    for junk in ("info", "example", "https", "mtqa", "bot", "StopWar", "run", "tests", "py", "rec", "arts", "movies", "2024"):
        assert junk not in words
    assert "visitez" in words and "lancez" in words


def test_acronyms_are_neutral_but_shouting_is_not():
    assert neutral("Selon l'OTAN, le FMI prévoit un ralentissement.") == ["OTAN", "FMI"]
    assert neutral("Il a crié THIS IS THE WORST DAY puis il est parti.") == []


def test_quoted_titles_and_emphasis_are_neutral():
    assert neutral("Le film « The Lord of the Rings » a été diffusé hier.") == ["The", "Lord", "of", "the", "Rings"]
    assert "once" in neutral("Son album « once upon a time » est sorti.")  # announced by a cue word
    assert neutral("On parle alors d'*awareness* pendant l'opération.") == ["awareness"]


def test_loanwords_match_case_insensitively_in_the_plural_and_as_phrases():
    assert neutral("Ils citent un Think Tank et deux talk-shows du week-end.") == ["Think", "Tank", "talk-shows", "week-end"]


def test_elided_article_is_not_part_of_the_foreign_word():
    text = "Un taux d'awareness élevé."
    tok = [t for t in wordlang.tokenize(text, 0, len(text), profile()) if t.text == "awareness"]
    assert tok and text[tok[0].start : tok[0].end] == "awareness"


def test_posteriors_are_probability_vectors():
    text = "Le maire said that the budget est voté."
    toks = wordlang.tokenize(text, 0, len(text), profile())
    post = wordlang.posteriors(wordlang.emissions(toks, profile()), profile())
    assert len(post) == len(toks)
    for row in post:
        assert len(row) == 3 and abs(sum(row) - 1.0) < 1e-9 and min(row) >= 0.0


def test_quotations_are_taken_out_of_target_frequencies():
    langs = ("fr", "en", "de")
    the = wordlang.established_zipf(langs, [wordlang.zipf("the", lang) for lang in langs])
    rencontre = wordlang.established_zipf(langs, [wordlang.zipf("rencontre", lang) for lang in langs])
    assert wordlang.zipf("the", "fr") > 4  # English quoted in French web text
    assert the[0] == wordlang.FLOOR and the[1] > 7
    assert rencontre[0] > 5


def test_unknown_words_fall_back_on_character_trigrams():
    en = wordlang.char_model("en").score("thoughtfulnessly")
    fr = wordlang.char_model("fr").score("thoughtfulnessly")
    assert en > fr
    assert wordlang.char_model("fr").score("enchevêtrement") > wordlang.char_model("en").score("enchevêtrement")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("At a rencontre en Corée du Nord, Vladimir Poutine et Kim Jong Un se sont parlé.", [("At a", "en")]),
        ("Les troupes sont arrivées in the city hier soir.", [("in the city", "en")]),
        ("Le rapport indique que the government has decided to raise taxes, selon le journal.", [("the government has decided to raise taxes", "en")]),
        ("Le ministre a however refusé de commenter.", [("however", "en")]),
        ("La réforme hat beschlossen, die Steuern zu erhöhen, selon la presse.", [("hat beschlossen, die Steuern zu erhöhen", "de")]),
        # capitalised German nouns the French lists never saw are nouns, not names
        ("Des milliers d'habitants ont été évacués, laut Angaben der Behörden, dimanche.", [("laut Angaben der Behörden", "de")]),
    ],
)
def test_foreign_runs_are_found_with_their_language(text, expected):
    assert spans(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Selon le think tank américain Institute for the Study of War (ISW), rien ne bouge.",
        "Il a passé le week-end à Paris avec son manager et son coach.",
        "Le but de la manœuvre était clair, et il se mit à courir hier.",
        "En son sein, la commission a voté à l'unanimité.",
        "La locomotive est exposée au musée de Halle (Saale) depuis mai.",
        "Le lazy bed (littéralement « plate-bande de paresseux ») était cultivé ici.",
        "Le film « The Lord of the Rings » a été diffusé hier soir.",
        "Son tube « Für Frauen ist das kein Problem (pour les femmes, ce n'est pas un problème) » a marché.",
        "Écrivez à contact@mairie.fr ou suivez #Municipales2026 sur les réseaux.",
    ],
)
def test_correct_french_is_left_alone(text):
    assert spans(text) == []


def test_a_higher_switch_cost_gives_fewer_fragments():
    text = "Le ministre a trouvé la solution good pour la ville."
    assert spans(text) == [("good", "en")]
    assert spans(text, switch_cost=3.0, start_cost=3.0, min_confidence=0.5) == []


# -- MTQ101 ---------------------------------------------------------------------------------------
def test_mtq101_reports_the_contract_example():
    text = "Titre\n\nAt a rencontre en Corée du Nord, Vladimir Poutine et Kim Jong Un ont réactivé leur partenariat.\n"
    [issue] = issues_of(text, "MTQ101")
    assert issue.text == "At a" and issue.name == "untranslated-fragment" and issue.category == "untranslated"
    assert issue.suggestions[0] == "Lors d'une"
    assert issue.data["language"] == "en" and 0.8 <= issue.confidence <= 1.0
    assert "English fragment 'At a' left in French text" == issue.message
    assert (issue.line, issue.column) == (3, 1)


def test_mtq101_offsets_survive_typographic_apostrophes_and_emoji():
    text = "🙂 L’équipe a gagné 3 matchs, and the coach was very happy about it, d’après le club."
    [issue] = issues_of(text, "MTQ101")
    assert issue.text == "and the coach was very happy about it"


def test_mtq101_and_mtq102_never_report_the_same_words():
    text = (
        "Le conseil municipal s'est réuni mardi. The ministry did not respond to several requests for comment on Monday. "
        "Le maire a ensuite présenté le budget."
    )
    report = check(text, "fr", ["MTQ101", "MTQ102"])
    rules = [i.rule for i in report.issues]
    assert rules == ["MTQ102"]
    # selected alone, MTQ101 reports the sentence itself
    # ("comment" and "on" are French words too: the span ends where the English evidence does)
    assert [i.text for i in issues_of(text, "MTQ101")] == ["The ministry did not respond to several requests for"]


def test_mtq101_min_confidence_from_the_run_and_from_language_settings():
    text = "Le ministre a trouvé la solution good pour la ville."
    [issue] = issues_of(text, "MTQ101")
    assert issue.severity.value == "info"  # the rule's default, from its precision on real MT
    assert not issues_of(text, "MTQ101", min_confidence=0.99)
    assert not issues_of(text, "MTQ101", languages={"fr": {"min_confidence": 0.99}})
    assert issues_of(text, "MTQ101", min_confidence=0.99, rules={"MTQ101": {"min_confidence": 0.5}})


def test_mtq101_language_settings_extend_the_loanwords_and_pick_the_languages():
    text = "Les élus ont tenu un meeting de crise with the stakeholders hier."
    assert [i.text for i in issues_of(text, "MTQ101")] == ["with the stakeholders"]
    assert not issues_of(text, "MTQ101", languages={"fr": {"loanwords": ["with the stakeholders"]}})
    assert not issues_of(text, "MTQ101", languages={"fr": {"foreign_languages": ["de"]}})
    de = "La réforme hat beschlossen, die Steuern zu erhöhen, selon la presse."
    assert issues_of(de, "MTQ101", rules={"MTQ101": {"languages": ["de"]}})


def test_mtq101_rejects_a_language_without_word_frequencies():
    with pytest.raises(ConfigError):
        issues_of("Le ministre a however refusé.", "MTQ101", rules={"MTQ101": {"languages": ["xx"]}})


def test_user_pack_extends_the_loanword_allowlist(tmp_path: Path):
    (tmp_path / "fr").mkdir()
    (tmp_path / "fr" / "loanwords.txt").write_text("# house style\nstakeholders\n", encoding="utf-8")
    text = "Les élus ont rencontré les stakeholders hier."
    assert issues_of(text, "MTQ101")
    assert not issues_of(text, "MTQ101", packs=[str(tmp_path)])
    assert issues_of(text, "MTQ101")  # the extra pack is gone again


def test_mtq101_is_silent_on_the_corrected_sample_article():
    text = (
        "Lors d'une rencontre en Corée du Nord, Vladimir Poutine et Kim Jong Un sont supposés réactiver leur "
        "partenariat. Selon le think tank américain Institute for the Study of War (ISW), il n'y a aucun signal. "
        "Pat Ryder, porte-parole du Pentagone, a déclaré que le déploiement devait être « surveillé étroitement ». "
        "Coca-Cola Europacific Partners (CCEP) ferme des sites à Neumünster et à Berlin-Hohenschönhausen ce week-end."
    )
    assert issues_of(text, "MTQ101") == []


# -- MTQ103 / MTQ104 ------------------------------------------------------------------------------
def _source_report(select: list[str], **cfg):
    return check_paths([str(FIX / "target.fr.txt")], Config(lang="fr", select=select, **cfg), source=str(FIX / "source.de.txt"))


def test_mtq103_reports_copy_through_but_not_names():
    report = _source_report(["MTQ103"])
    [issue] = report.issues
    assert issue.text == "Die Regierung hat die Steuern erhöht." and issue.line == 2
    assert issue.confidence == 1.0 and "identical to its source" in issue.message
    assert issue.data["language"] == "de"  # detected from the source text


def test_mtq103_near_identical_and_declared_source_language():
    from mtqa.model import Document, Segment

    text = "Die Regierung hat die Steuer erhöht!"
    doc = Document(text, paragraphs=[Segment(0, 0, len(text), source="Die Regierung hat die Steuern erhöht.")], source_language="de")
    from mtqa.pipeline import Pipeline

    report = Pipeline(Config(lang="fr", select=["MTQ103"])).run([doc])
    [issue] = report.issues
    assert "nearly identical" in issue.message and 0.9 <= issue.confidence < 1.0


def test_mtq104_reports_copied_words_and_each_rule_reports_its_own_span():
    report = _source_report(["MTQ1"])
    got = sorted((i.rule, i.text) for i in report.issues)
    assert got == [("MTQ103", "Die Regierung hat die Steuern erhöht."), ("MTQ104", "butterzart")]
    [copied] = [i for i in report.issues if i.rule == "MTQ104"]
    assert copied.data["language"] == "de" and copied.severity.value == "warning"


def test_source_rules_do_not_run_without_a_source():
    assert not issues_of((FIX / "target.fr.txt").read_text(encoding="utf-8"), "MTQ104")
    assert not issues_of((FIX / "target.fr.txt").read_text(encoding="utf-8"), "MTQ103")


def test_cli_check_with_source_and_min_confidence(tmp_path: Path):
    runner = CliRunner()
    args = ["check", str(FIX / "target.fr.txt"), "--source", str(FIX / "source.de.txt"), "--lang", "fr", "--select", "MTQ1", "--format", "json"]
    r = runner.invoke(app, args)
    assert r.exit_code == 1, r.output
    data = json.loads(r.stdout)
    assert {i["rule"] for i in data["documents"][0]["issues"]} == {"MTQ103", "MTQ104"}
    r = runner.invoke(app, [*args, "--min-confidence", "0.999"])
    data = json.loads(r.stdout)
    assert {i["rule"] for i in data["documents"][0]["issues"]} == {"MTQ103"}


def test_language_settings_are_validated():
    text = "Les élus ont rencontré les stakeholders hier."
    with pytest.raises(ConfigError, match="loanwords must be a list of strings"):
        issues_of(text, "MTQ101", languages={"fr": {"loanwords": 3}})
    # a single string is a list of one
    assert not issues_of(text, "MTQ101", languages={"fr": {"loanwords": "stakeholders"}})
    assert issues_of("La réforme hat beschlossen, die Steuern zu erhöhen.", "MTQ101", rules={"MTQ101": {"languages": "de"}})


def test_headline_style_english_is_judged_but_lists_of_names_are_not():
    assert spans("Installed Biometrics and Got Excellent Service.")
    assert spans("Les sites sont à Cologne, Neumünster, Berlin-Hohenschönhausen, Bielefeld et Memmingen.") == []
    assert spans("Vladimir Poutine et Kim Jong Un.") == []


def test_abbreviations_followed_by_a_period_are_neutral():
    assert "env" in neutral("Il a payé env. 30 euros pour le billet.")
    assert "incl" in neutral("Le forfait incl. les frais de port.")
    assert "however" not in neutral("Il dit however. Puis rien.")


def test_language_settings_and_rule_options_from_a_config_file(tmp_path: Path):
    article = tmp_path / "article.txt"
    article.write_text("Les élus ont rencontré les stakeholders hier soir.\n", encoding="utf-8")
    runner = CliRunner()
    r = runner.invoke(app, ["check", str(article), "--lang", "fr", "--select", "MTQ101", "--format", "json"])
    assert [i["text"] for i in json.loads(r.stdout)["documents"][0]["issues"]] == ["stakeholders"]
    (tmp_path / "mtqa.toml").write_text(
        '[languages.fr]\nloanwords = ["stakeholders"]\n\n[rules.MTQ101]\nswitch_cost = 1.5\n', encoding="utf-8"
    )
    r = runner.invoke(app, ["check", str(article), "--lang", "fr", "--select", "MTQ101", "--format", "json"])
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["documents"][0]["issues"] == []
