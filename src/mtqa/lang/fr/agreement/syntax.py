"""Agreement analysis over the shared parse: which word agrees with which (from spaCy), and what
a noun's own gender and number are (from the lexicon).

Nothing here is registered as a rule; the rules in this package read the noun-phrase analysis
(cached per document, so that MTQ201 and MTQ202 share it) and the subject of predicates.
"""

from __future__ import annotations

import re

from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from .... import lexicon
from ....lexicon import Lexicon
from .common import GENDER_NAME, NUMBER_NAME, PackData, apostrophe, determiner_for, lex, pack, vowel_sound
from .guards import (
    adverbial_use,
    after_avoir_l_air,
    colour_compound,
    epicene_before_name,
    expressive,
    in_locution,
    invariable_phrase_word,
    next_noun_past_quote,
    prenominal_colour_noun,
    surface_coordination,
    verb_reading,
)

if TYPE_CHECKING:
    from collections.abc import Iterator

    from spacy.tokens import Token

    from ....lint.context import Context
    from ....lint.rule import Rule
    from ....model import Document, Issue

_BETWEEN_PRE = {"ADJ", "ADV", "NUM", "CCONJ"}
_BETWEEN_POST = {"ADJ", "ADV", "CCONJ", "PUNCT"}
_SUBJ = ("nsubj", "nsubj:pass", "expl:subj")
_AUX = ("cop", "aux", "aux:pass", "aux:tense")
MIN_FREQ = 0.05  # per million words, in the lexicon


@dataclass
class Target:
    """The gender and number a word must agree with (None: unknown, anything goes)."""

    gender: str | None
    number: str | None
    label: str  # the noun or pronoun, for messages

    def describe(self) -> str:
        return " ".join(x for x in (GENDER_NAME.get(self.gender or ""), NUMBER_NAME.get(self.number or "")) if x)

    def accepts(self, feats: set[tuple[str, str]]) -> bool:
        return any((self.gender is None or g == self.gender) and (self.number is None or n == self.number) for g, n in feats)


@dataclass
class Fix:
    token: Any  # spacy Token
    kind: str  # "det" or "adj"
    replacement: str
    start: int  # document offsets of the span to replace
    end: int
    suggestion: str
    alternatives: tuple[str, ...] = ()  # other suggestions (both genders when the noun has both)
    both: bool = False  # the span holds determiner and word, either of which may be the wrong one
    shared: bool = False  # an adjective after coordinated nouns, checked against them all


@dataclass
class NounPhrase:
    noun: Any
    target: Target
    fixes: list[Fix] = field(default_factory=list)
    corrected: str = ""
    examined: set[int] = field(default_factory=set)  # token indices checked against this noun


def _capitalised(n: Token) -> bool:
    """Written with a capital other than the one opening a sentence ("Situation inhabituelle à
    Roland-Garros" is a plain noun; "la Commission", "Le Monde" are not)."""
    t = n.text
    return t != t.lower() and not (n.is_sent_start and t[1:] == t[1:].lower())


def plain(tok: Token) -> bool:
    """Lower case, or capitalised only as the first word of a sentence."""
    t = tok.text
    return t == t.lower() or (tok.is_sent_start and t[1:] == t[1:].lower())


def noun_target(n: Token, data: PackData, lx: Lexicon, surface: bool = False) -> Target | None:
    """A common noun's own gender (lexicon) and number (lexicon, else its determiner).
    ``surface``: the tagger did not see a noun but the lexicon knows only a noun."""
    if in_locution(n):
        return None  # "une fois de plus", "en grande partie": no head of anything
    named = _named_det(n, data, lx) if _capitalised(n) else None  # "la Commission", "l'Empire"
    if (n.pos_ != "NOUN" and not surface and named is None) or any(c.isdigit() for c in n.text):
        return None
    if _capitalised(n) and named is None:
        return None
    sent = n.doc
    if (n.i > 0 and sent[n.i - 1].text in "-‐") or (n.i + 1 < len(sent) and sent[n.i + 1].text in "-‐"):
        return None  # part of a compound the tokenizer split ("hit-parades")
    if n.i + 1 < len(sent) and lx.analyses(n.text, "A"):
        nxt = sent[n.i + 1]
        after = sent[n.i + 2 : n.i + 4]
        if (
            nxt.pos_ == "NOUN"
            or (nxt.is_alpha and lx.analyses(nxt.text, "N") and not lx.analyses(nxt.text, "AP"))
            or (
                nxt.pos_ == "CCONJ"
                and len(after) == 2
                and (lx.analyses(after[0].text, "A") or (after[0].pos_ == "DET" and lx.analyses(after[1].text, "A")))
            )
        ):
            return None  # an adjective tagged as a noun ("la pire chaîne", "une double ou triple dose")
    key = lexicon.normalize(n.text)
    found = lx.noun(n.text)
    if found is None or key in data.skip_nouns or (key in data.interjections and not any(c.dep_ == "det" for c in n.children)):
        return None
    if max(a.freq for a in lx.analyses(n.text, "N")) < MIN_FREQ:
        return None  # rare words and loanwords: their recorded gender is not reliable
    lemmas = {lexicon.normalize(a.lemma) for a in lx.analyses(n.text, "N")}
    if lemmas & data.skip_nouns:
        return None
    gender, number = found
    if gender is None and len({a.gender for a in lx.analyses(n.text, "N")}) == 1:
        gender = data.noun_genders.get(key) or next((data.noun_genders[x] for x in lemmas if x in data.noun_genders), None)
    if key in data.epicene or lemmas & data.epicene:
        gender = None
    if key in data.number_only or lemmas & data.number_only:
        gender = None
    if named is not None and named.text.lower() != "l'":
        # a name takes its determiner's gender and number ("le Rafale", "ses Macintosh");
        # after "l'", the common noun's ("l'Empire ottoman")
        gender = None
        number = _determiner_feature(n, data, 1) or number
    if gender is None:
        # a noun of both genders takes the one its determiner shows: "un professeur américain",
        # "la tour penchée" (but "son amie": a masculine possessive before a vowel)
        gender = _determiner_feature(n, data, 0)
    if number is None:
        for c in n.children:
            if c.dep_ == "det" and c.i < n.i and c.text.lower() in data.determiners:
                number = data.determiners[c.text.lower()][1] or None
    if gender is None and number is None:
        return None
    return Target(gender, number, n.text)


def _named_det(n: Token, data: PackData, lx: Lexicon) -> Token | None:
    """A capitalised common noun naming an institution or an event after a lower-case
    determiner ("la Commission européenne", "le Conseil fédéral", "la Révolution française"):
    it agrees as the common noun does."""
    t = n.text
    if not (n.is_alpha and len(t) > 1 and t[0].isupper() and t[1:].islower()) or n.is_sent_start or n.i == 0:
        return None
    j = n.i - 1
    while j > 0 and n.doc[j].text.islower() and n.doc[j].is_alpha and lx.analyses(n.doc[j].text, "A"):
        j -= 1  # "la future Banque centrale"
    det = n.doc[j]
    key = det.text.lower()
    if key not in data.determiners and key != "l'":
        return None
    # a capitalised determiner inside a sentence opens a title ("dans La Guerre sociale")
    if not (det.text.islower() or det.is_sent_start) or n.pos_ not in ("NOUN", "PROPN"):
        return None
    return det


