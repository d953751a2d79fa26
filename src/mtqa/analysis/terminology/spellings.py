"""Spellings a document may write side by side without a slip: two accepted spellings of one
word (``email`` / ``e-mail``, ``basketball`` / ``basket-ball``), two spellings the writer
joins on purpose (``le chevillier ou cheviller``), and a name given with its original script
(``Dodorio (ドードリオ)``). Read by the term-drift rules (MTQ310, MTQ320)."""

from __future__ import annotations

import re
import unicodedata

from ... import packs
from .terms import zipf

_ALTERNATIVE_GAP = re.compile(r"\s*(?:,\s*)?(?:ou(?:\s+encore|\s+bien)?|or|/|\(\s*(?:ou\s+|or\s+|aussi\s+|also\s+)?)\s*", re.I)


def alternative(text: str, start: int, end: int, spans: list[tuple[int, int, str]]) -> bool:
    """The occurrence at ``start``-``end`` of ``text`` and one of ``spans`` (the reference's
    occurrences) stand side by side, joined by "ou", "or", a slash or an opening parenthesis
    (``le chevillier ou cheviller``, ``e-mail/email``, ``Kiev (ou Kyiv)``): the writer gives two
    spellings on purpose, and neither is a slip."""
    for s, e, _ in spans:
        gap = text[e:start] if e <= start else text[end:s]
        if len(gap) <= 12 and "\n" not in gap and _ALTERNATIVE_GAP.fullmatch(gap):
            return True
    return False


def with_original(text: str, end: int) -> bool:
    """The word ending at ``end`` is followed by a parenthesis that gives another script's form
    (``Dodorio (ドードリオ, Dōdorio)``, ``Sokolov (Соколов)``): a name transliterated from its
    original, whose spelling follows that original rather than a similar word of the document."""
    m = re.match(r"[ \t\u00a0]*\(([^()\n]{1,80})\)", text[end : end + 90])
    return m is not None and any(c.isalpha() and not latin(c) for c in m.group(1))


def latin(c: str) -> bool:
    return unicodedata.name(c, "").startswith("LATIN")


@packs.pack_cache
def accepted(lang: str) -> frozenset[str]:
    """The spellings ``rules/<lang>/loanwords.txt`` lists as established usage, case-folded."""
    return frozenset(w.casefold() for w in packs.load_list(lang, "loanwords.txt"))


def both_accepted(a: str, b: str, lang: str) -> bool:
    """Both spellings are listed as established usage (``email`` / ``e-mail``)."""
    known = accepted(lang)
    return a.casefold() in known and b.casefold() in known


_FUSED_IN_USE = 3.0  # Zipf: a fused spelling this frequent in the language's word list is in current use


def fused_in_use(a: str, b: str, lang: str) -> bool:
    """One form is the other with its hyphen dropped, the fused form is in current use (the word
    list knows it as one word: ``basketball``, ``hashtag``) and the hyphenated form is an
    accepted spelling too (the lexicon or ``loanwords.txt`` lists it: ``basket-ball``): two
    spellings French writes both, not a slip. (A word list splits a hyphenated word, so it says
    nothing of that form; a spaced form, ``Enfant Jésus``, is not compared this way.)"""
    from ... import lexicon

    hyph, fused = (a, b) if "-" in a else (b, a)
    if "-" not in hyph or "-" in fused or " " in hyph + fused or hyph.replace("-", "").casefold() != fused.casefold():
        return False
    if zipf(fused.lower(), lang) < _FUSED_IN_USE:
        return False
    known = hyph.casefold() in accepted(lang)
    if not known and lexicon.available(lang):
        known = hyph.lower() in lexicon.load(lang)
    return known
