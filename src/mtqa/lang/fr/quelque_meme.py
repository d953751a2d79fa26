"""The French lookalikes "quelque(s)" (determiner, adverb "about", concessive "quelque ...
que") and "même(s)" (adjective, pronoun, adverb "even"), read on surface tokens as the other
finders of :mod:`.lookalikes` (MTQ208).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .agreement.common import lex, match_case, pack
from .lookalikes import Finding, LookalikeData, Token, _plain_case, data


def _mostly_adjective(word: str, lang: str) -> bool:
    """An adjective more often than a noun ("puissants", "riches"; not "amis")."""
    found = lex(lang).analyses(word, "AN")
    adj = sum(a.freq for a in found if a.cat == "A")
    return adj > 0 and adj >= sum(a.freq for a in found if a.cat == "N")


# -- "quelque(s)" as determiner and adverb -----------------------------------------------------
def quelque_findings(toks: list[Token], lang: str) -> Iterator[Finding]:
    d = data(lang)
    lx = lex(lang)
    for i, t in enumerate(toks[:-1]):
        if t.low not in (d.quelque_adverb, d.quelque_plural) or not _plain_case(t.text):
            continue
        nxt = toks[i + 1]
        if not nxt.glued:
            continue
        if t.low == d.quelque_plural:
            if nxt.text[0].isdigit():
                value = int(re.sub(r"\D", "", nxt.text) or 0)
                if value >= 10:
                    fixed = match_case(t.text, d.quelque_adverb)
                    yield Finding(t.start, t.end, f"'quelque' before a number means 'about' and is invariable: '{fixed} {nxt.text}'", (fixed,))
            elif (i + 2 < len(toks) and toks[i + 2].glued and toks[i + 2].low in d.quelque_concessive
                  and nxt.text.islower() and _mostly_adjective(nxt.low, lang)
                  and not (i > 0 and t.glued and toks[i - 1].low in pack(lang).determiners)):
                # (after a determiner it is the determiner "quelques": "les quelques actifs qu'il a")
                fixed = match_case(t.text, d.quelque_adverb)
                yield Finding(t.start, t.end, f"'quelque' before an adjective and 'que' is an adverb, invariable: '{fixed} {nxt.text}'", (fixed,))
            elif nxt.low in d.quelque_fixed_singular:
                fixed = match_case(t.text, d.quelque_adverb)
                yield Finding(t.start, t.end, f"'{fixed} {nxt.text}' is written in the singular", (fixed,))
        elif nxt.text.islower() and nxt.low not in d.quelque_fixed_singular:
            nouns = lx.analyses(nxt.low, "N")
            # a plural noun ("quelque sièges"); a verb reading does not matter after "quelque", an
            # adjective does ("quelque grands qu'ils soient")
            adjs = lx.analyses(nxt.low, "AP")
            concessive = i + 2 < len(toks) and toks[i + 2].low in d.quelque_concessive
            # an adjective reading counts unless the noun is far the commoner ("quelque amis")
            # and no "que" follows ("quelque grands qu'ils soient")
            mostly_noun = not adjs or (not concessive and sum(a.freq for a in nouns) >= 5 * sum(a.freq for a in adjs))
            if nouns and all(a.number == "p" for a in nouns) and mostly_noun and nxt.low[-1:] in ("s", "x"):
                fixed = match_case(t.text, d.quelque_plural)
                yield Finding(t.start, t.end, f"'{t.text}' agrees with the plural noun '{nxt.text}': '{fixed} {nxt.text}'", (fixed,))


# -- même(s) -------------------------------------------------------------------------------------
def meme_findings(toks: list[Token], lang: str) -> Iterator[Finding]:
    d = data(lang)
    lx = lex(lang)
    sing, plur = d.meme_forms["s"], d.meme_forms["p"]
    for i, t in enumerate(toks):
        # "eux-même", "lui-mêmes": one hyphenated token
        parts = re.split(r"[\-‐]", t.low)
        if len(parts) == 2 and parts[1] in (sing, plur) and parts[0] in d.meme_number:
            want = d.meme_number[parts[0]]
            if not want or d.meme_forms[want] == parts[1] or not _plain_case(t.text.replace("-", "").replace("‐", "")):
                continue
            hyphen = t.text[len(parts[0])]
            pron = t.text[: len(parts[0])]
            fixed = f"{pron}{hyphen}{match_case(t.text[len(parts[0]) + 1 :], d.meme_forms[want])}"
            number = "plural" if want == "p" else "singular"
            yield Finding(t.start, t.end, f"'{pron}' is {number}: '{fixed}'", (fixed,))
            continue
        if t.low == plur and _plain_case(t.text):
            adverb = _meme_adverb(toks, i, lang, d)
            if adverb:
                fixed = match_case(t.text, sing)
                yield Finding(t.start, t.end, f"'même' {adverb} is an adverb, invariable: '{fixed}'", (fixed,))
                continue
        # "les même erreurs", "la mêmes chose", "ce sont les même": after a determiner "même" is the
        # adjective or the pronoun, and takes the determiner's number
        if t.low not in (sing, plur) or not t.text.islower() or i == 0 or not t.glued:
            continue
        det = toks[i - 1]
        if det.low not in d.meme_determiners:
            continue
        want = d.meme_determiners[det.low]
        if d.meme_forms[want] == t.low:
            continue
        nxt = toks[i + 1] if i + 1 < len(toks) and toks[i + 1].glued and toks[i + 1].text.isalpha() else None
        feats = lx.features(nxt.low, "NA") if nxt is not None and nxt.text.islower() else set()
        if feats and not any(n == want for _, n in feats):
            continue  # the noun disagrees with the determiner too: which word is wrong is not clear
        fixed = match_case(t.text, d.meme_forms[want])
        phrase = f"{det.text} {fixed} {nxt.text}" if feats else f"{det.text} {fixed}"
        yield Finding(t.start, t.end, f"'même' takes the number of '{det.text}': '{phrase}'", (fixed,))


def _meme_adverb(toks: list[Token], i: int, lang: str, d: LookalikeData) -> str | None:
    """Why "mêmes" at token ``i`` can only be the adverb ("even"), or None: before a determiner at
    the start of a clause ("Mêmes les enfants"), or after a form of "être" or "avoir" ("ils sont
    mêmes venus")."""
    ag = pack(lang)
    t = toks[i]
    prev = toks[i - 1] if i and t.glued else None
    nxt = toks[i + 1] if i + 1 < len(toks) and toks[i + 1].glued else None
    if prev is not None and (prev.low in ag.etre_number or prev.low in ag.avoir_number):
        return f"after '{prev.text}'"
    if nxt is not None and (nxt.low in ag.determiners or nxt.low == "l'") and (prev is None or prev.low in d.meme_adverb_openers):
        return f"before '{nxt.text}'"
    return None
