"""Source terms of a document and their renderings, segment by segment (MTQ330's alignment).

A *source term* is a German noun of an aligned segment, looked up as a whole when the bilingual
lexicon knows it (``Rennrad``), else by the head of its compound (``Innenkissen`` -> ``Kissen``,
``Kirschkern-Kissen`` -> ``Kissen``). Its *renderings* in the French segment are the French nouns
that are translations of it (the lexicon's; a translation of several words by its first word,
``vélo`` of ``vélo de course``) or cognates of it (``Batterie`` / ``batterie``), each with the
complement that follows it when the term is a compound or its translation has several words:
``pompe à ventilateur`` and ``pompe du ventilateur`` for ``Lüfterpumpe``, ``poutre centrale``
for ``Mittelbalken``, ``vélo de route`` for ``Rennrad``.

The lexicon is given as a function (:data:`Lookup`), so the alignment holds no vocabulary of
its own: it reads the French lexicon's parts of speech and the small words of
``rules/<lang>/terminology.yaml`` (``term_prepositions``, ``term_articles``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ... import packs
from ...segment import WORD_RE
from .terms import fold, strip_accents, tokens


@dataclass(frozen=True)
class Entry:
    """What a bilingual lexicon says of a German noun: the lemma it was found under (the whole
    word, or the head of the compound), its French translations (lemmas, maybe several words),
    and whether that lemma is the head of a compound rather than the word itself."""

    lemma: str
    translations: tuple[str, ...]
    head: bool = False


Lookup = Callable[[str], "Entry | None"]


@dataclass(frozen=True)
class SourceTerm:
    """One German noun of a segment."""

    text: str  # as written (``Kirschkern-Kissen``)
    key: str  # the term compared across segments: the lexicon lemma, accents folded (``kissen``)
    compound: str  # the whole word, folded (``kirschkernkissen``): phrases are compared within it
    phrasal: bool  # a compound: its French rendering may take a complement that renders its first part
    heads: frozenset[str]  # the first words of its translations, accents folded
    phrases: frozenset[tuple[str, ...]] = frozenset()  # its translations of several words, folded, small words aside
    lemma: str = ""  # the lexicon lemma as written (``Kissen``)
    at: float = 0.0  # where it stands in its segment, from 0 (start) to 1 (end)


@dataclass(frozen=True)
class Rendering:
    """A French noun rendering a source term, with its complement when the term is phrasal."""

    head: str  # the French head noun's lemma, accents folded (``pompe``)
    start: int
    end: int  # end of the whole rendering (head and complement)
    complement: tuple[str, str, str] | None = None  # (preposition, article, noun) or ("", "", adjective)
    lexical: bool = True  # a translation the lexicon gives, not only a cognate
    word: str = ""  # the head noun as written


def key(s: str) -> str:
    return strip_accents(s.casefold())


def stem(word: str) -> str:
    """A German noun without hyphens, accents and its inflection ending (``Kirschkern-Kissens`` ->
    ``kirschkernkissen``, ``Lüfterpumpen`` -> ``lufterpump``)."""
    w = key(word.replace("-", ""))
    for e in ("en", "es", "er", "e", "n", "s"):
        if w.endswith(e) and len(w) - len(e) >= 5:
            return w[: -len(e)]
    return w


def source_terms(src: str, lookup: Lookup, min_length: int = 4) -> list[SourceTerm]:
    """The German nouns of a source segment that the lexicon knows, whole or by their head:
    capitalised words (German writes every noun so), a hyphenated compound by its last part."""
    out = []
    for m in WORD_RE.finditer(src):
        w = m.group().replace("‐", "-")
        letters = [c for c in w if c.isalpha()]
        if len(letters) < min_length or not w[:1].isupper() or all(c.isupper() for c in letters):
            continue  # not a noun, or an acronym
        named = False
        if "-" in w:
            first_part, last = w.rsplit("-", 1)
            if len(last) < min_length or not last[:1].isupper() or not last.isalpha():
                continue
            entry = lookup(last)
            if entry is None or entry.head:
                continue  # a hyphenated compound whose last part is itself a compound: too far from its head
            # a name or an acronym before the hyphen ("Fenix-Leuchten", "SGE-Trainer") leaves the
            # noun itself: French writes it "les lampes Fenix", with the name as it is
            named = lookup(first_part.rsplit("-", 1)[-1]) is None
            phrasal = not named
        else:
            if not w.isalpha():
                continue
            entry = lookup(w)
            if entry is None:
                continue
            phrasal = entry.head
        if not entry.translations or len(entry.lemma) < min_length:
            continue  # a head too short to trust ("Erwärmen" read as "Arm")
        heads = frozenset(key(WORD_RE.findall(t)[0]) for t in entry.translations if WORD_RE.findall(t))
        preps, arts = _small_words("fr")
        phrases = frozenset(
            tuple(key(fold(x, "fr", False)) for x in WORD_RE.findall(t) if x.casefold() not in preps | arts)
            for t in entry.translations if len(WORD_RE.findall(t)) > 1
        )
        # the whole word's form: its lemma when the lexicon knows it, else the compound without
        # its inflection ending ("Vulkanausbruchs" -> "vulkanausbruch")
        whole = key(entry.lemma) if named or "-" not in w and not entry.head else stem(w)
        at = m.start() / max(1, len(src))
        out.append(SourceTerm(w, key(entry.lemma), whole, phrasal, heads, phrases, entry.lemma, at))
    return out


@packs.pack_cache
def _small_words(lang: str) -> tuple[frozenset[str], frozenset[str]]:
    data = packs.load_yaml(lang, "terminology.yaml")
    preps = frozenset(str(w).casefold() for w in data.get("term_prepositions") or ())
    arts = frozenset(str(w).casefold() for w in data.get("term_articles") or ())
    return preps, arts


def paragraph_tokens(doc) -> dict[int, list]:
    """The document's words (:func:`tokens`) by paragraph, cached on the document."""
    ck = ("terminology-paragraph-tokens", doc.target_language)
    if ck not in doc.cache:
        out: dict[int, list] = {}
        for t in tokens(doc, doc.target_language or "fr"):
            out.setdefault(t.paragraph, []).append(t)
        doc.cache[ck] = out
    return doc.cache[ck]


