"""Which content words of a German source segment its French translation renders.

The omission rule anchors a source and its translation by names and numbers; most segments have
few of them. Content words anchor every segment: a German noun, verb, adjective or adverb that
the bilingual lexicon (:mod:`mtqa.analysis.bilingual`) knows is *rendered* when the French
segment holds one of its translations, a word that shares its stem (``Migranten`` /
``migrants``, ``Frequenzen`` / ``fréquences``: a cognate, or the word itself kept), or a
derivative of one of its translations (``installation`` for ``installé``). A word that none of
these finds is *unrendered*: an omission, or a paraphrase, or a gap of the lexicon; the rule
decides which from the rest of the segment.

Left out, as anchors that tell little: names of the source (:func:`source_names`, the name
rule's business), numbers, words shorter than four letters, very frequent words (auxiliaries,
modal verbs, ``gut``, ``sehr``, ``immer``: Zipf ``FREQUENT`` or more in German), and words the
lexicon does not know.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache

from ..segment import WORD_RE
from . import bilingual
from .bilingual import fold_fr
from .frequencies import zipf
from .source_names import fold, folded_list, source_names

FREQUENT = 5.6  # Zipf frequency (German) from which a word is too common to anchor anything
MIN_LETTERS = 4
STEM = 5  # letters a cognate or a derivative must share with the word it stands for
STEM_SHARE = 0.7  # ... and this share of the shorter of the two
SIMILAR = 0.8  # or the share of letters two words of the same length and beginning must share


@dataclass(frozen=True)
class SourceWord:
    """A content word of the source, with what the lexicon says of it."""

    text: str
    start: int
    end: int
    pos: str
    translations: tuple[str, ...]
    head: bool  # the translations are those of a compound's head
    parts: tuple[tuple[str, tuple[str, ...]], ...]  # a compound's other parts: (lemma, translations)


@dataclass(frozen=True)
class Rendering:
    word: SourceWord
    rendered: bool
    how: str  # "translation", "stem" (a cognate or the word kept), "derivative", or "" when unrendered
    parts_unrendered: tuple[str, ...] = ()  # lemmas of the compound's other parts that nothing renders


_HYPHEN = re.compile(r"[-‐]")


def _fold_cognate(s: str) -> str:
    """A German or French word folded for a stem comparison: case, accents, umlauts, ``ß``,
    and the spellings German gives to French ``c`` (``k``, ``z``: ``Komplett``, ``Frequenz``)."""
    return fold(s).replace("ss", "s").replace("k", "c").replace("z", "c")


def _shared(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return n


def _stem_match(a: str, b: str) -> bool:
    """Two folded words of one stem: a long common beginning (``migranten`` / ``migrants``), or
    nearly the same letters from the same first three (``center`` / ``centre``)."""
    n = _shared(a, b)
    if n >= STEM and n >= STEM_SHARE * min(len(a), len(b)):
        return True
    return n >= 3 and min(len(a), len(b)) >= STEM and abs(len(a) - len(b)) <= 2 and _similar(a, b)


@lru_cache(maxsize=65536)
def _similar(a: str, b: str) -> bool:
    return SequenceMatcher(None, a, b).ratio() >= SIMILAR


@lru_cache(maxsize=65536)
def _lookup(word: str, lang: str) -> SourceWord | None:
    if len(word) < MIN_LETTERS or not word.isalpha():
        return None
    if zipf(word, "de") >= FREQUENT or zipf(word.lower(), "de") >= FREQUENT:
        return None
    found = bilingual.lookup(word, lang)
    if found is None or not found.translations:
        return None
    parts = tuple((e.lemma, e.translations) for e in found.parts if e.translations)
    return SourceWord(word, 0, 0, found.pos, found.translations, found.head, parts)


_NEXT_WORDS = re.compile(r"\s+([^\W\d_]+)(?:\s+([^\W\d_]+))?")


def _determiner(src: str, m: re.Match[str], found: SourceWord, lang: str) -> bool:
    """A German determiner that the lexicon also reads as a verb (``meinen``, ``meine``: the
    possessive, or the verb "to mean") stands before a noun: a capitalised word follows, at once
    or after one lower-case word (an adjective: ``meinen großen Dank``). The polite pronouns
    (``was meinen Sie``) are no noun (``rules/<lang>/source_polite_pronouns.txt``)."""
    word = m.group()
    if found.pos != "VERB" or not word.islower() or fold(word) not in folded_list(lang, "source_determiners.txt"):
        return False
    nxt = _NEXT_WORDS.match(src, m.end())
    if not nxt:
        return False
    polite = folded_list(lang, "source_polite_pronouns.txt")
    first, second = nxt.group(1), nxt.group(2)
    if first[0].isupper():
        return fold(first) not in polite
    return (bool(second) and second[0].isupper() and fold(second) not in polite and len(first) >= 4
            and fold(first) not in folded_list(lang, "source_determiners.txt"))


def source_words(src: str, lang: str = "fr") -> list[SourceWord]:
    """The content words of a German segment that the lexicon knows, in order; the parts of a
    hyphenated word each on its own. Names and frequent words are left out (module docstring),
    and so is a determiner the lexicon also knows as a verb (:func:`_determiner`)."""
    names = source_names(src, lang)
    taken = [(n.start, n.end) for n in names]
    out = []
    for m in WORD_RE.finditer(src):
        pos = m.start()
        for part in _HYPHEN.split(m.group()):
            a, b = pos, pos + len(part)
            pos = b + 1
            if any(s < b and a < e for s, e in taken):
                continue
            found = _lookup(part, lang)
            if found is not None and not (part == m.group() and _determiner(src, m, found, lang)):
                out.append(SourceWord(found.text, a, b, found.pos, found.translations, found.head, found.parts))
    return out


class Target:
    """A French segment made ready for the questions of :func:`renderings`."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.french = bilingual.French(text)
        folded = [_fold_cognate(x) for x in re.findall(r"[^\W\d_]+", text)]
        self.kept = frozenset(folded)
        self.words = [w for w in folded if len(w) >= 4]

    def has_stem(self, word: str) -> bool:
        """The target keeps the word (``Mauss``) or a word of the same stem (``migrants``)."""
        k = _fold_cognate(word)
        return k in self.kept or len(k) >= STEM and any(_stem_match(k, w) for w in self.words)

    def has_derivative(self, translations: tuple[str, ...]) -> bool:
        for t in translations:
            if " " in t.strip() or len(t) < STEM:
                continue
            k = _fold_cognate(t)
            if any(_stem_match(k, w) for w in self.words):
                return True
        return False

    def renders(self, translations: tuple[str, ...]) -> bool:
        return bool(self.french.find(translations))


