"""Names of the source that the translation dropped or changed (MTQ503)."""

from __future__ import annotations

from collections.abc import Iterator

from ...analysis.source_names import SourceName, exonym_key, exonyms, fold, kept, source_names, strong, target_index
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


def _verbatim_names(doc: Document, paras) -> set[str]:
    """Capitalised source words, rare in German, that the translation writes as they are in the
    same segment: names the document's translation keeps (``Weidinger``)."""
    from ...analysis.langid import zipf

    out: set[str] = set()
    for p in paras:
        target = set(WORD_RE.findall(doc.view, p.start, p.end))
        for w in set(WORD_RE.findall(p.source or "")):
            if len(w) >= 4 and w[:1].isupper() and w[1:].islower() and w.isalpha() and w in target \
                    and zipf(w.lower(), doc.source_language or "de") < 3.5:
                out.add(w)
    return out


def _compound_part(src: str, name: SourceName) -> bool:
    """The name is part of a hyphenated German compound (``Giro- und Anlagekonten``,
    ``Pole-Premiere``): a noun the translation renders, not a name it must keep."""
    return src[name.start - 1 : name.start] in "-‐" and name.start > 0 or src[name.end : name.end + 1] in ("-", "‐")


def _foreign_form(name: SourceName, ex) -> bool:
    """The exonym pack gives the name a French form of its own (``München`` / ``Munich``),
    not only the German spelling (``Bundesliga``)."""
    key = tuple(fold(w) for w in name.text.split())
    forms = ex.multi.get(key, ()) if len(key) > 1 else ex.single.get(exonym_key(name.text, ex) or "", ())
    return any(f != fold(name.text) and not fold(name.text).startswith(f) for f in forms)


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
        (``Pfizer``, ``Hollywood``; never a part of a hyphenated compound such as ``Giro-``). The whole
        segment is reported, with the source name in the message.

    Why it matters
        A dropped surname, a party name turned into a common noun or an acronym turned into a
        person changes who did what. Read alone, the French looks fine: only the source shows it.

    Example
        Source (de): ``Nach dem Spiel sagte Trainer Mirko Hölzl, er sei stolz.``
        Flagged: ``Après le match, l'entraîneur Mirko s'est dit fier.``
        Better: ``Après le match, l'entraîneur Mirko Hölzl s'est dit fier.``

    Options
        ``min_length`` (default 2): shorter names are not looked for.

    Known limits
        Without a German parser, names are found by evidence; a name seen once in a document,
        known neither to the exonym pack nor by a title or a kept first name, and more frequent
        in German text than in French (``Moritz``, a German acronym) is not reported. A
        name legitimately replaced by a pronoun or a description ("le Bavarois") elsewhere in the
        document is reported. Only segments with an aligned source are checked.
    """

    code = "MTQ503"
    name = "source-name-missing"
    category = "fidelity"
    severity = Severity.WARNING
    requires = frozenset({"source"})
    options = {"min_length": 2, "single": True}

    def check(self, doc: Document, ctx: Context) -> Iterator[Issue]:
        lang = doc.target_language if doc.target_language != "und" else "fr"
        ex = exonyms(lang)
        min_len = self.opts["min_length"]
        rows = []  # (paragraph, [(name, kept)])
        kept_in: dict[str, set[int]] = {}
        paras = [p for p in doc.paragraphs if p.source]
        doc_names = _verbatim_names(doc, paras)
        for p in paras:
            names = [n for n in source_names(p.source, lang) if len(n.text) >= min_len]
            seen = {n.text for n in names}
            names += [SourceName(m.group(), m.start(), m.end(), "verbatim") for m in WORD_RE.finditer(p.source)
                      if m.group() in doc_names and m.group() not in seen]
            if not names:
                continue
            target = doc.view[p.start : p.end]
            toks, folded = target_index(target)
            status = []
            for n in names:
                k = kept(n, toks, folded, lang)
                # verbatim, not an acronym or a product code: a first name beside a surname
                verbatim = k and n.evidence not in ("acronym", "inner-capital") and fold(n.text) in folded
                status.append((n, k, verbatim))
                if k:
                    kept_in.setdefault(_key(n), set()).add(p.index)
            rows.append((p, status))
        for p, status in rows:
            kept_groups = {n.group for n, _, v in status if v}
            reported: set[str] = set()
            for n, k, _ in status:
                key = _key(n)
                if k or key in reported:
                    continue
                if n.evidence in ("frequency", "verbatim", "run") and _loan_or_noun(n.text, n.evidence):
                    continue
                if kept_in.get(key, set()) - {p.index}:
                    why = "the translation keeps it elsewhere in the document"
                elif n.group in kept_groups and n.evidence != "acronym":
                    why = "the rest of the name is kept"
                elif n.evidence == "exonym" and _foreign_form(n, ex):
                    why = "its French form is known"
                elif n.evidence == "title":
                    why = "a title introduces it in the source"
                elif self.opts["single"] and strong(n.text, n.evidence) and not (
                    n.evidence == "frequency" and _compound_part(p.source, n)
                ):
                    why = "names of this kind are kept in translation"
                else:
                    continue
                reported.add(key)
                forms = ex.single.get(exonym_key(n.text, ex) or "", ())
                hint = f" (French: {', '.join(forms[:2])})" if n.evidence == "exonym" and forms else ""
                yield self.issue(
                    doc, p.start, p.end,
                    f"The source name '{n.text}'{hint} is missing from the translation ({why})",
                    (), source_name=n.text, evidence=n.evidence,
                )
