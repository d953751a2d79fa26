"""Shared data and helpers of the agreement and article-form rules.

Language facts come from the rule pack (``rules/<lang>/agreement.yaml``,
``rules/<lang>/aspirated_h.txt``) and the lexicon (:mod:`mtqa.lexicon`); nothing French is
hard-coded here beyond what those files describe.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Callable

from .... import lexicon, packs
from ....lint.rule import Rule
from ....model import Document, Severity

# A word after an article: letters, inner apostrophes excluded (the article form rules stop at them).
WORD = r"[^\W\d_](?:[^\W_]|[\-‐](?=[^\W\d_]))*"
VOWELS = set("aeiouàâäéèêëîïôöûüœæ")
GENDER_NAME = {"m": "masculine", "f": "feminine"}
NUMBER_NAME = {"s": "singular", "p": "plural"}


class AgreementRule(Rule):
    """Base of the agreement and article-form rules: category, severity and what they need."""

    category = "agreement"
    severity = Severity.ERROR
    languages = frozenset({"fr"})  # another language needs its pack (agreement.yaml) and lexicon
    requires = frozenset({"lexicon"})


@dataclass(frozen=True)
class PackData:
    determiners: dict[str, tuple[str, str]]
    determiner_forms: dict[str, dict[str, str]]
    euphonic: dict[str, str]
    skip_nouns: frozenset[str]
    number_only: frozenset[str]
    interjections: frozenset[str]
    intensifiers: frozenset[str]
    complement_prepositions: frozenset[str]
    present_participle_ending: str
    second_person_endings: tuple[str, ...]
    complement_nouns: frozenset[str]
    epicene: frozenset[str]
    no_elision: frozenset[str]
    no_euphony: frozenset[str]
    aspirated: frozenset[str]
    subject_pronouns: dict[str, tuple[str, str]]
    invariable_adjectives: frozenset[str]
    clitic_followers: frozenset[str]
    etre: frozenset[str]
    copular_prefixes: tuple[str, ...]
    reflexive: frozenset[str]
    noun_genders: dict[str, str]
    loose_subjects: frozenset[str]
    etre_number: dict[str, str]
    avoir_number: dict[str, str]
    neuter_subjects: frozenset[str]
    mute_h: frozenset[str]
    collective: frozenset[str]
    pronoun_determiners: frozenset[str]
    predeterminer: dict[str, str]
    contractions: dict[tuple[str, str], str]
    indefinite: frozenset[str]
    function_words: frozenset[str]
    locutions: tuple[str, ...] = ()
    colour_words: frozenset[str] = frozenset()
    colour_modifiers: frozenset[str] = frozenset()
    colour_nouns: frozenset[str] = frozenset()
    invariable_phrases: tuple[str, ...] = ()
    expressive_nouns: frozenset[str] = frozenset()
    adverbial_adjectives: frozenset[str] = frozenset()
    avoir_invariable: frozenset[str] = frozenset()
    avoir_checked_after_noun: frozenset[str] = frozenset()
    impersonal_subjects: frozenset[str] = frozenset()
    unknown_objects: frozenset[str] = frozenset()
    object_openers: frozenset[str] = frozenset()
    avoir_first_second_plural: frozenset[str] = frozenset()
    verb_group: frozenset[str] = frozenset()
    etre_participle: str = ""
    etre_infinitive: frozenset[str] = frozenset()
    de_forms: frozenset[str] = frozenset()
    series_conjunctions: frozenset[str] = frozenset()
    and_conjunction: str = ""
    elided_article: str = ""
    pronoun_elisions: frozenset[str] = frozenset()
    object_pronoun_cues: frozenset[str] = frozenset()
    avoir_object_pronouns: frozenset[str] = frozenset()
    relative_que: frozenset[str] = frozenset()
    verb_openers: frozenset[str] = frozenset()
    avoir_l_air: tuple[str, str] = ("", "")
    avoir_other_forms: frozenset[str] = frozenset()
    inflection_endings: tuple[str, ...] = ()
    adverbial_verbs: dict[str, frozenset[str]] = field(default_factory=dict)
    adverbial_reflexive: frozenset[str] = frozenset()
    adverbial_gap: frozenset[str] = frozenset()
    avoir_infinitive_verbs: frozenset[str] = frozenset()
    amount_adjectives: frozenset[str] = frozenset()
    object_attribute_verbs: frozenset[str] = frozenset()
    avoir_never_agree: frozenset[str] = frozenset()
    causative_verbs: frozenset[str] = frozenset()
    measure_verbs: frozenset[str] = frozenset()
    measure_units: frozenset[str] = frozenset()
    multiplier_nouns: frozenset[str] = frozenset()
    event_units: frozenset[str] = frozenset()
    both_gender_loans: frozenset[str] = frozenset()
    foreign_plurals: frozenset[str] = frozenset()
    impersonal_there: tuple[str, str] = ("", "")
    impersonal_there_verb: str = ""
    interrogative_determiners: frozenset[str] = frozenset()
    interrogative_quantity: str = ""
    indirect_clitics: frozenset[str] = frozenset()
    person_nouns: frozenset[str] = frozenset()
    air_expression_adjectives: frozenset[str] = frozenset()
    colour_heads: frozenset[str] = frozenset()
    infinitive_cues: frozenset[str] = frozenset()
    position_adverbs: frozenset[str] = frozenset()
    position_adverb_openers: frozenset[str] = frozenset()
    object_clitics: dict[str, tuple[str, str]] = field(default_factory=dict)
    subject_attributes: frozenset[str] = frozenset()
    clitic_subjects: frozenset[str] = frozenset()
    adverb_phrases: tuple[tuple[str, ...], ...] = ()
    masculine_predicate_nouns: frozenset[str] = frozenset()


def normalized_words(raw: dict[str, Any], key: str) -> frozenset[str]:
    """The words of a pack list, normalised as the lexicon normalises (ligatures, apostrophes)."""
    return frozenset(lexicon.normalize(str(w)) for w in raw.get(key) or [])


_set = normalized_words


def _words(raw: dict[str, Any], key: str) -> frozenset[str]:
    """The words of a list as written (compared with lower-case text, apostrophes unfolded)."""
    return frozenset(str(w) for w in raw.get(key) or [])


@lru_cache(maxsize=None)
def pack(lang: str) -> PackData:
    raw = packs.load_yaml(lang, "agreement.yaml")
    return PackData(
        determiners={str(k): (str(v[0]), str(v[1])) for k, v in (raw.get("determiners") or {}).items()},
        determiner_forms={str(k): {str(a): str(b) for a, b in v.items()} for k, v in (raw.get("determiner_forms") or {}).items()},
        euphonic={str(k): str(v) for k, v in (raw.get("euphonic_adjectives") or {}).items()},
        skip_nouns=_set(raw, "skip_nouns"),
        number_only=_set(raw, "number_only_nouns"),
        interjections=_set(raw, "interjection_nouns"),
        intensifiers=_set(raw, "intensifiers"),
        complement_prepositions=_set(raw, "complement_prepositions"),
        present_participle_ending=str(raw.get("present_participle_ending") or ""),
        second_person_endings=tuple(str(e) for e in raw.get("second_person_endings") or []),
        complement_nouns=_set(raw, "complement_nouns"),
        epicene=_set(raw, "epicene_nouns"),
        no_elision=_set(raw, "no_elision_before"),
        no_euphony=_set(raw, "no_euphony_before"),
        aspirated=frozenset(lexicon.normalize(w) for w in packs.load_list(lang, "aspirated_h.txt")),
        subject_pronouns={str(k): (str(v[0]), str(v[1])) for k, v in (raw.get("subject_pronouns") or {}).items()},
        invariable_adjectives=_set(raw, "invariable_adjectives"),
        clitic_followers=_set(raw, "clitic_followers"),
        etre=_set(raw, "etre_forms"),
        copular_prefixes=tuple(str(p) for p in raw.get("copular_prefixes") or []),
        reflexive=frozenset(str(w).replace("’", "'") for w in raw.get("reflexive_pronouns") or []),
        loose_subjects=_set(raw, "loose_subjects"),
        mute_h=_set(raw, "mute_h_words"),
        collective=_set(raw, "collective_nouns"),
        pronoun_determiners=_set(raw, "pronoun_determiners"),
        predeterminer={str(k): str(v) for k, v in (raw.get("predeterminer") or {}).items()},
        indefinite=_set(raw, "indefinite_determiners"),
        contractions={tuple(str(k).split()): str(v) for k, v in (raw.get("contractions") or {}).items()},
        function_words=frozenset(
            lexicon.normalize(str(w))
            for k, v in packs.load_yaml(lang, "function_words.yaml").items() if isinstance(v, list)
            for w in v
        ),
        etre_number={**{w: "s" for w in _set(raw, "etre_singular")}, **{w: "p" for w in _set(raw, "etre_plural")}},
        avoir_number={**{w: "s" for w in _set(raw, "avoir_singular")}, **{w: "p" for w in _set(raw, "avoir_plural")}},
        neuter_subjects=frozenset(str(w).replace("’", "'") for w in raw.get("neuter_subjects") or []),
        noun_genders={lexicon.normalize(str(w)): str(g) for g, ws in (raw.get("noun_genders") or {}).items() for w in ws},
        locutions=tuple(sorted(
            {lexicon.normalize(str(w)) for k in ("adverbial_locutions", "fixed_compounds") for w in raw.get(k) or []},
            key=len, reverse=True,
        )),
        colour_words=_set(raw, "colour_words"),
        colour_modifiers=_set(raw, "colour_modifiers"),
        colour_nouns=_set(raw, "colour_nouns"),
        invariable_phrases=tuple(lexicon.normalize(str(w)) for w in raw.get("invariable_phrases") or []),
        expressive_nouns=_set(raw, "expressive_nouns"),
        adverbial_adjectives=_set(raw, "adverbial_adjectives"),
        avoir_invariable=_set(raw, "avoir_invariable"),
        avoir_checked_after_noun=_set(raw, "avoir_checked_after_noun"),
        impersonal_subjects=_words(raw, "impersonal_subjects"),
        unknown_objects=_set(raw, "unknown_objects"),
        object_openers=_set(raw, "object_openers"),
        avoir_first_second_plural=_set(raw, "avoir_first_second_plural"),
        verb_group=_words(raw, "verb_group"),
        etre_participle=str(raw.get("etre_participle") or ""),
        etre_infinitive=_words(raw, "etre_infinitive"),
        de_forms=_words(raw, "de_forms"),
        verb_openers=_words(raw, "verb_openers"),
        avoir_l_air=tuple(str(w) for w in (raw.get("avoir_l_air") or ("", ""))),
        avoir_other_forms=_words(raw, "avoir_other_forms"),
        inflection_endings=tuple(str(e) for e in raw.get("inflection_endings") or ()),
        adverbial_verbs={lexicon.normalize(str(k)): frozenset(lexicon.normalize(str(w)) for w in v)
                         for k, v in (raw.get("adverbial_verbs") or {}).items()},
        adverbial_reflexive=_set(raw, "adverbial_reflexive"),
        adverbial_gap=_set(raw, "adverbial_gap"),
        avoir_infinitive_verbs=_set(raw, "avoir_infinitive_verbs"),
        amount_adjectives=_set(raw, "amount_adjectives"),
        object_attribute_verbs=_set(raw, "object_attribute_verbs"),
        avoir_never_agree=_set(raw, "avoir_never_agree"),
        causative_verbs=_set(raw, "causative_verbs"),
        measure_verbs=_set(raw, "measure_verbs"),
        measure_units=_set(raw, "measure_units"),
        multiplier_nouns=_set(raw, "multiplier_nouns"),
        event_units=_set(raw, "event_units"),
        both_gender_loans=_set(raw, "both_gender_loans"),
        foreign_plurals=_set(raw, "foreign_plurals"),
        impersonal_there=tuple(str(w) for w in (raw.get("impersonal_there") or ("", ""))),
        person_nouns=_set(raw, "person_nouns"),
        air_expression_adjectives=_set(raw, "air_expression_adjectives"),
        impersonal_there_verb=str(raw.get("impersonal_there_verb") or ""),
        interrogative_determiners=_set(raw, "interrogative_determiners"),
        interrogative_quantity=str(raw.get("interrogative_quantity") or ""),
        indirect_clitics=_words(raw, "indirect_clitics"),
        colour_heads=_set(raw, "colour_heads"),
        infinitive_cues=_words(raw, "infinitive_cues"),
        position_adverbs=_set(raw, "position_adverbs"),
        position_adverb_openers=_set(raw, "position_adverb_openers"),
        series_conjunctions=_words(raw, "series_conjunctions"),
        and_conjunction=str(raw.get("and_conjunction") or ""),
        elided_article=str(raw.get("elided_article") or ""),
        pronoun_elisions=_words(raw, "pronoun_elisions"),
        object_pronoun_cues=_words(raw, "object_pronoun_cues"),
        avoir_object_pronouns=_words(raw, "avoir_object_pronouns"),
        relative_que=_words(raw, "relative_que"),
        object_clitics={str(k): (str(v[0]), str(v[1])) for k, v in (raw.get("object_clitics") or {}).items()},
        subject_attributes=_set(raw, "subject_attributes"),
        clitic_subjects=_words(raw, "clitic_subjects"),
        adverb_phrases=tuple(tuple(str(p).split()) for p in raw.get("adverb_phrases") or []),
        masculine_predicate_nouns=_set(raw, "masculine_predicate_nouns"),
    )


def lex(lang: str) -> lexicon.Lexicon:
    return lexicon.load(lang)


def on_parse(parsed: Any, key: tuple, make: Callable[[], Any]) -> Any:
    """``make()``, kept on the paragraph's parse (its ``user_data``) under ``key``: for analyses
    that read nothing but the parse and the language's packs. A server's parse cache hands the
    same parse to the next request for an unchanged paragraph, which then reuses them."""
    store = parsed.user_data
    full = ("mtqa", *key)
    if full not in store:
        store[full] = make()
    return store[full]


def aspirated(word: str, lang: str) -> bool:
    """The word begins with an aspirated h (itself, its lemma or its base form is listed)."""
    data = pack(lang)
    key = lexicon.normalize(word)
    if key in data.aspirated:
        return True
    for base in (key[:-1], key[:-2], key.rstrip("sx")):
        if base in data.aspirated:
            return True
    return any(lexicon.normalize(a.lemma) in data.aspirated for a in lex(lang).analyses(key))


def vowel_sound(word: str, lang: str) -> bool | None:
    """Whether ``word`` begins with a vowel sound for elision: True, False, or None when unsure
    (acronyms, ``y``, names with an h, numbers)."""
    if not word or not word[0].isalpha():
        return None
    if len(word) > 1 and word.isupper():
        return None
    key = lexicon.normalize(word)
    first = key[0]
    if key in pack(lang).no_elision:
        return False
    if first == "y":
        return True if key == "y" else None
    if first in VOWELS:
        return True
    if first == "h":
        if aspirated(key, lang):
            return False
        if word[0].islower() and (key in lex(lang) or key in pack(lang).mute_h):
            return True
        return None
    return False


def apostrophe(doc: Document) -> str:
    """The apostrophe the document uses most."""
    if "apostrophe" not in doc.cache:
        doc.cache["apostrophe"] = "’" if doc.view.count("’") > doc.view.count("'") else "'"
    return doc.cache["apostrophe"]


def match_case(original: str, replacement: str) -> str:
    """``replacement`` with the capitalisation of ``original`` (first letter or all caps)."""
    if len(original) > 1 and original.isupper():
        return replacement.upper()
    if original[:1].isupper():
        return replacement[:1].upper() + replacement[1:]
    return replacement


def determiner_for(det: str, gender: str | None, number: str | None, next_word: str, lang: str) -> str | None:
    """The form of determiner ``det`` for the given gender and number before ``next_word``, or
    None when it cannot be decided (unknown family, gender needed but unknown)."""
    data = pack(lang)
    key = det.lower()
    family = next((f for f in data.determiner_forms.values() if key in f.values()), None)
    if family is None or number is None:
        return None
    vowel = vowel_sound(next_word, lang) is True
    keys = []
    if vowel:
        keys += [f"vowel_{gender}{number}" if gender else "", f"vowel_{number}"]
    keys += [f"{gender}{number}" if gender else "", number]
    for k in keys:
        if k and k in family:
            form = family[k]
            return form
    return None


def words_after(text: str, pos: int, n: int = 2) -> list[re.Match[str]]:
    """The next ``n`` words of ``text`` from ``pos`` (only spaces may separate them)."""
    out = []
    for _ in range(n):
        m = re.compile(r"[ \t\u00a0\u202f]+(" + WORD + ")").match(text, pos)
        if not m:
            break
        out.append(m)
        pos = m.end()
    return out
