"""Term drift inside a document: one word written in variant spellings (MTQ310)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

from ...lint.context import Context
from ...lint.registry import register
from ...lint.rule import Rule
from ...model import Document, Issue, Severity
from .terms import earlier, has_frequencies, profile, skeleton, tokens, zipf
from .variants import COMMON, Form, candidate, clusters

_KIND_TEXT = {
    "accents": "accents differ",
    "hyphenation": "hyphenation differs",
    "doubled-letter": "a letter doubled or dropped",
    "spelling": "one letter differs or two are swapped",
}


@dataclass
class _Occ:
    """The occurrences of one folded key in a document."""

    key: str
    spans: list[tuple[int, int, str]] = field(default_factory=list)  # (start, end, surface)
    surfaces: Counter = field(default_factory=Counter)
    first: int = 0
    upper_inside: int = 0  # capitalised occurrences that are not sentence-initial
    lower_inside: int = 0

    def form(self) -> Form:
        surface = self.surfaces.most_common(1)[0][0]
        cap = self.upper_inside > 0 and self.lower_inside == 0 or (
            self.upper_inside == 0 and self.lower_inside == 0 and surface[:1].isupper()
        )
        return Form(self.key, surface, len(self.spans), self.first, cap)


def _add(table: dict[str, _Occ], key: str, start: int, end: int, surface: str, initial: bool) -> None:
    occ = table.get(key)
    if occ is None:
        occ = table[key] = _Occ(key, first=start)
    occ.spans.append((start, end, surface))
    occ.surfaces[surface] += 1
    if not initial:
        if surface[:1].isupper():
            occ.upper_inside += 1
        else:
            occ.lower_inside += 1


def word_table(doc: Document, lang: str) -> dict[str, _Occ]:
    """Folded key -> occurrences, for the words worth comparing, plus two-word spans that are the
    spaced form of a hyphenated or fused word of the document (``Sud Corée`` / ``Sud-Corée``).
    Cached on the document: the document and the corpus rule share it."""
    ck = ("terminology-words", lang)
    if ck not in doc.cache:
        doc.cache[ck] = _word_table(doc, lang)
    return doc.cache[ck]


def _word_table(doc: Document, lang: str) -> dict[str, _Occ]:
    toks = [t for t in tokens(doc, lang) if candidate(t.key) and not t.all_caps]
    table: dict[str, _Occ] = {}
    for t in toks:
        _add(table, t.key, t.start, t.end, t.text, t.initial)
    # hyphenated words whose skeleton a pair of words could match
    skip = profile(lang).hyphen_meaningful
    compounds = {skeleton(k) for k in table if "-" in k and k.split("-", 1)[0] not in skip}
    all_toks = tokens(doc, lang)
    for a, b in zip(all_toks, all_toks[1:]):
        if a.paragraph != b.paragraph or "-" in a.key or "-" in b.key or len(a.key) < 2 or len(b.key) < 2:
            continue
        gap = doc.view[a.end : b.start]
        if not gap or not gap.isspace() or "\n" in gap or b.text != doc.view[b.start : b.end]:
            continue  # not adjacent, or the second word carries an elided article
        pair_key = f"{a.key} {b.key}"
        if skeleton(pair_key) in compounds:
            _add(table, pair_key, a.start, b.end, doc.view[a.start : b.end], a.initial)
    return table


@register
class TermDrift(Rule):
    """One term written in variant spellings inside a document.

    What it does
        Folds every word to a key shared by its inflected forms (case, elided article, plural and
        feminine endings), then looks for keys that are spelling variants of one another: the same
        word with different accents, a letter doubled or dropped, hyphenated, fused or spaced
        (``Sud-Corée`` / ``Sud Corée``), or, for words of at least six letters, one letter
        changed. The form the document uses most (then a known word, then the first) is the
        reference; every occurrence of another form is reported with the reference's position.
        Words whose case alone changes inside sentences are reported too when they are rare.

    Why it matters
        Machine translation renders the same word differently from one paragraph to the next
        (``canonniers``, later ``cannonniers``; ``Kharkiv``, later ``Kharkov``). Editors want one
        thing to keep one name, and a reader takes two spellings for two things.

    Example
        Flagged: ``des soldats comme canonniers`` and, two paragraphs later, ``comme cannonniers``.
        Better: ``canonniers`` both times.

    Options
        ``case`` (default true): also report case-only variants of rare words
        (``Bundestag`` / ``bundestag``).

    Known limits
        Needs a wordfreq list for the target language; without one the rule does not run.
        Two different words that differ by one letter are told apart by their frequency
        (wordfreq): when both are common words (``canon`` / ``canot``, ``marche`` / ``marché``)
        nothing is reported, so a misspelling that happens to be another common word is missed.
        Ordinary inflection is folded by suffix rules, so an irregular form (``travail`` /
        ``travaux``) is a different key, never a variant. Differences confined to the last two
        letters of a lower-case word are taken as inflection and left alone.
    """

    code = "MTQ310"
    name = "term-drift"
    category = "terminology"
    severity = Severity.WARNING
    requires = frozenset({"wordfreq"})
    options = {"case": True}

    def applies_to(self, doc: Document) -> bool:
        return super().applies_to(doc) and has_frequencies(doc.target_language)

    def check(self, doc: Document, ctx: Context) -> Iterator[Issue]:
        lang = doc.target_language
        table = word_table(doc, lang)
        forms = [occ.form() for occ in table.values()]
        for ref, variants in clusters(forms, lang):
            ref_occ = table[ref.key]
            where, related = earlier(doc, *ref_occ.spans[0][:2])
            for var, kind in variants:
                for start, end, surface in table[var.key].spans:
                    yield self.issue(
                        doc, start, end,
                        f"'{surface}' is written '{related['text']}' at {where} ({_KIND_TEXT[kind]})",
                        [_adapt(ref_occ, surface)],
                        related=related,
                        kind=kind,
                    )
        if self.opts["case"]:
            yield from self._case_variants(doc, lang, table)

    def _case_variants(self, doc: Document, lang: str, table: dict[str, _Occ]) -> Iterator[Issue]:
        initials = {t.start for t in tokens(doc, lang) if t.initial}
        for occ in table.values():
            if not (occ.upper_inside and occ.lower_inside) or " " in occ.key:
                continue
            if zipf(occ.surfaces.most_common(1)[0][0], lang) >= COMMON:
                continue
            inside = [(s, e, w) for s, e, w in occ.spans if s not in initials]
            upper = [x for x in inside if x[2][:1].isupper()]
            lower = [x for x in inside if not x[2][:1].isupper()]
            ref, other = (upper, lower) if len(upper) >= len(lower) else (lower, upper)
            if len(ref) == len(other):
                ref, other = (upper, lower) if upper[0][0] < lower[0][0] else (lower, upper)
            where, related = earlier(doc, *ref[0][:2])
            for start, end, surface in other:
                yield self.issue(
                    doc, start, end,
                    f"'{surface}' is written '{ref[0][2]}' at {where} (capitalisation differs)",
                    [ref[0][2][:1] + surface[1:]],
                    related=related,
                    kind="case",
                )


def _adapt(ref: _Occ, surface: str) -> str:
    """The reference form closest to ``surface`` in number and case: the reference surface
    that ends like it (plural or not), capitalised like it."""
    choices = list(ref.surfaces)
    plural = surface[-1:] in "sx"
    same = [c for c in choices if (c[-1:] in "sx") == plural] or choices
    best = max(same, key=lambda c: ref.surfaces[c])
    if surface[:1].isupper() and best[:1].islower():
        best = best[:1].upper() + best[1:]
    elif surface[:1].islower() and best[:1].isupper() and any(c[:1].islower() for c in choices):
        best = best[:1].lower() + best[1:]  # keep a name's capital; lower a word written lower elsewhere
    return best

