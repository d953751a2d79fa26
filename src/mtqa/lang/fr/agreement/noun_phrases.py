"""Noun phrases over the shared parse: the determiners and adjectives the parse attaches to each
noun, checked against it, then the position checks (:mod:`.positions`); cached per document,
so that MTQ201 and MTQ202 share them, and turned into findings by :func:`noun_phrase_issues`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .... import lexicon
from ....lexicon import Lexicon
from .common import PackData, apostrophe, lex, on_parse, pack
from .corrections import NounPhrase, check_np
from .positions import surface_np
from .prefilter import agreement_parses
from .common import NUMBER_NAME
from .targets import Target, noun_target
from .words import BETWEEN_POST, BETWEEN_PRE, adjective_only, between_ok, capitalised, mostly_adjective, nominal

if TYPE_CHECKING:
    from collections.abc import Iterator

    from spacy.tokens import Token

    from ....lint.context import Context
    from ....lint.rule import Rule
    from ....model import Document, Issue


def _pronoun_determiner(c: Token, data: PackData) -> bool:
    """A determiner the tagger read as a pronoun but attached as one ("Certains applications",
    sentence-initial): one of the pack's determiners that is not also an object pronoun."""
    key = c.text.lower()
    return c.pos_ == "PRON" and key in data.determiners and key not in data.pronoun_determiners


def _verb_tagged_noun(t: Token, data: PackData, lx: Lexicon) -> bool:
    """A noun the tagger took for a verb, its determiner right before it ("les habitant du
    village": a present participle too): a lower-case word the lexicon knows as a noun, not a
    gerund ("en les tenant")."""
    if t.pos_ != "VERB" or t.i < 1 or (t.i > 1 and t.doc[t.i - 2].text.lower() == "en"):
        return False  # (a gerund after its object pronoun: "en les tenant")
    return (
        t.text.islower() and t.doc[t.i - 1].head.i == t.i
        and t.doc[t.i - 1].dep_ == "det" and t.doc[t.i - 1].text.lower() in data.determiners
        and bool(lx.analyses(t.text, "N"))
    )


def _np(n: Token, pstart: int, lang: str) -> NounPhrase | None:
    """The determiners and adjectives the parse attaches to noun ``n``, checked against it."""
    data, lx = pack(lang), lex(lang)
    target = noun_target(n, data, lx, surface=_verb_tagged_noun(n, data, lx))
    if target is None:
        return None
    sent = n.doc
    # an adjective after the last of coordinated nouns may agree with all of them
    coordinated = (n.dep_ == "conj" and nominal(n.head)) or any(c.dep_ == "conj" and nominal(c) and c.i > n.i for c in n.children)
    named = capitalised(n)  # its determiner decides its gender: only adjectives are checked
    dets = [] if named else [
        c for c in n.children
        if c.dep_ == "det" and c.i < n.i and between_ok(sent, c.i, n.i, BETWEEN_PRE)
        and (c.pos_ == "DET" or _pronoun_determiner(c, data))
        and all(
            lx.analyses(sent[k].text, "AP") or any(ch.isdigit() for ch in sent[k].text)
            for k in range(c.i + 1, n.i) if sent[k].pos_ == "ADJ"
        )
    ]
    dets = [c for c in dets if not _named_measure(c, n, data)]
    if dets and any(_bare_conjunct(n, c) for c in n.children):
        # "les mêmes endocrinologue et psychiatre": a plural determiner shared by coordinated nouns
        shared_dets = [c for c in dets if data.determiners.get(c.text.lower(), ("", ""))[1] == "p"]
        dets = [c for c in dets if c not in shared_dets]
    else:
        shared_dets = []
    adjs: list[Token] = []
    shared: set[int] = set()  # adjectives that may agree with a coordination ending with ``n``
    complement = lexicon.normalize(n.text) in data.complement_nouns and (
        (n.i + 1 < len(sent) and sent[n.i + 1].text.lower() in data.de_forms)
        or not any(c.dep_ == "det" and c.text.lower() in data.determiners for c in n.children)  # "en quelque sorte"
    )
    for c in n.children:
        if complement and c.i > n.i:
            continue  # "une sorte de gâteau délicieux"
        # adjectives, adjective-only words the tagger took for nouns or names ("groupes musical"),
        # and participles used as adjectives ("les suffrages exprimés")
        if (c.dep_ == "amod" and c.pos_ == "ADJ") or (
            c.dep_ in ("amod", "nmod") and c.pos_ in ("NOUN", "PROPN") and c.i > n.i and adjective_only(c, lx, strict=True)
        ) or (
            c.i > n.i and c.pos_ not in ("ADJ", "DET", "PRON", "ADP") and c.dep_ in ("amod", "nmod")
            and between_ok(sent, n.i, c.i, {"ADV"}) and mostly_adjective(c, lx)
        ) or (
            c.i > n.i and c.dep_ == "acl" and lexicon.normalize(n.text) not in data.collective
            and _adjectival_participle(c, n, lx)
        ):  # (not after "20 ans", "des milliers": the participle may belong elsewhere)
            seul = lexicon.normalize(c.text) in data.subject_attributes and c.i < n.i and between_ok(sent, c.i, n.i, BETWEEN_PRE | {"DET"})
            if c.i < n.i and (between_ok(sent, c.i, n.i, BETWEEN_PRE) or seul):
                if any(d.dep_ in ("det", "case") and d.i < c.i for d in n.children) or seul and (
                    # "Seuls les personnes inscrites": "seul" before the determiner agrees with the noun
                    any(d.dep_ == "det" and c.i < d.i < n.i for d in n.children)
                ):
                    adjs.append(c)
            elif c.i > n.i and between_ok(sent, n.i, c.i, BETWEEN_POST):
                if c.i + 2 < len(sent) and sent[c.i + 1].text.lower() in data.de_forms and (
                    (sent[c.i + 2].pos_ in ("NOUN", "ADV") and ("m", "s") in lx.features(c.text, "AP"))
                    or lx.analyses(c.text, "P")
                ):
                    # "des produits haut de gamme": a fixed phrase keeps the masculine singular;
                    # "la voiture armés de trois arcs": a participle phrase may describe the subject
                    # (but "un nombre illimitée de voyages" and "exhaustif de la commune" are checked)
                    continue
                group = [c, *(
                    d for d in c.children
                    if d.dep_ == "conj" and d.pos_ == "ADJ" and d.i > c.i and between_ok(sent, c.i, d.i, BETWEEN_POST)
                )]
                # a second adjective the parse hung on the first ("une pression hydrostatique
                # important", "une famille aristocratique breton")
                group.extend(
                    d for d in c.children
                    if d.i == c.i + 1 and d.dep_ in ("amod", "flat:name", "flat") and d.text.islower()
                    and (d.pos_ == "ADJ" or adjective_only(d, lx, strict=True))
                )
                adjs.extend(group)
                if coordinated and _conj_before(n, c):
                    shared.update(a.i for a in group)
    np = check_np(n, target, dets, adjs, pstart, lang, shared)
    np.examined |= {c.i for c in shared_dets}  # checked, and right
    return np


