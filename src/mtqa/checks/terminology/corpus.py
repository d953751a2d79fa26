"""Term drift across the documents of a run (MTQ320)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

from ...lint.context import Context
from ...lint.registry import register
from ...lint.rule import CorpusRule
from ...model import Document, Issue, Severity
from ...analysis.terminology.spellings import both_accepted
from .drift import _exonym_pair, word_table
from ...analysis.terminology.terms import has_frequencies
from ...analysis.terminology.variants import Form, clusters


@dataclass
class _Seen:
    """What the run knows about one folded key: a compact summary, bounded per key."""

    surfaces: Counter = field(default_factory=Counter)
    docs: int = 0
    first: int = 0  # order of the first document using it
    capitalised: int = 0  # documents writing it as a name
    where: list[tuple] = field(default_factory=list)  # (doc key, doc order, occurrence) up to max_docs


@register
class CorpusDrift(CorpusRule):
    """A term written one way in this document and another way in most documents of the run.

    What it does
        While documents stream by, keeps a compact summary per folded word key (how many
        documents use it, its usual surface, where it first stands in at most ``max_docs``
        documents). When the run ends, the variant analysis of MTQ310 (accents, doubled
        letters, hyphenation, one letter changed in long rare words) runs over the keys of the
        whole corpus; the form most documents use is the house style, and every document that
        uses a variant instead (and never the house form) is reported once, at its first use.
        Pairs that MTQ310 accepts inside a document are accepted across documents too: two
        spellings that ``rules/<lang>/loanwords.txt`` both lists (``email`` / ``e-mail``) and a
        place name beside its French form (``Ludwigsburg`` / ``Ludwigsbourg``).

    Why it matters
        A site or a translation batch names a person, a place or a product one way; machine
        translation of each article on its own drifts (``Kharkiv`` in most articles,
        ``Kharkov`` in one). Checking documents one by one cannot see it.

    Example
        Document: ``Le ministre Schäuble a présenté le budget.``
        Document: ``Schäuble défend la rigueur budgétaire.``
        Document: ``Selon Schäuble, la dette recule.``
        Flagged: ``Schauble a quitté la réunion plus tôt.``
        Flags: ``Schauble``
        Better: ``Schäuble a quitté la réunion plus tôt.``

    Options
        ``min_documents`` (default 2): documents that must use the house form;
        ``max_docs`` (default 50): documents remembered per key (bounds memory);
        ``max_keys`` (default 200000): distinct keys remembered for the run.

    Known limits
        Off by default (select it with ``--select MTQ320``): a majority form across the
        documents of a run is evidence of house style only when they come from one publication,
        and on real translated news from many sources its findings were almost never errors
        (``email`` / ``e-mail``, two real words). Needs several documents on related subjects to
        say anything. Two different people or
        places whose names differ by one letter in different articles (``Marin`` / ``Martin``)
        are told apart only by the frequency filters of MTQ310. A document that uses both forms
        is left to MTQ310.
    """

    code = "MTQ320"
    name = "corpus-drift"
    category = "terminology"
    severity = Severity.INFO
    default_enabled = False
    requires = frozenset({"wordfreq"})
    options = {"min_documents": 2, "max_docs": 50, "max_keys": 200_000}

    def applies_to(self, doc: Document) -> bool:
        return super().applies_to(doc) and has_frequencies(doc.target_language)

    def _state(self, ctx: Context) -> dict:
        return ctx.state.setdefault(self.code, {"langs": {}, "docs": 0})

    def payload(self, doc: Document, ctx: Context) -> tuple[str, str, list[tuple]]:
        """Per word key: its most common surface, whether it is capitalised, and where it first
        stands (offsets, line, column, text, paragraph)."""
        rows = []
        view_map = doc.meta.get("view_map")
        for key, occ in word_table(doc, doc.target_language).items():
            start, end, text = occ.spans[0]
            if view_map:  # escapes compacted in the view: report offsets into the file text
                start, end = doc.text_span(start, end)
                text = doc.text[start:end]
            line, col = doc.position(start)
            para = doc.paragraph_at(start)
            rows.append((
                key, occ.surfaces.most_common(1)[0][0], occ.form().capitalised,
                (start, end, line, col, text, para.index if para else None, para.id if para else None),
            ))
        return doc.target_language, doc.key, rows

    def absorb(self, payload: tuple[str, str, list[tuple]], ctx: Context) -> None:
        lang, doc_key, rows = payload
        state = self._state(ctx)
        table: dict[str, _Seen] = state["langs"].setdefault(lang, {})
        order = state["docs"]
        state["docs"] += 1
        for key, surface, capitalised, where in rows:
            seen = table.get(key)
            if seen is None:
                if len(table) >= self.opts["max_keys"]:
                    continue
                seen = table[key] = _Seen(first=order)
            seen.docs += 1
            if len(seen.surfaces) < 8 or surface in seen.surfaces:
                seen.surfaces[surface] += 1
            if capitalised:
                seen.capitalised += 1
            if len(seen.where) < self.opts["max_docs"]:
                seen.where.append((doc_key, order, where))

    def finish(self, ctx: Context) -> Iterator[tuple[str, Issue]]:
        state = self._state(ctx)
        if state["docs"] < 3:
            return
        for lang, table in state["langs"].items():
            forms = [
                Form(k, s.surfaces.most_common(1)[0][0], s.docs, s.first, s.capitalised * 2 > s.docs)
                for k, s in table.items()
            ]
            for ref, variants in clusters(forms, lang, strict=True):
                if ref.count < self.opts["min_documents"]:
                    continue
                ref_seen = table[ref.key]
                ref_docs = {d for d, _, _ in ref_seen.where}
                first_doc, _, (_, _, rline, rcol, rtext, _, _) = ref_seen.where[0]
                for var, kind in variants:
                    if var.count >= ref.count:
                        continue  # no house style to follow
                    if _exonym_pair(ref.surface, var.surface, lang) or (
                        kind == "hyphenation" and both_accepted(ref.surface, var.surface, lang)
                    ):
                        continue  # email / e-mail, Ludwigsburg / Ludwigsbourg: both in use
                    for doc_key, _, (start, end, line, col, text, seg, seg_id) in table[var.key].where:
                        if doc_key in ref_docs:
                            continue  # both forms in one document: MTQ310's finding
                        sugg = ref.surface
                        if text[:1].isupper() and sugg[:1].islower():
                            sugg = sugg[:1].upper() + sugg[1:]
                        yield doc_key, Issue(
                            rule=self.code, name=self.name, category=self.category,
                            severity=self.effective_severity,
                            message=(
                                f"'{text}' is written '{ref.surface}' in {ref.count} other documents of this run "
                                f"(first in {first_doc}, line {rline}, column {rcol})"
                            ),
                            start=start, end=end, line=line, column=col, text=text,
                            suggestions=(sugg,), segment=seg, segment_id=seg_id,
                            related={"document": first_doc, "line": rline, "column": rcol, "text": rtext},
                            data={"kind": kind, "documents": ref.count},
                        )
