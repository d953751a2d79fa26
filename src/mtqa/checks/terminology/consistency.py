"""One source term translated in different ways inside a document (MTQ330)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from ...lint.context import Context
from ...lint.registry import register
from ...lint.rule import Rule
from ...model import Document, Issue, Severity
from ...segment import WORD_RE
from .glossary_rules import glossary_index, source_index
from .matching import TermIndex
from .terms import earlier, gender_fold, strip_accents, tokens, unify, zipf

MIN_SOURCE_LEN = 5  # shorter source words are not taken as terms
COMMON_SOURCE = 4.5  # Zipf frequency from which a source word is too common to be a term
COMMON_TARGET = 4.0  # same for a target word taken as a rendering


@register
class SourceTermInconsistency(Rule):
    """One source term rendered differently in different segments of a document.

    What it does
        With an aligned source (``--source``). For glossary entries: when a source term occurs in
        several segments and their targets use different renderings of the entry (the preferred
        term in one, an admitted alternative or a forbidden variant in another), every rendering
        other than the first is reported. Without a glossary entry, a simple alignment by
        co-occurrence over segments: a source word of at least five letters that is not a common
        word occurs in three segments or more; its segments split between two target words, each
        found only in segments with that source word and never together, the more frequent one
        in at least two segments, and no other word could be the rendering of the rest. The
        minority rendering is reported with the majority one as suggestion.

    Why it matters
        "Inconsistency in target" is the classic check of translation QA tools: the same source
        term translated two ways confuses readers (two names, one thing) and breaks terminology
        work downstream.

    Example
        Flagged: ``Schuldenbremse`` rendered ``frein à l'endettement`` in two segments and
        ``plafond de la dette`` in a third.
        Better: ``frein à l'endettement`` in the third segment too.

    Options
        ``min_segments`` (default 3): segments the source word must occur in (without a glossary).

    Known limits
        The alignment looks at single words: a rendering spread over several words is found
        through its most specific word. Documents with few segments give little evidence, so the
        check stays silent unless the split is clean; synonyms used on purpose for style are
        reported like any other inconsistency.
    """

    code = "MTQ330"
    name = "source-term-inconsistency"
    category = "terminology"
    severity = Severity.WARNING
    requires = frozenset({"source"})
    options = {"min_segments": 2}

    def check(self, doc: Document, ctx: Context) -> Iterator[Issue]:
        paras = [p for p in doc.paragraphs if p.source]
        if len(paras) < 2:
            return
        covered: set[str] = set()
        yield from self._glossary(doc, ctx, paras, covered)
        yield from self._cooccurrence(doc, paras, covered)

    # -- with a glossary ---------------------------------------------------------------------------
    def _glossary(self, doc: Document, ctx: Context, paras, covered: set[str]) -> Iterator[Issue]:
        idx = glossary_index(ctx, doc.target_language)
        if not idx.entries:
            return
        src_index = source_index(idx, doc.source_language)
        renderings = _renderings(ctx, idx, doc.target_language)
        first: dict[int, tuple[str, int, int]] = {}
        for p in paras:
            src = unify(p.source or "")
            entries = {id(e): e for _, _, e in src_index.find_loose(src, 0, len(src))}
            for e in entries.values():
                covered.update(w.casefold() for t in e.source_terms(doc.source_language) for w in WORD_RE.findall(t))
            for s, t_end, (entry, term) in renderings.find(doc.view, p.start, p.end):
                if id(entry) not in entries:
                    continue
                ref = first.setdefault(id(entry), (term, s, t_end))
                if renderings.key(ref[0])[0] == renderings.key(term)[0]:
                    continue
                where, related = earlier(doc, ref[1], ref[2])
                yield self.issue(
                    doc, s, t_end,
                    f"'{doc.text[s:t_end]}' renders the same source term as '{related['text']}' "
                    f"({where}); the glossary prefers '{entry.target or ref[0]}'",
                    [entry.target or ref[0]],
                    related=related,
                )

    # -- without: co-occurrence over segments ------------------------------------------------------------
    def _cooccurrence(self, doc: Document, paras, covered: set[str]) -> Iterator[Issue]:
        lang, src_lang = doc.target_language, doc.source_language
        min_segments = self.opts["min_segments"]
        src_sets: list[set[str]] = []
        tgt_sets: list[set[str]] = []
        spans: list[dict[str, tuple[int, int]]] = []
        by_para: dict[int, list] = {}
        for t in tokens(doc, lang):
            by_para.setdefault(t.paragraph, []).append(t)
        for p in paras:
            words = {w.casefold() for w in WORD_RE.findall(p.source or "") if len(w) >= MIN_SOURCE_LEN and w.isalpha()}
            if src_lang:
                words = {w for w in words if zipf(w, src_lang) < COMMON_SOURCE}
            src_sets.append(words - covered)
            found: dict[str, tuple[int, int]] = {}
            for t in by_para.get(p.index, ()):
                if len(t.key) >= 4 and t.key.isalpha() and zipf(t.text, lang) < COMMON_TARGET:
                    found.setdefault(gender_fold(t.key, lang), (t.start, t.end))
            tgt_sets.append(set(found))
            spans.append(found)
        df_src = Counter(w for s in src_sets for w in s)
        df_tgt = Counter(t for s in tgt_sets for t in s)
        caps = {k: doc.text[a][:1].isupper() for sp in spans for k, (a, _) in sp.items()}
        for word, n in sorted(df_src.items()):
            if n < min_segments:
                continue
            segs = [i for i, s in enumerate(src_sets) if word in s]
            # target words found only in this source word's segments, never in all of them
            co = Counter(t for i in segs for t in tgt_sets[i])
            exclusive = {t for t, c in co.items() if c == df_tgt[t] and c < n}
            kept = [t for t in exclusive if caps[t] and cognate(word, t)]
            if len(kept) != 1:
                continue
            t1 = kept[0]
            with_t1 = [i for i in segs if t1 in tgt_sets[i]]
            rest = [i for i in segs if t1 not in tgt_sets[i]]
            # each remaining segment holds one other name found only there: the other rendering
            cands = {t for t in exclusive if t != t1 and caps[t] and not any(t in tgt_sets[i] for i in with_t1)}
            alt = [t for t in cands if all(t in tgt_sets[i] for i in rest) and similar(word, t)]
            if len(alt) != 1 or any(len(cands & tgt_sets[i]) != 1 for i in rest):
                continue
            t2 = alt[0]
            if len(with_t1) < len(rest):
                continue  # the name kept as in the source is the minority: no clear reference
            where, related = earlier(doc, *spans[with_t1[0]][t1])
            for i in rest:
                s, e = spans[i][t2]
                yield self.issue(
                    doc, s, e,
                    f"source word '{word}' is rendered '{related['text']}' elsewhere ({where}) but '{doc.text[s:e]}' here",
                    [related["text"]],
                    related=related,
                    source_term=word,
                )


def similar(source_word: str, target_key: str, ratio: float = 0.5) -> bool:
    """Loosely alike (difflib ratio, accents and case aside): ``Belarus`` / ``Biélorussie``."""
    from difflib import SequenceMatcher

    a, b = strip_accents(source_word.casefold()), strip_accents(target_key.casefold())
    return SequenceMatcher(None, a, b).ratio() >= ratio


def cognate(source_word: str, target_key: str) -> bool:
    """The target word keeps the source word's form (a name or loanword left as it is, maybe
    with an ending): the same first five letters, accents and case aside, or the same word."""
    a, b = strip_accents(source_word.casefold()), strip_accents(target_key.casefold())
    return a == b or (min(len(a), len(b)) >= 5 and a[:5] == b[:5])


def _renderings(ctx: Context, idx, lang: str) -> TermIndex:
    """Every accepted or forbidden target term of the glossary, with (entry, term) payloads."""
    key = ("terminology-renderings", tuple(ctx.config.glossaries), lang)
    r = ctx.state.get(key)
    if r is None:
        r = TermIndex(lang)
        for e in idx.entries:
            for t in dict.fromkeys(x for x in (e.target, *e.alternatives, *e.forbidden) if x):
                r.add(t, (e, t))
        ctx.state[key] = r
    return r
