"""What a word must agree with: :class:`Target` (a gender and a number, either of which may be
unknown), and a common noun's own gender and number, from the lexicon, the pack and its
determiner (:func:`noun_target`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .... import lexicon
from ....lexicon import Lexicon
from .common import GENDER_NAME, NUMBER_NAME, PackData, lex, vowel_sound
from .guards import in_locution
from .words import capitalised

if TYPE_CHECKING:
    from spacy.tokens import Token


MIN_FREQ = 0.05  # per million words, in the lexicon


@dataclass
class Target:
    """The gender and number a word must agree with (None: unknown, anything goes)."""

    gender: str | None
    number: str | None
    label: str  # the noun or pronoun, for messages

    def describe(self) -> str:
        return " ".join(x for x in (GENDER_NAME.get(self.gender or ""), NUMBER_NAME.get(self.number or "")) if x)

    def accepts(self, feats: set[tuple[str, str]]) -> bool:
        return any((self.gender is None or g == self.gender) and (self.number is None or n == self.number) for g, n in feats)


def noun_target(n: Token, data: PackData, lx: Lexicon, surface: bool = False) -> Target | None:
    """A common noun's own gender (lexicon) and number (lexicon, else its determiner).
    ``surface``: the tagger did not see a noun but the lexicon knows only a noun."""
    if in_locution(n):
        return None  # "une fois de plus", "en grande partie": no head of anything
    named = named_det(n, data, lx) if capitalised(n) else None  # "la Commission", "l'Empire"
    if (n.pos_ != "NOUN" and not surface and named is None) or any(c.isdigit() for c in n.text):
        return None
    if capitalised(n) and named is None:
        return None
    sent = n.doc
    if (n.i > 0 and sent[n.i - 1].text in "-‐") or (n.i + 1 < len(sent) and sent[n.i + 1].text[:1] in "-‐"):
        return None  # part of a compound the tokenizer split ("hit-parades", "à la mi -juin")
    if n.i + 1 < len(sent) and lx.analyses(n.text, "A"):
        nxt = sent[n.i + 1]
        after = sent[n.i + 2 : n.i + 4]
        if (
            nxt.pos_ == "NOUN"
            or (nxt.is_alpha and lx.analyses(nxt.text, "N") and not lx.analyses(nxt.text, "AP"))
            or (
                nxt.pos_ == "CCONJ"
                and len(after) == 2
                and (lx.analyses(after[0].text, "A") or (after[0].pos_ == "DET" and lx.analyses(after[1].text, "A")))
            )
        ):
            return None  # an adjective tagged as a noun ("la pire chaîne", "une double ou triple dose")
    key = lexicon.normalize(n.text)
    found = lx.noun(n.text)
    if found is None or key in data.skip_nouns or (key in data.interjections and not any(c.dep_ == "det" for c in n.children)):
        return None
    if max(a.freq for a in lx.analyses(n.text, "N")) < MIN_FREQ:
        return None  # rare words and loanwords: their recorded gender is not reliable
    lemmas = {lexicon.normalize(a.lemma) for a in lx.analyses(n.text, "N")}
    if lemmas & data.skip_nouns:
        return None
    gender, number = found
    if gender is None and len({a.gender for a in lx.analyses(n.text, "N")}) == 1:
        gender = data.noun_genders.get(key) or next((data.noun_genders[x] for x in lemmas if x in data.noun_genders), None)
    if key in data.epicene or lemmas & data.epicene:
        gender = None
    if key in data.number_only or key in data.both_gender_loans:
        gender = None  # "la team" and "le team": a loanword whose gender French usage has not settled
    if key in data.foreign_plurals:
        number = None  # "des spaghetti", "les lieder": a loanword written in its own plural
    if named is not None and named.text.lower() != data.elided_article:
        # a name takes its determiner's gender and number ("le Rafale", "ses Macintosh");
        # after "l'", the common noun's ("l'Empire ottoman")
        gender = None
        number = _determiner_feature(n, data, 1) or number
    if gender is None:
        # a noun of both genders takes the one its determiner shows: "un professeur américain",
        # "la tour penchée" (but "son amie": a masculine possessive before a vowel)
        gender = _determiner_feature(n, data, 0)
    if number is None:
        for c in n.children:
            if c.dep_ == "det" and c.i < n.i and c.text.lower() in data.determiners:
                number = data.determiners[c.text.lower()][1] or None
    if gender is None and number is None:
        return None
    return Target(gender, number, n.text)


def named_det(n: Token, data: PackData, lx: Lexicon) -> Token | None:
    """A capitalised common noun naming an institution or an event after a lower-case
    determiner ("la Commission européenne", "le Conseil fédéral", "la Révolution française"):
    it agrees as the common noun does."""
    t = n.text
    if not (n.is_alpha and len(t) > 1 and t[0].isupper() and t[1:].islower()) or n.is_sent_start or n.i == 0:
        return None
    j = n.i - 1
    while j > 0 and n.doc[j].text.islower() and n.doc[j].is_alpha and lx.analyses(n.doc[j].text, "A"):
        j -= 1  # "la future Banque centrale"
    det = n.doc[j]
    key = det.text.lower()
    if key not in data.determiners and key != data.elided_article:
        return None
    # a capitalised determiner inside a sentence opens a title ("dans La Guerre sociale")
    if not (det.text.islower() or det.is_sent_start) or n.pos_ not in ("NOUN", "PROPN"):
        return None
    return det


def _determiner_feature(n: Token, data: PackData, which: int) -> str | None:
    """The gender (``which`` 0) or number (1) the determiner of noun ``n`` marks, if it marks one."""
    j = n.i - 1
    while j > 0 and n.doc[j].pos_ == "ADJ" and n.doc[j].text.islower():
        j -= 1  # "un grand professeur"
    if j < 0:
        return None
    det = n.doc[j]
    name = capitalised(n)
    if name:
        det = named_det(n, data, lex(n.lang_))  # "la future Banque": the parse may not link them
        if det is None:
            return None
    key = det.text.lower()
    if key not in data.determiners or det.text not in (key, key.capitalize()):
        return None
    if det.head.i != n.i and key not in data.contractions.values() and not name:
        return None  # attached elsewhere by the parse ("du", "au" are often tagged prepositions)
    value = data.determiners[key][which]
    if not value:
        return None
    fam = next((f for f in data.determiner_forms.values() if key in f.values()), {})
    if which == 0 and fam.get("vowel_fs") == key and vowel_sound(n.text, n.lang_) is not False:
        return None
    return value
