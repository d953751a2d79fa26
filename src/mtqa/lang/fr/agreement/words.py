"""Word-class tests the French agreement analysis shares: capitalisation, what the lexicon says
a word can be (noun, adjective only, mostly adjective), the words allowed between a noun and
the words that agree with it, and the (gender, number) pairs of a noun form.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .... import lexicon
from ....lexicon import Lexicon
from .common import PackData, lex, pack

if TYPE_CHECKING:
    from spacy.tokens import Token


BETWEEN_PRE = {"ADJ", "ADV", "NUM", "CCONJ"}


BETWEEN_POST = {"ADJ", "ADV", "CCONJ", "PUNCT"}


def capitalised(n: Token) -> bool:
    """Written with a capital other than the one opening a sentence ("Situation inhabituelle à
    Roland-Garros" is a plain noun; "la Commission", "Le Monde" are not)."""
    t = n.text
    return t != t.lower() and not (n.is_sent_start and t[1:] == t[1:].lower())


def plain(tok: Token) -> bool:
    """Lower case, or capitalised only as the first word of a sentence."""
    t = tok.text
    return t == t.lower() or (tok.is_sent_start and t[1:] == t[1:].lower())


def between_ok(doc: Any, a: int, b: int, allowed: set[str]) -> bool:
    return all(doc[i].pos_ in allowed and (doc[i].pos_ != "PUNCT" or doc[i].text == ",") for i in range(a + 1, b))


def nominal(t: Token) -> bool:
    """Tagged a noun or pronoun, or known to the lexicon as a noun (the tagger errs near errors)."""
    return t.pos_ in ("NOUN", "PROPN", "PRON") or (t.is_alpha and bool(lex(t.lang_).analyses(t.text, "N")))


def mostly_adjective(tok: Token, lx: Lexicon, ratio: float = 5) -> bool:
    """An adjective (or participle) form, or a noun form ``ratio`` times rarer than its adjective
    reading ("commerciaux"), and never a verb."""
    found = lx.analyses(tok.text)
    if not (tok.is_alpha and tok.text.islower() and found) or any(a.cat not in "APN" for a in found):
        return False
    adj = sum(a.freq for a in found if a.cat in "AP")
    return adj > 0 and adj >= ratio * sum(a.freq for a in found if a.cat == "N")


def mostly_noun(tok: Token, lx: Lexicon, ratio: float = 10) -> bool:
    """A word the lexicon knows above all as a noun (``ratio`` times as often as anything else):
    the noun, whatever the tagger made of it ("ces chaussures", "quelle robe")."""
    found = lx.analyses(tok.text)
    noun = sum(a.freq for a in found if a.cat == "N")
    return noun > 0 and noun >= ratio * sum(a.freq for a in found if a.cat != "N")


def ends_phrase(a: Token) -> bool:
    """Adjective ``a`` may begin another phrase or a series rather than end the noun phrase
    before it ("grand de taille", "petit et grand", "rouge-gorge")."""
    sent = a.doc
    data = pack(a.lang_)
    after = sent[a.i + 1] if a.i + 1 < len(sent) else None
    return after is not None and (
        after.text.lower() in data.de_forms or after.text.lower() in data.series_conjunctions or after.text in "-‐"
    )


def adjective_only(tok: Token, lx: Lexicon, strict: bool = False) -> bool:
    """Only an adjective (or participle), or (unless ``strict``) an adjective that is also a
    noun and tagged ADJ ("la premier séjour")."""
    cats = {a.cat for a in lx.analyses(tok.text)}
    if not (tok.is_alpha and tok.text.islower() and "A" in cats):
        return False
    return cats <= {"A", "P"} or (not strict and cats <= {"A", "P", "N"} and tok.pos_ == "ADJ")


def expand_pair(gender: str, number: str) -> set[tuple[str, str]]:
    return {(g, n) for g in ((gender,) if gender else ("m", "f")) for n in ((number,) if number else ("s", "p"))}


def noun_features(lx: Lexicon, word: str, data: PackData) -> set[tuple[str, str]] | None:
    """(gender, number) pairs of a noun form, from its frequent readings only ("fin" is a
    feminine noun; its rare masculine reading would hide "le fin"), with the pack's gender for
    nouns the lexicon leaves blank (as :func:`noun_target` does)."""
    found = lx.analyses(word, "N")
    if not found:
        return None
    top = max(a.freq for a in found)
    out: set[tuple[str, str]] = set()
    for a in found:
        if a.freq >= 0.1 * top:
            gender = a.gender or data.noun_genders.get(lexicon.normalize(a.lemma), "")
            out |= expand_pair(gender, a.number)
    return out


def unlisted_agreed(word: str, data: PackData, lx: Lexicon) -> str | None:
    """The masculine singular participle that ``word`` is an agreed form of, for a form the
    lexicon lacks ("fallus", "dormies": "fallu", "dormi") of a verb of ``avoir_never_agree``."""
    found = unlisted_participle(word, data, lx)
    if found is None:
        return None
    base = found[0]
    return base if any(lexicon.normalize(a.lemma) in data.avoir_never_agree for a in lx.analyses(base, "P")) else None


_ENDING_FEATURES = {"es": ("f", "p"), "s": ("m", "p"), "e": ("f", "s")}


def unlisted_participle(word: str, data: PackData, lx: Lexicon) -> tuple[str, tuple[str, str]] | None:
    """``(masculine singular, (gender, number))`` for an agreed form of a participle that the
    lexicon lacks while it lists the masculine singular ("voyagés": "voyagé", masculine plural):
    the lexicon lists the agreed forms a corpus writes, so the missing ones are mostly those of
    verbs that seldom take a direct object."""
    if lx.analyses(word) or not word.isalpha():
        return None
    key = lexicon.normalize(word)
    for ending in data.inflection_endings:
        feats = _ENDING_FEATURES.get(ending)
        base = key[: -len(ending)] if key.endswith(ending) else ""
        if feats and len(base) > 2 and any(a.gender in ("m", "") and a.number in ("s", "") for a in lx.analyses(base, "P")):
            return base, feats
    return None