def _determiner_feature(n: Token, data: PackData, which: int) -> str | None:
    """The gender (``which`` 0) or number (1) the determiner of noun ``n`` marks, if it marks one."""
    j = n.i - 1
    while j > 0 and n.doc[j].pos_ == "ADJ" and n.doc[j].text.islower():
        j -= 1  # "un grand professeur"
    if j < 0:
        return None
    det = n.doc[j]
    name = _capitalised(n)
    if name:
        det = _named_det(n, data, lex(n.lang_))  # "la future Banque": the parse may not link them
        if det is None:
            return None
    key = det.text.lower()
    if key not in data.determiners or det.text not in (key, key.capitalize()):
        return None
    if det.head.i != n.i and key not in data.contractions.values() and not name:
        return None  # attached elsewhere by the parse ("du", "au" are often tagged prepositions)
    value = data.determiners[key][which]
    if not value:
        return None
    fam = next((f for f in data.determiner_forms.values() if key in f.values()), {})
    if which == 0 and fam.get("vowel_fs") == key and vowel_sound(n.text, n.lang_) is not False:
        return None
    return value


def subject_target(pred: Token, data: PackData, lx: Lexicon) -> tuple[Target, Token] | None:
    """The gender and number a predicate (adjective or participle) agrees with, and the word
    they come from: the subject, with coordination ("la maison et le jardin": masculine
    plural). The finite auxiliary must agree in number with the subject found, or the parse is
    wrong and None is returned. When the subject gives nothing (a name, "qui"), the auxiliary's
    own number is still evidence ("qui sont supposé"), except after "on", "vous", "nous"."""
    # the auxiliary nearest the predicate (the parse may merge two clauses: "l'essentiel était
    # que ces hommes soient réhabilités")
    aux = _nearest_before(pred, [c for c in pred.children if c.dep_ in _AUX and c.text.lower() in data.etre_number])
    if aux is None and any(c.dep_ in _AUX and c.text.lower() == "été" for c in pred.children):
        # "a été prise", "ont été exprimés": the finite "avoir" before "été" gives the number
        aux = _nearest_before(pred, [c for c in pred.children if c.dep_ in _AUX and c.text.lower() in data.avoir_number])
    if aux is not None and aux.i + 1 < len(aux.doc) and aux.doc[aux.i + 1].text[:1] in "-‐":
        return None  # inverted subject ("êtes-vous censé", "sont-ils prêts"): left alone
    num = (data.etre_number.get(aux.text.lower()) or data.avoir_number.get(aux.text.lower())) if aux is not None else None
    found = _subject_target(pred, data, lx, num)
    if found is None:
        subj = _nearest_before(pred, [c for c in pred.children if c.dep_ in _SUBJ and any(ch.isalpha() for ch in c.text)])
        if subj is None and aux is not None:
            # the parse may have hung the subject elsewhere: take the nearest word before the verb
            subj = next((t for t in reversed(pred.doc[max(0, aux.i - 4) : aux.i]) if t.pos_ in ("PRON", "NOUN", "PROPN")), None)
        if num is None or aux is None or aux.i > pred.i or (subj is not None and subj.text.lower() in data.loose_subjects):
            return None
        if subj is None and pred.dep_ == "conj":
            return None
        return Target(None, num, aux.text), aux
    target, subj = found
    if num and target.number and num != target.number:
        return None
    if num and target.number is None:
        target = Target(target.gender, num, target.label)
    return target, subj


def _subject_number(t: Token, data: PackData, lx: Lexicon) -> str | None:
    """The number a subject word shows on its own (pronoun or noun), if any."""
    if t.pos_ == "PRON":
        return (data.subject_pronouns.get(t.text.lower()) or ("", ""))[1] or None
    found = lx.noun(t.text) if t.text.islower() else None
    return found[1] if found else None


def _nearest_before(pred: Token, candidates: list[Token]) -> Token | None:
    """The candidate closest before ``pred``, else the first one after it."""
    before = [c for c in candidates if c.i < pred.i]
    return max(before, key=lambda c: c.i) if before else (candidates[0] if candidates else None)


def _subject_target(pred: Token, data: PackData, lx: Lexicon, num: str | None = None) -> tuple[Target, Token] | None:
    # (a quotation mark the parser took for a subject is skipped)
    subjects = [c for c in pred.children if c.dep_ in _SUBJ and any(ch.isalpha() for ch in c.text)]
    if len(subjects) > 1:
        # clauses or coordinated subjects merged by the parse: the one subject whose number is the
        # auxiliary's, if only one has it ("l'essentiel était que ces hommes soient réhabilités");
        # else the auxiliary's number alone is checked
        fitting = [c for c in subjects if num is not None and _subject_number(c, data, lx) in (num, None)]
        if len(fitting) != 1:
            return None
        subjects = fitting
    subj = subjects[0] if subjects else None
    if subj is None:
        if pred.dep_ == "conj" and pred.head.pos_ in ("ADJ", "VERB") and pred.head.i < pred.i and not any(
            c.dep_ in _AUX for c in pred.children
        ):
            return _subject_target(pred.head, data, lx, num)  # "sont grands et forts": shared auxiliary
        return None
    pronoun = subj.pos_ == "PRON" and subj.text.lower() in data.subject_pronouns
    lo, hi = sorted((subj.i, pred.i))
    if any(t.text in (":", ";", "—", "–") for t in subj.doc[lo:hi]):
        return None  # "Voiture projetée contre un arbre : le conducteur est blessé"    if any(c.dep_ == "case" for c in subj.children) and not pronoun:
        return None  # "une des pièces est ...": the parse took the complement for the subject
    sent = subj.doc
    edge = subj.left_edge.i
    if not pronoun and any(sent[k].pos_ == "ADP" and sent[k].head.i == subj.i for k in range(edge, subj.i)):
        return None  # a complement, not the subject
    if not pronoun and edge > 0 and sent[edge - 1].pos_ == "ADP":
        h = sent[edge - 1].head
        h = h.head if h.pos_ == "ADP" else h
        if h.i != pred.i and h.pos_ in ("NOUN", "VERB", "AUX", "PROPN"):
            return None  # "faire face à la peur est appelé": the subject is the whole phrase
    if (
        not any(c.dep_ == "conj" for c in subj.children)
        and subj.i + 2 < len(sent)
        and sent[subj.i + 1].pos_ == "CCONJ"
        and sent[subj.i + 2].pos_ in ("DET", "NOUN", "PROPN", "PRON")
        and sent[subj.i + 2].i < pred.i
    ):
        return None  # "la commande et le paiement ont été effectués": coordination the parse missed
    if subj.pos_ == "PRON":
        key = subj.text.lower().replace("’", "'")
        if key in data.neuter_subjects and pred.i > subj.i:
            # "c'est fini", "cela est dû": a predicate of "ce", "cela", "ça" is masculine singular
            # (the auxiliary must be singular: "ce sont" is left alone)
            aux = next((c for c in pred.children if c.dep_ in _AUX and c.text.lower() in data.etre_number), None)
            if (
                aux is not None
                and data.etre_number[aux.text.lower()] == "s"
                and subj.i < aux.i < pred.i
                and all(t.pos_ == "ADV" or t.text.lower() in _VERB_GROUP for t in subj.doc[aux.i + 1 : pred.i])
            ):
                return Target("m", "s", subj.text), subj
            return None
        feats = data.subject_pronouns.get(key)
        return (Target(feats[0] or None, feats[1] or None, subj.text), subj) if feats else None
    surface = subj.pos_ in ("VERB", "ADJ") and (
        {a.cat for a in lx.analyses(subj.text)} == {"N"} or any(c.dep_ == "det" for c in subj.children)
    )  # "Cet inconvénient fut résolu": a noun the tagger took for a verb
    base = noun_target(subj, data, lx, surface=surface)
    if base is None or lexicon.normalize(subj.text) in data.collective | data.complement_nouns:
        return None
    members = [c for c in subj.children if c.dep_ == "conj"]
    before = surface_coordination(subj, data, lx)
    if before is None:
        return None
    if not members and not before:
        return base, subj
    genders = {base.gender}
    for m in before:
        t = noun_target(m, data, lx) if m.pos_ == "NOUN" else None
        genders.add(t.gender if t else None)
    for m in members:
        if any(c.dep_ == "cc" and c.text.lower() != "et" for c in m.children):
            return None
        t = noun_target(m, data, lx) if m.pos_ == "NOUN" else None
        genders.add(t.gender if t else None)
    gender = "m" if "m" in genders else ("f" if genders == {"f"} else None)
    return Target(gender, "p", subj.text), subj


