"""Invariable adjectives written as if they agreed (MTQ205): colour nouns used as adjectives,
compound colours and invariable adjectival phrases after a noun."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from ... import lexicon
from ...lint.context import Context
from ...lint.registry import register
from ...model import Document, Issue
from ...lang.fr.agreement.adverbs import adverbial_misagreement
from ...lang.fr.agreement.common import WORD, AgreementRule, PackData, lex, pack

_WORD_RE = re.compile(r"(?<![\w'’\-‐])(" + WORD + r")(?![\w'’])")
_GAP = re.compile(r"[ \t\u00a0]+")


def _noun_before(words: list[re.Match[str]], i: int, text: str, data: PackData, lx: lexicon.Lexicon) -> bool:
    """Word ``i - 1`` is a lower-case noun directly before word ``i`` (only spaces between), not
    a determiner or a preposition ("des yeux marron", not "des marrons" or "jus d'oranges")."""
    if i == 0:
        return False
    prev = words[i - 1]
    if not _GAP.fullmatch(text[prev.end() : words[i].start()]):
        return False
    w = prev.group(1)
    key = lexicon.normalize(w)
    if not w.islower() or key in data.determiners or key in data.function_words:
        return False
    return bool(lx.analyses(w, "N"))


@lru_cache(maxsize=50_000)  # asked of every word, for every phrase of the pack
def _base(word: str, lx: lexicon.Lexicon, nouns: frozenset[str] = frozenset()) -> str:
    """The masculine singular of an adjective form, or the singular of a noun of ``nouns``
    ("citrons" -> "citron"); the word itself when the lexicon has no other."""
    low = word.lower()
    if low[-1:] in ("s", "x") and low[:-1] in nouns:
        return low[:-1]
    new = lx.inflect(word, "m", "s", cats="A")
    return new.lower() if new else low


def _matches(w: str, part: str, lx: lexicon.Lexicon) -> bool:
    """The lower-case word ``w`` is ``part`` of an invariable phrase, or an agreeing form of it."""
    sing = w[:-1] if w[-1:] in ("s", "x") else w
    return w == part or sing == part or sing.rstrip("e") == part.rstrip("e") or _base(w, lx) == part


class _PhraseIndex:
    """The invariable phrases of a pack by their first word (as written, and without its final
    e), so that a word is compared only with the phrases it may start."""

    def __init__(self, phrases: list[list[str]]) -> None:
        self.phrases = phrases
        self.by_word: dict[str, list[int]] = {}
        self.by_stem: dict[str, list[int]] = {}
        self._starting: dict[tuple[str, lexicon.Lexicon], list[list[str]]] = {}
        for k, parts in enumerate(phrases):
            self.by_word.setdefault(parts[0], []).append(k)
            self.by_stem.setdefault(parts[0].rstrip("e"), []).append(k)

    def starting(self, first: str, lx: lexicon.Lexicon) -> list[list[str]]:
        """The phrases, in pack order, whose first word ``first`` may be (see :func:`_matches`);
        memoised per word form (asked of every lower-case word of a document)."""
        key = (first, lx)
        got = self._starting.get(key)
        if got is None:
            if len(self._starting) > 50_000:
                self._starting.clear()
            sing = first[:-1] if first[-1:] in ("s", "x") else first
            found = {
                *self.by_word.get(first, ()), *self.by_word.get(sing, ()),
                *self.by_stem.get(sing.rstrip("e"), ()), *self.by_word.get(_base(first, lx), ()),
            }
            got = self._starting[key] = [self.phrases[k] for k in sorted(found)]
        return got


@lru_cache(maxsize=8)
def _phrase_index(phrases: tuple[str, ...]) -> _PhraseIndex:
    """The index of a pack's invariable phrases, made once per pack rather than per document."""
    return _PhraseIndex([p.split() for p in phrases])


