"""Calqued and reordered names (MTQ312)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ...lint.context import Context
from ...lint.patterns import PatternEntry, load_patterns
from ...lint.registry import register
from ...lint.rule import Rule
from ...model import Document, Issue, Severity
from ... import packs
from ...analysis.terminology.terms import Token, earlier, profile, tokens

# coordination never joins the parts of one name: "Paris et Berlin" is two names
_NOT_IN_NAMES = frozenset({"et", "and", "ou", "or", "à", "en", "pour", "sur", "au", "aux"})


@packs.pack_cache  # asked for every document: no file-system look-up each time
def calques(lang: str) -> tuple[PatternEntry, ...]:
    if not packs.pack_files(lang, "calques.yaml"):
        return ()
    return load_patterns(lang, "calques.yaml")


def _plain(gap: str) -> bool:
    """Only words, spaces and apostrophes: no punctuation, no line break."""
    return all(c.isalpha() or c in " '’" for c in gap)


@dataclass(frozen=True)
class Name:
    start: int
    end: int
    parts: tuple[str, ...]  # folded content words in order

    @property
    def bag(self) -> tuple[str, ...]:
        return tuple(sorted(self.parts))


def names(doc: Document, lang: str) -> list[Name]:
    """Capitalised word runs (joined by the language's small words: ``Corée du Sud``), with
    hyphenated words split into their parts (``Sud-Corée``). A sentence-initial word counts only
    when the document also writes it capitalised inside a sentence."""
    toks = tokens(doc, lang)
    connectors = profile(lang).connectors - _NOT_IN_NAMES
    inside_caps = {t.key for t in toks if t.capitalised and not t.initial}

    def is_name_word(t: Token) -> bool:
        return t.capitalised and not t.all_caps and (not t.initial or t.key in inside_caps)

    out: list[Name] = []
    i = 0
    while i < len(toks):
        if not is_name_word(toks[i]):
            i += 1
            continue
        run = [toks[i]]
        j = i + 1
        while j < len(toks) and toks[j].paragraph == toks[i].paragraph:
            gap = doc.view[run[-1].end : toks[j].start]
            if not _plain(gap):
                break  # punctuation between the words
            if is_name_word(toks[j]):
                run.append(toks[j])
                j += 1
                continue
            # connectors followed by a name word: "du Sud", "de la Guerre"
            k = j
            while k < len(toks) and toks[k].key in connectors and not toks[k].capitalised:
                k += 1
            if k > j and k < len(toks) and is_name_word(toks[k]) and _plain(doc.view[toks[j - 1].end : toks[k].start]):
                run.extend(toks[j : k + 1])
                j = k + 1
                continue
            break
        parts = tuple(p for t in run if t.key not in connectors for p in t.key.split("-") if p and p not in connectors)
        if len(parts) >= 2:
            out.append(Name(run[0].start, run[-1].end, parts))
        i = j
    return out


@register
class CalqueName(Rule):
    """A name calqued from the source language, or written in another order elsewhere in the document.

    What it does
        Two checks. (1) The language's calque pack (``rules/<lang>/calques.yaml``): known
        machine-translation calques of names, each a pattern with the preferred form
        (``Sud-Corée`` -> ``Corée du Sud``, ``Royaume Uni`` -> ``Royaume-Uni``). (2) Reordered
        names: runs of capitalised words (with ``du``, ``de la`` ... inside, hyphenated words split)
        that use the same words as an earlier name of the document in another order
        (``Corée du Sud``, later ``Sud-Corée``). The form written first is the reference.
        Reordered names are information only: French often accepts both orders of a team's or a
        product's name (``les Clippers de Los Angeles`` / ``les Los Angeles Clippers``).

    Why it matters
        Machine translation copies the word order and the capitals of the source name. A reader
        stumbles on ``Sud-Corée`` beside ``sud-coréen``; editors want one name for one thing.

    Example
        Flagged: ``Le Sud-Corée attend que la Corée du Nord envoie...``
        Flags: ``Sud-Corée``
        Better: ``La Corée du Sud attend que la Corée du Nord envoie...``

    Options
        ``entries_off``: list of calque-pack entry ids to disable; ``reorder`` (default false):
        report reordered names. Off by default: on real translated news, every reordered name it
        reported was correct French (``les Clippers de Los Angeles`` / ``les Los Angeles
        Clippers``, ``la VisuCard Zeiss``).

    Known limits
        Only calques the pack lists are found without a second form in the document; reordering
        is seen only between capitalised runs of at least two words, so a name whose translation
        changes its words (``Maison Blanche`` / ``White House``) is left to the acronym and
        source-aware checks. The article that goes with the name (``le`` / ``la``) is not fixed.
    """

    code = "MTQ312"
    name = "calque-name"
    category = "terminology"
    severity = Severity.WARNING
    options = {"entries_off": [], "reorder": False}

    def check(self, doc: Document, ctx: Context) -> Iterator[Issue]:
        lang = doc.target_language
        off = set(self.opts["entries_off"])
        entries = calques(lang)
        flagged: list[tuple[int, int]] = []
        for p in doc.paragraphs:
            for e in entries:
                if e.id in off:
                    continue
                for m in e.finditer(doc.view, p.start, p.end):
                    if m.end() > m.start():
                        flagged.append((m.start(), m.end()))
                        yield self.issue(
                            doc, m.start(), m.end(), e.render(m), [e.suggestion(m)],
                            severity=e.severity, entry=e.id,
                        )
        if self.opts["reorder"]:
            yield from self._reordered(doc, lang, flagged)

    def _reordered(self, doc: Document, lang: str, flagged: list[tuple[int, int]]) -> Iterator[Issue]:
        first: dict[tuple[str, ...], Name] = {}
        for n in names(doc, lang):
            if any(s < n.end and n.start < e for s, e in flagged):
                continue  # a known calque is never the reference form
            ref = first.setdefault(n.bag, n)
            if ref.parts == n.parts:
                continue
            where, related = earlier(doc, ref.start, ref.end)
            yield self.issue(
                doc, n.start, n.end,
                f"'{doc.text[n.start:n.end]}' names in another order '{related['text']}' ({where})",
                [related["text"]],
                related=related,
                kind="reordered",
                severity=Severity.INFO,
            )
