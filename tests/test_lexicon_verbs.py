"""The lexicon's table of finite verb forms (mtqa.lexicon.verbs): the analyses of a form and the
form of a lemma for a mood, tense, person and number, which MTQ206 suggests."""

from __future__ import annotations

from mtqa import lexicon


def test_analyses_of_a_finite_form():
    table = lexicon.verbs("fr")
    found = {(a.lemma, a.mood, a.tense, a.person, a.number) for a in table.analyses("mange")}
    assert ("manger", "ind", "pre", "3", "s") in found
    assert ("manger", "sub", "pre", "3", "s") in found
    assert ("manger", "ind", "pre", "3", "p") not in found
    assert {a.number for a in table.analyses("finirent")} == {"p"}
    assert table.analyses("maison") == ()
    assert "Sont" in table and "maisons" not in table


def test_the_form_of_a_lemma():
    table = lexicon.verbs("fr")
    assert table.form("manger", "ind", "pre", "3", "p") == "mangent"
    assert table.form("être", "ind", "imp", "3", "p") == "étaient"
    assert table.form("avoir", "cnd", "pre", "3", "s") == "aurait"
    assert table.form("pouvoir", "sub", "pre", "3", "p") == "puissent"
    assert table.form("manger", "ind", "pre", "7", "s") is None
    assert table.form("mangeailler", "ind", "pre", "3", "s") is None


def test_conjugate_keeps_the_capital_of_the_word_replaced():
    assert lexicon.verbs("fr").conjugate("Ont", "avoir", "ind", "pre", "3", "s") == "A"


def test_no_third_person_plural_without_its_ending():
    # the source lists "dit" as a future plural; every third-person plural ends in -nt
    table = lexicon.verbs("fr")
    assert {a.number for a in table.analyses("dit") if a.person == "3"} == {"s"}
