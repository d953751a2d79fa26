"""French common nouns capitalised in mid-sentence as in the German source (MTQ504)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ... import packs
from ...lint.context import Context
from ...lint.registry import register
from ...lint.rule import Rule
from ...model import Document, Issue, Severity
from ...analysis.langid import zipf
from ...analysis.source_names import exonym_key, exonym_rows, exonyms, fold, source_names, titles_de
from ...segment import WORD_RE

_OPENERS = set("\"'«»„“”‚‘()[]–—-•*:/|#@+=>")
OWN_WORD_FR = 3.5  # Zipf frequency in French from which the source's own word is a common French word
OWN_WORD_DE = 3.5  # ... and in German, from which it is a German common noun too
OWN_WORD_MARGIN = 1.0  # a French name German texts use (Pierre) is this much rarer in German than in French
_ELISION = re.compile(r"^(?:[ldjnmtsc]|qu|jusqu|lorsqu|puisqu)['’]", re.I)


@packs.pack_cache
def institution_nouns(lang: str) -> frozenset[str]:
    return frozenset(w.casefold() for w in packs.load_list(lang, "capitalised_nouns.txt"))


def _pack_words(lang: str, key: str) -> list[str]:
    data = packs.load_yaml(lang, "capitalised_names.yaml") or {}
    return [str(w).casefold().replace("’", "'").strip() for w in data.get(key) or () if str(w).strip()]


@packs.pack_cache
def _name_pack(lang: str) -> tuple[frozenset[str], frozenset[str], frozenset[str], tuple[str, ...]]:
    """Place generics, label generics, institution adjectives and multiword names of
    ``capitalised_names.yaml``."""
    return frozenset(_pack_words(lang, "place_generics")), frozenset(_pack_words(lang, "label_generics")), \
        frozenset(_pack_words(lang, "institution_adjectives")), \
        tuple(sorted(set(_pack_words(lang, "names")), key=len, reverse=True))


@packs.pack_cache
def _noun_slot(lang: str) -> frozenset[str]:
    """The words before a noun, ``noun_slot_words`` of ``capitalised_names.yaml``."""
    return frozenset(_pack_words(lang, "noun_slot_words"))


@packs.pack_cache
def _connectors(lang: str) -> frozenset[str]:
    """The small words inside a name of several capitalised words, ``name_connectors`` of
    ``capitalised_names.yaml``."""
    return frozenset(_pack_words(lang, "name_connectors"))


@packs.pack_cache
def _ministry_words(lang: str) -> frozenset[str]:
    """The words before a ministry's field, ``ministry_words`` of ``capitalised_names.yaml``."""
    return frozenset(_pack_words(lang, "ministry_words"))


@packs.pack_cache
def _title_pack(lang: str) -> tuple[frozenset[str], frozenset[str]]:
    """Event generics and words of address of ``capitalised_names.yaml``."""
    return frozenset(_pack_words(lang, "event_generics")), frozenset(_pack_words(lang, "address_words"))


def _title_case(words: list[str]) -> bool:
    """A line whose words mostly start with a capital (a heading, a product name): the first
    word, which every sentence capitalises, and words in capitals (``EUR``, ``#NUMBER#``) aside,
    two long words or more in title case, and more than half of them."""
    long = [w for w in words[1:] if len(w) >= 4 and not w.isupper()]
    titled = sum(1 for w in long if w[:1].isupper())
    return titled >= 2 and titled > 0.5 * len(long)


