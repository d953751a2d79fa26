"""Coordinated nouns of mixed gender read on the surface, where the parse often loses the
coordination ("le directeur et la secrétaire étaient absentes", "un stylo et une gomme
neuves"): an adjective or predicate that can only be feminine plural after "DET N et DET N" with
a masculine noun takes the masculine plural (MTQ202; participles after "être": MTQ203).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from .... import lexicon
from .common import PackData, lex, pack
from .prefilter import agreement_parses
from .targets import noun_target
from .words import plain

if TYPE_CHECKING:
    from spacy.tokens import Token

    from ....lexicon import Lexicon
    from ....lint.context import Context
    from ....lint.rule import Rule
    from ....model import Document, Issue


def _member(sent, j: int, data: PackData, lx: Lexicon) -> tuple[str | None, str | None] | None:
    """(gender, number) of "DET N" at tokens j, j + 1 (the noun's own gender, else its
    determiner's), or None when these are not a determiner and a noun."""
    if j < 0 or j + 1 >= len(sent):
        return None
    det, n = sent[j], sent[j + 1]
    dkey = det.text.lower()
    if dkey not in data.determiners or not n.text.replace("-", "").isalpha() or not (lx.analyses(n.text, "N") or n.pos_ == "PROPN"):
        return None
    if n.text[:1].isupper() and n.pos_ != "PROPN":
        return None
    dg, dn = data.determiners[dkey]
    t = noun_target(n, data, lx) if n.pos_ == "NOUN" else None
    gender = (t.gender if t is not None else None) or dg or None
    number = (t.number if t is not None else None) or dn or None
    return gender, number


def _coordination(sent, k: int, data: PackData, lx: Lexicon) -> tuple[str, int] | None:
    """The gender of "DET N et DET N" ending at token ``k`` (the second noun) and the index of its
    first token, when one noun is masculine and none is of unknown gender."""
    if k < 4 or sent[k - 2].text.lower() != data.and_conjunction:
        return None  # (tested first: asked of every token, and "et" two tokens back is rare)
    second = _member(sent, k - 1, data, lx)
    if second is None:
        return None
    first = _member(sent, k - 4, data, lx)
    if first is None:
        return None
    start = k - 4
    if start > 0 and (sent[start - 1].pos_ in ("ADP", "CCONJ", "NOUN", "PROPN") or sent[start - 1].text in (",", "de", "d'")):
        return None  # a complement or a longer series: "le nom du père et la mère ..."
    genders = {first[0], second[0]}
    if None in genders or "m" not in genders or second[1] == "p":
        return None
    return "m", start


def _fem_plural_only(tok: Token, data: PackData, lx: Lexicon) -> bool:
    feats = lx.features(tok.text, "AP")
    return bool(feats) and feats == {("f", "p")} and plain(tok) and lexicon.normalize(tok.text) not in data.invariable_adjectives


def coordination_issues(rule: Rule, doc: Document, ctx: Context, participles: bool, seen: set[int]) -> Iterator[Issue]:
    """Findings on adjectives (``participles`` False) or participles (True) after coordinated
    nouns of mixed gender; ``seen`` holds the start offsets already flagged."""
    lang = doc.target_language
    data, lx = pack(lang), lex(lang)
    links = data.etre | {f for f in data.avoir_number}
    for p, parsed in zip(doc.paragraphs, agreement_parses(doc, ctx)):
        if parsed is None or p.language not in (lang, "und"):
            continue
        for k in range(4, len(parsed) - 1):
            found = _coordination(parsed, k, data, lx)
            if found is None:
                continue
            j = k + 1
            verbs = []
            while j < len(parsed) and (
                parsed[j].text.lower() in links
                # a finite copula ("restent"), not its participle ("sont restées")
                or (parsed[j].text.lower().startswith(data.copular_prefixes) and lexicon.verbs(lang).analyses(lexicon.normalize(parsed[j].text)))
                or parsed[j].text.lower() in ("ne", "n'", "se", "s'") or parsed[j].pos_ == "ADV"
            ) and len(verbs) < 3:
                if parsed[j].pos_ != "ADV" and parsed[j].text.lower() not in ("ne", "n'", "se", "s'"):
                    verbs.append(parsed[j].text.lower())
                j += 1
            if j >= len(parsed):
                continue
            if verbs:
                first = verbs[0]
                if first in data.avoir_number and (data.avoir_number[first] != "p" or "été" not in verbs):
                    continue  # "ont lu": a participle with avoir does not agree with its subject
                if first in data.etre_number and data.etre_number[first] != "p":
                    continue
                if first.startswith(data.copular_prefixes) and not any(a.number == "p" for a in lexicon.verbs(lang).analyses(first)):
                    continue
            elif any(parsed[x].pos_ != "ADV" and parsed[x].text.lower() not in data.intensifiers for x in range(k + 1, j)):
                continue  # only adverbs between the nouns and an adjective ("un abricot bien mûrs")
            tok = parsed[j]
            if not _fem_plural_only(tok, data, lx):
                continue
            is_part = bool(lx.analyses(tok.text, "P")) and bool(verbs) and verbs[-1] in data.etre
            if is_part != participles or p.start + tok.idx in seen:
                continue
            new = lx.inflect(tok.text, "m", "p")
            if not new or new.lower() == tok.text.lower():
                continue
            nouns = f"{parsed[found[1] + 1].text}' and '{parsed[k].text}"
            yield rule.issue(
                doc, p.start + tok.idx, p.start + tok.idx + len(tok.text),
                f"'{tok.text}' does not agree with '{nouns}' (masculine plural, one of them is masculine): '{new}'",
                [new],
            )
