"""Names of the source that the translation dropped or changed (MTQ503)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from ... import packs
from ...analysis.document_names import (alone, doc_name_parts, mid_capital, mid_capital_elsewhere, refers_back,
                                        speaker, verbatim_names)
from ...analysis.name_context import apposition, bare, regroup
from ...analysis.name_forms import (beside, byline_kept, placeholder_problems, recased, recased_designations,
                                    respelt, source_bylines)
from ...analysis.source_names import (SourceName, derived_form, exonym_key, exonyms, fold, kept,
                                      known_in_french, reordered_acronym, source_names, strong, strong_as_noun,
                                      target_index)
from ...lint.context import Context
from ...lint.registry import register
from ...lint.rule import Rule
from ...model import Document, Issue, Severity
from ...segment import WORD_RE


def _key(name: SourceName) -> str:
    k = fold(name.text)
    return k[:-1] if len(k) > 4 and k.endswith("s") and not k.endswith("ss") else k


def _loan_or_noun(word: str, evidence: str) -> bool:
    """A word that German product and web text borrows from English (``Backpack``, ``Primer``):
    more frequent in English than in German, so often translated as a common noun; or, for a
    word kept as it is elsewhere, a German noun by its suffix (``Bahnbetriebswerk``): a word the
    translation may keep here and translate there."""
    from ...analysis.langid import zipf

    w = word.lower()
    en, de = zipf(w, "en"), zipf(w, "de")
    if en >= 2.5 and en >= de + 0.3:
        return True
    return evidence == "verbatim" and w.endswith(("ung", "heit", "keit", "schaft", "werk", "ität", "tion"))


@packs.pack_cache
def _german_list(lang: str, name: str) -> frozenset[str]:
    """A one-word-a-line list of the pack (``source_determiners.txt``, ``source_common_acronyms.txt``), folded."""
    out: set[str] = set()
    for path in packs.pack_files(lang, name):
        for raw in path.read_text(encoding="utf-8").splitlines():
            w = raw.strip()
            if w and not w.startswith("#"):
                out.add(fold(w))
    return frozenset(out)


def _compound_part(src: str, name: SourceName, head: bool = False) -> bool:
    """The name is part of a hyphenated German compound (``Giro- und Anlagekonten``,
    ``Pole-Premiere``): a noun the translation renders, not a name it must keep. With ``head``,
    a name that modifies the noun after it (``Android-Apps``, ``Kensington-Palast``) is not
    taken as such a part: the translation keeps it (``applications Android``)."""
    if src[name.start - 1 : name.start] in "-‐" and name.start > 0:
        return True
    if src[name.end : name.end + 1] not in ("-", "‐"):
        return False
    return not (head and src[name.end + 1 : name.end + 2].isalnum())


def _modifier(src: str, name: SourceName) -> bool:
    """The name is the first part of a hyphenated German compound (``den Kensington-Palast``):
    the determiner before it is the compound's."""
    return src[name.end : name.end + 1] in ("-", "‐") and src[name.end + 1 : name.end + 2].isalnum()


def _role_of(src: str, name: SourceName, lang: str) -> bool:
    """The name is the first part of a hyphenated German compound whose head is a role or a title
    of ``source_titles.txt`` (``GDL-Chef``, ``EZB-Präsidentin``)."""
    if not _modifier(src, name):
        return False
    head = re.match(r"[-‐](\w+)", src[name.end :])
    return bool(head) and fold(head.group(1)) in _german_list(lang, "source_titles.txt")


def _possessive(target: str, lang: str) -> bool:
    """The translation writes a possessive determiner (``possessive_determiners.txt``)."""
    words = _german_list(lang, "possessive_determiners.txt")
    return any(fold(w) in words for w in WORD_RE.findall(target))