def stem_anchors(src: str, target: Target) -> list[str]:
    """The words of a source text (a clause), content words the lexicon knows or not, that the
    target keeps or renders by a word of the same stem (``Frequenz`` / ``fréquence``,
    ``Ségur``); frequent words and words under five letters aside."""
    out = []
    for m in WORD_RE.finditer(src):
        for part in _HYPHEN.split(m.group()):
            if len(part) < STEM or not part.isalpha() or zipf(part.lower(), "de") >= FREQUENT:
                continue
            if target.has_stem(part):
                out.append(part)
    return out


def render(word: SourceWord, target: Target) -> Rendering:
    """Whether the target renders one source word, and how (see the module docstring)."""
    if target.renders(word.translations):
        how = "translation"
    elif target.has_stem(word.text):
        how = "stem"
    elif target.has_derivative(word.translations):
        how = "derivative"
    else:
        how = ""
    lost = tuple(
        lemma for lemma, trs in word.parts
        if not (target.renders(trs) or target.has_stem(lemma) or target.has_derivative(trs))
    )
    return Rendering(word, bool(how), how, lost)


def renderings(src: str, target: str | Target, lang: str = "fr") -> list[Rendering]:
    """Each content word of the source (:func:`source_words`) with whether the target renders it."""
    t = target if isinstance(target, Target) else Target(target)
    return [render(w, t) for w in source_words(src, lang)]


def mostly_rendered(src: str, target: str, lang: str = "fr") -> bool:
    """The target renders most of the source's content words, two at least."""
    done = [r.rendered for r in renderings(src, target, lang)]
    return sum(done) >= 2 and sum(done) > len(done) / 2


def moved(words: list[SourceWord], neighbours: list[tuple[str, str]], lang: str = "fr") -> set[str]:
    """The texts of ``words`` (content words of one line's source) that a neighbouring line's
    target renders while that line's own source lacks them: content the translator moved to
    the line beside. ``neighbours`` are (source, target) pairs."""
    out: set[str] = set()
    for src, target in neighbours:
        t = Target(target)
        own = {w.text.casefold() for w in source_words(src, lang)}
        out.update(w.text for w in words if w.text.casefold() not in own and render(w, t).rendered)
    return out


_CAPITALISED = re.compile(r"\s+([A-ZÄÖÜ][^\W\d_]+(?:-[^\W\d_]+)*)")


@dataclass(frozen=True)
class DroppedRole:
    """A source noun before a name (``Bundestrainer Henk Groener``) that the target leaves out."""

    word: SourceWord
    name: str  # the name after it, as the source writes it


def _name_after(src: str, end: int, names, target: Target, toks, folded: str, lang: str) -> str | None:
    """The name that follows the source word ending at ``end`` when the target keeps it: a name
    of the source-name analysis, or a capitalised word the target writes as it is (``Henk``) and
    the lexicon does not know."""
    from .source_names import kept

    m = _CAPITALISED.match(src, end)
    if not m or m.group(1).isupper():
        return None  # an acronym or a word in capitals: a label ("Regel MONDIAL", "Agentur AFP")
    word = m.group(1)
    found = next((n for n in names if n.start == m.start(1)), None)
    if found is not None:
        if found.text.endswith("s") and word not in target.text:
            return None  # a genitive ("in den Tiefen Amerikas"): the noun is no title
        if not kept(found, toks, folded, lang):
            return None
        if found.end > m.end(1):
            return found.text
    elif len(word) < 3 or bilingual.lookup(word, lang) is not None or fold(word) in folded_list(lang, "source_determiners.txt"):
        return None
    elif not _verbatim(word, target.text):
        return None
    while (more := _CAPITALISED.match(src, m.end())) and _verbatim(more.group(1), target.text):
        word, m = f"{word} {more.group(1)}", more  # the rest of the name ("Henk Groener")
    return word


