"""Content of the source missing from its translation (MTQ505)."""

from __future__ import annotations

import math
from collections.abc import Iterator

from ...analysis import content_words
from ...analysis.clauses import (  # noqa: F401  (length_deficit, verbless_sentences: part of this rule's API)
    _sentence_source, clauses, continues_sentence, length_deficit, main_clauses, verbless_sentences,
)
from ...analysis.information import information, measurable
from ...analysis.source_names import kept, source_names, target_index
from ...lint.context import Context
from ...lint.registry import register
from ...lint.rule import Rule
from ...model import Document, Issue, Severity
from .numbers import atoms, keys


def _number_kept(atom: str, target_keys: set[str]) -> bool:
    return bool(keys(atom) & target_keys)


@register
class Omission(Rule):
    """Part of the source that the translation leaves out.

    What it does
        With an aligned source. Two checks per segment. A clause of the source (cut at commas,
        semicolons, colons, dashes and brackets) that holds at least ``min_anchors`` anchors,
        names (as the source-name rule finds them) and numbers of two digits or more, none of
        which is in the target, while an anchor of another clause is (so the segment is aligned),
        and the translation is shorter than ``short_ratio`` times the source: that clause is
        reported as missing. And a length model for every segment. Where both languages have
        word frequencies, it compares what the two sides say: each word weighs its surprisal
        (8 minus its Zipf frequency, in its own language or in English, a German or French
        ending aside; shared words weigh the same on both sides; :mod:`mtqa.analysis.information`),
        and the target's sum minus ``expected_information`` times the source's, over the
        square root of the source's, below ``information_deficit``, or below
        ``joint_information_deficit`` while the target is short in characters too (the
        character model below under ``joint_deficit``, or under ``min_ratio``), or below
        ``clause_information_deficit`` with fewer clauses than the source (as below), is
        reported. A word the source says again weighs half of what it weighed the first time (a
        translation may well say it once). A target line that begins in lower case where its
        source begins a sentence continues a sentence cut elsewhere, and is left alone.
        Without frequencies, by characters: a translation shorter than ``min_ratio`` times its
        source, for a source of at least ``min_chars`` characters; the target's length minus
        ``expected_ratio`` times the source's, over the square root of the source's length,
        below ``deficit``; or below ``clause_deficit`` with fewer clauses than the source
        (German subordinate clauses, opened by a word of ``rules/fr/source_subordinators.txt``
        or ending in an infinitive with "zu" as ``rules/fr/source_clause_endings.txt`` says,
        aside); or below ``short_deficit`` with a target sentence without a finite verb where
        every source sentence is a full one. And by content words (``content_words``): the
        German nouns, verbs, adjectives and adverbs that the bilingual lexicon
        (``rules/fr/de-lexicon.tsv``) knows, names and frequent words aside, each rendered when
        the target holds one of its translations, a word of its stem (a cognate, the word kept)
        or a derivative of a translation (:mod:`mtqa.analysis.content_words`). A source clause
        with ``content_clause`` content words or more, none rendered and none of its names,
        numbers or cognates kept, that says ``content_clause_information`` or more, while the
        rest of the source is rendered (``content_rendered`` words and ``content_share`` of
        them) and the target says less than its source would (information deficit under
        ``content_clause_information_deficit``), is reported as missing. The content words
        name the clause a length finding lacks, and a length finding is dropped when the
        words this line lacks are rendered by the line before or after, whose own source lacks
        them and which says more than its source (``moved_surplus``): the translator moved them.
        The segment is reported; the message quotes the missing clause or the missing anchors.

    Why it matters
        A clause of the source with no counterpart in its translation is silent: the French reads
        well and the information is gone. Omissions are among the errors a reader of the French
        alone can never find.

    Example
        Source (de): ``Die Bibliothek bleibt wegen Bauarbeiten bis Ende März geschlossen, sagte die Stadt.``
        Flagged: ``La bibliothèque reste fermée.``
        Better: ``La bibliothèque reste fermée pour travaux jusqu'à fin mars, a dit la ville.``

    Options
        ``min_anchors`` (default 2): anchors a clause needs to be checked;
        ``short_ratio`` (default 0.95): length ratio under which a clause without anchors in the
        target counts as missing; ``expected_information`` (1.05, the WMT22 German-French
        reference's median), ``information_deficit`` (-2.5), ``joint_information_deficit``
        (-2.25) with ``joint_deficit`` (-5.0), ``clause_information_deficit`` (-2.0): the
        information model; ``min_ratio`` (default
        0.6) and ``min_chars`` (default 60), ``expected_ratio`` (1.12, the reference's),
        ``deficit`` (-5.5), ``clause_deficit`` (-5.0), ``short_deficit`` (-5.0): the character
        model. ``content_words`` (true), ``content_clause`` (2), ``content_clause_information``
        (15.0), ``content_rendered`` (2), ``content_share`` (0.7),
        ``content_clause_information_deficit`` (-1.5), ``moved_surplus`` (1.0): the
        content-word check. ``content_runs`` (default false): also report ``content_run`` (3)
        content words that follow one another without a comma between them, none rendered,
        under an information deficit of ``content_information_deficit`` (-1.0); off because on
        the tuning half of the WMT22 outputs most such runs were paraphrases or words the
        lexicon renders otherwise. ``roles`` (default false): also report a source noun written
        just before a name (a role, a title, an apposition: ``Bundestrainer Henk Groener``,
        ``gegen Gastgeber Spanien``) whose name the target keeps while it renders neither the
        noun nor any part of it, and no other common noun stands before the name in the target
        (:func:`mtqa.analysis.content_words.dropped_roles`; nouns French leaves unsaid before a
        name, ``Firma``, ``Stadt``, in ``rules/fr/source_name_generics.txt``); off because on
        the WMT22 outputs it was 8 TRUE of 8 on the tuning half but 2 of 8 on the held-out half
        (a nationality noun, ``Der Niederländer Max Verstappen``, read by a compound head and
        rendered by a capitalised French noun, ``Le Néerlandais``).

    Known limits
        Clauses without names or numbers are only found through the length of the whole
        segment, which misses short omissions; a clause whose names the translation renders by
        a pronoun is reported. Colloquial German heavy with particles and rare inflected forms
        seems to say more than its faithful translation. Ratios are calibrated for German into
        French. One content word left out (``prüfen``, ``nach Hause``) is not reported: a lone
        unrendered word is far more often a paraphrase or a translation the lexicon lacks than
        an omission; neither is part of a compound (``Kirschkern`` as ``cerise``).
    """

    code = "MTQ505"
    name = "omission"
    category = "fidelity"
    severity = Severity.INFO  # about half of its findings on real MT are omissions worth fixing
    requires = frozenset({"source"})
    options = {"min_anchors": 2, "short_ratio": 0.95, "min_ratio": 0.6, "min_chars": 60,
               "expected_ratio": 1.12, "deficit": -5.5, "clause_deficit": -5.0, "short_deficit": -5.0,
               "expected_information": 1.05, "information_deficit": -2.5,
               "joint_information_deficit": -2.25, "joint_deficit": -5.0, "clause_information_deficit": -2.0,
               "content_words": True, "content_clause": 2, "content_rendered": 2, "content_share": 0.7,
               "content_clause_information_deficit": -1.5, "content_clause_information": 15.0,
               "content_runs": False, "content_run": 3, "content_information_deficit": -1.0, "moved_surplus": 1.0,
               "roles": False}

    def check(self, doc: Document, ctx: Context) -> Iterator[Issue]:
        lang = doc.target_language if doc.target_language != "und" else "fr"
        o = self.opts
        src_lang = doc.source_language or "de"
        paragraphs = doc.paragraphs
        for n, p in enumerate(paragraphs):
            src = p.source
            if not src or not src.strip():
                continue
            target = doc.view[p.start : p.end]
            if not target.strip():
                continue  # an empty translation is the truncation rules' business
            if continues_sentence(src, target):
                continue  # the line goes on with a sentence its source line does not hold
            ratio = len(target.strip()) / max(1, len(src.strip()))
            state = None
            missing_clause = self._missing_clause(src, target, lang) if ratio < o["short_ratio"] else None
            if missing_clause:
                yield self.issue(
                    doc, p.start, p.end,
                    f"The source clause '{missing_clause}' seems to have no counterpart in the translation "
                    f"(none of its names or numbers is there)",
                    (), clause=missing_clause, ratio=round(ratio, 3),
                )
            elif (why := self._short(src, target, lang, src_lang, ratio)) is not None:
                if o["content_words"] and self._moved_away(paragraphs, n, doc, src, target, lang, src_lang):
                    continue  # what this line lacks, the line beside it says
                yield self.issue(
                    doc, p.start, p.end,
                    f"The translation is {ratio:.0%} of the source's length, {why}: part of the source seems to be missing"
                    f"{self._what_is_missing(src, target, lang)}{self._guess(src, target, lang, src_lang)}",
                    (), ratio=round(ratio, 3),
                )
            elif o["content_words"] and (state := self._content(src, target, lang, src_lang, ratio)) and (
                    found := self._unrendered_clause(paragraphs, n, doc, src, target, lang, src_lang, state)):
                clause, lost = found
                said = ", ".join(f"'{w}'" for w in lost[:6])
                yield self.issue(
                    doc, p.start, p.end,
                    f"The source clause '{clause[:100]}' seems to have no counterpart in the translation "
                    f"(none of its words {said} is rendered, while the rest of the source is)",
                    (), clause=clause, words=lost, ratio=round(ratio, 3),
                )
            elif o["content_runs"] and state and (run := self._unrendered_run(paragraphs, n, doc, lang, state)):
                said = ", ".join(f"'{w}'" for w in run[:6])
                yield self.issue(
                    doc, p.start, p.end,
                    f"The source words {said} follow one another and none of them is rendered, while the "
                    f"rest of the source is: that part of the source seems to be missing",
                    (), words=run, ratio=round(ratio, 3),
                )
            elif o["roles"] and (roles := content_words.dropped_roles(src, target, lang)):
                said = "; ".join(f"'{r.word.text}' before '{r.name}'" for r in roles[:3])
                yield self.issue(
                    doc, p.start, p.end,
                    f"The source's {said} seems to have no counterpart in the translation: the name is "
                    f"kept, the word before it is not rendered", (), words=[r.word.text for r in roles],
                )

    def _short(self, src: str, target: str, lang: str, src_lang: str, ratio: float) -> str | None:
        """Why a translation short for its source seems to lack part of it, or None. Where both
        languages have word frequencies: it says far less than its source (the information
        length of :mod:`mtqa.analysis.information`), or less, while much shorter in characters
        too. Otherwise, by characters alone: under ``min_ratio`` of a source of ``min_chars``;
        much too short for the source's length; too short, with fewer clauses than the source;
        or short, with a sentence without a verb where every sentence of the source is a full
        one."""
        o = self.opts
        z = length_deficit(src, target, o["expected_ratio"])
        too_short = len(src.strip()) >= o["min_chars"] and ratio < o["min_ratio"]
        if measurable(src_lang) and measurable(lang):
            if ratio >= o["short_ratio"]:
                return None  # as long as its source: rare words of a garbled source, not a gap
            i_src, i_tgt = information(src, src_lang, target, lang)
            zi = (i_tgt - o["expected_information"] * i_src) / math.sqrt(max(1.0, i_src))
            less = 1 - i_tgt / max(1e-9, o["expected_information"] * i_src)
            if zi < o["information_deficit"]:
                return f"and it says about {less:.0%} less than its source would (its words are fewer and commoner)"
            if zi < o["joint_information_deficit"] and (too_short or z < o["joint_deficit"]):
                return (f"far shorter than usual, and it says about {less:.0%} less than its source would "
                        f"(its words are fewer and commoner)")
            if zi < o["clause_information_deficit"]:
                n_src, n_tgt = main_clauses(src, lang), len(clauses(target))
                if n_tgt < n_src:
                    return (f"it says about {less:.0%} less than its source would, with {n_tgt} "
                            f"clause{'s' if n_tgt > 1 else ''} for the source's {n_src}")
            return None
        if too_short:
            return "far shorter than usual"
        if z >= o["short_deficit"]:
            return None
        if z < o["deficit"]:
            return "far shorter than usual for a source of this length"
        if z < o["clause_deficit"]:
            n_src, n_tgt = main_clauses(src, lang), len(clauses(target))
            if n_tgt < n_src:
                return f"far shorter than usual, with {n_tgt} clause{'s' if n_tgt > 1 else ''} for the source's {n_src}"
        if _sentence_source(src):
            bare = verbless_sentences(target, lang)
            if bare:
                return f"far shorter than usual, and '{bare[0][:60]}' has no verb"
        return None

    def _content(self, src: str, target: str, lang: str, src_lang: str, ratio: float):
        """The source's content words, whether the target renders each, and the information
        deficit; None where the content-word checks do not apply (a target as long as its
        source, no word frequencies, too few content words)."""
        o = self.opts
        if ratio >= o["short_ratio"] or not (measurable(src_lang) and measurable(lang)):
            return None
        i_src, i_tgt = information(src, src_lang, target, lang)
        zi = (i_tgt - o["expected_information"] * i_src) / math.sqrt(max(1.0, i_src))
        gate = o["content_clause_information_deficit"]
        if o["content_runs"]:
            gate = max(gate, o["content_information_deficit"])
        if zi >= gate:
            return None  # the target says about what its source says: no lexicon work
        words = content_words.source_words(src, lang)
        if len(words) < o["content_clause"] + o["content_rendered"]:
            return None
        t = content_words.Target(target)
        return words, [content_words.render(w, t).rendered for w in words], zi, t

    def _anchored(self, done: list[bool], lost: list[int]) -> bool:
        """The words of the source outside ``lost`` are rendered: ``content_rendered`` of them,
        and ``content_share`` of them at least (the two sides are aligned)."""
        rest = [d for k, d in enumerate(done) if k not in lost]
        return sum(rest) >= self.opts["content_rendered"] and sum(rest) >= self.opts["content_share"] * len(rest)

    def _kept_as_said(self, paragraphs, n: int, doc: Document, words, lang: str, need: int) -> list[str] | None:
        """The distinct texts of ``words`` that did not move to a neighbouring line, when
        ``need`` of them are left."""
        moved = self._moved(paragraphs, n, doc, words, lang)
        lost = [w for w in dict.fromkeys(w.text for w in words) if w not in moved]
        return lost if len({w.casefold() for w in lost}) >= need else None

    def _unrendered_clause(self, paragraphs, n: int, doc: Document | None, src: str, target: str, lang: str,
                           src_lang: str, state) -> tuple[str, list[str]] | None:
        """A clause of the source (as the anchor check cuts them) with ``content_clause``
        different content words (:mod:`mtqa.analysis.content_words`), none rendered in the
        target, and no name or number that the target keeps, while the rest of the source is
        rendered (:meth:`_anchored`) and the target says less than its source would
        (information deficit under ``content_clause_information_deficit``). Content words that
        the line before or after renders while its own source lacks them moved there, and do
        not count."""
        o = self.opts
        words, done, zi, t = state
        if zi >= o["content_clause_information_deficit"]:
            return None
        for a, b, found in self._anchors(src, target, lang):
            if any(k for _, k in found):
                continue  # a name or number of the clause is in the target
            inside = [k for k, w in enumerate(words) if a <= w.start < b]
            if not inside or any(done[k] for k in inside):
                continue
            if len({words[k].text.casefold() for k in inside}) < o["content_clause"]:
                continue
            if not self._anchored(done, inside):
                continue
            if information(src[a:b], src_lang, "", lang)[0] < o["content_clause_information"]:
                continue  # a clause that says little: a particle, a fixed phrase
            if content_words.stem_anchors(src[a:b], t):
                continue  # a word of the clause is kept, or rendered by a word of its stem
            lost = self._kept_as_said(paragraphs, n, doc, [words[k] for k in inside], lang, o["content_clause"])
            if lost:
                return src[a:b].strip(), lost
        return None

    def _unrendered_run(self, paragraphs, n: int, doc: Document, lang: str, state) -> list[str] | None:
        """With ``content_runs`` (off by default): content words of the source that follow one
        another, ``content_run`` different ones at least, none rendered, while the rest of the
        source is (:meth:`_anchored`) and the information deficit is under
        ``content_information_deficit``; the words that moved to a neighbouring line aside."""
        o = self.opts
        words, done, zi, _ = state
        if zi >= o["content_information_deficit"]:
            return None
        best: tuple[int, int] = (0, 0)
        i = 0
        while i < len(words):
            if done[i]:
                i += 1
                continue
            j = i
            while j < len(words) and not done[j]:
                j += 1
            if len({w.text.casefold() for w in words[i:j]}) > len({w.text.casefold() for w in words[best[0]:best[1]]}):
                best = (i, j)
            i = j
        a, b = best
        if len({w.text.casefold() for w in words[a:b]}) < o["content_run"] or not self._anchored(done, list(range(a, b))):
            return None
        return self._kept_as_said(paragraphs, n, doc, words[a:b], lang, o["content_run"])

    def _moved_away(self, paragraphs, n: int, doc: Document, src: str, target: str, lang: str, src_lang: str) -> bool:
        """The content words this line does not render (two at least) are rendered, two in
        three of them, by the target of the line before or after, whose own source lacks them
        and which says more than its source would (information surplus over ``moved_surplus``):
        the translator moved that part of the text to the neighbouring line."""
        t = content_words.Target(target)
        lost = [w for w in content_words.source_words(src, lang) if not content_words.render(w, t).rendered]
        if len({w.text.casefold() for w in lost}) < 2:
            return False
        for k in (n - 1, n + 1):
            if not 0 <= k < len(paragraphs) or not paragraphs[k].source:
                continue
            q = paragraphs[k]
            other = doc.view[q.start : q.end]
            i_src, i_tgt = information(q.source, src_lang, other, lang)
            if (i_tgt - self.opts["expected_information"] * i_src) / math.sqrt(max(1.0, i_src)) < self.opts["moved_surplus"]:
                continue
            moved = self._moved(paragraphs, n, doc, lost, lang, only=k)
            if len(moved) >= 2 and len(moved) >= 2 * len(lost) / 3:
                return True
        return False

    def _moved(self, paragraphs, n: int, doc: Document | None, words, lang: str, only: int | None = None) -> set[str]:
        """The words that the line before or after (the line ``only``, when given) renders
        while its own source lacks them (:func:`mtqa.analysis.content_words.moved`)."""
        if doc is None:
            return set()
        lines = [paragraphs[k] for k in ((n - 1, n + 1) if only is None else (only,))
                 if 0 <= k < len(paragraphs) and paragraphs[k].source]
        return content_words.moved(words, [(q.source, doc.view[q.start : q.end]) for q in lines], lang)

    def _anchors(self, src: str, target: str, lang: str) -> list[tuple[int, int, list[tuple[str, bool]]]]:
        """Per source clause: its span and its anchors (names, numbers of two digits or more),
        each with whether the target keeps it."""
        names = source_names(src, lang)
        toks, folded = target_index(target)
        tgt_atoms = atoms(target)
        target_keys = set().union(*(keys(a) for a, _, _ in tgt_atoms)) if tgt_atoms else set()
        out = []
        for a, b in clauses(src):
            found = [(n.text, bool(kept(n, toks, folded, lang))) for n in names if a <= n.start < b]
            found += [(atom, _number_kept(atom, target_keys)) for atom, _, _ in atoms(src[a:b])
                      if sum(c.isdigit() for c in atom) >= 2]
            out.append((a, b, found))
        return out

    def _missing_clause(self, src: str, target: str, lang: str) -> str | None:
        per_clause = self._anchors(src, target, lang)
        if not any(k for _, _, found in per_clause for _, k in found):
            return None  # nothing anchors the two sides: maybe not aligned at all
        for a, b, found in per_clause:
            if len(found) >= self.opts["min_anchors"] and not any(k for _, k in found):
                return src[a:b].strip()
        return None

    def _lacking_clause(self, src: str, target: str, lang: str, src_lang: str) -> str | None:
        """The one source clause whose removal would leave a source that says what the target
        says (the information deficit back within one unit), when exactly one clause does, and
        none of its names and numbers is in the target."""
        spans = clauses(src)
        if len(spans) < 2 or not (measurable(src_lang) and measurable(lang)):
            return None
        o = self.opts
        fits = []
        for a, b, found in self._anchors(src, target, lang):
            if any(k for _, k in found):
                continue  # a name or number of the clause is there
            i_src, i_tgt = information(src[:a] + " " + src[b:], src_lang, target, lang)
            if abs(i_tgt - o["expected_information"] * i_src) <= math.sqrt(max(1.0, i_src)):
                fits.append(src[a:b].strip())
        return fits[0] if len(fits) == 1 else None

    def _guess(self, src: str, target: str, lang: str, src_lang: str) -> str:
        if self.opts["content_words"]:
            words = content_words.source_words(src, lang)
            t = content_words.Target(target)
            found = self._unrendered_clause(None, -1, None, src, target, lang, src_lang,
                                            (words, [content_words.render(w, t).rendered for w in words], -math.inf, t))
            if found:
                clause, lost = found
                said = ", ".join(f"'{w}'" for w in lost[:6])
                return f"; it seems to lack '{clause[:100]}' (none of its words {said} is rendered)"
        c = self._lacking_clause(src, target, lang, src_lang)
        if c and self.opts["content_words"] and content_words.mostly_rendered(c, target, lang):
            c = None  # the translation renders that clause's words: it lacks something else
        return f"; it seems to lack '{c[:100]}' (the rest of the source says about as much as the translation)" if c else ""

    def _what_is_missing(self, src: str, target: str, lang: str) -> str:
        """For a finding of the length models: the source's names and numbers the target lacks,
        and the clause they stand in when none of its anchors is kept ('' when all are kept)."""
        per_clause = self._anchors(src, target, lang)
        lost = list(dict.fromkeys(t for _, _, found in per_clause for t, k in found if not k))
        if not lost:
            return ""
        said = ", ".join(f"'{t}'" for t in lost[:4])
        for a, b, found in per_clause:
            if found and not any(k for _, k in found) and len(clauses(src)) > 1:
                return f"; not in the translation: {said}, perhaps the whole clause '{src[a:b].strip()[:80]}'"
        return f"; not in the translation: {said}"
