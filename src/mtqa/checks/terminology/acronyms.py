"""Two expansions of one acronym in a document (MTQ311)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ...lint.context import Context
from ...lint.registry import register
from ...lint.rule import Rule
from ...model import Document, Issue, Severity
from ...segment import WORD_RE
from ...analysis.terminology.terms import earlier, elision_length, fold, name_connectors, profile, strip_accents

# "(ISW)" after its expansion, or "ISW (Institute for the Study of War)"
_ACR_AFTER = re.compile(r"\(\s*([A-ZÀ-Ý][A-Za-zÀ-ÿ0-9&]{1,11})\s*\)")
_ACR_BEFORE = re.compile(r"\b([A-ZÀ-Ý][A-Za-zÀ-ÿ0-9&]{1,11})\s*\(([^()\n]{4,120})\)")
MAX_WORDS = 10  # an expansion is at most this many words long


def is_acronym(s: str) -> bool:
    letters = [c for c in s if c.isalpha()]
    upper = sum(1 for c in letters if c.isupper())
    return upper >= 2 and upper * 2 > len(letters) and len(letters) >= 2


@dataclass(frozen=True)
class Expansion:
    acronym: str
    start: int
    end: int
    key: tuple[str, ...]  # folded content words


def _key(words: list[str], lang: str, connectors: frozenset[str]) -> tuple[str, ...]:
    prof = profile(lang)
    out = []
    for w in words:
        w = w[elision_length(w, prof):]
        for part in re.split(r"[-'’]", w):
            f = fold(part, lang)
            if f and f not in connectors:
                out.append(f)
    return tuple(out)


def _initials(words: list[str], lang: str, connectors: frozenset[str]) -> str:
    prof = profile(lang)
    out = ""
    for w in words:
        w = w[elision_length(w, prof):]
        if w and w.casefold() not in connectors:
            out += w[0]
    return strip_accents(out).upper()


def expansions(doc: Document, lang: str) -> list[Expansion]:
    """Every acronym written with its expansion, in document order."""
    connectors = name_connectors(lang)
    initial_starts = set()
    for s in doc.sentences:
        m = WORD_RE.search(doc.view, s.start, s.end)
        if m:
            initial_starts.add(m.start())
    out: list[Expansion] = []
    for p in doc.paragraphs:
        words = list(WORD_RE.finditer(doc.view, p.start, p.end))
        for m in _ACR_AFTER.finditer(doc.view, p.start, p.end):
            acr = m.group(1)
            if not is_acronym(acr):
                continue
            before = [w for w in words if w.end() <= m.start()]
            # the words just before the parenthesis, up to punctuation
            window: list[re.Match[str]] = []
            edge = m.start()
            for w in reversed(before[-MAX_WORDS:]):
                gap = doc.view[w.end() : edge]
                if gap.strip():
                    break
                window.insert(0, w)
                edge = w.start()
            span = _choose(window, acr, lang, connectors, initial_starts, profile(lang))
            if span:
                s, e = span
                key = _key([w.group() for w in window if s <= w.start() and w.end() <= e], lang, connectors)
                if len(key) >= 2:
                    out.append(Expansion(acr, s, e, key))
        for m in _ACR_BEFORE.finditer(doc.view, p.start, p.end):
            acr, inner = m.group(1), m.group(2)
            inner_words = WORD_RE.findall(inner)
            if not is_acronym(acr) or is_acronym(inner.strip()) or len(inner_words) < 2 or len(inner_words) > MAX_WORDS:
                continue
            if not inner.strip()[:1].isupper():
                continue
            s = m.start(2) + (len(inner) - len(inner.lstrip()))
            e = m.end(2) - (len(inner) - len(inner.rstrip()))
            out.append(Expansion(acr, s, e, _key(inner_words, lang, connectors)))
    out.sort(key=lambda x: x.start)
    return out


def _choose(window, acr, lang, connectors, initial_starts, prof):
    """(start, end) of the expansion among the words before "(ACR)", or None.

    When a run of words ending before the parenthesis has the acronym's initials, that run;
    otherwise the nearest capitalised word and the capitalised words and small words before it
    (``Institute for the Study of War``; ``Institut pour l'étude de la guerre``)."""
    if not window:
        return None
    letters = strip_accents("".join(c for c in acr if c.isalpha())).upper()
    texts = [w.group() for w in window]
    for k in range(len(window)):
        if _initials(texts[k:], lang, connectors) == letters and texts[k][elision_length(texts[k], prof):][:1].isupper():
            return _trim(window, k, prof), window[-1].end()
    caps = [k for k, w in enumerate(window) if _cap(w.group(), prof) and w.start() not in initial_starts]
    if not caps:
        return None
    k = caps[-1]
    while k > 0:
        prev = window[k - 1]
        word = prev.group()[elision_length(prev.group(), prof):]
        if prev.start() in initial_starts:
            break
        if _cap(prev.group(), prof) or word.casefold() in connectors:
            k -= 1
            continue
        break
    while k < len(window) and not _cap(window[k].group(), prof):
        k += 1  # never start on a small word
    if k >= len(window):
        return None
    return _trim(window, k, prof), window[-1].end()


def _cap(word: str, prof) -> bool:
    return word[elision_length(word, prof):][:1].isupper()


def _trim(window, k, prof) -> int:
    """Start of word ``k`` without its elided article."""
    w = window[k]
    return w.start() + elision_length(w.group(), prof)


@register
class AcronymDrift(Rule):
    """One acronym expanded in two different ways in a document.

    What it does
        Collects every acronym written with its expansion, ``Expansion (ACR)`` or
        ``ACR (Expansion)``. The expansion is the run of words before the parenthesis whose
        initials spell the acronym, or else the nearest capitalised word with the capitalised and
        small words before it. Expansions are compared on folded content words (case, elided
        articles, plural and small words ignored); every later expansion that differs from the
        first is reported, naming the first and where it stands.

    Why it matters
        Machine translation leaves an organisation's name in English in one paragraph and
        translates it in another: the reader meets two names for one body, tied only by the
        acronym.

    Example
        Flagged: ``Selon le Joint Research Centre (JRC), la sécheresse s'étend.``
                 ``Le Centre commun de recherche (JRC) publie une carte.``
        Flags: ``Centre commun de recherche``
        Better: ``Selon le Centre commun de recherche (JRC), la sécheresse s'étend.``
                ``Le Centre commun de recherche (JRC) publie une carte.``

    Options
        None.

    Known limits
        Only expansions written next to the acronym in parentheses are seen; a translated
        acronym (``ISW`` / ``IEG``) is a different acronym. When the words before the parenthesis
        neither spell the acronym nor start with a capital, no expansion is taken.
    """

    code = "MTQ311"
    name = "acronym-drift"
    category = "terminology"
    severity = Severity.WARNING

    def check(self, doc: Document, ctx: Context) -> Iterator[Issue]:
        first: dict[str, Expansion] = {}
        for x in expansions(doc, doc.target_language):
            ref = first.setdefault(x.acronym, x)
            if ref is x or set(ref.key) <= set(x.key) or set(x.key) <= set(ref.key):
                continue  # the same words (or a shorter form of them)
            where, related = earlier(doc, ref.start, ref.end)
            yield self.issue(
                doc, x.start, x.end,
                f"'{x.acronym}' is expanded '{related['text']}' at {where}; here '{doc.text[x.start:x.end]}'",
                [related["text"]],
                related=related,
                acronym=x.acronym,
            )
