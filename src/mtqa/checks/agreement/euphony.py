"""Euphonic forms before a vowel: ce/cet, beau/bel, nouveau/nouvel, vieux/vieil, ma/mon (MTQ213)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from ... import lexicon
from ...lint.context import Context
from ...lint.registry import register
from ...model import Document, Issue
from ...lang.fr.agreement.common import AgreementRule, lex, match_case, pack, vowel_sound, words_after
from .elision import elision_table


@lru_cache(maxsize=None)
def _pairs(lang: str) -> tuple[dict[str, str], dict[str, str], re.Pattern[str]]:
    """(form -> form before a vowel, form before a vowel -> plain form, pattern of both)."""
    data = pack(lang)
    forms = data.determiner_forms
    to_vowel = dict(data.euphonic)
    for fam in forms.values():
        # demonstrative: ce -> cet; possessives: ma -> mon before a vowel
        if "vowel_ms" in fam and "ms" in fam:
            to_vowel[fam["ms"]] = fam["vowel_ms"]
        if "vowel_fs" in fam and "fs" in fam:
            to_vowel[fam["fs"]] = fam["vowel_fs"]
    to_plain = {v: k for k, v in to_vowel.items() if k in data.euphonic or k in {f.get("ms") for f in forms.values()}}
    words = sorted(set(to_vowel) | set(to_plain), key=len, reverse=True)
    pat = re.compile(r"(?<![\w'’\-‐])(" + "|".join(map(re.escape, words)) + r")(?=[ \t\u00a0\u202f])", re.I)
    return to_vowel, to_plain, pat


@register
class EuphonicForm(AgreementRule):
    """A determiner or adjective that takes another form before a vowel, in the wrong form.

    What it does
        Before a noun or adjective that begins with a vowel sound, flags "ce", "beau", "nouveau",
        "vieux" (for "cet", "bel", "nouvel", "vieil") and "ma", "ta", "sa" (for "mon", "ton",
        "son"); before a consonant or an aspirated h, flags "cet", "bel", "nouvel", "vieil". The
        pairs come from ``rules/<lang>/agreement.yaml``; the next word's category, gender and
        number from the lexicon.

    Why it matters
        "ce homme" or "sa arrivée" are errors every reader notices.

    Example
        Flagged: ``Ce homme a salué le nouveau accord dès sa arrivée.``
        Flags: ``Ce homme`` ``nouveau accord`` ``sa arrivée``
        Better: ``Cet homme a salué le nouvel accord dès son arrivée.``

    Options
        None.

    Known limits
        Only the next word is read: "ce" before a verb ("ce à quoi", "ce est", see MTQ210) and
        "beau" in "avoir beau" are left alone, as is "vieux" before a plural ("de vieux amis") and
        "bel et bien"; so is a possessive before the noun "une" (``sa une``, a newspaper's front
        page), as ``no_euphony_before`` in ``rules/<lang>/agreement.yaml`` lists it.
    """

    code = "MTQ213"
    name = "euphonic-form"

    def check(self, doc: Document, ctx: Context) -> Iterator[Issue]:
        lang = doc.target_language
        to_vowel, to_plain, pat = _pairs(lang)
        lx = lex(lang)
        adjectives = set(pack(lang).euphonic) | set(pack(lang).euphonic.values())
        ce_verbs = elision_table(lang)[0].get("ce", {}).get("only", frozenset())
        text = doc.view
        for m in doc.finditer(pat):
            form = m.group(1)
            low = form.lower()
            if form != low and not (form[0].isupper() and form[1:] == low[1:]):
                continue
            nxt = words_after(text, m.end(), 1)
            if not nxt or (low == "nouveau" and re.search(r"\b(?:de|à)\s+$", text[max(0, m.start() - 4) : m.start()], re.I)):
                continue  # "de nouveau été prolongé", "à nouveau être": an adverb
            word = nxt[0].group(1)
            if word[:1].isupper() or lexicon.normalize(word) in pack(lang).no_euphony:
                continue  # a name, or a determiner's word used as a noun ("sa une": its front page)
            sound = vowel_sound(word, lang)
            nouns = lx.analyses(word, "NA" if low not in adjectives else "N")
            if not nouns or (low in to_vowel and lexicon.normalize(word) in ce_verbs):
                continue
            feats = lx.features(word, "NA" if low not in adjectives else "N")
            if low in to_vowel and sound is True:
                target = to_vowel[low]
                gender = "f" if low in {"ma", "ta", "sa"} else "m"
                if not any(g == gender and n == "s" for g, n in feats) or (gender == "m" and ("f", "s") in feats and ("m", "s") not in feats):
                    continue
                if low in adjectives and lx.noun(word) not in (("m", "s"),):
                    continue
            elif low in to_plain and sound is False:
                target = to_plain[low]
                if not any(g == "m" and n == "s" for g, n in feats):
                    continue
            else:
                continue
            fixed = match_case(form, target)
            yield self.issue(
                doc, m.start(), nxt[0].end(),
                f"'{form}' becomes '{fixed}' before '{word}'",
                [f"{fixed} {word}"],
            )
