"""The clauses and sentences of an aligned segment pair, for the omission rule (MTQ505): where a
German sentence splits into clauses, how many of them are main clauses, which target sentences
have no finite verb, how much shorter a target is than its source usually is, and whether a
target line goes on with a sentence its source line does not hold."""

from __future__ import annotations

import math
import re

from .. import packs
from ..segment import WORD_RE

# where a German sentence splits into clauses: punctuation, and a comma before a conjunction
_CLAUSE_SPLIT = re.compile(r"\s*(?:[;:–—]|\s-\s|,(?=\s)|\((?=\w)|\)(?=\W))\s*")


def clauses(src: str) -> list[tuple[int, int]]:
    """Spans of the source's clauses (cut at commas, semicolons, colons, dashes, brackets)."""
    out, pos = [], 0
    for m in _CLAUSE_SPLIT.finditer(src):
        if m.start() > pos:
            out.append((pos, m.start()))
        pos = m.end()
    if pos < len(src):
        out.append((pos, len(src)))
    return out


_SENTENCE = re.compile(r"[^.!?…]+[.!?…]+|[^.!?…]+$")


def length_deficit(src: str, target: str, expected: float) -> float:
    """How much shorter the target is than a translation of the source usually is, in units that
    allow for the spread of short segments: ``(len(target) - expected * len(source)) /
    sqrt(len(source))``, in characters. A short line varies by a few characters, a long one by
    many; a missing clause shows on both."""
    ls, lt = len(src.strip()), len(target.strip())
    return (lt - expected * ls) / math.sqrt(max(1, ls))


def verbless_sentences(target: str, lang: str) -> list[str]:
    """The target's sentences without a finite verb form of the lexicon (``Demain.``)."""
    from .. import lexicon

    if not lexicon.available(lang):
        return []
    verbs = lexicon.verbs(lang)
    out = []
    for m in _SENTENCE.finditer(target):
        # "l'a", "referais-tu", "contactera-t-il": each part on its own
        words = [x for w in WORD_RE.findall(m.group()) for x in re.split(r"['’-]", w) if x]
        if words and not any(verbs.analyses(w) for w in words):
            out.append(m.group().strip())
    return out


def _sentence_source(src: str) -> bool:
    """Every sentence of the source has three words or more and it ends as a sentence does: no
    title, no one-word answer, whose translation may well have no verb."""
    s = src.strip().rstrip("\"'»“”)")
    sentences = [m.group() for m in _SENTENCE.finditer(src) if WORD_RE.search(m.group())]
    return s[-1:] in ".!?" and bool(sentences) and all(len(WORD_RE.findall(x)) >= 3 for x in sentences)


@packs.pack_cache
def _subordinators(lang: str) -> frozenset[str]:
    return frozenset(w.casefold() for w in packs.load_list(lang, "source_subordinators.txt"))


@packs.pack_cache
def _dependent_endings(lang: str) -> re.Pattern[str] | None:
    found = packs.load_list(lang, "source_clause_endings.txt")
    return re.compile("|".join(f"(?:{x})" for x in found), re.IGNORECASE) if found else None


def main_clauses(src: str, lang: str) -> int:
    """The source's clauses, without those a German subordinator opens after a comma, or that
    end in an infinitive with "zu" (``rules/<lang>/source_clause_endings.txt``): French puts no
    comma there."""
    subs = _subordinators(lang)
    endings = _dependent_endings(lang)
    n = 0
    for a, b in clauses(src):
        first = WORD_RE.search(src, a, b)
        if n and first and first.group().casefold() in subs:
            continue
        if n and endings and endings.search(src[a:b].rstrip(" .!?…\"'»“”")):
            continue
        n += 1
    return n


def continues_sentence(src: str, target: str) -> bool:
    """The target line begins in lower case where its source line begins a sentence: the
    translator cut the text into lines elsewhere than the source did (the line goes on with the
    sentence of the line before), so the two lines do not say the same thing."""
    s = next((c for c in src if c.isalpha()), "")
    t = next((c for c in target if c.isalpha()), "")
    return s.isupper() and t.islower() and target.lstrip()[:1].isalpha()
