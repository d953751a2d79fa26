"""Names of a German source segment, and whether the French target keeps them.

German capitalises every noun, so a capital letter alone says nothing. A word of the source is
taken as a name on evidence that does not look at the target:

- an acronym (``SPD``, ``MLS``) or a word with an inner capital (``LokSound``);
- an entry of the exonym pack (``München``, ``Schweiz``);
- a word far more frequent in French text than a German common noun would be, relative to its
  German frequency (wordfreq), and not a French word (``Merkel``, ``Schmidt``);
- a capitalised word right after a title (``Herr``, ``Kanzlerin``) or after another name inside
  a sentence (``Olaf Scholz``).

A name is kept when the target has it verbatim or inflected, with a German case ending dropped
(``Bundestages`` / ``Bundestag``), transliterated (``Müller`` / ``Mueller``) or as one of its
French forms from the exonym pack (``München`` / ``Munich``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from .. import packs
from ..segment import WORD_RE

_ACRONYM = re.compile(r"[A-ZÄÖÜ][A-ZÄÖÜ0-9]{1,5}s?")
_INNER_CAP = re.compile(r"[a-zäöüß][A-ZÄÖÜ]")
# a word glued to the capitals after it, as scraped tables are ("IntensitätVK"): no name
_GLUED = re.compile(r"[A-ZÄÖÜ][a-zäöüß]{4,}[A-ZÄÖÜ]{1,3}")
_DIMENSIONS = re.compile(r"[A-ZÄÖÜ](?:x[A-ZÄÖÜ])+")  # "BxTxH": width, depth, height
WORD_IN_CAPITALS_DE = 5.8  # Zipf frequency of a German function word written in capitals ("UNS", "DIE")
WORD_IN_CAPITALS_EN = 4.5  # of an English word of four letters or more ("DRIVER", "WEIGHT"; not "NASA")


def _capitalised_word(part: str) -> bool:
    """A word written in capitals for emphasis or as a label, not an acronym: a German function
    word (``an UNS``) or an English word of four letters or more (``DRIVER``)."""
    return _zipf(part, "de") >= WORD_IN_CAPITALS_DE or len(part) >= 4 and _zipf(part, "en") >= WORD_IN_CAPITALS_EN
_OPENERS = set("\"'«»„“”‚‘’([–—-•*:")
# German case endings that a French target drops ("des Bundestages" -> "du Bundestag")
_ENDINGS = ("es", "s", "en", "n", "ern", "er", "e")


def fold(s: str) -> str:
    """Case, accents and ``ß`` folded: ``Müller`` -> ``muller``."""
    if len(s) <= 40:
        return _fold_short(s)
    return _fold(s)


@lru_cache(maxsize=262144)
def _fold_short(s: str) -> str:
    return _fold(s)


def _fold(s: str) -> str:
    if s.isascii():
        return s.casefold()
    s = unicodedata.normalize("NFKD", s.replace("ß", "ss").replace("’", "'"))
    return "".join(c for c in s if not unicodedata.combining(c)).casefold()


def _variants(word: str) -> set[str]:
    """Spellings a target may use for a German word: umlauts folded or written out."""
    out = {fold(word)}
    t = word.replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("Ä", "Ae")
    t = t.replace("Ö", "Oe").replace("Ü", "Ue")
    out.add(fold(t))
    if not word.isascii():  # letters fold keeps, in Latin letters ("Đoković" / "Djokovic", "Łódź" / "Lodz")
        out.add(fold(word).translate(_LATIN_FORMS))
    return out


_LATIN_FORMS = str.maketrans({"đ": "dj", "ł": "l", "ø": "o", "æ": "ae", "œ": "oe", "ı": "i", "ð": "d", "þ": "th"})


@dataclass(frozen=True)
class SourceName:
    text: str  # as written in the source
    start: int  # offsets in the source segment
    end: int
    evidence: str  # acronym | inner-capital | exonym | frequency | title | run
    group: int = -1  # names written side by side share a group ("Kimi Räikkönen")


@dataclass(frozen=True)
class Exonyms:
    single: dict[str, tuple[str, ...]]  # folded German word -> folded French forms
    multi: dict[tuple[str, ...], tuple[str, ...]]  # folded German word sequence -> forms

    @property
    def multi_first(self) -> dict[str, list[tuple[str, ...]]]:
        """The multi-word keys by their first word."""
        idx = self.__dict__.get("_first")
        if idx is None:
            idx = {}
            for k in self.multi:
                idx.setdefault(k[0], []).append(k)
            object.__setattr__(self, "_first", idx)
        return idx


def exonym_rows(lang: str = "fr") -> Iterator[tuple[str, tuple[str, ...]]]:
    """The rows of the ``exonyms.tsv`` packs as written: (German name, its target forms)."""
    for de, fr in packs.load_rows(lang, "exonyms.tsv"):
        yield de, tuple(f.strip() for f in fr.split("|") if f.strip())


@packs.pack_cache
def exonyms(lang: str = "fr") -> Exonyms:
    single: dict[str, tuple[str, ...]] = {}
    multi: dict[tuple[str, ...], tuple[str, ...]] = {}
    for de, written in exonym_rows(lang):
        forms = tuple(fold(f) for f in written)
        words = tuple(fold(w) for w in WORD_RE.findall(de))
        if not words:
            continue
        if len(words) == 1:
            single[words[0]] = tuple(dict.fromkeys(single.get(words[0], ()) + forms))
        else:
            multi[words] = tuple(dict.fromkeys(multi.get(words, ()) + forms))
    return Exonyms(single, multi)


def exonym_key(word: str, ex: Exonyms) -> str | None:
    """The exonym pack's key for a word, maybe with a German case ending (``Bundestages``)."""
    k = fold(word)
    if k in ex.single:
        return k
    for e in ("es", "s", "en", "n", "e"):
        if k.endswith(e) and len(k) - len(e) >= 4 and k[: -len(e)] in ex.single:
            return k[: -len(e)]
    return None