def _named_measure(det: Token, n: Token, data) -> bool:
    """A singular determiner before a number and a plural unit of measure names one thing, a race
    or a slot, by its measure ("le 100 mètres", "du 400 mètres", "le 20 heures", "un 10 kilomètres"):
    the determiner agrees with the event, not with the unit (units from ``event_units``)."""
    sent = n.doc
    if data.determiners.get(det.text.lower(), ("", ""))[1] != "s" or lexicon.normalize(n.text) not in data.event_units:
        return False
    between = [sent[k] for k in range(det.i + 1, n.i)]
    if not between or not all(t.like_num or t.text.replace("\u202f", "").replace("\u00a0", "").isdigit() for t in between):
        return False
    return n.text.lower().endswith(("s", "x"))


def _bare_conjunct(n: Token, c: Token) -> bool:
    """``c`` is a common noun coordinated right after ``n`` by "et"/"ou", without a determiner of
    its own ("les mêmes juge et avocat")."""
    return (
        c.dep_ == "conj" and c.pos_ == "NOUN" and 0 < c.i - n.i <= 3 and c.text.islower()
        and any(d.dep_ == "cc" and d.text.lower() in ("et", "ou") and d.i == c.i - 1 for d in c.children)
        and not any(d.dep_ == "det" for d in c.children)
    )


def _conj_before(n: Token, a: Token) -> bool:
    """``a`` comes after a noun coordinated with ``n`` (or ``n`` is itself a later conjunct)."""
    return (n.dep_ == "conj" and nominal(n.head)) or any(c.dep_ == "conj" and nominal(c) and n.i < c.i < a.i for c in n.children)


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


def noun_phrases(doc: Document, ctx: Context) -> list[NounPhrase]:
    """Every noun phrase of the document whose noun has known features, with the determiner and
    adjective corrections it needs (cached on the document)."""
    key = ("agreement-np", doc.target_language)
    if key in doc.cache:
        return doc.cache[key]
    out: list[NounPhrase] = []
    lang = doc.target_language
    for p, parsed in zip(doc.paragraphs, agreement_parses(doc, ctx)):
        if parsed is None or p.language not in (lang, "und"):
            continue
        out.extend(on_parse(parsed, ("noun-phrases", lang, p.start), lambda: _paragraph_noun_phrases(parsed, p.start, lang)))
    doc.cache[key] = out
    return out


def _paragraph_noun_phrases(parsed, pstart: int, lang: str) -> list[NounPhrase]:
    """The noun phrases of one parsed paragraph that need corrections (document offsets, from
    the paragraph's ``pstart``)."""
    out: list[NounPhrase] = []
    examined: set[int] = set()
    data, lx = pack(lang), lex(lang)
    for tok in parsed:
        np = _np(tok, pstart, lang) if tok.pos_ in ("NOUN", "PROPN") or _verb_tagged_noun(tok, data, lx) else None
        if np is not None:
            examined |= np.examined
            if np.fixes:
                out.append(np)
    for tok in parsed:
        np = surface_np(tok, pstart, lang, examined)
        if np is not None and np.fixes:
            examined |= np.examined
            out.append(np)
    return out


def noun_phrase_issues(rule: Rule, doc: Document, ctx: Context, kind: str) -> Iterator[Issue]:
    """The findings of one kind ("det" or "adj") of the shared noun-phrase analysis."""
    apo = apostrophe(doc)
    for np in noun_phrases(doc, ctx):
        corrected = np.corrected.replace("'", apo)
        for fix in np.fixes:
            if fix.kind == kind:
                suggestions = [x.replace("'", apo) for x in (fix.suggestion, *fix.alternatives)]
                span = doc.text[fix.start:fix.end]
                if fix.token.i == np.noun.i:  # "plusieurs musée": the determiner has no other number
                    sent, k = np.noun.doc, np.noun.i - 1
                    while k > 0 and sent[k].pos_ == "ADJ" and not sent[k].like_num:
                        k -= 1  # "cinq dernières année": the cardinal before the adjectives
                    number = NUMBER_NAME.get(np.target.number or "", "")
                    if sent[k].like_num:
                        message = f"'{span}' is {number}, the number '{sent[k].text}' before it is not: '{corrected}'"
                    else:
                        det = sent[np.noun.i - 1].text
                        message = f"'{span}' is {number}, its determiner '{det}' is not: '{det} {corrected}'"
                elif fix.both:
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
