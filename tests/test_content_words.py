"""The content-word analysis the omission rule reads (mtqa.analysis.content_words)."""

from mtqa.analysis import content_words as cw


def _how(src: str, target: str) -> dict[str, str]:
    return {r.word.text: r.how for r in cw.renderings(src, target)}


def test_translations_found_by_lemma():
    how = _how("Der Bäcker verkauft frisches Brot auf dem Markt.", "Le boulanger vend du pain frais au marché.")
    assert how["verkauft"] == "translation"
    assert how["Markt"] == "translation"


def test_unrendered_word():
    how = _how("Die Lehrer freuen sich über moderne Computer.", "Les enseignants sont contents.")
    assert how["Computer"] == ""


def test_names_and_frequent_words_are_no_content_words():
    words = [w.text for w in cw.source_words("Angela Merkel ist heute sehr gut nach Paris gereist.")]
    assert "Merkel" not in words and "Paris" not in words
    assert "sehr" not in words and "gut" not in words


def test_hyphenated_parts_each_on_its_own():
    words = [(w.text, w.start, w.end) for w in cw.source_words("Die Handball-Frauen gewinnen.")]
    src = "Die Handball-Frauen gewinnen."
    assert all(src[a:b] == t for t, a, b in words)
    assert "Handball" in [t for t, _, _ in words]


def test_cognates_and_kept_words():
    t = cw.Target("Les migrants ont corrigé la fréquence du centre avec Mauss.")
    assert t.has_stem("Migranten")
    assert t.has_stem("Frequenzen")
    assert t.has_stem("Center")
    assert t.has_stem("Mauss")
    assert not t.has_stem("Kissen")


def test_stem_anchors_of_a_clause():
    t = cw.Target("un décalage qui corrige la fréquence mesurée")
    assert cw.stem_anchors("die die gemessene Frequenz nach oben korrigiert", t) == ["Frequenz", "korrigiert"]
    assert cw.stem_anchors("und die Lehrer freuen sich", t) == []


def test_compound_parts_reported():
    rs = cw.renderings("Die Dorfschule bleibt geöffnet.", "L'école reste ouverte.")
    r = next(x for x in rs if x.word.text == "Dorfschule")
    assert r.rendered and r.parts_unrendered == ("Dorf",)
    rs = cw.renderings("Die Dorfschule bleibt geöffnet.", "L'école du village reste ouverte.")
    assert next(x for x in rs if x.word.text == "Dorfschule").parts_unrendered == ()


def test_a_possessive_determiner_is_no_verb():
    from mtqa.analysis.content_words import source_words

    assert "meinen" not in [w.text for w in source_words("Ich danke meinen lieben Eltern für alles.")]
    assert "meinen" in [w.text for w in source_words("Die Fachleute meinen, dass es bald regnet.")]
    assert "meinen" in [w.text for w in source_words("Was meinen Sie dazu?")]


def test_dropped_roles_before_a_kept_name():
    from mtqa.analysis.content_words import dropped_roles

    src = "Nach dem Spiel lobte Bundestrainer Jonas Mertens die Abwehr."
    found = dropped_roles(src, "Après le match, Jonas Mertens a salué la défense.")
    assert [(d.word.text, d.name) for d in found] == [("Bundestrainer", "Jonas Mertens")]
    assert dropped_roles(src, "Après le match, le sélectionneur Jonas Mertens a salué la défense.") == []
    assert dropped_roles(src, "Après le match, l'entraîneur Jonas Mertens a salué la défense.") == []
    assert dropped_roles("Die Firma Lindqvist baut ein Lager.", "Lindqvist construit un entrepôt.") == []
