"""The German -> French lexicon (rules/fr/de-lexicon.tsv) and its reader (analysis/bilingual)."""

from __future__ import annotations

import pytest

from mtqa import packs
from mtqa.analysis import bilingual as b


def lemma(word: str) -> str | None:
    found = b.lookup(word)
    return found.entries[0].lemma if found else None


@pytest.mark.parametrize(
    "form, expected",
    [
        ("Häuser", "Haus"),  # umlaut plural with -er
        ("Häusern", "Haus"),  # and its dative
        ("Städte", "Stadt"),  # umlaut plural with -e
        ("Mütter", "Mutter"),  # umlaut plural without ending
        ("Kinder", "Kind"),
        ("Staaten", "Staat"),  # -en plural
        ("Wochen", "Woche"),  # -n plural
        ("Autos", "Auto"),  # -s plural
        ("Jahres", "Jahr"),  # genitive -es
        ("Spielers", "Spieler"),  # genitive -s, not "Spiel"
        ("Namen", "Name"),
        ("Fahrerin", "Fahrer"),  # feminine -in
        ("Ärztinnen", "Arzt"),  # -innen with an umlaut
        ("Strasse", "Straße"),  # Swiss spelling
        ("neuen", "neu"),  # adjective endings
        ("kleines", "klein"),
        ("schöneren", "schön"),  # comparative
        ("größten", "groß"),  # superlative with an umlaut
        ("besser", "besser"),  # an entry of its own
        ("höchsten", "hoch"),  # irregular, from de-forms.tsv
        ("spielt", "spielen"),  # verb endings
        ("arbeitete", "arbeiten"),
        ("sammelt", "sammeln"),
        ("gemacht", "machen"),  # ge-...-t participle
        ("gegeben", "geben"),  # ge-...-en participle
        ("angefangen", "anfangen"),  # separable prefix + ge-
        ("anzufangen", "anfangen"),  # separable prefix + zu
        ("eingesetzt", "einsetzen"),
        ("studiert", "studieren"),
        ("verkauft", "verkaufen"),  # inseparable prefix: no ge-
        ("ging", "gehen"),  # strong verbs from de-forms.tsv
        ("genommen", "nehmen"),
        ("kann", "können"),
        ("entspricht", "entsprechen"),  # an irregular form behind an inseparable prefix
        ("abgenommen", "abnehmen"),  # ... behind a separable prefix and ge-
        ("übernommen", "übernehmen"),  # ... an inseparable participle without ge-
        ("genannten", "nennen"),  # a participle used as an adjective
        ("angegebenen", "angeben"),
        ("Firmen", "Firma"),  # -a plural in -en
        ("Zentren", "Zentrum"),  # -um plural in -en
    ],
)
def test_lemma_candidates(form: str, expected: str) -> None:
    assert lemma(form) == expected


def test_case_chooses_the_part_of_speech() -> None:
    # a capitalised word wants a noun, a lower-case word anything else
    assert b.lookup("Leben").pos == "NOUN" and "vie" in b.translations("Leben")
    assert b.lookup("leben").pos == "VERB" and "vivre" in b.translations("leben")
    assert lemma("Gründen") == "Grund"  # "aus guten Gründen", not the verb "gründen"
    assert lemma("gründen") == "gründen"
    assert lemma("Fast") == "fast"  # at the start of a sentence: a verb ending makes no noun ("Fan")
    assert lemma("Spiele") == "Spiel" and lemma("spiele") == "spielen"


def test_compound_head_and_parts() -> None:
    found = b.lookup("Wirtschaftspolitik")  # linking -s-
    assert found.head and found.entries[0].lemma == "Politik"
    assert [p.lemma for p in found.parts] == ["Wirtschaft"]
    assert "politique" in found.translations
    found = b.lookup("Fußballtrainer")
    assert found.head and "entraîneur" in found.translations and found.parts[0].lemma == "Fußball"
    found = b.lookup("Kinderzimmer")  # a plural first part
    assert found.head and found.entries[0].lemma == "Zimmer" and found.parts[0].lemma == "Kind"
    found = b.lookup("Bahnhöfe")  # a word of its own comes before a split
    assert not found.head and found.entries[0].lemma == "Bahnhof"


def small_lexicon(*rows: tuple[str, str, str]) -> b.BilingualLexicon:
    entries: dict[str, tuple[b.Entry, ...]] = {}
    for lemma_, pos, trs in rows:
        entries[b.key_de(lemma_)] = entries.get(b.key_de(lemma_), ()) + (b.Entry(lemma_, pos, tuple(trs.split("|"))),)
    return b.BilingualLexicon(entries, {})


def test_no_false_compounds() -> None:
    lex = small_lexicon(("Ende", "NOUN", "fin"), ("legen", "VERB", "poser"), ("weit", "ADJ", "loin"), ("Land", "NOUN", "pays"),
                        ("Zimmer", "NOUN", "chambre"), ("Kind", "NOUN", "enfant"), ("Werk", "NOUN", "usine"))
    assert lex.lookup("Legende") is None  # "leg" + "Ende": a three-letter first part is not completed to "legen"
    assert lex.lookup("landesweit") is None  # lower-case words are not split ("weit")
    assert lex.lookup("Kinderzimmer").parts[0].lemma == "Kind"
    assert lex.lookup("Qzxwerk") is None  # an unknown first part must be a German word
    assert lex.lookup("Erwzimmer") is None  # of four letters or more (not "erw.", an abbreviation)
    assert lex.lookup("Hotelzimmer").head and lex.lookup("Hotelzimmer").parts == ()  # "Hotel": a German word
    assert b.lookup("Merkel") is None and b.lookup("123") is None and b.lookup("") is None


