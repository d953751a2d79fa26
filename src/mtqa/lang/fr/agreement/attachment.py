"""Whether an adjective that disagrees with its noun belongs to another noun: a noun before a
complement ("N1 de N2 adj"), a juxtaposed or coordinated noun, the noun right after it, or a
series of adjectives that share out the plural ("les alphabets grec et romain").
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .... import lexicon
from ....lexicon import Lexicon
from .common import PackData
from .guards import next_noun_past_quote, surface_coordination
from .targets import Target, noun_target
from .words import nominal, noun_features

if TYPE_CHECKING:
    from spacy.tokens import Token


def fits_earlier_noun(a: Token, n: Token, feats: set[tuple[str, str]], data: PackData, lx: Lexicon) -> bool:
    """An adjective after "N1 de N2" may qualify N1: true when it agrees with a noun shortly before."""
    sent = a.doc
    if _fits_apposition_or_coordination(a, n, feats, data, lx):
        return True
    if _fits_surface_chain(n, feats, data, lx):
        return True
    # up the parse: complements ("de", "à", "en") and juxtaposed nouns ("fichiers vidéo") of
    # nouns shortly before (not "dans le parc", "pour la ville")
    t = n
    for _ in range(2):
        if t.head.i >= t.i or t.dep_ not in ("nmod", "obl", "obl:mod", "compound", "flat", "appos"):
            return False
        if any(c.dep_ == "case" and lexicon.normalize(c.text) not in data.complement_prepositions for c in t.children):
            return False
        t = t.head
        if n.i - t.i > 8:
            return False
        if t.pos_ == "NOUN":
            other = noun_target(t, data, lx)
            known = lx.analyses(t.text)
            if (other is None and t.is_alpha and (not known or any(x.cat == "N" for x in known))) or (
                other is not None and other.accepts(feats)
            ):
                return True
        elif t.pos_ in ("PROPN", "PRON"):
            return True  # "l'une des fêtes encore capable", "la Banque de France centrale"
    return False


def _fits_surface_chain(n: Token, feats: set[tuple[str, str]], data: PackData, lx: Lexicon) -> bool:
    """Read back over the words: "N1 prep N2 adj", and on through complements ("de", "à", "en")
    to a third noun ("des émissions de gaz à effet de serre mondiaux"): true when one of the
    nouns before agrees with the adjective."""
    sent = n.doc
    cur = n.i
    for link in range(3):
        j = cur - 1
        while j >= 0 and sent[j].pos_ in ("DET", "NUM"):
            j -= 1
        if j < 1 or sent[j].pos_ != "ADP" or (link and lexicon.normalize(sent[j].text) not in data.complement_prepositions):
            return False
        k = j - 1
        # adjectives and adverbs between (not a noun the tagger took for an adjective: "de buses")
        while k >= 0 and (sent[k].pos_ == "ADV" or (sent[k].pos_ == "ADJ" and not _noun_only(sent[k], lx))):
            k -= 1
        if k < 0:
            return False
        w = sent[k]
        mistagged = w.pos_ in ("VERB", "ADJ") and w.text.islower() and bool(lx.analyses(w.text, "N"))
        if mistagged and w.is_alpha:
            # a noun the tagger took for a verb ("de poignées en caoutchouc similaires")
            other = noun_target(w, data, lx, surface=True)
            if other is not None and other.accepts(feats):
                return True
        elif w.pos_ in ("NOUN", "PROPN") and w.is_alpha:
            other = noun_target(w, data, lx) if w.pos_ == "NOUN" else None
            known = lx.analyses(w.text)  # a word the lexicon knows, but not as a noun, is no noun
            if (other is None and (w.pos_ == "PROPN" or not known or any(x.cat == "N" for x in known))) or (
                other is not None and other.accepts(feats)
            ):
                return True  # "des perspectives d'emploi déprimantes"
        else:
            return False
        cur = k
    return False


def _noun_only(t: Token, lx: Lexicon) -> bool:
    """A word the lexicon knows as a noun and never as an adjective or participle."""
    return t.is_alpha and t.text.islower() and bool(lx.analyses(t.text, "N")) and not lx.analyses(t.text, "AP")


def _coordination_target(t: Token, data: PackData, lx: Lexicon, before_i: int) -> Target | None:
    """The gender and number of the coordination noun ``t`` belongs to ("un confort et une
    efficacité": masculine plural), or None when it belongs to none; all its nouns must come
    before index ``before_i`` (the adjective)."""
    before = surface_coordination(t, data, lx)
    if before:
        head, members = before[-1], [t, *before]
    else:
        head = t.head if t.dep_ == "conj" and nominal(t.head) and t.head.i < t.i else t
        members = [head, *(c for c in head.children if c.dep_ == "conj" and nominal(c) and c.i > head.i)]
    if len(members) < 2 or any(m.i >= before_i for m in members):
        return None
    genders = set()
    for m in members:
        tg = noun_target(m, data, lx) if m.pos_ == "NOUN" else None
        genders.add(tg.gender if tg else None)
    return Target("m" if "m" in genders or None in genders else "f", "p", head.text)


def _fits_apposition_or_coordination(a: Token, n: Token, feats: set[tuple[str, str]], data: PackData, lx: Lexicon) -> bool:
    """The adjective after noun ``n`` agrees with a noun ``n`` is juxtaposed to ("des fichiers
    vidéo actuels", "une optimisation réseau spéciale", "du matériel photo volumineux"), or with
    a coordination ``n`` or the noun it complements belongs to ("un confort et une efficacité de
    freinage élevés")."""
    sent = a.doc
    t = n
    for _ in range(3):
        coord = _coordination_target(t, data, lx, a.i)
        if coord is not None and coord.accepts(feats):
            return True
        if t.dep_ == "nmod" and t.head.i < t.i and ("s", "p") in {(x[1], y[1]) for x in lx.features(t.text, "N") for y in feats} and any(
            c.dep_ == "case" and lexicon.normalize(c.text) in data.complement_prepositions for c in t.children
        ):
            # "N1 (et N2) de N3 adj": up to the noun complemented, read as a noun even if tagged
            # otherwise ("la puissance et le rendu des couleurs élevé")
            t = t.head
            other = noun_target(t, data, lx, surface=True) if t.is_alpha and lx.analyses(t.text, "N") else None
            if other is not None and other.accepts(feats):
                return True
            continue
        own_det = [c for c in t.children if c.dep_ == "det"]
        if any(c.i >= t.i - 1 for c in own_det) or t.i == 0:
            break  # its own determiner: a noun phrase of its own
        prev = sent[t.i - 1]
        # a determiner further left may be the compound's ("les pneus neige"), when the word
        # between is tagged a noun; without one, the tagger's word class is not trusted
        tags = ("NOUN", "PROPN") if own_det else ("NOUN", "PROPN", "ADJ", "VERB")
        if not (prev.is_alpha and prev.pos_ in tags and lx.analyses(prev.text, "N")):
            break
        if feats & (noun_features(lx, prev.text, data) or set()):
            return True  # a bare noun in apposition: the adjective may be the first noun's
        t = prev
    return False


def fits_next_noun(a: Token, feats: set, sent: Any, lx: Lexicon) -> bool:
    """The adjective stands right before a noun it agrees with: it belongs to that noun."""
    if a.i + 1 >= len(sent):
        return False
    nxt = sent[a.i + 1]
    nxt = next_noun_past_quote(a) or nxt
    if nxt.pos_ != "NOUN" or (nxt.head.i == a.i and sent[a.i - 1].text != ","):
        return False  # (after a comma it opens an apposition: "l'ouvreur, nouvelle pépite du XV")
    noun_feats = lx.features(nxt.text, "N")
    return bool(noun_feats) and bool(set(feats) & noun_feats)


def distributive(a: Token, lx: Lexicon) -> bool:
    """An adjective in a series of coordinated adjectives."""
    sent = a.doc
    nxt = sent[a.i + 1] if a.i + 1 < len(sent) else None
    prev = sent[a.i - 1]
    return (
        any(c.dep_ == "conj" and c.pos_ == "ADJ" and c.i > a.i for c in a.children)
        or (a.dep_ == "conj" and a.head.pos_ == "ADJ")
        or (
            nxt is not None
            and (nxt.text == "," or nxt.pos_ == "CCONJ")
            and a.i + 2 < len(sent)
            and (sent[a.i + 2].pos_ == "ADJ" or bool(lx.analyses(sent[a.i + 2].text, "A")))
        )
        or prev.text == ","
        or prev.pos_ == "CCONJ"
    )


def fits_noun_before(a: Token, n: Token, feats: set[tuple[str, str]], data: PackData, lx: Lexicon) -> bool:
    """The word right before the adjective is a noun of its own that agrees with it, whatever the
    tagger made of it ("33 euros assurances comprises", "4 têtes interchangeables")."""
    sent = a.doc
    prev = sent[a.i - 1]
    if prev.i == n.i or not _noun_only(prev, lx):
        return False
    other = noun_target(prev, data, lx, surface=True)
    return other is not None and other.accepts(feats)


def adverbial_noun(a: Token, n: Token) -> bool:
    """Noun ``n`` has a preposition and no determiner ("sans surprise", "avec soin") and a comma
    parts it from the adjective: a fixed adverbial, not the adjective's noun ("et, sans surprise,
    extrêmement seuls")."""
    sent = a.doc
    return (
        any(c.dep_ == "case" and c.i < n.i for c in n.children)
        and not any(c.dep_ == "det" for c in n.children)
        and any(sent[k].text == "," for k in range(n.i + 1, a.i))
    )
