"""Finding glossary terms in text on folded word parts.

A term and the text are cut into the same parts (words split at hyphens and apostrophes, elided
articles dropped, each part folded by :func:`~.terms.fold`), and a term matches where the
concatenation of consecutive text parts equals the concatenation of its parts. So inflection
(plural, feminine), case, elision and hyphen/space/fused variants (``e-mail``, ``e mail``,
``email``) all match one glossary term, while word boundaries are kept.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ...segment import WORD_RE
from .terms import elision_length, fold, profile, unify

LOOSE_EXTRA = 2
_JOINERS = set(" \u00a0\u202f\t-‐‑'’")


@dataclass(frozen=True)
class Part:
    start: int
    end: int
    surface: str
    key: str


def parts(text: str, start: int, end: int, lang: str | None) -> list[Part]:
    """The folded parts of ``text[start:end]`` with their offsets."""
    prof = profile(lang)
    out: list[Part] = []
    for m in WORD_RE.finditer(text, start, end):
        w = m.group()
        pos = m.start() + elision_length(w, prof)
        for piece in re.split(r"([-‐‑'’])", text[pos : m.end()]):
            if piece and piece not in "-‐‑'’":
                out.append(Part(pos, pos + len(piece), piece, fold(piece, lang)))
            pos += len(piece)
    return out


def _case_signature(surfaces: list[str]) -> tuple[bool, ...]:
    return tuple(s[:1].isupper() for s in surfaces)


@dataclass(frozen=True)
class _Term:
    text: str
    n: int
    payload: Any
    case: tuple[bool, ...] | None  # required capitals, when case tells the term apart


class TermIndex:
    """Terms indexed by the concatenation of their folded parts."""

    def __init__(self, lang: str | None) -> None:
        self.lang = lang
        self._terms: dict[str, list[_Term]] = {}
        self._by_first: dict[str, list[tuple[tuple[str, ...], Any]]] = {}  # for find_loose
        self.max_parts = 0

    def key(self, term: str) -> tuple[str, list[Part]]:
        ps = parts(unify(term), 0, len(term), self.lang)
        return "".join(p.key for p in ps), ps

    def add(self, term: str, payload: Any, *, case_sensitive: bool = False) -> None:
        joined, ps = self.key(term)
        if not joined:
            return
        sig = _case_signature([p.surface for p in ps]) if case_sensitive else None
        self._terms.setdefault(joined, []).append(_Term(term, len(ps), payload, sig))
        self._by_first.setdefault(ps[0].key, []).append((tuple(p.key for p in ps), payload))
        self.max_parts = max(self.max_parts, len(ps))

    def __bool__(self) -> bool:
        return bool(self._terms)

    def matches(self, text: str, start: int, end: int) -> list[tuple[int, int, Any]]:
        """(start, end, payload) of every term occurrence in ``text[start:end]``, overlapping
        ones included. Text may use more parts than the term (``e mail`` for ``email``)."""
        ps = parts(text, start, end, self.lang)
        out: list[tuple[int, int, Any]] = []
        for i in range(len(ps)):
            joined = ""
            for k in range(i, min(len(ps), i + self.max_parts + 2)):
                if k > i and not set(text[ps[k - 1].end : ps[k].start]) <= _JOINERS:
                    break  # punctuation between the words
                joined += ps[k].key
                for term in self._terms.get(joined, ()):
                    if term.case is None or _case_signature([p.surface for p in ps[i : k + 1]]) == term.case:
                        out.append((ps[i].start, ps[k].end, term.payload))
        return out

    def find(self, text: str, start: int, end: int) -> Iterator[tuple[int, int, Any]]:
        """Like :meth:`matches`, but where matches overlap the longest (then first) wins."""
        found = sorted(self.matches(text, start, end), key=lambda f: (f[0], -(f[1] - f[0])))
        last_end = -1
        for s, e, payload in found:
            if s >= last_end:
                yield s, e, payload
                last_end = e

    def find_loose(self, text: str, start: int, end: int, extra: int = LOOSE_EXTRA) -> Iterator[tuple[int, int, Any]]:
        """Like :meth:`find`, for a language without suffix rules (the source side): each text
        word may carry up to ``extra`` more letters than the term's word (``Bundeskanzlers``
        for ``Bundeskanzler``), for words of at least four letters."""
        ps = parts(text, start, end, self.lang)
        found: list[tuple[int, int, int, Any]] = []
        for i, first in enumerate(ps):
            cands = []
            for cut in range(0, extra + 1):
                stem = first.key[: len(first.key) - cut] if cut else first.key
                if cut and len(stem) < 4:
                    break
                cands.extend(self._by_first.get(stem, ()))
            for keys, payload in cands:
                if i + len(keys) > len(ps):
                    continue
                slack = 0
                ok = True
                for j, k in enumerate(keys):
                    w = ps[i + j]
                    if j and not set(text[ps[i + j - 1].end : w.start]) <= _JOINERS:
                        ok = False
                        break
                    if w.key == k:
                        continue
                    if len(k) >= 4 and w.key.startswith(k) and len(w.key) - len(k) <= extra:
                        slack += len(w.key) - len(k)
                        continue
                    ok = False
                    break
                if ok:
                    found.append((ps[i].start, ps[i + len(keys) - 1].end, slack, payload))
        found.sort(key=lambda f: (f[0], -(f[1] - f[0]), f[2]))
        last_end = -1
        for s, e, _, payload in found:
            if s >= last_end:
                yield s, e, payload
                last_end = e
