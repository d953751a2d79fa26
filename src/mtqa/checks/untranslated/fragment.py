"""Words and phrases left in another language inside target-language sentences (MTQ101)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from functools import lru_cache

from ... import packs
from ...analysis import langid, wordlang
from ...analysis.frequencies import derived
from ...analysis.langid import zipf
from ...analysis.terminology.terms import strip_accents
from ...lint.context import Context
from ...lint.registry import register
from ...lint.rule import Rule
from ...model import Advice, Document, Issue, Severity
from ...segment import WORD_RE
from ...analysis.foreign import lang_name, min_confidence, profile, rule_active, source_language, suggestions
from .sentence import sentence_runs
from .source_copy import source_copies


def fragments(doc: Document, ctx: Context, opts: dict) -> list[tuple[wordlang.Span, int]]:
    """Foreign spans of every sentence of ``doc`` with the index of their sentence (cached)."""
    prof = profile(doc, ctx, opts.get("languages"), opts.get("switch_cost"))
    if prof is None:
        return []
    key = ("fragments", prof)
    if key not in doc.cache:
        out = []
        for s in doc.sentences:
            for span in _sentence_spans(doc.view[s.start : s.end], prof):
                out.append((replace(span, start=span.start + s.start, end=span.end + s.start), s.index))
        doc.cache[key] = out
    return doc.cache[key]


@lru_cache(maxsize=20_000)
def _sentence_spans(text: str, prof: wordlang.Profile) -> tuple[wordlang.Span, ...]:
    """The foreign spans of one sentence's text, offsets from its start. The detector reads
    nothing outside the sentence, so the spans are memoised on its text: a sentence a run or a
    server meets again (a re-sent paragraph, a repeated line) is not analysed twice."""
    return tuple(wordlang.foreign_spans(text, 0, len(text), prof))


def covered(doc: Document, ctx: Context) -> list[tuple[int, int]]:
    """Spans reported whole by the active sentence (MTQ102) and source-copy (MTQ103) rules."""
    spans: list[tuple[int, int]] = []
    if rule_active(ctx, "MTQ102"):
        spans += [(run[0].start, run[-1].end) for run in sentence_runs(doc, ctx)]
    if doc.has_source and rule_active(ctx, "MTQ103"):
        spans += [(p.start, p.end) for p, _, _ in source_copies(doc, ctx)]
    return spans


def _in_source(doc: Document, start: int, end: int) -> bool:
    """Every word of the span occurs in the aligned source of its paragraph, alone, as a part of
    a hyphenated compound ("Modeling-Technologie"), or fused with its neighbour into a word of
    the source ("call center" / "Callcenter", "Mac book" / "Macbook"); or the span's words
    joined make a word of the source ("cheese balls" / "Cheeseballs")."""
    p = doc.paragraph_at(start)
    if p is None or not p.source:
        return False
    src = {part.casefold() for w in WORD_RE.findall(p.source) for part in (w, *w.split("-"), w.replace("-", ""))}
    words = [w.casefold() for w in WORD_RE.findall(doc.view[start:end])]
    if not words:
        return False
    if "".join(w.replace("-", "") for w in words) in src:
        return True
    before = WORD_RE.findall(doc.view[p.start : start])
    after = WORD_RE.findall(doc.view[end : p.end])
    ext = [before[-1].casefold() if before else "", *words, after[0].casefold() if after else ""]

    def known(i: int) -> bool:
        w = ext[i]
        if w in src or (ext[i - 1] and ext[i - 1] + w in src) or (ext[i + 1] and w + ext[i + 1] in src):
            return True
        return "-" in w and all(part in src for part in w.split("-") if part)

    return all(known(i) for i in range(1, len(ext) - 1))


def _whole_quotation(text: str, start: int, end: int, lang: str, others: tuple[str, ...], max_words: int = 3) -> bool:
    """The span stands inside a short quotation of its own ("mangent des « ribs »", "des \"care
    days\""): words the writer cites in their language, not words left untranslated."""
    i = start - 1
    while i >= 0 and text[i] not in _OPENING and text[i] not in "\n.!?" and start - i <= _QUOTE_REACH:
        i -= 1
    if i < 0 or text[i] not in _OPENING:
        return False
    if text[i] == '"' and text.count('"', text.rfind("\n", 0, i) + 1, i) % 2:
        return False  # a straight quote that closes an earlier quotation
    closers = _CLOSING[text[i]]
    j = end
    while j < len(text) and text[j] not in closers and text[j] not in "\n.!?" and j - end <= _QUOTE_REACH:
        j += 1
    if j >= len(text) or text[j] not in closers:
        return False
    inside = text[i + 1 : j]
    if any(c in inside for c in _OPENING + "".join(_CLOSING.values())):
        return False  # another quotation inside or between: not one short quotation
    words = WORD_RE.findall(inside)
    rest = WORD_RE.findall(text[i + 1 : start]) + WORD_RE.findall(text[end:j])
    # the rest of the quotation is not in the target language ("le « increase des Saints »" is a
    # French phrase with an English word in it)
    return len(words) <= max_words and not any(
        zipf(w.lower(), lang) > max((zipf(w.lower(), o) for o in others), default=0.0) for w in rest
    )


def _cited(doc: Document, start: int, end: int, src_lang: str | None, langs: tuple[str, ...]) -> bool:
    """Whether a short quotation that is the whole fragment is a citation. Without a source, it
    is (``des « ribs »``). With one, the source decides: the source writes the quoted words too
    and they are not words of the source language (a German text that quotes an English term,
    „der fight“), so the writer cites them; words of the source language in quotation marks
    (``« dürftig »``) are source text copied, and foreign words that the source lacks were put
    there by the translation."""
    if src_lang is None:
        return True
    if not _in_source(doc, start, end):
        return False
    words = [w.lower() for w in WORD_RE.findall(doc.view[start:end])]
    others = [lang for lang in langs if lang != src_lang]
    source_words = sum(1 for w in words if zipf(w, src_lang) > max((zipf(w, o) for o in others), default=0.0))
    return 2 * source_words < len(words)


_QUOTE_REACH = 40  # characters between the span and its quotation marks, at most


_OPENING = "«“\"„‘"  # not the apostrophe: it ends an elided word ("l'appliance")
_CLOSING = {"«": "»", "“": "”\"", "\"": "\"“”", "„": "“”", "‘": "’"}
_LEXICON_FREQ = 10.0  # occurrences per million words (Lexique) from which a lexicon word is a common word of the
# language: film subtitles put English words ("about", "book") in Lexique, but rarely this often


def _lexicon_word(lang: str, text: str) -> bool:
    """A single word that the target language's lexicon knows as a common word of its own
    ("une case", "la séance est close", "le care"), whatever other languages make of it."""
    from ... import lexicon

    words = WORD_RE.findall(text)
    if len(words) != 1 or not lexicon.available(lang):
        return False
    return any(a.freq >= _LEXICON_FREQ for a in lexicon.load(lang).analyses(lexicon.normalize(words[0])))


def _declared(doc: Document, start: int, language: str) -> bool:
    """The fragment at ``start`` follows, in its paragraph and with no sentence break between, a
    language mark of its own language, as references and bibliographies write one before a cited
    title (``- (en) Maggie O'Kane, This time I'm scared, The Guardian``, ``[de] Der Spiegel``):
    the writer says the words are in that language."""
    p = doc.paragraph_at(start)
    if p is None:
        return False
    before = doc.view[p.start : start]
    marks = list(re.finditer(r"[(\[]\s*(" + re.escape(language) + r")\s*[)\]]", before, re.I))
    if not marks:
        return False
    between = before[marks[-1].end() :]
    return re.search(r"[.!?]\s+[A-ZÀ-Þ]", between) is None


_ACRONYM = re.compile(r"[A-ZÄÖÜ]{2,}[0-9]*")


def _name_part(doc: Document, start: int, end: int, text: str) -> bool:
    """A single capitalised word kept as the source writes it, right after an acronym or a
    capitalised word the source writes too: part of a name ("ARD Mediathek", "Deutsche Bahn")."""
    if " " in text.strip() or not text[:1].isupper():
        return False
    p = doc.paragraph_at(start)
    if p is None or not p.source or not re.search(rf"(?<!\w){re.escape(text)}(?!\w)", p.source):
        return False
    before = WORD_RE.findall(doc.view[p.start : start])
    prev = before[-1] if before else ""
    gap = doc.view[start - len(prev) - 1 : start] if prev else ""
    if not prev or not gap.endswith(" "):
        return False
    return bool(_ACRONYM.fullmatch(prev)) or (
        prev[:1].isupper() and re.search(rf"(?<!\w){re.escape(prev)}\s+{re.escape(text)}(?!\w)", p.source) is not None
    )


_ACCENT_GAP = 0.8  # Zipf points by which the accented form must beat the bare one
_BARE_WORDS = 1  # other words of the paragraph written without their accents that show the habit


@lru_cache(maxsize=None)
def _accented(lang: str) -> dict[str, str]:
    """Words of the language's frequency list that carry accents, by their bare spelling
    (``reception`` -> ``réception``), the most frequent first; kept in mtqa's cache."""

    def build() -> dict[str, str]:
        from wordfreq import top_n_list

        out: dict[str, str] = {}
        for w in top_n_list(lang, 100_000):
            bare = strip_accents(w)
            if bare != w and w.isalpha():
                out.setdefault(bare, w)
        return out

    return derived(f"accented-{lang}", build, dict)


