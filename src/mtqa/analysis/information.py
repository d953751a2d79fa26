"""How much a text says, measured by the rarity of its words: the information length that the
omission rule compares between a source and its translation.

A word's weight is its surprisal in its own language, ``CEILING`` minus its wordfreq Zipf
frequency: function words (``der``, ``le``, ``bitte``, ``noch``) weigh little, rare content words
much. A translation says about as much as its source, however many characters either language
spends on it: German puts a compound where French puts three words, French needs articles that
German drops, and a German sentence heavy with particles loses them in French without losing
content. Words both sides share (names, codes, loanwords) weigh the same on both sides, as the
source weighs them; numbers weigh ``NUMBER`` each, however they are written: ``1,85 m`` and
``1m85``, ``7:00 Uhr`` and ``7h``, ``50.000`` and ``50 000`` are one number each, and a unit glued
to a figure (``120kg``) is a word of its own, as it is when spaced (``120 kg``).
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

from .. import packs
from ..segment import WORD_RE
from .frequencies import wordfreq_languages, zipf

CEILING = 8.0  # a word's weight is CEILING minus its Zipf frequency (8 is about one in 10^8 words)
FLOOR = 0.5  # the least a word weighs ("the", "de", "und")
UNKNOWN = 7.0  # a word wordfreq does not know: a name, a typo, a long compound
NUMBER = 3.0  # a number, whatever its frequency
REPEAT = 0.5  # a word said again in the same segment tells this share of what it told the first time


# one written number: digit groups joined by a decimal or time mark, a height ("1m85", "14h30"),
# or a space before a group of three digits (thousands: "50 000")
_NUMBER = re.compile(r"\d+(?:[.,:/'’]\d+|[hHm]\d\d(?!\d)|[ \u00a0\u202f]\d{3}(?!\d))*")
_LETTERS = re.compile(r"[^\W\d_]+")


def words_and_numbers(text: str) -> tuple[list[str], int]:
    """The words of a text, the letters glued to figures split off as words of their own
    (``120kg`` gives ``kg``, ``COVID-19`` gives ``COVID``), and how many numbers it writes."""
    words = []
    for w in WORD_RE.findall(text):
        if any(c.isdigit() for c in w):
            words += _LETTERS.findall(w)
        else:
            words.append(w)
    return words, len(_NUMBER.findall(text))


def measurable(lang: str) -> bool:
    """wordfreq has a frequency list for the language."""
    return lang in wordfreq_languages()


LOAN_LANG = "en"  # the language both sides borrow from most: its words weigh as common words


@packs.pack_cache
def endings(pack_lang: str) -> dict[str, tuple[str, ...]]:
    """Per language, the inflection endings of ``information_endings.txt`` (longest first
    is not needed: every ending is tried)."""
    out: dict[str, tuple[str, ...]] = {}
    for line in packs.load_list(pack_lang, "information_endings.txt"):
        lang, *ends = line.split()
        out[lang] = tuple(ends)
    return out


def _zipf_any(word: str, lang: str) -> float:
    return max(zipf(word, lang), zipf(word, LOAN_LANG) if measurable(LOAN_LANG) else 0.0)


@lru_cache(maxsize=131072)
def weight(word: str, lang: str, pack_lang: str = "fr") -> float:
    """The surprisal weight of one word in a language: from the word's frequency there, or in
    English where it is more frequent there (``Messenger``, ``low-budget``: a loanword or a
    quotation says no more than a common word does), or of its form without an inflection
    ending where that is more frequent (``entferne`` as ``entfernen``)."""
    if any(c.isdigit() for c in word):
        return NUMBER
    z = _zipf_any(word, lang)
    ends = endings(pack_lang).get(lang, ())
    for end in ends:
        if len(word) > len(end) + 3 and word.endswith(end):
            base = word[: -len(end)]
            z = max(z, zipf(base, lang), zipf(base + ends[0], lang) if end != ends[0] else 0.0)
    if z <= 0:
        return UNKNOWN
    return max(FLOOR, CEILING - z)


def information(source: str, source_lang: str, target: str, target_lang: str) -> tuple[float, float]:
    """The information lengths of a source and of its translation: the sums of their words'
    weights, a word found on both sides (case aside) weighing on the target side what it weighs
    in the source."""
    src_words: dict[str, float] = {}
    words, numbers = words_and_numbers(source)
    total_src = NUMBER * numbers
    for w in words:
        key = w.casefold()
        if key in src_words:
            total_src += max(FLOOR, REPEAT * src_words[key])
            continue
        x = weight(w, source_lang, target_lang)
        src_words[key] = x
        total_src += x
    words, numbers = words_and_numbers(target)
    total_tgt = NUMBER * numbers
    for w in words:
        shared = src_words.get(w.casefold())
        total_tgt += shared if shared is not None else weight(w, target_lang, target_lang)
    return total_src, total_tgt


def information_deficit(source: str, source_lang: str, target: str, target_lang: str, expected: float) -> float:
    """How much less the target says than a translation of the source usually does, in units
    that allow for the spread of short segments: ``(I(target) - expected * I(source)) /
    sqrt(I(source))``, as :func:`mtqa.checks.fidelity.omission.length_deficit` does for
    characters."""
    i_src, i_tgt = information(source, source_lang, target, target_lang)
    return (i_tgt - expected * i_src) / math.sqrt(max(1.0, i_src))
