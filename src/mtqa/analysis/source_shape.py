"""What the aligned source itself does: repeats a segment, ends without punctuation, trails off.

Structure rules ask these questions before reporting a repeat or a cut-off line: when the source
has the same shape, the translation is faithful (chat turns, product lines, a source that repeats
its own paragraph) and there is nothing for an editor to fix in the target.
"""

from __future__ import annotations

import re
import unicodedata

from ..segment import WORD_RE

# final punctuation of a sentence in the source languages mtqa reads (and closing quotes/brackets)
_FINAL = ".!?…:;»«\"”“)’'*]。！？"
_ELLIPSIS = re.compile(r"(?:\.\.\.|…)[\s\"”»)]*$")


def norm_words(text: str) -> list[str]:
    """The words of ``text`` with case, compatibility forms and apostrophes folded."""
    t = unicodedata.normalize("NFKC", text).casefold().replace("’", "'")
    return WORD_RE.findall(t)


def shingles(words: list[str], k: int = 3) -> set[tuple[str, ...]]:
    """The word ``k``-grams of ``words`` (the words themselves when there are fewer)."""
    if len(words) < k:
        return {tuple(words)} if words else set()
    return {tuple(words[i : i + k]) for i in range(len(words) - k + 1)}


def ends_open(source: str | None) -> bool:
    """The source segment ends without final punctuation (a chat turn, a product line, a title)."""
    if source is None:
        return False
    s = source.rstrip()
    return bool(s) and s[-1] not in _FINAL


def trails_off(source: str | None) -> bool:
    """The source segment itself ends in an ellipsis."""
    return source is not None and bool(_ELLIPSIS.search(source.rstrip()))


def repeats(source_a: str | None, source_b: str | None, threshold: float = 0.5) -> bool:
    """The two source segments are the same text, or nearly (word 3-gram overlap)."""
    if source_a is None or source_b is None:
        return False
    a, b = norm_words(source_a), norm_words(source_b)
    if not a or not b:
        return False
    if a == b:
        return True
    sa, sb = shingles(a), shingles(b)
    return len(sa & sb) / max(1, len(sa | sb)) >= threshold


def starts_with(source: str | None, head: str | None) -> bool:
    """The source segment begins with the words of ``head`` (a headline repeated by the source)."""
    if source is None or head is None:
        return False
    s, h = norm_words(source), norm_words(head)
    return bool(h) and s[: len(h)] == h


def shares_passage(source_a: str | None, source_b: str | None, target_words: int) -> bool:
    """The two source segments share a passage about as long as a repeated target sentence of
    ``target_words`` words (German runs a little shorter than French)."""
    if source_a is None or source_b is None:
        return False
    sa, sb = shingles(norm_words(source_a)), shingles(norm_words(source_b))
    need = max(1, int(0.4 * max(1, target_words - 2)))
    return len(sa & sb) >= need