def _restored(word: str, lang: str) -> str | None:
    """The accented word that ``word`` is once its accents are put back, when that word is
    clearly more frequent than ``word`` as written."""
    w = word.lower()
    full = _accented(lang).get(w)
    if full is None or zipf(full, lang) < zipf(w, lang) + _ACCENT_GAP:
        return None
    return full


def _drops_accents(doc: Document, start: int, lang: str, others: tuple[str, ...]) -> frozenset[str]:
    """The words the paragraph at ``start`` writes without their accents that no candidate
    language knows either ("etre", "telecharger", "derreur"): chat and forum writing that leaves
    accents out, as opposed to an English word that is a French one without its accents
    ("illegal")."""
    p = doc.paragraph_at(start)
    text = doc.view[p.start : p.end] if p is not None else ""
    words = {w.lower() for w in WORD_RE.findall(text) if w.isascii() and w.isalpha() and len(w) >= 3}
    return frozenset(
        w for w in words if _restored(w, lang) and max((zipf(w, o) for o in others), default=0.0) < _FOREIGN_KNOWN
    )


_FOREIGN_KNOWN = 1.5  # Zipf: a bare spelling this frequent in a candidate language may be that language's word


def _unaccented(doc: Document, start: int, lang: str, text: str, others: tuple[str, ...]) -> bool:
    """In a paragraph that writes French words without their accents, every word of ``text``
    (at ``start``) is a word of the language once its accents are back, or a common one already
    ("version complete", "la reception"), and the paragraph leaves out other accents too."""
    if lang not in langid.wordfreq_languages():
        return False
    words = [w.lower() for w in WORD_RE.findall(text)]
    bare = [w for w in words if _restored(w, lang)]
    if not bare or any(w not in bare and zipf(w, lang) < _TARGET_COMMON for w in words):
        return False
    return len(_drops_accents(doc, start, lang, others) - set(bare)) >= _BARE_WORDS


