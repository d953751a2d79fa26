"""The subject a predicate agrees with: the subject the parse gives (pronoun, noun or
coordination), checked against the number of the finite auxiliary (:func:`subject_target`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .... import lexicon
from ....lexicon import Lexicon
from .common import PackData
from .guards import surface_coordination
from .targets import Target, noun_target
from .verbs import qui_antecedent

if TYPE_CHECKING:
    from spacy.tokens import Token


SUBJ = ("nsubj", "nsubj:pass", "expl:subj")


AUX = ("cop", "aux", "aux:pass", "aux:tense")


def subject_target(pred: Token, data: PackData, lx: Lexicon) -> tuple[Target, Token] | None:
    """The gender and number a predicate (adjective or participle) agrees with, and the word
    they come from: the subject, with coordination ("la maison et le jardin": masculine
    plural). The finite auxiliary must agree in number with the subject found, or the parse is
    wrong and None is returned. When the subject gives nothing (a name, "qui"), the auxiliary's
    own number is still evidence ("qui sont supposé"), except after "on", "vous", "nous"."""
    # the auxiliary nearest the predicate (the parse may merge two clauses: "l'essentiel était
    # que ces hommes soient réhabilités")
    aux = _nearest_before(pred, [c for c in pred.children if c.dep_ in AUX and c.text.lower() in data.etre_number])
    if aux is None and any(c.dep_ in AUX and c.text.lower() == data.etre_participle for c in pred.children):
        # "a été prise", "ont été exprimés": the finite "avoir" before "été" gives the number
        aux = _nearest_before(pred, [c for c in pred.children if c.dep_ in AUX and c.text.lower() in data.avoir_number])
    if aux is not None and aux.i + 1 < len(aux.doc) and aux.doc[aux.i + 1].text[:1] in "-‐":
        return None  # inverted subject ("êtes-vous censé", "sont-ils prêts"): left alone
    num = (data.etre_number.get(aux.text.lower()) or data.avoir_number.get(aux.text.lower())) if aux is not None else None
    found = _subject_target(pred, data, lx, num)
    if found is None:
        subj = _nearest_before(pred, [c for c in pred.children if c.dep_ in SUBJ and any(ch.isalpha() for ch in c.text)])
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


_OPEN_QUOTES = ("«", "“", "„", '"')
_CLOSE_QUOTES = ("»", "”", "“", '"')


def _titled_noun(subj: Token, pred: Token) -> Token | None:
    """The noun right before a quotation that holds the subject word and closes before the
    predicate (``le film « La Salle des profs » est nommé``, ``la chanson “Les Lacs” est
    reprise``): the quoted words are the title of what that noun names, and the predicate agrees
    with the noun."""
    sent = subj.doc
    if pred.i <= subj.i:
        return None
    opening = next((k for k in range(subj.i - 1, max(-1, subj.i - 8), -1) if sent[k].text in _OPEN_QUOTES), None)
    if opening is None or opening == 0 or sent[opening - 1].pos_ != "NOUN":
        return None
    if any(sent[k].text in _CLOSE_QUOTES and sent[k].text != sent[opening].text for k in range(opening + 1, subj.i)):
        return None  # the quotation closed before the subject word
    if not any(sent[k].text in _CLOSE_QUOTES for k in range(subj.i + 1, pred.i)):
        return None
    return sent[opening - 1]


def _subject_target(pred: Token, data: PackData, lx: Lexicon, num: str | None = None) -> tuple[Target, Token] | None:
    # (a quotation mark the parser took for a subject is skipped)
    subjects = [c for c in pred.children if c.dep_ in SUBJ and any(ch.isalpha() for ch in c.text)]
    if len(subjects) > 1:
        joined = _two_subjects(subjects, num, data, lx)
        if joined is not None:
            return joined  # "le père et la mère sont présents": both hung on the predicate
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
            c.dep_ in AUX for c in pred.children
        ):
            return _subject_target(pred.head, data, lx, num)  # "sont grands et forts": shared auxiliary
        if pred.dep_ == "conj" and pred.head.pos_ in ("ADJ", "VERB") and pred.head.i < pred.i and not any(
            t.dep_.startswith("nsubj") or t.text.lower() in data.clitic_subjects or t.text in (";", ":")
            for t in pred.doc[pred.head.i + 1 : pred.i]
        ) and any(c.dep_ == "cc" for c in pred.children) and pred.head.dep_ in ("ROOT", "ccomp"):
            # "la décision sera prise demain et sera annoncée jeudi": the verb of a second clause
            # with no subject of its own shares the first one's (a main clause's: an adverbial
            # clause as the head is most often a misparse)
            return _subject_target(pred.head, data, lx, num)
        return None
    pronoun = subj.pos_ == "PRON" and subj.text.lower() in data.subject_pronouns
    lo, hi = sorted((subj.i, pred.i))
    if any(t.text in (":", ";", "—", "–") for t in subj.doc[lo:hi]):
        return None  # "Voiture projetée contre un arbre : le conducteur est blessé"
    if any(c.dep_ == "case" for c in subj.children) and not pronoun:
        return None  # "une des pièces est ...": the parse took the complement for the subject
    sent = subj.doc
    if not pronoun:
        # "le film « La Salle des profs » est nommé": the noun before the title is the subject
        subj = _titled_noun(subj, pred) or subj
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
    if subj.pos_ == "PRON" and subj.text.lower() == "qui":
        ante = qui_antecedent(subj, pred, pred.lang_)
        target = noun_target(ante, data, lx) if ante is not None else None
        # "les décisions qui ont été prises": the noun "qui" stands for, when there is no doubt
        return (target, ante) if target is not None and target.number is not None else None
    if subj.pos_ == "PRON":
        key = subj.text.lower().replace("’", "'")
        if key in data.neuter_subjects and pred.i > subj.i:
            # "c'est fini", "cela est dû": a predicate of "ce", "cela", "ça" is masculine singular
            # (the auxiliary must be singular: "ce sont" is left alone)
            aux = next((c for c in pred.children if c.dep_ in AUX and c.text.lower() in data.etre_number), None)
            if (
                aux is not None
                and data.etre_number[aux.text.lower()] == "s"
                and subj.i < aux.i < pred.i
                and all(t.pos_ == "ADV" or t.text.lower() in data.verb_group for t in subj.doc[aux.i + 1 : pred.i])
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
    if base.gender is None and lexicon.normalize(subj.text) in data.masculine_predicate_nouns:
        base = Target("m", base.number, base.label)  # "les gens sont gentils"
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
        if any(c.dep_ == "cc" and c.text.lower() != data.and_conjunction for c in m.children):
            return None
        t = noun_target(m, data, lx) if m.pos_ == "NOUN" else None
        genders.add(t.gender if t else None)
    gender = "m" if "m" in genders else ("f" if genders == {"f"} else None)
    return Target(gender, "p", _joined([*before, subj, *members])), subj


def _joined(nouns: list[Token]) -> str:
    """The label of coordinated subjects in a message: "courage et patience"."""
    words = [t.text for t in nouns]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " et " + words[-1]


def _two_subjects(subjects: list[Token], num: str | None, data: PackData, lx: Lexicon) -> tuple[Target, Token] | None:
    """Two nouns joined by "et" that the parse both made subjects of the predicate ("le père et
    la mère sont"): masculine plural when either is masculine, whatever the auxiliary's number
    (a singular one is the verb's error, MTQ206's: "le père et la mère est arrivés")."""
    if num not in ("p", "s") or len(subjects) != 2 or any(t.pos_ != "NOUN" for t in subjects):
        return None
    a, b = sorted(subjects, key=lambda t: t.i)
    sent = a.doc
    gap = [t for t in sent[a.i + 1 : b.left_edge.i]]
    if [t.text.lower() for t in gap] != [data.and_conjunction] or any(t.pos_ not in ("DET", "ADJ") for t in sent[a.left_edge.i : a.i]):
        return None
    targets = [noun_target(t, data, lx) for t in (a, b)]
    if any(t is None or t.number != "s" for t in targets):
        return None
    genders = {t.gender for t in targets}
    gender = None if None in genders else "m" if "m" in genders else "f"
    return Target(gender, "p", _joined([a, b])), b

