"""Paragraph, sentence and word segmentation with exact offsets.

Everything here works on a text (usually ``Document.view``) and returns code-point offsets into
it; nothing is normalised, so the offsets are valid for the original text as well.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .model import Segment

_LINE_RE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")
_TERMINAL = ".!?…:;»\"”)’'"

# A word: letters (with combining marks), digits, inner apostrophes and hyphens.
WORD_RE = re.compile(r"[^\W_](?:[\w\u0300-\u036f]|['’\-‐](?=[^\W_]))*", re.UNICODE)


def iter_lines(text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int]]:
    """(start, end) of every line in ``text[start:end]``, without its line break."""
    end = len(text) if end is None else end
    pos = start
    while pos < end:
        m = _LINE_RE.match(text, pos, end)
        if m is None or m.end() == pos:
            break
        line_end = m.end()
        body_end = line_end
        while body_end > pos and text[body_end - 1] in "\r\n":
            body_end -= 1
        yield pos, body_end
        pos = line_end


def strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def split_paragraphs(text: str, kind: str = "paragraph") -> list[Segment]:
    """Split into paragraphs: each non-blank line is a paragraph, except that a line which
    continues the previous one (previous without final punctuation, this one starting in lower
    case) is joined to it, so hard-wrapped prose stays one paragraph."""
    spans: list[list[int]] = []
    prev_blank = True
    for s, e in iter_lines(text):
        s, e = strip_span(text, s, e)
        if s == e:
            prev_blank = True
            continue
        if spans and not prev_blank:
            ps, pe = spans[-1]
            last = text[pe - 1]
            first = text[s]
            if last not in _TERMINAL and (first.islower() or (last in ",-‐" and not first.isupper())):
                spans[-1][1] = e
                continue
        spans.append([s, e])
        prev_blank = False
    return [Segment(i, s, e, kind) for i, (s, e) in enumerate(spans)]


# Abbreviations after which a period does not end a sentence (language-neutral core plus
# common French and English forms; per-language packs may extend this later).
_ABBREV = {
    "m", "mm", "mme", "mmes", "mlle", "dr", "pr", "me", "st", "ste", "mr", "mrs", "ms", "prof",
    "etc", "cf", "p", "pp", "vol", "no", "n°", "art", "av", "bd", "ch", "chap", "éd", "env", "ex",
    "fig", "hab", "min", "max", "nb", "réf", "s", "sq", "t", "vs", "jr", "sr", "inc", "ltd", "co",
    "gén", "col", "cdt", "lt", "sgt", "mgr", "vve", "apr", "av. j.-c", "j.-c", "jan", "janv",
    "fév", "févr", "oct", "nov", "déc", "sept", "juil", "e.g", "i.e", "approx", "dept",
}
_SENT_END = re.compile(r"(?:[.!?]+|…+)[\"'»”’)\]]*(?=\s+)")


def split_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentences of ``text[start:end]`` as absolute (start, end) offsets."""
    out: list[tuple[int, int]] = []
    cur = start
    for m in _SENT_END.finditer(text, start, end):
        stop = m.end()
        # what follows must look like a sentence start
        j = stop
        while j < end and text[j].isspace():
            j += 1
        if j >= end:
            break
        nxt = text[j]
        if not (nxt.isupper() or nxt.isdigit() or nxt in "«\"“'(¿¡-–—"):
            continue
        punct = text[m.start() : m.end()]
        if punct.startswith(".") and not punct.startswith(".."):
            wm = re.search(r"([\w.\-°]+)$", text[cur : m.start()])
            word = wm.group(1).lower() if wm else ""
            if word in _ABBREV or (len(word) == 1 and word.isalpha()) or re.fullmatch(r"(\w\.)+\w", word):
                continue
        s, e = strip_span(text, cur, stop)
        if s < e:
            out.append((s, e))
        cur = stop
    s, e = strip_span(text, cur, end)
    if s < e:
        out.append((s, e))
    return out


def iter_words(text: str, start: int = 0, end: int | None = None) -> Iterator[re.Match[str]]:
    return WORD_RE.finditer(text, start, len(text) if end is None else end)


def count_words(text: str) -> int:
    return sum(1 for _ in WORD_RE.finditer(text))
