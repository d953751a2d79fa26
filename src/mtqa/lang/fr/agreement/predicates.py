"""Predicates: adjectives and participles after "être" or a copular verb, which agree with the
subject (:mod:`.subjects`), and the finding for one that does not (:func:`predicate_issue`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ....lexicon import Lexicon
from .common import PackData, lex, pack
from .corrections import agreeing_form
from .prefilter import agreement_parses
from .subjects import AUX, SUBJ, subject_target

if TYPE_CHECKING:
    from spacy.tokens import Token

    from ....lint.context import Context
    from ....lint.rule import Rule
    from ....model import Document, Issue


def etre_child(pred: Token, data: PackData) -> bool:
    return any(c.dep_ in AUX and c.text.lower() in data.etre and (c.text.islower() or c.is_sent_start) for c in pred.children)


def copular_head(pred: Token, data: PackData) -> Token | None:
    """The copular verb ("semble", "devient") a predicate adjective is the complement of."""
    h = pred.head
    if pred.dep_ == "xcomp" and h.i < pred.i and h.pos_ in ("VERB", "AUX") and h.text.lower().startswith(data.copular_prefixes):
        return h
    return None


def reflexive(tok: Token, data: PackData) -> bool:
    return any(c.pos_ == "PRON" and c.dep_ not in SUBJ and c.text.lower().replace("’", "'") in data.reflexive for c in tok.children)


def predicates(doc: Document, ctx: Context, also: tuple[str, ...] = ()) -> list[tuple[int, Any]]:
    """(paragraph start, token) of every adjective or verb that may be a predicate (and of the
    words tagged with a part of speech in ``also``: the tagger takes some participles for names
    or prepositions, "se sont aperçu", "se sont endormi")."""
    out = []
    pos = ("ADJ", "VERB", "NOUN", *also)
    for p, parsed in zip(doc.paragraphs, agreement_parses(doc, ctx)):
        if parsed is None or p.language not in (doc.target_language, "und"):
            continue
        out.extend((p.start, t) for t in parsed if t.pos_ in pos)
    return out


def nominal_use(tok: Token) -> bool:
    """The word heads a noun or prepositional phrase ("le reçu", "aux prises", "en tournée",
    "à présent"), not a predicate."""
    prev = tok.doc[tok.i - 1] if tok.i > 0 else None
    return any(c.dep_ in ("det", "case") for c in tok.children) or (
        prev is not None and prev.pos_ in ("DET", "ADP") and prev.text.lower() not in pack(tok.lang_).etre_infinitive
    )


def is_participle(tok: Token, lx: Lexicon, data: PackData) -> bool:
    """A past-participle form used as a verb: tagged so, or with an auxiliary (the parser tags
    some participles as adjectives or nouns: "se sont lavé", "sont partis")."""
    if not lx.analyses(tok.text, "P"):
        return False
    if tok.pos_ == "VERB" or "Part" in tok.morph.get("VerbForm"):
        return True
    return any(c.dep_ in AUX[1:] and c.text.lower() in data.etre for c in tok.children)


def predicate_issue(rule: Rule, doc: Document, pstart: int, tok: Token, subject_of: Token, label: str) -> Issue | None:
    """A finding for predicate ``tok`` (adjective or participle) when it does not agree with the
    subject of ``subject_of`` (itself, or the copular verb it complements)."""
    lang = doc.target_language
    data, lx = pack(lang), lex(lang)
    found = subject_target(subject_of, data, lx)
    if found is None:
        return None
    target, subj = found
    new = agreeing_form(tok, target, data, lx, lang)
    if new is None:
        return None
    shown = target.label or subj.text  # coordinated subjects: all of them ("courage et patience")
    return rule.issue(
        doc, pstart + tok.idx, pstart + tok.idx + len(tok.text),
        f"{label}'{tok.text}' does not agree with '{shown}' ({target.describe()}): '{new}'",
        [new],
        subject=subj.text,
    )


def coordinated_adjectives(tok: Token, data: PackData, lx: Lexicon) -> list[Token]:
    """Adjectives the parse joins to the predicate ``tok`` right after it by "et" or "ou"
    ("belle et intelligente"), whatever their tag, that are not participles (MTQ203's)."""
    sent = tok.doc
    if tok.i + 2 >= len(sent) or sent[tok.i + 1].text.lower() not in data.series_conjunctions:
        return []
    d = sent[tok.i + 2]
    joined = d.head.i == tok.i or (tok.dep_ == "conj" and d.head.i == tok.head.i)  # (UD hangs every conjunct on the first)
    if not joined or d.dep_ != "conj" or not d.is_alpha or not lx.analyses(d.text, "A") or is_participle(d, lx, data):
        return []
    return [d]
