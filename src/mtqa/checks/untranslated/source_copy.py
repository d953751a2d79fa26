"""Target segments identical or nearly identical to their source (MTQ103)."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator

from ...analysis import langid, wordlang
from ...lint.context import Context
from ...lint.registry import register
from ...lint.rule import Rule
from ...model import Advice, Document, Issue, Segment, Severity
from ...analysis.foreign import lang_name, min_confidence, profile, source_language

_PUNCT = re.compile(r"[\W_]+", re.UNICODE)


def normalise(text: str) -> str:
    """Case-folded words separated by single spaces (punctuation and spacing do not count)."""
    return _PUNCT.sub(" ", text.casefold()).strip()


def similarity(a: str, b: str) -> float:
    """Character similarity of two normalised texts (difflib ratio, 1.0 for identical)."""
    if a == b:
        return 1.0
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    if sm.real_quick_ratio() < 0.5 or sm.quick_ratio() < 0.5:
        return sm.quick_ratio()
    return sm.ratio()


def target_share(doc: Document, seg: Segment, prof: wordlang.Profile) -> tuple[float, int]:
    """Share of the segment's evidence-carrying words that are established target-language
    words (at least as frequent there as in any candidate language), and how many there are."""
    # capitalised words judged only as possible nouns or headline words do not count: a segment of
    # product or company names ("Network Service Gateway Nokia") is rightly left as it is
    tokens = [
        t for t in wordlang.tokenize(doc.view, seg.start, seg.end, prof)
        if t.kind == wordlang.WORD and (not t.half or t.initial)
    ]
    if not tokens:
        return 1.0, 0
    hits = 0
    for t in tokens:
        w = t.text.casefold()
        zs = wordlang.established_zipf(prof.langs, [wordlang.zipf(w, lang) for lang in prof.langs])
        if zs[0] > wordlang.FLOOR and zs[0] >= max(zs[1:], default=0.0):
            hits += 1
    return hits / len(tokens), len(tokens)


def source_copies(doc: Document, ctx: Context, opts: dict | None = None) -> list[tuple[Segment, float, str | None]]:
    """Paragraphs that copy their source: (paragraph, similarity, language of the copy). Shared
    with MTQ101, which leaves these paragraphs alone."""
    if opts is None:
        opts = {**SourceCopy.options, **ctx.config.rule_options(SourceCopy.code)[0]}
    key = ("MTQ103", opts["min_similarity"], opts["min_words"], opts["max_target_share"])
    if key in doc.cache:
        return doc.cache[key]
    prof = profile(doc, ctx)
    out = []
    for p in doc.paragraphs:
        if p.source is None or prof is None:
            continue
        tgt, src = normalise(doc.view[p.start : p.end]), normalise(p.source)
        if not tgt or not src:
            continue
        sim = similarity(tgt, src)
        if sim < opts["min_similarity"]:
            continue
        share, words = target_share(doc, p, prof)
        if words < opts["min_words"] or share >= opts["max_target_share"]:
            continue
        out.append((p, sim, _copy_language(p.source, source_language(doc))))
    doc.cache[key] = out
    return out


def _copy_language(source: str, declared: str | None) -> str | None:
    """The language of a copied source segment: the declared source language, unless the source
    segment is plainly in another one (a quotation the source itself keeps in English)."""
    lang, conf = langid.detect(source)
    if declared and lang not in ("und", declared) and conf >= 0.9:
        return lang
    return declared


@register
class SourceCopy(Rule):
    """A target segment identical or nearly identical to its source: it was not translated.

    What it does
        With a line-aligned source (``mtqa check TARGET --source SOURCE``), compares each segment
        with its source after case folding and without punctuation or spacing, and flags it when
        the two are at least ``min_similarity`` alike and the segment does not read as the target
        language: it has at least ``min_words`` words that are not names, numbers, codes or
        loanwords, and fewer than ``max_target_share`` of them are established target-language
        words.
        A source segment that is itself in another language than the source's (an English
        quotation in a German post) is faithful when copied: it is not reported, and the other
        untranslated-text rules leave it alone too.

    Why it matters
        A copy-through is the most visible failure of machine translation; it also happens when a
        pipeline falls back to the source on an error.

    Example
        Source (de): ``Die Stadt baut eine neue Brücke über den Fluss.``
        Flagged: ``Die Stadt baut eine neue Brücke über den Fluss.``
        Better: ``La ville construit un nouveau pont sur le fleuve.``

    Options
        ``min_similarity`` (default 0.9), ``min_words`` (default 3), ``max_target_share``
        (default 0.5); findings under ``min_confidence`` (rule option, language setting or the run's
        ``--min-confidence``) are dropped, the confidence being the similarity.

    Known limits
        Segments of one or two words ("Plätzchenbacken?") and segments made only of names, product
        codes or placeholders are left alone, since copying them is usually right.
    """

    code = "MTQ103"
    name = "source-copy"
    category = "untranslated"
    severity = Severity.ERROR
    requires = frozenset({"source", "wordfreq"})
    options = {"min_similarity": 0.9, "min_words": 3, "max_target_share": 0.5, "min_confidence": None}

    def check(self, doc: Document, ctx: Context) -> Iterator[Issue]:
        threshold = min_confidence(self.opts, ctx, doc.target_language)
        declared = source_language(doc)
        for p, sim, lang in source_copies(doc, ctx, self.opts):
            if sim < threshold or (declared and lang != declared):
                continue  # the source itself quotes this passage in another language: kept as it is
            what = "identical to its source" if sim >= 1.0 else f"nearly identical to its source ({sim:.0%} alike)"
            where = f" ({lang_name(lang)})" if lang else ""
            yield self.issue(
                doc, p.start, p.end,
                f"Segment is {what}{where}: not translated",
                [Advice("translate")],
                confidence=sim,
                language=lang,
            )