def noun_lemmas(word: str, lex) -> set[str]:
    """The lemmas a French form is a noun of, accents folded, with the form's own number-folded
    key (a plural the lexicon lacks); empty when the lexicon knows no noun of that form."""
    found = lex.analyses(word, "N")
    if not found:
        return set()
    out = {key(a.lemma or word) for a in found}
    out.add(key(fold(word, "fr", False)))
    return out


def renderings(doc, paragraph, term: SourceTerm, lex, cognate: Callable[[str, str], bool]) -> list[Rendering]:
    """The renderings of ``term`` in the French ``paragraph``: each French noun whose lemma is the
    first word of one of its translations, or a cognate of the term, with its complement when the
    term is phrasal."""
    toks = paragraph_tokens(doc).get(paragraph.index, [])
    out: list[Rendering] = []
    for i, t in enumerate(toks):
        low = t.text.lower()
        if len(low) < 3 or not low.replace("-", "").isalpha():
            continue
        lemmas = noun_lemmas(low, lex)
        if not lemmas:
            continue
        hit = next((x for x in sorted(lemmas) if x in term.heads), None)
        lexical = hit is not None
        if hit is None and cognate(term.key, low):
            hit = min(lemmas, key=lambda x: (len(x), x))  # the source word in French form ("Batterie" / "batterie")
        if hit is None:
            continue
        comp, end = complement(doc, toks, i, lex) if term.phrasal or term.phrases else (None, t.end)
        out.append(Rendering(hit, t.start, end, comp, lexical, t.text))
    return out


