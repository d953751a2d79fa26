"""Past participles after "être" whose subject comes after them ("Ainsi sont nées les
coopératives", "Quand est partie ta sœur ?", "Sur la liste sont inscrits les noms"). Read on the
words of the shared parse: the form of "être" follows an inversion trigger ("quand", "où",
"ainsi", ...), an adverbial that opens the sentence, or begins the sentence itself, and a noun
phrase with its determiner follows the participle.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .common import lex, pack
from .persons import END, opening_adverbial, person_pack, tnorm
from .targets import Target, noun_target
from .verbs import verb_pack

if TYPE_CHECKING:
    from spacy.tokens import Token


def _sentence_start(sent: Any, i: int) -> int:
    while i > 0 and not sent[i].is_sent_start and sent[i - 1].text not in END:
        i -= 1
    return i


def _inverted_position(sent: Any, i: int, lang: str) -> bool:
    """The form of "être" at ``i`` has no subject before it."""
    s = _sentence_start(sent, i)
    if s == i:
        return True
    if tnorm(sent[i - 1]) in person_pack(lang).triggers:
        return True  # "quand sont arrivés", "ainsi sont nées"
    end = opening_adverbial(sent, s, lang)
    return end is not None and (end == i or (end < len(sent) and sent[end].text == "," and end + 1 == i))


def inverted_participles(sent: Any, lang: str) -> list[tuple[Token, Target, Token]]:
    """(participle, what it must agree with, the subject noun) for each participle after an
    inverted "être" that a noun phrase follows ("sont arrivé les secours")."""
    data, lx, vp = pack(lang), lex(lang), verb_pack(lang)
    out = []
    for i, t in enumerate(sent):
        key = tnorm(t)
        if key not in data.etre_number or i + 2 >= len(sent) or sent[i + 1].text[:1] in "-‐":
            continue  # ("est-il")
        p = sent[i + 1]
        if not p.is_alpha or not p.text.islower() or not lx.analyses(p.text, "P") or not _inverted_position(sent, i, lang):
            continue
        k = i + 2
        det = tnorm(sent[k])
        dn = data.determiners.get(det, ("", ""))[1] or vp.number_determiners.get(det)
        if not dn:
            continue
        k += 1
        if k + 1 < len(sent) and sent[k].pos_ == "ADJ" and lx.analyses(sent[k].text, "A") and sent[k + 1].pos_ == "NOUN":
            k += 1  # "sont nées les premières coopératives"
        if k >= len(sent):
            continue
        n = sent[k]
        if not n.is_alpha or not n.text.islower():
            continue
        target = noun_target(n, data, lx, surface=True)
        if target is None or (target.number and target.number != dn):
            continue  # (a determiner error: MTQ201's)
        target = Target(target.gender, dn, target.label)
        if data.etre_number[key] != dn:
            continue  # the verb disagrees too: which word is wrong is unsure
        rest = []
        for x in sent[k + 1 :]:
            if x.text in END or x.pos_ in ("VERB", "AUX"):
                break
            rest.append(tnorm(x))
        if set(rest) & (vp.coordinators | {"ainsi", "comme", "avec"}):
            continue  # "sont arrivés le maire et son adjoint"
        out.append((p, target, n))
    return out