def _suspended(src: str, name: SourceName) -> bool:
    """The name is the shared part of German compounds written with a suspension hyphen
    (``Giro- und Sparkonten``, ``-Druckluftwerkzeuge``), not a word of a compound such as
    ``Fußball-Bundesliga`` or ``Rhein-Sieg``."""
    after = src[name.end : name.end + 2]
    if after[:1] in ("-", "‐") and not after[1:2].isalnum():
        return True
    return name.start > 0 and src[name.start - 1] in "-‐" and (name.start < 2 or not src[name.start - 2].isalnum())


def _foreign_form(name: SourceName, ex) -> bool:
    """The exonym pack gives the name a French form of its own (``München`` / ``Munich``),
    not only the German spelling (``Bundesliga``)."""
    key = tuple(fold(w) for w in name.text.split())
    forms = ex.multi.get(key, ()) if len(key) > 1 else ex.single.get(exonym_key(name.text, ex) or "", ())
    return any(f != fold(name.text) and not fold(name.text).startswith(f) for f in forms)


def _capitalised(target: str) -> str:
    """The target with its words in lower case blanked out (a capital anywhere keeps a word)."""
    return WORD_RE.sub(lambda m: m.group() if any(c.isupper() for c in m.group()) else " " * len(m.group()), target)


_INNER_CAP_WORD = re.compile(r"[a-zà-öø-ÿ][A-ZÀ-ÖØ-Þ]")
_CAPS = re.compile(r"(?<![\w-])[A-ZÀ-ÖØ-Þ]{2,}(?![\w-])")


def _kept_acronym(name: SourceName, p, keeping: set[int], common: frozenset[str], target: str, src: str, ex) -> bool:
    """An acronym of three capitals or more, missing from a translation that keeps the source's
    names (another one in this segment, or acronyms in two other segments of the document),
    that is no German common-noun abbreviation (``LKW``, from the pack) and for which the target
    holds no acronym of its own that could render it (``UE`` for ``EU``, ``RDA`` for ``DDR``),
    other than the French form of another name of the source."""
    if not (name.text.isupper() and sum(c.isalpha() for c in name.text) >= 3) or fold(name.text) in common:
        return False
    if not (len(keeping - {p.index}) >= 2 or p.index in keeping):
        return False
    known = {fold(w) for w in WORD_RE.findall(src)}
    known.update(w[:-1] for w in list(known) if len(w) > 3 and w.endswith("s"))  # "LEDs" / "LED"
    for w in known & set(ex.single):
        known.update(ex.single[w])
    return not any(fold(m.group()) not in known for m in _CAPS.finditer(target))


def _article_noun_elsewhere(doc: Document, paras, word: str, index: int, lang: str) -> bool:
    """Every other segment whose translation writes the word as it is has a French article right
    before it (``la Leitstelle``, ``au Fantag``; ``rules/fr/articles.txt``): the translation
    uses it there as a common noun it left untranslated, not as a name (``de Westnetz``,
    ``MHP Riesen``)."""
    articles = _german_list(lang, "articles.txt")
    pat = re.compile(r"(?<![\w-])" + re.escape(word) + r"(?![\w-])")
    seen = 0
    for q in paras:
        if q.index == index:
            continue
        target = doc.view[q.start : q.end]
        for m in pat.finditer(target):
            before = re.search(r"(\w+)(?:['’]|\s+)$", target[max(0, m.start() - 12) : m.start()])
            if not before or fold(before.group(1)) not in articles:
                return False
            seen += 1
    return seen > 0


def _rendered_noun(name: SourceName, target: str, lang: str, single: bool, doc: Document, paras, index: int) -> bool:
    """A single capitalised word that a name only by the document's evidence (kept as it is in
    another segment), that the team's bilingual lexicon (``rules/fr/de-lexicon.tsv``) knows as
    a German common noun, whose French translation this segment has, and that the other
    segments write after an article: a noun the machine translation left untranslated there
    (``la Leitstelle``) and renders here (``centre de contrôle``), not a name dropped. A word
    the other segments write as a name (``de Westnetz``, ``MHP Riesen``), names of several
    words and names by other evidence are not read so: a name turned into a common noun is
    what the rule is for."""
    from ...analysis import bilingual

    if not single or name.evidence != "verbatim" or not name.text[1:].islower():
        return False
    if not _article_noun_elsewhere(doc, paras, name.text, index, lang):
        return False
    found = bilingual.lookup(name.text, lang)
    if not found or found.pos != "NOUN" or not found.translations:
        return False
    return bool(bilingual.found(found.translations, target))