def etre_child(pred: Token, data: PackData) -> bool:
    return any(c.dep_ in _AUX and c.text.lower() in data.etre and (c.text.islower() or c.is_sent_start) for c in pred.children)


def copular_head(pred: Token, data: PackData) -> Token | None:
    """The copular verb ("semble", "devient") a predicate adjective is the complement of."""
    h = pred.head
    if pred.dep_ == "xcomp" and h.i < pred.i and h.pos_ in ("VERB", "AUX") and h.text.lower().startswith(data.copular_prefixes):
        return h
    return None


def reflexive(tok: Token, data: PackData) -> bool:
    return any(c.pos_ == "PRON" and c.dep_ not in _SUBJ and c.text.lower().replace("’", "'") in data.reflexive for c in tok.children)


def _between_ok(doc: Any, a: int, b: int, allowed: set[str]) -> bool:
    return all(doc[i].pos_ in allowed and (doc[i].pos_ != "PUNCT" or doc[i].text == ",") for i in range(a + 1, b))


def adjective_feats(tok: Token, data: PackData, lx: Lexicon) -> set[tuple[str, str]]:
    """The features an adjective form can carry, or an empty set when it is to be left alone."""
    if not plain(tok) or lexicon.normalize(tok.text) in data.invariable_adjectives or "-" in tok.text:
        return set()
    sent = tok.doc
    nxt = sent[tok.i + 1] if tok.i + 1 < len(sent) else None
    if (tok.i > 0 and sent[tok.i - 1].text in "-‐") or (nxt is not None and nxt.text in "-‐"):
        return set()  # part of a compound the tokenizer split ("là-bas")
    if nxt is not None and lexicon.normalize(f"{tok.text} {nxt.text}") in data.invariable_adjectives:
        return set()  # "bon marché"
    if (
        in_locution(tok)  # "jusqu'à présent", "une nouvelle fois"
        or colour_compound(tok, data)  # "des robes bleu clair"
        or prenominal_colour_noun(tok, data)  # "du blanc lumière du jour"
        or invariable_phrase_word(tok, data)  # "haut de gamme"
        or adverbial_use(tok, data)  # "ils coûtent cher", "tourne mal"
        or verb_reading(tok, lx)  # "il continue ensuite", "la séance dure deux heures"
        or after_avoir_l_air(tok, data)  # "elle a l'air fatigué"
    ):
        return set()
    return lx.features(tok.text, "AP")


def fix_adjective(tok: Token, target: Target, lang: str, next_tok: Token | None) -> str | None:
    """The form of adjective ``tok`` that agrees with ``target`` (euphonic before a vowel)."""
    data = pack(lang)
    new = lex(lang).inflect(tok.text, target.gender, target.number, exclude=data.euphonic.values())
    if new is None or new.lower() == tok.text.lower():
        return None
    if (
        next_tok is not None
        and target.gender == "m"
        and target.number == "s"
        and new.lower() in data.euphonic
        and vowel_sound(next_tok.text, lang) is True
    ):
        new = data.euphonic[new.lower()]
    return new


def _np(n: Token, pstart: int, lang: str) -> NounPhrase | None:
    """The determiners and adjectives the parse attaches to noun ``n``, checked against it."""
    data, lx = pack(lang), lex(lang)
    target = noun_target(n, data, lx)
    if target is None:
        return None
    sent = n.doc
    # an adjective after the last of coordinated nouns may agree with all of them
    coordinated = (n.dep_ == "conj" and _nominal(n.head)) or any(c.dep_ == "conj" and _nominal(c) and c.i > n.i for c in n.children)
    named = _capitalised(n)  # its determiner decides its gender: only adjectives are checked
    dets = [] if named else [
        c for c in n.children
        if c.dep_ == "det" and c.pos_ == "DET" and c.i < n.i and _between_ok(sent, c.i, n.i, _BETWEEN_PRE)
        and all(
            lx.analyses(sent[k].text, "AP") or any(ch.isdigit() for ch in sent[k].text)
            for k in range(c.i + 1, n.i) if sent[k].pos_ == "ADJ"
        )
    ]
    adjs: list[Token] = []
    shared: set[int] = set()  # adjectives that may agree with a coordination ending with ``n``
    complement = lexicon.normalize(n.text) in data.complement_nouns and (
        (n.i + 1 < len(sent) and sent[n.i + 1].text.lower() in ("de", "d'", "d’"))
        or not any(c.dep_ == "det" and c.text.lower() in data.determiners for c in n.children)  # "en quelque sorte"
    )
    for c in n.children:
        if complement and c.i > n.i:
            continue  # "une sorte de gâteau délicieux"
        # adjectives, adjective-only words the tagger took for nouns or names ("groupes musical"),
        # and participles used as adjectives ("les suffrages exprimés")
        if (c.dep_ == "amod" and c.pos_ == "ADJ") or (
            c.dep_ in ("amod", "nmod") and c.pos_ in ("NOUN", "PROPN") and c.i > n.i and _adjective_only(c, lx, strict=True)
        ) or (
            c.i > n.i and c.pos_ not in ("ADJ", "DET", "PRON", "ADP") and c.dep_ in ("amod", "nmod")
            and _between_ok(sent, n.i, c.i, {"ADV"}) and _mostly_adjective(c, lx)
        ) or (
            c.i > n.i and c.dep_ == "acl" and lexicon.normalize(n.text) not in data.collective
            and _adjectival_participle(c, n, lx)
        ):  # (not after "20 ans", "des milliers": the participle may belong elsewhere)
            if c.i < n.i and _between_ok(sent, c.i, n.i, _BETWEEN_PRE):
                if any(d.dep_ in ("det", "case") and d.i < c.i for d in n.children):
                    adjs.append(c)
            elif c.i > n.i and _between_ok(sent, n.i, c.i, _BETWEEN_POST):
                if c.i + 2 < len(sent) and sent[c.i + 1].text.lower() in ("de", "d'", "d’") and (
                    (sent[c.i + 2].pos_ in ("NOUN", "ADV") and ("m", "s") in lx.features(c.text, "AP"))
                    or lx.analyses(c.text, "P")
                ):
                    # "des produits haut de gamme": a fixed phrase keeps the masculine singular;
                    # "la voiture armés de trois arcs": a participle phrase may describe the subject
                    # (but "un nombre illimitée de voyages" and "exhaustif de la commune" are checked)
                    continue
                group = [c, *(
                    d for d in c.children
                    if d.dep_ == "conj" and d.pos_ == "ADJ" and d.i > c.i and _between_ok(sent, c.i, d.i, _BETWEEN_POST)
                )]
                # a second adjective the parse hung on the first ("une pression hydrostatique
                # important", "une famille aristocratique breton")
                group.extend(
                    d for d in c.children
                    if d.i == c.i + 1 and d.dep_ in ("amod", "flat:name", "flat") and d.text.islower()
                    and (d.pos_ == "ADJ" or _adjective_only(d, lx, strict=True))
                )
                adjs.extend(group)
                if coordinated and _conj_before(n, c):
                    shared.update(a.i for a in group)
    return _check_np(n, target, dets, adjs, pstart, lang, shared)


