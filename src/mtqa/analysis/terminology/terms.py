"""Term normalisation shared by the terminology rules.

Why not the spaCy lemmas: a glossary term has to be normalised out of context ("chair à canon"
alone), where a statistical lemmatiser guesses badly, and the small French model lemmatises
proper nouns, rare words and misspellings unreliably, which are exactly the words terminology
rules look at. A deterministic folding applied identically to the glossary and to the text is
cheaper (no parse), symmetric and predictable:

* ``fold`` maps inflected forms of one word to one key: case folded, elided article dropped
  (``l'Institut`` -> ``institut``), plural and feminine endings rewritten by the language's
  suffix rules (``coréennes`` -> ``coréen``, ``journaux`` -> ``journal``);
* ``skeleton`` further drops accents, hyphens and doubled letters, so spelling variants of one
  word (``canonniers`` / ``cannonniers``, ``e-mail`` / ``email``) share a skeleton.

The per-language data (elided prefixes, connector words of names, suffix rules) is in
:data:`PROFILES`; a language without a profile gets case folding only.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from ...segment import WORD_RE

APOSTROPHES = "'’ʼ"
# after these a word may take a capital by position: a colon, an opening quote or bracket, a dash,
# a bullet (and the start of a paragraph, where ``before`` is empty)
_OPENERS = set(':«"“([—–•|/') | {""}
HYPHENS = "-‐‑"


@dataclass(frozen=True)
class Profile:
    """What the terminology rules need to know about a language's word forms."""

    elisions: frozenset[str] = frozenset()  # prefixes written with an apostrophe (l', qu')
    connectors: frozenset[str] = frozenset()  # small words inside names: "Corée du Sud"
    number: tuple[tuple[str, str], ...] = ()  # plural -> singular suffix rewrites, first match wins
    gender: tuple[tuple[str, str], ...] = ()  # feminine -> masculine suffix rewrites
    min_stem: int = 3  # a rewrite never leaves fewer letters than this
    # words after which a hyphen changes the meaning ("saint Nicolas" the man, "la Saint-Nicolas"
    # the feast), so the hyphenated and the spaced forms are two terms
    hyphen_meaningful: frozenset[str] = frozenset()
    capital_accents: str = ""  # accented capitals that typography may write without the accent


_FR = Profile(
    elisions=frozenset({"l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu"}),
    connectors=frozenset({"de", "du", "des", "d", "la", "le", "les", "l", "et", "pour", "sur", "en", "à", "au", "aux"}),
    number=(("eaux", "eau"), ("aux", "al"), ("s", ""), ("x", "")),
    gender=(("ière", "ier"), ("ère", "er"), ("enne", "en"), ("onne", "on"), ("elle", "el"), ("ette", "et"),
            ("ète", "et"), ("euse", "eur"), ("ive", "if"), ("e", "")),
    hyphen_meaningful=frozenset({"saint", "sainte", "saints", "saintes"}),
    capital_accents="ÉÈÊËÀÂÇÎÏÔÛÙ",
)
_EN = Profile(
    connectors=frozenset({"of", "the", "for", "and", "on", "in", "at", "to"}),
    number=(("ies", "y"), ("s", "")),
)
PROFILES: dict[str, Profile] = {"fr": _FR, "en": _EN}
GENERIC = Profile()


def profile(lang: str | None) -> Profile:
    return PROFILES.get(lang or "", GENERIC)


def name_connectors(lang: str | None) -> frozenset[str]:
    """Small words allowed inside a name: the target language's and English ones (names are
    often left in English in a translated article)."""
    return profile(lang).connectors | _EN.connectors


def strip_accents(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c))


def unify(s: str) -> str:
    """NFC, one apostrophe and one hyphen character."""
    s = unicodedata.normalize("NFC", s)
    for a in APOSTROPHES[1:]:
        s = s.replace(a, "'")
    for h in HYPHENS[1:]:
        s = s.replace(h, "-")
    return s


def elision_length(word: str, prof: Profile) -> int:
    """Length of an elided prefix (``l'``, ``qu'``) at the start of ``word``, apostrophe included."""
    w = unify(word)
    i = w.find("'")
    if 0 < i < len(w) - 1 and w[:i].casefold() in prof.elisions:
        return i + 1
    return 0


def _rewrite(w: str, rules: tuple[tuple[str, str], ...], min_stem: int) -> str:
    for old, new in rules:
        if w.endswith(old) and len(w) - len(old) >= min_stem:
            return w[: len(w) - len(old)] + new
    return w


@lru_cache(maxsize=200_000)
def fold(word: str, lang: str | None = "fr", gender: bool = True) -> str:
    """The key shared by the inflected forms of a word (see the module docstring). With
    ``gender=False`` only number is folded (``personnes`` -> ``personne``), which keeps a
    misspelt feminine (``persone``) apart from the right one."""
    prof = profile(lang)
    w = unify(word)
    w = w[elision_length(w, prof):].casefold()
    if not w.isalpha() and "-" in w:
        return "-".join(fold(p, lang, gender) for p in w.split("-"))
    if len(w) <= prof.min_stem:
        return w
    w = _rewrite(w, prof.number, prof.min_stem)
    return _rewrite(w, prof.gender, prof.min_stem) if gender else w