@register
class SourceNameMissing(Rule):
    """A name of the source that its translation does not keep.

    What it does
        Finds the names of each German source segment (acronyms, words with an inner capital,
        entries of the exonym pack ``rules/fr/exonyms.tsv``, capitalised words whose frequency
        in French and English text is that of a name, words after a title such as ``Herr`` or
        ``Kanzlerin``, and the words written beside them) and looks for each one in the target:
        verbatim or inflected, with a German case ending dropped (``Bundestages`` /
        ``Bundestag``), transliterated (``Lukaschenko`` / ``Loukachenko``) or in a French form
        from the exonym pack (``München`` / ``Munich``). A missing name is reported when there is
        evidence that the translation should have it: the same document's translation keeps it in
        another segment; the other part of the same name is kept here (a first name without its
        surname); the exonym pack knows its French form; a title introduces it; or it is an
        international name, about as frequent in French text as in German and not a French word
        (``Pfizer``, ``Hollywood``; never a part of a hyphenated compound such as ``Giro-``, but
        the head of one, ``Android-Apps``); it is in the exonym pack; or it is an acronym of three
        capitals that is no German common-noun abbreviation (``rules/fr/source_common_acronyms.txt``)
        in a translation that keeps the segment's other names and has no acronym of its own. Names
        written side by side are one name whatever found each part (``Michael Winterhoff``); a
        word more frequent in English is taken as a borrowed noun unless it stands bare as a name
        does (no determiner of ``rules/fr/source_determiners.txt`` or adjective before it) or is
        the first name of a longer one. An acronym in apposition to the German noun before it
        (``der Gewerkschaft ÖGB``) is a name too. A name is kept when the target has it in one of
        the forms above, its letters in the French order (``DNA`` / ``ADN``), or a word derived
        from it (``Cannes`` / ``cannoise``, with the endings of ``rules/fr/name_derivations.txt``);
        it counts as kept elsewhere in the document only among the target's capitalised words
        (``Serie`` rendered ``série`` is a noun, not a name kept). After a determiner, a name
        must be about as frequent in French text as in German (``den Discord``; not ``ein
        Nest``). Capitals of a segment written in capitals, German function words and English
        words in capitals (``UNS``, ``DRIVER``), and words glued together as scraped pages have
        them are no names. The whole segment is reported, with the source name in the message.
        Two weaker kinds of evidence are reported as ``info``: a first name left out beside its
        kept surname (news style drops it), and a name found only by its frequencies that stands
        bare as German names do (``gegen Leverkusen``), known to French text though far more
        frequent in German.

        The document's translation is evidence too: a capitalised source word that the target
        writes as it is in another segment is a name the translation keeps, alone
        (``Westnetz``, also when another segment writes it as the first part of a compound,
        ``Westnetz-Monteure``, or glued to a noun, ``Discordservers``) or, for a word German also
        uses as a noun (``Riesen``), inside a name of three words the target keeps whole
        (``MHP Riesen Ludwigsburg``). A word borrowed from English counts as such a name when
        the target writes it alone and capitalised inside a sentence in two other segments
        (``Sky``). Placeholders of anonymised text (``#NAME#``, ``#PRS_ORG#``) must be copied
        as they are: one translated (``#NOM#``) or dropped is reported, at the target's
        placeholder with the source's as its replacement. Agency bylines of
        ``rules/fr/source_bylines.txt`` (``dpa``, ``AFP``) at the end of an item or in
        parentheses are names to keep. A name kept in another case only is reported at the
        target's word: in lower case when the document capitalises it elsewhere
        (``verstappen``), in capitals when the source does not (``ALTHEA``), and a designation
        of letters and numbers in lower case (``e 95 01``), each with the source's spelling as
        the replacement. A person an earlier segment's translation names, written in the source
        as the speaker (``urteilte Bossong``, after a word of ``rules/fr/source_speech_words.txt``),
        whom the translation refers back to with a pronoun of
        ``rules/fr/reference_pronouns.txt`` (``a-t-il déclaré``), is no missing name.
        Nor is a single word that is a name only because another segment keeps it, when every
        other segment writes it after an article (``rules/fr/articles.txt``: ``la Leitstelle``, a
        German noun left untranslated) and this one has its translation by the bilingual
        lexicon: the noun is rendered here. Letters that French writes in Latin letters count as
        kept (``Đoković`` / ``Djokovic``, ``Łódź`` / ``Lodz``).

    Why it matters
        A dropped surname, a party name turned into a common noun or an acronym turned into a
        person changes who did what. Read alone, the French looks fine: only the source shows it.

    Example
        Source (de): ``Nach dem Spiel sagte Trainer Mirko Hölzl, er sei stolz.``
        Flagged: ``Après le match, l'entraîneur Mirko s'est dit fier.``
        Better: ``Après le match, l'entraîneur Mirko Hölzl s'est dit fier.``

    Options
        ``min_length`` (default 2): shorter names are not looked for.
        ``placeholder_marks`` (default false): also report a placeholder whose word the target
        keeps inside other marks (``«NAME»``, ``'PRS'ORG'``), which a tool that restores the
        names would miss.
        ``changed_spellings`` (default false): also report a source word copied with a letter or
        two changed inside it (``Leipzig-Wahlen`` for ``Leipzig-Wahren``), not a case ending, a
        transliteration (``Selenskyj`` / ``Zelensky``), umlauts written out or a spelling
        more frequent in French text than in German (``Brisgau``). Off by default: on real
        German-French MT 5 of its 8 findings were names, the other 3 a dialect word cited in
        quotes (respelt, a real error, but no name).

    Known limits
        Without a German parser, names are found by evidence; a name seen once in a document,
        known neither to the exonym pack nor by a title or a kept first name, and more frequent
        in German text than in French (``Moritz``, a German acronym) is not reported. A
        name legitimately replaced by a pronoun or a description ("le Bavarois") elsewhere in the
        document is reported, unless the source writes it as the first part of a hyphenated
        compound whose head is a role of ``rules/fr/source_titles.txt`` (``GDL-Chef``,
        ``EZB-Präsidentin``), an earlier segment's translation keeps it and this one writes a
        possessive (``rules/fr/possessive_determiners.txt``): French then refers back to it
        (``son dirigeant``, ``sa présidente``), and a name dropped there is missed. Only segments with an aligned source are checked. The rule is
        ``info`` by default: on real German-French MT about a third of its findings are names the
        translation renders freely or words the source only uses as names (measured precision
        below 0.7, ``mtqa explain MTQ503``); raise it with ``severity = "warning"`` under
        ``[rules.MTQ503]`` in the configuration when a run wants names as warnings.
    """

    code = "MTQ503"
    name = "source-name-missing"
    category = "fidelity"
    severity = Severity.INFO
    requires = frozenset({"source"})
    options = {"min_length": 2, "single": True, "placeholder_marks": False, "changed_spellings": False}

    def check(self, doc: Document, ctx: Context) -> Iterator[Issue]:
        lang = doc.target_language if doc.target_language != "und" else "fr"
        ex = exonyms(lang)
        min_len = self.opts["min_length"]
        rows = []  # (paragraph, [(name, kept)])
        kept_in: dict[str, set[int]] = {}
        kept_mid: dict[str, set[int]] = {}  # segments whose target writes the name alone and capitalised inside a sentence
        paras = [p for p in doc.paragraphs if p.source]
        doc_names = verbatim_names(doc, paras)
        for p in paras:
            names = [n for n in source_names(p.source, lang) if len(n.text) >= min_len]
            seen = {n.text for n in names}
            names += doc_name_parts(p.source, doc_names, seen)
            seen = {n.text for n in names}
            names += [n for n in source_bylines(p.source, lang) if n.text not in seen]
            if not names:
                continue
            names = regroup(p.source, names)
            target = doc.view[p.start : p.end]
            toks, folded = target_index(target)
            status = []
            capitals = None
            for n in names:
                if n.evidence == "byline":
                    status.append((n, byline_kept(n, target), False))
                    continue
                k = kept(n, toks, folded, lang) or reordered_acronym(n, target) or derived_form(n, toks, lang)
                # verbatim or transliterated ("Lukaschenko" / "Loukachenko"), not an acronym, a
                # product code or a French form of the exonym pack: a first name beside a surname
                verbatim = k and n.evidence not in ("acronym", "inner-capital") and (
                    fold(n.text) in folded or n.evidence in ("frequency", "title", "run") and kept(n, toks, folded, lang))
                status.append((n, k, verbatim))
                as_name = k
                if k and n.evidence not in ("acronym", "exonym"):
                    # kept as a name is: among the target's capitalised words, not as a French
                    # common noun of its form ("Serie" / "série", "Adapter" / "adaptateur")
                    if capitals is None:
                        capitals = target_index(_capitalised(target))
                    as_name = kept(n, *capitals, lang)
                if as_name:
                    kept_in.setdefault(_key(n), set()).add(p.index)
                    if mid_capital(target, n, by_itself=True):
                        kept_mid.setdefault(_key(n), set()).add(p.index)
            rows.append((p, status))
        missing_in: dict[str, set[int]] = {}  # a name the translation renders the same way in every segment
        for p, status in rows:
            for n, k, _ in status:
                if not k:
                    missing_in.setdefault(_key(n), set()).add(p.index)
        kept_acronyms = {p.index for p, status in rows for n, k, _ in status if k and n.evidence == "acronym"}
        # segments whose translation keeps a name of the source verbatim (not only by an exonym)
        kept_names = {p.index for p, status in rows if any(v and len(n.text) >= 3 for n, _, v in status)}
        common_acronyms = _german_list(lang, "source_common_acronyms.txt")
        for p, status in rows:
            kept_groups = {n.group for n, _, v in status if v}
            sizes = Counter(n.group for n, _, _ in status)
            heads = {n.group: n.start for n, _, _ in status if sizes[n.group] > 1}  # the last word of each name
            # names whose kept part is a first name or a surname, not a borrowed word ("Michael Strahan",
            # not "Everyday Backpack")
            person_groups = {n.group for n, _, v in status if v and n.group in heads
                             and n.evidence in ("frequency", "title", "run") and not _loan_or_noun(n.text, n.evidence)}
            reported: set[str] = set()
            # a target with words glued together as scraped pages have them ("NettoyeurChaîne"):
            # the source's own glued words ("ReinigerKette") are no names
            glued = any(_INNER_CAP_WORD.search(w) and w not in p.source
                        for w in WORD_RE.findall(doc.view, p.start, p.end))
            for n, k, _ in status:
                key = _key(n)
                if k or key in reported:
                    continue
                severity = None  # the rule's own
                if n.evidence in ("frequency", "verbatim", "run") and _loan_or_noun(n.text, n.evidence) \
                        and not (len(kept_mid.get(key, set()) - {p.index}) >= 2 and alone(p.source, n)) \
                        and not (n.group in heads and heads[n.group] != n.start or n.group in person_groups
                                or bare(p.source, n, lang) and n.evidence != "verbatim"
                                or _modifier(p.source, n) and strong_as_noun(n.text)):
                    # a borrowed common noun ("Backpack"), unless it stands as a name or is the
                    # first name of a longer one ("Lewis Hamilton"; not "Everyday Backpack")
                    continue
                if n.evidence == "run" and heads.get(n.group) == n.start and _loan_or_noun(n.text, n.evidence):
                    continue  # the kind of place after a name, translated ("Scott Skate Rink" / "patinoire Scott Skate")
                if _rendered_noun(n, doc.view[p.start : p.end], lang, sizes[n.group] == 1, doc, paras, p.index):
                    continue  # a German common noun the translation renders here ("Leitstelle" / "centre de contrôle")
                elsewhere = kept_in.get(key, set()) - {p.index}
                if elsewhere and min(elsewhere) < p.index and _role_of(p.source, n, lang) \
                        and _possessive(doc.view[p.start : p.end], lang):
                    # the first part of a German compound naming a role ("GDL-Chef", "EZB-Präsidentin")
                    # after an earlier segment names it: French refers back to it ("son dirigeant")
                    continue
                if elsewhere and min(elsewhere) < p.index and n.evidence in ("frequency", "title", "run", "verbatim") \
                        and speaker(p.source, n, lang) and refers_back(doc.view[p.start : p.end], lang):
                    # a person an earlier segment names, whom the translation refers back to as the
                    # speaker ("urteilte Bossong" / "a-t-il déclaré")
                    continue
                if n.evidence == "byline":
                    why = "an agency byline is kept in translation"
                elif elsewhere:
                    why = "the translation keeps it elsewhere in the document"
                elif n.group in kept_groups and n.evidence != "acronym":
                    why = "the rest of the name is kept"
                    if n.group in heads and heads[n.group] != n.start:
                        severity = Severity.INFO  # a first name left out beside its surname, as news style does
                elif n.evidence == "exonym" and _foreign_form(n, ex):
                    why = "its French form is known"
                elif n.evidence == "exonym" and not _suspended(p.source, n):
                    why = "it is a name of the exonym pack"
                elif n.evidence == "acronym" and not _compound_part(p.source, n) and len(missing_in[key]) < 2 \
                        and _kept_acronym(n, p, kept_acronyms | kept_names, common_acronyms,
                                                               doc.view[p.start : p.end], p.source, ex):
                    why = "the translation keeps the source's other names"
                elif n.evidence == "acronym" and fold(n.text) not in common_acronyms and apposition(p.source, n, lang):
                    why = "a noun before it introduces it as a name"
                elif n.evidence == "title":
                    why = "a title introduces it in the source"
                elif self.opts["single"] and strong(n.text, n.evidence) and not _suspended(p.source, n) \
                        and not (n.evidence == "inner-capital" and glued) and not (
                    n.evidence == "frequency" and (_compound_part(p.source, n, head=True)
                                                   or not bare(p.source, n, lang) and not strong_as_noun(n.text)
                                                   and not _compound_part(p.source, n))
                ):
                    why = "names of this kind are kept in translation"
                elif n.evidence == "frequency" and bare(p.source, n, lang) and known_in_french(n.text) \
                        and not _compound_part(p.source, n, head=True) and not _loan_or_noun(n.text, n.evidence):
                    # weaker evidence: a name by its frequencies that stands bare, as German names
                    # do ("gegen Leverkusen"), though far more frequent in German text than in French
                    why, severity = "it stands as a name in the source, and French text knows it", Severity.INFO
                else:
                    continue
                reported.add(key)
                forms = ex.single.get(exonym_key(n.text, ex) or "", ())
                hint = f" (French: {', '.join(forms[:2])})" if n.evidence == "exonym" and forms else ""
                yield self.issue(
                    doc, p.start, p.end,
                    f"The source name '{n.text}'{hint} is missing from the translation ({why})",
                    (), severity=severity, source_name=n.text, evidence=n.evidence,
                )
            yield from self._fewer(doc, p, status, reported)
        status_of = {p.index: status for p, status in rows}
        for p in paras:
            yield from self._changed(doc, p, status_of.get(p.index, []), paras)
        yield from self._placeholders(doc, paras)

    def _placeholders(self, doc: Document, paras) -> Iterator[Issue]:
        """A placeholder of an anonymised source (``#NAME#``) that the translation does not copy
        as it is: translated (``#NOM#``) or dropped; with ``placeholder_marks``, also kept in
        other marks (``«NAME»``)."""
        hows = {"translated": "translated ('{}')", "missing": "missing from the translation",
                "marks": "written with other marks in the translation"}
        for p in paras:
            target = doc.view[p.start : p.end]
            for a, b, ph, how in placeholder_problems(p.source, target, self.opts["placeholder_marks"]):
                yield self.issue(
                    doc, p.start + a, p.start + b,
                    f"The source placeholder '{ph}' is {hows[how].format(target[a:b])}: a placeholder is copied as it is",
                    (ph,) if how == "translated" else (), source_name=ph, evidence="placeholder",
                )

    def _changed(self, doc: Document, p, status, paras) -> Iterator[Issue]:
        """A source name the translation writes in another case only (``verstappen``, ``ALTHEA``,
        a designation ``e 95 01``), or, with ``changed_spellings``, copies with a letter or two
        changed inside it (``Leipzig-Wahlen`` for ``Leipzig-Wahren``). The span is the target's word."""
        target = doc.view[p.start : p.end]
        done: set[tuple[int, int]] = set()
        # the names kept, and the capitalised words written beside one (``Althea Reinhardt``)
        cands = {n.text for n, k, _ in status if k and n.evidence not in ("acronym", "byline", "placeholder")
                 and not _loan_or_noun(n.text, n.evidence)}
        cands |= beside(p.source, {(n.start, n.end) for n, _, _ in status})
        for w in sorted(cands):
            for a, b, how in recased(w, target):
                if (a, b) in done or how == "lower" and not mid_capital_elsewhere(doc, paras, w, p.index):
                    continue  # in lower case: only a name the translation capitalises elsewhere ("Fenix"; not "espresso")
                done.add((a, b))
                case = "in lower case" if how == "lower" else "in capitals"
                yield self.issue(doc, p.start + a, p.start + b,
                                 f"The source name '{w}' is written {case} in the translation ('{target[a:b]}')",
                                 (w,), source_name=w, evidence="recased")
        for a, b, d in recased_designations(p.source, target):
            if (a, b) not in done:
                done.add((a, b))
                yield self.issue(doc, p.start + a, p.start + b,
                                 f"The source designation '{d}' is written in lower case in the translation",
                                 (d,), source_name=d, evidence="recased")
        if self.opts["changed_spellings"]:
            ex = exonyms(doc.target_language if doc.target_language != "und" else "fr")
            for a, b, w, part in respelt(p.source, target, lambda x: exonym_key(x, ex) is not None, done):
                yield self.issue(doc, p.start + a, p.start + b,
                                 f"The source name '{w}' is written '{part}' in the translation (a changed spelling)",
                                 (), source_name=w, evidence="spelling")

    def _fewer(self, doc: Document, p, status, reported: set[str]) -> Iterator[Issue]:
        """A name the source writes two or three times in the segment, and its translation keeps
        fewer times (``DHL`` thrice in the source, twice in the target): one occurrence was
        dropped or changed. Only names a translation writes out each time, acronyms and words
        with an inner capital; not a surname, which a pronoun may stand for."""
        counts = Counter(_key(n) for n, k, _ in status if k)
        if not counts or max(counts.values()) < 2:
            return
        toks, _ = target_index(doc.view[p.start : p.end])
        for n, k, verbatim in status:
            key = _key(n)
            if not k or key in reported or not 2 <= counts[key] <= 3 or len(n.text) < 3:
                continue
            if n.evidence not in ("acronym", "inner-capital"):
                continue  # a surname may well be "il" or "elle" the second time
            f = fold(n.text)
            found = sum(1 for t in toks if t == f or t == key or (len(f) >= 5 and t.startswith(key) and len(t) - len(key) <= 3))
            if 1 <= found < counts[key]:
                reported.add(key)
                yield self.issue(
                    doc, p.start, p.end,
                    f"The source name '{n.text}' is written {counts[key]} times in the source and {found} in the "
                    f"translation: one seems to be missing",
                    (), source_name=n.text, evidence=n.evidence,
                )
