"""Infinitive for past participle and past participle for infinitive, in -er verbs (MTQ214).

"manger" and "mangé" sound the same, and writers and machine translation put one for the other:
"il a manger", "peut être réchauffer", "il faut mangé", "pour terminé". This module reads the
surface words of one paragraph (no parse) with the lexicon and the pack
``rules/<lang>/verb_forms.yaml`` and yields :class:`Finding` tuples: the exact span, a message
and the corrected forms, taken from the lexicon (the participle of the infinitive's lemma, in
the gender and number of the subject with "être"; the lemma of the participle).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from ... import lexicon, packs
from .agreement.common import lex, match_case, pack
from .agreement.verbs import third_person_number
from .lookalikes import Finding, Token, _norm, _set, tokens

# Paragraphs without an -er infinitive or an -é participle are not read at all.
TRIGGER = re.compile(r"(?i)\w\w(?:er|é)\b")


@lru_cache(maxsize=None)
def trigger(lang: str) -> re.Pattern[str]:
    """What a paragraph must hold for any finding: an -er or -é word, or a form of "avoir"
    (before a conjugated form, "il a prit")."""
    forms = "|".join(sorted((re.escape(f) for f in data(lang).avoir), key=len, reverse=True))
    return re.compile(TRIGGER.pattern + r"|\b(?:" + forms + r")\b")
_BREAK = re.compile(r"[.!?;:«»\"“”()\[\]]")
_MIN_ADJ_FREQ = 1.0  # per million words: an adjective reading ("fier", "premier") this common is left alone
_MIN_NOUN_FREQ = 1.0


@dataclass(frozen=True)
class VerbFormData:
    avoir: frozenset[str]
    avoir_a: str
    avoir_a_subjects: frozenset[str]
    avoir_complements: frozenset[str]
    etre: frozenset[str]
    etre_infinitive: frozenset[str]
    neuter_subjects: frozenset[str]
    infinitive_subjects: frozenset[str]
    between: frozenset[str]
    object_pronouns: frozenset[str]
    agreeing_objects: frozenset[str]
    subject_features: dict[str, tuple[str, str]]
    modals: frozenset[str]
    attribute_modals: frozenset[str]
    prepositions: frozenset[str]
    pour_attribute_stems: tuple[str, ...]
    complement_markers: frozenset[str]
    etre_openers: frozenset[str]


@lru_cache(maxsize=None)
def data(lang: str) -> VerbFormData:
    raw = packs.load_yaml(lang, "verb_forms.yaml")
    feats = {_norm(k): (str(v[0] or ""), str(v[1] or "")) for k, v in (raw.get("subject_features") or {}).items()}
    return VerbFormData(
        avoir=_set(raw, "avoir_auxiliaries"),
        avoir_a=_norm(raw.get("avoir_a") or ""),
        avoir_a_subjects=_set(raw, "avoir_a_subjects"),
        avoir_complements=_set(raw, "avoir_complements"),
        etre=_set(raw, "etre_auxiliaries"),
        etre_infinitive=_set(raw, "etre_infinitive"),
        neuter_subjects=_set(raw, "neuter_subjects"),
        infinitive_subjects=_set(raw, "infinitive_attribute_subjects"),
        between=_set(raw, "between"),
        object_pronouns=_set(raw, "object_pronouns"),
        agreeing_objects=_set(raw, "agreeing_objects"),
        subject_features=feats,
        modals=_set(raw, "infinitive_modals"),
        attribute_modals=_set(raw, "attribute_modals"),
        prepositions=_set(raw, "infinitive_prepositions"),
        pour_attribute_stems=tuple(_norm(w) for w in raw.get("pour_attribute_stems") or []),
        complement_markers=_set(raw, "complement_markers"),
        etre_openers=_set(raw, "etre_infinitive_openers"),
    )


def _joined(text: str, a: Token, b: Token) -> bool:
    """Nothing but spaces (or an apostrophe's glue) between two tokens of one clause."""
    return not _BREAK.search(text, a.end, b.start) and "," not in text[a.end : b.start]


def _common_adjective(word: str, lang: str) -> bool:
    """An adjective reading this common ("fier", "premier"): the word is not read as a verb."""
    return any(a.freq >= _MIN_ADJ_FREQ for a in lex(lang).analyses(word, "A"))


def _mainly_other(word: str, lang: str) -> bool:
    """A participle more common as a noun or an adjective than as a participle ("marché",
    "fatigué" as an adjective is rarer than as a participle)."""
    found = lex(lang).analyses(word, "NAP")
    part = max((a.freq for a in found if a.cat == "P"), default=0.0)
    return any(a.cat in "NA" and a.freq > part for a in found)


def _person_noun(word: str, lang: str) -> bool:
    """A noun for a person, with a feminine in -ère ("boucher" / "bouchère", "berger"), which
    stands after "être" without a determiner."""
    lx = lex(lang)
    return bool(lx.analyses(word, "N")) and any(a.gender == "f" for a in lx.analyses(word[:-2] + "ère", "N"))


def participle_of(infinitive: str, lang: str) -> str | None:
    """The masculine singular past participle of an -er infinitive, when the lexicon knows the
    pair ("manger" -> "mangé")."""
    if len(infinitive) < 4 or not infinitive.endswith("er") or not infinitive.isalpha():
        return None
    part = infinitive[:-2] + "é"
    if any(a.lemma == infinitive for a in lex(lang).analyses(part, "P")):
        return part
    return None


def infinitive_of(participle: str, lang: str) -> str | None:
    """The -er infinitive of a masculine singular participle ("mangé" -> "manger")."""
    if len(participle) < 3 or not participle.endswith("é") or not participle.isalpha():
        return None
    inf = participle[:-1] + "er"
    if any(a.lemma == inf for a in lex(lang).analyses(participle, "P")):
        return inf
    return None


def _skip_between(toks: list[Token], j: int, d: VerbFormData, text: str, pronouns: bool) -> int:
    """The index of the first word after ``toks[j - 1]`` that is not an adverb of ``between``
    (nor, with ``pronouns``, an object pronoun), within the clause."""
    while j < len(toks) and (toks[j].low in d.between or (pronouns and toks[j].low in d.object_pronouns)):
        if not _joined(text, toks[j - 1], toks[j]):
            return len(toks)
        j += 1
    if j < len(toks) and not _joined(text, toks[j - 1], toks[j]):
        return len(toks)
    return j


def _left(toks: list[Token], k: int, d: VerbFormData, text: str) -> tuple[int, bool]:
    """The index of the word before the auxiliary at ``k``, object pronouns and "ne" skipped,
    and whether an object pronoun was skipped; -1 when the clause starts there."""
    i, skipped = k - 1, False
    while i >= 0 and _joined(text, toks[i], toks[i + 1]) and (toks[i].low in d.object_pronouns or toks[i].low in ("ne", "n'")):
        skipped = skipped or toks[i].low in d.object_pronouns
        i -= 1
    if i >= 0 and not _joined(text, toks[i], toks[i + 1]):
        return -1, skipped
    return i, skipped


def _subject_features(toks: list[Token], i: int, aux: str, d: VerbFormData, lang: str) -> tuple[str, str]:
    """Gender and number ("" unknown) of the subject ending at ``toks[i]`` of an "être" form."""
    num = pack(lang).etre_number.get(aux, "")
    if i < 0:
        return "", num
    low = toks[i].low
    if low in d.subject_features:
        g, n = d.subject_features[low]
        return g, n or num
    # a noun, maybe followed by adjectives: "le coussin amovible peut être"
    lx = lex(lang)
    for x in range(i, max(-1, i - 4), -1):
        t = toks[x]
        nouns = [a for a in lx.analyses(t.low, "N") if a.freq >= _MIN_NOUN_FREQ]
        if nouns and t.text.islower():
            if any(toks[y].low in d.complement_markers for y in range(max(0, x - 2), x)):
                return "", num  # "le nombre de personnes est": the head may be the noun before
            genders = {a.gender for a in nouns if a.gender}
            numbers = {a.number for a in nouns if a.number}
            return (genders.pop() if len(genders) == 1 else ""), num or (numbers.pop() if len(numbers) == 1 else "")
    return "", num


def _participle_forms(part: str, gender: str, number: str, lang: str) -> list[str]:
    lx = lex(lang)
    out: list[str] = []
    for g in ([gender] if gender else ["m", "f"]):
        for n in ([number] if number else ["s", "p"]):
            form = lx.inflect(part, g, n, "P")
            if form and form not in out:
                out.append(form)
    return out


def _plain_avoir(toks: list[Token], k: int, d: VerbFormData, text: str) -> bool:
    """The form of "avoir" at ``k`` is the auxiliary, and its participle has no object before it
    to agree with: "a" after a subject or object pronoun or a name only ("la salle a manger" is
    "à" without its accent); not after "la", "les", "l'" or a "que" (MTQ204's: "qu'il a manger")."""
    i, skipped = _left(toks, k, d, text)
    prev = toks[i].low if i >= 0 else ""
    if toks[k].low == d.avoir_a and not (skipped or prev in d.avoir_a_subjects or (i > 0 and toks[i].text[:1].isupper() and toks[i].text[1:].islower())):
        return False
    return not ({t.low for t in toks[i + 1 : k]} & d.agreeing_objects or any(t.low in ("que", "qu'") for t in toks[max(0, k - 4) : k]))


def _infinitive_findings(toks: list[Token], text: str, lang: str) -> Iterator[Finding]:
    """An infinitive after "avoir" or "être": "il a manger", "peut être réchauffer"."""
    d = data(lang)
    for k, aux in enumerate(toks):
        is_avoir, is_etre = aux.low in d.avoir, aux.low in d.etre
        if not (is_avoir or is_etre):
            continue
        if not aux.text.islower() and not (aux.text[:1].isupper() and aux.text[1:].islower() and aux.low != d.avoir_a):
            continue  # "A" is "À" without its accent; capitals are titles
        j = _skip_between(toks, k + 1, d, text, False)
        if j >= len(toks):
            continue
        verb = toks[j]
        if not verb.text.islower():
            continue
        part = participle_of(verb.low, lang)
        if part is None or _common_adjective(verb.low, lang) or (is_etre and _person_noun(verb.low, lang)):
            continue  # "il est fier", "il est boucher": an adjective, a trade
        i, _ = _left(toks, k, d, text)
        prev = toks[i].low if i >= 0 else ""
        if is_avoir:
            if not _plain_avoir(toks, k, d, text):
                continue
            forms = [part]
            what = "'avoir'" if aux.low == "avoir" else f"'avoir' ('{aux.text}')"
        else:
            if aux.low in d.etre_infinitive and prev not in d.modals and prev not in d.etre_openers:
                continue  # "l'être aimer" (the noun), "pt être" (chat for "peut-être")
            if prev in d.neuter_subjects or prev in d.infinitive_subjects:
                continue  # "c'est manger", "le but est gagner": an infinitive attribute
            if aux.low in d.etre_infinitive or aux.low == "étant":
                # "peut être réchauffer": the subject and number of the verb before
                gender, number = "", ""
                if i >= 0:
                    gender, number = _subject_features(toks, _left(toks, i, d, text)[0], prev, d, lang)
                number = number or third_person_number(lang, prev) or ""
            else:
                gender, number = _subject_features(toks, i, aux.low, d, lang)
            forms = _participle_forms(part, gender, number, lang)
            what = "'être'" if aux.low == "être" else f"'être' ('{aux.text}')"
        if not forms:
            continue
        forms = [match_case(verb.text, f) for f in forms]
        yield Finding(
            verb.start, verb.end,
            f"'{verb.text}' is an infinitive where the past participle is needed after {what}: "
            + " or ".join(f"'{f}'" for f in forms),
            tuple(forms),
        )


def _finite_findings(toks: list[Token], text: str, lang: str) -> Iterator[Finding]:
    """A conjugated form where the past participle is needed after "avoir", the participle's
    sound-alike ("il a prit" -> "pris", "j'ai fais" -> "fait", "elles ont ris" -> "ri"): a finite
    singular form of one verb only, which the lexicon knows as no adjective, participle,
    infinitive, function word or common noun, whose participle is not rare and begins with the
    same two letters. Corrected to the masculine
    singular participle of the lexicon; where an object before may make it agree, left to MTQ204."""
    d = data(lang)
    lx, table = lex(lang), lexicon.verbs(lang)
    for k, aux in enumerate(toks):
        if aux.low not in d.avoir or not aux.text.islower():
            continue
        j = _skip_between(toks, k + 1, d, text, False)
        if j >= len(toks):
            continue
        verb = toks[j]
        if not verb.text.islower() or not verb.text.isalpha() or len(verb.low) < 2:
            continue
        if lx.analyses(verb.low, "AP") or lx.is_verb(verb.low, infinitive=True) or any(
            a.freq >= _MIN_NOUN_FREQ for a in lx.analyses(verb.low, "N")
        ):
            continue
        if verb.low in pack(lang).function_words or verb.low in d.avoir_complements or participle_of(verb.low, lang) is not None:
            continue  # "avoir entre 4 et 32": a preposition; "j'ai acheter": the infinitive's finding
        found = table.analyses(verb.low)
        lemmas = {a.lemma for a in found}
        if len(lemmas) != 1 or verb.low in lemmas or not any(a.number == "s" for a in found):
            continue  # an infinitive; "j'avais rendez vous": only singular forms are the slip
        part = lx.participle(lemmas.pop())
        if part is None or part == verb.low or part[:2] != verb.low[:2]:
            continue  # "il a veut": another slip than the participle's sound-alike
        if max(a.freq for a in lx.analyses(part, "P")) < _MIN_NOUN_FREQ:
            continue  # "j'en ai marre": a rare participle ("marré") is no likely intent
        if not _plain_avoir(toks, k, d, text):
            continue
        new = match_case(verb.text, part)
        what = "'avoir'" if aux.low == "avoir" else f"'avoir' ('{aux.text}')"
        yield Finding(
            verb.start, verb.end,
            f"'{verb.text}' is a conjugated form where the past participle is needed after {what}: '{new}'",
            (new,),
        )


def _participle_findings(toks: list[Token], text: str, lang: str) -> Iterator[Finding]:
    """A past participle where an infinitive is needed: "il faut mangé", "pour terminé"."""
    d = data(lang)
    for k, trig in enumerate(toks):
        is_modal, is_prep = trig.low in d.modals, trig.low in d.prepositions
        if not (is_modal or is_prep):
            continue
        if is_modal and trig.low in d.attribute_modals:
            if _left(toks, k, d, text)[1]:
                continue  # "je le veux terminé": the object's attribute
        if is_prep and k and any(toks[k - 1].low.startswith(s) for s in d.pour_attribute_stems):
            continue  # "il passe pour inspiré"
        j = _skip_between(toks, k + 1, d, text, True)
        if j >= len(toks):
            continue
        word = toks[j]
        if not word.text.islower():
            continue
        inf = infinitive_of(word.low, lang)
        if inf is None or _mainly_other(word.low, lang):
            continue
        if is_prep and any(a.freq >= _MIN_NOUN_FREQ for a in lex(lang).analyses(word.low, "N")):
            continue  # "sans accusé de réception": a noun after the preposition
        if is_prep and j != k + 1:
            continue  # "pour le passé": only the word right after the preposition
        new = match_case(word.text, inf)
        yield Finding(
            word.start, word.end,
            f"'{word.text}' is a past participle where the infinitive is needed after '{trig.text}': '{new}'",
            (new,),
        )


def findings(text: str, start: int, end: int, lang: str) -> Iterator[Finding]:
    """Every finding of the paragraph ``text[start:end]``, in the order of the text."""
    toks = tokens(text, start, end)
    found = sorted({*_infinitive_findings(toks, text, lang), *_finite_findings(toks, text, lang), *_participle_findings(toks, text, lang)})
    seen: set[tuple[int, int]] = set()
    for f in found:
        if (f.start, f.end) in seen:
            continue
        seen.add((f.start, f.end))
        yield f