_TARGET_COMMON = 4.0  # Zipf: a word this common in the target language is one of its words


@register
class UntranslatedFragment(Rule):
    """Words or phrases left in another language inside a target-language sentence.

    What it does
        Gives every word a probability in the target language and in each candidate language
        (English and German by default, plus the source language of the run) from wordfreq
        frequencies, with a character-trigram model for words the lists lack, and smooths them over
        neighbouring words with a hidden Markov model (forward-backward), so that a run of foreign
        words is found as one span with the language it seems to be in and a confidence. Names
        (capitalised words and their connecting words), acronyms, numbers, URLs, e-mail addresses,
        handles, hashtags, code, quoted titles, a title right after its cue word even without
        quotes (``le blog intitulé Running with Friends``, ``titre original : ...``), a short
        quotation that is a whole parenthesis (the original term after its translation:
        ``une action de groupe (« class action »)``) and the established loanwords of
        ``rules/<lang>/loanwords.txt`` (trades' and sports' own terms among them) count as neutral. Common function-word leftovers get a
        suggestion from ``rules/<lang>/untranslated.yaml``. Sentences reported whole by MTQ102 and
        segments reported by MTQ103 are left to them. With an aligned source, a fragment in a third
        language whose words the source itself uses ("Fast forward" in a German post, an English
        trade term the German text writes too, also when the source fuses the words into one:
        ``cheese balls`` / ``Cheeseballs``, ``Mac book`` / ``Macbook``) is the author's choice,
        kept as written, and is not reported; words of the source language copied into the target
        still are. Without a source, a short quotation (up to three words) that is the whole fragment
        is a word the writer cites (``des « ribs »``); with one, the source decides: quoted words
        the source writes too and that are not of the source language are the author's citation,
        quoted words of the source language are source text copied, and quoted foreign words the
        source lacks were put there by the translation. A foreign word explained in the target
        language by the parenthesis right after it (``des lebkuchen (pains d'épices au miel)``)
        is cited, and a capitalised foreign noun right beside a capitalised name word is part of
        the name, in whatever case its language gives it (``la Süddeutschen Zeitung``). A single word that
        the target language's lexicon knows as a common word (``une case``, ``la séance est
        close``) is not reported, and neither is a French word written without its accents in a
        paragraph that leaves out other accents too (``la reception a echoue``). The period of an
        initial (``Peter J. Kind``) does not start a sentence, so the capital after it marks a name.
        Words after a language mark of their own language, as references write one before a cited
        title (``(en) Maggie O'Kane, This time I'm scared, The Guardian``), are declared, not left.
        An acronym of another language that the target language writes its own way
        (``rules/<lang>/foreign_acronyms.tsv``: ``PTSD`` for ``TSPT``, ``NATO`` for ``OTAN``) is
        reported with the target's form, unless the sentence gives that form too, a capitalised
        word beside it makes it part of a name (``DNA Paris``), it is quoted on its own, or the
        aligned source writes it too (MTQ104 reads the source for those).

    Why it matters
        Machine translation leaves pieces untranslated, sometimes from a pivot language rather than
        the source ("At a rencontre" in a text translated from German); readers notice at once.

    Example
        Flagged: ``At a rencontre en Corée du Nord, Vladimir Poutine et Kim Jong Un ...``
        Flags: ``At a``
        Better: ``Lors d'une rencontre en Corée du Nord, Vladimir Poutine et Kim Jong Un ...``

    Options
        ``min_confidence``: findings below it are dropped (default: the ``min_confidence`` of the
        target language's settings, ``tool.mtqa.languages.<lang>``, else the run's
        ``--min-confidence``, 0.8). ``languages``: the candidate languages (default: the language
        settings' ``foreign_languages``, else those of ``rules/<lang>/untranslated.yaml``).
        ``min_letters`` (default 3): shorter fragments, and single words of fewer than
        ``min_letters + 1`` letters, are ignored. ``switch_cost`` (default 1.2): the cost in nats
        of a change of language; higher means fewer, longer fragments. The language settings may
        also add ``loanwords = [...]`` to the allowlist.

    Known limits
        A single foreign word that French also uses a lot ("meeting", "business") is left alone
        unless it is part of a longer foreign run; German common nouns are capitalised and so look
        like names unless neighbouring words are German too; a quotation of more than three words
        deliberately kept in its original language is reported unless it looks like a title.
        Without a source, a quoted word of the source language left untranslated is taken for a
        citation and missed.
    """

    code = "MTQ101"
    name = "untranslated-fragment"
    category = "untranslated"
    severity = Severity.INFO  # follows its precision on real MT (rules/fr/precision.yaml)
    requires = frozenset({"wordfreq"})
    options = {"min_confidence": None, "languages": None, "min_letters": 3, "switch_cost": None}

    def check(self, doc: Document, ctx: Context) -> Iterator[Issue]:
        target = doc.target_language
        if target == "und":
            return
        threshold = min_confidence(self.opts, ctx, target)
        skip = covered(doc, ctx)
        src_lang = source_language(doc) if doc.has_source else None
        prof = profile(doc, ctx, self.opts.get("languages"), self.opts.get("switch_cost"))
        prof_others = prof.others if prof is not None else ()
        for span, sent in fragments(doc, ctx, self.opts):
            if span.confidence < threshold or any(a <= span.start and span.end <= b for a, b in skip):
                continue
            text = doc.text[span.start : span.end]
            letters = sum(1 for c in text if c.isalpha())
            # one short word alone ("dpa", "epd") is more often an abbreviation than a leftover
            if letters < self.opts["min_letters"] or (span.words == 1 and letters < self.opts["min_letters"] + 1):
                continue
            if src_lang and span.language != src_lang and _in_source(doc, span.start, span.end):
                continue  # the source itself writes these foreign words: kept as the author wrote them
            if src_lang and _name_part(doc, span.start, span.end, text):
                continue  # "ARD Mediathek": a capitalised word of a name kept as the source writes it
            if _whole_quotation(doc.view, span.start, span.end, target, prof_others) and _cited(
                doc, span.start, span.end, src_lang, (target, *prof_others)
            ):
                continue  # a word the writer cites in its own language, in quotation marks
            if _lexicon_word(target, text):
                continue  # a word of the target language that another language uses more
            if _declared(doc, span.start, span.language):
                continue  # "(en) Maggie O'Kane, This time I'm scared": the writer marks the language
            if _unaccented(doc, span.start, target, text, prof_others):
                continue  # "la version complete": a French word written without its accents
            yield self.issue(
                doc, span.start, span.end,
                f"{lang_name(span.language)} fragment '{text}' left in {lang_name(target)} text",
                suggestions(target, text) or [Advice("translate")],
                confidence=span.confidence,
                language=span.language,
            )
        if ACRONYM_CONFIDENCE >= threshold:
            for start, end, language, forms in foreign_acronyms(doc, target):
                if any(a <= start and end <= b for a, b in skip):
                    continue
                text = doc.text[start:end]
                acr = [f for f in forms if f.isupper()]
                yield self.issue(
                    doc, start, end,
                    f"{lang_name(language)} acronym '{text}' left in {lang_name(target)} text: {lang_name(target)} writes '{forms[0]}'",
                    [acr[0]] if len(acr) == 1 else [Advice(f"write '{forms[0]}'")],
                    confidence=ACRONYM_CONFIDENCE,
                    language=language,
                )


