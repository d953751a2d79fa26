"""Segment-level language identification (mtqa.analysis.langid) as the untranslated rules use it."""

from __future__ import annotations

from mtqa.analysis import langid
from mtqa.model import Document


def test_zipf_fast_path_agrees_with_wordfreq():
    from wordfreq import zipf_frequency

    for word in ("rencontre", "straße", "the", "été", "aujourd'hui", "week-end", "l'homme"):
        for lang in ("fr", "en", "de"):
            assert langid.zipf(word, lang) == zipf_frequency(word, lang)
    assert langid.zipf("l’homme", "fr") == langid.zipf("l'homme", "fr") > 5
    assert langid.zipf("maison", "xx") == 0.0  # no list for the language: no evidence, no error


def test_words_agree_only_when_the_words_plainly_belong_to_the_language():
    assert langid.words_agree("Le conseil municipal a voté le budget de la ville mardi soir.", "fr")
    assert not langid.words_agree("Le rapport indique que the government has decided to raise taxes.", "fr")
    assert not langid.words_agree("The ministry did not respond to requests.", "fr")
    assert not langid.words_agree("Trop court.", "fr")  # too few words to tell


def test_an_english_sentence_inside_a_french_paragraph_is_still_identified():
    text = (
        "Le conseil municipal s'est réuni mardi soir pour voter le budget annuel de la ville. "
        "The ministry did not respond to several requests for comment on Monday. "
        "Le maire a ensuite présenté les grandes lignes du projet aux habitants du quartier."
    )
    doc = Document(text)
    langid.annotate(doc)
    assert [s.language for s in doc.sentences] == ["fr", "en", "fr"]
    assert doc.paragraphs[0].language == "fr"
    assert all(0.0 < s.confidence <= 1.0 for s in doc.sentences)


def test_short_segments_inherit_the_nearest_judged_neighbour():
    text = "Oui.\n\nLe conseil municipal a voté le budget de la ville mardi soir après un long débat.\n\nNon.\n\nMerci."
    doc = Document(text)
    langid.annotate(doc)
    assert [p.language for p in doc.paragraphs] == ["fr"] * 4
    judged = doc.paragraphs[1].confidence
    assert doc.paragraphs[0].confidence == doc.paragraphs[3].confidence == round(judged * 0.5, 3)
