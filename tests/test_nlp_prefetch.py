"""Parses made ahead for several documents (nlp.prefetch, Context.prefetch) change nothing a
rule sees: each rule gets only the paragraphs it asks for, parsed as they are without it."""

from mtqa import nlp
from mtqa.config import Config
from mtqa.model import Document
from mtqa.pipeline import Pipeline

TEXT_A = "Le chat dort sur le canapé.\n\nLa pluie tombe depuis ce matin sur toute la ville."
TEXT_B = "Les enfants jouent dans la cour.\n\nIl fait beau."


def _doc(text: str) -> Document:
    doc = Document(text, "t.txt", fmt="txt")
    doc.target_language = "fr"
    return doc


def _signature(parsed) -> list[tuple]:
    return [(t.idx, t.text, t.tag_, t.pos_, str(t.morph), t.head.i, t.dep_) for t in parsed]


def test_a_prefetched_parse_waits_until_a_rule_asks_for_it():
    a, b = _doc(TEXT_A), _doc(TEXT_B)
    nlp.prefetch([(a, [0, 1]), (b, [1])], "fr")
    got = nlp.parse(a, "fr", only=[1])
    assert got[0] is None  # made ahead, but nobody asked for it
    assert _signature(got[1]) == _signature(nlp.parse(_doc(TEXT_A), "fr", only=[1])[1])
    assert nlp.parse(b, "fr", only=[1])[0] is None


def test_a_prefetched_parse_goes_to_the_shared_parses_once_asked_for():
    class Shared(dict):
        def put(self, key, value):
            self[key] = value

    shared = Shared()
    old, nlp.shared_parses = nlp.shared_parses, shared
    try:
        doc = _doc(TEXT_B)
        nlp.prefetch([(doc, [0])], "fr")
        assert not shared
        nlp.parse(doc, "fr", only=[0])
        assert [k[1] for k in shared] == ["Les enfants jouent dans la cour."]
    finally:
        nlp.shared_parses = old


def test_a_run_of_several_documents_finds_what_each_alone_finds():
    texts = ["Une nouvelle ordre mondial s'installe.\n\nLes ministre ont parlé.", "Le petite maison est belle.", TEXT_A]
    together = Pipeline(Config(lang="fr")).run([Document(t, f"d{i}.txt", fmt="txt") for i, t in enumerate(texts)])
    assert together.documents
    for i, t in enumerate(texts):
        alone = Pipeline(Config(lang="fr")).run([Document(t, f"d{i}.txt", fmt="txt")])
        key = lambda r: [(x.rule, x.start, x.end, x.message) for x in r.documents[0].issues]  # noqa: E731
        assert key(alone) == [(x.rule, x.start, x.end, x.message) for x in together.documents[i].issues]
