"""Terms a document renders two ways, found with the bilingual lexicon (MTQ330's analysis).

The German nouns of each aligned segment and their French renderings come from
:mod:`.alignment`; this module compares them across the segments of a document. Segments of one
German form are compared: when most of them render the noun by one translation and others by
another, the others are second renderings (:func:`splits`). How much evidence is needed grows
with how general the word is; nouns writers vary on purpose, headlines and renderings that
another word of the segment explains are left alone (see MTQ330's documentation).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import NamedTuple

from ... import lexicon, packs
from ...segment import WORD_RE
from .. import bilingual
from .alignment import (
    Entry, Rendering, SourceTerm, complement, key, noun_lemmas, paragraph_tokens, phrase_of, renderings,
    same_wording, source_terms,
)
from .terms import fold, strip_accents, zipf

# a German noun this frequent (Zipf) is too general to be a term: "Zeit", "Mann", "Teil"
COMMON_TERM = 5.0
# a technical term is rarer than this (Zipf: "Dämpfung", "Leuchte"): two segments suffice for it,
# and a majority of two against one; general vocabulary, which writers vary ("Eigenschaft",
# "Geburt", "Tipp": "propriétés" / "caractéristiques"), needs a majority of three
TECHNICAL_TERM = 3.5
# a French noun this frequent is a general word of several senses, used loosely: "courant",
# "affaire", "utilisation" are not compared as renderings
COMMON_RENDERING = 4.8


class Split(NamedTuple):
    """A second rendering: ``here`` renders ``term`` otherwise than ``ref`` does; ``kind`` is
    None (another translation), "wording" (another preposition or article) or "complement"."""

    term: SourceTerm
    ref: Rendering
    here: Rendering
    kind: str | None
    more: int = 0  # the other second renderings of the term in the document, not reported apart


def splits(doc, paras, covered: set[str]) -> Iterator[Split]:
    """German nouns (a compound by its head when the lexicon lacks it) whose segments render
    them by two different translations of the lexicon, or one compound in two wordings."""
    if doc.target_language != "fr" or (doc.source_language or "de") != "de" or not lexicon.available("fr"):
        return
    lex = lexicon.load("fr")
    skip_de, skip_fr = _variation_nouns(doc.target_language)
    by_key: dict[str, list[tuple[int, SourceTerm]]] = {}
    for k, p in enumerate(paras):
        for term in source_terms(p.source or "", noun_entry):
            if term.key in covered or term.key in skip_de or zipf(term.lemma, "de") >= COMMON_TERM:
                continue
            by_key.setdefault(term.key, []).append((k, term))
    seg_words: dict[int, list[tuple[str, frozenset[str]]]] = {}

    def others(k: int, term_key: str) -> Counter:
        """French heads of the translations of the segment's other source words, and the
        words themselves (a cognate kept as it is: "Aquarium" / "aquarium"), each counted
        once a word."""
        if k not in seg_words:
            seg_words[k] = [heads_of(w) for w in WORD_RE.findall(paras[k].source or "") if len(w) >= 3]
        return Counter(h for lemma, heads in seg_words[k] if lemma != term_key for h in heads)

    for term_key, occ in sorted(by_key.items()):
        segs = sorted({k for k, _ in occ})
        if len(segs) < 2:
            continue
        count = Counter(k for k, _ in occ)
        first = {k: t for k, t in reversed(occ)}
        found = {k: renderings(doc, paras[k], first[k], lex, cognate_of) for k in segs}
        raw = Counter(h for rs in found.values() for h in dict.fromkeys(r.head for r in rs))
        major = raw.most_common(1)[0][0] if raw else ""
        found = {k: _own(rs, others(k, term_key), skip_fr, major) for k, rs in found.items()}
        # one finding a source term: its first second rendering, the others counted in it
        cands = [*_head_split(doc, paras, term_key, count, first, found, others),
                 *_wording_split(doc, paras, term_key, segs, count, first, found, others),
                 *_complement_split(doc, paras, term_key, count, first, found, others, lex)]
        if cands:
            best = min(cands, key=lambda x: x.here.start)
            yield best._replace(more=len({x.here.start for x in cands}) - 1)

def _head_split(doc, paras, term_key, count, first, found, others) -> Iterator[Split]:
    """Segments whose one rendering is another translation of the term than the one most
    segments with the same German form use. Forms are compared one by one: a compound rendered
    one way and the bare noun or another compound another way may be two things
    ("Weihnachtsgeschäft", "l'affaire" / "Geschäfte", "magasins")."""
    clean = {k: rs for k, rs in found.items() if rs and len({r.head for r in rs}) == 1}
    pooled = Counter(rs[0].head for rs in clean.values())
    by_form: dict[str, list[int]] = {}
    for k in sorted(clean):
        by_form.setdefault(first[k].compound, []).append(k)
    for ks_all in by_form.values():
        heads = Counter(clean[k][0].head for k in ks_all)
        if len(heads) < 2:
            continue
        order = {h: min(k for k in ks_all if clean[k][0].head == h) for h in heads}
        ref = max(heads, key=lambda h: (heads[h], -order[h]))
        m, ref_r = heads[ref], clean[order[ref]][0]
        for head, c in heads.items():
            if head == ref or pooled[head] > pooled[ref]:
                continue  # the rendering the document gives the term most often is no slip
            if synonymous(head, ref, doc.target_language or "fr"):
                continue  # two words a writer alternates for one thing ("baisse" / "chute")
            ks = [k for k in ks_all if clean[k][0].head == head]
            technical = specific(first[ks_all[0]])
            if m == c == 1 and len(ks_all) == 2:
                # two segments: only with strong evidence, a technical term (a writer varies
                # the words of general vocabulary: "Eigenschaften", "propriétés" /
                # "caractéristiques"), both renderings lexicon translations, the term once in
                # each segment and rendered once, neither a title
                pair = [order[ref], ks[0]]
                if not technical or not all(
                    count[k] == 1 and len(clean[k]) - others(k, term_key)[clean[k][0].head] == 1
                    and clean[k][0].lexical and not title_line(paras[k]) for k in pair
                ):
                    continue
            elif not (m > c if technical else m >= 3 and m >= 2 * c):
                continue  # a general word needs more segments than a technical one, and a clear majority
            if max(zipf(ref_r.word.lower(), "fr"), zipf(clean[ks[0]][0].word.lower(), "fr")) >= COMMON_RENDERING:
                continue  # a general word of several senses ("courant" beside "électricité")
            for k in ks:
                if title_line(paras[k]):
                    continue  # a headline's own wording
                other = others(k, term_key)[head]
                if len(clean[k]) <= other or len(clean[k]) > count[k] + other:
                    continue  # the renderings may translate another word of the segment, or are too many
                # the term's own renderings: the ones nearest to where it stands in the source
                p = paras[k]
                near = sorted(clean[k], key=lambda r: abs((r.start - p.start) / max(1, p.end - p.start) - first[k].at))
                for r in sorted(near[: len(clean[k]) - other], key=lambda r: r.start):
                    yield Split(first[k], ref_r, r, None)

def _wording_split(doc, paras, term_key, segs, count, first, found, others) -> Iterator[Split]:
    """A compound whose renderings share their head but not the complement: another
    preposition or article (one wording), or another complement (another term)."""
    by_compound: dict[str, list[int]] = {}
    for k in segs:
        by_compound.setdefault(first[k].compound, []).append(k)
    for compound, ks in by_compound.items():
        phr = {}
        for k in ks:
            with_comp = [r for r in found[k] if r.complement is not None]
            if len({(r.head, r.complement) for r in with_comp}) == 1 and count[k] == 1:
                phr[k] = with_comp[0]
        phrases = Counter((r.head, r.complement) for r in phr.values())
        if len(phrases) < 2:
            continue
        order = {p: min(k for k, r in phr.items() if (r.head, r.complement) == p) for p in phrases}
        ref = max(phrases, key=lambda p: (phrases[p], -order[p]))
        ref_r = phr[order[ref]]
        m = phrases[ref]
        for p, c in phrases.items():
            if p == ref or p[0] != ref[0]:
                continue
            cand = [k for k, r in phr.items() if (r.head, r.complement) == p]
            wording = same_wording(ref_r, phr[cand[0]])
            technical = zipf(first[ks[0]].lemma, "de") < TECHNICAL_TERM
            if not (m >= (2 if technical or wording else 3) and m > c or wording and m == c == 1 and order[p] > order[ref]):
                continue
            term = first[order[ref]]
            if not wording and not term.phrasal and not any(
                phrase_of(ref_r) == ph[: len(phrase_of(ref_r))] for ph in term.phrases
            ):
                continue  # not a compound: another complement is the text's, unless the reference is the lexicon's phrase
            for k in cand:
                r = phr[k]
                if title_line(paras[k]):
                    continue
                if not wording and others(k, term_key)[r.complement[2]]:
                    continue  # the complement renders another word of the segment
                yield Split(first[k], ref_r, r, "wording" if wording else "complement")


def _complement_split(doc, paras, term_key, count, first, found, others, lex) -> Iterator[Split]:
    """A compound that most of its segments render by one translation of its head with one
    complement (``poutre centrale`` for ``Mittelbalken``), and a segment that has no translation
    of it but another noun with that same complement (``faisceau central``): the modifier is
    rendered alike, the head otherwise, by a word the lexicon does not give for it. The noun
    must translate no other word of the segment, be the only one of its kind there, and no other
    word of the segment may share the compound's first part (``Ladestation`` beside
    ``Ladekabel``: ``borne de recharge`` renders it)."""
    by_form: dict[str, list[int]] = {}
    for k in sorted(found):
        if first[k].phrasal:
            by_form.setdefault(first[k].compound, []).append(k)
    for ks in by_form.values():
        rendered = {k: found[k] for k in ks if found[k] and len({r.head for r in found[k]}) == 1}
        heads = Counter(rs[0].head for rs in rendered.values())
        if len(heads) != 1 or sum(heads.values()) < 2:
            continue  # no agreed rendering: nothing to compare with
        head = next(iter(heads))
        with_comp = [r for rs in rendered.values() for r in rs if r.complement is not None]
        comps = {r.complement[2] for r in with_comp}
        if len(comps) != 1 or not with_comp:
            continue
        comp = next(iter(comps))
        ref_r = min(with_comp, key=lambda r: r.start)
        for k in ks:
            if found[k] or count[k] != 1 or title_line(paras[k]) or k < min(rendered):
                continue
            # the complement renders the compound's first part: another word of the segment with
            # that first part ("Ladestation" beside "Ladekabel") may be what the phrase renders
            term = first[k]
            at = next((i for i in range(1, len(term.compound) - 2) if term.key.startswith(term.compound[i:])), 0)
            mod = term.compound[:at]
            if len(mod) < 3 or any(
                key(w).startswith(mod) and key(w) != key(term.text) for w in WORD_RE.findall(paras[k].source or "")
            ):
                continue
            toks = paragraph_tokens(doc).get(paras[k].index, [])
            hits = []
            for i, t in enumerate(toks):
                lemmas = noun_lemmas(t.text.lower(), lex)
                if not lemmas or head in lemmas:
                    continue
                c, end = complement(doc, toks, i, lex)
                if c is None or c[2] != comp:
                    continue
                if any(others(k, term_key)[x] for x in lemmas):
                    continue  # a translation of another word of the segment
                hits.append(Rendering(min(lemmas, key=lambda x: (len(x), x)), t.start, end, c, False, t.text))
            if len(hits) == 1:
                yield Split(first[k], ref_r, hits[0], None)


def specific(term: SourceTerm) -> bool:
    """A term specific enough that two segments against one are evidence: rare in German running
    text (``Dämpfung``, ``Leuchte``, ``Lüfterpumpe``). A compound the lexicon knows only by its
    head is as general as its head: its renderings are the head's translations, which a writer
    varies (``Fotoausrüstung``, ``matériel`` / ``équipement``; ``Glasfaseranschluss``,
    ``connexion`` / ``raccordement``), so it counts as the head does."""
    return zipf(term.lemma, "de") < TECHNICAL_TERM


@packs.pack_cache
def near_synonyms(lang: str) -> dict[str, frozenset[int]]:
    """French nouns a writer alternates for one thing (``near_synonyms`` of
    ``rules/<lang>/terminology.yaml``): each lemma, accents folded, with the numbers of its sets."""
    data = packs.load_yaml(lang, "terminology.yaml")
    out: dict[str, set[int]] = {}
    for n, group in enumerate(data.get("near_synonyms") or ()):
        for w in group:
            out.setdefault(strip_accents(str(w).casefold()), set()).add(n)
    return {w: frozenset(ns) for w, ns in out.items()}


def synonymous(a: str, b: str, lang: str = "fr") -> bool:
    """Two French lemmas (accents folded) of one set of near-synonyms."""
    sets = near_synonyms(lang)
    return bool(sets.get(a, frozenset()) & sets.get(b, frozenset()))


@packs.pack_cache(maxsize=20_000)
def noun_entry(word: str):
    """The bilingual lexicon's noun entries of a German word (its head's for an unknown compound)."""

    found = bilingual.lookup(word)
    if found is None:
        return None
    nouns = [e for e in found.entries if e.pos == "NOUN"]
    if not nouns:
        return None
    return Entry(nouns[0].lemma, tuple(dict.fromkeys(t for e in nouns for t in e.translations)), found.head)


@packs.pack_cache(maxsize=20_000)
def heads_of(word: str) -> tuple[str, frozenset[str]]:
    """A German word's lemma and the first words of its French translations (any part of
    speech), accents folded, with the word itself (a cognate kept as it is)."""

    own = key(word)
    found = bilingual.lookup(word)
    if found is None or not found.entries:
        return own, frozenset({own})
    # a compound's other parts count too: "Umsatzeinbrüche" may give "ventes" (Umsatz)
    trs = list(found.translations) + [t for e in found.parts for t in e.translations]
    heads = {key(fold(w, "fr", False)) for t in trs for w in WORD_RE.findall(t) if len(w) >= 3}
    return key(found.entries[0].lemma), frozenset(heads | {own})


@packs.pack_cache
def _variation_nouns(lang: str) -> tuple[frozenset[str], frozenset[str]]:
    """German and French nouns a translator varies on purpose (role and pronoun-like nouns),
    accents folded (``rules/<lang>/terminology.yaml``)."""
    data = packs.load_yaml(lang, "terminology.yaml")
    de = frozenset(strip_accents(str(w).casefold()) for w in data.get("source_variation_nouns") or ())
    fr = frozenset(strip_accents(str(w).casefold()) for w in data.get("variation_nouns") or ())
    return de, fr


def _own(rs: list, other: Counter, skip: frozenset[str], major: str) -> list:
    """The renderings of a segment that are the term's own: not a variation noun, and not a head
    that other words of the source explain as often as it stands there ("lumière" beside
    "Licht" in a segment that renders "Leuchte" by "luminaire"), unless it is the rendering
    most segments give the term (``cadeaux`` for ``Geschenken`` beside ``Schenkens``, "faire
    cadeau"). When every rendering is so explained, they are kept: the term has to be rendered
    somewhere."""
    rs = [r for r in rs if r.head not in skip]
    n = Counter(r.head for r in rs)
    own = [r for r in rs if n[r.head] > other[r.head] or r.head == major]
    return own if own else rs


_END_MARKS = ".!?…:;»\"”)"


def title_line(p) -> bool:
    """A heading, or a source line without final punctuation (a title, a caption, a product
    line), whose wording a translator chooses freely."""
    if getattr(p, "kind", "") == "heading":
        return True
    src = (p.source or "").rstrip()
    return bool(src) and src[-1] not in _END_MARKS


def cognate_of(source_stem: str, target_word: str) -> bool:
    """A target word of the source word's form, spelling aside (``inzidenz`` / ``incidence``,
    ``passagier`` / ``passagers``): the same first two letters, about the same length and a
    difflib ratio of 0.75, German ``z`` and ``k`` read as ``c``."""
    from difflib import SequenceMatcher

    a = strip_accents(source_stem.casefold()).replace("z", "c").replace("k", "c")  # German spelling of Latin c
    b = strip_accents(target_word.casefold().replace("’", "'").rsplit("'", 1)[-1])
    if len(a) >= 10 and any(cognate_of(a[i:], b) for i in range(3, len(a) - 4)):
        return True  # the head of a compound ("Farbtemperatur" / "température")
    if len(b) < 5 or a[:2] != b[:2] or abs(len(a) - len(b)) > 4 or len(b) < 0.75 * len(a):
        return False  # not the first part of a compound ("Frequenzweiche" / "fréquence")
    return SequenceMatcher(None, a, b).ratio() >= 0.75