def _conj_before(n: Token, a: Token) -> bool:
    """``a`` comes after a noun coordinated with ``n`` (or ``n`` is itself a later conjunct)."""
    return (n.dep_ == "conj" and _nominal(n.head)) or any(c.dep_ == "conj" and _nominal(c) and n.i < c.i < a.i for c in n.children)


def _nominal(t: Token) -> bool:
    """Tagged a noun or pronoun, or known to the lexicon as a noun (the tagger errs near errors)."""
    return t.pos_ in ("NOUN", "PROPN", "PRON") or (t.is_alpha and bool(lex(t.lang_).analyses(t.text, "N")))


def _surface_np(n: Token, pstart: int, lang: str, examined: set[int]) -> NounPhrase | None:
    """Where an error has misled the parser ("pour la pochettes", "une genre très vivace"), a
    noun right after a determiner (and at most two words that can only be adjectives), and the
    adjective right after it, are checked by position. Words the parse already related to a
    noun (``examined``) are left to that analysis."""
    data, lx = pack(lang), lex(lang)
    sent = n.doc
    if not n.is_alpha or not lx.analyses(n.text, "N") or (_capitalised(n) and _named_det(n, data, lx) is None):
        return None
    mistagged = (  # a word the lexicon knows only as a noun, tagged a pronoun after a determiner ("dans la lac")
        n.pos_ == "PRON" and n.i > 0 and sent[n.i - 1].pos_ == "DET"
        and {a.cat for a in lx.analyses(n.text)} == {"N"}
    )
    if (n.pos_ in ("CCONJ", "SCONJ", "PRON", "DET", "AUX", "NUM") and not mistagged) or lexicon.normalize(n.text) in data.function_words:
        return None
    i = n.i - 1
    adjs: list[Token] = []
    while i >= 0 and len(adjs) < 2 and (_adjective_only(sent[i], lx) or (i == n.i - 1 and _prenominal(sent[i], data, lx))):
        adjs.append(sent[i])
        i -= 1
    if (i < 0 or sent[i].text.lower() not in data.determiners) and not adjs:
        return _bare_noun(n, pstart, lang, examined)
    if adjs and i >= 0 and sent[i].text.lower().replace("’", "'") in ("de", "d'") and n.pos_ not in ("ADV", "VERB"):
        # "de lourds portes", "d'urgents mesures": "de" before an adjective marks no gender or
        # number, the adjective still agrees with the noun
        adjs = [a for a in adjs if a.i not in examined]
        target = noun_target(n, data, lx, surface=True) if adjs and not lx.analyses(n.text, "A") else None
        return _check_np(n, target, [], adjs, pstart, lang) if target is not None else None
    if i < 0 or sent[i].text.lower() not in data.determiners or (i > 0 and sent[i - 1].text in "-‐"):
        return None
    if i > 0 and sent[i - 1].text.lower().replace("’", "'") in ("quelqu'", "l'") and not sent[i - 1].whitespace_:
        return None  # "quelqu'un", "l'un": a pronoun
    det = sent[i]
    # a noun: known only as a noun, or tagged so after a determiner, or any noun form after a
    # determiner and a word that can only be an adjective ("le meilleurs restaurant")
    noun_only = {a.cat for a in lx.analyses(n.text)} == {"N"}
    unambiguous = det.text.lower() not in data.pronoun_determiners  # not "le", "la", "les", "leur", "ce"
    if lexicon.normalize(n.text) in data.clitic_followers:
        return None  # "sa plus haute valeur"
    if _capitalised(n) and not adjs:
        return None
    if not (
        noun_only
        or (n.pos_ == "NOUN" and det.pos_ == "DET")
        or ((adjs or unambiguous) and not lx.analyses(n.text, "A") and n.pos_ not in ("ADV", "VERB"))
        # after a word that can only be an adjective, a noun-or-adjective is the noun ("un
        # passionnants documentaire")
        or (any(_adjective_only(a, lx, strict=True) for a in adjs) and n.pos_ not in ("ADV", "VERB"))
    ):
        return _nominal_after_det(n, det, pstart, lang, examined) if not adjs else None
    nxt = sent[n.i + 1] if n.i + 1 < len(sent) else None
    if (
        nxt is not None
        and nxt.pos_ in ("ADJ", "VERB", "NOUN", "PROPN")
        and _adjective_only(nxt, lx)
        and not _ends_phrase(nxt)
        and not any(t.pos_ == "CCONJ" or t.text == "," for t in sent[max(0, i - 3) : i])
    ):
        adjs.append(nxt)
    named = _capitalised(n)  # a name's determiner is not checked ("le Rafale")
    dets = [] if det.i in examined or named else [det]
    adjs = [a for a in adjs if a.i not in examined]
    if not dets and not adjs:
        return None
    target = noun_target(n, data, lx, surface=True)
    if target is None:
        return _nominal_after_det(n, det, pstart, lang, examined) if not adjs else None
    if target.number is None and data.determiners[det.text.lower()][1]:
        target = Target(target.gender, data.determiners[det.text.lower()][1], target.label)
    if any(a.i < n.i and not _adjective_only(a, lx) for a in adjs) and not target.accepts(
        _expand_pair(*data.determiners[det.text.lower()])
    ):
        return None  # "La commune compte": determiner and adjective-or-noun agree, the next word is a verb
    return _check_np(n, target, dets, adjs, pstart, lang)


def _prenominal(w: Token, data: PackData, lx: Lexicon) -> bool:
    """A word right before a noun that is above all an adjective ("aux futurs marées", "du tierce
    monde"), though it is a noun too: never a verb, and not rarer as an adjective than as a noun."""
    key = lexicon.normalize(w.text)
    if key in data.invariable_adjectives or key in data.clitic_followers or key in data.function_words:
        return False
    if w.i + 1 < len(w.doc) and w.doc[w.i + 1].text in "-‐" or not w.whitespace_:
        return False
    return _mostly_adjective(w, lx, ratio=1)


