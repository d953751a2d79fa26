"""Glossary enforcement: forbidden variants (MTQ301) and required target terms (MTQ302)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from ... import glossary
from ...lint.context import Context
from ...lint.registry import register
from ...lint.rule import Rule
from ...model import Document, Issue, Segment, Severity
from ...analysis.terminology.matching import TermIndex
from ...analysis.terminology.terms import unify


@dataclass
class GlossaryIndex:
    """The glossary entries of a run for one target language, indexed for matching."""

    entries: list[glossary.Entry]
    targets: TermIndex  # payload: entry (target and accepted alternatives)
    forbidden: TermIndex  # payload: (entry, variant)
    sources: dict[str | None, TermIndex] = field(default_factory=dict)  # per source language


def glossary_index(ctx: Context, lang: str) -> GlossaryIndex:
    """Built once per run and target language (the files themselves are parsed once per
    process and modification time, see :func:`mtqa.glossary.load`)."""
    key = ("terminology-glossary", tuple(ctx.config.glossaries), lang)
    idx = ctx.state.get(key)
    if idx is not None:
        return idx
    entries = glossary.entries_for(list(ctx.config.glossaries), lang)
    targets, forbidden = TermIndex(lang), TermIndex(lang)
    for e in entries:
        accepted = [t for t in (e.target, *e.alternatives) if t]
        forbidden_keys = {forbidden.key(f)[0] for f in e.forbidden}
        accepted_keys = set()
        for t in accepted:
            k = targets.key(t)[0]
            accepted_keys.add(k)
            # a variant that differs from the preferred term only by its capitals: both are
            # matched with their capitals ("Union Européenne" / "Union européenne")
            targets.add(t, e, case_sensitive=k in forbidden_keys)
        for f in e.forbidden:
            forbidden.add(f, (e, f), case_sensitive=forbidden.key(f)[0] in accepted_keys)
    idx = GlossaryIndex(entries, targets, forbidden)
    ctx.state[key] = idx
    return idx


def source_index(idx: GlossaryIndex, source_lang: str | None) -> TermIndex:
    if source_lang not in idx.sources:
        si = TermIndex(source_lang)
        for e in idx.entries:
            if e.target:
                for s in e.source_terms(source_lang):
                    si.add(s, e)
        idx.sources[source_lang] = si
    return idx.sources[source_lang]


def _cite(entry: glossary.Entry) -> str:
    note = f"; {entry.note}" if entry.note else ""
    return f"(glossary {entry.where}{note})"


def _match_case(suggestion: str, surface: str) -> str:
    if surface[:1].isupper() and suggestion[:1].islower():
        return suggestion[:1].upper() + suggestion[1:]
    return suggestion


@register
class GlossaryForbidden(Rule):
    """A term the glossary forbids, with the preferred term as suggestion.

    What it does
        Reads the glossaries of the run: ``rules/<lang>/glossary*.csv|tsv|tbx`` of the rule packs,
        ``glossaries = [...]`` in the configuration and ``--glossary FILE`` (repeatable). Every
        forbidden variant (the ``forbidden`` column, ``|``-separated; deprecated terms of a TBX
        file) found in the text is reported with the entry's target term. Matching is on folded
        word parts, so plural, feminine, case, elided articles and hyphen/space variants of the
        term are found too; a variant that differs from the preferred term only by its capitals
        is matched with its capitals.

    Why it matters
        House style and client glossaries name things one way. Machine translation picks whatever
        rendering its training data preferred, and a glossary check is the cheapest way to catch
        it before an editor has to.

    Example
        Glossary: ``Kurzarbeit,chômage partiel,travail réduit,``
        Flagged: ``L'usine passe au travail réduit dès lundi.``
        Flags: ``travail réduit``
        Better: ``L'usine passe au chômage partiel dès lundi.``

    Options
        None; glossaries come from the configuration.

    Known limits
        Inflection is folded by suffix rules, not a dictionary, so irregular plurals of a term
        (``travail`` / ``travaux``) need both forms in the glossary. The suggestion is the
        glossary form as written, not inflected to fit the sentence.
    """

    code = "MTQ301"
    name = "glossary-forbidden"
    category = "terminology"
    severity = Severity.ERROR

    def check(self, doc: Document, ctx: Context) -> Iterator[Issue]:
        idx = glossary_index(ctx, doc.target_language)
        if not idx.forbidden:
            return
        for p in doc.paragraphs:
            accepted = idx.targets.matches(doc.view, p.start, p.end)
            for s, e, (entry, variant) in idx.forbidden.find(doc.view, p.start, p.end):
                if any(ts <= s and e <= te and te - ts >= e - s for ts, te, _ in accepted):
                    continue  # part of an accepted term
                surface = doc.text[s:e]
                if entry.target:
                    msg = f"'{surface}' is a forbidden variant of '{entry.target}' {_cite(entry)}"
                    sugg = [_match_case(entry.target, surface)]
                else:
                    msg = f"'{surface}' is on the do-not-use list {_cite(entry)}"
                    sugg = []
                yield self.issue(doc, s, e, msg, sugg, variant=variant)


@register
class GlossaryMissing(Rule):
    """A glossary source term in the source segment whose target segment lacks the required term.

    What it does
        With an aligned source (``--source``), finds the glossary's source terms in each source
        segment (case folded; a source word may carry up to two more letters, for inflection:
        ``Bundeskanzlers`` matches ``Bundeskanzler``; the longest term wins). When the target
        segment holds neither the entry's target term nor an accepted alternative (matched on
        folded forms, see MTQ301), the segment is reported with the required term.

    Why it matters
        A glossary says how a source term must be rendered; machine translation often paraphrases
        it or drops it. Checking the source side catches what a target-only check cannot see.

    Example
        Glossary: ``Bundeskanzler,chancelier fédéral,,``
        Source (de): ``Der Bundeskanzler reist am Montag nach Paris.``
        Flagged: ``Le chef du gouvernement se rend lundi à Paris.``
        Better: ``Le chancelier fédéral se rend lundi à Paris.``

    Options
        None.

    Known limits
        A segment that renders the term by a pronoun or leaves it out on purpose is reported
        too. Segments that use a forbidden variant of the term are left to MTQ301. The span is
        the whole segment, since the missing term has no place of its own.
    """

    code = "MTQ302"
    name = "glossary-missing"
    category = "terminology"
    severity = Severity.WARNING
    requires = frozenset({"source"})

    def check(self, doc: Document, ctx: Context) -> Iterator[Issue]:
        idx = glossary_index(ctx, doc.target_language)
        if not idx.entries:
            return
        src_index = source_index(idx, doc.source_language)
        if not src_index:
            return
        for p in doc.paragraphs:
            for entry, source_term in required_terms(src_index, p):
                if _present(idx, doc, p, entry):
                    continue
                yield self.issue(
                    doc, p.start, p.end,
                    f"source term '{source_term}' should be rendered '{entry.target}' {_cite(entry)}; not found here",
                    [],
                    source_term=source_term,
                    target_term=entry.target,
                )


def required_terms(src_index: TermIndex, p: Segment) -> list[tuple[glossary.Entry, str]]:
    """(entry, source text) for every glossary source term in the segment's source."""
    if not p.source:
        return []
    src = unify(p.source)
    out: dict[int, tuple[glossary.Entry, str]] = {}
    for s, e, entry in src_index.find_loose(src, 0, len(src)):
        out.setdefault(id(entry), (entry, src[s:e]))
    return list(out.values())


def _present(idx: GlossaryIndex, doc: Document, p: Segment, entry: glossary.Entry) -> bool:
    view = doc.view
    if any(found is entry for _, _, found in idx.targets.matches(view, p.start, p.end)):
        return True
    # a forbidden variant of this entry is MTQ301's finding
    return any(found[0] is entry for _, _, found in idx.forbidden.matches(view, p.start, p.end))