@packs.pack_cache
def _contracted(lang: str) -> dict[str, tuple[str, str]]:
    """The contracted articles and what they contract (``du``: ``de`` and the article), from
    ``contractions`` of ``rules/<lang>/agreement.yaml`` read backwards; the article is ``le``
    whatever its number, as :func:`complement` tells articles apart only as there or not."""
    raw = packs.load_yaml(lang, "agreement.yaml") or {}
    out: dict[str, tuple[str, str]] = {}
    for k, v in (raw.get("contractions") or {}).items():
        prep, _art = str(k).split()
        out[str(v).casefold()] = (prep.casefold(), "le")
    return out


def complement(doc, toks, i: int, lex) -> tuple[tuple[str, str, str] | None, int]:
    """The complement after the French noun ``toks[i]`` and the end of the phrase: an adjective
    (``poutre centrale``: ``("", "", "central")``) or a preposition, maybe an article, and a noun
    (``pompe à ventilateur``: ``("à", "", "ventilateur")``, ``pompe du ventilateur``: ``("de",
    "le", "ventilateur")``, ``bouche d'aération``). None when the next word is neither. Articles
    are told apart only as there or not (``du``, ``de la``, ``des`` are one), so number and
    gender change nothing."""
    preps, arts = _small_words(doc.target_language or "fr")
    head = toks[i]
    none = (None, head.end)

    def at(k: int):
        return toks[k] if k < len(toks) and toks[k].paragraph == head.paragraph else None

    def elided(k: int) -> str:
        """What stands between toks[k-1] and toks[k]: "" (a space), an elided word (``d``,
        ``l``), or "?" (punctuation)."""
        gap = doc.view[toks[k - 1].end : toks[k].start]
        word = gap.strip().replace("’", "'")
        if not word:
            return "" if gap else "?"
        if word.endswith("'") and word[:-1].isalpha() and gap[:1].isspace():
            return word[:-1].lower()
        return "?"

    def noun(k: int, prep: str, art: bool):
        t = at(k)
        if t is None:
            return none
        low = t.text.lower()
        if not low.replace("-", "").isalpha() or not lex.analyses(low, "N") or low in preps or low in arts:
            return none
        return (prep, "le" if art else "", key(fold(low, "fr", False))), t.end

    t1 = at(i + 1)
    if t1 is None:
        return none
    e1 = elided(i + 1)
    if e1:
        return noun(i + 1, "de", False) if e1 == "d" else none
    low = t1.text.lower()
    if low in preps:
        prep, art = _contracted(doc.target_language or "fr").get(low, (low, ""))
        t2 = at(i + 2)
        if t2 is None:
            return none
        e2 = elided(i + 2)
        if e2:
            return noun(i + 2, prep, True) if e2 in arts and not art else none
        if t2.text.lower() in arts and not art:
            return noun(i + 3, prep, True) if at(i + 3) is not None and not elided(i + 3) else none
        return noun(i + 2, prep, bool(art))
    if low.isalpha() and lex.analyses(low, "A") and not lex.analyses(low, "N"):
        return ("", "", key(fold(low, "fr"))), t1.end
    return none


def phrase_of(r: Rendering) -> tuple[str, ...]:
    """The words of a rendering, folded, the small words aside (``vélo de course`` ->
    ``("velo", "course")``), to compare with a translation of several words."""
    return (r.head,) + ((r.complement[2],) if r.complement else ())


def same_wording(a: Rendering, b: Rendering) -> bool:
    """Two renderings with the same head and the same complement noun, but another preposition
    or article before it (``pompe à ventilateur`` / ``pompe du ventilateur``)."""
    return (
        a.head == b.head and a.complement is not None and b.complement is not None
        and a.complement[2] == b.complement[2] and a.complement[:2] != b.complement[:2]
        and bool(a.complement[0]) and bool(b.complement[0])
    )
