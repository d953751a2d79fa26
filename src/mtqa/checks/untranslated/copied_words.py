"""Source words copied into the target (MTQ104)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ... import packs
from ...analysis import wordlang
from ...lint.context import Context
from ...lint.registry import register
from ...lint.rule import Rule
from ...model import Advice, Document, Issue, Severity
from ...segment import WORD_RE
from ...analysis.source_names import exonym_key, exonym_rows, exonyms, fold, folded_list, german_compound, source_names as german_names
from ...analysis.foreign import lang_name, min_confidence, pack, profile, rule_active, source_language

_QUOTES_OPEN = "«“„\"'"
_QUOTES_CLOSE = "»”“\"'"
_MENTION_WORDS = 3  # a quotation this short around a copied word mentions it rather than uses it
from .fragment import covered, fragments


@register
class CopiedSourceWords(Rule):
    """Words of the source copied into the target that are not names, numbers or loanwords.

    What it does
        With a line-aligned source, looks for target words that also occur in the segment's source
        (case-insensitively) and that the target language does not use: lower-case words of at
        least ``min_letters`` letters whose established target-language frequency (wordfreq, with
        quotations of other languages taken out) is under ``max_target_zipf``. Names (capitalised
        words), acronyms, numbers, URLs, codes, quoted titles and the loanwords of
        ``rules/<lang>/loanwords.txt`` are left alone, and so are words already inside an
        MTQ101, MTQ102 or MTQ103 finding. Neighbouring copied words make one finding. A word
        made of a productive prefix and a French word (``superflexible``, prefixes from
        ``rules/<lang>/untranslated.yaml``) is French; a word that both texts quote on its own
        (``Qu'est-ce qu'un « Huidlerer » ?``) is mentioned, not used, and is left alone. A word
        the source uses as a name is a name written in lower case, not a copy: the word after a
        title or role of ``rules/<lang>/source_titles.txt`` (``Kollegin semina``), or a word the
        source writes only with a capital inside sentences and that the target language's texts
        use too (``Verstappen``, by wordfreq). From a German source, a capitalised word inside a sentence
        copied from it is a German noun left untranslated when no text of wordfreq has it, it
        ends with a common German word (a compound: ``le Beimann``, ``le Hörplatz``) and a
        French determiner stands before it, where French puts none before a person's name; a
        name of the source (``source_names``), a French word, a loanword or a word beside
        another capitalised word is left alone. A capitalised word that starts a sentence in both
        texts (its capital then says nothing of a name) is German left untranslated when German
        text uses it commonly and French and English text never do (``Achso et le nôtre ...``);
        a German town French news names has some French frequency, and a name of the source or
        of ``exonyms.tsv`` is left alone. Acronyms of the German source copied into the target
        are reported when the target language does not write them: abbreviations of German
        common nouns (``rules/<lang>/source_common_acronyms.txt``: ``en OVP``, ``un LKW``) and
        German acronyms with a form of their own in the target (``exonyms.tsv``: ``la DDR`` for
        ``la RDA``, given as the replacement when it is the only acronym of the row), unless the
        sentence gives the target form too or a capitalised word beside the acronym makes it
        part of a name (``Siemens AG``). A short word before a period is an abbreviation
        (``incl.``) unless the period ends its line and the source writes none after the word.

    Why it matters
        Systems copy what they cannot translate: rare compounds, colloquialisms, typos of the
        source ("butterzart", "superhappy"); the reader gets a foreign word in the middle of a
        sentence.

    Example
        Source (de): ``Das Brot war frisch und knusprig.``
        Flagged: ``Le pain était frais et knusprig.``
        Flags: ``knusprig``
        Better: ``Le pain était frais et croustillant.``

    Options
        ``min_letters`` (default 4), ``max_target_zipf`` (default 2.5), ``min_confidence``
        (default: the language setting, else the run's ``--min-confidence``);
        ``frequent_german_nouns`` (default false): also report a capitalised copied word that
        German text uses commonly (Zipf 3.0 or more) and French and English text nearly never
        (``un Altbau``). Off because on the WMT22 outputs most such words are German towns,
        rivers, teams, banks and newspapers the translation rightly keeps (``à Crailsheim``,
        ``la Lahn``, ``le Tagesspiegel``): under half of its tune-half findings were errors.

    Known limits
        Capitalised words are taken for names, so a copied German noun is found only by MTQ101
        when its neighbours are German too; a word spelt the same in both languages and rare in
        the target ("tonal") may be reported with a low confidence.
    """

    code = "MTQ104"
    name = "copied-source-words"
    category = "untranslated"
    severity = Severity.WARNING
    requires = frozenset({"source", "wordfreq"})
    options = {"min_letters": 4, "max_target_zipf": 2.5, "min_confidence": None, "frequent_german_nouns": False}

    def check(self, doc: Document, ctx: Context) -> Iterator[Issue]:
        prof = profile(doc, ctx)
        if prof is None:
            return
        threshold = min_confidence(self.opts, ctx, doc.target_language)
        src_lang = source_language(doc)
        skip = covered(doc, ctx)
        if rule_active(ctx, "MTQ101"):
            opts = _fragment_opts(ctx)
            reported = min_confidence(opts, ctx, doc.target_language)
            skip += [(sp.start, sp.end) for sp, _ in fragments(doc, ctx, opts) if sp.confidence >= reported]
        by_para = {p.index: p for p in doc.paragraphs}
        for sent in doc.sentences:
            para = by_para.get(sent.parent) if sent.parent is not None else None
            if para is None or not para.source:
                continue
            source_words = {m.group().casefold() for m in WORD_RE.finditer(wordlang.mask(para.source))}
            source_quoted = _quoted_words(para.source)
            source_names = _source_names(para.source, doc.target_language)
            source_dotted = {m.group(1).casefold() for m in _DOTTED.finditer(para.source)}
            run: list[tuple[wordlang.Token, float]] = []
            toks = wordlang.tokenize(doc.view, sent.start, sent.end, prof)
            found_names: set[str] | None = None
            for k, tok in enumerate(toks):
                hit = self._copied(doc.view, tok, source_words, prof, src_lang, source_dotted, sent.end)
                if hit is None and src_lang == "de" and _german_noun_candidate(tok, source_words, self.opts["min_letters"]):
                    if found_names is None:
                        found_names = {fold(n.text) for n in german_names(para.source, doc.target_language)}
                    hit = _copied_german_noun(doc.view, toks, k, found_names, prof, self.opts["frequent_german_nouns"])
                if hit is None and src_lang == "de" and _initial_candidate(doc.view, toks, k, para.source, self.opts["min_letters"]):
                    if found_names is None:
                        found_names = {fold(n.text) for n in german_names(para.source, doc.target_language)}
                    hit = _copied_initial_word(tok, found_names, prof)
                if hit is not None and tok.text.casefold() in source_names:
                    hit = None  # a name the source writes after a title or as a name ("Kollegin semina")
                if hit is not None and tok.text.casefold() in source_quoted and _mentioned(doc.view, tok.start, tok.end, sent.start, sent.end):
                    hit = None  # a word the text quotes to talk about it ("Qu'est-ce qu'un « Huidlerer » ?")
                if hit is not None and not any(a <= tok.start and tok.end <= b for a, b in skip):
                    if run and doc.view[run[-1][0].end : tok.start].strip(" -'’") == "":
                        run.append((tok, hit))
                        continue
                    yield from self._report(doc, run, threshold, src_lang)
                    run = [(tok, hit)]
                else:
                    yield from self._report(doc, run, threshold, src_lang)
                    run = []
            yield from self._report(doc, run, threshold, src_lang)
            if src_lang == "de":
                for a, b, forms in _copied_acronyms(doc.view, sent.start, sent.end, para.source, doc.target_language):
                    if not any(x <= a and b <= y for x, y in skip) and ACRONYM_CONFIDENCE >= threshold:
                        yield self._acronym_issue(doc, a, b, forms, src_lang)

    def _acronym_issue(self, doc: Document, start: int, end: int, forms: tuple[str, ...], src_lang: str) -> Issue:
        text = doc.text[start:end]
        french = [f for f in forms if f.isupper()]
        if forms:
            msg = f"'{text}' is copied from the source ({lang_name(src_lang)}) without translation: {lang_name(doc.target_language)} writes '{forms[0]}'"
        else:
            msg = f"'{text}' is a {lang_name(src_lang)} abbreviation copied from the source without translation"
        sugg: list = [french[0]] if french and len(french) == 1 else []
        return self.issue(doc, start, end, msg, sugg or [Advice("translate")], confidence=ACRONYM_CONFIDENCE, language=src_lang)

    def _copied(self, view: str, tok: wordlang.Token, source_words: set[str], prof: wordlang.Profile, src_lang: str | None,
                source_dotted: set[str] = frozenset(), sent_end: int | None = None) -> float | None:
        """The confidence that ``tok`` is a copied source word, or None."""
        w = tok.text
        if tok.kind != wordlang.WORD or not w.islower() or sum(c.isalpha() for c in w) < self.opts["min_letters"]:
            return None
        low = w.casefold()
        if low not in source_words or (len(w) <= 5 and _abbreviated(view, tok.end, low, source_dotted)):
            return None  # not in the source, or an abbreviation ("incl.")
        zs = wordlang.established_zipf(prof.langs, [wordlang.zipf(low, lang) for lang in prof.langs])
        if zs[0] >= self.opts["max_target_zipf"] or _french_compound(low, prof.langs[0]):
            return None
        # more confident when the source language knows the word well and the target does not
        zsrc = zs[prof.langs.index(src_lang)] if src_lang in prof.langs else wordlang.FLOOR
        return max(0.5, min(0.99, 0.8 + 0.05 * (zsrc - zs[0])))

    def _report(self, doc: Document, run: list[tuple[wordlang.Token, float]], threshold: float, src_lang: str | None) -> Iterator[Issue]:
        if not run:
            return
        conf = max(c for _, c in run)
        if conf < threshold:
            return
        start, end = run[0][0].start, run[-1][0].end
        text = doc.text[start:end]
        where = f" ({lang_name(src_lang)})" if src_lang else ""
        yield self.issue(
            doc, start, end,
            f"'{text}' is copied from the source{where} without translation",
            [Advice("translate")],
            confidence=conf,
            language=src_lang,
        )


_DOTTED = re.compile(r"(\w+)\.")


def _abbreviated(view: str, end: int, low: str, source_dotted: set[str]) -> bool:
    """The short word ending at ``end`` is followed by a period that marks an abbreviation
    (``incl.``): a period the source writes after the word too, or one that does not end its
    line. A period at the end of the line that the source does not have after the word is the
    sentence's own full stop (``survécu à ma kptbs.`` / ``meine kptbs überlebt hätte.``)."""
    if view[end : end + 1] != ".":
        return False
    if low in source_dotted:
        return True
    rest = view[end + 1 : view.find("\n", end) if "\n" in view[end:] else len(view)]
    return rest.strip() != ""


INITIAL_DE = 3.0  # Zipf frequency in German of a common German word at the start of a sentence
INITIAL_ABSENT_FR = 1.0  # ... under which French text never uses it (towns French news names have more)
INITIAL_ABSENT_EN = 1.5  # ... nor English text


def _initial_candidate(view: str, toks: list[wordlang.Token], k: int, source: str, min_letters: int) -> bool:
    """A capitalised word that starts a target sentence (not after a quotation mark: a title,
    ``« Daheim »``), spelt as a word that starts a sentence of the German source too, so that
    its capital comes from its position and says nothing of a name (``Achso``, ``Wozu``)."""
    tok = toks[k]
    w = tok.text
    if not tok.initial or tok.kind != wordlang.WORD or len(w) < min_letters or not w.isalpha() \
            or not (w[:1].isupper() and w[1:].islower()):
        return False
    before = view[: tok.start].rstrip()
    if before and before[-1] in _QUOTES_OPEN + "(":
        return False
    if k + 1 < len(toks) and toks[k + 1].text[:1].isupper():
        return False  # a name of several words ("Crailsheim Merlins")
    return re.search(rf"(?:^|[.!?:;]\s+|[\n#*-]\s*){re.escape(w)}(?!\w)", source) is not None


def _copied_initial_word(tok: wordlang.Token, names: set[str], prof: wordlang.Profile) -> float | None:
    """The confidence that a word starting a sentence, copied from a German source where it
    starts a sentence too, is German left untranslated: German text uses it commonly, French
    and English text never (a German town that French news names, ``Crailsheim``, has some
    French frequency), and it is no name of the source, German name with a French form
    (``exonyms.tsv``: ``Thüringen``), French word or loanword (an interjection, an adverb or
    a question word: ``Achso et le nôtre ...``)."""
    low = tok.text.casefold()
    if fold(tok.text) in names or low in pack(prof.langs[0])["loanwords"] or _french_word(low, prof.langs[0]):
        return None
    if exonym_key(tok.text, exonyms(prof.langs[0])) is not None:
        return None
    de, fr, en = (wordlang.zipf(low, lang) for lang in ("de", "fr", "en"))
    if de >= INITIAL_DE and fr < INITIAL_ABSENT_FR and en < INITIAL_ABSENT_EN:
        return max(0.8, min(0.95, 0.7 + 0.05 * (de - max(fr, en))))
    return None


ACRONYM_CONFIDENCE = 0.9
COMMON_FIRST_WORD = 5.0  # Zipf: a first word this common is a grammar word capitalised by its place ("Pour", "Mon")
_ACRONYM = re.compile(r"(?<![\w])[A-ZÄÖÜ][A-Za-zÄÖÜäöü]*[A-ZÄÖÜ][A-Za-zÄÖÜäöü]*(?![\w])")


def _copied_acronyms(view: str, lo: int, hi: int, source: str, lang: str) -> Iterator[tuple[int, int, tuple[str, ...]]]:
    """Acronyms of the German source copied into the target sentence ``view[lo:hi]`` that the
    target language does not write: an abbreviation of German common nouns
    (``rules/<lang>/source_common_acronyms.txt``: ``OVP``, ``LKW``) or a German acronym with a
    target-language form of its own (``rules/<lang>/exonyms.tsv``: ``DDR`` / ``RDA``) that the
    sentence does not give. Each with the target-language forms (none for an abbreviation).
    An acronym beside a capitalised word is part of a name (``Siemens AG``, ``Lahn GmbH``), and
    one among words in capitals is a product name or a headline in capitals."""
    ex = exonyms(lang)
    common = folded_list(lang, "source_common_acronyms.txt")
    folded = None
    for m in _ACRONYM.finditer(view, lo, hi):
        a = m.group()
        if sum(c.isupper() for c in a) < 2 or not re.search(rf"(?<![\w]){re.escape(a)}(?![\w])", source):
            continue
        k = fold(a)
        if k in common:
            forms: tuple[str, ...] = ()
        elif k in ex.single and k not in ex.single[k]:
            if folded is None:
                folded = fold(view[lo:hi])
            if any(re.search(rf"(?<![\w]){re.escape(f)}(?![\w])", folded) for f in ex.single[k]):
                continue  # the sentence gives the target form too ("l'ex-RDA (DDR)")
            forms = _target_forms(lang, a)
        else:
            continue
        before = view[lo : m.start()].rstrip(" ").rsplit(" ", 1)[-1] if view[lo : m.start()].endswith(" ") else ""
        after = view[m.end() : hi].lstrip(" ").split(" ", 1)[0] if view[m.end() : m.end() + 1] == " " else ""
        if before and view[lo : m.start()].strip() == before and (
            before.lower() in pack(lang)["noun_determiners"] or wordlang.zipf(before.lower(), lang) >= COMMON_FIRST_WORD
        ):
            before = ""  # the sentence's first word, a word capitalised by its place ("La DDR")
        if any(w[:1].isupper() for w in (before, after) if w[:1].isalpha()):
            continue  # a name: "Siemens AG", "ARD Mediathek"
        yield m.start(), m.end(), forms


@packs.pack_cache
def _exonym_rows(lang: str) -> dict[str, tuple[str, ...]]:
    """The target forms of each one-word key of ``exonyms.tsv``, as written (the pack keeps
    them folded)."""
    out: dict[str, tuple[str, ...]] = {}
    for de, forms in exonym_rows(lang):
        if " " not in de:
            out.setdefault(fold(de), forms)
    return out


def _target_forms(lang: str, acronym: str) -> tuple[str, ...]:
    return _exonym_rows(lang).get(fold(acronym), ())


GERMAN_NOUN_DE = 3.0  # Zipf frequency in German of a common German word
ABSENT_FR = 2.0  # ... under which French text nearly never uses it
ABSENT_EN = 2.5  # ... nor English text (an English loan: "Frost", "Flow")


def _german_noun_candidate(tok: wordlang.Token, source_words: set[str], min_letters: int) -> bool:
    """A word capitalised as a name inside a sentence (not its first word), spelt as a word of
    the German source."""
    w = tok.text
    return not tok.initial and len(w) >= min_letters and w[:1].isupper() and w[1:].islower() \
        and w.isalpha() and w.casefold() in source_words


def _copied_german_noun(view: str, toks: list[wordlang.Token], k: int, names: set[str], prof: wordlang.Profile, frequent: bool = False) -> float | None:
    """The confidence that a capitalised word copied from a German source is a German common
    noun left untranslated (``le Beimann``, ``un Altbau``) rather than a name: German text uses it
    as a common word (Zipf at least :data:`GERMAN_NOUN_DE`) while French and English text
    nearly never do, or no text of the three has it and it is a German compound after a French
    determiner (``le Beimann``: French puts none before a person's name); no name of the source
    by :func:`source_names`, no French word nor loanword, and no capitalised word beside it (a
    name of several words: ``Deutsche Bahn``)."""
    tok = toks[k]
    low = tok.text.casefold()
    if fold(tok.text) in names or low in pack(prof.langs[0])["loanwords"] or _french_word(low, prof.langs[0]):
        return None
    for j in (k - 1, k + 1):
        if 0 <= j < len(toks):
            a, b = (toks[j].end, tok.start) if j < k else (tok.end, toks[j].start)
            if toks[j].text[:1].isupper() and view[a:b].strip(" -") == "":
                return None
    de, fr, en = (wordlang.zipf(low, lang) for lang in ("de", "fr", "en"))
    if frequent and de >= GERMAN_NOUN_DE and fr < ABSENT_FR and en < ABSENT_EN:
        return max(0.8, min(0.95, 0.7 + 0.05 * (de - max(fr, en))))
    elided = view[max(0, tok.start - 2) : tok.start].casefold() in ("l'", "l’")
    after_determiner = elided or k > 0 and toks[k - 1].text.casefold() in pack(prof.langs[0])["noun_determiners"] \
        and view[toks[k - 1].end : tok.start] == " "
    if de == fr == en == 0.0 and after_determiner and german_compound(tok.text):
        return 0.8
    return None


def _source_names(source: str, lang: str) -> set[str]:
    """Words the source uses as names: the word right after a title or role of
    ``rules/<lang>/source_titles.txt`` ("Kollegin semina", "Herr müller"), and a word the source
    writes only with a capital, inside sentences, that the target language also knows (a name its
    texts use, "Verstappen"); a copy of such a word in lower case is the name, not an untranslated
    word."""
    titles = _titles(lang)
    words = [(m.group(), m.start()) for m in WORD_RE.finditer(wordlang.mask(source))]
    out: set[str] = set()
    caps: dict[str, bool] = {}
    for i, (w, start) in enumerate(words):
        low = w.casefold()
        if i and words[i - 1][0].casefold() in titles and source[words[i - 1][1] + len(words[i - 1][0]) : start].strip() in ("", "."):
            out.add(low)
        initial = i == 0 or source[:start].rstrip()[-1:] in ".!?:;«»\"„“"
        if not initial or not w[:1].isupper():
            caps[low] = caps.get(low, True) and w[:1].isupper()
    for low, always in caps.items():
        if always and wordlang.zipf(low, lang) >= NAME_KNOWN:
            out.add(low)
    return out


NAME_KNOWN = 2.0  # Zipf frequency from which the target language's texts use a word (as a name)


@packs.pack_cache
def _titles(lang: str) -> frozenset[str]:
    return frozenset(w.casefold() for w in packs.load_list(lang, "source_titles.txt"))


def _french_compound(word: str, lang: str) -> bool:
    """``word`` is a productive prefix of the language and a word of it ("superflexible")."""
    data = pack(lang)
    for p in data["compound_prefixes"]:
        rest = word[len(p) :].lstrip("-")
        if word.startswith(p) and len(rest) >= 3 and (rest in data["loanwords"] or _french_word(rest, lang)):
            return True
    return False


def _french_word(word: str, lang: str) -> bool:
    """A word of the language's lexicon (Lexique for French), else one wordfreq knows better in
    the language than in English."""
    from ... import lexicon

    if lexicon.available(lang):
        return word in lexicon.load(lang)
    return wordlang.zipf(word, lang) >= max(3.0, wordlang.zipf(word, "en"))


def _quoted_words(text: str) -> set[str]:
    """Words that stand inside a short quotation of ``text``."""
    out: set[str] = set()
    for m in re.finditer(r"[«“„\"]\s*([^«»“”„\"]{1,60}?)\s*[»”“\"]", text):
        words = WORD_RE.findall(m.group(1))
        if 0 < len(words) <= _MENTION_WORDS:
            out.update(w.casefold() for w in words)
    return out


def _mentioned(view: str, start: int, end: int, lo: int, hi: int) -> bool:
    """The word at ``start:end`` stands inside a quotation of at most a few words."""
    before, after = view[lo:start], view[end:hi]
    i = max(before.rfind(q) for q in _QUOTES_OPEN)
    j = min((k for k in (after.find(q) for q in _QUOTES_CLOSE) if k >= 0), default=-1)
    if i < 0 or j < 0:
        return False
    inside = before[i + 1 :] + view[start:end] + after[:j]
    return len(WORD_RE.findall(inside)) <= _MENTION_WORDS


def _fragment_opts(ctx: Context) -> dict:
    from .fragment import UntranslatedFragment

    return {**UntranslatedFragment.options, **ctx.config.rule_options(UntranslatedFragment.code)[0]}