def _bare_noun(n: Token, pstart: int, lang: str, examined: set[int]) -> NounPhrase | None:
    """A word the lexicon knows only as a noun, without a determiner ("zone industriel",
    "en forme imposant"), and the word right after it when that can only be an adjective: the
    adjective agrees with the noun whatever the tagger made of either."""
    data, lx = pack(lang), lex(lang)
    sent = n.doc
    if n.i + 1 >= len(sent) or n.i in examined or {a.cat for a in lx.analyses(n.text)} != {"N"}:
        return None
    if n.pos_ not in ("NOUN", "PROPN", "ADJ", "VERB", "X") or lexicon.normalize(n.text) in data.function_words:
        return None  # "pas", "peu", "bien", "sur" are nouns too
    if any(t.pos_ == "CCONJ" or t.text == "," for t in sent[max(0, n.i - 3) : n.i]):
        return None  # "les outils ou pièces remplacés": the adjective may agree with both
    if n.i > 0 and (sent[n.i - 1].pos_ in ("NOUN", "PROPN") or lx.analyses(sent[n.i - 1].text, "N")):
        return None  # "un remède maison traditionnel": a noun in apposition to the one before
    if lexicon.normalize(n.text) in data.complement_nouns | data.skip_nouns | data.number_only:
        return None  # "en quelque sorte confus"
    a = sent[n.i + 1]
    if a.i in examined or not _mostly_adjective(a, lx) or _ends_phrase(a):
        return None
    if {lexicon.normalize(n.text), lexicon.normalize(a.text)} & (data.collective | data.function_words | data.clitic_followers):
        return None
    adj = sum(x.freq for x in lx.analyses(a.text, "A"))
    if adj < sum(x.freq for x in lx.analyses(a.text, "P")):
        return None  # a participle: "tout de suite donné", "bien entendu" may be verb forms
    after = sent[a.i + 1] if a.i + 1 < len(sent) else None
    if after is not None and after.is_alpha and lx.features(a.text, "AP") & lx.features(after.text, "N"):
        return None  # "Bonjour chères filles": the adjective opens the next noun phrase
    if n.i > 0 and sent[n.i - 1].text in "-‐":
        return None
    target = noun_target(n, data, lx, surface=True)
    if target is None:
        return None
    return _check_np(n, target, [], [a], pstart, lang)


def _nominal_after_det(w: Token, det: Token, pstart: int, lang: str, examined: set[int]) -> NounPhrase | None:
    """A word that is an adjective or a noun right after a determiner ("soit le bonne", "les
    gestionnaire des voies", "sa court règne"): whether it is the noun or an adjective before
    it, the determiner agrees with it. Checked against every adjective and noun reading of the
    word together, so only a determiner that fits none of them is flagged."""
    data, lx = pack(lang), lex(lang)
    sent = w.doc
    key = lexicon.normalize(w.text)
    if det.i in examined or det.pos_ not in ("DET", "ADP") or w.pos_ in ("ADV", "NUM", "PROPN"):
        return None
    if det.text.lower() in data.pronoun_determiners and lx.is_verb(w.text):
        return None  # "qui la rend", "ce doit": a pronoun before a verb
    if key in data.skip_nouns or key in data.invariable_adjectives or key in data.function_words:
        return None
    nxt = sent[w.i + 1] if w.i + 1 < len(sent) else None
    if nxt is not None and (nxt.text in "-‐" or (not w.whitespace_ and nxt.is_alpha) or nxt.pos_ == "CCONJ"):
        return None  # "une grand-mère"; "aux premier et second tours"
    dg, dn = data.determiners.get(det.text.lower(), ("", ""))
    det_feats = _expand_pair(dg, dn)
    if (
        nxt is not None
        and nxt.i not in examined
        and _mostly_adjective(nxt, lx)
        and lx.analyses(w.text, "N")
        and key not in data.complement_nouns
        and not _ends_phrase(nxt)
    ):
        # "des filiales commerciaux": before a word that can only be an adjective, the word is
        # the noun, whatever the tagger made of it
        target = noun_target(w, data, lx, surface=True)
        if target is not None:
            return _check_np(w, target, [det], [nxt], pstart, lang)
    if nxt is not None and nxt.is_alpha and nxt.text.islower() and det_feats & lx.features(nxt.text, "N"):
        return None  # "la premières mention": the determiner fits the noun, the adjective is wrong
    readings = lx.analyses(w.text, "AN")
    if not readings or max(a.freq for a in readings) < MIN_FREQ:
        return None
    feats = lx.features(w.text, "AN")
    genders, numbers = {g for g, _ in feats}, {n for _, n in feats}
    gender = next(iter(genders)) if len(genders) == 1 and key not in data.epicene else None
    number = next(iter(numbers)) if len(numbers) == 1 else None
    if gender is None and number is None:
        return None
    np = _check_np(w, Target(gender, number, w.text), [det], [], pstart, lang)
    head = nxt is None or not nxt.is_alpha or not lx.analyses(nxt.text, "N")
    if np.fixes and head and lx.analyses(w.text, "A"):
        # the word heads the phrase ("la seul qui", "soit le bonne"): the adjective may be the
        # wrong word as well as the determiner, so both corrections are offered
        alt = fix_adjective(w, Target(dg or None, dn or None, det.text), lang, nxt)
        fix = np.fixes[0]
        if alt is not None and fix.token.i == det.i and fix.start == pstart + det.idx and not fix.replacement.endswith("'"):
            s, e = pstart + det.idx, pstart + w.idx + len(w.text)
            first = f"{fix.replacement}{det.whitespace_}{w.text}"
            second = f"{det.text}{det.whitespace_}{alt}"
            np.fixes[0] = Fix(det, "det", fix.replacement, s, e, first, (second,), both=True)
            np.corrected = first
    return np


def _adjectival_participle(c: Token, n: Token, lx: Lexicon) -> bool:
    """A participle or adjective in a reduced relative right after noun ``n`` ("les gaz
    manufacturés", "la branche cadette"): it agrees with the noun. Not a participle with its own
    auxiliary or object, nor an "-ant" form (invariable, or a preposition: "l'année suivant ...")."""
    sent = c.doc
    data = pack(n.lang_)
    if c.pos_ not in ("VERB", "ADJ") or not c.text.islower():
        return False
    if c.i != n.i + 1 and not (c.i == n.i + 2 and sent[n.i + 1].text.lower() in data.intensifiers):
        return False  # only after an intensifier ("un stade assez avancé"; not "bien entendu")
    if c.i + 1 < len(sent) and sent[c.i + 1].pos_ == "ADP":
        return False  # "assis sur le banc vêtus de ...": may describe the subject
    ending = data.present_participle_ending  # "-ant": never; "-ants": only tagged an adjective
    if c.text.lower().endswith(ending) or (c.text.lower().endswith(ending + "s") and c.pos_ != "ADJ"):
        return False
    if lx.is_verb(c.text) or not lx.analyses(c.text, "AP"):
        return False
    return not any(k.dep_ in ("aux", "aux:pass", "aux:tense", "obj", "iobj", "nsubj", "nsubj:pass", "cop", "expl:comp") for k in c.children)


def _mostly_adjective(tok: Token, lx: Lexicon, ratio: float = 5) -> bool:
    """An adjective (or participle) form, or a noun form ``ratio`` times rarer than its adjective
    reading ("commerciaux"), and never a verb."""
    found = lx.analyses(tok.text)
    if not (tok.is_alpha and tok.text.islower() and found) or any(a.cat not in "APN" for a in found):
        return False
    adj = sum(a.freq for a in found if a.cat in "AP")
    return adj > 0 and adj >= ratio * sum(a.freq for a in found if a.cat == "N")