@register
class GermanCapitalisation(Rule):
    """A French common noun capitalised in mid-sentence, as German capitalises its nouns.

    What it does
        With an aligned German source. Reports a word inside a sentence whose first letter only
        is a capital, while the French lexicon knows its lower-case form as a common noun and
        not as a name, and the German source does not hold the word as it is written (then it is
        a name or a brand), unless that word of the source is a German noun as well: frequent in
        French and in German text alike (``la Situation``, ``combien de Stress``; not ``Pierre``,
        far rarer in German), after a determiner or a preposition that takes a noun, no name
        of the source by its evidence (an acronym, an exonym, a name's frequencies, a title
        before it: ``Frau Rose``), and not capitalised elsewhere in the document where its
        source lacks it (the translation's own name). A word beside another capitalised word (``Coupe du Monde``,
        ``Hôtel Ritz``; across ``de``, ``la``, ``au`` or ``et``, not across a comma, nor across
        ``à`` or ``en``, after which a capitalised word is a place: ``un Effort à Noël`` is
        reported), after an opening quote, a colon or a dash, in a title-case line (more than
        half of its long words after the first, which every sentence capitalises, in title
        case), in capitals, or listed in ``rules/fr/capitalised_nouns.txt`` (institutions and titles
        French capitalises: ``l'État``, ``le Sénat``) is left alone. So are the names of
        ``rules/fr/capitalised_names.yaml``: the specific part of a place or a feast name after
        its generic (``le mont du Temple``, ``la région Centre``, ``la fête des Mères``), then a
        name in the whole document (``le Temple``); the noun before an adjective of reach that starts an institution's or a
        day's name (``la Sécurité sociale``, ``la Journée internationale``); names of several
        words (``Pôle emploi``, ``l'Assurance maladie``); the name of a setting, a control, an
        edition or a work after its generic (``le mode Éco``, ``la revue Science``); a fair, a show
        or a festival before the ``de`` that names it (``la Foire du livre``, ``le Festival de
        Cannes``); a title after a word of address (``Madame la Ministre``); a word that, with the next one, writes
        a source word (``Mac book`` / ``Macbook``); and sentences with words glued together as
        scraped tables have them. Two more kinds are reported: an institution noun of the pack's
        ``kind_nouns`` as the bare complement of a common noun, with no name after it (``une
        locomotive de Musée``), and an adjective of nationality or region (a lower-case stem of the
        exonym pack) capitalised right after its noun or after its noun and an adjective
        (``l'ethnologue Français``, ``le champion olympique Danois``), even where the source names
        the country or the region (``Schlesien``); not the noun of an
        inhabitant after a determiner, a number or an adjective (``les Français``, ``un jeune
        Allemand``). The fix is the lower-case word.

    Why it matters
        German writes every noun with a capital; machine translation from German sometimes
        keeps it ("la Sécurité", "le Vélo"). French readers take the word for a name, or the text
        for a careless copy.

    Example
        Source (de): ``Am Sonntag fahren wir mit dem Zug zu meinen Eltern.``
        Flagged: ``Dimanche, nous allons chez mes parents en Train.``
        Flags: ``Train``
        Better: ``Dimanche, nous allons chez mes parents en train.``

    Options
        ``min_length`` (default 3): shorter words are not checked.

    Known limits
        Names that are also common nouns (a company called ``Orange``, a newspaper, a book title
        left without quotes) are reported when they stand alone. Institutions that French
        capitalises but the pack does not list are reported. A noun wrongly capitalised before an
        adjective of reach (``la Politique européenne``) is not.
    """

    code = "MTQ504"
    name = "german-capitalisation"
    category = "typography"
    severity = Severity.WARNING
    requires = frozenset({"source", "lexicon"})
    languages = frozenset({"fr"})
    options = {"min_length": 3}

    def check(self, doc: Document, ctx: Context) -> Iterator[Issue]:
        from ... import lexicon

        if not lexicon.available("fr"):
            return
        lex = lexicon.load("fr")
        keep = institution_nouns("fr")
        generics, labels, reach, pack_names = _name_pack("fr")
        events, address = _title_pack("fr")
        src_of = {p.index: p.source for p in doc.paragraphs}
        text = doc.view
        min_len = self.opts["min_length"]
        sentences = [(s, list(WORD_RE.finditer(text, s.start, s.end))) for s in doc.sentences if src_of.get(s.parent)]
        # the specific part of a place name ("le mont du Temple"): a name in the whole document ("le Temple")
        places = {_ELISION.sub("", ws[i].group()) for _, ws in sentences for i in range(1, len(ws))
                  if _place_specific(ws, i, generics)}
        doc_names = _document_names(sentences, src_of, text)
        for s, words in sentences:
            src = src_of.get(s.parent)
            if len(words) < 3 or _title_case([m.group() for m in words]):
                continue
            src_words = set(WORD_RE.findall(src))
            if sum(1 for m in words if _GLUED.search(m.group()) and m.group() not in src_words) >= 2:
                continue  # words glued together as scraped tables have them ("AmeCuivre"): capitals mark labels
            names = _source_name_forms(src)
            folded_src = {fold(w) for w in src_words}
            for i, m in enumerate(words):
                if i == 0:
                    continue
                w = m.group()
                cut = _ELISION.match(w)
                start = m.start() + (cut.end() if cut else 0)
                word = text[start : m.end()]
                if len(word) < min_len or not word[:1].isupper() or not word[1:].islower() or "-" in word:
                    continue
                gap = text[words[i - 1].end() : m.start()]
                if any(c in _OPENERS for c in gap) or re.search(r"[.!?…]", gap):
                    continue
                if text[max(0, words[i - 1].start() - 1) : words[i - 1].start()] in ("#", "@"):
                    continue  # after a hashtag or a handle: a heading's first word
                low = word.lower()
                if low in keep and not _kind_complement(words, i, text, lex) or fold(word) in names:
                    continue  # the French name of a source name ("Lüttich" / "Liège")
                if word in src_words and not _source_noun(word, src, words, i, text, doc_names):
                    continue  # the source's own word, and nothing says it is a German noun: a name
                if _nationality_after_noun(words, i, text, low, lex) and not _place_specific(words, i, generics) \
                        and not _named(text, start, words, i, reach, pack_names):
                    yield self.issue(
                        doc, start, m.end(),
                        f"'{word}' is an adjective of nationality after its noun: French writes it in lower case",
                        [low], confidence=0.7,
                    )
                    continue
                nouns = lex.analyses(low, "N")
                if not nouns or lex.analyses(low, "A") or max(a.freq for a in nouns) < 2.0:
                    continue  # not a common noun (a place, a rare word) or also an adjective (nationalities)
                if max(a.freq for a in nouns) < 0.1 * 10 ** (zipf(low, "fr") - 3):
                    continue  # mostly a function word that the lexicon also knows as a noun ("pour", "plus")
                if _beside_capital(words, i, text, src_words if word in src_words else None) or _institution(words, i, text, lex):
                    continue
                if _addressed(words, i, address) or low in events and _named_after(words, i, text):
                    continue  # "Madame la Ministre"; "la Foire du livre", "le Festival de Cannes"
                if word in places or _named(text, start, words, i, reach, pack_names) \
                        or _ELISION.sub("", words[i - 1].group()).casefold() in labels \
                        and text[words[i - 1].end() : m.start()] == " ":
                    continue  # a place, an institution or a day French names this way ("la Sécurité sociale")
                if i + 1 < len(words) and text[m.end() : words[i + 1].start()] == " " \
                        and fold(word + words[i + 1].group()) in folded_src:
                    continue  # a name of the source written in two words ("Mac book" / "Macbook")
                yield self.issue(
                    doc, start, m.end(),
                    f"'{word}' is a common noun: French writes it in lower case (German capitalises nouns)",
                    [low], confidence=0.7,
                )


