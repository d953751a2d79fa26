"""Position checks, where an error has misled the parser: a noun right after a determiner (and
at most two words that can only be adjectives), a noun without a determiner and the adjective
after it, a word that is an adjective or a noun right after a determiner. Words the parse
already related to a noun are left to :mod:`.noun_phrases`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .... import lexicon
from ....lexicon import Lexicon
from .common import PackData, lex, pack
from .corrections import Fix, NounPhrase, check_np, fix_adjective
from .guards import in_locution
from .targets import MIN_FREQ, Target, named_det, noun_target
from .words import adjective_only, capitalised, ends_phrase, expand_pair, mostly_adjective

if TYPE_CHECKING:
    from spacy.tokens import Token


def surface_np(n: Token, pstart: int, lang: str, examined: set[int]) -> NounPhrase | None:
    """Where an error has misled the parser ("pour la pochettes", "une genre très vivace"), a
    noun right after a determiner (and at most two words that can only be adjectives), and the
    adjective right after it, are checked by position. Words the parse already related to a
    noun (``examined``) are left to that analysis."""
    data, lx = pack(lang), lex(lang)
    sent = n.doc
    if not n.is_alpha or not lx.analyses(n.text, "N") or (capitalised(n) and named_det(n, data, lx) is None):
        return None
    if in_locution(n):
        return None  # "du porte à porte", "un troisième ligne": not the noun's own gender
    mistagged = (  # a word the lexicon knows only as a noun, tagged a pronoun after a determiner ("dans la lac")
        n.pos_ == "PRON" and n.i > 0 and sent[n.i - 1].pos_ == "DET"
        and {a.cat for a in lx.analyses(n.text)} == {"N"}
    )
    if (n.pos_ in ("CCONJ", "SCONJ", "PRON", "DET", "AUX", "NUM") and not mistagged) or lexicon.normalize(n.text) in data.function_words:
        return None
    i = n.i - 1
    adjs: list[Token] = []
    while i >= 0 and len(adjs) < 2 and (adjective_only(sent[i], lx) or (i == n.i - 1 and _prenominal(sent[i], data, lx))):
        adjs.append(sent[i])
        i -= 1
    if (i < 0 or sent[i].text.lower() not in data.determiners) and not adjs:
        return _bare_noun(n, pstart, lang, examined)
    if adjs and (i < 0 or sent[i].text in (".", "!", "?", "…") or lexicon.normalize(sent[i].text) in data.interjections):
        # "Bonjour chères équipe", "Chers collègue,": a greeting or a headline opens with
        # adjectives and a noun and no determiner; the adjectives agree with the noun
        return _opening_np(n, adjs, pstart, lang, examined)
    if adjs and i >= 0 and sent[i].text.lower().replace("’", "'") in data.de_forms and n.pos_ not in ("ADV", "VERB"):
        # "de lourds portes", "d'urgents mesures": "de" before an adjective marks no gender or
        # number, the adjective still agrees with the noun
        adjs = [a for a in adjs if a.i not in examined]
        target = noun_target(n, data, lx, surface=True) if adjs and not lx.analyses(n.text, "A") else None
        return check_np(n, target, [], adjs, pstart, lang) if target is not None else None
    if i < 0 or sent[i].text.lower() not in data.determiners or (i > 0 and sent[i - 1].text in "-‐"):
        return None
    if i > 0 and sent[i - 1].text.lower().replace("’", "'") in data.pronoun_elisions and not sent[i - 1].whitespace_:
        return None  # "quelqu'un", "l'un": a pronoun
    det = sent[i]
    # a noun: known only as a noun, or tagged so after a determiner, or any noun form after a
    # determiner and a word that can only be an adjective ("le meilleurs restaurant")
    noun_only = {a.cat for a in lx.analyses(n.text)} == {"N"}
    unambiguous = det.text.lower() not in data.pronoun_determiners  # not "le", "la", "les", "leur", "ce"
    if lexicon.normalize(n.text) in data.clitic_followers:
        return None  # "sa plus haute valeur"
    if capitalised(n) and not adjs:
        return None
    if not (
        noun_only
        or (n.pos_ == "NOUN" and det.pos_ == "DET")
        or ((adjs or unambiguous) and not lx.analyses(n.text, "A") and n.pos_ not in ("ADV", "VERB"))
        # after a word that can only be an adjective, a noun-or-adjective is the noun ("un
        # passionnants documentaire")
        or (any(adjective_only(a, lx, strict=True) for a in adjs) and n.pos_ not in ("ADV", "VERB"))
    ):
        return _nominal_after_det(n, det, pstart, lang, examined) if not adjs else None
    nxt = sent[n.i + 1] if n.i + 1 < len(sent) else None
    if (
        nxt is not None
        and nxt.pos_ in ("ADJ", "VERB", "NOUN", "PROPN")
        and adjective_only(nxt, lx)
        and not ends_phrase(nxt)
        and not any(t.pos_ == "CCONJ" or t.text == "," for t in sent[max(0, i - 3) : i])
    ):
        adjs.append(nxt)
    named = capitalised(n)  # a name's determiner is not checked ("le Rafale")
    dets = [] if det.i in examined or named else [det]
    adjs = [a for a in adjs if a.i not in examined]
    if not dets and not adjs:
        return None
    target = noun_target(n, data, lx, surface=True)
    if target is None:
        return _nominal_after_det(n, det, pstart, lang, examined) if not adjs else None
    if target.number is None and data.determiners[det.text.lower()][1]:
        target = Target(target.gender, data.determiners[det.text.lower()][1], target.label)
    if any(a.i < n.i and not adjective_only(a, lx) for a in adjs) and not target.accepts(
        expand_pair(*data.determiners[det.text.lower()])
    ):
        return None  # "La commune compte": determiner and adjective-or-noun agree, the next word is a verb
    return check_np(n, target, dets, adjs, pstart, lang)


def _opening_np(n: Token, adjs: list[Token], pstart: int, lang: str, examined: set[int]) -> NounPhrase | None:
    data, lx = pack(lang), lex(lang)
    adjs = [a for a in adjs if a.i not in examined]
    if not adjs or n.pos_ != "NOUN" or capitalised(n) or not all(mostly_adjective(a, lx, ratio=1) for a in adjs):
        return None
    target = noun_target(n, data, lx, surface=True)
    return check_np(n, target, [], adjs, pstart, lang) if target is not None else None


def _prenominal(w: Token, data: PackData, lx: Lexicon) -> bool:
    """A word right before a noun that is above all an adjective ("aux futurs marées", "du tierce
    monde"), though it is a noun too: never a verb, and not rarer as an adjective than as a noun."""
    key = lexicon.normalize(w.text)
    if key in data.invariable_adjectives or key in data.clitic_followers or key in data.function_words:
        return False
    if w.i + 1 < len(w.doc) and w.doc[w.i + 1].text in "-‐" or not w.whitespace_:
        return False
    return mostly_adjective(w, lx, ratio=1)


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
    if a.i in examined or not mostly_adjective(a, lx) or ends_phrase(a):
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
    return check_np(n, target, [], [a], pstart, lang)


def _nominal_after_det(w: Token, det: Token, pstart: int, lang: str, examined: set[int]) -> NounPhrase | None:
    """A word that is an adjective or a noun right after a determiner ("soit le bonne", "les
    gestionnaire des voies", "sa court règne"): whether it is the noun or an adjective before
    it, the determiner agrees with it. Checked against every adjective and noun reading of the
    word together, so only a determiner that fits none of them is flagged."""
    data, lx = pack(lang), lex(lang)
    sent = w.doc
    key = lexicon.normalize(w.text)
    initial = (  # "Mes voisin sont partis", "Certains applications": a sentence's first determiner the
        # error made a name or a pronoun
        det.pos_ in ("PROPN", "PRON") and det.text[:1].isupper() and det.text.lower() not in data.pronoun_determiners
        and (det.i == 0 or sent[det.i - 1].is_punct)
    )
    if det.i in examined or (det.pos_ not in ("DET", "ADP") and not initial) or w.pos_ in ("ADV", "NUM", "PROPN"):
        return None
    if det.text.lower() in data.pronoun_determiners and lx.is_verb(w.text):
        return None  # "qui la rend", "ce doit": a pronoun before a verb
    if key in data.skip_nouns or key in data.invariable_adjectives or key in data.function_words:
        return None
    nxt = sent[w.i + 1] if w.i + 1 < len(sent) else None
    if nxt is not None and (nxt.text in "-‐" or (not w.whitespace_ and nxt.is_alpha) or nxt.pos_ == "CCONJ"):
        return None  # "une grand-mère"; "aux premier et second tours"
    dg, dn = data.determiners.get(det.text.lower(), ("", ""))
    det_feats = expand_pair(dg, dn)
    if (
        nxt is not None
        and nxt.i not in examined
        and mostly_adjective(nxt, lx)
        and lx.analyses(w.text, "N")
        and key not in data.complement_nouns
        and not ends_phrase(nxt)
    ):
        # "des filiales commerciaux": before a word that can only be an adjective, the word is
        # the noun, whatever the tagger made of it
        target = noun_target(w, data, lx, surface=True)
        if target is not None:
            return check_np(w, target, [det], [nxt], pstart, lang)
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
    np = check_np(w, Target(gender, number, w.text), [det], [], pstart, lang)
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