def _ends_phrase(a: Token) -> bool:
    """Adjective ``a`` may begin another phrase or a series rather than end the noun phrase
    before it ("grand de taille", "petit et grand", "rouge-gorge")."""
    sent = a.doc
    after = sent[a.i + 1] if a.i + 1 < len(sent) else None
    return after is not None and (after.text.lower() in ("de", "d'", "d’", "et", "ou") or after.text in "-‐")


def _adjective_only(tok: Token, lx: Lexicon, strict: bool = False) -> bool:
    """Only an adjective (or participle), or (unless ``strict``) an adjective that is also a
    noun and tagged ADJ ("la premier séjour")."""
    cats = {a.cat for a in lx.analyses(tok.text)}
    if not (tok.is_alpha and tok.text.islower() and "A" in cats):
        return False
    return cats <= {"A", "P"} or (not strict and cats <= {"A", "P", "N"} and tok.pos_ == "ADJ")


def _check_np(
    n: Token, target: Target, dets: list[Token], adjs: list[Token], pstart: int, lang: str, shared: set[int] = frozenset()
) -> NounPhrase:
    """Check determiners and adjectives against ``target``. An adjective in ``shared`` comes after
    coordinated nouns and may agree with all of them: it must only be plural when the noun is,
    and masculine when the noun is masculine ("des moines et des auxiliaires laïc")."""
    data, lx = pack(lang), lex(lang)
    sent = n.doc
    if target.gender is not None and _english_loanword(n.text, lang):
        # "la pole position", "le/la star": the gender of English loanwords varies, their number not
        target = Target(None, target.number, target.label)
    np = NounPhrase(n, target)
    np.examined = {t.i for t in dets} | {t.i for t in adjs}
    replaced: dict[int, str] = {}
    for c in dets:
        fix = _fix_det(c, target, lang, pstart)
        if fix:
            np.fixes.append(fix)
            replaced[c.i] = fix.replacement
    pre = _fix_predeterminer(dets, target, data, pstart)
    if pre:
        np.fixes.append(pre)
        replaced[pre.token.i] = pre.replacement
    together = Target("m" if target.gender == "m" else None, "p" if target.number == "p" else None, target.label)
    for a in adjs:
        feats = adjective_feats(a, data, lx)
        wanted = together if a.i in shared else target
        if not feats or wanted.accepts(feats):
            continue
        if (a.i + 1 < len(sent) and sent[a.i + 1].pos_ == "DET") or (a.i > n.i and sent[a.i - 1].pos_ == "ADP"):
            continue  # "seule la structure change", "à présent": not an attribute of a noun
        if a.i < n.i and any(sent[k].like_num or any(ch.isdigit() for ch in sent[k].text) for k in range(a.i + 1, n.i + 1)):
            continue  # a number between them ("de grandes 230cm"): French puts numbers first, the phrase is broken
        if a.i > n.i and _fits_earlier_noun(a, n, feats, data, lx):
            continue
        if a.i > n.i and _fits_next_noun(a, feats, sent, lx):
            continue  # "le trafic grandes lignes": a noun phrase of its own after the noun
        if a.i > n.i and target.number == "p" and _distributive(a, lx):
            continue  # "les alphabets phénicien, grec et romain": one of each
        nxt = sent[a.i + 1] if a.i + 1 < len(sent) else None
        new = fix_adjective(a, wanted, lang, nxt)
        if new is None:
            continue
        s, e = pstart + a.idx, pstart + a.idx + len(a.text)
        np.fixes.append(Fix(a, "adj", new, s, e, new, shared=a.i in shared))
        replaced[a.i] = new
    if not np.fixes:
        return np
    lo = min([n.i, *replaced])
    hi = max([n.i, *replaced])
    parts = []
    for i in range(lo, hi + 1):
        t = sent[i]
        word = replaced.get(i, t.text)
        parts.append(word if word.endswith(("'", "’")) else word + t.whitespace_)
    np.corrected = "".join(parts).strip()
    return np


def _distributive(a: Token, lx: Lexicon) -> bool:
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


@lru_cache(maxsize=50_000)
def _english_loanword(word: str, lang: str) -> bool:
    """A word more frequent in English than in the target language (wordfreq)."""
    try:
        from wordfreq import zipf_frequency
    except ImportError:  # pragma: no cover - wordfreq is a dependency
        return False
    en, own = zipf_frequency(word, "en"), zipf_frequency(word, lang)
    return en >= 3.5 and own < 4.0 and en > own + 0.3


def _fits_earlier_noun(a: Token, n: Token, feats: set[tuple[str, str]], data: PackData, lx: Lexicon) -> bool:
    """An adjective after "N1 de N2" may qualify N1: true when it agrees with a noun shortly before."""
    sent = a.doc
    if _fits_apposition_or_coordination(a, n, feats, data, lx):
        return True
    j = n.i - 1
    while j >= 0 and sent[j].pos_ in ("DET", "NUM"):
        j -= 1
    if j >= 1 and sent[j].pos_ == "ADP":
        k = j - 1
        while k >= 0 and sent[k].pos_ in ("ADJ", "ADV"):
            k -= 1
        if k >= 0 and sent[k].pos_ in ("NOUN", "PROPN") and sent[k].is_alpha:
            other = noun_target(sent[k], data, lx) if sent[k].pos_ == "NOUN" else None
            known = lx.analyses(sent[k].text)  # a word the lexicon knows, but not as a noun, is no noun
            if (other is None and (sent[k].pos_ == "PROPN" or not known or any(x.cat == "N" for x in known))) or (
                other is not None and other.accepts(feats)
            ):
                return True  # "des perspectives d'emploi déprimantes"
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



def _coordination_target(t: Token, data: PackData, lx: Lexicon, before_i: int) -> Target | None:
    """The gender and number of the coordination noun ``t`` belongs to ("un confort et une
    efficacité": masculine plural), or None when it belongs to none; all its nouns must come
    before index ``before_i`` (the adjective)."""
    before = surface_coordination(t, data, lx)
    if before:
        head, members = before[-1], [t, *before]
    else:
        head = t.head if t.dep_ == "conj" and _nominal(t.head) and t.head.i < t.i else t
        members = [head, *(c for c in head.children if c.dep_ == "conj" and _nominal(c) and c.i > head.i)]
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
        if feats & (_noun_features(lx, prev.text, data) or set()):
            return True  # a bare noun in apposition: the adjective may be the first noun's
        t = prev
    return False


def _fix_predeterminer(dets: list[Token], target: Target, data: PackData, pstart: int) -> Fix | None:
    """"tout" before a determiner agrees with the noun: "tout les députés" -> "tous"."""
    if not dets:
        return None
    det = min(dets, key=lambda t: t.i)
    if det.i == 0 or det.text.lower() not in data.determiners or det.text.lower() in data.indefinite:
        return None
    pre = det.doc[det.i - 1]
    key = pre.text.lower()
    if key not in data.predeterminer.values() or pre.text not in (key, key.capitalize()):
        return None
    number = target.number or data.determiners[det.text.lower()][1] or None
    gender = target.gender
    if number is None or gender is None:
        return None
    new = data.predeterminer.get(gender + number)
    if new is None or new == key:
        return None
    new = new.capitalize() if pre.text[:1].isupper() else new
    return Fix(pre, "det", new, pstart + pre.idx, pstart + pre.idx + len(pre.text), new)


