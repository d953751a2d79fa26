"""The French words that look alike and agree by their own rules: "tout" as an adverb or a
pronoun before an adjective, "quel que" and "quelque(s)", "même(s)" (read by MTQ208).

Each finder reads the surface words of one paragraph (no parse) with the lexicon and the pack
``rules/<lang>/lookalikes.yaml``, and yields :class:`Finding` tuples: the exact span, a message,
and the corrected forms (replacement text) or a piece of advice when the form cannot be read.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, NamedTuple

from ... import lexicon, packs
from ...model import Advice
from .agreement.common import lex, match_case, pack, vowel_sound
from .agreement.words import noun_features

# A word (hyphenated parts, an elided form keeps its apostrophe) or a number in digits.
_TOKEN = re.compile(r"[^\W\d_]+(?:[\-‐][^\W\d_]+)*['’]?|\d+(?:[ \u00a0\u202f.,]\d+)*")
_SPACES = re.compile(r"[ \t\u00a0\u202f]*")
# Paragraphs without one of these are not read at all.
TRIGGER = re.compile(r"(?i)\b(?:tou[ts]|quel|qu['’]elle|m[êe]mes?\b)")


class Finding(NamedTuple):
    start: int
    end: int
    message: str
    suggestions: tuple[str, ...]


class Token(NamedTuple):
    start: int
    end: int
    text: str
    low: str  # lower case, apostrophe unfolded
    glued: bool  # only spaces (or nothing) separate it from the token before


@dataclass(frozen=True)
class LookalikeData:
    tout_forms: dict[str, str]
    tout_nonwords: dict[str, str]
    tout_locution_before: frozenset[str]
    avoir_forms: frozenset[str]
    tout_adjective_cues: frozenset[str]
    tout_noun_locutions: frozenset[str]
    tout_noun_openers: frozenset[str]
    quel_forms: dict[str, str]
    quel_mistakes: frozenset[str]
    quel_que: frozenset[str]
    quel_verbs: dict[str, str]  # verb form -> its number
    quel_auxiliaries: frozenset[str]
    quel_infinitive: str
    quel_subject_skip: frozenset[str]
    quel_coordinators: frozenset[str]
    quelque_adverb: str
    quelque_plural: str
    quelque_fixed_singular: frozenset[str]
    quelque_concessive: frozenset[str]
    meme_number: dict[str, str]  # stressed pronoun -> its number ("" either)
    meme_forms: dict[str, str]
    meme_determiners: dict[str, str]  # determiner -> its number
    meme_adverb_openers: frozenset[str]


def _norm(w: Any) -> str:
    return str(w).lower().replace("’", "'")


def _set(raw: dict[str, Any], key: str) -> frozenset[str]:
    return frozenset(_norm(w) for w in raw.get(key) or [])


@lru_cache(maxsize=None)
def data(lang: str) -> LookalikeData:
    raw = packs.load_yaml(lang, "lookalikes.yaml")
    meme = {**{w: "s" for w in _set(raw, "meme_singular_pronouns")}, **{w: "p" for w in _set(raw, "meme_plural_pronouns")},
            **{w: "" for w in _set(raw, "meme_either_pronouns")}}
    return LookalikeData(
        tout_forms={str(k): _norm(v) for k, v in (raw.get("tout_forms") or {}).items()},
        tout_nonwords={_norm(k): _norm(v) for k, v in (raw.get("tout_nonwords") or {}).items()},
        tout_locution_before=_set(raw, "tout_locution_before"),
        avoir_forms=_set(raw, "avoir_forms"),
        tout_adjective_cues=_set(raw, "tout_adjective_cues"),
        tout_noun_locutions=_set(raw, "tout_noun_locutions"),
        tout_noun_openers=_set(raw, "tout_noun_openers"),
        quel_forms={str(k): _norm(v) for k, v in (raw.get("quel_forms") or {}).items()},
        quel_mistakes=_set(raw, "quel_mistakes"),
        quel_que=_set(raw, "quel_que"),
        quel_verbs={**{w: "s" for w in _set(raw, "quel_verbs_singular")}, **{w: "p" for w in _set(raw, "quel_verbs_plural")}},
        quel_auxiliaries=_set(raw, "quel_auxiliaries"),
        quel_infinitive=_norm(raw.get("quel_infinitive") or ""),
        quel_subject_skip=_set(raw, "quel_subject_skip"),
        quel_coordinators=_set(raw, "quel_coordinators"),
        quelque_adverb=_norm(raw.get("quelque_adverb") or ""),
        quelque_plural=_norm(raw.get("quelque_plural") or ""),
        quelque_fixed_singular=_set(raw, "quelque_fixed_singular"),
        quelque_concessive=_set(raw, "quelque_concessive"),
        meme_number=meme,
        meme_forms={str(k): _norm(v) for k, v in (raw.get("meme_forms") or {}).items()},
        meme_determiners={**{w: "s" for w in _set(raw, "meme_singular_determiners")},
                          **{w: "p" for w in _set(raw, "meme_plural_determiners")}},
        meme_adverb_openers=_set(raw, "meme_adverb_openers"),
    )


def tokens(text: str, start: int, end: int) -> list[Token]:
    out: list[Token] = []
    prev_end = start
    for m in _TOKEN.finditer(text, start, end):
        gap = text[prev_end : m.start()]
        glued = bool(out) and (_SPACES.fullmatch(gap) is not None)
        out.append(Token(m.start(), m.end(), m.group(), _norm(m.group()), glued))
        prev_end = m.end()
    return out


def _plain_case(word: str) -> bool:
    """Lower case, or capitalised at the first letter only (a sentence start)."""
    return word.islower() or (word[:1].isupper() and word[1:].islower())


def _single(values: set[str]) -> str | None:
    return next(iter(values)) if len(values) == 1 else None


# -- "tout" before an adjective ------------------------------------------------------------------
def _noun_features(word: str, lang: str) -> set[tuple[str, str]]:
    """The (gender, number) pairs of the word's noun readings, the rarest left out (Lexique lists
    "douce" as a masculine noun seen once in a hundred million words)."""
    out: set[tuple[str, str]] = set()
    for a in lex(lang).analyses(word, "N"):
        if a.freq >= _RARE_NOUN:
            out |= {(g, n) for g in ((a.gender,) if a.gender else ("m", "f")) for n in ((a.number,) if a.number else ("s", "p"))}
    return out


_RARE_NOUN = 0.5  # occurrences per million words


def _adjective(w: Token, prev: Token | None, lang: str, d: LookalikeData) -> tuple[str, str] | None:
    """(gender, number) of an adjective or participle read from the lexicon, when it has one
    gender and one number and no reading as a noun of another gender or, unless a copula or a
    determiner comes before "tout", as a verb."""
    if not w.text.islower():
        return None
    lx = lex(lang)
    feats = lx.features(w.low, "AP")
    if not feats or lexicon.normalize(w.low) in pack(lang).determiners:
        return None
    g, n = _single({f[0] for f in feats}), _single({f[1] for f in feats})
    if g is None or n is None:
        return None
    nouns = _noun_features(w.low, lang)
    if nouns and (g, n) not in nouns:
        return None
    if lx.is_verb(w.low) and (prev is None or prev.low not in d.tout_adjective_cues):
        return None
    return g, n


def _epicene_after_noun(w: Token, prev: Token, lang: str) -> tuple[str, str] | None:
    """("f", number) for an adjective of both genders after "tout" that follows a feminine noun
    ("une robe tout rouge": the adjective is the noun's, feminine, and "tout" agrees before its
    consonant); None otherwise. The noun has one gender and no adjective reading."""
    lx = lex(lang)
    if not (w.text.islower() and prev.text.islower()):
        return None
    feats = lx.features(w.low, "AP")
    if not feats or lx.is_verb(w.low) or {g for g, _ in feats} != {"m", "f"}:
        return None
    n = _single({f[1] for f in feats})
    if n is None or lx.analyses(prev.low, "A"):
        return None
    nouns = _noun_features(prev.low, lang)
    if not nouns or {g for g, _ in nouns} != {"f"} or n not in {x for _, x in nouns}:
        return None
    return "f", n


def _determiner_of_noun(t: Token, nxt: Token, prev: Token | None, lang: str, d: LookalikeData) -> Finding | None:
    """"tout" as the determiner of the noun after it, in the wrong form ("tout personne" ->
    "toute personne", "à toutes âges" -> "tous âges"); None when it agrees or cannot be read."""
    lx = lex(lang)
    ag = pack(lang)
    if not (nxt.text.isalpha() and nxt.text.islower()) or nxt.low in d.tout_noun_locutions:
        return None
    if any(a.cat == "V" or a.freq >= _RARE_NOUN for a in lx.analyses(nxt.low, "APV")):
        return None  # also an adjective or a verb; a reading seen once in a hundred million words aside ("personne")
    if nxt.low in ag.function_words or nxt.low in ag.determiners:
        return None  # "toute l'année", "tous par le jeune joueur"
    if prev is not None and prev.low in d.tout_locution_before and prev.low not in d.tout_noun_openers:
        return None  # "pas du tout envie", "rien du tout"
    feats = noun_features(lx, nxt.low, pack(lang))
    own = next(k for k, v in d.tout_forms.items() if v == t.low)
    if not feats or (own[0], own[1]) in feats:
        return None
    genders = {g for g, _ in feats}
    if len(genders) != 1:
        return None
    g = next(iter(genders))
    numbers = {n for _, n in feats}
    n = own[1] if own[1] in numbers else _single(numbers)
    if n is None:
        return None
    plural_pronoun = "p" in (own[1], n)
    if plural_pronoun and prev is not None and prev.low not in d.tout_noun_openers:
        return None  # "elles sont toutes médecins": the pronoun
    fixed = match_case(t.text, d.tout_forms[g + n])
    return Finding(t.start, t.end, f"'{t.text}' is the determiner of '{nxt.text}' and agrees with it: '{fixed} {nxt.text}'", (fixed,))


def tout_findings(toks: list[Token], lang: str) -> Iterator[Finding]:
    d = data(lang)
    forms = d.tout_forms
    known = set(forms.values())
    for i, t in enumerate(toks):
        if (t.low not in known and t.low not in d.tout_nonwords) or not _plain_case(t.text):
            continue
        nxt = toks[i + 1] if i + 1 < len(toks) and toks[i + 1].glued else None
        prev = toks[i - 1] if i and t.glued else None
        # after "avoir" (not the passive "a été"), "tout" and "tous" are objects or pronouns
        after_avoir = bool({x.low for x in toks[max(0, i - 2) : i]} & d.avoir_forms) and (prev is None or prev.low not in d.tout_adjective_cues)
        reading = None
        if nxt is not None and (prev is None or prev.low not in d.tout_locution_before) and not after_avoir:
            reading = _adjective(nxt, prev, lang, d)
        after_determiner = prev is not None and prev.low in pack(lang).determiners
        if reading is not None and after_determiner:
            # the reading the determiner agrees with: the adjective ("les tout premiers") or the
            # noun ("à la toute fin", "fin" is a masculine adjective and a feminine noun)
            dg, dn = pack(lang).determiners[prev.low]
            fits = lambda f: (not dg or f[0] == dg) and (not dn or f[1] == dn)  # noqa: E731
            if not fits(reading):
                nouns = {f for f in _noun_features(nxt.low, lang) if fits(f)}
                reading = next(iter(nouns)) if len(nouns) == 1 else None
        elif reading is not None and t.low in known:
            own = next(k for k, v in forms.items() if v == t.low)
            if (own[0], own[1]) in _noun_features(nxt.low, lang):
                reading = None  # a determiner of the noun reading: "toute personne"
        if reading is None and nxt is not None and t.low == forms["ms"] and prev is not None and not after_avoir:
            reading = _epicene_after_noun(nxt, prev, lang)  # "une robe tout rouge"
        if reading is None and nxt is not None and t.low in known and not after_avoir and not after_determiner:
            noun = _determiner_of_noun(t, nxt, prev, lang, d)
            if noun is not None:
                yield noun
                continue
        if reading is None:
            if t.low in d.tout_nonwords:
                fixed = match_case(t.text, d.tout_nonwords[t.low])
                yield Finding(t.start, t.end, f"'{t.text}' is not a French word: '{fixed}'", (fixed,))
            continue
        g, n = reading
        vowel = vowel_sound(nxt.text, lang)
        if vowel is None:
            continue
        adverb_only = after_determiner  # only the adverb stands there: "les tout premiers"
        if g == "m":
            right = [forms["mp"], forms["ms"]] if n == "p" and not adverb_only else [forms["ms"]]
        elif not vowel:
            right = [forms["f" + n]]
        else:  # "tout émue"; "toute émue" is tolerated, "toutes émues" is the pronoun
            right = [forms["fp"], forms["ms"]] if n == "p" and not adverb_only else [forms["ms"], forms["fs"]]
        if t.low in right:
            continue
        if g == "f" and t.low in (forms["fs"], forms["fp"]) and t.low != forms["f" + n]:
            continue  # "toute trouvées": the adjective may be the wrong word as well
        if t.low in (forms["mp"], forms["fp"]) and not after_determiner and (prev is None or prev.low not in d.tout_adjective_cues):
            continue  # the pronoun may go with the subject, the adjective with an object: "ils les trouvent tous belles"
        if g == "f" and vowel and n == "s":
            right = [forms["ms"]]
        both = _feminine_adjective(t, nxt, g, forms, toks, i, lang)
        if both is not None:
            yield both  # "elle est toute content": "tout content" or "toute contente"
            continue
        fixed = tuple(match_case(t.text, r) for r in right)
        why = (
            f"before a feminine adjective that begins with a consonant, '{t.text}' agrees: '{fixed[0]} {nxt.text}'"
            if g == "f" and not vowel else
            f"'{t.text}' does not agree with '{nxt.text}': " + " or ".join(f"'{f} {nxt.text}'" for f in fixed)
        )
        if t.low in d.tout_nonwords:
            why = f"'{t.text}' is not a French word; " + why
        yield Finding(t.start, t.end, why[0].upper() + why[1:], fixed)


def _feminine_adjective(t: Token, nxt: Token, g: str, forms: dict[str, str], toks: list[Token], i: int, lang: str) -> Finding | None:
    """A feminine "toute(s)" before a masculine adjective: the adjective may be the wrong word
    ("elle est toute content": "toute contente") as well as "toute" ("il est toute content": "tout
    content"). Both corrections over both words, the adjective's first after a feminine subject;
    None after a masculine one (only "toute" is wrong) or when the adjective has no feminine
    form of that number."""
    if g != "m" or t.low not in (forms["fs"], forms["fp"]):
        return None
    number = "p" if t.low == forms["fp"] else "s"
    fem = lex(lang).inflect(nxt.text, "f", number, cats="A")
    if fem is None or fem.lower() == nxt.low:
        return None
    gender = _gender_before(toks, i, lang)
    if gender == "m":
        return None  # "il est toute content", "les garçons sont toutes fiers": only "tout" is wrong
    adverb = match_case(t.text, forms["mp"] if number == "p" else forms["ms"])
    fixes = [f"{adverb} {nxt.text}", f"{t.text} {fem}"]
    if gender == "f":
        fixes.reverse()
    return Finding(t.start, nxt.end, f"'{t.text}' and '{nxt.text}' do not agree: " + " or ".join(f"'{x}'" for x in fixes), tuple(fixes))


def _gender_before(toks: list[Token], i: int, lang: str) -> str | None:
    """The gender of the nearest subject pronoun, or noun after a determiner, in the six tokens
    before ``i``, when it has one."""
    ag = pack(lang)
    for k in range(i - 1, max(-1, i - 7), -1):
        x = toks[k]
        if x.low in ag.subject_pronouns:
            return ag.subject_pronouns[x.low][0] or None
        if k > 0 and toks[k - 1].low in ag.determiners:
            noun = lex(lang).noun(x.low)
            if noun is not None:
                return noun[0] or ag.noun_genders.get(x.low) or None
    return None


# -- "quel que" + the subjunctive of "être" ------------------------------------------------------
def _subject(toks: list[Token], k: int, lang: str, d: LookalikeData) -> tuple[str | None, str | None, bool] | None:
    """(gender, number, coordinated) of the noun phrase that starts at token ``k``: the noun's own
    gender and number from the lexicon, the determiner's where the noun has both (or is a name)."""
    ag = pack(lang)
    lx = lex(lang)
    if k >= len(toks) or not toks[k].glued:
        return None
    det_g = det_n = None
    j = k
    if toks[j].low in ag.determiners:
        det_g, det_n = ag.determiners[toks[j].low]
        j += 1
    elif toks[j].low == "l'":
        det_n = "s"
        j += 1
    while j < len(toks) and toks[j].glued and toks[j].low in d.quel_subject_skip:
        j += 1
    if j >= len(toks) or not toks[j].glued or j == k and toks[j].low not in ag.determiners and not lx.analyses(toks[j].low, "N"):
        return None
    noun = lx.noun(toks[j].low) if toks[j].text.islower() else None
    if noun is None and toks[j].text.islower():
        return None  # not a noun the lexicon knows
    g, n = noun if noun else (None, None)
    g = g or det_g or None
    n = n or det_n or None
    coordinated = j + 1 < len(toks) and toks[j + 1].low in d.quel_coordinators
    return g, n, coordinated


def quel_findings(toks: list[Token], lang: str) -> Iterator[Finding]:
    d = data(lang)
    forms = d.quel_forms
    known = set(forms.values())
    for i, t in enumerate(toks):
        # the written "quel": one word, or "qu'" + "elle(s)"
        if t.low == "qu'" and i + 1 < len(toks) and toks[i + 1].glued and toks[i + 1].low in ("elle", "elles"):
            first, last, word = i, i + 1, "qu'" + toks[i + 1].low
        elif t.low in known or t.low in d.quel_mistakes:
            first, last, word = i, i, t.low
        else:
            continue
        if not _plain_case(toks[first].text):
            continue
        j = last + 1
        # "quel que soit", "quels qu'en soient"; a mistaken "quelque" is directly followed by the verb
        que = None
        if word in known or word.startswith("qu'"):
            if j >= len(toks) or not toks[j].glued:
                continue
            if toks[j].low + (toks[j + 1].low if j + 1 < len(toks) and toks[j + 1].glued else "") in d.quel_que:
                que = toks[j].text + toks[j + 1].text  # "qu'en"
                j += 2
            elif toks[j].low in d.quel_que:
                que = toks[j].text
                j += 1
            else:
                continue
        if j >= len(toks) or not toks[j].glued or toks[j].low not in d.quel_verbs:
            continue
        verb = toks[j]
        verb_n = d.quel_verbs[verb.low]
        k = j + 1
        if verb.low in d.quel_auxiliaries:
            if k >= len(toks) or not toks[k].glued or toks[k].low != d.quel_infinitive:
                continue
            k += 1
        subj = _subject(toks, k, lang, d)
        start, end = toks[first].start, verb.end
        written_quel = toks[first].text if first == last else f"{toks[first].text}{toks[last].text}"
        mistaken = word not in known
        if subj is None or subj[2] or subj[1] is None:
            if mistaken:
                yield Finding(start, end, f"'{written_quel}' before '{verb.text}' is written 'quel que', agreeing with the subject that follows",
                              (Advice(f"write 'quel', 'quelle', 'quels' or 'quelles' and 'que' before '{verb.text}', agreeing with its subject"),))
            continue
        g, n, _ = subj
        written_g = next((k[0] for k, v in forms.items() if v == word), None)
        # a noun of both genders ("les critiques"): the written gender first, then the other
        genders = [g] if g else ([written_g, "f" if written_g == "m" else "m"] if written_g else ["m", "f"])
        verb_fixed = verb.text
        if n != verb_n:
            other = _verb_pairs(lang).get(verb.low)
            if other is None:
                continue
            verb_fixed = match_case(verb.text, other)
        if not mistaken and word in (forms[x + n] for x in genders) and verb_fixed == verb.text:
            continue
        que = que or "que"
        fixed = tuple(f"{match_case(toks[first].text, forms[x + n])} {que} {verb_fixed}" for x in genders)
        if not mistaken and word == forms[genders[0] + n]:
            fixed = fixed[:1]  # only the verb changes
        written = f"{written_quel} {que} {verb.text}" if not mistaken else f"{written_quel} {verb.text}"
        yield Finding(start, end, f"'quel que' agrees with the subject after the verb: '{written}' -> " + " or ".join(f"'{f}'" for f in fixed), fixed)


@lru_cache(maxsize=None)
def _verb_pairs(lang: str) -> dict[str, str]:
    """Each concessive verb form -> its form of the other number (the pack lists both in order)."""
    raw = packs.load_yaml(lang, "lookalikes.yaml")
    sing = [_norm(w) for w in raw.get("quel_verbs_singular") or []]
    plur = [_norm(w) for w in raw.get("quel_verbs_plural") or []]
    pairs = dict(zip(sing, plur))
    pairs.update({p: s for s, p in zip(sing, plur)})
    return pairs


def findings(text: str, start: int, end: int, lang: str) -> Iterator[Finding]:
    """Every finding of the paragraph ``text[start:end]``, in the order of the text."""
    from .quelque_meme import meme_findings, quelque_findings  # (they read this module's tokens and pack)

    toks = tokens(text, start, end)
    found = [*tout_findings(toks, lang), *quel_findings(toks, lang), *quelque_findings(toks, lang), *meme_findings(toks, lang)]
    seen: set[tuple[int, int]] = set()
    for f in sorted(found):
        if any(f.start < e and s < f.end for s, e in seen):
            continue  # "quelque soit" is one finding, not also one of "quelque"
        seen.add((f.start, f.end))
        yield f
