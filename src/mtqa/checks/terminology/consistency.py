"""One source term translated in different ways inside a document (MTQ330)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from ...lint.context import Context
from ...lint.registry import register
from ...lint.rule import Rule
from ...model import Advice, Document, Issue, Severity
from ...segment import WORD_RE
from .glossary_rules import glossary_index, source_index
from ...analysis.terminology.term_splits import cognate_of, noun_entry, splits, title_line
from ...analysis.terminology.matching import TermIndex
from ...analysis.terminology.terms import earlier, gender_fold, strip_accents, tokens, unify, zipf

MIN_SOURCE_LEN = 5  # shorter source words are not taken as terms
COMMON_SOURCE = 4.5  # Zipf frequency from which a source word is too common to be a term
COMMON_TARGET = 4.0  # same for a target word taken as a rendering
# a French word is taken as a noun when its noun frequency in the lexicon is at least this share of
# its frequency in wordfreq: "pour", "plus", "rien" (1-7%) are not; "statuts", "flexibilité" (17%),
# rarer in the lexicon's film and book corpus than in wordfreq's, are
NOUN_SHARE = 0.1


@register
class SourceTermInconsistency(Rule):
    """One source term rendered differently in different segments of a document.

    What it does
        With an aligned source (``--source``). For glossary entries: when a source term occurs in
        several segments and their targets use different renderings of the entry (the preferred
        term in one, an admitted alternative or a forbidden variant in another), every rendering
        other than the first is reported. Without a glossary entry, a simple alignment by
        co-occurrence over segments: a source word of at least five letters that is not a common
        word occurs in three segments or more; its segments split between two target words, each
        found only in segments with that source word and never together, the more frequent one
        in at least two segments, and no other word could be the rendering of the rest. The
        minority rendering is reported with the majority one as suggestion. With
        ``common_nouns``, the same alignment for common nouns, without a bilingual lexicon: a
        rare source noun of at least ``min_noun_length`` letters
        (German inflection endings aside) in three segments or more, and a French common noun
        (by the lexicon, singular and plural alike, and a noun in at least a tenth of the word's
        frequency in running text: not ``pour``, ``plus``; ``statuts`` is) found in all of its
        segments but one, at
        about the same place in each (in half of them when no other noun is so aligned), and
        nowhere else in the document, and no cognate of another source word of those segments
        (``Protein`` / ``protéine``); the remaining segment's one new noun at about that place
        is reported as a second rendering, pointing at the first, unless that segment holds a
        cognate of the source word (``Inzidenz`` / ``incidence``, ``Farbtemperatur`` /
        ``température``): the term is rendered there; nor in a headline when the lexicon gives
        both nouns as translations of the source word (a headline's synonym: ``Schäden``,
        ``dégâts`` / ``dommages``).
        With the bilingual lexicon (``rules/<lang>/de-lexicon.tsv``, option ``lexicon``), German
        nouns are aligned by their translations: a noun the lexicon knows, whole or by the head
        of its compound (``Innenkissen`` by ``Kissen``, ``Fenix-Leuchten`` by ``Leuchten``), is
        looked for in each of its segments among the French nouns whose lemma is one of its
        translations, or a cognate of it. Segments of one German form are compared: when most
        render the noun by one translation and others by another (``luminaire`` / ``lampe`` for
        ``Leuchte``), the others are reported. A technical noun (rare in German running text)
        needs two segments against one, or one against one when both renderings are lexicon
        translations and each segment has the noun once; a general noun (a compound the lexicon
        knows only by a common head counts as that head) three segments at least and twice as
        many as the other rendering (three against one, not three against two). A
        compound's renderings are compared with their complement: two that differ only in the
        preposition or the article (``pompe à ventilateur`` / ``pompe du ventilateur``) are one
        term in two wordings, another complement (``vélo de course`` / ``vélo de route``) another
        term. A compound that its segments render by one head with one complement (``câble de
        recharge`` for ``Ladekabel``) and that a later segment renders by another noun with the
        same complement, a noun the lexicon does not give (``cordon de recharge``), is reported
        too, unless another word of that segment shares the compound's first part
        (``Ladestation``). A source term is reported once a document: at its first second
        rendering, pointing at the first rendering, the message counting the later ones. Left
        alone: two renderings that are near-synonyms a writer alternates for one thing
        (``near_synonyms`` in ``rules/<lang>/terminology.yaml``: ``tentative`` / ``essai``,
        ``baisse`` / ``chute``); nouns of people by their role and nouns nearly as empty as pronouns,
        which writers vary on purpose (``source_variation_nouns``, ``variation_nouns`` in
        ``rules/<lang>/terminology.yaml``: ``der Präsident``, ``le chef de l'État``); French
        nouns so frequent they have several senses (``courant`` beside ``électricité``);
        headlines and lines without final punctuation; a rendering another word of the segment
        explains (``lumière`` beside ``Licht``); the rendering the document gives the noun most
        often; and a compound rendered one way beside the bare noun rendered another
        (``Weihnachtsgeschäft`` / ``Geschäfte``), which may be two things.

    Why it matters
        "Inconsistency in target" is the classic check of translation QA tools: the same source
        term translated two ways confuses readers (two names, one thing) and breaks terminology
        work downstream.

    Example
        Source (de): ``Die Firma Grünwald baut Windräder.``
                     ``Grünwald beschäftigt 200 Menschen in Kassel.``
                     ``Der Chef von Grünwald will expandieren.``
                     ``Grünwald eröffnet ein Werk an der Grenze.``
        Flagged: ``L'entreprise Grünwald construit des éoliennes.``
                 ``Grünwald emploie 200 personnes à Kassel.``
                 ``Le patron de Grünwald veut s'agrandir.``
                 ``Gruenwald ouvre une usine près de la frontière.``
        Flags: ``Gruenwald``
        Better: ``L'entreprise Grünwald construit des éoliennes.``
                ``Grünwald emploie 200 personnes à Kassel.``
                ``Le patron de Grünwald veut s'agrandir.``
                ``Grünwald ouvre une usine près de la frontière.``

    Options
        ``min_segments`` (default 2): segments the source word must occur in (without a
        glossary); ``common_nouns`` (default false): also align common nouns, off by default:
        on real German-French MT most of what it found was a spurious alignment (its precision
        there was about 0.3, before the cognate checks); ``min_noun_length`` (default 5): the
        shortest source noun it aligns; ``lexicon`` (default true): the alignment by the
        bilingual lexicon. On by default since one finding a term, the near-synonym sets and the
        clearer majority for general words: its precision on the held-out half of the WMT22
        systems rose from 0.370 (27 findings, most of them one general word that a translator
        rendered by two synonyms, each occurrence reported) to 0.909 (11), on the tune half from
        0.808 (52) to 0.864 (44); it finds 6 of the 20 hand-annotated term errors of the tune
        half, where the alignment by names alone finds none.

    Known limits
        The alignment by co-occurrence looks at single words: a rendering spread over several
        words is found through its most specific word. The lexicon's alignment sees only the
        renderings the lexicon gives (``épidémies`` is seen for ``Ausbruch`` only since the
        lexicon lists ``épidémie``), and does not tell the senses of a word apart: a translator
        who renders a German word of two senses by two words (``Lautsprecher``: the driver,
        ``haut-parleur``, and the box, ``enceinte``) is reported. The near-synonym sets are short and written by hand: two words for one thing
        outside them (``matériel`` / ``équipement``) are reported. Documents with few segments
        give little evidence, so the
        check stays silent unless the split is clean; synonyms used on purpose for style are
        reported like any other inconsistency.
    """

    code = "MTQ330"
    name = "source-term-inconsistency"
    category = "terminology"
    severity = Severity.INFO  # held-out WMT22 precision 0.909 on 11 findings, 0.873 on both halves (55)
    requires = frozenset({"source"})
    options = {"min_segments": 2, "common_nouns": False, "min_noun_length": 5, "lexicon": True}

    def check(self, doc: Document, ctx: Context) -> Iterator[Issue]:
        paras = [p for p in doc.paragraphs if p.source]
        if len(paras) < 2:
            return
        covered: set[str] = set()
        yield from self._glossary(doc, ctx, paras, covered)
        yield from self._cooccurrence(doc, paras, covered)
        reported: set[tuple[int, int]] = set()
        if self.opts["lexicon"]:
            for issue in self._lexicon_terms(doc, paras, covered):
                reported.add((issue.start, issue.end))
                yield issue
        if self.opts["common_nouns"]:
            for issue in self._common_nouns(doc, paras, covered):
                if not any(a < issue.end and issue.start < b for a, b in reported):
                    yield issue

    # -- with a glossary ---------------------------------------------------------------------------
    def _glossary(self, doc: Document, ctx: Context, paras, covered: set[str]) -> Iterator[Issue]:
        idx = glossary_index(ctx, doc.target_language)
        if not idx.entries:
            return
        src_index = source_index(idx, doc.source_language)
        renderings = _renderings(ctx, idx, doc.target_language)
        first: dict[int, tuple[str, int, int]] = {}
        for p in paras:
            src = unify(p.source or "")
            entries = {id(e): e for _, _, e in src_index.find_loose(src, 0, len(src))}
            for e in entries.values():
                covered.update(w.casefold() for t in e.source_terms(doc.source_language) for w in WORD_RE.findall(t))
            for s, t_end, (entry, term) in renderings.find(doc.view, p.start, p.end):
                if id(entry) not in entries:
                    continue
                ref = first.setdefault(id(entry), (term, s, t_end))
                if renderings.key(ref[0])[0] == renderings.key(term)[0]:
                    continue
                where, related = earlier(doc, ref[1], ref[2])
                yield self.issue(
                    doc, s, t_end,
                    f"'{doc.text[s:t_end]}' renders the same source term as '{related['text']}' "
                    f"({where}); the glossary prefers '{entry.target or ref[0]}'",
                    [entry.target or ref[0]],
                    related=related,
                )

    # -- without: co-occurrence over segments ------------------------------------------------------------
    def _cooccurrence(self, doc: Document, paras, covered: set[str]) -> Iterator[Issue]:
        lang, src_lang = doc.target_language, doc.source_language
        min_segments = self.opts["min_segments"]
        src_sets: list[set[str]] = []
        tgt_sets: list[set[str]] = []
        spans: list[dict[str, tuple[int, int]]] = []
        by_para: dict[int, list] = {}
        for t in tokens(doc, lang):
            by_para.setdefault(t.paragraph, []).append(t)
        for p in paras:
            words = {w.casefold() for w in WORD_RE.findall(p.source or "") if len(w) >= MIN_SOURCE_LEN and w.isalpha()}
            if src_lang:
                words = {w for w in words if zipf(w, src_lang) < COMMON_SOURCE}
            src_sets.append(words - covered)
            found: dict[str, tuple[int, int]] = {}
            for t in by_para.get(p.index, ()):
                if len(t.key) >= 4 and t.key.isalpha() and zipf(t.text, lang) < COMMON_TARGET:
                    found.setdefault(gender_fold(t.key, lang), (t.start, t.end))
            tgt_sets.append(set(found))
            spans.append(found)
        df_src = Counter(w for s in src_sets for w in s)
        df_tgt = Counter(t for s in tgt_sets for t in s)
        caps = {k: doc.text[a][:1].isupper() for sp in spans for k, (a, _) in sp.items()}
        for word, n in sorted(df_src.items()):
            if n < min_segments:
                continue
            segs = [i for i, s in enumerate(src_sets) if word in s]
            # target words found only in this source word's segments, never in all of them
            co = Counter(t for i in segs for t in tgt_sets[i])
            exclusive = {t for t, c in co.items() if c == df_tgt[t] and c < n}
            kept = [t for t in exclusive if caps[t] and cognate(word, t)]
            if len(kept) != 1:
                continue
            t1 = kept[0]
            with_t1 = [i for i in segs if t1 in tgt_sets[i]]
            rest = [i for i in segs if t1 not in tgt_sets[i]]
            # each remaining segment holds one other name found only there: the other rendering
            cands = {t for t in exclusive if t != t1 and caps[t] and not any(t in tgt_sets[i] for i in with_t1)}
            alt = [t for t in cands if all(t in tgt_sets[i] for i in rest) and similar(word, t)]
            if len(alt) != 1 or any(len(cands & tgt_sets[i]) != 1 for i in rest):
                continue
            t2 = alt[0]
            if len(with_t1) < max(2, len(rest)):
                continue  # the name kept as in the source is the minority, or once against once: no clear reference
            if _exonym_form(word, doc.text[slice(*spans[rest[0]][t2])], lang):
                continue  # the French name of the place ("Belarus" / "Biélorussie"): both are French
            for i in rest:
                yield self._second_rendering(doc, word, spans[with_t1[0]][t1], spans[i][t2])


    def _second_rendering(self, doc: Document, word: str, first: tuple[int, int], span: tuple[int, int]) -> Issue:
        """The finding on ``span``, a rendering of source ``word`` other than the one at ``first``."""
        s, e = span
        where, related = earlier(doc, *first)
        return self.issue(
            doc, s, e,
            f"source word '{word}' is rendered '{related['text']}' elsewhere ({where}) but '{doc.text[s:e]}' here",
            [related["text"]],
            related=related,
            source_term=word,
        )

    @staticmethod
    def _near(p, offset: int, at: float) -> bool:
        """The target word stands about where the source word does in its segment."""
        return _near_position(p, offset, at)

    # -- without: nouns aligned by the bilingual lexicon -------------------------------------------------
    def _lexicon_terms(self, doc: Document, paras, covered: set[str]) -> Iterator[Issue]:
        """German nouns whose segments render them two ways, by the bilingual lexicon."""
        for term, ref, here, kind, more in splits(doc, paras, covered):
            yield self._lexicon_issue(doc, term, ref, here, kind, more)

    def _lexicon_issue(self, doc, term, ref, r, kind, more: int = 0) -> Issue:
        where, related = earlier(doc, ref.start, ref.end)
        here = doc.text[r.start : r.end]
        how = {None: "", "wording": " (the same words, another preposition or article)",
               "complement": ""}[kind]
        if more:
            how += f"; {more} later {'line renders' if more == 1 else 'lines render'} it otherwise too"
        return self.issue(
            doc, r.start, r.end,
            f"source term '{term.text}' is rendered '{related['text']}' elsewhere ({where}) but '{here}' here{how}",
            [Advice(f"use one rendering of '{term.text}' throughout, e.g. '{related['text']}'")],
            related=related,
            source_term=term.text,
        )

    # -- without: common nouns aligned by co-occurrence -----------------------------------------------------
    def _common_nouns(self, doc: Document, paras, covered: set[str]) -> Iterator[Issue]:
        from ... import lexicon

        if doc.target_language != "fr" or not lexicon.available("fr"):
            return
        lex = lexicon.load("fr")
        src_lang = doc.source_language or "de"
        from ...analysis.source_names import source_names

        src_sets: list[set[str]] = []
        surfaces: dict[str, str] = {}  # stem -> the word as first written
        src_pos: list[dict[str, float]] = []  # where the word stands in its segment (0 to 1)
        nouns: list[dict[str, tuple[int, int]]] = []  # per segment: noun lemma -> first span
        for p in paras:
            words: dict[str, float] = {}
            src = p.source or ""
            names = {n.text for n in source_names(src)}
            # the source word kept as written, capital and all (a name or a loanword); not the French
            # common noun of the same spelling ("Aquarium" / "l'aquarium")
            target_words = set(WORD_RE.findall(doc.view, p.start, p.end))
            for m in WORD_RE.finditer(src):
                w = m.group()
                if len(w) >= self.opts["min_noun_length"] and w.isalpha() and w[:1].isupper() \
                        and zipf(w, src_lang) < COMMON_SOURCE and w not in names and w not in target_words:
                    words.setdefault(_source_stem(w), m.start() / max(1, len(src)))
                    surfaces.setdefault(_source_stem(w), w)
            src_sets.append(set(words) - covered)
            src_pos.append(words)
            src_raw = {w.casefold() for w in WORD_RE.findall(p.source or "")}
            found: dict[str, tuple[int, int]] = {}
            for m in WORD_RE.finditer(doc.view, p.start, p.end):
                w = m.group()
                cut = w.find("'") + 1 or w.find("’") + 1
                w2 = w[cut:]
                if len(w2) < 4 or not w2.isalpha() or not w2.islower() or w2 in src_raw:
                    continue
                an = lex.analyses(w2, "N")
                if not an or lex.analyses(w2, "AVI") or max(a.freq for a in an) < NOUN_SHARE * 10 ** (zipf(w2, "fr") - 3):
                    continue  # not mostly a noun ("pour", "bon marché")
                found.setdefault(an[0].lemma or w2, (m.start() + cut, m.end()))
            nouns.append(found)
        df_src = Counter(w for st in src_sets for w in st)
        df_tgt = Counter(t for f in nouns for t in f)
        reported: set[tuple[int, str]] = set()
        for word, n in sorted(df_src.items()):
            if n < 3:
                continue
            segs = [i for i, st in enumerate(src_sets) if word in st]
            co = Counter(t for i in segs for t in nouns[i])
            aligned = [t for t, c in co.items() if c == n - 1 and df_tgt[t] == c and c >= 2]
            near = {t: sum(self._near(paras[i], nouns[i][t][0], src_pos[i][word]) for i in segs if t in nouns[i])
                    for t in aligned}
            # where it stands in every segment; or, the one noun so aligned, in half of them (a
            # headline or a short line puts words anywhere)
            firm = [t for t in aligned if near[t] == n - 1 or len(aligned) == 1 and 2 * near[t] >= n - 1]
            if len(firm) > 1 and len({frozenset(i for i in segs if t in nouns[i]) for t in firm}) == 1:
                # one rendering of several nouns ("Testpflicht" / "obligation de test"): its nearest noun
                def gap(t: str) -> float:
                    return sum(abs((nouns[i][t][0] - paras[i].start) / max(1, paras[i].end - paras[i].start)
                                   - src_pos[i][word]) for i in segs if t in nouns[i])
                firm = [min(firm, key=gap)]
            if len(firm) != 1:
                continue
            t1 = firm[0]
            if any(cognate_of(_source_stem(w), t1) for i in segs if t1 in nouns[i]
                   for w in WORD_RE.findall(paras[i].source or "") if _source_stem(w) != word):
                continue  # t1 renders another word of the source ("Protein" / "protéine")
            rest = [i for i in segs if t1 not in nouns[i]]
            with_t1 = [i for i in segs if t1 in nouns[i]]
            if len(rest) != 1 or rest[0] < with_t1[0]:
                continue
            i = rest[0]
            p = paras[i]
            length = max(1, p.end - p.start)
            at = src_pos[i][word]
            # the rendering stands about where the source word does, and nowhere else in the document
            alone = sorted(
                (abs((a - p.start) / length - at), t) for t, (a, _) in nouns[i].items() if df_tgt[t] == 1
            )
            # the one noun of the segment found nowhere else may stand further off: German puts
            # words at the end of a short clause that French puts elsewhere ("vom Bauch aus")
            if not alone or alone[0][0] > (0.35 if len(alone) > 1 else 0.5):
                continue
            t2 = alone[0][1]
            if (i, t2) in reported or any(cognate_of(word, w) for w in WORD_RE.findall(doc.view, p.start, p.end)):
                continue  # the segment has a word of the source word's form ("Inzidenz" / "incidence"): rendered there
            if self.opts["lexicon"] and title_line(p) and _both_translations(surfaces[word], t1, t2):
                continue  # a headline's synonym: two translations the lexicon gives the word
            reported.add((i, t2))
            yield self._second_rendering(doc, word, nouns[with_t1[0]][t1], nouns[i][t2])


def _both_translations(source_word: str, t1: str, t2: str) -> bool:
    """Both lemmas of a co-occurrence alignment are translations the bilingual lexicon gives the
    source word ("Schäden": "dégâts", "dommages")."""
    from ...analysis.terminology.alignment import key

    entry = noun_entry(source_word)
    if entry is None:
        return False
    trs = {key(w) for x in entry.translations for w in WORD_RE.findall(x)}
    return key(t1) in trs and key(t2) in trs


def _exonym_form(source_word: str, target: str, lang: str) -> bool:
    """The target word is a French form the exonym pack gives the source name (``Belarus`` /
    ``Biélorussie``): French writes both, the source's form and its own."""
    from ...analysis.source_names import exonym_key, exonyms, fold

    ex = exonyms(lang or "fr")
    key = exonym_key(source_word, ex)
    return key is not None and any(fold(target).startswith(f) for f in ex.single.get(key, ()))


def _near_position(p, offset: int, at: float, tolerance: float = 0.35) -> bool:
    return abs((offset - p.start) / max(1, p.end - p.start) - at) <= tolerance


def _source_stem(word: str) -> str:
    """A German noun without its inflection ending (``Schränke``/``Schrank``, ``Kunden``/``Kunde``)."""
    w = word.casefold().replace("ä", "a").replace("ö", "o").replace("ü", "u")
    for e in ("en", "es", "er", "e", "n", "s"):
        if w.endswith(e) and len(w) - len(e) >= 5:
            return w[: -len(e)]
    return w


def similar(source_word: str, target_key: str, ratio: float = 0.5) -> bool:
    """Loosely alike (difflib ratio, accents and case aside): ``Belarus`` / ``Biélorussie``."""
    from difflib import SequenceMatcher

    a, b = strip_accents(source_word.casefold()), strip_accents(target_key.casefold())
    return SequenceMatcher(None, a, b).ratio() >= ratio


def cognate(source_word: str, target_key: str) -> bool:
    """The target word keeps the source word's form (a name or loanword left as it is, maybe
    with an ending): the same first five letters, accents and case aside, or the same word."""
    a, b = strip_accents(source_word.casefold()), strip_accents(target_key.casefold())
    return a == b or (min(len(a), len(b)) >= 5 and a[:5] == b[:5])


def _renderings(ctx: Context, idx, lang: str) -> TermIndex:
    """Every accepted or forbidden target term of the glossary, with (entry, term) payloads."""
    key = ("terminology-renderings", tuple(ctx.config.glossaries), lang)
    r = ctx.state.get(key)
    if r is None:
        r = TermIndex(lang)
        for e in idx.entries:
            for t in dict.fromkeys(x for x in (e.target, *e.alternatives, *e.forbidden) if x):
                r.add(t, (e, t))
        ctx.state[key] = r
    return r
