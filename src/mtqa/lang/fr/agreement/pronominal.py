"""Past participles of pronominal verbs with "être" ("elles se sont lavées", "elles se sont lavé
les mains", "ils se sont succédé"): which word the participle agrees with, and the finding
(:func:`pronominal_issue`). Its words are in ``rules/<lang>/pronominal.yaml``.

- a direct object after the participle ("se sont lavé les mains", "se sont rendu compte"): the
  reflexive pronoun is an indirect object and, with no object before it, the participle is
  masculine singular;
- a verb whose pronoun is always an indirect object ("se parler", "se succéder"): masculine
  singular as well;
- an object before the verb (a relative "que", "se les sont"), an infinitive after the
  participle ("s'est fait opérer", "se sont laissé convaincre"), a verb whose pronoun may be
  either object: left alone;
- otherwise (the pronoun is the direct object, or the verb is only pronominal: "s'évanouir",
  "s'envoler"): the participle agrees with the subject, as with "être" alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from .... import lexicon, packs
from .common import lex, normalized_words, pack
from .corrections import agreeing_form
from .predicates import predicate_issue
from .subjects import SUBJ
from .targets import Target, noun_target

if TYPE_CHECKING:
    from spacy.tokens import Token

    from ....lint.rule import Rule
    from ....model import Document, Issue

_OBJECTS = ("obj",)
_STOPS = frozenset(",;:()«»\"“”—–")


@dataclass(frozen=True)
class PronominalData:
    indirect: frozenset[str]
    silent: frozenset[str]
    attributive: frozenset[str]
    adverbial_nouns: frozenset[str]
    object_clitics: frozenset[str]
    bare_objects: frozenset[str]
    object_determiners: frozenset[str]
    complement_determiners: frozenset[str]
    superlative_words: frozenset[str]
    adverbial_clitics: frozenset[str]
    no_direct_object: frozenset[str]


def _apostrophe_words(raw: dict[str, Any], key: str) -> frozenset[str]:
    """A pack list as written, with the typographic apostrophe made straight (no other normalising)."""
    return frozenset(str(w).replace("’", "'") for w in raw.get(key) or [])


@lru_cache(maxsize=None)
def pronominal_pack(lang: str) -> PronominalData:
    raw = packs.load_yaml(lang, "pronominal.yaml")
    return PronominalData(
        indirect=normalized_words(raw, "indirect_reflexive_verbs"),
        silent=normalized_words(raw, "silent_reflexive_verbs"),
        attributive=normalized_words(raw, "attributive_reflexive_verbs"),
        adverbial_nouns=normalized_words(raw, "adverbial_nouns"),
        object_clitics=_apostrophe_words(raw, "object_clitics"),
        bare_objects=normalized_words(raw, "bare_objects"),
        object_determiners=_apostrophe_words(raw, "object_determiners"),
        complement_determiners=_apostrophe_words(raw, "complement_determiners"),
        superlative_words=normalized_words(raw, "superlative_words"),
        adverbial_clitics=normalized_words(raw, "adverbial_clitics"),
        no_direct_object=normalized_words(raw, "no_direct_object_verbs"),
    )


def _lemmas(tok: Token, lang: str) -> frozenset[str]:
    """The infinitives the lexicon gives the participle form (the tagger's lemma otherwise)."""
    found = {lexicon.normalize(a.lemma) for a in lex(lang).analyses(tok.text, "P")}
    return frozenset(found or {lexicon.normalize(tok.lemma_)})


def indirect_base(tok: Token, lang: str) -> tuple[str, str] | None:
    """(masculine singular participle, infinitive) for a form the lexicon does not know that is
    such a participle with an ending added, of a verb whose pronoun is an indirect object
    ("succédés": the lexicon knows only "succédé", the form the verb takes)."""
    text = tok.text
    if lex(lang).analyses(text, "P") or not text.isalpha():
        return None
    indirect = pronominal_pack(lang).indirect
    for ending in pack(lang).inflection_endings:
        if not text.lower().endswith(ending) or len(text) <= len(ending) + 2:
            continue
        base = text[: -len(ending)]
        for a in lex(lang).analyses(base, "P"):
            if a.gender in ("m", "") and a.number in ("s", "") and lexicon.normalize(a.lemma) in indirect:
                return base, lexicon.normalize(a.lemma)
    return None


def _object_before(tok: Token, lang: str) -> bool:
    """A direct object placed before the verb: a relative or clitic object of the participle, or an
    object clitic between the reflexive pronoun and the participle ("se les sont offerts")."""
    if any(c.dep_ in _OBJECTS and c.i < tok.i for c in tok.children):
        return True
    clitics = pronominal_pack(lang).object_clitics
    relative = pack(lang).relative_que
    sent = tok.doc
    start = max(0, tok.i - 6)
    return any(
        (t.pos_ == "PRON" and t.text.lower().replace("’", "'") in clitics) or t.text.lower().replace("’", "'") in relative
        for t in sent[start : tok.i]
    )


def _infinitive_word(t: Token) -> bool:
    """A word the lexicon does not know as a noun, or knows as an infinitive too ("dire",
    "savoir"; not "hiver")."""
    lx = lex(t.lang_)
    return not lx.analyses(t.text, "N") or lx.is_verb(t.text, infinitive=True)


def _infinitive_after(tok: Token) -> bool:
    """An infinitive depends on the participle or follows it, maybe after a clitic or an adverb
    ("s'est fait opérer", "se sont vu refuser", "se sont laissé faire", "s'est fait lui-même
    soigner")."""
    if any(
        c.i > tok.i
        and c.pos_ in ("VERB", "AUX")
        and "Inf" in c.morph.get("VerbForm")
        and not any(m.dep_ == "mark" for m in c.children)
        and _infinitive_word(c)
        for c in tok.children
    ):
        return True
    for t in tok.doc[tok.i + 1 : tok.i + 4]:
        if "Inf" in t.morph.get("VerbForm") and _infinitive_word(t):  # not "l'hiver"
            return True
        if t.pos_ not in ("ADV", "PRON"):
            return False
    return False


def _object_after(tok: Token, lang: str) -> Token | None:
    """The direct object noun after the participle, when the parse and the words agree that it is
    one: a noun (not of time or measure, nor also an adjective), close after the participle with
    no punctuation between, not a superlative ("les plus rapides"), not "de" with the article."""
    pd = pronominal_pack(lang)
    sent = tok.doc
    if not any(c.dep_ in SUBJ and c.i < tok.i and c.text[:1].isalpha() for c in tok.children):
        return None  # the noun after may be an inverted subject ("s'est exclamée la maire")
    nxt = sent[tok.i + 1 : tok.i + 3]
    if nxt and lexicon.normalize(nxt[0].text) in pd.bare_objects:
        return nxt[0]
    if (
        len(nxt) == 2
        and nxt[0].text.lower().replace("’", "'") in pd.object_determiners
        and nxt[1].text.islower()
        and lex(lang).analyses(nxt[1].text, "N")
        and not lex(lang).analyses(nxt[1].text, "A")  # "s'est classée la première"
        and lexicon.normalize(nxt[1].text) not in pd.adverbial_nouns
        and not any(c.dep_ == "case" for c in nxt[1].children)
        and nxt[1].dep_ not in ("nsubj", "nsubj:pass")
    ):
        return nxt[1]
    for c in tok.children:
        if c.dep_ not in _OBJECTS or c.i <= tok.i or c.pos_ != "NOUN" or not c.text[:1].isalpha():
            continue
        if lex(lang).analyses(c.text, "A"):
            continue  # "se sont classées les premières"
        if lexicon.normalize(c.lemma_) in pd.adverbial_nouns or lexicon.normalize(c.text) in pd.adverbial_nouns:
            continue
        between = sent[tok.i + 1 : c.i]
        if len(between) > 4 or any(t.text in _STOPS or t.pos_ in ("VERB", "AUX", "ADP", "NUM") for t in between):
            continue
        if any(t.text.lower() in pd.superlative_words for t in sent[c.left_edge.i : c.i]):
            continue
        if any(t.text.lower().replace("’", "'") in pd.complement_determiners for t in sent[c.left_edge.i : c.i]):
            continue  # "se sont évadés des camps": "de" and the article
        if c.text[:1].isupper():
            continue
        return c
    return None


def _invariable_issue(rule: Rule, doc: Document, pstart: int, tok: Token, why: str, base: str | None = None) -> Issue | None:
    """The masculine singular form of the participle, when it is not that form already (``base``:
    that form, for a participle form the lexicon does not know)."""
    lang = doc.target_language
    data, lx = pack(lang), lex(lang)
    if base is not None:
        new: str | None = base
    else:
        new = agreeing_form(tok, Target("m", "s", why), data, lx, lang)
    if new is None:
        return None
    return rule.issue(
        doc, pstart + tok.idx, pstart + tok.idx + len(tok.text),
        f"Participle '{tok.text}' of a pronominal verb whose pronoun is an indirect object ({why}) stays "
        f"masculine singular: '{new}'",
        [new],
    )


def _relative_object(tok: Token, lang: str) -> Token | None:
    """The noun a relative "que" stands for when it is the direct object of the participle
    ("les lettres qu'ils se sont écrites"): "que" right after a noun with its determiner, then
    the subject, the reflexive pronoun and "être", with no other verb between and no infinitive
    after the participle ("les mesures qu'il s'est engagé à prendre"). None when unsure: a
    noun of time ("la fois qu'elle s'est"), after a preposition ("c'est avec plaisir que"), or
    "N de N" (either noun may be meant)."""
    data, lx, pd = pack(lang), lex(lang), pronominal_pack(lang)
    sent = tok.doc
    que = next((t for t in reversed(sent[max(0, tok.i - 7) : tok.i]) if t.text.lower().replace("’", "'") in data.relative_que), None)
    if que is None or que.i == 0:
        return None
    between = sent[que.i + 1 : tok.i]
    if sum(t.pos_ in ("VERB", "AUX") for t in between) != 1 or not any(t.text.lower() in data.etre for t in between):
        return None
    if any(t.pos_ == "PUNCT" for t in between):
        return None
    if any("Inf" in t.morph.get("VerbForm") for t in sent[tok.i + 1 : tok.i + 5]):
        return None
    ant = sent[que.i - 1]
    if ant.pos_ != "NOUN" or not ant.text.islower() or not lx.analyses(ant.text, "N"):
        return None
    key = lexicon.normalize(ant.text)
    if key in pd.adverbial_nouns or key in data.collective | data.complement_nouns:
        return None
    edge = ant.left_edge.i
    if not any(c.dep_ == "det" for c in ant.children) or any(c.dep_ in ("case", "nmod") for c in ant.children):
        return None
    if edge > 0 and sent[edge - 1].pos_ == "ADP":
        return None  # "avec plaisir", "la liste des livres"
    if ant.dep_ == "nmod":
        return None
    return ant


def reflexive_before(tok: Token, lang: str) -> bool:
    """A reflexive pronoun right before the form of "être" of the participle ("se sont", "s'en
    est"), which the parse may have given to another verb ("ils se sont laissé convaincre")."""
    data = pack(lang)
    aux = [c for c in tok.children if c.text.lower() in data.etre and c.i < tok.i]
    if not aux:
        return False
    sent = tok.doc
    k = aux[0].i - 1
    while k >= 0 and sent[k].text.lower() in pronominal_pack(lang).adverbial_clitics:
        k -= 1
    return (
        k >= 0
        and sent[k].text.lower().replace("’", "'") in data.reflexive
        and sent[k].pos_ == "PRON"
        and sent[k].dep_ not in SUBJ  # "nous sommes allés": the subject, not a reflexive pronoun
    )


def pronominal_issue(rule: Rule, doc: Document, pstart: int, tok: Token) -> Issue | None:
    """A finding for the participle ``tok`` of a pronominal verb conjugated with "être", or None."""
    lang = doc.target_language
    pd = pronominal_pack(lang)
    if _infinitive_after(tok):
        return None
    if _object_before(tok, lang):
        return _relative_issue(rule, doc, pstart, tok)
    unknown = indirect_base(tok, lang)
    lemmas = frozenset({unknown[1]}) if unknown else _lemmas(tok, lang)
    base = unknown[0] if unknown else None
    obj = None if lemmas & pd.attributive else _object_after(tok, lang)
    if obj is not None:
        return _invariable_issue(rule, doc, pstart, tok, f"direct object '{obj.text}' after it", base)
    if lemmas & pd.silent:
        return None
    if lemmas <= pd.indirect:
        if not any(c.dep_ in SUBJ for c in tok.children):
            return None
        return _invariable_issue(rule, doc, pstart, tok, f"'{sorted(lemmas)[0]}' takes 'à'", base)
    if unknown:
        return None
    if lemmas & pd.indirect:
        return None  # two verbs share the form, one of each kind
    return predicate_issue(rule, doc, pstart, tok, tok, "Participle ")


def _relative_issue(rule: Rule, doc: Document, pstart: int, tok: Token) -> Issue | None:
    """The participle agrees with the noun a relative "que" stands for ("les lettres qu'ils se
    sont écrites"): the reflexive pronoun is then the indirect object."""
    lang = doc.target_language
    data, lx, pd = pack(lang), lex(lang), pronominal_pack(lang)
    lemmas = _lemmas(tok, lang)
    if not lx.analyses(tok.text, "P") or lemmas & pd.no_direct_object:
        return None
    ant = _relative_object(tok, lang)
    if ant is None:
        return None
    target = noun_target(ant, data, lx, surface=True)
    if target is None or target.number is None:
        return None
    new = agreeing_form(tok, target, data, lx, lang)
    if new is None:
        return None
    return rule.issue(
        doc, pstart + tok.idx, pstart + tok.idx + len(tok.text),
        f"Participle '{tok.text}' agrees with the direct object '{ant.text}' placed before it "
        f"({target.describe()}): '{new}'",
        [new],
    )