@packs.pack_cache
def _adjective_forms(lang: str) -> frozenset[str]:
    """The adjectives of nationality and region in the exonym pack (``rules/fr/exonyms.tsv``:
    ``Dänemark`` / ``Danemark|danois``): its one-word French forms written in lower case, folded."""
    return frozenset(fold(f) for _, forms in exonym_rows(lang) for f in forms if f[:1].islower() and f.isalpha())


@packs.pack_cache
def _nationality_stems(lang: str) -> tuple[str, ...]:
    """The stems of the adjectives of nationality and region (:func:`_adjective_forms`)."""
    return tuple(sorted(f for f in _adjective_forms(lang) if len(f) >= 4))


def _nationality_after_noun(words, i: int, text: str, low: str, lex) -> bool:
    """The capitalised word is an adjective of nationality or region (a stem of the exonym
    pack, and an adjective to the lexicon: ``Français``, ``Silésien``) right after a common
    noun in lower case, one space away (``l'ethnologue Français``, ``le réseau Silésien``), or
    after such a noun and an adjective (``le champion olympique Danois``):
    there it qualifies the noun, and French writes it in lower case. After a determiner, a
    number or a word that is rather an adjective (``les Français``, ``un jeune Allemand``) it
    is the noun of an inhabitant, which French capitalises."""
    if i < 1 or text[words[i - 1].end() : words[i].start()] != " " or not lex.analyses(low, "A") \
            or _ELISION.match(words[i].group()):
        return False  # "l'Autrichien": a determiner of its own, a noun
    f = fold(low)
    if not any(f.startswith(st) and len(f) - len(st) <= 4 for st in _nationality_stems("fr")):
        return False
    if _common_noun(_ELISION.sub("", words[i - 1].group()), lex):
        return True
    # an adjective between the noun and the nationality ("le champion olympique Danois")
    return i >= 2 and text[words[i - 2].end() : words[i - 1].start()] == " " \
        and _adjective(words[i - 1].group(), lex) and _common_noun(_ELISION.sub("", words[i - 2].group()), lex)


