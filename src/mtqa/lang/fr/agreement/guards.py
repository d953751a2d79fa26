"""Words that look like agreeing words but are not, in the shared parse: fixed adverbial phrases,
colour compounds, adjectives used as adverbs, verb forms after their subject, coordinations the
parse did not link. The agreement analysis (:mod:`.corrections`, :mod:`.subjects`) asks these
before it reports.

The words come from the rule pack (``rules/<lang>/agreement.yaml``); the helpers only read the
parse and the lexicon.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from .... import lexicon
from .adverbs import verb_lemmas
from .common import PackData, lex, pack

if TYPE_CHECKING:
    from spacy.tokens import Token

    from ....lexicon import Lexicon

_LOCUTION_KEY = "mtqa-agreement-locutions"
_QUOTES = "\"“”«»‘’'„"


@lru_cache(maxsize=None)
def _locution_re(lang: str) -> re.Pattern[str] | None:
    phrases = pack(lang).locutions
    if not phrases:
        return None
    alts = []
    for p in phrases:
        words = [re.escape(w).replace("'", "['’]") for w in p.split()]
        alts.append(r"\s+".join(words).replace(r"\-", "[-‐]").replace("['’]\\s+", "['’]\\s*"))
    return re.compile(r"(?<![\w'’\-])(?:" + "|".join(alts) + r")(?![\w\-‐])", re.I)


def locution_tokens(doc: Any) -> frozenset[int]:
    """Indices of the tokens of a parsed text that belong to a fixed adverbial phrase."""
    cached = doc.user_data.get(_LOCUTION_KEY)
    if cached is not None:
        return cached
    pat = _locution_re(doc.lang_)
    out: set[int] = set()
    if pat is not None:
        spans = [(m.start(), m.end()) for m in pat.finditer(doc.text)]
        if spans:
            for t in doc:
                if any(s <= t.idx < e for s, e in spans):
                    out.add(t.i)
    result = frozenset(out)
    doc.user_data[_LOCUTION_KEY] = result
    return result


def in_locution(tok: Token) -> bool:
    return tok.i in locution_tokens(tok.doc)


def colour_compound(tok: Token, data: PackData) -> bool:
    """A colour word with its modifier ("bleu clair", "vert foncé", "gris souris"): the compound
    is invariable, both of its words."""
    sent = tok.doc
    words = data.colour_words | data.colour_nouns
    mods = data.colour_modifiers | words
    ends = data.inflection_endings
    key = _base(lexicon.normalize(tok.text), mods, ends)
    nxt = _base(lexicon.normalize(sent[tok.i + 1].text), mods, ends) if tok.i + 1 < len(sent) else ""
    prev = _base(lexicon.normalize(sent[tok.i - 1].text), mods, ends) if tok.i > 0 else ""
    if key in words and nxt in mods:
        return True
    return key in mods and prev in words


def _base(word: str, known: frozenset[str], endings: tuple[str, ...]) -> str:
    """``word`` itself or, when only that is in ``known``, its form without a regular ending
    ("claires" -> "clair", "foncées" -> "foncé")."""
    if word in known:
        return word
    for end in endings:
        if word.endswith(end) and word[: -len(end)] in known:
            return word[: -len(end)]
    return word


def prenominal_colour_noun(tok: Token, data: PackData) -> bool:
    """A colour word right after a determiner is a noun ("du blanc lumière du jour", "le rouge
    vif"), not an adjective of the noun after it."""
    return (
        tok.i > 0
        and lexicon.normalize(tok.text) in data.colour_words
        and tok.doc[tok.i - 1].text.lower() in data.determiners
    )


def verb_reading(tok: Token, lx: Lexicon, data: PackData) -> bool:
    """A form that is also a verb, used as one: right after a subject pronoun or "ne" ("il
    continue ensuite"), or between its subject and a determiner or a number ("la séance dure
    deux heures", "le prix monte encore")."""
    if tok.i == 0:
        return False
    # finite third-person forms that are also participles ("atteint", "prévoit") are in the verb
    # table only
    finite = any(a.person == "3" for a in lexicon.verbs(tok.lang_).analyses(lexicon.normalize(tok.text)))
    if not (finite or lx.is_verb(tok.text)):
        return False
    sent = tok.doc
    prev = sent[tok.i - 1].text.lower().replace("’", "'")
    if prev in data.verb_openers:
        return True
    nxt = sent[tok.i + 1] if tok.i + 1 < len(sent) else None
    if nxt is None or not (nxt.pos_ in ("DET", "NUM") or nxt.like_num):
        return False
    if tok.dep_ != "amod":
        return True
    # taken for an adjective of the noun just before it, a third-person finite form before a
    # number or a determiner is the verb ("la prime atteint 300 euros", "la loi prévoit des aides")
    return finite and tok.head.i == tok.i - 1


def adverbial_use(tok: Token, data: PackData) -> bool:
    """An adjective used as an adverb after a verb that is not "être" or a copula ("ils coûtent
    cher", "tourne mal", "voir clair", "ça sent bon", "la salle affiche complet", "coûte deux fois
    plus cher"), or after an
    amount ("1800 euros net", "30 euros brut")."""
    key = lexicon.normalize(tok.text)
    if tok.i == 0:
        return False
    sent = tok.doc
    if key in data.amount_adjectives and tok.i >= 2 and sent[tok.i - 1].pos_ in ("NOUN", "PROPN", "SYM") and (
        sent[tok.i - 2].like_num or sent[tok.i - 2].pos_ == "NUM"
    ):
        return True
    if key in {a for adjs in data.adverbial_verbs.values() for a in adjs}:
        if any(key in data.adverbial_verbs.get(v, ()) for v in verb_lemmas(sent[tok.i - 1].text, lex(tok.lang_))):
            return True
    if key not in data.adverbial_adjectives:
        return False
    j = tok.i - 1
    while j > 0 and sent[j].pos_ == "ADV":
        j -= 1
        if j > 1 and lexicon.normalize(sent[j].text) in data.multiplier_nouns and (
            sent[j - 1].like_num or sent[j - 1].pos_ == "NUM"
        ):
            j -= 2  # "coûte deux fois plus cher": "deux fois" is part of the adverb
    verb = sent[j]
    word = verb.text.lower()
    if word in data.etre or word.startswith(data.copular_prefixes):
        return False
    return verb.pos_ == "VERB" or lex(tok.lang_).is_verb(verb.text)


def invariable_phrase_word(tok: Token, data: PackData) -> bool:
    """The first word of an invariable adjectival phrase ("bon marché", "haut de gamme")."""
    sent = tok.doc
    tail = " ".join(t.text for t in sent[tok.i : tok.i + 3])
    key = lexicon.normalize(tail)
    return any(key == p or key.startswith(p + " ") for p in data.invariable_phrases)


def next_noun_past_quote(tok: Token) -> Token | None:
    """The word after an opening quotation mark right after ``tok`` ("différents “niveaux”")."""
    sent = tok.doc
    if tok.i + 2 < len(sent) and sent[tok.i + 1].text in _QUOTES:
        return sent[tok.i + 2]
    return None


def surface_coordination(subj: Token, data: PackData, lx: Lexicon) -> list[Token] | None:
    """Nouns coordinated before subject ``subj`` that the parse did not link to it ("le temps, la
    patience et une main ferme", "les méchants et leurs motivations"), nearest first; None when
    a noun before "et" is itself a complement, so that what is coordinated is unclear."""
    sent = subj.doc
    out: list[Token] = []
    # the phrase's first word, without the conjunction the parse may hang on it
    start = min([subj.i, *(c.left_edge.i for c in subj.children if c.i < subj.i and c.dep_ not in ("cc", "punct"))])
    j = start - 1
    if j <= 0:
        return out
    # "A et B", or "A, B et C" with the parse linking only B and C
    et = data.and_conjunction
    if sent[j].text.lower() != et and not (
        sent[j].text == "," and any(c.dep_ == "conj" and any(x.text.lower() == et for x in c.children) for c in subj.children)
    ):
        return out
    while j > 0 and sent[j].text.lower() in (et, ","):
        k = j - 1
        while k >= 0 and sent[k].pos_ in ("ADJ",) and k > 0:
            k -= 1
        if k < 0 or not (sent[k].pos_ in ("NOUN", "PROPN") or (sent[k].is_alpha and sent[k].text.islower() and lx.analyses(sent[k].text, "N"))):
            break
        if any(c.dep_ == "case" for c in sent[k].children) or (k > 0 and sent[k - 1].pos_ == "ADP"):
            return None  # "le camarade d'école en question et sa famille": which noun is coordinated is unclear
        out.append(sent[k])
        j = sent[k].left_edge.i - 1 if sent[k].left_edge.i < k else k - 1
        while j > 0 and sent[j].pos_ == "DET":
            j -= 1
    return out


def expressive(det: Token, data: PackData) -> bool:
    """A determiner before "putain de", "espèce de", "drôle de": it agrees with the noun after
    "de"."""
    sent = det.doc
    return (
        det.i + 2 < len(sent)
        and lexicon.normalize(sent[det.i + 1].text) in data.expressive_nouns
        and sent[det.i + 2].text.lower().replace("’", "'") in data.de_forms
    )


def epicene_before_name(w: Token, lx: Lexicon) -> bool:
    """An adjective of one form for both genders before a name ("la vénérable Control Unit", "la
    solide Althea Reinhardt"): the determiner agrees with the name, not with the word read as
    a noun."""
    sent = w.doc
    if w.i + 1 >= len(sent) or not sent[w.i + 1].text[:1].isupper():
        return False
    genders = {g for g, _ in lx.features(w.text, "A")}
    return genders == {"m", "f"}


def after_avoir_l_air(tok: Token, data: PackData) -> bool:
    """An adjective after "avoir l'air" (adverbs between): it may agree with the subject or with
    "air" ("elle a l'air fatigué" and "fatiguée" are both French), so it is left alone."""
    sent = tok.doc
    j = tok.i - 1
    while j > 0 and sent[j].pos_ == "ADV":
        j -= 1
    article, noun = data.avoir_l_air
    if j < 2 or sent[j].text.lower() != noun or sent[j - 1].text.lower().replace("’", "'") != article:
        return False
    verb = sent[air_verb(sent, j)].text.lower()
    return verb in data.avoir_number or verb in data.avoir_other_forms


def air_verb(sent, j: int) -> int:
    """The index of the verb before "l'air" at ``j``, over adverbs ("n'ont pas l'air", "a
    toujours l'air")."""
    k = j - 2
    while k > 0 and sent[k].pos_ == "ADV" and sent[k].text.lower() != "l'":
        k -= 1
    return k


def colour_apposition(tok: Token, data: PackData) -> bool:
    """A colour word after a noun that names a colour ("en couleur noir", "coloris blanc"): in
    apposition, not an agreeing adjective."""
    if tok.i == 0 or lexicon.normalize(tok.doc[tok.i - 1].text) not in data.colour_heads:
        return False
    return lexicon.normalize(tok.text) in data.colour_words | data.colour_nouns


def position_adverb(tok: Token, data: PackData) -> bool:
    """"bas", "haut" as adverbs after "plus", "en" at the end of a phrase ("les questions plus
    bas.", "comme indiqué plus haut, ..."), not a comparative before "que"."""
    sent = tok.doc
    if lexicon.normalize(tok.text) not in data.position_adverbs or tok.i == 0:
        return False
    if lexicon.normalize(sent[tok.i - 1].text) not in data.position_adverb_openers:
        return False
    nxt = sent[tok.i + 1] if tok.i + 1 < len(sent) else None
    return nxt is None or nxt.is_punct or (nxt.pos_ == "ADP" and nxt.text.lower() != "que")
