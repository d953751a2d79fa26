"""Subjects other than a noun right before its verb: subject pronouns of every person ("ils
mange", "nous avez"), a stressed pronoun before "qui" ("c'est moi qui a"), a noun subject after
its verb ("que dit les experts"), subjects coordinated with "et" ("Paul et Marie vient") and
quantities ("beaucoup de gens pense"), each with the agreeing form from the lexicon
(:func:`person_disagreements`); the cheap surface test for them (:func:`might_disagree_persons`).

These are read on the tokens and tags of the shared parse rather than on its tree: where the
verb disagrees, the parse hangs its words wrongly more often than not ("ils mange" makes
"mange" a noun). Words come from ``rules/<lang>/subject_verb.yaml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from .... import lexicon, packs
from .common import lex, pack
from .prefilter import prefiltered_parses
from .verbs import MOODS, TENSES, Disagreement, might_disagree_verbs, third_person_number, verb_pack

if TYPE_CHECKING:
    from spacy.tokens import Token

    from ....lint.context import Context
    from ....model import Document

FINITE = ("ind", "sub", "cnd")  # a verb with a subject is never an imperative
_END = (".", "!", "?", ";", ":", "…", "(", "«", '"', "“", "—", "–")


@dataclass(frozen=True)
class PersonPack:
    pronouns: dict[str, tuple[str, str]]
    loose: frozenset[str]
    stressed: dict[str, tuple[str, str]]
    partitive: frozenset[str]
    triggers: frozenset[str]
    initial_triggers: frozenset[str]
    invariable: frozenset[str]
    quantity: frozenset[str]
    plural_nouns: frozenset[str]
    distributive: frozenset[str]
    openers: frozenset[str]
    copulas: frozenset[str]
    comparatives: frozenset[str]


def _persons(raw: dict[str, Any], key: str) -> dict[str, tuple[str, str]]:
    return {lexicon.normalize(str(k)): (str(v)[0], str(v)[1]) for k, v in (raw.get(key) or {}).items()}


def _set(raw: dict[str, Any], key: str) -> frozenset[str]:
    return frozenset(lexicon.normalize(str(w)) for w in raw.get(key) or [])


@lru_cache(maxsize=None)
def person_pack(lang: str) -> PersonPack:
    raw = packs.load_yaml(lang, "subject_verb.yaml")
    return PersonPack(
        pronouns=_persons(raw, "person_pronouns"),
        loose=_set(raw, "loose_pronouns"),
        stressed=_persons(raw, "stressed_pronouns"),
        partitive=_set(raw, "partitive_words"),
        triggers=_set(raw, "inversion_triggers"),
        initial_triggers=_set(raw, "clause_initial_triggers"),
        invariable=_set(raw, "invariable_inverted"),
        quantity=_set(raw, "quantity_adverbs"),
        plural_nouns=_set(raw, "plural_nouns"),
        distributive=_set(raw, "distributive_determiners"),
        openers=_set(raw, "subject_openers") | verb_pack(lang).clause_openers,
        copulas=_set(raw, "copulas"),
        comparatives=_set(raw, "comparatives"),
    )


@lru_cache(maxsize=100_000)
def finite_persons(lang: str, word: str) -> frozenset[tuple[str, str]]:
    """The (person, number) pairs of a verb form's indicative, subjunctive and conditional
    analyses in the lexicon (empty: no such finite form)."""
    # (the source table gives a few infinitives a finite analysis: "tourner" as "vous tourner")
    return frozenset(
        (a.person, a.number) for a in lexicon.verbs(lang).analyses(word) if a.mood in FINITE and lexicon.normalize(a.lemma) != word
    )


def person_form(v: Token, person: str, number: str, lang: str) -> str | None:
    """The form of verb ``v`` for ``person`` and ``number``, same lemma, mood and tense, from the
    lexicon. The tagger's mood and tense narrow the readings; when several forms remain, the
    indicative, then its present, then the most frequent lemma decide; None when still more than
    one."""
    table = lexicon.verbs(lang)
    readings = [a for a in table.analyses(v.text) if a.mood in FINITE]
    if not readings:
        return None
    moods = {MOODS.get(m) for m in v.morph.get("Mood")} - {None}
    tenses = {TENSES.get(t) for t in v.morph.get("Tense")} - {None}
    pool = [a for a in readings if (not moods or a.mood in moods) and (not tenses or a.tense in tenses)]
    if not any(table.form(a.lemma, a.mood, a.tense, person, number) for a in pool):
        pool = readings  # the tagger's reading has no such form in the lexicon ("pense" as a subjunctive)
    top = max(a.freq for a in pool)
    for narrowed in (
        pool,
        [a for a in pool if a.mood == "ind"],
        [a for a in pool if a.mood == "ind" and a.tense == "pre"],
        [a for a in pool if a.freq == top],
    ):
        forms = {table.conjugate(v.text, a.lemma, a.mood, a.tense, person, number) for a in narrowed} - {None}
        if len(forms) == 1 and narrowed:
            return forms.pop()
    return None


def _norm(t: Token) -> str:
    return lexicon.normalize(t.text)


def _clause_start(sent: Any, i: int, lang: str, comma: bool = True) -> bool:
    """Token ``i`` begins a clause: the start of the text or sentence, after a punctuation mark,
    a conjunction or a word that opens a clause. After a comma only with ``comma``, and, when it
    is False, only after an opening adverbial ("Ce matin,", "En France,", "Hier,"), never after
    a list ("la coalition SPD, Verts et Linkspartei")."""
    if i == 0 or sent[i].is_sent_start:
        return True
    prev = sent[i - 1]
    if prev.text in _END:
        return True
    if prev.text == ",":
        if comma:
            return True
        k = i - 2
        while k >= 0 and not (sent[k].text in _END or sent[k].text == ","):
            k -= 1
        segment = sent[k + 1 : i - 1]
        time_nouns = verb_pack(lang).time_nouns
        return len(segment) > 0 and (
            segment[0].pos_ in ("ADP", "ADV", "SCONJ") or any(_norm(t) in time_nouns for t in segment)
        ) and k < 0
    if _norm(prev) in ("que", "qu'") and i > 1 and _norm(sent[i - 2]) in person_pack(lang).comparatives | {"ainsi"}:
        return False  # "le garçon ainsi que sa sœur viennent", "plus que les autres"
    return prev.pos_ in ("CCONJ", "SCONJ") or _norm(prev) in person_pack(lang).openers


def _after_clitics(sent: Any, j: int, lang: str, limit: int = 4) -> int:
    """The index after the clitics from ``j`` on ("ne nous l'"); ``j`` itself when "ne" comes
    after another clitic, which no subject allows ("s'il vous n'y voyez")."""
    clitics = verb_pack(lang).clitics
    k = j
    while k < len(sent) and k - j < limit and _norm(sent[k]) in clitics:
        if k > j and _norm(sent[k]) in ("ne", "n'"):
            return -1
        k += 1
    return k


def _verb_at(sent: Any, k: int, lang: str, strict: bool, noun: Token | None = None) -> Token | None:
    """The finite verb form at ``k``, if there is one: lower case, not followed by a hyphen
    (an inverted pronoun), and, when ``strict``, tagged a verb or unknown to the lexicon as a noun
    or adjective."""
    if k < 0 or k >= len(sent):
        return None
    v = sent[k]
    if not v.is_alpha or v.text != v.text.lower() or not finite_persons(lang, _norm(v)):
        return None
    if k + 1 < len(sent) and sent[k + 1].text[:1] in "-‐":
        return None
    if strict and v.pos_ in ("ADP", "DET", "CCONJ", "SCONJ", "PRON", "NUM"):
        return None  # "les conventions signées entre l'université et"
    clitic = k > 0 and _norm(sent[k - 1]) in verb_pack(lang).clitics - {"en", "y"}
    if strict and not clitic and v.pos_ not in ("VERB", "AUX") and lex(lang).analyses(v.text, "NA"):
        # a noun or adjective that can be a verb ("part", "ferme"): a verb when no verb follows
        # ("le sucre et le beurre glace fondent"), not after "en" ("les erreurs en attaque"),
        # and, for an adjective, when it cannot agree with the noun before ("les commerces
        # ferme", not "une main ferme")
        after = sent[k + 1] if k + 1 < len(sent) else None
        if after is None or after.pos_ in ("VERB", "AUX") or after.text in _END or (k > 0 and _norm(sent[k - 1]) in ("en", "y")):
            return None
        adjective = lex(lang).analyses(v.text, "A")
        if adjective:
            numbers = {b.number for b in lex(lang).analyses(noun.text, "N")} if noun is not None else set()
            if noun is None or not numbers or "" in numbers or any(a.number in numbers | {""} for a in adjective):
                return None
    return v


def _check(out: list[Disagreement], v: Token, subject: Token, person: str, number: str, lang: str) -> None:
    if (person, number) in finite_persons(lang, _norm(v)):
        return
    form = person_form(v, person, number, lang)
    if form is not None and form.lower() != v.text.lower():
        out.append(Disagreement(v, subject, number, form, person))


def _pronoun_subjects(sent: Any, lang: str, out: list[Disagreement]) -> None:
    """"ils mange", "nous avez", "tu peut", "on mangent": a subject pronoun, clitics, a verb."""
    pp = person_pack(lang)
    for i, t in enumerate(sent):
        key = _norm(t)
        if key not in pp.pronouns or not t.is_alpha and not key.endswith("'"):
            continue
        prev = sent[i - 1] if i > 0 else None
        if prev is not None and (prev.text[-1:] in "-‐" or prev.pos_ in ("VERB", "AUX") and prev.idx + len(prev.text) == t.idx):
            continue
        if prev is not None and prev.pos_ in ("VERB", "AUX"):
            continue  # "s'est tu", "que fait il"
        if key in pp.loose:
            # "avec elle", "il nous parle", "les enfants nous attendent", "Paul et elle",
            # "ne nous quittez pas": only a subject at the start of a clause
            if prev is not None and _norm(prev) in ("et", "ou", "ni", "ne", "n'", "qui"):
                continue  # "c'est nous qui vous remercions"
            if not (_clause_start(sent, i, lang) or prev is not None and prev.pos_ == "ADV"):
                continue
            if prev is not None and _norm(prev) in ("que", "qu'") and i > 1 and _norm(sent[i - 2]) in pp.comparatives:
                continue  # "personne mieux que vous ne peut"
        elif prev is not None and _norm(prev) in ("et", "ou", "ni") and i > 1 and _norm(sent[i - 2]) in pp.stressed:
            continue  # "toi et il", "lui et je"
        k = _after_clitics(sent, i + 1, lang)
        v = _verb_at(sent, k, lang, strict=key in pp.loose)
        if v is None:
            continue
        persons = finite_persons(lang, _norm(v))
        if any(pp.pronouns.get(_norm(c)) in persons for c in sent[i + 1 : k] if _norm(c) in ("nous", "vous")):
            continue  # "elle vous nous la proposez": which pronoun is the subject?
        if key in ("nous", "vous") and any(p in ("1s", "3s", "3p") for p in (a + b for a, b in persons)):
            # "(je) vous souhaite une bonne soirée", "comme nous l'a confirmé un porte-parole",
            # "(il) nous raconte": an object, the subject dropped or after the verb
            continue
        person, number = pp.pronouns[key]
        _check(out, v, t, person, number, lang)


def _noun_before_qui(sent: Any, i: int, lang: str) -> tuple[Token, str] | None:
    """The noun right before "qui" at ``i`` and its number, when it can only be the antecedent:
    its own determiner (an adjective between at most), the clause's start or a verb before that,
    never a preposition or a fused article ("le fils du voisin qui", "un des élèves qui")."""
    data, vp, lx = pack(lang), verb_pack(lang), lex(lang)
    n = sent[i - 1] if i > 0 else None
    if n is None or not n.is_alpha or n.text != n.text.lower() or n.pos_ not in ("NOUN", "ADJ"):
        return None
    d = i - 2
    if d >= 0 and sent[d].pos_ == "ADJ" and lx.analyses(sent[d].text, "A"):
        d -= 1
    if d < 0:
        return None
    dkey = _norm(sent[d])
    number = data.determiners.get(dkey, ("", ""))[1] or vp.number_determiners.get(dkey)
    if not number or dkey in vp.contracted or dkey in person_pack(lang).distributive:
        return None
    found = lx.analyses(n.text, "N")
    lemmas = {lexicon.normalize(a.lemma) for a in found} | {_norm(n)}
    if not found or any(a.number not in (number, "") for a in found) or lemmas & (vp.collective | vp.quantity_nouns):
        return None
    if d > 0:
        before = sent[d - 1]
        if before.pos_ in ("ADP", "NOUN", "PROPN", "NUM", "CCONJ") or _norm(before) in person_pack(lang).partitive:
            return None  # "le maire de la ville qui", "Paul et les amis qui"
    return n, number


def _stressed_qui(sent: Any, lang: str, out: list[Disagreement]) -> None:
    """"c'est moi qui a", "toi qui sait", "ceux qui pense", "la voisine qui gardent": "qui"
    takes the person of the pronoun before it, unless that pronoun is part of a whole ("l'un de
    nous qui"), and the number of a noun that can only be its antecedent."""
    pp = person_pack(lang)
    for i, t in enumerate(sent[:-1]):
        key = _norm(t)
        if _norm(sent[i + 1]) == "qui" and key not in pp.stressed:
            found = _noun_before_qui(sent, i + 1, lang)
            if found is not None:
                k = _after_clitics(sent, i + 2, lang)
                v = _verb_at(sent, k, lang, strict=False)
                vnum = third_person_number(lang, _norm(v)) if v is not None else None
                if v is not None and vnum is not None and vnum != found[1]:
                    _check(out, v, found[0], "3", found[1], lang)
            continue
        if key not in pp.stressed or _norm(sent[i + 1]) != "qui":
            continue
        if i > 0 and (_norm(sent[i - 1]) in pp.partitive or sent[i - 1].pos_ in ("NUM", "ADP")):
            continue  # "l'un de nous qui", "un parapluie avec vous qui est livré"
        k = _after_clitics(sent, i + 2, lang)
        v = _verb_at(sent, k, lang, strict=False)
        if v is None:
            continue
        person, number = pp.stressed[key]
        _check(out, v, t, person, number, lang)


def _noun_phrase(sent: Any, k: int, lang: str) -> tuple[int, Token, str] | None:
    """A determiner, at most one adjective, a lower-case noun whose numbers in the lexicon the
    determiner's contains: (the index after the noun, the noun, the number)."""
    data, vp, lx = pack(lang), verb_pack(lang), lex(lang)
    if k >= len(sent):
        return None
    dkey = _norm(sent[k])
    dn = data.determiners.get(dkey, ("", ""))[1] or vp.number_determiners.get(dkey)
    if not dn or dkey in person_pack(lang).distributive:
        return None
    k += 1
    if k + 1 < len(sent) and sent[k].pos_ == "ADJ" and lx.analyses(sent[k].text, "A") and sent[k + 1].pos_ == "NOUN":
        k += 1
    if k >= len(sent):
        return None
    n = sent[k]
    if not n.is_alpha or n.text != n.text.lower():
        return None
    found = lx.analyses(n.text, "N")
    if not found or any(a.number not in (dn, "") for a in found):
        return None
    lemmas = {lexicon.normalize(a.lemma) for a in found} | {_norm(n)}
    if lemmas & (vp.collective | vp.quantity_nouns | vp.time_nouns):
        return None
    return k + 1, n, dn


def _inverted_subjects(sent: Any, lang: str, out: list[Disagreement]) -> None:
    """"que dit les experts", "où vit ses parents", "qu'a dit les experts": after a relative,
    an interrogative or "ainsi", the noun right after the verb is its subject."""
    pp, vp, data = person_pack(lang), verb_pack(lang), pack(lang)
    for i, t in enumerate(sent):
        key = _norm(t)
        if key not in pp.triggers or (key in pp.initial_triggers and not _clause_start(sent, i, lang)):
            continue
        k = _after_clitics(sent, i + 1, lang)
        v = _verb_at(sent, k, lang, strict=False)
        if v is None or _norm(v) in pp.invariable:
            continue
        vnum = third_person_number(lang, _norm(v))
        if vnum is None:
            continue
        k += 1
        vkey = _norm(v)
        if (vkey in data.etre_number or vkey in data.avoir_number) and k < len(sent) and lex(lang).analyses(sent[k].text, "P"):
            k += 1  # "qu'ont dit les experts"
        phrase = _noun_phrase(sent, k, lang)
        if phrase is None:
            continue
        end, noun, number = phrase
        rest = []
        for x in sent[end:]:
            if x.text in _END or x.pos_ in ("VERB", "AUX"):
                break
            rest.append(_norm(x))
        if set(rest) & (vp.coordinators | {"ainsi", "comme", "avec"}):
            continue  # "où vivent son père et sa mère", "que suscitent la façon dont ... et"
        if end < len(sent) and sent[end].text == "," and any(_norm(x) in vp.coordinators for x in sent[end + 1 : end + 6]):
            continue  # "où vivent son père, sa mère et"
        if number != vnum:
            _check(out, v, noun, "3", number, lang)


def _conjunct(sent: Any, k: int, lang: str) -> tuple[int, str] | None:
    """One member of a coordinated subject at ``k``: a stressed pronoun, a name, or a noun phrase
    with its own determiner (and at most one complement with "de"); (the index after it, its
    person)."""
    pp, lx = person_pack(lang), lex(lang)
    if k >= len(sent):
        return None
    t = sent[k]
    key = _norm(t)
    if key in pp.stressed and key not in ("celui", "celle", "ceux", "celles"):
        return k + 1, pp.stressed[key][0]
    if (
        t.pos_ in ("PROPN", "NOUN", "ADJ", "X") and t.is_alpha and t.text[:1].isupper() and t.text[1:].islower()
        and (t.pos_ == "PROPN" or not lx.analyses(t.text.lower(), "NAV"))
        and key not in pack(lang).determiners and key not in verb_pack(lang).number_determiners
    ):
        k0 = k
        k += 1
        while k < len(sent) and k - k0 < 3 and sent[k].pos_ in ("PROPN", "NOUN", "ADJ", "X") and sent[k].is_alpha and sent[k].text[:1].isupper():
            k += 1
        return k, "3"
    if key in ("au", "aux", "du"):
        return None  # a complement, never a subject
    phrase = _noun_phrase(sent, k, lang)
    if phrase is None:
        return None
    k = phrase[0]
    if k < len(sent) and _norm(sent[k]) in ("de", "d'", "du", "des"):
        sub = _noun_phrase(sent, k + 1, lang) if _norm(sent[k]) in ("de", "d'") else None
        if sub is None and k + 1 < len(sent) and sent[k + 1].is_alpha and lx.analyses(sent[k + 1].text, "N"):
            sub = (k + 2, sent[k + 1], "")
        if sub is None:
            return None
        k = sub[0]
    if k < len(sent) and sent[k].pos_ == "ADJ" and lx.analyses(sent[k].text, "A") and not finite_persons(lang, _norm(sent[k])):
        k += 1
    return k, "3"


def _coordinated_subjects(sent: Any, lang: str, out: list[Disagreement]) -> None:
    """"Paul et Marie vient", "le froid, la pluie et le vent rend": members joined by "et"
    (never "ou", "ni", "ainsi que", "comme", "avec") take a plural verb, in the first person
    when one of them is "moi" or "nous", else in the second when one is "toi" or "vous"."""
    pp = person_pack(lang)
    i = 0
    while i < len(sent):
        if not _clause_start(sent, i, lang, comma=False) or any(_norm(x) in ("et", "ou", "ni") for x in sent[max(0, i - 2) : i]):
            i += 1
            continue
        persons, k, joined, complement = [], i, False, False
        while True:
            if complement:
                break  # "la question de la loi et des liens est": the complements are joined
            found = _conjunct(sent, k, lang)
            if found is None:
                break
            start = k
            k, person = found
            complement = any(_norm(x) in ("de", "d'", "du", "des") for x in sent[start + 1 : k])
            persons.append(person)
            if joined or k >= len(sent):
                break
            if _norm(sent[k]) == "et":
                joined = True
                k += 1
            elif sent[k].text == ",":
                k += 1
            else:
                break
        if not (joined and len(persons) >= 2) or (complement and not joined):
            i += 1
            continue
        if sent[k - 1].text == "," or _norm(sent[k - 1]) == "et":
            i += 1
            continue
        last = sent[k - 1]
        k = _after_clitics(sent, k, lang)
        v = _verb_at(sent, k, lang, strict=True, noun=last if last.pos_ in ("NOUN", "ADJ") else None)
        if v is not None and ("3", "s") not in finite_persons(lang, _norm(v)) and ("1", "s") not in finite_persons(lang, _norm(v)):
            v = None  # "les yeux vides": a verb of the singular, or none
        if v is not None and not (_norm(v) in pp.copulas and k + 1 < len(sent) and sent[k + 1].pos_ == "DET"):
            person = "1" if "1" in persons else "2" if "2" in persons else "3"
            _check(out, v, sent[i], person, "p", lang)
        i = k


def _quantities(sent: Any, lang: str, out: list[Disagreement]) -> None:
    """"beaucoup de gens pense", "la plupart des élèves a", "peu d'argent ont": after an adverb
    of quantity, the verb takes the number of the noun after "de"."""
    pp, lx, data, vp = person_pack(lang), lex(lang), pack(lang), verb_pack(lang)
    for i, t in enumerate(sent):
        key = _norm(t)
        plural_only = False
        if key in pp.quantity:
            k = i + 1
        elif key == "la" and i + 1 < len(sent) and _norm(sent[i + 1]) == "plupart":
            k, plural_only = i + 2, True
        elif key == "nombre" and (i == 0 or sent[i - 1].pos_ != "DET" or _norm(sent[i - 1]) == "bon"):
            k, plural_only = i + 1, True
        else:
            continue
        start = i - 1 if key == "nombre" and i > 0 and _norm(sent[i - 1]) == "bon" else i
        if not _clause_start(sent, start, lang, comma=False) or k >= len(sent) or _norm(sent[k]) not in ("de", "d'", "des"):
            continue
        k += 1
        if k < len(sent) and _norm(sent[k]) in data.determiners:
            if data.determiners[_norm(sent[k])][1] != "p" or _norm(sent[k - 1]) == "des":
                continue
            k += 1
        if k + 1 < len(sent) and sent[k].pos_ == "ADJ" and lx.analyses(sent[k].text, "A") and sent[k + 1].pos_ == "NOUN":
            k += 1
        if k >= len(sent) or not sent[k].is_alpha or sent[k].text != sent[k].text.lower():
            continue
        n = sent[k]
        numbers = {a.number for a in lx.analyses(n.text, "N")}
        number = "p" if _norm(n) in pp.plural_nouns else (numbers.pop() if len(numbers) == 1 else "")
        if number not in ("s", "p") or (plural_only and number != "p") or _norm(n) in vp.time_nouns:
            continue
        k += 1
        if k < len(sent) and sent[k].pos_ == "ADJ" and lx.analyses(sent[k].text, "A") and not finite_persons(lang, _norm(sent[k])):
            k += 1
        k = _after_clitics(sent, k, lang)
        v = _verb_at(sent, k, lang, strict=True, noun=n)
        if v is None:
            continue
        vnum = third_person_number(lang, _norm(v))
        if vnum is not None and vnum != number:
            _check(out, v, n, "3", number, lang)


def _modifier(t: Token, number: str, lang: str) -> bool:
    """An adjective or participle after a noun that can agree with its number ("les mesures
    prises", "un vernis antibactérien")."""
    if not t.is_alpha or t.text != t.text.lower() or (t.pos_ != "ADJ" and "Part" not in t.morph.get("VerbForm")):
        return False
    return any(a.number in (number, "") for a in lex(lang).analyses(t.text, "AP"))


def _clause_noun_subjects(sent: Any, lang: str, out: list[Disagreement]) -> None:
    """"Les cyclines engendre", "1789 : La Révolution marquent", "la liste des chansons
    débutent": a noun phrase at the start of a clause (its determiner, at most one adjective,
    the noun, at most one complement with "de", adjectives that agree) right before a verb of
    the other number. Read on the words, where the parse hangs a disagreeing verb elsewhere."""
    lx = lex(lang)
    for i in range(len(sent)):
        if not _clause_start(sent, i, lang, comma=False) or any(_norm(x) in ("et", "ou", "ni") for x in sent[max(0, i - 2) : i]):
            continue  # "l'abattage des arbres et donc des noix ne fait pas"
        phrase = _noun_phrase(sent, i, lang)
        if phrase is None:
            continue
        k, noun, number = phrase
        if k < len(sent) and _norm(sent[k]) in ("de", "d'", "du", "des"):
            sub = _noun_phrase(sent, k + 1, lang) if _norm(sent[k]) in ("de", "d'") else None
            if sub is None and k + 1 < len(sent) and sent[k + 1].is_alpha and sent[k + 1].text == sent[k + 1].text.lower() and lx.analyses(sent[k + 1].text, "N"):
                sub = (k + 2, sent[k + 1], "")
            if sub is None:
                continue
            k = sub[0]
        for _ in range(2):
            if k < len(sent) and _modifier(sent[k], number, lang) and not finite_persons(lang, _norm(sent[k])):
                k += 1
        k = _after_clitics(sent, k, lang)
        v = _verb_at(sent, k, lang, strict=True, noun=sent[k - 1] if k > 0 and sent[k - 1].pos_ in ("NOUN", "ADJ") else None)
        if v is None or _norm(v) in person_pack(lang).invariable:
            continue
        vnum = third_person_number(lang, _norm(v))
        if vnum is not None and vnum != number:
            _check(out, v, noun, "3", number, lang)


def person_disagreements(parsed: Any, lang: str) -> list[Disagreement]:
    """Verbs of ``parsed`` that disagree with a subject pronoun, a stressed pronoun before
    "qui", an inverted noun subject, a coordination with "et" or a quantity; one finding a verb."""
    out: list[Disagreement] = []
    for sent in parsed.sents:
        for find in (_pronoun_subjects, _stressed_qui, _inverted_subjects, _coordinated_subjects, _quantities, _clause_noun_subjects):
            find(sent, lang, out)
    seen: set[int] = set()
    unique = []
    for d in out:
        if d.verb.i not in seen:
            seen.add(d.verb.i)
            unique.append(d)
    return unique


_WORDS = re.compile(r"[^\W\d_]+['’]?|[,;:.!?]")


def might_disagree_persons(text: str, lang: str) -> bool:
    """A cheap test on the surface words for :func:`person_disagreements`: a subject pronoun
    (or a stressed one and "qui") before a verb form without its person; a relative or
    interrogative before a verb form and a determiner of the other number; "et" before a
    singular verb form; an adverb of quantity before a verb form."""
    pp, vp, data = person_pack(lang), verb_pack(lang), pack(lang)
    words = [lexicon.normalize(w) for w in _WORDS.findall(text)]
    n = len(words)

    def after_clitics(j: int) -> int:
        k = j
        while k < n and k - j < 4 and words[k] in vp.clitics:
            k += 1
        return k

    for i, w in enumerate(words):
        if i + 1 < n and words[i + 1] == "qui" and w in pp.stressed:
            k = after_clitics(i + 2)
            if k < n and finite_persons(lang, words[k]) and pp.stressed[w] not in finite_persons(lang, words[k]):
                return True
        if w in pp.pronouns:
            k = after_clitics(i + 1)
            if k < n and finite_persons(lang, words[k]) and pp.pronouns[w] not in finite_persons(lang, words[k]):
                return True
        if w in pp.triggers:
            k = after_clitics(i + 1)
            vnum = third_person_number(lang, words[k]) if k < n else None
            if vnum and any(data.determiners.get(x, ("", ""))[1] not in ("", vnum) for x in words[k + 1 : k + 4]):
                return True
        if w == "et" or w in pp.quantity or w in ("plupart", "nombre"):
            for x in words[i + 2 : i + 7]:
                if x in ",;:.!?":
                    break
                fp = finite_persons(lang, x)
                if fp and (w != "et" or not any(num == "p" for _, num in fp)):
                    return True
    return False


def _might_disagree(text: str, lang: str) -> bool:
    return might_disagree_verbs(text, lang) or might_disagree_persons(text, lang)


def subject_parses(doc: Document, ctx: Context) -> list[Any]:
    """The shared parse of each paragraph where a verb may disagree with its subject, of any
    kind (:func:`mtqa.lang.fr.agreement.verbs.might_disagree_verbs`,
    :func:`might_disagree_persons`); ``None`` for the others. Paragraphs parsed for another rule
    are reused, never parsed twice."""
    return prefiltered_parses(doc, ctx, "subject-verb-parses", _might_disagree, only_wanted=True)
