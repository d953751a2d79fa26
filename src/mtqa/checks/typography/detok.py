"""Detokenisation residue: spaced apostrophes (MTQ601), missing apostrophes (MTQ602), spaces
before commas and points (MTQ603) and spaced hyphens in compounds (MTQ604).

The words come from ``rules/<lang>/typography.yaml``; whether a word begins with a vowel sound
comes from the agreement rules' helpers (lexicon and ``rules/<lang>/aspirated_h.txt``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from ... import lexicon, packs
from ...lint.context import Context
from ...lint.registry import register
from ...lint.rule import Rule
from ...model import Document, Issue, Severity
from ...lang.fr.agreement.common import WORD, apostrophe, lex, vowel_sound

_SP = r"[ \t\u00a0\u202f]"


class TypographyRule(Rule):
    category = "typography"
    severity = Severity.WARNING
    languages = frozenset({"fr"})  # another language needs its pack (typography.yaml)
    requires = frozenset({"lexicon"})


@dataclass(frozen=True)
class TypoData:
    stems: tuple[str, ...]
    only_before: dict[str, frozenset[str]]
    never: frozenset[str]
    clitics: frozenset[str]
    clitic_subjects: frozenset[str]
    compounds: tuple[str, ...]
    letter_nouns: frozenset[str]


@lru_cache(maxsize=None)
def typo_pack(lang: str) -> TypoData:
    raw = packs.load_yaml(lang, "typography.yaml")
    return TypoData(
        stems=tuple(sorted({str(s).lower() for s in raw.get("elided_stems") or []}, key=len, reverse=True)),
        only_before={
            str(k).lower(): frozenset(lexicon.normalize(str(w)) for w in v or [])
            for k, v in (raw.get("missing_apostrophe_only_before") or {}).items()
        },
        never=frozenset(str(s).lower() for s in raw.get("missing_apostrophe_never") or []),
        clitics=frozenset(str(s).lower() for s in raw.get("missing_apostrophe_clitics") or []),
        clitic_subjects=frozenset(lexicon.normalize(str(s)) for s in raw.get("clitic_subjects") or []),
        letter_nouns=frozenset(lexicon.normalize(str(w)) for w in raw.get("letter_nouns") or []),
        compounds=tuple(dict.fromkeys(str(c).replace("’", "'") for c in raw.get("hyphen_compounds") or [])),
    )


@lru_cache(maxsize=None)
def _spaced_re(lang: str) -> re.Pattern[str]:
    stems = "|".join(map(re.escape, typo_pack(lang).stems))
    return re.compile(
        rf"(?<![\w'’\-‐])({stems})(?:{_SP}+(['’]){_SP}*|(['’]){_SP}+)({WORD})", re.I
    )


@lru_cache(maxsize=None)
def _missing_re(lang: str) -> re.Pattern[str]:
    stems = "|".join(map(re.escape, typo_pack(lang).stems))
    return re.compile(rf"(?<![\w'’\-‐.,/@:#&+])({stems}) ({WORD})(?![\w'’@]|\.\w)", re.I)


def _allowed_after(stem: str, word: str, lang: str) -> bool:
    """``word`` may follow the elided ``stem``: the pack's list when it has one for the stem,
    else any word that begins with a vowel sound."""
    only = typo_pack(lang).only_before.get(stem.lower())
    if only is not None:
        return lexicon.normalize(word) in only
    return vowel_sound(word, lang) is not False


@register
class SpacedApostrophe(TypographyRule):
    """An elided word separated from its apostrophe or from the next word by a space.

    What it does
        Flags "l ’ échange", "d ' abord", "qu' il", "l 'avion": an elided word of
        ``rules/<lang>/typography.yaml`` (``elided_stems``) with spaces around its apostrophe,
        before a word that can be elided to. The suggestion glues the three together with the
        apostrophe that was written ("l’échange").

    Why it matters
        Machine-translation systems that tokenise apostrophes and join the tokens back badly leave
        these spaces by the thousand; a reader sees them at once and they break search and
        spell-checking.

    Example
        Flagged: ``Il s ’ agit d ' abord de l ’ échange des données.``
        Flags: ``s ’ agit`` ``d ' abord`` ``l ’ échange``
        Better: ``Il s’agit d'abord de l’échange des données.``

    Options
        None.

    Known limits
        Apostrophes used as quotation marks after a word that is not an elided form ("de 'X'")
        are left alone, and so is an elided word before a consonant (which MTQ211 covers).
    """

    code = "MTQ601"
    name = "spaced-apostrophe"

    def check(self, doc: Document, ctx: Context) -> Iterator[Issue]:
        lang = doc.target_language
        for m in doc.finditer(_spaced_re(lang)):
            stem, word = m.group(1), m.group(4)
            # the apostrophe is written: "s ' agir", "c ' était" need no list, any vowel sound will do
            if stem.lower() in ("s", "c") and vowel_sound(word, lang) is False:
                continue
            if stem.lower() not in ("s", "c") and not _allowed_after(stem, word, lang):
                continue
            apo = m.group(2) or m.group(3)
            fixed = stem + apo + word
            yield self.issue(
                doc, m.start(), m.end(),
                f"Spaces around the apostrophe of '{stem}{apo}': '{fixed}'",
                [fixed],
            )


@register
class MissingApostrophe(TypographyRule):
    """An elided word written without its apostrophe, as a word of its own.

    What it does
        Flags "qu avait", "l avion", "d abord", "n est", "s il", "j ai": an elided word of
        ``rules/<lang>/typography.yaml`` followed by a space and a word with a vowel sound that
        French knows (lexicon or word frequency). "c", "s", "presqu", "aujourd" and "quelqu" are
        flagged only before the words the pack lists for them ("c est", "s il", "aujourd hui").
        The suggestion puts the document's apostrophe back ("qu'avait").

    Why it matters
        Some systems drop apostrophes altogether; "l avion" is unreadable as French.

    Example
        Flagged: ``Il a dit qu il prendrait l avion d abord.``
        Flags: ``qu il`` ``l avion`` ``d abord``
        Better: ``Il a dit qu'il prendrait l'avion d'abord.``

    Options
        None.

    Known limits
        Letters after a number (units: "5 l", "10 m"), letters in lists ("a, b, c et d"), "m" and
        "t" (too often symbols) except as object pronouns between a subject pronoun, "ne" or a
        noun and a finite verb ("il m a dit"), capitalised letters inside a line, web addresses and file names
        are left alone, and so are words French does not know after the letter.
    """

    code = "MTQ602"
    name = "missing-apostrophe"

    def check(self, doc: Document, ctx: Context) -> Iterator[Issue]:
        lang = doc.target_language
        data = typo_pack(lang)
        lx = lex(lang)
        text = doc.view
        apo = apostrophe(doc)
        for m in doc.finditer(_missing_re(lang)):
            stem, word = m.group(1), m.group(2)
            low = stem.lower()
            before = text[max(0, m.start() - 12) : m.start()]
            if low in data.never and not (low in data.clitics and _object_clitic(stem, word, before, data, lang)):
                continue
            if not _allowed_after(stem, word, lang):
                continue
            if vowel_sound(word, lang) is not True and low not in data.only_before:
                continue
            if lexicon.normalize(word) in ("et", "ou"):
                continue  # "a, b, c et d", "l ou"
            if re.search(r"\d" + _SP + r"*$", before):
                continue  # a unit after a number: "5 l et", "10 l eau"
            if re.search(r"(?:^|[\s(])[^\W\d_][,.)]?" + _SP + r"*$", before):
                continue  # a list of letters: "a, b, c", "(a) b"
            prev = re.search(r"([^\W\d_]+)" + _SP + r"+$", before)
            if prev and lexicon.normalize(prev.group(1)) in data.letter_nouns:
                continue  # a letter named: "la lettre l est muette", "le point d est"
            line_start = text.rfind("\n", 0, m.start()) + 1
            at_start = not text[line_start : m.start()].strip() or re.search(r"[.!?:«\"“(]" + _SP + r"*$", before)
            if stem[:1].isupper() and not at_start:
                continue  # a capital letter inside a line: initials, codes ("L A", "Vitamine D et")
            if len(stem) > 1 and stem.isupper():
                continue
            key = lexicon.normalize(word)
            if word[:1].islower() and key not in lx and not _known(key, lang):
                continue
            if word[:1].isupper() and (word.isupper() or not _known(key, lang, 1.0)):
                continue
            fixed = stem + apo + word
            yield self.issue(
                doc, m.start(), m.end(),
                f"'{stem}' is an elided word and needs its apostrophe: '{fixed}'",
                [fixed],
            )


def _object_clitic(stem: str, word: str, before: str, data: TypoData, lang: str) -> bool:
    """"m"/"t" as an object pronoun: a lower-case letter after a subject pronoun, "ne" or a
    lower-case noun, before a finite verb ("il m a dit", "le film m a plu")."""
    if not stem.islower() or not lexicon.verbs(lang).analyses(word.lower()):
        return False
    prev = re.search(r"([^\W\d_]+)" + _SP + r"+$", before)
    if prev is None:
        return False
    key = lexicon.normalize(prev.group(1))
    if key in data.clitic_subjects:
        return True
    return prev.group(1).islower() and key not in data.letter_nouns and any(a.cat == "N" for a in lex(lang).analyses(key))


@lru_cache(maxsize=8192)
def _known(word: str, lang: str, floor: float = 2.5) -> bool:
    from ...analysis.langid import zipf

    return zipf(word, lang) >= floor


_BEFORE_PUNCT = re.compile(r"(?:(?<=[^\W\d_])|(?<=[)\]»\"”]))(" + _SP + r"+)([,.])(?=[ \t\n]|$)(?![ \t]+\.)")


@register
class SpaceBeforePunctuation(TypographyRule):
    """A space before a comma or a full stop.

    What it does
        Flags the spaces between a word (or a closing bracket or quotation mark) and the comma or
        full stop after it ("briller , mais", "l'alimentation ."), and suggests the mark alone.
        French spaces before ";", ":", "!", "?" and "»" are correct and left alone.

    Why it matters
        Spaced commas and points are the commonest residue of tokenised machine translation, and
        a line break may fall before them.

    Example
        Flagged: ``Les joueurs peuvent briller , mais la victoire reste loin .``
        Better: ``Les joueurs peuvent briller, mais la victoire reste loin.``

    Options
        None.

    Known limits
        A space after a digit ("3 , 5") is left alone (it may be a spaced decimal or a list), and
        so are ellipses and points that begin an extension or an abbreviation (".com", ".NET").
    """

    code = "MTQ603"
    name = "space-before-punctuation"
    requires = frozenset()

    def check(self, doc: Document, ctx: Context) -> Iterator[Issue]:
        for m in doc.finditer(_BEFORE_PUNCT):
            mark = m.group(2)
            name = "comma" if mark == "," else "full stop"
            yield self.issue(
                doc, m.start(), m.end(),
                f"No space before a {name}: '{mark}'",
                [mark],
            )


@lru_cache(maxsize=None)
def _hyphen_re(lang: str) -> re.Pattern[str]:
    alts = []
    for c in sorted(typo_pack(lang).compounds, key=len, reverse=True):
        parts = [re.escape(p).replace("'", "['’]") for p in c.split("-")]
        alts.append(rf"{_SP}*[-‐]{_SP}*".join(parts))
    return re.compile(r"(?<![\w\-‐'’])(?:" + "|".join(alts) + r")(?![\w\-‐])", re.I)


@register
class SpacedHyphen(TypographyRule):
    """A hyphenated compound whose hyphen detokenisation has spaced out.

    What it does
        Flags the compounds of ``rules/<lang>/typography.yaml`` (``hyphen_compounds``: "moi-même",
        "peut-être", "c'est-à-dire", "a-t-il", ...) written with spaces around a hyphen ("moi -
        même", "peut - être"), and suggests the compound.

    Why it matters
        Tokenised output splits compounds at their hyphens; spaced, the hyphen reads as a dash and
        the sentence falls apart.

    Example
        Flagged: ``Il l'a fait lui - même , peut - être trop vite.``
        Flags: ``lui - même`` ``peut - être``
        Better: ``Il l'a fait lui-même, peut-être trop vite.``

    Options
        None.

    Known limits
        Only the listed compounds are known; "même si" after a dash ("moi - même si ...") is left
        alone, since the dash may open an aside.
    """

    code = "MTQ604"
    name = "spaced-hyphen"
    requires = frozenset()

    def check(self, doc: Document, ctx: Context) -> Iterator[Issue]:
        text = doc.view
        for m in doc.finditer(_hyphen_re(doc.target_language)):
            found = m.group(0)
            if not re.search(_SP + r"[-‐]|[-‐]" + _SP, found):
                continue  # written correctly
            fixed = re.sub(_SP + r"*([-‐])" + _SP + r"*", r"\1", found)
            if fixed.lower().endswith(("même", "mêmes")) and re.match(_SP + r"+(si|que)\b", text[m.end() : m.end() + 6], re.I):
                continue  # "moi - même si": a dash before "même si"
            yield self.issue(
                doc, m.start(), m.end(),
                f"Spaces around the hyphen of '{fixed}'",
                [fixed],
            )