def _common_noun(word: str, lex) -> bool:
    """A lower-case word that is rather a common noun than an adjective, and not a verb nor a
    word before a noun (``une``, which the lexicon also knows as a noun: ``une Française``,
    ``une vieille Polonaise``)."""
    if len(word) < 3 or not word.isalpha() or not word.islower() or word in _noun_slot("fr"):
        return False
    nouns = lex.analyses(word, "N")
    if not nouns or lex.is_verb(word):
        return False  # "est", "sont": a verb before an attribute ("il est Français" is rare, but no noun)
    adj = max((a.freq for a in lex.analyses(word, "A")), default=0.0)
    return max(a.freq for a in nouns) > max(adj, 0.2)


def _adjective(word: str, lex) -> bool:
    """A lower-case word that is rather an adjective than a noun (``olympique``, ``fédéral``)."""
    if len(word) < 3 or not word.isalpha() or not word.islower() or lex.is_verb(word):
        return False
    adj = max((a.freq for a in lex.analyses(word, "A")), default=0.0)
    return adj > 0.2 and adj >= max((a.freq for a in lex.analyses(word, "N")), default=0.0)


@packs.pack_cache
def _kind_nouns(lang: str) -> frozenset[str]:
    """``kind_nouns`` of ``capitalised_names.yaml``."""
    return frozenset(_pack_words(lang, "kind_nouns"))


def _kind_complement(words, i: int, text: str, lex) -> bool:
    """An institution noun of the pack's ``kind_nouns`` as the bare complement of a common noun
    in lower case (``locomotive de Musée``, ``chef de Gouvernement``), with no name or
    complement of its own after it (not ``le musée de Cluny``, ``la Banque de France``): it
    says what kind of thing the noun is, and French writes it in lower case."""
    if i < 2 or words[i].group().casefold() not in _kind_nouns("fr"):
        return False
    if words[i - 1].group() != "de" or text[words[i - 1].end() : words[i].start()] != " " \
            or text[words[i - 2].end() : words[i - 1].start()] != " ":
        return False
    head = words[i - 2].group()
    if not head.isalpha() or not head.islower() or not lex.analyses(head, "N"):
        return False
    if i + 1 < len(words) and text[words[i].end() : words[i + 1].start()].strip() == "":
        nxt = words[i + 1].group()
        if nxt[:1].isupper() or nxt.casefold() in ("de", "du", "des") or nxt.casefold().startswith(("d'", "d’")):
            return False
    return True