@packs.pack_cache
def folded_list(lang: str, name: str) -> frozenset[str]:
    """A one-word-a-line list of the pack ``rules/<lang>/<name>``, folded (:func:`fold`)."""
    return frozenset(fold(w) for w in packs.load_list(lang, name))


def _titles(lang: str = "fr") -> frozenset[str]:
    """German words after which a capitalised word is a person's name (``source_titles.txt``)."""
    return folded_list(lang, "source_titles.txt")


def titles_de(lang: str = "fr") -> frozenset[str]:
    """The folded German titles and roles of ``source_titles.txt`` (``Herr``, ``Kanzlerin``)."""
    return _titles(lang)


@lru_cache(maxsize=65536)
def _zipf(word: str, lang: str) -> float:
    from .langid import zipf

    return zipf(word.lower(), lang)


@lru_cache(maxsize=65536)
def _french_word(word: str) -> bool:
    """The lower-case word is a French word: a form of the lexicon, a finite verb form or an
    infinitive (``Transporter``, ``Adapter``: German nouns that French text writes as verbs)."""
    from .. import lexicon

    w = word.lower()
    if not lexicon.available("fr"):
        return False
    lex = lexicon.load("fr")
    if w in lex or any(v in lex for v in _accented(w)):
        return True  # also with the accents German leaves out ("Serie" / "série", "Idee" / "idée")
    verbs = lexicon.verbs("fr")
    return w in verbs or w.endswith(("er", "ir", "re")) and verbs.form(w, "ind", "pre", "3", "s") is not None


_ACCENTS = {"e": "éèê", "a": "àâ", "i": "îï", "o": "ô", "u": "ûù", "c": "ç"}


def _accented(word: str, limit: int = 64) -> list[str]:
    """The spellings of a lower-case word with French accents on its letters (at most ``limit``)."""
    out = [""]
    for c in word:
        out = [o + x for o in out for x in (c, *_ACCENTS.get(c, ""))]
        if len(out) > limit:
            return []
    return out[1:]


COMMON_NOUN_FREQ = 5.0  # lexicon frequency (per million) from which a noun is a common French word


@lru_cache(maxsize=65536)
def _common_french_noun(word: str) -> bool:
    """The lower-case word is a common French noun or adjective (``pin``, ``pro``; not ``ram``)."""
    from .. import lexicon

    return lexicon.available("fr") and any(a.freq >= COMMON_NOUN_FREQ for a in lexicon.load("fr").analyses(word, "NA"))


def _stem(word: str) -> str:
    """A German genitive ``s`` cut off a name (``Merkels`` -> ``Merkel``)."""
    if len(word) > 4 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


