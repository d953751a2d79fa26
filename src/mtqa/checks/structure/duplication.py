"""Repeated paragraphs and sentences (MTQ410)."""

from __future__ import annotations

from collections.abc import Iterator

from ...analysis import source_shape
from ...analysis.source_shape import norm_words, shingles
from ...lint.context import Context
from ...lint.registry import register
from ...lint.rule import Rule
from ...model import Advice, Document, Issue, Severity
from ...segment import WORD_RE


@register
class Duplication(Rule):
    """A paragraph or sentence that repeats an earlier one exactly or nearly.

    What it does
        Compares every paragraph with the earlier ones (normalised words: case, punctuation and
        apostrophes folded): an exact repeat, a near repeat (word 3-gram overlap of at least
        ``similarity``), a paragraph that repeats an earlier teaser in full, or one that starts with
        an earlier headline. Then sentences of at least ``min_words`` words repeated in another
        paragraph. The later copy is reported; the message names the line and offset of the first.
        With an aligned source, a repeat that the source makes too (the same or nearly the same
        source segment, a headline the source repeats, a sentence the two source segments share) is
        faithful translation and is not reported.

    Why it matters
        Scraped and machine-translated articles repeat the headline as the first line, the teaser in
        full after its truncated version, or a whole paragraph. Readers notice at once.

    Example
        Flagged: ``La piscine municipale rouvre samedi``
                 ``La piscine municipale rouvre samedi La piscine rouvrira après six mois de travaux.``
        Flags: ``La piscine municipale rouvre samedi``
        Better: ``La piscine municipale rouvre samedi``
                ``La piscine rouvrira après six mois de travaux.``

    Options
        ``min_words`` (default 6): shortest sentence or paragraph compared;
        ``similarity`` (default 0.85): 3-gram overlap for a near repeat.

    Known limits
        Paragraphs are compared through an index of their 3-grams, so a rewording that shares few
        3-grams with the first copy is not found. Short repeated lines are left to the boilerplate
        rules.
    """

    code = "MTQ410"
    name = "duplicate"
    category = "duplication"
    severity = Severity.WARNING
    options = {"min_words": 6, "similarity": 0.85}

    def check(self, doc: Document, ctx: Context) -> Iterator[Issue]:
        min_words = self.opts["min_words"]
        sim = self.opts["similarity"]
        index: dict[tuple[str, ...], list[int]] = {}
        seen: list[tuple[int, list[str], set[tuple[str, ...]]]] = []  # (paragraph index, words, shingles)
        exact: dict[tuple[str, ...], int] = {}
        dup_paras: set[int] = set()
        paras = doc.paragraphs
        for p in paras:
            text = doc.view[p.start : p.end]
            words = norm_words(text)
            if len(words) < min_words:
                # short lines: only a headline repeated at the start of a later paragraph counts
                if len(words) >= 3:
                    exact.setdefault(tuple(words), p.index)
                continue
            key = tuple(words)
            if key in exact:
                first = paras[exact[key]]
                dup_paras.add(p.index)
                if not source_shape.repeats(p.source, first.source):
                    yield self._found(doc, p.start, p.end, first, "Paragraph repeats the paragraph")
                continue
            sh = shingles(words)
            best, best_sim, kind = None, 0.0, ""
            counts: dict[int, int] = {}
            for s in sh:
                for j in index.get(s, ()):
                    counts[j] = counts.get(j, 0) + 1
            for j, c in counts.items():
                _, w2, sh2 = seen[j]
                if len(w2) < len(words) and words[: len(w2)] == w2 and c / max(1, len(sh2)) > 0.99:
                    best, best_sim, kind = j, 1.0, "prefix"
                    break
                jac = c / max(1, len(sh | sh2)) if len(sh2) else 0.0
                if jac >= sim and jac > best_sim:
                    best, best_sim, kind = j, jac, "near"
            if best is not None:
                first = paras[seen[best][0]]
                if source_shape.repeats(p.source, first.source) or (
                    kind == "prefix" and source_shape.starts_with(p.source, first.source)
                ):
                    dup_paras.add(p.index)  # the source repeats it: a faithful translation
                elif kind == "near":
                    dup_paras.add(p.index)
                    yield self._found(doc, p.start, p.end, first, "Paragraph nearly repeats the paragraph", similarity=round(best_sim, 2))
                elif doc.view[first.start : first.end].rstrip().endswith(("...", "…")):
                    dup_paras.add(p.index)
                    yield self._found(doc, p.start, p.end, first, "Paragraph repeats in full the teaser")
                else:
                    end = self._prefix_end(doc, p.start, p.end, len(seen[best][1]))
                    if end is not None:
                        yield self._found(doc, p.start, end, first, "Paragraph starts by repeating the line")
            else:
                # a headline (short earlier line) repeated at the start of this paragraph
                for n in range(min(len(words) - 1, 20), 2, -1):
                    j = exact.get(tuple(words[:n]))
                    if j is not None and j != p.index:
                        end = self._prefix_end(doc, p.start, p.end, n)
                        if end is not None and not source_shape.starts_with(p.source, paras[j].source):
                            yield self._found(doc, p.start, end, paras[j], "Paragraph starts by repeating the line")
                        break
            exact.setdefault(key, p.index)
            k = len(seen)
            seen.append((p.index, words, sh))
            for s in sh:
                index.setdefault(s, []).append(k)
        # sentences repeated in another paragraph
        sent_seen: dict[tuple[str, ...], tuple[int, int, int]] = {}
        for s in doc.sentences:
            if s.parent in dup_paras:
                continue
            words = norm_words(doc.view[s.start : s.end])
            if len(words) < min_words:
                continue
            key = tuple(words)
            if key in sent_seen and sent_seen[key][2] != s.parent:
                fs, fe, first_para = sent_seen[key]
                if source_shape.shares_passage(paras[s.parent].source, paras[first_para].source, len(words)):
                    continue
                line, col = doc.position(fs)
                yield self.issue(
                    doc, s.start, s.end,
                    f"Sentence repeats the one at line {line}, column {col}",
                    [Advice("remove the repeat")],
                    related={"start": fs, "end": fe, "line": line, "column": col},
                )
            else:
                sent_seen.setdefault(key, (s.start, s.end, s.parent))

    def _prefix_end(self, doc: Document, start: int, end: int, n: int) -> int | None:
        ms = list(WORD_RE.finditer(doc.view, start, end))
        if len(ms) < n:
            return None
        return ms[n - 1].end()

    def _found(self, doc: Document, start: int, end: int, first, label: str, **data) -> Issue:
        line, col = doc.position(first.start)
        return self.issue(
            doc, start, end,
            f"{label} at line {line}, column {col} (offset {first.start})",
            [Advice("remove the repeat")],
            related={"start": first.start, "end": first.end, "line": line, "column": col},
            **data,
        )