@register
class InvariableAdjective(AgreementRule):
    """An invariable adjective (colour noun, compound colour, fixed phrase) written as agreeing.

    What it does
        After a noun, flags colour nouns used as adjectives with a plural ending ("des yeux
        marrons" -> "marron", "des vestes kakis"), compound colours whose words agree ("des
        robes bleues claires" -> "bleu clair", "une voiture verte foncée" -> "vert foncé", "des
        vestes gris-bleues" -> "gris-bleu") and
        invariable phrases that agree ("des produits bons marchés" -> "bon marché", "des
        téléphones hauts de gamme"), and adjectives used as adverbs after the verbs that make
        adverbs of them ("ces billets coûtent chers" -> "cher", "elles chantent fausses" ->
        "faux"; ``adverbial_verbs``). The words come from ``rules/<lang>/agreement.yaml``
        (``colour_nouns``, ``colour_words``, ``colour_modifiers``, ``invariable_phrases``); the
        invariable form is the phrase's own.

    Why it matters
        These adjectives are invariable in French usage; "des chaussures marrons" or "des
        rideaux bleus foncés" read as mistakes to an editor, and machine translation inflects them
        as it would any adjective.

    Example
        Flagged: ``Elle porte des bottes marrons et une écharpe verte foncée.``
        Flags: ``marrons`` ``verte foncée``
        Better: ``Elle porte des bottes marron et une écharpe vert foncé.``

    Options
        None.

    Known limits
        Only right after a noun: after a determiner the word is a noun ("des marrons chauds",
        "les oranges"). "rose", "mauve", "pourpre", "fauve", "écarlate" agree and are not colour
        nouns here; "orange" and "marron" are also nouns of fruit, so a plural after a plural
        noun of fruit ("des glaces citrons") is flagged as well, which is right for usage. An
        adverbial adjective is checked only right after its verb (adverbs of ``adverbial_gap``
        between) and not after a reflexive pronoun ("elles se sentent fortes" is an attribute),
        except for the verbs of ``adverbial_reflexive`` ("elles se sont arrêtées net").
    """

    code = "MTQ205"
    name = "invariable-adjective"

    def check(self, doc: Document, ctx: Context) -> Iterator[Issue]:
        lang = doc.target_language
        data, lx = pack(lang), lex(lang)
        text = doc.view
        phrases = _phrase_index(data.invariable_phrases)
        nouns = data.colour_nouns | data.colour_modifiers  # once: _base is memoised on it
        for p in doc.paragraphs:
            words = list(_WORD_RE.finditer(text, p.start, p.end))
            skip_to = -1
            for i, m in enumerate(words):
                if i <= skip_to:
                    continue
                w = m.group(1)
                if not w.islower():
                    continue
                key = lexicon.normalize(w)
                # invariable phrases: "bons marchés", "hauts de gamme"
                hit = self._phrase(words, i, text, phrases, lx)
                if hit is not None and _noun_before(words, i, text, data, lx):
                    end, fixed = hit
                    written = text[m.start() : words[end].end()]
                    if written.lower() != fixed:
                        skip_to = end
                        yield self.issue(
                            doc, m.start(), words[end].end(),
                            f"'{fixed}' is invariable: '{written}' -> '{fixed}'", [fixed],
                        )
                        continue
                # hyphenated compound colours: "gris-bleues", "bleus-verts"
                parts = re.split(r"[\-‐]", w) if ("-" in w or "‐" in w) else (w,)
                if len(parts) > 1 and all(parts) and _noun_before(words, i, text, data, lx):
                    colours = data.colour_words | data.colour_nouns
                    nouns = data.colour_nouns | data.colour_modifiers
                    bases = [_base(x, lx, nouns) for x in parts]
                    if bases[0] in colours and all(b in colours or b in data.colour_modifiers for b in bases[1:]):
                        fixed = "-".join(bases)
                        if fixed != re.sub(r"‐", "-", w.lower()):
                            yield self.issue(
                                doc, m.start(), m.end(), f"A compound colour is invariable: '{fixed}'", [fixed],
                            )
                            continue
                # compound colours: "bleues claires", "verte foncée"
                if i + 1 < len(words) and _GAP.fullmatch(text[m.end() : words[i + 1].start()]):
                    w2 = words[i + 1].group(1)
                    b1, b2 = _base(w, lx, nouns), _base(w2, lx, nouns)
                    if (b1 in data.colour_words or b1 in data.colour_nouns) and (
                        b2 in data.colour_modifiers or b2 in data.colour_words or b2 in data.colour_nouns
                    ) and w2.islower():
                        if _noun_before(words, i, text, data, lx) and (w.lower() != b1 or w2.lower() != b2):
                            fixed = f"{b1} {b2}"
                            skip_to = i + 1
                            yield self.issue(
                                doc, m.start(), words[i + 1].end(),
                                f"A compound colour is invariable: '{fixed}'", [fixed],
                            )
                            continue
                # adjectives used as adverbs: "coûtent chers", "chantent fausses"
                adv = adverbial_misagreement(words, i, text, data, lx)
                if adv is not None:
                    fixed, verb = adv
                    fixed = w[:1] + fixed[1:] if w[:1].isupper() else fixed
                    yield self.issue(
                        doc, m.start(), m.end(),
                        f"'{fixed}' is an adverb after '{verb}' and stays invariable: '{fixed}'", [fixed],
                    )
                    continue
                # colour nouns used as adjectives: "marrons", "kakis"
                if key.endswith("s") and key[:-1] in data.colour_nouns and _noun_before(words, i, text, data, lx):
                    prev = words[i - 1].group(1)
                    if not any(n == "p" for _, n in lx.features(prev, "N")):
                        continue
                    fixed = w[:-1]
                    yield self.issue(
                        doc, m.start(), m.end(),
                        f"'{fixed}', a noun used as a colour adjective, is invariable: '{fixed}'", [fixed],
                    )

    @staticmethod
    def _phrase(words: list[re.Match[str]], i: int, text: str, phrases: _PhraseIndex, lx: lexicon.Lexicon) -> tuple[int, str] | None:
        """(index of its last word, invariable form) of an invariable phrase written at word ``i``."""
        first = words[i].group(1).lower()
        for parts in phrases.starting(first, lx):
            end = i + len(parts) - 1
            if end >= len(words):
                continue
            ok = True
            for k, part in enumerate(parts):
                w = words[i + k].group(1).lower()
                if k and not _GAP.fullmatch(text[words[i + k - 1].end() : words[i + k].start()]):
                    ok = False
                    break
                if not _matches(w, part, lx):
                    ok = False
                    break
            if ok:
                return end, " ".join(parts)
        return None
