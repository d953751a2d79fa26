"""Degenerate output: a word or phrase repeated over and over, a clause repeated in a sentence (MTQ502)."""

from __future__ import annotations

import operator
import re
from collections.abc import Iterator

from ...lint.context import Context
from ...lint.registry import register
from ...lint.rule import Rule
from ...model import Document, Issue, Severity
from ...segment import WORD_RE

# what may stand between two copies of a repeated word or phrase: spaces, commas, dashes, dots
_GLUE = re.compile(r"[\s,;.…·/–—-]*")


def _words(text: str, start: int, end: int) -> list[tuple[str, int, int]]:
    return [(m.group().casefold().replace("’", "'"), m.start(), m.end()) for m in WORD_RE.finditer(text, start, end)]


def _glued(text: str, a: int, b: int) -> bool:
    return _GLUE.fullmatch(text, a, b) is not None


def runs(words: list[tuple[str, int, int]], text: str, max_n: int, min_copies: int) -> list[tuple[int, int, int]]:
    """Runs of one word or phrase of up to ``max_n`` words repeated at least ``min_copies``
    times in a row: (index of the first word, phrase length, copies)."""
    ws = [w for w, _, _ in words]
    if not any(any(map(operator.eq, ws, ws[n:])) for n in range(1, max_n + 1)):
        return []  # no word comes back within a phrase's length: nothing repeats in a row
    out = []
    i = 0
    count = len(words)
    while i < count:
        best = None
        for n in range(1, max_n + 1):
            if i + 2 * n > count:
                break
            phrase = ws[i : i + n]
            if min_copies > 1 and ws[i + n : i + 2 * n] != phrase:
                continue  # not even two copies in a row
            copies = 1
            j = i + n
            while j + n <= count and ws[j : j + n] == phrase and _glued(text, words[j - 1][2], words[j][1]):
                copies += 1
                j += n
            if copies >= min_copies and any(c.isalpha() for c in "".join(phrase)):
                if best is None or copies * n > best[2] * best[1]:
                    best = (i, n, copies)
        if best:
            out.append(best)
            i = best[0] + best[1] * best[2]
        else:
            i += 1
    return out


def _max_copies(src: str, max_n: int) -> int:
    ws = _words(src, 0, len(src))
    found = runs(ws, src, max_n, 2)
    return max((c for _, _, c in found), default=1)


def repeated_clause(words: list[tuple[str, int, int]], min_words: int) -> tuple[int, int, int] | None:
    """A sequence of at least ``min_words`` words that occurs twice, apart, in one sentence:
    (index of the first copy, index of the second, length)."""
    n = min_words
    if len(words) < 2 * n:
        return None
    seen: dict[tuple[str, ...], int] = {}
    for i in range(len(words) - n + 1):
        key = tuple(w for w, _, _ in words[i : i + n])
        j = seen.get(key)
        if j is not None and i >= j + n:
            k = n  # extend the copy as far as it goes
            while i + k < len(words) and j + k < i and words[j + k][0] == words[i + k][0]:
                k += 1
            return j, i, k
        seen.setdefault(key, i)
    return None


def _repeats_content_word(src: str) -> bool:
    """The source has some word of five letters or more twice, not among the most frequent
    words of its language (``lebenslange ... lebenslange``, ``alle Spieler ... alle Spieler``)."""
    from ...analysis.langid import zipf

    seen: set[str] = set()
    for m in WORD_RE.finditer(src):
        w = m.group().casefold()
        if len(w) < 5 or not w.isalpha():
            continue
        if w in seen and zipf(w, "de") < 5.5:
            return True
        seen.add(w)
    return False


@register
class DegenerateRepetition(Rule):
    """A word or phrase repeated three times or more in a row, or a clause repeated in a sentence.

    What it does
        Looks in every sentence for a word or a phrase of up to ``max_phrase`` words repeated at
        least ``min_copies`` times in a row (only spaces and light punctuation between the
        copies), and for a run of at least ``min_clause_words`` words that occurs twice in the
        same sentence. The copies after the first are reported, with the removal as the fix.
        With an aligned source, a repetition that the source has as well (a chant, a quoted
        stutter) is left alone, and so is a repeated clause when the source repeats one too.
        Doubled words ("très, très", "non, non") are real speech and stay silent.

    Why it matters
        Neural machine translation sometimes loops: the same word ten times, or a clause said
        three times in one sentence. Such output is worthless however fluent each piece is.

    Example
        Flagged: ``Le match a été annulé annulé annulé annulé en raison de la pluie.``
        Better: ``Le match a été annulé en raison de la pluie.``

    Options
        ``min_copies`` (default 3): copies in a row that make a repetition;
        ``max_phrase`` (default 6): longest phrase looked for;
        ``min_clause_words`` (default 6): shortest clause whose repetition in one sentence counts.

    Known limits
        Lists that repeat a word on purpose ("plus, plus, plus de places") are reported unless
        the source repeats too. A clause repeated with small changes is not found.
    """

    code = "MTQ502"
    name = "degenerate-repetition"
    category = "duplication"
    severity = Severity.ERROR
    options = {"min_copies": 3, "max_phrase": 6, "min_clause_words": 6}

    def check(self, doc: Document, ctx: Context) -> Iterator[Issue]:
        text = doc.view
        min_copies, max_n, min_clause = self.opts["min_copies"], self.opts["max_phrase"], self.opts["min_clause_words"]
        src_of = {p.index: p.source for p in doc.paragraphs}
        for s in doc.sentences:
            words = _words(text, s.start, s.end)
            if len(words) < min_copies:
                continue
            src = src_of.get(s.parent)
            found = runs(words, text, max_n, min_copies)
            reported_to = -1
            for i, n, copies in found:
                if src is not None and _max_copies(src, max_n) >= min_copies:
                    continue
                phrase = " ".join(w for w, _, _ in words[i : i + n])
                start, end = words[i + n - 1][2], words[i + n * copies - 1][2]
                reported_to = end
                yield self.issue(
                    doc, start, end,
                    f"'{phrase}' is repeated {copies} times in a row",
                    [""], confidence=0.9,
                )
            if len(words) < 2 * min_clause:
                continue
            rep = repeated_clause(words, min_clause)
            if rep is None:
                continue
            j, i, k = rep
            if words[i][1] < reported_to:
                continue
            if src is not None and _repeats_content_word(src):
                continue  # the source says something twice: so may the translation
            start, end = words[i][1], words[i + k - 1][2]
            clause = text[words[j][1] : words[j + k - 1][2]]
            yield self.issue(
                doc, start, end,
                f"The clause '{clause}' is repeated in the same sentence",
                [], confidence=0.8,
            )