@lru_cache(maxsize=200_000)
def gender_fold(key: str, lang: str | None = "fr") -> str:
    """A number-folded key with the feminine endings folded too."""
    prof = profile(lang)
    return "-".join(_rewrite(p, prof.gender, prof.min_stem) if len(p) > prof.min_stem else p for p in key.split("-"))


_DOUBLE = re.compile(r"(.)\1+")


@lru_cache(maxsize=200_000)
def skeleton(key: str) -> str:
    """Accents, hyphens, apostrophes, spaces and doubled letters removed from a folded key."""
    s = strip_accents(key)
    s = "".join(c for c in s if c.isalnum())
    return _DOUBLE.sub(r"\1", s)


def deletions(s: str) -> Iterator[str]:
    """Every string one deletion away from ``s``: two strings within one edit (insertion,
    deletion or substitution) share one of these or are one of these of each other."""
    for i in range(len(s)):
        yield s[:i] + s[i + 1 :]


@lru_cache(maxsize=50_000)  # asked again and again of a document's surfaces (drift, names)
def zipf(word: str, lang: str) -> float:
    """wordfreq Zipf frequency of a word (0.0 when unknown or no list for the language)."""
    from .. import langid

    return langid.zipf(unify(word), lang)


@lru_cache(maxsize=None)
def has_frequencies(lang: str) -> bool:
    """Whether wordfreq has a word list for ``lang``: the drift rules tell words from slips by
    frequency and stay silent without one."""
    from ..langid import wordfreq_languages

    return lang in wordfreq_languages()


@dataclass(frozen=True)
class Token:
    """A word of the document: its surface (elided article removed) and exact offsets."""

    start: int
    end: int
    text: str
    key: str  # folded for number only (see fold)
    initial: bool  # first word of its sentence (capitalised by position, not by spelling)
    paragraph: int

    @property
    def capitalised(self) -> bool:
        return self.text[:1].isupper()

    @property
    def all_caps(self) -> bool:
        letters = [c for c in self.text if c.isalpha()]
        return len(letters) > 1 and all(c.isupper() for c in letters)


def tokens(doc, lang: str | None = None) -> list[Token]:
    """The words of a document (cached on it), elided articles cut off."""
    lang = lang or doc.target_language
    ck = ("terminology-tokens", lang)
    if ck in doc.cache:
        return doc.cache[ck]
    starts = {s.start for s in doc.sentences}
    # a sentence may start after opening quotes or a dash: the first word counts as initial
    # (grouped by paragraph once: a long document has thousands of both)
    firsts: dict[int | None, set[int]] = {}
    for s in doc.sentences:
        m = WORD_RE.search(doc.view, s.start, s.end)
        if m:
            firsts.setdefault(s.parent, set()).add(m.start())
    out: list[Token] = []
    for p in doc.paragraphs:
        first_words = firsts.get(p.index, set())
        words = list(WORD_RE.finditer(doc.view, p.start, p.end))
        title_case = _title_case([w.group() for w in words])
        for m in words:
            s = m.start()
            cut, text, key = _word_form(m.group(), lang)
            initial = title_case or s in first_words or s in starts or (
                doc.view[max(p.start, s - 3) : s].rstrip()[-1:] in _OPENERS
            )
            out.append(Token(s + cut, m.end(), text, key, initial, p.index))
    doc.cache[ck] = out
    return out


@lru_cache(maxsize=50_000)
def _word_form(word: str, lang: str | None) -> tuple[int, str, str]:
    """(length of its elided article, the word without it, its number-folded key) of a word as
    :func:`tokens` finds it: asked of every word of every document, the same forms again and again."""
    cut = elision_length(word, profile(lang))
    text = word[cut:]
    return cut, text, fold(text, lang, False)


def _title_case(words: list[str]) -> bool:
    """A line in Title Case (product names, headings): its capitals tell nothing about names."""
    long = [w for w in words if len(w) >= 4]
    return len(long) >= 4 and sum(1 for w in long if w[:1].isupper()) >= 0.75 * len(long)


def term_parts(text: str, lang: str | None) -> list[str]:
    """Folded parts of a term: words split at hyphens and apostrophes, elided articles dropped
    (``l'Union européenne`` -> ``union``, ``européen``)."""
    prof = profile(lang)
    out = []
    for m in WORD_RE.finditer(unify(text)):
        w = m.group()
        w = w[elision_length(w, prof):]
        for part in re.split(r"[-']", w):
            if part:
                out.append(fold(part, lang))
    return out


def earlier(doc, start: int, end: int) -> tuple[str, dict]:
    """Where an earlier form stands: ``line 3, column 5`` for a message, and the ``related``
    field of the issue."""
    line, col = doc.position(start)
    return f"line {line}, column {col}", {"start": start, "end": end, "line": line, "column": col, "text": doc.text[start:end]}