def _fix_det(det: Token, target: Target, lang: str, pstart: int) -> Fix | None:
    data = pack(lang)
    key = det.text.lower()
    if key not in data.determiners or det.text not in (key, key.capitalize()):
        return None
    dg, dn = data.determiners[key]
    sent = det.doc
    nxt = sent[det.i + 1]
    prev = sent[det.i - 1] if det.i > 0 else None
    if prev is not None and prev.text.lower().replace("’", "'") in ("quelqu'", "l'") and not prev.whitespace_:
        return None  # "quelqu'un", "l'un": a pronoun
    after = sent[nxt.i + 1] if nxt.i + 1 < len(sent) else None
    det_feats = _expand_pair(dg, dn)
    if (
        # "un putain de syndrome": the determiner agrees with the noun after "de", when it does
        (expressive(det, data) and det.i + 3 < len(sent) and det_feats & lex(lang).features(sent[det.i + 3].text, "N"))
        or epicene_before_name(nxt, lex(lang))
        # "du blanc lumière du jour": a colour word after a determiner that fits it is its noun
        or (prenominal_colour_noun(nxt, data) and det_feats & lex(lang).features(nxt.text, "N"))
        or (
            lexicon.normalize(nxt.text) in data.clitic_followers - data.intensifiers
            and after is not None and lex(lang).analyses(after.text, "AP")
        )
    ):
        return None  # "un putain de syndrome", "la solide Althea Reinhardt", "du blanc lumière", "la mal livrée"
    if lex(lang).is_verb(nxt.text) and key in data.pronoun_determiners and (
        (prev is not None and (prev.pos_ in ("PRON", "PROPN", "SCONJ") or prev.text.lower() in ("ne", "n'", "n’", "comme")))
        or (after is not None and after.pos_ in ("DET", "PROPN") and not nxt.text.lower().endswith(data.second_person_endings))
    ):
        # "une balle qui le renverse", "comme le montre l'image": an object pronoun (a verb in
        # the second person, "la glandes le", has no subject and is a noun after all)
        return None
    g_bad = bool(dg and target.gender and dg != target.gender)
    if g_bad and target.gender == "f" and vowel_sound(nxt.text, lang) is True:
        # "mon amie": a masculine possessive is right before a vowel
        fam = next((f for f in data.determiner_forms.values() if key in f.values()), {})
        if fam.get("vowel_fs") == key:
            g_bad = False
    n_bad = bool(dn and target.number and dn != target.number)
    if not (g_bad or n_bad):
        return None
    gender = target.gender or (dg or None)
    number = target.number or (dn or None)
    new = determiner_for(key, gender, number, nxt.text, lang)
    other = None
    if new is None and gender is None and number is not None:
        # "les gestionnaire": singular, but of either gender
        new, other = (determiner_for(key, g, number, nxt.text, lang) for g in ("m", "f"))
        if new is None or other is None:
            return None
    if new is None or new == key:
        return None
    new = new[:1].upper() + new[1:] if det.text[:1].isupper() else new
    s, e = pstart + det.idx, pstart + det.idx + len(det.text)
    if new.endswith("'"):
        return Fix(det, "det", new, s, pstart + nxt.idx + len(nxt.text), new + nxt.text)
    if other is not None and other != new:
        other = other[:1].upper() + other[1:] if det.text[:1].isupper() else other
        if other.endswith("'"):
            return None
        return Fix(det, "det", new, s, e, new, (other,))
    contracted = data.contractions.get((prev.text.lower(), new.lower())) if prev is not None else None
    if contracted and prev.whitespace_ == " ":
        # "de la pâturin" -> "du pâturin", not "de le pâturin"
        contracted = contracted[:1].upper() + contracted[1:] if prev.text[:1].isupper() else contracted
        return Fix(det, "det", contracted, pstart + prev.idx, e, contracted)
    return Fix(det, "det", new, s, e, new)


_SURFACE = re.compile(r"[^\W\d_]+(?:[\-‐][^\W\d_]+)*['’]?")


def _expand_pair(gender: str, number: str) -> set[tuple[str, str]]:
    return {(g, n) for g in ((gender,) if gender else ("m", "f")) for n in ((number,) if number else ("s", "p"))}


# auxiliaries, negation, clitics and adverbs that stand between a subject and its predicate
_VERB_GROUP = frozenset(
    "a ai as avons avez ont avait avaient aura auront aurait auraient eu ne n' pas plus jamais "
    "déjà toujours encore très bien aussi si trop peu ensuite enfin y en se me te lui leur".split()
)


@lru_cache(maxsize=100_000)
def _surface_features(lang: str, w: str) -> tuple[frozenset[tuple[str, str]] | None, frozenset[tuple[str, str]] | None]:
    """(agreeing-word features, noun features) of a lower-case surface word, for might_disagree."""
    data, lx = pack(lang), lex(lang)
    if w.endswith("'"):
        return (frozenset({("m", "s"), ("f", "s")}) if w == "l'" else None), None
    f = frozenset(_expand_pair(*data.determiners[w])) if w in data.determiners else (frozenset(lx.features(w, "AP")) or None)
    if w in data.subject_pronouns:
        nf = frozenset(_expand_pair(*data.subject_pronouns[w]))
    elif len(w) < 2 or w in _VERB_GROUP:
        nf = None
    else:
        found = _noun_features(lx, w, data)
        nf = frozenset(found) if found else None
    return f, nf


def _fits_next_noun(a: Token, feats: set, sent: Any, lx: Lexicon) -> bool:
    """The adjective stands right before a noun it agrees with: it belongs to that noun."""
    if a.i + 1 >= len(sent):
        return False
    nxt = sent[a.i + 1]
    nxt = next_noun_past_quote(a) or nxt
    if nxt.pos_ != "NOUN" or nxt.head.i == a.i:
        return False
    noun_feats = lx.features(nxt.text, "N")
    return bool(noun_feats) and bool(set(feats) & noun_feats)


def _noun_features(lx: Lexicon, word: str, data: PackData) -> set[tuple[str, str]] | None:
    """(gender, number) pairs of a noun form, from its frequent readings only ("fin" is a
    feminine noun; its rare masculine reading would hide "le fin"), with the pack's gender for
    nouns the lexicon leaves blank (as :func:`noun_target` does)."""
    found = lx.analyses(word, "N")
    if not found:
        return None
    top = max(a.freq for a in found)
    out: set[tuple[str, str]] = set()
    for a in found:
        if a.freq >= 0.1 * top:
            gender = a.gender or data.noun_genders.get(lexicon.normalize(a.lemma), "")
            out |= _expand_pair(gender, a.number)
    return out