@lru_cache(maxsize=65536)
def frequency_name(word: str) -> bool:
    """A capitalised German word whose frequency profile is that of a name: known in French
    text almost as well as in German, while not a French word; or rare in German and common in
    French."""
    w = _stem(word)
    if len(w) < 3 or not w[0].isupper() or not w.isalpha():
        return False
    de = max(_zipf(w, "de"), _zipf(word, "de"))
    fr = max(_zipf(w, "fr"), _zipf(word, "fr"))
    en = max(_zipf(w, "en"), _zipf(word, "en"))
    if fr < 2.5 or de > 5.3 or abs(en - fr) > 0.9:
        return False  # names are about as frequent in French and English text; loanwords are not
    if _french_word(w) or _french_word(word):
        return False
    return max(fr, en) >= de - 1.3


def _compound(word: str) -> bool:
    """The word ends with a common German word of four letters or more after a stem
    (``Fantag``, ``Lauterbach``): a compound noun rather than a surname."""
    w = word.lower()
    for i in range(3, len(w) - 2):
        tail = w[i:]
        if _zipf(tail, "de") >= (3.5 if len(tail) >= 4 else 5.3):
            return True
    return False


def german_compound(word: str) -> bool:
    """``word`` ends with a common German word after a stem (``Beimann``, ``Tatzlager``)."""
    return _compound(word)


def _surname_like(word: str) -> bool:
    """A capitalised word after a name that may be the rest of it (``Olaf Scholz``), not a
    German common noun (``Ebay Warenkorb``): rare in German, short, and no compound."""
    return _zipf(word, "de") < 3.0 and len(word) <= 11 and not _compound(word)


def _sentence_starts(src: str) -> set[int]:
    """Offsets of words that start a sentence (capitalised by position)."""
    out: set[int] = set()
    prev_end = 0
    first = True
    for m in WORD_RE.finditer(src):
        gap = src[prev_end : m.start()]
        if first or re.search(r"[.!?:;]\s*$", gap.strip(" \"'«»„“”‚‘’()")) or re.search(r"[.!?]\s", gap) \
                or any(c in _OPENERS for c in gap.strip()) and first:
            out.add(m.start())
        elif gap.strip() and gap.strip()[-1] in "\"„“«»–—-•*(:":
            out.add(m.start())
        first = False
        prev_end = m.end()
    return out


_PLACEHOLDER = re.compile(r"#[A-Z_-]+#")


INTERNATIONAL_FR = 2.8  # Zipf frequency in French from which a name is known to French readers
INTERNATIONAL_DE = 4.6  # above this German frequency a capitalised word is likelier a German noun


@lru_cache(maxsize=65536)
def strong(text: str, evidence: str) -> bool:
    """A name whose evidence is strong enough to expect it in any translation, even seen once:
    a word with an inner capital, an acronym about as common in French text as in German, or a
    word with a name's frequency profile that French text knows about as well as German text
    (``Pfizer``, ``Luther``, ``Hollywood``): an international name, not a German noun."""
    if evidence == "inner-capital":
        return True
    if evidence == "acronym" and text.isupper() and len(text) >= 3:
        fr, de = _zipf(text, "fr"), _zipf(text, "de")
        # a French word spelt in capitals ("PIN", "PRO") owes its French frequency to the word
        return fr >= 2.5 and fr >= de - 1.2 and not _common_french_noun(text)
    if evidence == "frequency" and len(text) >= 4 and " " not in text:
        w = _stem(text)
        fr, de = max(_zipf(w, "fr"), _zipf(text, "fr")), max(_zipf(w, "de"), _zipf(text, "de"))
        # German common nouns are far more frequent in German (Zeit, Kanzler) or are French
        # words too (Radio, Film), which frequency_name already leaves out
        return fr >= INTERNATIONAL_FR and de <= INTERNATIONAL_DE and fr >= de - 0.7 and not _compound(w)
    return False


@lru_cache(maxsize=65536)
def known_in_french(text: str) -> bool:
    """A name by its frequencies that French text knows as well as an international name is
    known (:data:`INTERNATIONAL_FR`), however frequent in German (``Leverkusen``), no more
    frequent in English text than in French (an English word: ``Alter``, ``Frost``), and no
    German compound (``Fantag``)."""
    w = _stem(text)
    fr = max(_zipf(w, "fr"), _zipf(text, "fr"))
    en = max(_zipf(w, "en"), _zipf(text, "en"))
    return len(w) >= 4 and fr >= INTERNATIONAL_FR and en <= fr + 0.3 and not _compound(w)


NOUN_PHRASE_MARGIN = 0.45  # a name written after a determiner is at most this much rarer in French than in German