def test_compound_first_parts() -> None:
    lex = small_lexicon(("fest", "ADJ", "ferme"), ("Teller", "NOUN", "assiette"), ("groß", "ADJ", "grand"), ("Stadt", "NOUN", "ville"),
                        ("Tag", "NOUN", "jour"), ("Brücke", "NOUN", "pont"), ("Banane", "NOUN", "banane"), ("Plan", "NOUN", "plan"),
                        ("schreiben", "VERB", "écrire"), ("Tisch", "NOUN", "table"))
    assert lex.lookup("Feststeller") is None  # a linking -s- after an adjective: "fests" + "Teller" is no compound
    assert [p.lemma for p in lex.lookup("Großstadt").parts] == ["groß"]  # an adjective without a link is
    assert [p.lemma for p in lex.lookup("Schreibtisch").parts] == ["schreiben"]  # a verb stem
    assert [p.lemma for p in lex.lookup("Brückentag").parts] == ["Brücke"]
    assert lex.lookup("Bananenplantagen") is None  # a three-letter head needs a first part of its own


def test_translations_are_lemmas_in_order() -> None:
    trs = b.translations("Trainer")
    assert trs[:3] == ("entraîneur", "coach", "sélectionneur")
    assert "oreiller" in b.translations("Kissen") and "coussin" in b.translations("Kissen")
    assert b.translations("Schnurzelpurz") == ()


def test_french_side_lemmas_and_phrases() -> None:
    fr = b.French("Les pommes de terre sont arrivées hier dans les cuisines de l'hôtel.")
    assert fr.has("pomme de terre")  # multi-word, plural first word
    assert fr.has("arriver")  # a participle, through the French lexicon
    assert fr.has("cuisine") and fr.has("hôtel")  # plural; elision
    assert fr.has("HOTEL") and fr.has("Hôtel")  # case and accents folded
    assert not fr.has("maison") and not fr.has("terre de pomme")
    assert fr.find(("maison", "hier", "arriver")) == ("hier", "arriver")
    fr = b.French("Il a fait très attention aux enfants et il vient demain.")
    assert fr.has("faire attention")  # one word between the two
    assert fr.has("venir")  # a finite verb form, through the verb table
    assert fr.has("enfant")
    assert not b.French("Il fait beau, mais nous sommes restés à la maison sans attention.").has("faire attention")


def test_french_side_elision_reflexives_and_plurals() -> None:
    fr = b.French("Nous nous trouvons devant l'entrée; elle s'est arrêtée.")
    assert fr.has("se trouver")  # the reflexive pronoun of a translation is optional
    assert fr.has("s'arrêter") and fr.has("arrêter")
    assert fr.has("à l'entrée") is False and fr.has("devant")
    assert b.French("Il vient de l'est.").has("de l'est")  # "l'" stands for le/la
    assert b.French("Une indication claire.").has("indications")  # a plural translation
    assert not b.French("Il est parti.").has("à l'est")


def test_french_side_with_a_spacy_doc() -> None:
    from mtqa import nlp

    doc = nlp.pipeline("fr", frozenset({"lemma"}))("Les chevaux couraient vers le pré.")
    fr = b.French(doc)
    assert fr.has("cheval") and fr.has("courir") and fr.has("pré")
    assert b.found(["cheval", "vache"], doc) == ("cheval",)
    assert b.French(["les", "chevaux", "courir"]).has("cheval")  # a list of words or lemmas


def test_a_user_pack_adds_entries(tmp_path) -> None:
    d = tmp_path / "fr"
    d.mkdir()
    (d / "de-lexicon.tsv").write_text("# a house pack\nTrainer\tNOUN\tformateur\nSchnurzelpurz\tNOUN\tbidule\n", encoding="utf-8")
    try:
        packs.set_extra_dirs([tmp_path])
        assert "formateur" in b.translations("Trainer") and "entraîneur" in b.translations("Trainer")
        assert b.translations("Schnurzelpurz") == ("bidule",)
    finally:
        packs.set_extra_dirs([])
    assert b.translations("Schnurzelpurz") == ()


def test_a_malformed_line_is_an_error(tmp_path) -> None:
    d = tmp_path / "fr"
    d.mkdir()
    (d / "de-lexicon.tsv").write_text("Haus\tNOMEN\tmaison\n", encoding="utf-8")
    try:
        packs.set_extra_dirs([tmp_path])
        with pytest.raises(ValueError, match="de-lexicon.tsv:1"):
            b.lexicon("fr")
    finally:
        packs.set_extra_dirs([])


def test_the_shipped_lexicon() -> None:
    lex = b.lexicon("fr")
    assert len(lex) >= 1500
    for entries in lex.entries.values():
        for e in entries:
            assert e.pos in b.POS and e.translations, e
            assert all(t == t.strip() and t for t in e.translations), e