def might_disagree(text: str, lang: str, window: int = 3, subject_window: int = 8) -> bool:
    """A cheap test on the surface words: could this text hold an agreement error the parse-based
    rules (MTQ201-MTQ203) would report?

    True when a determiner, adjective or participle can carry none of the (gender, number) pairs
    of the nearest noun within ``window`` words, or when an adjective or participle after a form
    of "être" agrees with no noun or subject pronoun among the ``subject_window`` words before it.
    Parsing is the slowest step of a run; paragraphs where nothing can disagree are not parsed.
    """
    data = pack(lang)
    words = [w.lower().replace("’", "'") for w in _SURFACE.findall(text)]
    feats: list[frozenset[tuple[str, str]] | None] = []  # of determiners, adjectives, participles
    nouns: list[frozenset[tuple[str, str]] | None] = []  # of nouns and subject pronouns
    for w in words:
        f, nf = _surface_features(lang, w)
        feats.append(f)
        nouns.append(nf)
    n = len(words)
    if _avoir_participle_possible(words, data, lang):
        return True
    for i in range(n):
        f = feats[i]
        if f is None:
            continue
        # the nearest noun after (determiners, adjectives) and before (adjectives)
        for j in range(i + 1, min(n, i + 1 + window)):
            if nouns[j] is None:
                continue
            if not f & nouns[j]:
                return True
            if feats[j] is None:  # a word that is only a noun ends the phrase
                break
        if i > 0 and nouns[i - 1] is not None and words[i] not in data.determiners and not f & nouns[i - 1]:
            return True
        # a predicate: a copula ("est", "a été", "semble très") up to three words before
        for k in range(i - 1, max(-1, i - 4), -1):
            if words[k] in data.etre or words[k].startswith(data.copular_prefixes):
                # the nearest noun or subject pronoun before the verb group is the likely subject
                for j in range(k - 1, max(-1, k - 1 - subject_window), -1):
                    if words[j] in data.etre or words[j] in _VERB_GROUP or nouns[j] is None:
                        continue
                    if not f & nouns[j]:
                        return True
                    break
                break
    return False


def _avoir_participle_possible(words: list[str], data: PackData, lang: str) -> bool:
    """A participle after a finite "avoir" (up to two adverbs between) that is not masculine
    singular, or that follows an object pronoun or a "que" which it may have to agree with
    (MTQ204)."""
    lx = lex(lang)
    for i, w in enumerate(words):
        if w not in data.avoir_number:
            continue
        for k in range(i + 1, min(len(words), i + 4)):
            p = words[k]
            if p in data.avoir_invariable:
                break
            pf = lx.features(p, "P")
            if not pf:
                continue
            if ("m", "s") not in pf:
                return True
            # a masculine singular participle may have to agree with "la", "les" right before
            # "avoir", or with the noun before a "que" when that noun can be other than masculine
            # singular
            if i > 0 and words[i - 1] in ("la", "les"):
                return True
            for j in range(i - 1, max(-1, i - 7), -1):
                if words[j] in ("que", "qu'") and j > 0:
                    nf = _surface_features(lang, words[j - 1])[1]
                    if nf is not None and nf - {("m", "s")}:
                        return True
                    break
            break
    return False


def agreement_parses(doc: Document, ctx: Context) -> list[Any]:
    """The shared parse of each paragraph where an agreement error is possible at all
    (:func:`might_disagree`); ``None`` for the others, which are not parsed. Cached."""
    key = ("agreement-parses", doc.target_language)
    if key in doc.cache:
        return doc.cache[key]
    wanted = [
        p.index for p in doc.paragraphs
        if p.language in (doc.target_language, "und") and might_disagree(doc.view[p.start : p.end], doc.target_language)
    ]
    out = list(ctx.parses(doc, only=wanted)) if wanted else [None] * len(doc.paragraphs)
    doc.cache[key] = out
    return out


def noun_phrases(doc: Document, ctx: Context) -> list[NounPhrase]:
    """Every noun phrase of the document whose noun has known features, with the determiner and
    adjective corrections it needs (cached on the document)."""
    key = ("agreement-np", doc.target_language)
    if key in doc.cache:
        return doc.cache[key]
    out: list[NounPhrase] = []
    for p, parsed in zip(doc.paragraphs, agreement_parses(doc, ctx)):
        if parsed is None or p.language not in (doc.target_language, "und"):
            continue
        examined: set[int] = set()
        for tok in parsed:
            np = _np(tok, p.start, doc.target_language) if tok.pos_ in ("NOUN", "PROPN") else None
            if np is not None:
                examined |= np.examined
                if np.fixes:
                    out.append(np)
        for tok in parsed:
            np = _surface_np(tok, p.start, doc.target_language, examined)
            if np is not None and np.fixes:
                examined |= np.examined
                out.append(np)
    doc.cache[key] = out
    return out


def predicates(doc: Document, ctx: Context) -> list[tuple[int, Any]]:
    """(paragraph start, token) of every adjective or verb that may be a predicate."""
    out = []
    for p, parsed in zip(doc.paragraphs, agreement_parses(doc, ctx)):
        if parsed is None or p.language not in (doc.target_language, "und"):
            continue
        out.extend((p.start, t) for t in parsed if t.pos_ in ("ADJ", "VERB", "NOUN"))
    return out


def nominal_use(tok: Token) -> bool:
    """The word heads a noun or prepositional phrase ("le reçu", "aux prises", "en tournée",
    "à présent"), not a predicate."""
    prev = tok.doc[tok.i - 1] if tok.i > 0 else None
    return any(c.dep_ in ("det", "case") for c in tok.children) or (
        prev is not None and prev.pos_ in ("DET", "ADP") and prev.text.lower() not in ("être",)
    )


def is_participle(tok: Token, lx: Lexicon, data: PackData) -> bool:
    """A past-participle form used as a verb: tagged so, or with an auxiliary (the parser tags
    some participles as adjectives or nouns: "se sont lavé", "sont partis")."""
    if not lx.analyses(tok.text, "P"):
        return False
    if tok.pos_ == "VERB" or "Part" in tok.morph.get("VerbForm"):
        return True
    return any(c.dep_ in _AUX[1:] and c.text.lower() in data.etre for c in tok.children)


def noun_phrase_issues(rule: Rule, doc: Document, ctx: Context, kind: str) -> Iterator[Issue]:
    """The findings of one kind ("det" or "adj") of the shared noun-phrase analysis."""
    apo = apostrophe(doc)
    for np in noun_phrases(doc, ctx):
        corrected = np.corrected.replace("'", apo)
        for fix in np.fixes:
            if fix.kind == kind:
                suggestions = [x.replace("'", apo) for x in (fix.suggestion, *fix.alternatives)]
                span = doc.text[fix.start:fix.end]
                if fix.both:
                    message = f"'{fix.token.text}' and '{np.noun.text}' do not agree: " + " or ".join(f"'{x}'" for x in suggestions)
                elif fix.shared:
                    together = Target("m" if np.target.gender == "m" else None, "p", np.noun.text)
                    message = (
                        f"'{span}' does not agree with '{np.noun.text}' and the nouns coordinated with it "
                        f"({together.describe()}): '{fix.suggestion}'"
                    )
                else:
                    message = f"'{span}' does not agree with '{np.noun.text}' ({np.target.describe()}): '{corrected}'"
                yield rule.issue(doc, fix.start, fix.end, message, suggestions, noun=np.noun.text, corrected=corrected)


def predicate_issue(rule: Rule, doc: Document, pstart: int, tok: Token, subject_of: Token, label: str) -> Issue | None:
    """A finding for predicate ``tok`` (adjective or participle) when it does not agree with the
    subject of ``subject_of`` (itself, or the copular verb it complements)."""
    lang = doc.target_language
    data, lx = pack(lang), lex(lang)
    found = subject_target(subject_of, data, lx)
    if found is None:
        return None
    target, subj = found
    feats = adjective_feats(tok, data, lx)
    if not feats or target.accepts(feats):
        return None
    new = fix_adjective(tok, target, lang, None)
    if new is None:
        return None
    return rule.issue(
        doc, pstart + tok.idx, pstart + tok.idx + len(tok.text),
        f"{label}'{tok.text}' does not agree with '{subj.text}' ({target.describe()}): '{new}'",
        [new],
        subject=subj.text,
    )
