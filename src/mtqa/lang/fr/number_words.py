"""French number words written out ("deux cents", "quatre-vingt-dix", "trois mille") and
"demi": the words of a text, the numbers they make, and the form each number word should take.

The words come from ``rules/<lang>/number_words.yaml``; this module holds the mechanism. A
number is a run of number words joined by spaces or hyphens (traditional and 1990 rectified
spellings alike), with "et" only before "un", "une" or "onze" ("vingt et un"). Its parts keep
their offsets, so a correction rewrites only the parts that change and keeps the writer's
separators.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ... import lexicon, packs
from .agreement.common import normalized_words

# A word: letters, hyphen-joined parts ("quatre-vingt-dix", "demi-heure"); apostrophes split.
TOKEN = re.compile(r"[^\W\d_]+(?:[\-‐][^\W\d_]+)*")
_PART = re.compile(r"[^\W\d_]+")
_GAP = re.compile(r"[ \t\u00a0\u202f]+")
# What may come right before the first word of a sentence (so that its capital is not a name's).
_OPENERS = set(".!?…:;«»\"“”(—–-")
_CLOSERS = set(".,;:!?…)»\"”")


@dataclass(frozen=True)
class NumberPack:
    multipliers: frozenset[str]
    number_words: frozenset[str]
    conjunction: str
    after_conjunction: frozenset[str]
    vingt: str
    vingt_multiplier: str
    cent: str
    mille: str
    number_nouns: frozenset[str]
    ordinal_nouns: frozenset[str]
    mile_adjectives: frozenset[str]
    mile_determiners: frozenset[str]
    demi: str
    demi_forms: dict[str, str]
    demi_feminine: str
    a_demi: str
    demi_openers: frozenset[str]
    demi_nouns: dict[str, str]
    count_openers: frozenset[str]
    count_followers: frozenset[str]
    adverb_nouns: frozenset[str]

    @property
    def cues(self) -> tuple[str, ...]:
        """Strings one of which a paragraph holds when the rule has anything to look at."""
        return (self.vingt, self.cent, self.mille, self.demi)

    @property
    def variable(self) -> frozenset[str]:
        """The number words that may carry an -s (written with or without it)."""
        return frozenset({self.vingt, self.cent, self.mille})


@lru_cache(maxsize=None)
def number_pack(lang: str) -> NumberPack | None:
    """The pack of ``lang``, or None when the language has none (the rule then does not run)."""
    if not packs.pack_files(lang, "number_words.yaml"):
        return None
    raw = packs.load_yaml(lang, "number_words.yaml")
    return NumberPack(
        multipliers=normalized_words(raw, "multipliers"),
        number_words=normalized_words(raw, "number_words"),
        conjunction=str(raw.get("conjunction") or ""),
        after_conjunction=normalized_words(raw, "after_conjunction"),
        vingt=str(raw.get("vingt") or ""),
        vingt_multiplier=str(raw.get("vingt_multiplier") or ""),
        cent=str(raw.get("cent") or ""),
        mille=str(raw.get("mille") or ""),
        number_nouns=normalized_words(raw, "number_nouns"),
        ordinal_nouns=normalized_words(raw, "ordinal_nouns"),
        mile_adjectives=normalized_words(raw, "mile_adjectives"),
        mile_determiners=normalized_words(raw, "mile_determiners"),
        demi=str(raw.get("demi") or ""),
        demi_forms={lexicon.normalize(str(k)): str(v) for k, v in (raw.get("demi_forms") or {}).items()},
        demi_feminine=str(raw.get("demi_feminine") or ""),
        a_demi=str(raw.get("a_demi") or ""),
        demi_openers=normalized_words(raw, "demi_openers"),
        count_openers=normalized_words(raw, "count_openers"),
        count_followers=normalized_words(raw, "count_followers"),
        adverb_nouns=normalized_words(raw, "adverb_nouns"),
        demi_nouns={lexicon.normalize(str(k)): str(v) for k, v in (raw.get("demi_nouns") or {}).items()},
    )


@dataclass(frozen=True)
class Part:
    """One number word of a written number, as written, with its offsets."""

    text: str
    start: int
    end: int

    @property
    def low(self) -> str:
        return lexicon.normalize(self.text)

    def base(self, pk: NumberPack) -> str:
        """The word without a plural -s when it is one of the words that take it ("cents")."""
        low = self.low
        return low[:-1] if low.endswith("s") and low[:-1] in pk.variable else low

    def plural(self, pk: NumberPack) -> bool:
        return self.low != self.base(pk)


@dataclass(frozen=True)
class Number:
    """A written number: its parts and the indexes of the words around it in the paragraph."""

    parts: tuple[Part, ...]
    first: int  # index of its first token
    last: int  # index of its last token

    @property
    def start(self) -> int:
        return self.parts[0].start

    @property
    def end(self) -> int:
        return self.parts[-1].end


def is_number_token(word: str, pk: NumberPack) -> bool:
    """Every part of a (hyphenated) word is a number word, "et" only inside before un/une/onze."""
    parts = [lexicon.normalize(p) for p in _PART.findall(word)]
    for k, p in enumerate(parts):
        if p == pk.conjunction:
            if k == 0 or k + 1 == len(parts) or parts[k + 1] not in pk.after_conjunction:
                return False
        elif p not in pk.number_words and not (p.endswith("s") and p[:-1] in pk.variable):
            return False
    return bool(parts)


def gap(text: str, a: re.Match[str], b: re.Match[str]) -> bool:
    """Only spaces between two tokens."""
    return bool(_GAP.fullmatch(text, a.end(), b.start()))


def numbers(text: str, tokens: list[re.Match[str]], pk: NumberPack) -> list[Number]:
    """The written numbers among ``tokens`` that hold "vingt", "cent" or "mille"."""
    out: list[Number] = []
    i = 0
    while i < len(tokens):
        if not is_number_token(tokens[i].group(), pk):
            i += 1
            continue
        j = i
        while j + 1 < len(tokens) and gap(text, tokens[j], tokens[j + 1]):
            nxt = tokens[j + 1].group()
            if is_number_token(nxt, pk):
                j += 1
            elif (
                lexicon.normalize(nxt) == pk.conjunction and j + 2 < len(tokens)
                and gap(text, tokens[j + 1], tokens[j + 2])
                and lexicon.normalize(tokens[j + 2].group()) in pk.after_conjunction
            ):
                j += 2
            else:
                break
        parts = tuple(
            Part(m.group(), t.start() + m.start(), t.start() + m.end())
            for t in tokens[i : j + 1] for m in _PART.finditer(t.group())
        )
        if any(p.base(pk) in pk.variable for p in parts):
            out.append(Number(parts, i, j))
        i = j + 1
    return out


def sentence_initial(text: str, start: int, floor: int) -> bool:
    """Nothing but an opening mark or a sentence end before ``start`` (from ``floor``)."""
    k = start - 1
    while k >= floor and text[k] in " \t\u00a0\u202f":
        k -= 1
    return k < floor or text[k] in _OPENERS


def clause_end(text: str, pos: int, end: int) -> bool:
    """Only spaces, then a punctuation mark that ends a clause or the paragraph's end, after ``pos``."""
    k = pos
    while k < end and text[k] in " \t\u00a0\u202f":
        k += 1
    return k >= end or text[k] in _CLOSERS


def rebuild(text: str, num: Number, fixed: dict[int, str]) -> str:
    """The number as written, parts ``fixed`` (index -> new word) replaced, separators kept."""
    out: list[str] = []
    pos = num.start
    for k, p in enumerate(num.parts):
        out.append(text[pos : p.start])
        out.append(fixed.get(k, p.text))
        pos = p.end
    return "".join(out)


def with_s(word: str, plural: bool) -> str:
    """``word`` with or without its final -s, in the writer's case."""
    bare = word[:-1] if word[-1:] in ("s", "S") else word
    if not plural:
        return bare
    return bare + ("S" if bare.isupper() and len(bare) > 1 else "s")
