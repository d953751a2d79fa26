"""Scraped page residue: navigation labels, sharing buttons, credits (MTQ401-MTQ403)."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from dataclasses import replace

from ...lint.context import Context
from ...lint.patterns import PatternEntry, load_patterns
from ...lint.registry import register
from ...lint.rule import CorpusRule, Rule
from ...model import Advice, Document, Issue, Severity
from ...segment import WORD_RE

_SENT_PUNCT = ".!?…"


def _patterns(lang: str) -> tuple[PatternEntry, ...]:
    return load_patterns(lang, "boilerplate.yaml")


def residue(doc: Document) -> dict[int, list[tuple[PatternEntry, int, int, str]]]:
    """Pattern matches per paragraph index (cached on the document)."""
    key = ("boilerplate", doc.target_language)
    if key in doc.cache:
        return doc.cache[key]
    out: dict[int, list[tuple[PatternEntry, int, int, str]]] = {}
    entries = _patterns(doc.target_language)
    for p in doc.paragraphs:
        for e in entries:
            for m in e.finditer(doc.view, p.start, p.end):
                if m.end() > m.start():
                    out.setdefault(p.index, []).append((e, m.start(), m.end(), e.render(m)))
    doc.cache[key] = out
    return out


def label_like(text: str, max_words: int) -> bool:
    """A short line with no sentence punctuation: the shape of a page label."""
    t = text.strip()
    if not t or t[-1] in _SENT_PUNCT or len(t) > 60:
        return False
    words = WORD_RE.findall(t)
    return 0 < len(words) <= max_words and any(c.isalpha() for c in t)


@register
class Boilerplate(Rule):
    """Page residue from a pack of patterns: navigation, comments, sharing, paywall, cookies, credits.

    What it does
        Matches every paragraph against the language's boilerplate pack
        (``rules/<lang>/boilerplate.yaml``). Most entries must match a whole line, so a sentence that
        merely contains "commentaires" or "partager" is left alone. The finding names the entry.

    Why it matters
        Scraped articles carry the site around them: "Aller au contenu", "Lire aussi :", "Partager",
        "Membres". Published as part of a translated article, they show at once that nobody read it.

    Example
        Flagged: ``Le maire a inauguré la nouvelle école lundi.``
                 ``Lire aussi :``
                 ``Les cours commencent en septembre.``
        Flags: ``Lire aussi :``
        Better: ``Le maire a inauguré la nouvelle école lundi.``
                ``Les cours commencent en septembre.``

    Options
        ``entries_off``: list of pack entry ids to disable (e.g. ``["image-credit"]``).

    Known limits
        Only what the pack describes is found; add site-specific labels to a user pack
        (``packs = ["my_rules"]`` with ``my_rules/fr/boilerplate.yaml``).
    """

    code = "MTQ401"
    name = "boilerplate"
    category = "boilerplate"
    severity = Severity.WARNING
    options = {"entries_off": []}

    def check(self, doc: Document, ctx: Context) -> Iterator[Issue]:
        off = set(self.opts["entries_off"])
        for _, matches in sorted(residue(doc).items()):
            for entry, s, e, msg in matches:
                if entry.id in off:
                    continue
                yield self.issue(doc, s, e, msg[0].upper() + msg[1:], [Advice("remove")], severity=entry.severity, pattern=entry.id, label=entry.label)


@register
class PageLabel(Rule):
    """A short verbless line inside a run of page residue.

    What it does
        Flags a line of at most ``max_words`` words without sentence punctuation when it sits between
        two residue lines, or next to one when it is a single word or starts in lower case
        ("Dernier" between "commentaires" and a teaser).

    Why it matters
        Site sections and widget titles have no fixed wording, so no pattern pack lists them all;
        their place among known residue gives them away.

    Example
        Flagged: ``Le conseil a voté le budget lundi soir.``
                 ``commentaires``
                 ``Dernier``
        Flags: ``Dernier``
        Better: ``Le conseil a voté le budget lundi soir.``

    Options
        ``max_words`` (default 3).

    Known limits
        A one-word article title placed right after a skip link can be taken for a label.
    """

    code = "MTQ402"
    name = "page-label"
    category = "boilerplate"
    severity = Severity.WARNING
    options = {"max_words": 3}

    def check(self, doc: Document, ctx: Context) -> Iterator[Issue]:
        known = residue(doc)
        paras = doc.paragraphs
        flagged: set[int] = set(known)
        changed = True
        candidates = [p for p in paras if p.index not in known and label_like(doc.view[p.start : p.end], self.opts["max_words"])]
        while changed:  # labels next to labels: grow the residue zone until it is stable
            changed = False
            for p in candidates:
                if p.index in flagged:
                    continue
                prev_r = p.index - 1 in flagged
                next_r = p.index + 1 in flagged
                text = doc.view[p.start : p.end].strip()
                single = len(WORD_RE.findall(text)) == 1 or text[0].islower()
                if (prev_r and next_r) or ((prev_r or next_r) and single):
                    flagged.add(p.index)
                    changed = True
        for p in candidates:
            if p.index in flagged:
                yield self.issue(doc, p.start, p.end, f"Page label '{doc.text[p.start:p.end]}' among scraped residue", [Advice("remove")])


def _norm_label(text: str) -> str:
    t = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(WORD_RE.findall(t))


@register
class RepeatedLabel(CorpusRule):
    """A short label line that recurs across the documents of a run.

    What it does
        Collects short lines without sentence punctuation from every document and flags those that
        stand in at least ``min_documents`` documents and in at least ``min_share`` of them: labels of
        the site the articles were scraped from.

    Why it matters
        Each site has its own widget titles ("Membres Publique", "Dernières dépêches"); they repeat in
        every scraped article while real headings do not.

    Example
        Document: ``Le conseil municipal a voté le budget.`` ``Le fil de l'info`` ``Les travaux commencent en mai.``
        Document: ``La piscine rouvre samedi.`` ``Le fil de l'info`` ``Le tarif ne change pas.``
        Flagged: ``Le musée accueille un nouveau directeur.`` ``Le fil de l'info`` ``Il arrive de Nantes.``
        Flags: ``Le fil de l'info``
        Better: ``Le musée accueille un nouveau directeur.`` ``Il arrive de Nantes.``

    Options
        ``min_documents`` (default 3), ``min_share`` (default 0.2), ``max_words`` (default 5).

    Known limits
        Needs several documents in one run; greetings in chat logs can repeat too, which is why
        lines ending in sentence punctuation are never considered.
    """

    code = "MTQ403"
    name = "repeated-label"
    category = "boilerplate"
    severity = Severity.WARNING
    options = {"min_documents": 3, "min_share": 0.2, "max_words": 5}

    def __init__(self, *a, **k) -> None:
        super().__init__(*a, **k)
        self.docs = 0
        # label -> list of (doc key, issue) ; issues are built at collect time (doc is gone later)
        self.seen: dict[str, list[tuple[str, Issue]]] = {}

    def payload(self, doc: Document, ctx: Context) -> list[tuple[str, str, Issue]]:
        known = residue(doc)
        out = []
        for p in doc.paragraphs:
            text = doc.view[p.start : p.end]
            if p.index in known or not label_like(text, self.opts["max_words"]):
                continue
            key = _norm_label(text)
            if key:
                out.append((key, doc.key, self.issue(doc, p.start, p.end, "", [Advice("remove")])))
        return out

    def absorb(self, payload: list[tuple[str, str, Issue]], ctx: Context) -> None:
        self.docs += 1
        for key, doc_key, issue in payload:
            lst = self.seen.setdefault(key, [])
            if len(lst) < 1000:  # bounded memory for very large runs
                lst.append((doc_key, issue))

    def finish(self, ctx: Context) -> Iterator[tuple[str, Issue]]:
        need = max(self.opts["min_documents"], self.opts["min_share"] * self.docs)
        for key, items in self.seen.items():
            docs = {d for d, _ in items}
            if len(docs) >= need:
                for d, iss in items:
                    msg = f"Label '{iss.text}' recurs in {len(docs)} of {self.docs} documents: site residue"
                    yield d, replace(iss, message=msg)
