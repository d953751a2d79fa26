"""Adjectives used as adverbs after a verb ("ces billets coûtent cher", "elles chantent faux"):
the verbs that make an adverb of which adjective come from the pack (``adverbial_verbs``), and
:func:`adverbial_misagreement` finds such an adjective written in an agreeing form (MTQ205).
"""

from __future__ import annotations

import re

from .... import lexicon
from ....lexicon import Lexicon
from .common import PackData

_GAP = re.compile(r"[ \t\u00a0]+")


def verb_lemmas(word: str, lx: Lexicon) -> set[str]:
    """The lemmas a verb form may have: finite forms from the verb table, participles from the
    lexicon, and the word itself when it may be an infinitive."""
    key = lexicon.normalize(word)
    out = {lexicon.normalize(a.lemma) for a in lexicon.verbs("fr").analyses(key)}
    out |= {lexicon.normalize(a.lemma) for a in lx.analyses(key, "P")}
    if lx.is_verb(key, infinitive=True):
        out.add(key)
    return out


def adverbial_misagreement(
    words: list[re.Match[str]], i: int, text: str, data: PackData, lx: Lexicon
) -> tuple[str, str] | None:
    """(invariable form, verb) when word ``i`` is an agreeing form of an adjective that the verb
    before it (adverbs of ``adverbial_gap`` between) takes as an adverb: "coûtent chers"."""
    w = words[i].group(1)
    low = lexicon.normalize(w)
    feats = lx.features(w, "A")
    if not feats or ("m", "s") in feats:
        return None  # already the invariable form (or not an adjective)
    base = (lx.inflect(w, "m", "s", cats="A") or "").lower()
    if not base or base == low or not any(base in adjs for adjs in data.adverbial_verbs.values()):
        return None
    j = i - 1
    while j >= 0 and lexicon.normalize(words[j].group(1)) in data.adverbial_gap:
        j -= 1
    if j < 0 or not all(_GAP.fullmatch(text[words[k].end() : words[k + 1].start()]) for k in range(j, i)):
        return None
    verb = words[j].group(1)
    lemmas = {v for v in verb_lemmas(verb, lx) if base in data.adverbial_verbs.get(v, ())}
    if not lemmas:
        return None
    if _reflexive_before(words, j, text, data) and not lemmas & data.adverbial_reflexive:
        return None  # "elles se sentent fortes": an attribute of the subject
    if i + 1 < len(words) and _GAP.fullmatch(text[words[i].end() : words[i + 1].start()]):
        nxt = words[i + 1].group(1)
        noun = {(a.gender, a.number) for a in lx.analyses(nxt, "N")}
        if lexicon.normalize(nxt) not in data.function_words and any(
            (g in (gn, "") or not gn) and (n in (nn, "") or not nn) for g, n in feats for gn, nn in noun
        ):
            return None  # "elles tiennent bonne compagnie": the adjective of the next noun
    return base, verb


def _reflexive_before(words: list[re.Match[str]], j: int, text: str, data: PackData) -> bool:
    """A reflexive pronoun before verb ``j``, auxiliaries and negation between ("se sont",
    "s'est", "ne se")."""
    start = words[j - 4].end() if j >= 4 else 0
    window = text[max(start, words[j].start() - 30) : words[j].start()].lower().replace("’", "'")
    for tok in reversed(re.findall(r"\w+'|\w+", window)):
        if tok in data.reflexive:
            return True
        if tok not in data.etre and tok not in data.avoir_number and tok not in ("ne", "n'"):
            return False
    return False