def _source_noun(word: str, src: str, words, i: int, text: str, doc_names: set[str]) -> bool:
    """The capitalised word is spelt as a word of its source segment (``Situation``, ``Stress``,
    ``Pause``), and is a German common noun kept with its German capital rather than a name:
    frequent as a French word and as a German one (``Pierre``, ``Olivier``, French names, are far
    rarer in German text), not a name of the source by :func:`source_names` nor after a title
    there (``Frau Rose``), not written with a capital elsewhere in the document where the
    source does not hold it (the translation's own name), and in the place of a noun: after a
    determiner or a preposition (``la Pause``, ``combien de Stress``), where French names of
    persons do not stand."""
    low = word.lower()
    fr, de = zipf(low, "fr"), zipf(low, "de")
    if fr < OWN_WORD_FR or de < OWN_WORD_DE or de < fr - OWN_WORD_MARGIN or low in doc_names:
        return False
    prev = words[i - 1].group()
    cut = _ELISION.match(words[i].group())
    slot = cut.group()[:-1] if cut else prev
    if slot.casefold() not in _noun_slot("fr") or not cut and text[words[i - 1].end() : words[i].start()] != " ":
        return False
    f = fold(word)
    if any(fold(n.text) == f for n in source_names(src)):
        return False
    titles = titles_de()
    src_words = WORD_RE.findall(src)
    return not any(w == word and k and fold(src_words[k - 1]) in titles for k, w in enumerate(src_words))


def _document_names(sentences, src_of, text: str) -> set[str]:
    """Lower-case forms of the words the document writes with a capital inside a sentence
    whose source does not hold them, and never in lower case: names of the translation's own."""
    capped: set[str] = set()
    lower: set[str] = set()
    for s, ws in sentences:
        src_words = set(WORD_RE.findall(src_of.get(s.parent) or ""))
        for k, m in enumerate(ws):
            w = _ELISION.sub("", m.group())
            if not w[:1].isalpha():
                continue
            if w.islower():
                lower.add(w)
            elif k and w[:1].isupper() and w[1:].islower() and w not in src_words:
                gap = text[ws[k - 1].end() : m.start()]
                if not any(c in _OPENERS for c in gap) and not re.search(r"[.!?…]", gap):
                    capped.add(w.lower())
    return capped - lower


def _source_name_forms(src: str) -> set[str]:
    """The folded words of the French forms the exonym pack gives the names of the source
    segment (``Lüttich`` / ``Liège``, ``Kapstadt`` / ``Le Cap``), also as a part of a
    hyphenated compound (``Lüttich-Sieg``): French names that are common nouns too."""
    ex = exonyms("fr")
    adjectives = _adjective_forms("fr")
    out: set[str] = set()
    words = [fold(w) for w in WORD_RE.findall(src)]
    words += [x for w in words if "-" in w for x in w.split("-") if x]  # "Lüttich-Sieg"
    forms: list[str] = []
    for i, w in enumerate(words):
        key = exonym_key(w, ex)
        forms.extend(ex.single.get(key, ()) if key else ())
        for k in ex.multi_first.get(w, ()):
            if tuple(words[i : i + len(k)]) == k:
                forms.extend(ex.multi[k])
    for f in forms:
        if f in adjectives:
            continue  # an adjective of nationality or region ("Schlesien" / "silésien"): not a name
        out.update(x for x in re.split(r"[\s'-]", f) if len(x) >= 3)
    return out


_GLUED = re.compile(r"[a-zà-öø-ÿ][A-ZÀ-ÖØ-Þ]")


