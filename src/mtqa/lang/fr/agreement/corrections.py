"""Corrections of a noun phrase: the features an adjective form can carry, the form of an
adjective or a determiner that agrees with a :class:`~.targets.Target`, "tout" before a
determiner, and :func:`check_np`, which checks a phrase's determiners and adjectives and
builds its :class:`NounPhrase` with the corrected text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from .... import lexicon
from ....lexicon import Lexicon
from .attachment import adverbial_noun, distributive, fits_earlier_noun, fits_next_noun, fits_noun_before
from .common import PackData, determiner_for, lex, pack, vowel_sound
from .guards import (
    adverbial_use,
    after_avoir_l_air,
    colour_apposition,
    colour_compound,
    epicene_before_name,
    expressive,
    in_locution,
    invariable_phrase_word,
    position_adverb,
    prenominal_colour_noun,
    verb_reading,
)
from .targets import Target
from .words import expand_pair, plain

if TYPE_CHECKING:
    from spacy.tokens import Token


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
        or verb_reading(tok, lx, data)  # "il continue ensuite", "la séance dure deux heures"
        or after_avoir_l_air(tok, data)  # "elle a l'air fatigué"
        or colour_apposition(tok, data)  # "en couleur noir"
        or position_adverb(tok, data)  # "les questions plus bas."
    ):
        return set()
    return epicene_plural(tok.text, lx.features(tok.text, "AP"), lx)


def epicene_plural(word: str, feats: set[tuple[str, str]], lx: Lexicon) -> set[tuple[str, str]]:
    """A plural the lexicon records in one gender whose singular is of both genders is of both
    genders too ("lavables", whose "lavable" is epicene)."""
    if not word.endswith("s") or len({g for g, _ in feats}) != 1 or any(n != "p" for _, n in feats):
        return feats
    if lx.features(word[:-1], "AP") == {("m", "s"), ("f", "s")}:
        return feats | {("m", "p"), ("f", "p")}
    return feats


def agreeing_form(tok: Token, target: Target, data: PackData, lx: Lexicon, lang: str) -> str | None:
    """The form of the participle or adjective ``tok`` that agrees with ``target``; None when it
    agrees already, when its features are unknown, or when the lexicon has no such form."""
    feats = adjective_feats(tok, data, lx)
    if not feats or target.accepts(feats):
        return None
    return fix_adjective(tok, target, lang, None)


def fix_adjective(tok: Token, target: Target, lang: str, next_tok: Token | None) -> str | None:
    """The form of adjective ``tok`` that agrees with ``target`` (euphonic before a vowel)."""
    data = pack(lang)
    lx = lex(lang)
    new = lx.inflect(tok.text, target.gender, target.number, exclude=data.euphonic.values())
    if new is None and target.gender is None and target.number is not None:
        # a noun of both genders ("collègues") and an adjective of both ("sympathique"): the form
        # of the wanted number when both genders give the same one
        both = {lx.inflect(tok.text, g, target.number, exclude=data.euphonic.values()) for g in ("m", "f")}
        new = both.pop() if len(both) == 1 else None
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


def _with_noun_number(det: Token, n: Token, target: Target, fix: Fix | None, lang: str, pstart: int) -> Fix | None:
    """A determiner right before its noun that agrees in gender but not in number ("ces
    problème", "plusieurs musée"): the noun may be the wrong word as well as the determiner, so
    the noun in the determiner's number is offered too, over the span of both words ("ce
    problème" or "ces problèmes"). A determiner with no form in the noun's number ("plusieurs",
    "quelques") leaves only the noun to correct."""
    data, lx = pack(lang), lex(lang)
    key = det.text.lower()
    if key not in data.determiners or det.i + 1 != n.i or not det.whitespace_ or not n.is_alpha:
        return fix
    dg, dn = data.determiners[key]
    if not dn or target.number is None or dn == target.number or (dg and target.gender and dg != target.gender):
        return fix
    s, e = pstart + det.idx, pstart + n.idx + len(n.text)
    elided = fix is not None and fix.replacement.endswith(("'", "’")) and (fix.start, fix.end) == (s, e)
    if fix is not None and not elided and (fix.start != s or fix.end != pstart + det.idx + len(det.text)):
        return fix  # a contracted determiner: kept as it is
    if fix is None and (
        key in data.pronoun_determiners
        or any(determiner_for(key, g, target.number, n.text, lang) is not None for g in ("m", "f"))
    ):
        return fix  # the determiner has a form for the noun and was left alone for a reason of its own
    genders = (target.gender,) if target.gender else ("m", "f")
    forms = {lx.inflect(n.text, g, dn, cats="N") for g in genders} - {None}
    noun = forms.pop() if len(forms) == 1 else None  # "enfant": the same plural for both genders
    if noun is None or noun.lower() == n.text.lower() or not n.text.islower():
        return fix
    if fix is None:
        return Fix(n, "det", noun, pstart + n.idx, e, noun)
    first = fix.suggestion if elided else f"{fix.replacement}{det.whitespace_}{n.text}"
    others = tuple(f"{x}{det.whitespace_}{n.text}" for x in fix.alternatives if not x.endswith(("'", "’")))
    second = f"{det.text}{det.whitespace_}{noun}"
    if _number_after(n, lx) == dn:
        # the word after the noun has the determiner's number ("un délais légal", "ces
        # problème ne datent"): the noun is the likelier slip, its correction comes first
        return Fix(det, "det", det.text, s, e, second, (first, *others), both=True)
    return Fix(det, "det", fix.replacement, s, e, first, (*others, second), both=True)


def _number_after(n: Token, lx: Lexicon) -> str | None:
    """The number that the adjective or finite verb right after noun ``n`` shows ("ne" aside),
    when it shows only one."""
    sent = n.doc
    k = n.i + 1
    while k < len(sent) and sent[k].text.lower().replace("’", "'") in ("ne", "n'"):
        k += 1
    if k >= len(sent) or not sent[k].is_alpha or not sent[k].text.islower():
        return None
    w = sent[k].text
    if lx.analyses(w, "N"):
        return None  # a noun of its own: "le délais de blocage"
    numbers = {nb for _, nb in lx.features(w, "AP")}
    if not numbers:
        numbers = {a.number for a in lexicon.verbs(n.lang_).analyses(lexicon.normalize(w)) if a.person == "3"}
    return next(iter(numbers)) if len(numbers) == 1 and "" not in numbers else None


def check_np(
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
    plural = _plural_after_cardinal(n, target, lx)
    if plural is not None:
        # "ces deux femme", "les cinq dernières année": after a cardinal above one the noun is
        # the wrong word; the determiner and adjectives are checked against its plural
        np.fixes.append(Fix(n, "det", plural, pstart + n.idx, pstart + n.idx + len(n.text), plural))
        replaced[n.i] = plural
        target = Target(target.gender, "p", target.label)
    for c in dets:
        fix = _fix_det(c, target, lang, pstart)
        fix = _with_noun_number(c, n, target, fix, lang, pstart)
        if fix:
            np.fixes.append(fix)
            replaced[fix.token.i] = fix.replacement
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
        opening = (  # "Seuls les voitures électriques": "seul" opening the sentence qualifies the noun
            a.i < n.i and lexicon.normalize(a.text) in data.subject_attributes
            and (a.i == 0 or sent[a.i - 1].text in (".", "!", "?", ":", ";", "«", '"'))
            and not any(t.pos_ == "CCONJ" for t in sent[n.i + 1 : n.i + 8])  # "Seuls le commerce et le secteur"
        )
        if (a.i + 1 < len(sent) and sent[a.i + 1].pos_ == "DET" and not opening) or (a.i > n.i and sent[a.i - 1].pos_ == "ADP"):
            continue  # "il porte seul la responsabilité", "à présent": not an attribute of a noun
        if a.i < n.i and any(sent[k].like_num or any(ch.isdigit() for ch in sent[k].text) for k in range(a.i + 1, n.i + 1)):
            continue  # a number between them ("de grandes 230cm"): French puts numbers first, the phrase is broken
        if a.i > n.i and fits_earlier_noun(a, n, feats, data, lx):
            continue
        if a.i > n.i and fits_next_noun(a, feats, sent, lx):
            continue  # "le trafic grandes lignes": a noun phrase of its own after the noun
        if a.i > n.i and (fits_noun_before(a, n, feats, data, lx) or adverbial_noun(a, n)):
            continue  # "euros assurances comprises", "sans surprise, extrêmement seuls"
        if a.i > n.i and target.number == "p" and distributive(a, lx):
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


def _plural_after_cardinal(n: Token, target: Target, lx: Lexicon) -> str | None:
    """The plural of the singular lower-case noun ``n`` when a cardinal above one stands
    right before it, or before the adjectives before it ("ces deux femme", "les cinq dernières
    année"), after a determiner of the plural; None otherwise."""
    if target.number != "s" or not n.text.islower() or not n.is_alpha:
        return None
    sent = n.doc
    k = n.i - 1
    while k >= 0 and sent[k].pos_ == "ADJ" and not sent[k].like_num:
        k -= 1
    if k < 0 or not (sent[k].pos_ == "NUM" and sent[k].like_num) or sent[k].text in ("0", "1"):
        return None
    if not sent[k].text.isalpha() and not sent[k].text.isdigit():
        return None  # "1,5", "2.000": a measure, "1,5 litre" is read either way
    prev = sent[k - 1] if k > 0 else None
    data = pack(n.lang_)
    if sent[k].text.lower() in data.determiners:
        return None  # "un", "une": one
    if prev is None or data.determiners.get(prev.text.lower(), ("", ""))[1] != "p":
        return None  # only after a plural determiner: "1000 dimanche", "le 500 complet", "la page deux"
    if sent[k].text.isdigit() and prev.text.lower() in data.contractions.values():
        return None  # "la barre des 1000 dimanche": a figure named by a preposition, the noun after is not counted
    forms = {lx.inflect(n.text, g, "p", cats="N") for g in ((target.gender,) if target.gender else ("m", "f"))} - {None}
    new = forms.pop() if len(forms) == 1 else None
    return new if new is not None and new.lower() != n.text.lower() else None


@lru_cache(maxsize=50_000)
def _english_loanword(word: str, lang: str) -> bool:
    """A word more frequent in English than in the target language (wordfreq)."""
    from ....analysis.langid import zipf

    en, own = zipf(word, "en"), zipf(word, lang)
    return en >= 3.5 and own < 4.0 and en > own + 0.3


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
    if number is None:
        return None
    if _floating_quantifier(pre, det, data):
        return None
    if gender is None:
        # a noun of both genders ("tout les élèves"): "tout" is wrong when its number is, and
        # both forms of the right number are offered
        forms = [data.predeterminer.get(g + number) for g in ("m", "f")]
        if any(f is None for f in forms) or key in forms:
            return None
        forms = [f.capitalize() if pre.text[:1].isupper() else f for f in forms]
        return Fix(pre, "det", forms[0], pstart + pre.idx, pstart + pre.idx + len(pre.text), forms[0], (forms[1],))
    new = data.predeterminer.get(gender + number)
    if new is None or new == key:
        return None
    new = new.capitalize() if pre.text[:1].isupper() else new
    return Fix(pre, "det", new, pstart + pre.idx, pstart + pre.idx + len(pre.text), new)


def _floating_quantifier(pre: Token, det: Token, data: PackData) -> bool:
    """Plural "tous"/"toutes" after a verb and before a singular determiner is the subject's
    pronoun, not the noun's predeterminer ("nous aimons tous la musique")."""
    plural = {v for k, v in data.predeterminer.items() if k.endswith("p")}
    if pre.text.lower() not in plural or data.determiners[det.text.lower()][1] != "s" or pre.i == 0:
        return False
    sent = pre.doc
    verb = sent[pre.i - 1]
    word = verb.text.lower()
    finite = lexicon.verbs(pre.lang_).analyses(word)
    if finite:  # "nous aimons tous la musique", not "il a plu toutes la journée"
        return any(a.number == "p" for a in finite)
    if verb.pos_ in ("VERB", "AUX") and verb.i > 0:
        aux = sent[verb.i - 1].text.lower()
        return data.avoir_number.get(aux) == "p" or data.etre_number.get(aux) == "p"
    return False


def _fix_det(det: Token, target: Target, lang: str, pstart: int) -> Fix | None:
    data = pack(lang)
    key = det.text.lower()
    if key not in data.determiners or det.text not in (key, key.capitalize()):
        return None
    dg, dn = data.determiners[key]
    sent = det.doc
    nxt = sent[det.i + 1]
    prev = sent[det.i - 1] if det.i > 0 else None
    if prev is not None and prev.text.lower().replace("’", "'") in data.pronoun_elisions and not prev.whitespace_:
        return None  # "quelqu'un", "l'un": a pronoun
    after = sent[nxt.i + 1] if nxt.i + 1 < len(sent) else None
    det_feats = expand_pair(dg, dn)
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
        (prev is not None and (prev.pos_ in ("PRON", "PROPN", "SCONJ") or prev.text.lower() in data.object_pronoun_cues))
        or (after is not None and after.pos_ in ("DET", "PROPN") and not nxt.text.lower().endswith(data.second_person_endings))
    ):
        # "une balle qui le renverse", "comme le montre l'image": an object pronoun (a verb in
        # the second person, "la glandes le", has no subject and is a noun after all)
        return None
    if key in data.pronoun_determiners and prev is not None and lex(lang).is_verb(nxt.text, infinitive=True) and (
        prev.text.lower().replace("’", "'") in data.infinitive_cues or lexicon.verbs(lang).analyses(prev.text.lower())
    ):
        return None  # "je peux le lire", "permet de le lire": an object pronoun before an infinitive
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
