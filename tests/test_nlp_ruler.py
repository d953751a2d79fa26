"""The attribute ruler without its matcher (mtqa.nlp.fast_attribute_ruler) sets exactly what
spaCy's own ruler sets, and only rulers made of one-token patterns get it."""

from mtqa import nlp

TEXTS = [
    "Le gouvernement a présenté mardi son projet de loi sur l'énergie.",
    "Les  deux équipes\tse retrouvent samedi au stade.",
    "Une phrase\n\navec des lignes vides\n et un retour.",
    "Prix : 12\u00a0€ le kilo, livraison   comprise !",
    "   ",
    "« Bonjour », dit-elle.\t",
]


def _rows(doc) -> list[tuple]:
    return [(t.i, t.text, t.tag_, t.pos_, str(t.morph), t.head.i, t.dep_, t.is_sent_start) for t in doc]


def test_the_french_ruler_gets_the_fast_call_and_sets_the_same_attributes():
    pipe = nlp.pipeline("fr")
    ruler = pipe.get_pipe("attribute_ruler")
    assert type(ruler).__name__.startswith("Fast")
    stock = type(ruler).__mro__[1].__call__
    with pipe.select_pipes(disable=["attribute_ruler"]):
        raw = list(pipe.pipe([t.replace("’", "'") for t in TEXTS]))
    spaces = 0
    for doc in raw:
        expected = _rows(stock(ruler, doc.copy()))
        assert _rows(ruler(doc.copy())) == expected
        spaces += sum(1 for row in expected if row[3] == "SPACE")
    assert spaces >= 4  # the whitespace patterns were exercised


def test_a_ruler_with_longer_patterns_keeps_spacys_call():
    blank = nlp._import_spacy().blank("fr")  # (spaCy without its command line, as mtqa imports it)
    ruler = blank.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "le"}, {"LOWER": "chat"}]], {"TAG": "X"}, index=1)
    assert not nlp.fast_attribute_ruler(blank)
    assert not type(ruler).__name__.startswith("Fast")


def test_a_ruler_of_one_token_patterns_on_a_blank_pipeline():
    blank = nlp._import_spacy().blank("fr")  # (spaCy without its command line, as mtqa imports it)
    ruler = blank.add_pipe("attribute_ruler")
    ruler.add([[{"IS_SPACE": True}]], {"TAG": "SPACE", "MORPH": "_"})
    ruler.add([[{"IS_SPACE": True, "DEP": {"NOT_IN": [""]}}]], {"DEP": "dep"})
    stock = type(ruler).__call__
    assert nlp.fast_attribute_ruler(blank)
    doc = blank.make_doc("deux  espaces\tici")
    assert _rows(ruler(doc.copy())) == _rows(stock(ruler, doc.copy()))
    # a pattern added afterwards: spaCy's own call again, not a stale plan
    ruler.add([[{"LOWER": "ici"}, {"LOWER": "x"}]], {"TAG": "Y"})
    assert _rows(ruler(doc.copy())) == _rows(stock(ruler, doc.copy()))
