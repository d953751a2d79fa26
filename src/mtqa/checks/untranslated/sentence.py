"""Whole sentences and paragraphs left in another language (MTQ102)."""

from __future__ import annotations

from collections.abc import Iterator

from ...analysis import langid
from ...lint.context import Context
from ...lint.registry import register
from ...lint.rule import Rule
from ...model import Advice, Document, Issue, Segment, Severity
from ...segment import WORD_RE
from ... import packs
from ...analysis.foreign import lang_name, min_confidence, pack, rule_active


@packs.pack_cache
def _loanwords(lang: str) -> frozenset[str]:
    """The one-word loanwords of the language's pack, in lower case."""
    return frozenset(w.lower() for w in pack(lang)["loanwords"] if " " not in w)


SHARED_MARGIN = 0.4  # Zipf points: a word this close to as frequent in the target is one both languages use


def target_word_share(text: str, target: str, other: str) -> float:
    """Share of lower-case words that the target language uses: words about as frequent in it
    as in ``other`` or more (a word both languages write, as French and English ``on``, counts
    for the target, within :data:`SHARED_MARGIN`), and the target's established loanwords
    (``weekend``, ``okay``: French chat and colloquial writing uses them)."""
    words = [w for w in WORD_RE.findall(langid.mask_noise(text)) if w[0].islower()]
    if not words:
        return 1.0
    loans = _loanwords(target)
    hits = sum(
        1 for w in words
        if w.lower() in loans or langid.zipf(w, target) >= langid.zipf(w, other) - SHARED_MARGIN
    )
    return hits / len(words)


@register
class UntranslatedSentence(Rule):
    """A whole sentence or paragraph in another language than the target.

    What it does
        Uses the language identified for each sentence (langdetect, seeded; names, numbers and URLs
        masked) and flags sentences of at least ``min_words`` words identified as another language
        with a probability of at least ``min_confidence``, when word frequencies agree (fewer than
        ``max_target_share`` of their lower-case words are more frequent in the target language).
        Consecutive flagged sentences of a paragraph are reported as one span; a segment that copies
        its source is left to MTQ103.

    Why it matters
        Machine translation sometimes passes a sentence through untouched, and scraped pages mix in
        text from other language editions; a reader sees it at once.

    Example
        Flagged: ``La grève commence lundi. The drivers will stay at home all week. Les trains resteront au dépôt.``
        Flags: ``The drivers will stay at home all week.``
        Better: ``La grève commence lundi. Les conducteurs resteront chez eux. Les trains resteront au dépôt.``

    Options
        ``min_words`` (default 5), ``min_confidence`` (default: the target language's settings, else
        the run's ``min_confidence``, 0.8),
        ``max_target_share`` (default 0.5).

    Known limits
        Short sentences (fewer than ``min_words`` words) are left to the fragment rule; a quotation
        deliberately kept in its original language is reported too (suppress it with a baseline).
    """

    code = "MTQ102"
    name = "untranslated-sentence"
    category = "untranslated"
    severity = Severity.ERROR
    options = {"min_words": 5, "min_confidence": None, "max_target_share": 0.5}

    def check(self, doc: Document, ctx: Context) -> Iterator[Issue]:
        target = doc.target_language
        copies: set[int] = set()
        if doc.has_source and rule_active(ctx, "MTQ103"):
            from .source_copy import source_copies

            copies = {p.index for p, _, _ in source_copies(doc, ctx)}
        for run in sentence_runs(doc, ctx, self.opts):
            if run[0].parent in copies:
                continue  # the whole segment is a copy of its source: MTQ103 says it better
            lang = run[0].language
            conf = min(s.confidence for s in run)
            para = doc.paragraphs[run[0].parent] if run[0].parent is not None else None
            whole = para is not None and len(run) == len(doc.sentences_of(para))
            what = "Paragraph" if whole else ("Sentence" if len(run) == 1 else f"{len(run)} sentences")
            yield self.issue(
                doc, run[0].start, run[-1].end,
                f"{what} in {lang_name(lang)} left in {lang_name(target)} text",
                [Advice("translate")],
                confidence=conf,
                language=lang,
            )


def sentence_runs(doc: Document, ctx: Context, opts: dict | None = None) -> list[list[Segment]]:
    """Runs of consecutive sentences of a paragraph left in another language (MTQ102's findings,
    shared with MTQ101 so that both never report the same words)."""
    target = doc.target_language
    if target == "und":
        return []
    if opts is None:
        opts = {**UntranslatedSentence.options, **ctx.config.rule_options(UntranslatedSentence.code)[0]}
    min_conf = min_confidence(opts, ctx, target)
    key = ("MTQ102", min_conf, opts["min_words"], opts["max_target_share"])
    if key in doc.cache:
        return doc.cache[key]
    runs: list[list[Segment]] = []
    for s in doc.sentences:
        if s.language in ("und", target) or s.confidence < min_conf:
            continue
        text = doc.view[s.start : s.end]
        if len(WORD_RE.findall(langid.mask_noise(text))) < opts["min_words"]:
            continue
        if target_word_share(text, target, s.language) >= opts["max_target_share"]:
            continue
        if runs and runs[-1][-1].parent == s.parent and runs[-1][-1].index == s.index - 1 and runs[-1][-1].language == s.language:
            runs[-1].append(s)
        else:
            runs.append([s])
    doc.cache[key] = runs
    return runs
