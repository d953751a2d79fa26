"""Term drift inside a document: one word written in variant spellings (MTQ310)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

from ... import packs
from ...lint.context import Context
from ...lint.registry import register
from ...lint.rule import Rule
from ...model import Document, Issue, Severity
from ...analysis.source_names import exonym_key, exonyms, fold
from ...analysis.terminology.spellings import alternative, both_accepted, fused_in_use, latin, with_original
from ...analysis.terminology.terms import earlier, has_frequencies, profile, skeleton, tokens, zipf
from ...analysis.terminology.variants import COMMON, KNOWN, Form, candidate, clusters

_KIND_TEXT = {
    "accents": "accents differ",
    "hyphenation": "hyphenation differs",
    "doubled-letter": "a letter doubled or dropped",
    "spelling": "one letter differs or two are swapped",
}


@dataclass
class _Occ:
    """The occurrences of one folded key in a document."""

    key: str
    spans: list[tuple[int, int, str]] = field(default_factory=list)  # (start, end, surface)
    surfaces: Counter = field(default_factory=Counter)
    first: int = 0
    upper_inside: int = 0  # capitalised occurrences that are not sentence-initial
    lower_inside: int = 0

    def form(self) -> Form:
        surface = self.surfaces.most_common(1)[0][0]
        cap = self.upper_inside > 0 and self.lower_inside == 0 or (
            self.upper_inside == 0 and self.lower_inside == 0 and surface[:1].isupper()
        )
        return Form(self.key, surface, len(self.spans), self.first, cap)


def _add(table: dict[str, _Occ], key: str, start: int, end: int, surface: str, initial: bool) -> None:
    occ = table.get(key)
    if occ is None:
        occ = table[key] = _Occ(key, first=start)
    occ.spans.append((start, end, surface))
    occ.surfaces[surface] += 1
    if not initial:
        if surface[:1].isupper():
            occ.upper_inside += 1
        else:
            occ.lower_inside += 1


def word_table(doc: Document, lang: str) -> dict[str, _Occ]:
    """Folded key -> occurrences, for the words worth comparing, plus two-word spans that are the
    spaced form of a hyphenated or fused word of the document (``Sud Corée`` / ``Sud-Corée``).
    Cached on the document: the document and the corpus rule share it."""
    ck = ("terminology-words", lang)
    if ck not in doc.cache:
        doc.cache[ck] = _word_table(doc, lang)
    return doc.cache[ck]


def _word_table(doc: Document, lang: str) -> dict[str, _Occ]:
    toks = [t for t in tokens(doc, lang) if candidate(t.key) and not t.all_caps]
    table: dict[str, _Occ] = {}
    for t in toks:
        _add(table, t.key, t.start, t.end, t.text, t.initial)
    # hyphenated words whose skeleton a pair of words could match
    skip = profile(lang).hyphen_meaningful
    compounds = {skeleton(k) for k in table if "-" in k and k.split("-", 1)[0] not in skip}
    if not compounds:
        return table  # no hyphenated word: no pair of words can be its spaced form
    all_toks = tokens(doc, lang)
    for a, b in zip(all_toks, all_toks[1:]):
        if a.paragraph != b.paragraph or "-" in a.key or "-" in b.key or len(a.key) < 2 or len(b.key) < 2:
            continue
        gap = doc.view[a.end : b.start]
        if not gap or not gap.isspace() or "\n" in gap or b.text != doc.view[b.start : b.end]:
            continue  # not adjacent, or the second word carries an elided article
        pair_key = f"{a.key} {b.key}"
        if skeleton(pair_key) in compounds:
            _add(table, pair_key, a.start, b.end, doc.view[a.start : b.end], a.initial)
    return table


@register
class TermDrift(Rule):
    """One term written in variant spellings inside a document.

    What it does
        Folds every word to a key shared by its inflected forms (case, elided article, plural and
        feminine endings), then looks for keys that are spelling variants of one another: the same
        word with different accents, a letter doubled or dropped, hyphenated, fused or spaced
        (``Sud-Corée`` / ``Sud Corée``), or, for words of at least six letters, one letter
        changed. The form the document uses most (then a known word, then the first) is the
        reference; every occurrence of another form is reported with the reference's position.
        Words whose case alone changes inside sentences are reported too when they are rare
        (capitals in headings and in lines without final punctuation, such as titles, captions
        and product lines, say nothing and are not compared).
        With an aligned source, the source decides: an occurrence written letter for letter as its
        own source writes it is never reported, the form the source writes becomes the reference,
        and variation that the source itself has is left alone; a capitalised form copied from
        the source beside a lower-case word of the language (``Basketball Bundesliga`` /
        ``le basket-ball``) is a name kept beside the translated word. A local place name and its French
        form (``Ludwigsburg`` / ``Ludwigsbourg``, endings from ``rules/<lang>/terminology.yaml``)
        are a style choice, not a variant, and so is a German name beside its French name in
        ``rules/<lang>/exonyms.tsv`` (``Zürich`` / ``Zurich``) and two spellings that
        ``rules/<lang>/loanwords.txt`` both lists (``email`` / ``e-mail``), or a fused form in
        current use beside an accepted hyphenated one (``basketball`` / ``basket-ball``: the word
        list knows the first, the lexicon or the loanwords the second). Names of five letters
        one letter apart are taken for two names (``Meier`` / ``Maier``), and a word with a
        capital inside (``dLAN`` / ``DLan``) keeps its brand's case, so its case is not compared.
        Two lower-case words that the language's lexicon both knows are two words (``visé`` /
        ``vissée``, ``label`` / ``lambel``); a verb's future beside its infinitive (``siéger`` /
        ``siègera``, endings in ``rules/<lang>/terminology.yaml``) is one verb; the name of a
        place's people and its adjective (``les Tarnais`` / ``le club tarnais``, endings in the
        same pack) differ in case by grammar; a form given in parentheses after the word
        (``Sokolov (en russe Соколов, Sokolóv)``) is a transliteration; and when two forms are
        used equally often, the one that is a real word is the reference (``acheter`` beside the
        slip ``achter``). Two names one letter apart that stand beside different names on the same
        side (``Thomas Schröder`` / ``Jonas Schröter``) are two people, and two names one letter
        apart of which French word lists know one better and English or German lists the other
        (``Croatia`` / ``Croatie``; ``name_languages`` in ``rules/<lang>/terminology.yaml``) are
        a local name and its French form. A word built
        from a lexicon adjective by a suffix of the same pack (the adverb ``tonalement``) is a real
        word even where word lists lack it, and a known word is never reported as a variant of a
        rarer form (``émises`` beside ``épissée``). Two spellings the writer joins on purpose
        (``le chevillier ou cheviller``, ``e-mail/email``, ``Kiev (ou Kyiv)``) are both meant, and
        a name followed by its form in another script (``Dodorio (ドードリオ)``) follows that
        original. The rule reports information by default: on real
        translations about half of its findings are two acceptable spellings (``bass-reflex`` /
        ``bass reflex``) or two different words.

    Why it matters
        Machine translation renders the same word differently from one paragraph to the next
        (``canonniers``, later ``cannonniers``; ``Kharkiv``, later ``Kharkov``). Editors want one
        thing to keep one name, and a reader takes two spellings for two things.

    Example
        Flagged: ``Le pilote Häkkinen a gagné à Monaco.``
                 ``Häkkinen a remercié ses mécaniciens.``
                 ``Pour Häkinen, la saison commence bien.``
        Flags: ``Häkinen``
        Better: ``Le pilote Häkkinen a gagné à Monaco.``
                ``Häkkinen a remercié ses mécaniciens.``
                ``Pour Häkkinen, la saison commence bien.``

    Options
        ``case`` (default true): also report case-only variants of rare words
        (``Bundestag`` / ``bundestag``).

    Known limits
        Needs a wordfreq list for the target language; without one the rule does not run.
        Two different words that differ by one letter are told apart by their frequency
        (wordfreq): when both are common words (``canon`` / ``canot``, ``marche`` / ``marché``)
        nothing is reported, so a misspelling that happens to be another common word is missed.
        Ordinary inflection is folded by suffix rules, so an irregular form (``travail`` /
        ``travaux``) is a different key, never a variant. Differences confined to the last two
        letters of a lower-case word are taken as inflection and left alone.
    """

    code = "MTQ310"
    name = "term-drift"
    category = "terminology"
    severity = Severity.INFO  # follows its precision on real MT (rules/fr/precision.yaml)
    requires = frozenset({"wordfreq"})
    options = {"case": True}

    def applies_to(self, doc: Document) -> bool:
        return super().applies_to(doc) and has_frequencies(doc.target_language)

    def check(self, doc: Document, ctx: Context) -> Iterator[Issue]:
        lang = doc.target_language
        table = word_table(doc, lang)
        forms = [occ.form() for occ in table.values()]
        for ref, variants in clusters(forms, lang):
            ref_occ = table[ref.key]
            if doc.has_source:
                ref_occ, variants = _source_reference(doc, table, ref_occ, variants)
                if ref_occ is None:
                    continue
            where, related = earlier(doc, *ref_occ.spans[0][:2])
            for var, kind in variants:
                ref_surface = ref_occ.surfaces.most_common(1)[0][0]
                if _exonym_pair(ref_surface, var.surface, lang) or (
                    kind == "hyphenation"
                    and (both_accepted(ref_surface, var.surface, lang) or fused_in_use(ref_surface, var.surface, lang))
                ):
                    continue
                if kind == "hyphenation" and doc.has_source and _name_beside_word(doc, ref_occ, table[var.key], lang):
                    continue
                if kind == "spelling" and _two_people(doc, lang, ref_occ, table[var.key]):
                    continue
                if kind != "hyphenation" and _word_beside_rarer(ref_surface, var.surface, lang):
                    continue
                for start, end, surface in table[var.key].spans:
                    if doc.has_source and _as_in_source(doc, start, surface):
                        continue  # written as its own source writes it
                    if _in_gloss(doc, start, ref_occ):
                        continue  # "Dodo (ドードー, Dōdō)": another script's form, given beside the word
                    if alternative(doc.view, start, end, ref_occ.spans):
                        continue  # "le chevillier ou cheviller": the writer gives both spellings
                    if with_original(doc.view, end):
                        continue  # "Dodorio (ドードリオ)": a name given with its original script
                    yield self.issue(
                        doc, start, end,
                        f"'{surface}' is written '{related['text']}' at {where} ({describe(surface, related['text'], kind)})",
                        [_adapt(ref_occ, surface)],
                        related=related,
                        kind=kind,
                    )
        if self.opts["case"]:
            yield from self._case_variants(doc, lang, table)

    def _case_variants(self, doc: Document, lang: str, table: dict[str, _Occ]) -> Iterator[Issue]:
        initials = {t.start for t in tokens(doc, lang) if t.initial}
        for occ in table.values():
            if not (occ.upper_inside and occ.lower_inside) or " " in occ.key:
                continue
            if zipf(occ.surfaces.most_common(1)[0][0], lang) >= COMMON:
                continue
            if any(_inner_capital(w) for w in occ.surfaces):
                continue  # a brand's own case (dLAN, iPhone): the first letter says nothing
            if _demonym(occ.surfaces, lang):
                continue  # the people (les Tarnais) and the adjective (le leader tarnais)
            inside = [(s, e, w) for s, e, w in occ.spans if s not in initials and not _title_line(doc, s)]
            upper = [x for x in inside if x[2][:1].isupper()]
            lower = [x for x in inside if not x[2][:1].isupper()]
            if doc.has_source and any(_as_in_source(doc, s, w) for s, _, w in upper) and any(
                _as_in_source(doc, s, w) for s, _, w in lower
            ):
                continue  # the source writes both
            ref, other = (upper, lower) if len(upper) >= len(lower) else (lower, upper)
            if len(ref) == len(other):
                ref, other = (upper, lower) if upper[0][0] < lower[0][0] else (lower, upper)
            where, related = earlier(doc, *ref[0][:2])
            for start, end, surface in other:
                yield self.issue(
                    doc, start, end,
                    f"'{surface}' is written '{ref[0][2]}' at {where} (capitalisation differs)",
                    [ref[0][2][:1] + surface[1:]],
                    related=related,
                    kind="case",
                )


def _two_people(doc: Document, lang: str, a: _Occ, b: _Occ) -> bool:
    """Two capitalised forms that each stand beside other names on the same side (``Thomas
    Meier`` / ``Stefan Maier``, ``Hanna Berg`` / ``Hanno Weber``): the names of two people, not
    one name in two spellings. Forms that share a neighbour (``Mika Häkkinen`` / ``Mika
    Häkinen``) or have none (``Räikenen``) are compared as usual."""
    if not (a.surfaces.most_common(1)[0][0][:1].isupper() and b.surfaces.most_common(1)[0][0][:1].isupper()):
        return False
    toks = tokens(doc, lang)
    index = {t.start: i for i, t in enumerate(toks)}

    def neighbours(occ: _Occ, step: int) -> set[str]:
        out = set()
        for start, _, _ in occ.spans:
            i = index.get(start)
            if i is None or not 0 <= i + step < len(toks):
                continue
            t = toks[i + step]
            gap = doc.view[min(t.end, toks[i].end) : max(t.start, toks[i].start)]
            if t.paragraph == toks[i].paragraph and t.capitalised and gap.strip() == "" and not (t.initial and zipf(t.text.lower(), lang) >= COMMON):
                out.add(t.text)
        return out

    for step in (-1, 1):
        na, nb = neighbours(a, step), neighbours(b, step)
        if na and nb and not na & nb:
            return True
    return False


def _word_beside_rarer(ref: str, var: str, lang: str) -> bool:
    """Both forms are lower-case words, the one to report a known word and the reference not
    (``émises`` beside the rare ``épissée``, ``faire`` beside ``foirées``): a real word is not a
    slip of a rarer spelling, and if the rarer form is the slip, the report would point at the
    wrong one. (Names are left out: lists know a name without its accents, ``Grunwald``, better
    than the name itself.)"""
    if not (ref[:1].islower() and var[:1].islower()):
        return False
    return zipf(var, lang) >= KNOWN and zipf(ref, lang) < KNOWN


def _in_gloss(doc: Document, start: int, ref: _Occ) -> bool:
    """The occurrence at ``start`` stands inside a parenthesis opened after the reference form in
    the same paragraph, beside a word of another script: a transliteration given with the
    original (``Télamon (en grec ancien Τελαμών/Telamốn)``), not a second spelling of the word."""
    p = doc.paragraph_at(start)
    if p is None:
        return False
    text = doc.view[p.start : p.end]
    at = start - p.start
    opened = text.rfind("(", 0, at)
    if opened < 0 or ")" in text[opened:at]:
        return False
    closed = text.find(")", at)
    inside = text[opened : closed if closed >= 0 else len(text)]
    if not any(c.isalpha() and not latin(c) for c in inside):
        return False
    return any(p.start <= s < p.start + opened for s, _, _ in ref.spans)


_END_MARKS = ".!?…:;»\"”)"


def _inner_capital(word: str) -> bool:
    """A capital after a lower-case letter, or a lower-case letter after two capitals: a brand
    or product spelling (``dLAN``, ``iPhone``, ``DLan``), not a word capitalised or written in
    capitals."""
    return re.search(r"[a-zà-ÿ][A-ZÀ-Þ]|[A-ZÀ-Þ]{2}[a-zà-ÿ]", word) is not None


def describe(a: str, b: str, kind: str) -> str:
    """How two surfaces differ, for the message: the kind found on the folded keys, said of the
    words as written (``bASSREFLEX`` / ``bass-reflex``: hyphenation and capitalisation)."""
    bare_a, bare_b = (re.sub(r"[-\s]", "", w) for w in (a, b))
    if bare_a.casefold() != bare_b.casefold():
        return _KIND_TEXT[kind]
    # the same letters: only hyphens or spaces differ (two forms of one key never differ by case alone)
    return _KIND_TEXT["hyphenation"] + (", and capitalisation" if bare_a != bare_b else "")


def _name_beside_word(doc: Document, ref: _Occ, var: _Occ, lang: str) -> bool:
    """One form is capitalised and written as the source writes it, the other a lower-case word
    of the language: a name kept from the source (``Basketball Bundesliga``) beside the word
    translated (``le basket-ball``), not one word in two spellings."""
    for cap, low in ((ref, var), (var, ref)):
        cap_surface, low_surface = cap.surfaces.most_common(1)[0][0], low.surfaces.most_common(1)[0][0]
        if not cap_surface[:1].isupper() or not low_surface[:1].islower():
            continue
        if all(_as_in_source(doc, s, w) for s, _, w in cap.spans) and zipf(low_surface, lang) >= KNOWN:
            return True
    return False


def _title_line(doc: Document, start: int) -> bool:
    """The word at ``start`` stands in a title-like line: a heading, or a line without final
    punctuation (a title, a caption, a list item, a product title: "Trucs et astuces Roulade",
    "Loupe Zeiss VisuCard Loupe à carte Grossissement Loupe de poche"), where capitals say
    nothing about the word."""
    p = doc.paragraph_at(start)
    if p is None:
        return False
    if p.kind == "heading":
        return True
    text = doc.view[p.start : p.end].rstrip()
    return bool(text) and text[-1] not in _END_MARKS


@packs.pack_cache
def _exonym_endings(lang: str) -> tuple[tuple[str, str], ...]:
    data = packs.load_yaml(lang, "terminology.yaml")
    return tuple((str(a).casefold(), str(b).casefold()) for a, b in data.get("exonym_endings") or ())


@packs.pack_cache
def _demonym_endings(lang: str) -> tuple[str, ...]:
    data = packs.load_yaml(lang, "terminology.yaml")
    ends = [str(e).casefold() for e in data.get("demonym_endings") or ()]
    return tuple(ends + [e + "s" for e in ends])


def _demonym(surfaces: Counter, lang: str) -> bool:
    """The word ends like the name of a place's people (``Limbourgeois``, ``Tarnais``), whose
    noun takes a capital and whose adjective does not."""
    ends = _demonym_endings(lang)
    return bool(ends) and all(w.casefold().endswith(ends) for w in surfaces)


@packs.pack_cache
def _correspondences(lang: str) -> frozenset[tuple[str, str]]:
    data = packs.load_yaml(lang, "terminology.yaml")
    return frozenset((str(a).casefold(), str(b).casefold()) for a, b in data.get("spelling_correspondences") or ())


def _exonym_pair(a: str, b: str, lang: str) -> bool:
    """``a`` and ``b`` are a foreign spelling and its French form: a place name with endings the
    pack pairs (``Ludwigsburg`` / ``Ludwigsbourg``), or one letter that the pack's spelling
    correspondences adapt (``Omikron`` / ``Omicron``)."""
    if _listed_exonym(a, b, lang) or _listed_exonym(b, a, lang):
        return True
    a, b = a.casefold(), b.casefold()
    for local, french in _exonym_endings(lang):
        for x, y in ((a, b), (b, a)):
            if x.endswith(local) and y.endswith(french) and x[: -len(local)] == y[: -len(french)] and x != y:
                return True
    if len(a) == len(b):
        diff = [(x, y) for x, y in zip(a, b) if x != y]
        if len(diff) == 1 and (diff[0] in _correspondences(lang) or diff[0][::-1] in _correspondences(lang)):
            return True
    return False


def _listed_exonym(local: str, french: str, lang: str) -> bool:
    """``local`` is a German name of ``rules/<lang>/exonyms.tsv`` (a German case ending aside)
    and ``french`` its French name there (``Zürich`` / ``Zurich``, ``Nürnberg`` / ``Nuremberg``)."""
    ex = exonyms(lang)
    key = exonym_key(local, ex)
    return key is not None and fold(french) in ex.single[key][:1]


def _as_in_source(doc: Document, start: int, surface: str) -> bool:
    """The aligned source of the paragraph at ``start`` writes ``surface`` letter for letter (a
    German genitive or plural ending aside: ``Räikkönens``)."""
    p = doc.paragraph_at(start)
    if p is None or not p.source:
        return False
    return re.search(r"(?<!\w)" + re.escape(surface) + r"(?:s|es|n|en)?(?!\w)", p.source) is not None


def _source_reference(doc: Document, table: dict[str, _Occ], ref: _Occ, variants: list) -> tuple[_Occ | None, list]:
    """With a source, the form the source writes is the reference: when the document's majority
    form is never written so in its source but a variant is, that variant becomes the reference
    (``Räikkönen`` in the source, ``Raikkonen`` in most lines: the latter is the slip). When the
    source writes several of the forms, the variation is the source's own: None."""
    def attested(occ: _Occ) -> bool:
        return any(_as_in_source(doc, s, w) for s, _, w in occ.spans)

    group = [(ref, None)] + [(table[v.key], kind) for v, kind in variants]
    seen = [occ for occ, _ in group if attested(occ)]
    if not seen or seen[0] is ref:
        return ref, variants
    if len(seen) > 1:
        return None, []
    new_ref = seen[0]
    kind = next(k for occ, k in group if occ is new_ref)
    others = [(occ.form(), kind) for occ, _ in group if occ is not new_ref]
    return new_ref, others


def _adapt(ref: _Occ, surface: str) -> str:
    """The reference form closest to ``surface`` in number and case: the reference surface
    that ends like it (plural or not), capitalised like it."""
    choices = list(ref.surfaces)
    plural = surface[-1:] in "sx"
    same = [c for c in choices if (c[-1:] in "sx") == plural] or choices
    best = max(same, key=lambda c: ref.surfaces[c])
    if surface[:1].isupper() and best[:1].islower():
        best = best[:1].upper() + best[1:]
    elif surface[:1].islower() and best[:1].isupper() and any(c[:1].islower() for c in choices):
        best = best[:1].lower() + best[1:]  # keep a name's capital; lower a word written lower elsewhere
    return best

