"""Words and phrases left in another language inside target-language sentences (MTQ101)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...analysis import wordlang
from ...lint.context import Context
from ...lint.registry import register
from ...lint.rule import Rule
from ...model import Advice, Document, Issue, Severity
from ...segment import WORD_RE
from ...analysis.foreign import lang_name, min_confidence, profile, rule_active, source_language, suggestions
from .sentence import sentence_runs
from .source_copy import source_copies


def fragments(doc: Document, ctx: Context, opts: dict) -> list[tuple[wordlang.Span, int]]:
    """Foreign spans of every sentence of ``doc`` with the index of their sentence (cached)."""
    prof = profile(doc, ctx, opts.get("languages"), opts.get("switch_cost"))
    if prof is None:
        return []
    key = ("fragments", prof)
    if key not in doc.cache:
        out = []
        for s in doc.sentences:
            for span in wordlang.foreign_spans(doc.view, s.start, s.end, prof):
                out.append((span, s.index))
        doc.cache[key] = out
    return doc.cache[key]


def covered(doc: Document, ctx: Context) -> list[tuple[int, int]]:
    """Spans reported whole by the active sentence (MTQ102) and source-copy (MTQ103) rules."""
    spans: list[tuple[int, int]] = []
    if rule_active(ctx, "MTQ102"):
        spans += [(run[0].start, run[-1].end) for run in sentence_runs(doc, ctx)]
    if doc.has_source and rule_active(ctx, "MTQ103"):
        spans += [(p.start, p.end) for p, _, _ in source_copies(doc, ctx)]
    return spans


def _in_source(doc: Document, start: int, text: str) -> bool:
    """Every word of ``text`` occurs in the aligned source of the paragraph at ``start``, alone or
    as part of a hyphenated compound ("Modeling-Technologie")."""
    p = doc.paragraph_at(start)
    if p is None or not p.source:
        return False
    src = {part.casefold() for w in WORD_RE.findall(p.source) for part in (w, *w.split("-"))}
    words = [w.casefold() for w in WORD_RE.findall(text)]
    return bool(words) and all(w in src for w in words)


_ACRONYM = re.compile(r"[A-ZÄÖÜ]{2,}[0-9]*")


def _name_part(doc: Document, start: int, end: int, text: str) -> bool:
    """A single capitalised word kept as the source writes it, right after an acronym or a
    capitalised word the source writes too: part of a name ("ARD Mediathek", "Deutsche Bahn")."""
    if " " in text.strip() or not text[:1].isupper():
        return False
    p = doc.paragraph_at(start)
    if p is None or not p.source or not re.search(rf"(?<!\w){re.escape(text)}(?!\w)", p.source):
        return False
    before = WORD_RE.findall(doc.view[p.start : start])
    prev = before[-1] if before else ""
    gap = doc.view[start - len(prev) - 1 : start] if prev else ""
    if not prev or not gap.endswith(" "):
        return False
    return bool(_ACRONYM.fullmatch(prev)) or (
        prev[:1].isupper() and re.search(rf"(?<!\w){re.escape(prev)}\s+{re.escape(text)}(?!\w)", p.source) is not None
    )


@register
class UntranslatedFragment(Rule):
    """Words or phrases left in another language inside a target-language sentence.

    What it does
        Gives every word a probability in the target language and in each candidate language
        (English and German by default, plus the source language of the run) from wordfreq
        frequencies, with a character-trigram model for words the lists lack, and smooths them over
        neighbouring words with a hidden Markov model (forward-backward), so that a run of foreign
        words is found as one span with the language it seems to be in and a confidence. Names
        (capitalised words and their connecting words), acronyms, numbers, URLs, e-mail addresses,
        handles, hashtags, code, quoted titles, a title right after its cue word even without
        quotes (``le blog intitulé Running with Friends``, ``titre original : ...``), a short
        quotation that is a whole parenthesis (the original term after its translation:
        ``une action de groupe (« class action »)``) and the established loanwords of
        ``rules/<lang>/loanwords.txt`` (trades' and sports' own terms among them) count as neutral. Common function-word leftovers get a
        suggestion from ``rules/<lang>/untranslated.yaml``. Sentences reported whole by MTQ102 and
        segments reported by MTQ103 are left to them. With an aligned source, a fragment in a third
        language whose words the source itself uses ("Fast forward" in a German post, an English
        trade term the German text writes too) is the author's choice, kept as written, and is not
        reported; words of the source language copied into the target still are.

    Why it matters
        Machine translation leaves pieces untranslated, sometimes from a pivot language rather than
        the source ("At a rencontre" in a text translated from German); readers notice at once.

    Example
        Flagged: ``At a rencontre en Corée du Nord, Vladimir Poutine et Kim Jong Un ...``
        Flags: ``At a``
        Better: ``Lors d'une rencontre en Corée du Nord, Vladimir Poutine et Kim Jong Un ...``

    Options
        ``min_confidence``: findings below it are dropped (default: the ``min_confidence`` of the
        target language's settings, ``tool.mtqa.languages.<lang>``, else the run's
        ``--min-confidence``, 0.8). ``languages``: the candidate languages (default: the language
        settings' ``foreign_languages``, else those of ``rules/<lang>/untranslated.yaml``).
        ``min_letters`` (default 3): shorter fragments, and single words of fewer than
        ``min_letters + 1`` letters, are ignored. ``switch_cost`` (default 1.2): the cost in nats
        of a change of language; higher means fewer, longer fragments. The language settings may
        also add ``loanwords = [...]`` to the allowlist.

    Known limits
        A single foreign word that French also uses a lot ("meeting", "business") is left alone
        unless it is part of a longer foreign run; German common nouns are capitalised and so look
        like names unless neighbouring words are German too; a quotation deliberately kept in its
        original language is reported unless it looks like a title.
    """

    code = "MTQ101"
    name = "untranslated-fragment"
    category = "untranslated"
    severity = Severity.INFO  # follows its precision on real MT (rules/fr/precision.yaml)
    requires = frozenset({"wordfreq"})
    options = {"min_confidence": None, "languages": None, "min_letters": 3, "switch_cost": None}

    def check(self, doc: Document, ctx: Context) -> Iterator[Issue]:
        target = doc.target_language
        if target == "und":
            return
        threshold = min_confidence(self.opts, ctx, target)
        skip = covered(doc, ctx)
        src_lang = source_language(doc) if doc.has_source else None
        for span, sent in fragments(doc, ctx, self.opts):
            if span.confidence < threshold or any(a <= span.start and span.end <= b for a, b in skip):
                continue
            text = doc.text[span.start : span.end]
            letters = sum(1 for c in text if c.isalpha())
            # one short word alone ("dpa", "epd") is more often an abbreviation than a leftover
            if letters < self.opts["min_letters"] or (span.words == 1 and letters < self.opts["min_letters"] + 1):
                continue
            if src_lang and span.language != src_lang and _in_source(doc, span.start, text):
                continue  # the source itself writes these foreign words: kept as the author wrote them
            if src_lang and _name_part(doc, span.start, span.end, text):
                continue  # "ARD Mediathek": a capitalised word of a name kept as the source writes it
            yield self.issue(
                doc, span.start, span.end,
                f"{lang_name(span.language)} fragment '{text}' left in {lang_name(target)} text",
                suggestions(target, text) or [Advice("translate")],
                confidence=span.confidence,
                language=span.language,
            )
