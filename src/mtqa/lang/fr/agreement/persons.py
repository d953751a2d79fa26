"""Subjects other than a noun the parse hangs on its verb: subject pronouns of every person
("ils mange", "nous avez"), a stressed pronoun or a noun before "qui" ("c'est moi qui a"), a
noun subject after its verb ("que dit les experts"), with the agreeing form from the lexicon
(:func:`person_form`); the reading helpers that :mod:`.groups` shares (:func:`clause_start`,
:func:`verb_at`, :func:`noun_phrase`).

These are read on the tokens and tags of the shared parse rather than on its tree: where the
verb disagrees, the parse hangs its words wrongly more often than not ("ils mange" makes
"mange" a noun). Words come from ``rules/<lang>/subject_verb.yaml``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from .... import lexicon, packs
from .common import lex, normalized_words, pack
from .verbs import MOODS, TENSES, Disagreement, third_person_number, verb_pack

if TYPE_CHECKING:
    from spacy.tokens import Token

FINITE = ("ind", "sub", "cnd")  # a verb with a subject is never an imperative
END = (".", "!", "?", ";", ":", "…", "(", "«", '"', "“", "—", "–")


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
    singular_heads: frozenset[str] = frozenset()
    singular_after_le: frozenset[str] = frozenset()
    inversion_verbs: frozenset[str] = frozenset()
    inversion_pronominal: frozenset[str] = frozenset()
    inversion_prepositions: frozenset[str] = frozenset()
    inversion_adverbs: frozenset[str] = frozenset()
    prepositional_articles: frozenset[str] = frozenset()


def _persons(raw: dict[str, Any], key: str) -> dict[str, tuple[str, str]]:
    return {lexicon.normalize(str(k)): (str(v)[0], str(v)[1]) for k, v in (raw.get(key) or {}).items()}


@lru_cache(maxsize=None)
def person_pack(lang: str) -> PersonPack:
    raw = packs.load_yaml(lang, "subject_verb.yaml")
    return PersonPack(
        pronouns=_persons(raw, "person_pronouns"),
        loose=normalized_words(raw, "loose_pronouns"),
        stressed=_persons(raw, "stressed_pronouns"),
        partitive=normalized_words(raw, "partitive_words"),
        triggers=normalized_words(raw, "inversion_triggers"),
        initial_triggers=normalized_words(raw, "clause_initial_triggers"),
        invariable=normalized_words(raw, "invariable_inverted"),
        quantity=normalized_words(raw, "quantity_adverbs"),
        plural_nouns=normalized_words(raw, "plural_nouns"),
        distributive=normalized_words(raw, "distributive_determiners"),
        openers=normalized_words(raw, "subject_openers") | verb_pack(lang).clause_openers,
        copulas=normalized_words(raw, "copulas"),
        comparatives=normalized_words(raw, "comparatives"),
        singular_heads=normalized_words(raw, "singular_heads"),
        singular_after_le=normalized_words(raw, "singular_nouns_after_le"),
        inversion_verbs=normalized_words(raw, "inversion_verbs"),
        inversion_pronominal=normalized_words(raw, "inversion_verbs_pronominal"),
        inversion_prepositions=normalized_words(raw, "inversion_prepositions"),
        inversion_adverbs=normalized_words(raw, "inversion_adverbs"),
        prepositional_articles=normalized_words(raw, "prepositional_articles"),
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


def tnorm(t: Token) -> str:
    return lexicon.normalize(t.text)


def clause_start(sent: Any, i: int, lang: str, comma: bool = True) -> bool:
    """Token ``i`` begins a clause: the start of the text or sentence, after a punctuation mark,
    a conjunction or a word that opens a clause. After a comma only with ``comma``, and, when it
    is False, only after an opening adverbial ("Ce matin,", "En France,", "Hier,"), never after
    a list ("la coalition SPD, Verts et Linkspartei")."""
    if i == 0 or sent[i].is_sent_start:
        return True
    prev = sent[i - 1]
    if prev.text in END:
        return True
    if prev.text == ",":
        if comma:
            return True
        k = i - 2
        while k >= 0 and not (sent[k].text in END or sent[k].text == ","):
            k -= 1
        segment = sent[k + 1 : i - 1]
        time_nouns = verb_pack(lang).time_nouns
        return len(segment) > 0 and (
            segment[0].pos_ in ("ADP", "ADV", "SCONJ") or any(tnorm(t) in time_nouns for t in segment)
        ) and k < 0
    if tnorm(prev) in ("que", "qu'") and i > 1 and tnorm(sent[i - 2]) in person_pack(lang).comparatives | {"ainsi"}:
        return False  # "le garçon ainsi que sa sœur viennent", "plus que les autres"
    return prev.pos_ in ("CCONJ", "SCONJ") or tnorm(prev) in person_pack(lang).openers


def after_clitics(sent: Any, j: int, lang: str, limit: int = 4) -> int:
    """The index after the clitics from ``j`` on ("ne nous l'"); ``j`` itself when "ne" comes
    after another clitic, which no subject allows ("s'il vous n'y voyez")."""
    clitics = verb_pack(lang).clitics
    k = j
    while k < len(sent) and k - j < limit and tnorm(sent[k]) in clitics:
        if k > j and tnorm(sent[k]) in ("ne", "n'"):
            return -1
        k += 1
    return k


def verb_at(sent: Any, k: int, lang: str, strict: bool, noun: Token | None = None) -> Token | None:
    """The finite verb form at ``k``, if there is one: lower case, not followed by a hyphen
    (an inverted pronoun), and, when ``strict``, tagged a verb or unknown to the lexicon as a noun
    or adjective."""
    if k < 0 or k >= len(sent):
        return None
    v = sent[k]
    if not v.is_alpha or v.text != v.text.lower() or not finite_persons(lang, tnorm(v)):
        return None
    if k + 1 < len(sent) and sent[k + 1].text[:1] in "-‐":
        return None
    if strict and v.pos_ in ("ADP", "DET", "CCONJ", "SCONJ", "PRON", "NUM"):
        return None  # "les conventions signées entre l'université et"
    clitic = k > 0 and tnorm(sent[k - 1]) in verb_pack(lang).clitics - {"en", "y"}
    if strict and not clitic and v.pos_ not in ("VERB", "AUX") and lex(lang).analyses(v.text, "NA"):
        # a noun or adjective that can be a verb ("part", "ferme"): a verb when no verb follows
        # ("le sucre et le beurre glace fondent"), not after "en" ("les erreurs en attaque"),
        # and, for an adjective, when it cannot agree with the noun before ("les commerces
        # ferme", not "une main ferme")
        after = sent[k + 1] if k + 1 < len(sent) else None
        if after is None or after.pos_ in ("VERB", "AUX") or after.text in END or (k > 0 and tnorm(sent[k - 1]) in ("en", "y")):
            return None
        adjective = lex(lang).analyses(v.text, "A")
        if adjective:
            numbers = {b.number for b in lex(lang).analyses(noun.text, "N")} if noun is not None else set()
            if noun is None or not numbers or "" in numbers or any(a.number in numbers | {""} for a in adjective):
                return None
    return v


def check_person(out: list[Disagreement], v: Token, subject: Token, person: str, number: str, lang: str, label: str = "") -> None:
    if (person, number) in finite_persons(lang, tnorm(v)):
        return
    form = person_form(v, person, number, lang)
    if form is not None and form.lower() != v.text.lower():
        out.append(Disagreement(v, subject, number, form, person, label))


def pronoun_subjects(sent: Any, lang: str, out: list[Disagreement]) -> None:
    """"ils mange", "nous avez", "tu peut", "on mangent": a subject pronoun, clitics, a verb."""
    pp = person_pack(lang)
    for i, t in enumerate(sent):
        key = tnorm(t)
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
            if prev is not None and tnorm(prev) in ("et", "ou", "ni", "ne", "n'", "qui"):
                continue  # "c'est nous qui vous remercions"
            if not (clause_start(sent, i, lang) or prev is not None and prev.pos_ == "ADV"):
                continue
            if prev is not None and tnorm(prev) in ("que", "qu'") and i > 1 and tnorm(sent[i - 2]) in pp.comparatives:
                continue  # "personne mieux que vous ne peut"
        elif prev is not None and tnorm(prev) in ("et", "ou", "ni") and i > 1 and tnorm(sent[i - 2]) in pp.stressed:
            continue  # "toi et il", "lui et je"
        k = after_clitics(sent, i + 1, lang)
        v = verb_at(sent, k, lang, strict=key in pp.loose)
        if v is None:
            continue
        persons = finite_persons(lang, tnorm(v))
        if any(pp.pronouns.get(tnorm(c)) in persons for c in sent[i + 1 : k] if tnorm(c) in ("nous", "vous")):
            continue  # "elle vous nous la proposez": which pronoun is the subject?
        forms = {a + b for a, b in persons}
        if key in ("nous", "vous") and forms & {"1s", "3s", "3p"}:
            # "(je) vous souhaite une bonne soirée", "comme nous l'a confirmé un porte-parole",
            # "(il) nous raconte": an object, the subject dropped or after the verb; but the
            # first word of a sentence, right before a verb that no dropped "je" takes and with
            # no subject after it, is the subject ("Vous pouvait venir")
            after = sent[v.i + 1] if v.i + 1 < len(sent) else None
            first = prev is None or prev.is_sent_end or prev.text in ".!?:;«\"“"
            if not (first and k == i + 1 and "1s" not in forms and not (after is not None and after.text[:1] in "-‐")):
                continue
        person, number = pp.pronouns[key]
        check_person(out, v, t, person, number, lang)


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
    dkey = tnorm(sent[d])
    number = data.determiners.get(dkey, ("", ""))[1] or vp.number_determiners.get(dkey)
    if not number or dkey in vp.contracted or dkey in person_pack(lang).distributive:
        return None
    found = lx.analyses(n.text, "N")
    lemmas = {lexicon.normalize(a.lemma) for a in found} | {tnorm(n)}
    if not found or any(a.number not in (number, "") for a in found) or lemmas & (vp.collective | vp.quantity_nouns):
        return None
    if d > 0:
        before = sent[d - 1]
        if before.pos_ in ("ADP", "NOUN", "PROPN", "NUM", "CCONJ") or tnorm(before) in person_pack(lang).partitive:
            return None  # "le maire de la ville qui", "Paul et les amis qui"
    return n, number


def stressed_qui(sent: Any, lang: str, out: list[Disagreement]) -> None:
    """"c'est moi qui a", "toi qui sait", "ceux qui pense", "la voisine qui gardent": "qui"
    takes the person of the pronoun before it, unless that pronoun is part of a whole ("l'un de
    nous qui"), and the number of a noun that can only be its antecedent."""
    pp = person_pack(lang)
    for i, t in enumerate(sent[:-1]):
        key = tnorm(t)
        if tnorm(sent[i + 1]) == "qui" and key not in pp.stressed:
            found = _noun_before_qui(sent, i + 1, lang)
            if found is not None:
                k = after_clitics(sent, i + 2, lang)
                v = verb_at(sent, k, lang, strict=False)
                vnum = third_person_number(lang, tnorm(v)) if v is not None else None
                if v is not None and vnum is not None and vnum != found[1]:
                    check_person(out, v, found[0], "3", found[1], lang)
            continue
        if key not in pp.stressed or tnorm(sent[i + 1]) != "qui":
            continue
        if i > 0 and (tnorm(sent[i - 1]) in pp.partitive or sent[i - 1].pos_ in ("NUM", "ADP")):
            continue  # "l'un de nous qui", "un parapluie avec vous qui est livré"
        if i > 0 and sent[i - 1].pos_ == "CCONJ":
            continue  # "toi et moi qui savons": the person of the whole coordination
        k = after_clitics(sent, i + 2, lang)
        v = verb_at(sent, k, lang, strict=False)
        if v is None:
            continue
        person, number = pp.stressed[key]
        check_person(out, v, t, person, number, lang)


def noun_phrase(sent: Any, k: int, lang: str) -> tuple[int, Token, str] | None:
    """A determiner, at most one adjective, a lower-case noun whose numbers in the lexicon the
    determiner's contains: (the index after the noun, the noun, the number)."""
    data, vp, lx = pack(lang), verb_pack(lang), lex(lang)
    if k >= len(sent):
        return None
    dkey = tnorm(sent[k])
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
    lemmas = {lexicon.normalize(a.lemma) for a in found} | {tnorm(n)}
    if lemmas & (vp.collective | vp.quantity_nouns | vp.time_nouns):
        return None
    return k + 1, n, dn


def inverted_subjects(sent: Any, lang: str, out: list[Disagreement]) -> None:
    """"que dit les experts", "où vit ses parents", "qu'a dit les experts": after a relative,
    an interrogative or "ainsi", the noun right after the verb is its subject."""
    pp, vp, data = person_pack(lang), verb_pack(lang), pack(lang)
    for i, t in enumerate(sent):
        key = tnorm(t)
        if key not in pp.triggers or (key in pp.initial_triggers and not clause_start(sent, i, lang)):
            continue
        k = after_clitics(sent, i + 1, lang)
        v = verb_at(sent, k, lang, strict=False)
        if v is None or tnorm(v) in pp.invariable:
            continue
        vnum = third_person_number(lang, tnorm(v))
        if vnum is None:
            continue
        k += 1
        vkey = tnorm(v)
        if (vkey in data.etre_number or vkey in data.avoir_number) and k < len(sent) and lex(lang).analyses(sent[k].text, "P"):
            k += 1  # "qu'ont dit les experts"
        phrase = noun_phrase(sent, k, lang)
        if phrase is None:
            continue
        end, noun, number = phrase
        rest = words_to_next_verb(sent, end)
        if set(rest) & (vp.coordinators | {"ainsi", "comme", "avec"}):
            continue  # "où vivent son père et sa mère", "que suscitent la façon dont ... et"
        if end < len(sent) and sent[end].text == "," and any(tnorm(x) in vp.coordinators for x in sent[end + 1 : end + 6]):
            continue  # "où vivent son père, sa mère et"
        if number != vnum:
            check_person(out, v, noun, "3", number, lang)


def words_to_next_verb(sent: Any, end: int) -> list[str]:
    """The normalised words after a subject found at ``end``, up to the next verb or the end of
    the sentence (where a coordinated subject would show its "et")."""
    rest = []
    for x in sent[end:]:
        if x.text in END or x.pos_ in ("VERB", "AUX"):
            break
        rest.append(tnorm(x))
    return rest


def inversion_verb(lang: str, word: str, pronominal: bool) -> bool:
    """A finite form of a verb that takes its subject after an opening adverbial (the pack's
    lists; the second one only with "se")."""
    pp = person_pack(lang)
    lemmas = {lexicon.normalize(a.lemma) for a in lexicon.verbs(lang).analyses(word)}
    return bool(lemmas & pp.inversion_verbs or (pronominal and lemmas & pp.inversion_pronominal))


def opening_adverbial(sent: Any, s: int, lang: str) -> int | None:
    """The index after an adverbial that opens the sentence at ``s``: an adverb or a time noun
    ("Demain", "Ensuite", "Lundi soir"), or a preposition and a noun phrase with its complements
    ("Dans la salle", "À l'entrée du village"); None when there is none."""
    pp, vp, data = person_pack(lang), verb_pack(lang), pack(lang)
    t = sent[s]
    key = tnorm(t)
    if (t.pos_ == "ADV" and key not in vp.clitics) or key in vp.time_nouns or key in pp.inversion_adverbs:
        k = s + 1
        while k < len(sent) and k - s < 3 and tnorm(sent[k]) in vp.time_nouns:
            k += 1  # "Hier soir"
        return k
    if key in data.determiners and s + 1 < len(sent) and tnorm(sent[s + 1]) in vp.time_nouns:
        return s + 2  # "Ce soir", "Cette semaine"
    if key not in pp.inversion_prepositions:
        return None
    k = s + 1
    for _ in range(3):  # "à l'entrée du village de Gap"
        if k < len(sent) and (tnorm(sent[k]) in data.determiners or tnorm(sent[k]) in vp.number_determiners):
            k += 1
        if k < len(sent) and sent[k].pos_ == "ADJ":
            k += 1
        if k >= len(sent) or not sent[k].is_alpha or not (sent[k].pos_ in ("NOUN", "PROPN") or lex(lang).analyses(sent[k].text, "N")):
            return None
        k += 1
        if k < len(sent) and tnorm(sent[k]) in data.de_forms | {"du", "des"}:
            k += 1
            continue
        return k
    return None


def adverbial_inversions(sent: Any, lang: str, out: list[Disagreement]) -> None:
    """"Demain commence les soldes", "Dans la salle arrive les joueurs", "Sur la place se dresse
    deux statues": after an adverbial that opens the sentence, a verb of the pack's inversion
    lists takes the noun phrase after it as its subject."""
    vp = verb_pack(lang)
    for s, t in enumerate(sent):
        if not (s == 0 or t.is_sent_start or sent[s - 1].text in END):
            continue
        k = opening_adverbial(sent, s, lang)
        if k is None or k >= len(sent):
            continue
        comma = sent[k].text == ","
        k += comma
        pronominal = k < len(sent) and tnorm(sent[k]) in ("se", "s'")
        j = k + 1 if pronominal else k
        v = verb_at(sent, j, lang, strict=False)
        if v is None or (comma and not pronominal) or tnorm(v) in person_pack(lang).invariable or not inversion_verb(lang, tnorm(v), pronominal):
            continue  # ("Ensuite, commence les exercices": an imperative)
        vnum = third_person_number(lang, tnorm(v))
        phrase = noun_phrase(sent, j + 1, lang) if vnum else None
        if vnum and phrase is None and j + 2 < len(sent) and tnorm(sent[j + 1]) in vp.numerals:
            noun = sent[j + 2]  # "se dresse deux statues"
            if noun.is_alpha and noun.text.islower() and {a.number for a in lex(lang).analyses(noun.text, "N")} & {"p", ""}:
                phrase = (j + 3, noun, "p")
        if phrase is None:
            continue
        end, noun, number = phrase
        rest = words_to_next_verb(sent, end)
        if set(rest) & (vp.coordinators | {"ainsi", "comme", "avec", ","}):
            continue  # "Demain arrivent le maire et son adjoint"
        if number != vnum:
            check_person(out, v, noun, "3", number, lang)
