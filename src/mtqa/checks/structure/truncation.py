"""Paragraphs cut off mid-sentence (MTQ420, MTQ421)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ... import packs
from ...analysis import source_shape
from ...lint.context import Context
from ...lint.registry import register
from ...lint.rule import Rule
from ...model import Advice, Document, Issue, Severity
from ...segment import WORD_RE
from .boilerplate import residue

_ELLIPSIS = re.compile(r"(?:\.\.\.|…)\s*$")
_BRACKETED = re.compile(r"[\[(]\s*(?:\.\.\.|…)\s*[\])]\s*$")
_FINAL = ".!?…:;»\"”)’'*]"
_QUOTES_OPEN = "«“\""
_QUOTES_CLOSE = "»”\""


@packs.pack_cache
def function_words(lang: str) -> frozenset[str]:
    data = packs.load_yaml(lang, "function_words.yaml")
    words: set[str] = set()
    for key in ("determiners", "prepositions", "conjunctions"):
        words.update(str(w).lower() for w in data.get(key, []))
    return frozenset(words)


def _last_word(text: str) -> re.Match[str] | None:
    last = None
    for last in WORD_RE.finditer(text):
        pass
    return last


def _inside_quote(text: str) -> bool:
    opens = sum(text.count(q) for q in "«“")
    closes = sum(text.count(q) for q in "»”")
    return opens > closes or text.count('"') % 2 == 1


@register
class TruncatedTeaser(Rule):
    """A paragraph that ends in a trailing ellipsis: a teaser cut off by the site.

    What it does
        Flags a paragraph whose last characters are "..." or "…", outside a quotation and not an
        elision mark such as "[…]". It is a warning when the word before the ellipsis cannot end a
        sentence (a determiner, preposition or conjunction from ``rules/<lang>/function_words.yaml``)
        or a later paragraph repeats the teaser in full; otherwise it is information. With an
        aligned source that trails off too, the ellipsis is faithful and is not reported.

    Why it matters
        Listing pages cut article teasers at a fixed length ("dans son attaque contre..."); scraped
        along with the article, they read as broken sentences.

    Example
        Flagged: ``Le maire redoute que la fermeture de l'usine ne pèse sur les commerces du...``
        Flags: ``du...``
        Better: ``Le maire redoute que la fermeture de l'usine ne pèse sur les commerces du centre-ville.``

    Options
        ``min_words`` (default 4): shorter paragraphs are left alone.
        ``report_weak`` (default false): also report, as information, an ellipsis after a complete
        word with no later repeat (often a rhetorical ellipsis in chat or forum text).

    Known limits
        A teaser cut after a complete word and never repeated is only found with ``report_weak``.
    """

    code = "MTQ420"
    name = "truncated-teaser"
    category = "truncation"
    severity = Severity.WARNING
    options = {"min_words": 4, "report_weak": False}

    def check(self, doc: Document, ctx: Context) -> Iterator[Issue]:
        fw = function_words(doc.target_language)
        doc_end = doc.paragraphs[-1].end if doc.paragraphs else 0
        for p in doc.paragraphs:
            text = doc.view[p.start : p.end]
            m = _ELLIPSIS.search(text)
            if not m or _BRACKETED.search(text) or _inside_quote(text[: m.start()]):
                continue
            if source_shape.trails_off(p.source):
                continue
            words = WORD_RE.findall(text)
            if len(words) < self.opts["min_words"]:
                continue
            last = words[-1].lower()
            head = text[: m.start()].rstrip()
            repeated = len(head) > 20 and doc.view.find(head, p.end, doc_end) >= 0
            strong = last in fw or last.endswith("'") or repeated
            if not strong and not self.opts["report_weak"]:
                continue
            start = p.start + m.start()
            # point at the last word and the ellipsis: the place where the text breaks
            lw = _last_word(text[: m.start()])
            if lw is not None:
                start = p.start + lw.start()
            why = "cut after a word that cannot end a sentence" if last in fw else (
                "its full text follows later" if repeated else "ends in an ellipsis"
            )
            yield self.issue(
                doc, start, p.start + m.end(),
                f"Paragraph looks like a truncated teaser: {why}",
                [Advice("complete the sentence or remove the teaser")],
                severity=self.effective_severity if strong else Severity.INFO,
            )


@register
class TruncatedParagraph(Rule):
    """A paragraph cut off mid-sentence, with no final punctuation.

    What it does
        Flags a paragraph of at least ``min_words`` words that ends without punctuation on a word that
        cannot end a sentence (a determiner, preposition or conjunction from
        ``rules/<lang>/function_words.yaml``), and, as information, the last paragraph of an
        article when it has ``min_words_last`` words or more but no final punctuation while the
        article's other long paragraphs all have one (a credit tag such as ". dpa" is not a cut).
        With an aligned source, a segment whose source ends without punctuation too (a chat turn,
        a product line, a source cut off itself) is faithful and is not reported.

    Why it matters
        Scrapers cut articles at a length limit ("l'organisation qui supervise le"); machine
        translation sometimes drops the end of a long sentence.

    Example
        Flagged: ``La commune va rénover trois écoles, selon l'adjoint qui suit le``
        Flags: ``le``
        Better: ``La commune va rénover trois écoles, selon l'adjoint qui suit le dossier.``

    Options
        ``min_words`` (default 5), ``min_words_last`` (default 10).

    Known limits
        A paragraph cut after a complete word is found only when it is the last paragraph of the
        document; headings are left alone since they have no final punctuation by design.
    """

    code = "MTQ421"
    name = "truncated-paragraph"
    category = "truncation"
    severity = Severity.WARNING
    options = {"min_words": 5, "min_words_last": 10}

    def check(self, doc: Document, ctx: Context) -> Iterator[Issue]:
        fw = function_words(doc.target_language)
        known = residue(doc)
        flagged_last = False
        for p in doc.paragraphs:
            if p.kind == "heading":
                continue
            text = doc.view[p.start : p.end].rstrip()
            if not text or text[-1] in _FINAL or source_shape.ends_open(p.source):
                continue
            words = list(WORD_RE.finditer(text))
            if len(words) < self.opts["min_words"]:
                continue
            last = words[-1]
            lw = last.group().lower()
            if (lw in fw or lw.endswith("'")) and last.end() == len(text):
                flagged_last = flagged_last or p.index == _last_content(doc, known)
                yield self.issue(
                    doc, p.start + last.start(), p.start + last.end(),
                    f"Paragraph is cut off after '{last.group()}', a word that cannot end a sentence",
                    [Advice("complete the sentence")],
                )
        li = _last_content(doc, known)
        if li is None or flagged_last or not _punctuates(doc, li, self.opts["min_words"]):
            return
        p = doc.paragraphs[li]
        text = doc.view[p.start : p.end].rstrip()
        words = list(WORD_RE.finditer(text))
        if (
            not source_shape.ends_open(p.source)
            and p.kind not in ("heading", "list-item")
            and len(words) >= self.opts["min_words_last"]
            and text[-1] not in _FINAL
            and text[-1].isalpha()
            and words[-1].group().lower() not in fw
            and not _CREDIT_TAIL.search(text)
        ):
            last = words[-1]
            yield self.issue(
                doc, p.start + last.start(), p.start + last.end(),
                "The article's last paragraph ends without final punctuation: it may be cut off",
                [Advice("complete the sentence")],
                severity=Severity.INFO,
            )


_CREDIT_TAIL = re.compile(r"[.!?…»\"]\s+\S{1,12}$")  # "... sur le podium. dpa": a credit tag


def _punctuates(doc: Document, last: int, min_words: int) -> bool:
    """Whether the document ends its other long paragraphs with punctuation (chat and product
    listings often do not, and there a missing final stop says nothing)."""
    ends = [
        doc.view[p.start : p.end].rstrip()[-1] in _FINAL
        for p in doc.paragraphs[:last]
        if p.kind not in ("heading", "list-item") and len(WORD_RE.findall(doc.view[p.start : p.end])) >= min_words
    ]
    return len(ends) >= 2 and sum(ends) >= 0.8 * len(ends)


def _last_content(doc: Document, known: dict) -> int | None:
    """Index of the last paragraph that is not page residue."""
    for p in reversed(doc.paragraphs):
        if p.index not in known:
            return p.index
    return None
