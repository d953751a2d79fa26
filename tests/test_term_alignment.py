"""The German-term / French-rendering alignment of MTQ330 (mtqa.analysis.terminology.alignment)."""

from dataclasses import replace

import pytest

from mtqa import lexicon
from mtqa.analysis.terminology.alignment import Entry, renderings, same_wording, source_terms
from mtqa.analysis.terminology.term_splits import cognate_of
from mtqa.readers.text import read_lines

pytestmark = pytest.mark.skipif(not lexicon.available("fr"), reason="needs the French lexicon")

LEXICON = {
    "Pumpe": Entry("Pumpe", ("pompe",)),
    "Wärmepumpe": Entry("Pumpe", ("pompe",), head=True),
    "Leuchte": Entry("Leuchte", ("luminaire", "lampe")),
    "Leuchten": Entry("Leuchte", ("luminaire", "lampe")),
}


def lookup(word):
    return LEXICON.get(word)


def doc_of(text: str, source: str):
    doc = read_lines(text + "\n", "t.txt")
    doc.source_language, doc.target_language = "de", "fr"
    doc.paragraphs = [replace(p, source=source) for p in doc.paragraphs]
    return doc


def test_source_terms_reads_a_compound_by_its_head_and_a_name_before_a_hyphen():
    terms = source_terms("Die Wärmepumpe und die Fenix-Leuchten", lookup)
    assert [(t.text, t.key, t.phrasal) for t in terms] == [("Wärmepumpe", "pumpe", True), ("Fenix-Leuchten", "leuchte", False)]
    assert terms[1].compound == "leuchte"  # the name aside, the noun itself


@pytest.mark.parametrize("text, complement", [
    ("La pompe à chaleur tourne.", ("à", "", "chaleur")),
    ("La pompe du ventilateur tourne.", ("de", "le", "ventilateur")),
    ("Les pompes des ventilateurs tournent.", ("de", "le", "ventilateur")),
    ("La pompe de la chaudière tourne.", ("de", "le", "chaudiere")),
    ("La pompe d'arrosage tourne.", ("de", "", "arrosage")),
    ("La pompe électrique tourne.", ("", "", "electriqu")),  # an adjective's key folds gender too
    ("La pompe, enfin, tourne.", None),
])
def test_the_complement_of_a_compound_rendering(text, complement):
    doc = doc_of(text, "Die Wärmepumpe läuft.")
    term = source_terms("Die Wärmepumpe läuft.", lookup)[0]
    found = renderings(doc, doc.paragraphs[0], term, lexicon.load("fr"), cognate_of)
    assert [r.complement for r in found] == [complement]
    r = found[0]
    assert doc.text[r.start : r.end].startswith(("pompe", "pompes"))


def test_wording_differs_only_in_preposition_or_article():
    lex = lexicon.load("fr")
    term = source_terms("Die Wärmepumpe", lookup)[0]
    a, b, c = (renderings(doc_of(t, "Die Wärmepumpe"), doc_of(t, "Die Wärmepumpe").paragraphs[0], term, lex, cognate_of)[0]
               for t in ("La pompe à chaleur.", "La pompe de chaleur.", "La pompe à air."))
    assert same_wording(a, b)
    assert not same_wording(a, c)  # another complement: another term


def test_a_simple_noun_takes_no_complement():
    doc = doc_of("Le luminaire blanc éclaire la table.", "Die Leuchte")
    term = source_terms("Die Leuchte", lookup)[0]
    [r] = renderings(doc, doc.paragraphs[0], term, lexicon.load("fr"), cognate_of)
    assert (r.head, r.complement, doc.text[r.start : r.end]) == ("luminaire", None, "luminaire")