@lru_cache(maxsize=65536)
def strong_as_noun(text: str) -> bool:
    """A strong name (:func:`strong`) that stays one after a German determiner or adjective
    (``den Discord``, ``die Fifa``): nearly as frequent in French text as in German. A German
    common noun that English also has (``ein Nest``, ``einen Hype``, ``ein Jude``) owes its
    French frequency to English quotations and names, and stays well below its German one."""
    w = _stem(text)
    fr, de = max(_zipf(w, "fr"), _zipf(text, "fr")), max(_zipf(w, "de"), _zipf(text, "de"))
    return fr >= de - NOUN_PHRASE_MARGIN


def source_names(src: str, lang: str = "fr") -> list[SourceName]:
    """Names found in a German source segment (see the module docstring)."""
    return list(_source_names(src, lang, tuple(map(str, packs.pack_dirs()))))


@lru_cache(maxsize=8192)
def _source_names(src: str, lang: str, _packs: tuple[str, ...]) -> tuple[SourceName, ...]:
    """(cached per source text and set of pack folders)"""
    src = _PLACEHOLDER.sub(lambda m: " " * len(m.group()), src)
    ex = exonyms(lang)
    titles = _titles(lang)
    starts = _sentence_starts(src)
    words = list(WORD_RE.finditer(src))
    out: list[SourceName] = []
    taken: set[int] = set()
    long_words = [m.group() for m in words if len(m.group()) >= 3 and m.group().isalpha()]
    # a segment written in capitals ("PAKETE WERDEN PRO STÜCK ..."): its capitals are no acronyms
    shouting = len(long_words) >= 4 and sum(w.isupper() for w in long_words) >= 0.6 * len(long_words)
    # exonyms of several words first ("Den Haag", "Vereinigte Staaten")
    folded = [fold(m.group()) for m in words]
    first = ex.multi_first
    for i0, f in enumerate(folded):
        for key in first.get(f, ()):
            n = len(key)
            i = i0
            if tuple(folded[i : i + n]) == key and not taken & set(range(i, i + n)):
                out.append(SourceName(src[words[i].start() : words[i + n - 1].end()], words[i].start(),
                                      words[i + n - 1].end(), "exonym"))
                taken.update(range(i, i + n))
    prev_name = -2
    groups: list[int] = []
    for i, m in enumerate(words):
        if i in taken:
            continue
        w = m.group()
        if not w[:1].isupper():
            continue
        initial = m.start() in starts
        parts = [(m.start(), w)]
        if "-" in w:  # "SPD-Chef", "Merkel-Regierung": each part on its own
            parts, pos = [], m.start()
            for part in w.split("-"):
                if part:
                    parts.append((pos, part))
                pos += len(part) + 1
        found = False
        for pos, part in parts:
            if not part[:1].isupper() or len(part) < 2:
                continue
            if len(parts) > 1 and len(part) <= 2:
                continue  # "WM-Zweiter", "Free-TV-Sender": translated with the compound
            ev = None
            if _ACRONYM.fullmatch(part) and not part.isdigit() and sum(c.isalpha() for c in part) >= 2 \
                    and not (len(part) >= 4 and _zipf(part, "de") >= 3.5):  # "NICHTS": emphasis
                if shouting or _capitalised_word(part):
                    continue
                ev = "acronym"
            elif exonym_key(part, ex):
                ev = "exonym"
            elif _INNER_CAP.search(part.replace("ß", "")) and not _GLUED.fullmatch(part) and not _DIMENSIONS.fullmatch(part):
                ev = "inner-capital"
            elif not initial and frequency_name(part) and fold(part) not in titles:
                ev = "frequency"
            elif i > 0 and fold(words[i - 1].group()) in titles and not initial and part.isalpha() and pos == m.start() \
                    and fold(part) not in titles and _zipf(part, "de") < 3.5:
                ev = "title"
            elif prev_name == i - 1 and not initial and part.isalpha() and pos == m.start() \
                    and src[words[i - 1].end() : m.start()] == " " and _surname_like(part):
                ev = "run"
            if ev:
                group = groups[-1] if prev_name == i - 1 and groups and src[words[i - 1].end() : m.start()] == " " else i
                groups.append(group)
                out.append(SourceName(part, pos, pos + len(part), ev, group))
                found = True
        if found:
            prev_name = i
    out.sort(key=lambda n: n.start)
    return tuple(out)


@lru_cache(maxsize=4096)
def target_index(target: str) -> tuple[list[str], str]:
    """Folded target words (hyphenated words also split) and the folded target text."""
    toks: list[str] = []
    for m in WORD_RE.finditer(target):
        w = fold(m.group())
        w = re.sub(r"^(?:l|d|qu|j|n|s|c|m|t|lorsqu|puisqu|jusqu)'", "", w)
        toks.append(w)
        if "-" in w or "'" in w:
            toks.extend(x for x in re.split(r"[-']", w) if x)
    return toks, fold(target)


