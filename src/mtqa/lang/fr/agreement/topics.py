"""The noun phrase that opens a sentence before a comma and that an object pronoun takes up
("Ces photos, je les ai prises", "Ta clé, je l'ai trouvée"): the object a participle with
"avoir" agrees with (MTQ204)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .... import lexicon
from .common import PackData
from .pronominal import pronominal_pack
from .targets import Target, noun_target

if TYPE_CHECKING:
    from spacy.tokens import Token

    from ....lexicon import Lexicon


def dislocated_topic(clitic: Token, data: PackData, lx: Lexicon) -> Target | None:
    """The noun phrase that opens the sentence before a comma and that the object pronoun
    ``clitic`` takes up ("Ces photos, je les ai prises"): a determiner, a noun and adjectives
    only, the pronoun after that comma with no other comma between."""
    sent = clitic.doc
    start = clitic.sent.start if sent.has_annotation("SENT_START") else 0
    if start > 0 and sent[start].text == ",":
        start = sent[start - 1].sent.start  # the parser often ends a sentence at the topic's comma
    commas = [k for k in range(start, clitic.i) if sent[k].text == ","]
    if len(commas) != 1 or commas[0] - start < 2 or commas[0] - start > 5:
        return None
    phrase = sent[start : commas[0]]
    det = [t.i == start and (t.pos_ == "DET" or t.text.lower() in data.determiners) for t in phrase]
    # by the tagger, or by the lexicon where the tagger misread the phrase ("Ta clé": PRON VERB)
    noun = [not d and (t.pos_ == "NOUN" or t.pos_ != "ADJ" and bool(lx.analyses(t.text, "N"))) for t, d in zip(phrase, det)]
    if not det[0] or not all(d or nn or t.pos_ == "ADJ" for t, d, nn in zip(phrase, det, noun)):
        return None
    nouns = [t for t, nn in zip(phrase, noun) if nn]
    if len(nouns) != 1 or lexicon.normalize(nouns[0].text) in pronominal_pack(clitic.lang_).adverbial_nouns:
        return None  # "la semaine dernière, je l'ai vu": a time, not the object
    between = list(sent[commas[0] + 1 : clitic.i])
    if not between or len(between) > 4 or any(t.pos_ in ("VERB", "AUX", "SCONJ") or t.text.lower() in data.relative_que for t in between):
        return None  # only the subject between the topic and "l'" ("la vérité, c'est qu'il l'a perdu")
    target = noun_target(nouns[0], data, lx, surface=nouns[0].pos_ != "NOUN")
    subjects = [t.text.lower() for t in between if t.text.lower() in data.clitic_subjects]
    if target is not None and subjects and data.subject_pronouns.get(subjects[0]) == (target.gender, target.number):
        return None  # "la police, elle l'a prévenu": the topic is the subject that the pronoun takes up
    return target
