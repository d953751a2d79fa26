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


def test_1990_spellings_are_read_as_the_lexicons_forms():
    """Without its circumflex (rules/fr/spelling.yaml), a form the lexicon lacks is its
    traditional form; a short word where the mark tells words apart is not ("du" is not "dû"),
    and a form the lexicon has keeps its own analyses ("parait", of "parer")."""
    lx, vb = lexicon.load("fr"), lexicon.verbs("fr")
    assert {a.lemma for a in lx.analyses("boite", "N")} == {"boîte"}
    assert {a.lemma for a in vb.analyses("connait")} == {"connaître"}
    assert lx.analyses("du", "P") == ()
    assert "parer" in {a.lemma for a in vb.analyses("parait")}