def _place_specific(words, i: int, generics: frozenset[str]) -> bool:
    """The word is the specific part of a place name after its lower-case generic and ``de``
    (``mont du Temple``, ``esplanade des Mosquées``, ``rue de la Paix``, ``place de l'Europe``,
    ``rue d'Alsace``): French capitalises it, common noun or not."""
    w = words[i].group()
    cut = _ELISION.match(w)
    before = [x.group() for x in words[max(0, i - 3) : i]]
    if not cut and before and _ELISION.sub("", before[-1]).casefold() in generics:
        return True  # "la région Centre", "les îles Loyauté"
    if cut and cut.group()[:1].lower() == "d":  # "rue d'Alsace"
        return bool(before) and before[-1] in generics
    if cut:  # "place de l'Europe"
        return len(before) >= 2 and before[-1] == "de" and before[-2] in generics
    if len(before) >= 2 and before[-1] in ("du", "des", "de") and before[-2] in generics:
        return True
    return len(before) >= 3 and before[-1] == "la" and before[-2] == "de" and before[-3] in generics


def _named(text: str, start: int, words, i: int, reach: frozenset[str], names: tuple[str, ...]) -> bool:
    """The word starts the name of an institution, a body or a day, a noun before an adjective of
    reach (``la Sécurité sociale``, ``la Journée internationale``), or is a word of a name of the
    pack (``Pôle emploi``, ``les droits de l'Homme``)."""
    if i + 1 < len(words) and words[i + 1].group() in reach and text[words[i].end() : words[i + 1].start()] == " ":
        return True
    around = text[max(0, start - 40) : start + 60].casefold().replace("’", "'")
    at = min(40, start)
    for n in names:
        k = around.find(n)
        while k >= 0:
            if k <= at < k + len(n) and (k == 0 or not around[k - 1].isalpha()) \
                    and (k + len(n) == len(around) or not around[k + len(n)].isalpha()):
                return True
            k = around.find(n, k + 1)
    return False


def _addressed(words, i: int, address: frozenset[str]) -> bool:
    """A title after a word of address and its article (``Madame la Ministre``, ``Monsieur le
    Président``, ``Mesdames et Messieurs les Députés``), which French capitalises."""
    return i >= 2 and words[i - 1].group().casefold() in ("le", "la", "les") \
        and words[i - 2].group().casefold() in address


def _named_after(words, i: int, text: str) -> bool:
    """The word is followed by ``de``, ``du``, ``des`` or ``d'`` and what names it (``la Foire du
    livre``, ``le Salon de l'automobile``)."""
    if i + 1 >= len(words) or text[words[i].end() : words[i + 1].start()] != " ":
        return False
    nxt = words[i + 1].group().casefold().replace("’", "'")
    return nxt in ("de", "du", "des") or nxt.startswith("d'")


def _institution(words, i: int, text: str, lex) -> bool:
    """A ministry's field, which French capitalises (``ministre de la Santé``)."""
    before = [w.group().casefold() for w in words[max(0, i - 4) : i]]
    ministry = _ministry_words("fr")
    if any(w in ministry for w in before):
        return True
    return False


def _beside_capital(words, i: int, text: str, src_words: set[str] | None = None) -> bool:
    """Another capitalised word next to this one, maybe across a small word: part of a name.
    With ``src_words`` (the word is the source's own), a capitalised determiner the source
    does not hold (``Ma Situation`` / ``meine Situation``) is German-style too, not a name's."""
    def cap(j: int) -> bool:
        w = words[j].group()
        w = _ELISION.sub("", w)
        if src_words is not None and j == i - 1 and w.casefold() in _noun_slot("fr") and w not in src_words:
            return False
        return w[:1].isupper() or (j == i + 1 and w[:1].isdigit())  # "Formule 1", "Solution 2"
    connectors = _connectors("fr")

    for step in (-1, 1):
        j = i + step
        hops = 0
        while 0 <= j < len(words) and hops < 3:
            w = words[j].group().casefold()
            if step == -1 and j == 0:
                # the sentence's first word says nothing, unless it is a name joined by a small word
                break
            if cap(j):
                # no punctuation between the two words, across the small words too
                a, b = (words[j].end(), words[i].start()) if step == -1 else (words[i].end(), words[j].start())
                if not re.search(r"[,;:.!?()]", text[a:b]):
                    return True
                break
            if _ELISION.sub("", w) in connectors or w in connectors:
                j += step
                hops += 1
                continue
            break
    return False