def kept(name: SourceName, toks: list[str], folded_target: str, lang: str = "fr") -> bool:
    """Whether the target keeps the source name in some form."""
    if len(name.text) >= 4 and re.sub(r"(?<=[^s]{5})s$", "", fold(name.text).replace("-", "")) in re.sub(r"[\s-]", "", folded_target):
        return True  # "HiFi" / "hi-fi", "LokSound5" / "LokSound 5", "Popcorns" / "pop corn"
    ex = exonyms(lang)
    n = fold(name.text)
    forms: tuple[str, ...] = ()
    key = tuple(fold(w) for w in WORD_RE.findall(name.text))
    if len(key) > 1:
        forms = ex.multi.get(key, ())
    else:
        forms = ex.single.get(exonym_key(name.text, ex) or n, ())
    for f in forms:
        if " " in f or "-" in f or "'" in f:  # "d'accord"
            if f in folded_target:
                return True
        elif any(t.startswith(f) for t in toks):
            return True
    letters = re.sub(r"s$", "", n) if name.evidence == "acronym" and name.text.endswith("s") and len(n) > 2 else n
    for v in _variants(name.text) | {letters}:
        if len(v) <= 3:
            if v in toks or v + "s" in toks or re.search(r"(?<![^\W\d_])" + re.escape(v), folded_target):
                return True  # also glued to the next word ("DPDet")
            continue
        if v in folded_target:
            return True
        for e in _ENDINGS:  # a German case ending dropped
            if v.endswith(e) and len(v) - len(e) >= 4 and v[: -len(e)] in toks:
                return True
    if len(n) >= 5:  # transliterated ("Lukaschenko" / "Loukachenko")
        from difflib import SequenceMatcher

        for t in toks:
            if abs(len(t) - len(n)) <= 3 and (t[:1] == n[:1] or len(n) >= 6 and t[1:3] == n[1:3]) \
                    and (r := SequenceMatcher(None, n, t).ratio()) >= (0.75 if t[:1] == n[:1] else 0.8) \
                    and (r >= 0.85 or len(t) >= len(n) or not _french_word(t)):
                return True  # also with another first letter ("Sharif" / "Charif"), or a French cognate
                # ("Effect" / "effet", "Flora" / "flore"); not a shorter French word that only shares
                # letters with it ("Riesen" / "rien")
    return False


_UPPER_WORD = re.compile(r"(?<![\w-])[A-ZÀ-ÖØ-Þ]{2,6}(?![\w-])")


def reordered_acronym(name: SourceName, target: str) -> bool:
    """The target writes the source acronym's letters in another order, as French orders the
    words it stands for (``DNA`` / ``ADN``, ``UNO`` / ``ONU``, ``EU`` / ``UE``)."""
    if name.evidence != "acronym" or not name.text.isupper():
        return False
    n = sorted(fold(name.text))
    return any(sorted(fold(m.group())) == n for m in _UPPER_WORD.finditer(target))


def derived_form(name: SourceName, toks: list[str], lang: str = "fr") -> bool:
    """The target writes a word derived from the name (``Cannes`` / ``cannoise``, ``Franco`` /
    ``franquisme``): the name's first letters, all but its last two (four at least), then
    one of the pack's derivation endings (``rules/fr/name_derivations.txt``)."""
    n = fold(_stem(name.text))  # "Francos" / "franquisme"
    if name.evidence == "acronym" or len(n) < 5 or not name.text[:1].isupper():
        return False
    stem = n[: max(4, len(n) - 2)]
    endings = _derivations(lang)
    return any(len(t) > len(stem) + 1 and t.startswith(stem) and t.endswith(endings) for t in toks)


@packs.pack_cache
def _derivations(lang: str = "fr") -> tuple[str, ...]:
    """Endings of words derived from place and person names (``-ois``, ``-isme``), folded."""
    return tuple(fold(w) for w in packs.load_list(lang, "name_derivations.txt"))


def missing_names(src: str, target: str, lang: str = "fr") -> list[SourceName]:
    """Names of the source segment that the target does not keep (each name once)."""
    names = source_names(src, lang)
    if not names:
        return []
    toks, folded = target_index(target)
    out, seen = [], set()
    for n in names:
        k = fold(n.text)
        if k in seen:
            continue
        seen.add(k)
        if not kept(n, toks, folded, lang):
            out.append(n)
    return out

