"""The surface prefilter: a cheap test on the words of a paragraph (:func:`might_disagree`), so
that paragraphs where no agreement error is possible are not parsed, and the cached parses of
the others (:func:`agreement_parses`).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from .... import lexicon
from .common import PackData, lex, pack
from .words import expand_pair, noun_features, unlisted_participle

if TYPE_CHECKING:
    from ....lint.context import Context
    from ....model import Document


_SURFACE = re.compile(r"[^\W\d_]+(?:[\-‐][^\W\d_]+)*['’]?")


@lru_cache(maxsize=100_000)
def _surface_features(lang: str, w: str) -> tuple[frozenset[tuple[str, str]] | None, frozenset[tuple[str, str]] | None]:
    """(agreeing-word features, noun features) of a lower-case surface word, for might_disagree."""
    data, lx = pack(lang), lex(lang)
    if w.endswith("'"):
        return (frozenset({("m", "s"), ("f", "s")}) if w == data.elided_article else None), None
    f = frozenset(expand_pair(*data.determiners[w])) if w in data.determiners else (frozenset(lx.features(w, "AP")) or None)
    if w in data.subject_pronouns:
        nf = frozenset(expand_pair(*data.subject_pronouns[w]))
    elif len(w) < 2 or w in data.verb_group:
        nf = None
    else:
        found = noun_features(lx, w, data)
        nf = frozenset(found) if found else None
    return f, nf


def might_disagree(text: str, lang: str, window: int = 3, subject_window: int = 8) -> bool:
    """A cheap test on the surface words: could this text hold an agreement error the parse-based
    rules (MTQ201-MTQ203) would report?

    True when a determiner, adjective or participle can carry none of the (gender, number) pairs
    of the nearest noun within ``window`` words, or when an adjective or participle after a form
    of "être" agrees with no noun or subject pronoun among the ``subject_window`` words before it.
    Parsing is the slowest step of a run; paragraphs where nothing can disagree are not parsed.
    """
    data = pack(lang)
    words = [w.lower().replace("’", "'") for w in _SURFACE.findall(text)]
    feats: list[frozenset[tuple[str, str]] | None] = []  # of determiners, adjectives, participles
    nouns: list[frozenset[tuple[str, str]] | None] = []  # of nouns and subject pronouns
    for w in words:
        f, nf = _surface_features(lang, w)
        feats.append(f)
        nouns.append(nf)
    n = len(words)
    if _avoir_participle_possible(words, data, lang) or _pronominal_participle_possible(words, data, lang):
        return True
    if _clitic_attribute_possible(words, feats, data, lang):
        return True
    article, noun = data.avoir_l_air
    for i in range(2, n):
        if words[i] == noun and words[i - 1] == article and any(
            w in data.avoir_number or w in data.avoir_other_forms for w in words[max(0, i - 4) : i - 1]
        ):
            # "cette maison a l'air abandonné": "air" is no noun the adjective may agree with (an
            # adverb may stand between: "n'a jamais l'air")
            return True
    for i in range(n):
        f = feats[i]
        if f is None:
            continue
        # the nearest noun after (determiners, adjectives) and before (adjectives)
        for j in range(i + 1, min(n, i + 1 + window)):
            if nouns[j] is None:
                continue
            if not f & nouns[j]:
                return True
            if feats[j] is None:  # a word that is only a noun ends the phrase
                break
        if i > 0 and nouns[i - 1] is not None and words[i] not in data.determiners and not f & nouns[i - 1]:
            return True
        if i > 1 and words[i - 1] in data.series_conjunctions and feats[i - 2] is not None \
                and words[i - 2] not in data.determiners and words[i] not in data.determiners and not f & feats[i - 2]:
            return True  # "grande et lumineux": two adjectives joined that share no gender and number
        if 0 < i < n - 1 and words[i - 1] in data.etre and words[i + 1] in data.determiners and feats[i + 1] and not f & feats[i + 1]:
            return True  # an inverted subject: "sont arrivé les secours"
        if i > 1 and (words[i - 1] in data.intensifiers or words[i - 1] in data.adverbial_gap) and nouns[i - 2] is not None:
            if words[i] not in data.determiners and not f & nouns[i - 2]:
                return True  # "ces robes trop chers": an attribute after an adverb
        # a predicate: a copula ("est", "a été", "semble très") up to three words before
        for k in range(i - 1, max(-1, i - 4), -1):
            if words[k] in data.etre or words[k].startswith(data.copular_prefixes):
                # the nearest noun or subject pronoun before the verb group is the likely subject
                for j in range(k - 1, max(-1, k - 1 - subject_window), -1):
                    if words[j] in data.etre or words[j] in data.verb_group or nouns[j] is None:
                        continue
                    subject = nouns[j] if words[j] not in data.masculine_predicate_nouns else frozenset({("m", "p")})
                    if j > 0 and words[j - 1] in data.determiners and feats[j - 1]:
                        subject = subject & feats[j - 1] or subject  # "la ministre": the article decides
                    if not f & subject:
                        return True
                    d = j - 1 if j > 0 and words[j - 1] in data.determiners else j
                    if d > 1 and words[d - 1] == data.and_conjunction and not any(num == "p" for _, num in f):
                        return True  # "le courage et la patience sont indispensable": coordinated subjects
                    break
                break
    return False


def _clitic_attribute_possible(words: list[str], feats: list, data: PackData, lang: str) -> bool:
    """An object pronoun, a verb of the pack's ``object_attribute_verbs`` and, up to three words
    on, an adjective that cannot agree with the pronoun ("je les trouve injuste")."""
    from .adverbs import verb_lemmas

    lx = lex(lang)
    for i in range(len(words) - 2):
        if words[i] not in data.object_clitics or not verb_lemmas(words[i + 1], lx) & data.object_attribute_verbs:
            continue
        want = frozenset(expand_pair(*data.object_clitics[words[i]]))
        if any(f is not None and not f & want for f in feats[i + 2 : i + 5]):
            return True
    return False


def _pronominal_participle_possible(words: list[str], data: PackData, lang: str) -> bool:
    """A reflexive pronoun, a form of "être" ("s'est", "se sont", "s'en sont") and, up to two
    words on, a participle that is not masculine singular or a form the lexicon does not know
    (MTQ203: "se sont parlés", "se sont lavées les mains", "se sont succédés")."""
    lx = lex(lang)
    n = len(words)
    for i, w in enumerate(words):
        if w not in data.reflexive:
            continue
        k = i + 1
        while k < n and k <= i + 2 and words[k] not in data.etre:
            k += 1
        if k >= n or words[k] not in data.etre:
            continue
        for p in words[k + 1 : k + 4]:
            if p in data.etre:
                continue
            pf = lx.features(p, "P")
            if pf and ("m", "s") not in pf:
                return True
            if not pf and any(p.endswith(e) and lx.features(p[: -len(e)], "P") for e in data.inflection_endings):
                return True  # a form the lexicon does not know: "succédés"
            if pf:
                break
    return False


def _avoir_participle_possible(words: list[str], data: PackData, lang: str) -> bool:
    """A participle after a finite "avoir" (up to two adverbs between) that is not masculine
    singular, or that follows an object pronoun or a "que" which it may have to agree with
    (MTQ204)."""
    lx = lex(lang)
    asked = bool(words) and (words[0] in data.interrogative_determiners or words[0] == data.interrogative_quantity)
    for i, w in enumerate(words):
        if w not in data.avoir_number:
            if asked and "-" in w and w.split("-")[0] in data.avoir_number:
                return True  # "quelle solution avez-vous retenue": an inverted "avoir" after its object
            continue
        for k in range(i + 1, min(len(words), i + 4)):
            p = words[k]
            if p in data.avoir_invariable and not {lexicon.normalize(a.lemma) for a in lx.analyses(p, "P")} & data.avoir_checked_after_noun:
                break
            pf = lx.features(p, "P")
            if not pf:
                if unlisted_participle(p, data, lx):
                    return True  # "fallus", "voyagés": an agreed form the lexicon lacks
                continue
            if ("m", "s") not in pf:
                return True
            # a masculine singular participle may have to agree with "la", "les" right before
            # "avoir", or with the noun before a "que" when that noun can be other than masculine
            # singular
            if i > 0 and words[i - 1] in data.avoir_object_pronouns:
                return True
            if i > 2 and words[i - 1] == "l'" and any(x in data.determiners for x in words[max(0, i - 7) : i - 2]):
                return True  # "la décision, il l'a prise": "l'" takes up a topic
            for j in range(i - 1, max(-1, i - 7), -1):
                if words[j] in data.relative_que and j > 0:
                    nf = _surface_features(lang, words[j - 1])[1]
                    if nf is not None and nf - {("m", "s")}:
                        return True
                    break
            break
    return False


def agreement_parses(doc: Document, ctx: Context) -> list[Any]:
    """The shared parse of each paragraph where an agreement error is possible at all
    (:func:`might_disagree`); ``None`` for the others, which are not parsed. Cached."""
    return prefiltered_parses(doc, ctx, "agreement-parses", might_disagree)


def prefiltered_parses(doc: Document, ctx: Context, name: str, might: Any, only_wanted: bool = False) -> list[Any]:
    """The shared parse of each paragraph of the target language (or undetermined) whose text
    ``might(text, lang)`` lets through, ``None`` for the others; cached on the document under
    ``name``. With ``only_wanted``, paragraphs that another rule had parsed are ``None`` too."""
    key = (name, doc.target_language)
    if key in doc.cache:
        return doc.cache[key]

    def plan(d: Document) -> list[int]:
        # asked twice of each document (the run's parse ahead, then the rule): tested once
        pk = ("prefilter-plan", name, might, d.target_language)
        got = d.cache.get(pk)
        if got is None:
            got = d.cache[pk] = tuple(
                p.index for p in d.paragraphs
                if p.language in (d.target_language, "und") and might(d.view[p.start : p.end], d.target_language)
            )
        return list(got)

    wanted = plan(doc)
    out = list(ctx.parses(doc, only=wanted, plan=(name, plan))) if wanted else [None] * len(doc.paragraphs)
    if only_wanted:
        keep = set(wanted)
        out = [parsed if i in keep else None for i, parsed in enumerate(out)]
    doc.cache[key] = out
    return out