def _verbatim(word: str, text: str) -> bool:
    return re.search(rf"(?<![^\W\d_]){re.escape(word)}(?![^\W\d_])", text) is not None


_LAST_WORD = re.compile(r"([^\W\d_]+(?:-[^\W\d_]+)*['’]?)\s*$")


def _noun_before(target: str, name: str, lang: str) -> bool:
    """In the target, a common noun stands before the name (``l'arrêt Selb-Nord``, ``le dépôt de
    Leipzig``, ``la capitaine Emily``), past articles, ``de`` and adjectives: the source's noun
    is there, translated by another word than the lexicon's. False when the name is not found
    as written, or a verb, a preposition or a courtesy title stands before it (``a déclaré Henk
    Groener``, ``Mme Klara Geywitz``)."""
    from .. import lexicon, packs

    first = WORD_RE.findall(name)
    m = re.search(rf"(?<![^\W\d_]){re.escape(first[0])}(?![^\W\d_])", target) if first else None
    if not m or not lexicon.available(lang):
        return False
    lex = lexicon.load(lang)
    fw = packs.load_yaml(lang, "function_words.yaml") or {}
    articles = {fold_fr(x) for x in fw.get("determiners", [])} | {"de", "d'", "du", "des"}
    others = {fold_fr(x) for k, v in fw.items() if k != "determiners" and isinstance(v, list) for x in v}
    adjectives = 0
    before = target[: m.start()]
    while (last := _LAST_WORD.search(before)):  # word by word back, up to a punctuation mark
        w, before = last.group(1), before[: last.start()]
        f = fold_fr(w.replace("’", "'"))
        if f in articles:
            continue
        if not w.islower() or len(w) < 3 or f in others:
            return False
        if lex.analyses(w, "N"):
            return True
        if lex.analyses(w, "A") and not lex.analyses(w, "P") and adjectives < 2:
            adjectives += 1
            continue
        return False
    return False


def _lemma(word: str, lang: str) -> str:
    found = bilingual.lookup(word, lang)
    return found.entries[0].lemma if found is not None and not found.head else word


def _sentence_start(src: str, start: int) -> bool:
    before = src[:start].rstrip(" \t\"'„“”«»‚‘(")
    return not before or before[-1] in ".!?:;•–-"


def _in_hyphenated(src: str, start: int, end: int) -> bool:
    return (start > 0 and src[start - 1] in "-‐") or (end < len(src) and src[end] in "-‐")


def dropped_roles(src: str, target: str | Target, lang: str = "fr") -> list[DroppedRole]:
    """The source's nouns written just before a name (a role, a title, an apposition:
    ``Bundestrainer Henk Groener``, ``gegen Gastgeber Spanien``) where the target keeps the name
    but renders neither the noun nor, for a compound, any of its parts (:func:`render`). Nouns
    that French leaves unsaid before a name (``Firma``, ``Stadt``, ``Herr``:
    ``rules/<lang>/source_name_generics.txt``) are left alone."""
    from .source_names import target_index

    t = target if isinstance(target, Target) else Target(target)
    words = [w for w in source_words(src, lang) if w.pos == "NOUN" and w.text[:1].isupper()]
    if not words:
        return []
    names = source_names(src, lang)
    toks, folded = target_index(t.text)
    generic = folded_list(lang, "source_name_generics.txt")
    out = []
    for w in words:
        if w.text.isupper() or _sentence_start(src, w.start) or _in_hyphenated(src, w.start, w.end):
            continue  # "Liebe Mama": an adjective with its capital; "Dritte-Reihe-Stürmer": a part
        lemma = fold(_lemma(w.text, lang))
        if lemma in generic or any(lemma.endswith(g) for g in generic if len(g) >= 4):
            continue
        if any(n.end <= w.start and re.fullmatch(r"\s*", src[n.end : w.start]) for n in names):
            continue  # after a name: a word of the name ("MHP Riesen Ludwigsburg")
        name = _name_after(src, w.end, names, t, toks, folded, lang)
        if name is None:
            continue
        r = render(w, t)
        if r.rendered or len(r.parts_unrendered) < len(w.parts):
            continue  # the noun, or a part of the compound (Olympia- / olympique), is there
        if _noun_before(t.text, name, lang):
            continue  # another noun stands before the name: the role translated otherwise
        out.append(DroppedRole(w, name))
    return out