ACRONYM_CONFIDENCE = 0.9
_ACRONYM_WORD = re.compile(r"(?<![\w@#/.-])[A-Z][A-Za-z]{1,7}(?![\w@/]|\.\w)")
_COMMON_FIRST_WORD = 5.0  # Zipf: a first word this common is a grammar word capitalised by its place


@packs.pack_cache
def _acronym_pack(lang: str) -> dict[str, tuple[str, tuple[str, ...]]]:
    """``rules/<lang>/foreign_acronyms.tsv``: acronym as written -> (its language, the target's forms)."""
    out: dict[str, tuple[str, tuple[str, ...]]] = {}
    for path in packs.pack_files(lang, "foreign_acronyms.tsv"):
        for raw in path.read_text(encoding="utf-8").splitlines():
            cols = raw.split("\t")
            if raw.startswith("#") or len(cols) < 3 or not cols[0].strip():
                continue
            forms = tuple(f.strip() for f in cols[2].split("|") if f.strip())
            if forms:
                out[cols[0].strip()] = (cols[1].strip(), forms)
    return out


def foreign_acronyms(doc: Document, lang: str) -> Iterator[tuple[int, int, str, tuple[str, ...]]]:
    """Acronyms of another language that the target language writes its own way
    (``rules/<lang>/foreign_acronyms.tsv``: ``PTSD`` for ``TSPT``), with their language and the
    target's forms: not when the sentence gives a target form too (``le TSPT (PTSD en
    anglais)``), nor beside a capitalised word (a name or a product: ``DNA Paris``) or in a
    quotation. An acronym the aligned source writes too is left to MTQ104, which reads the
    source."""
    table = _acronym_pack(lang)
    if not table:
        return
    for s in doc.sentences:
        text = doc.view[s.start : s.end]
        folded = None
        for m in _ACRONYM_WORD.finditer(text):
            got = table.get(m.group())
            if got is None:
                continue
            language, forms = got
            if folded is None:
                folded = strip_accents(text).casefold()
            if any(re.search(rf"(?<!\w){re.escape(strip_accents(f).casefold())}(?!\w)", folded) for f in forms):
                continue
            p = doc.paragraph_at(s.start + m.start())
            if p is not None and p.source and re.search(rf"(?<!\w){re.escape(m.group())}(?!\w)", p.source):
                continue  # the source has it: MTQ104's
            before = text[: m.start()]
            prev = WORD_RE.findall(before)[-1:] if before.endswith(" ") else []
            nxt = WORD_RE.findall(text[m.end() :])[:1] if text[m.end() : m.end() + 1] == " " else []
            if prev and before.strip() == prev[0] and zipf(prev[0].lower(), lang) >= _COMMON_FIRST_WORD:
                prev = []  # the sentence's first word, capitalised by its place ("Mon PTSD")
            if any(w[:1].isupper() for w in prev + nxt):
                continue
            if _whole_quotation(doc.view, s.start + m.start(), s.start + m.end(), lang, ()):
                continue
            yield s.start + m.start(), s.start + m.end(), language, forms
