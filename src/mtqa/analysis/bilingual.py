"""A German -> French content-word lexicon, for the rules that compare a translation with its
German source (``rules/<lang>/de-lexicon.tsv``, irregular German forms in ``de-forms.tsv``).

Three calls are the whole API::

    lookup("Häuser")             # -> Lookup: the entries of "Haus" (.translations "maison", ...)
    translations("Kinderärzte")  # -> ("médecin", "docteur"): the head "Arzt"; lookup().parts: "Kind"
    French(target).find(trs)     # -> the translations that occur in the French segment

A German word form is reduced to lemma candidates by simple heuristics (plural -e/-en/-er/-n/-s
and umlaut plurals, genitive -s/-es, adjective endings and comparatives, verb endings and
``ge-`` participles, separable prefixes, a table of irregular forms); the first candidates the
lexicon knows win. A compound the lexicon does not know is read by its head, the longest known
final noun (``Gesundheitsminister`` -> ``Minister``), with the linking ``-s-``, ``-es-``, ``-n-``
or ``-en-`` of its first part dropped; its parts come along (``Gesundheit``). The first part must
be known too (an entry, or a German word of wordfreq's list), a linking element follows only a
noun, and a head of three letters needs a first part of its own, so that a word that merely ends
like a noun is left alone (``Legende``, ``Feststeller``). Lower-case words are not split.

On the French side a translation is found when each of its words matches a word of the segment
by lemma (the French lexicon's lemmas, the finite verb table's, spaCy's when the segment is a
parsed ``Doc``, or a plural ``-s``/``-x`` dropped), in order, with at most two words between
them; accents, case and ligatures are folded, an elided article or pronoun stands for its full
form (``l'`` for ``le``/``la``), and a leading reflexive pronoun is optional (``se trouver``).

Both files are loaded lazily, once per process (``packs.pack_cache``, cleared with the pack
folders).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from .. import packs

LEXICON_FILE = "de-lexicon.tsv"
FORMS_FILE = "de-forms.tsv"
POS = ("NOUN", "VERB", "ADJ", "ADV")
MAX_GAP = 2  # words allowed between two words of a multi-word translation ("faire très attention")


@dataclass(frozen=True)
class Entry:
    lemma: str  # as written in the lexicon ("Haus")
    pos: str  # NOUN, VERB, ADJ or ADV
    translations: tuple[str, ...]  # French lemmas, multi-word allowed ("pomme de terre")


@dataclass(frozen=True)
class Lookup:
    """What the lexicon says of one German word form."""

    word: str
    entries: tuple[Entry, ...]  # the word's own entries, or its compound head's
    head: bool = False  # True when the entries are those of a compound's head
    parts: tuple[Entry, ...] = ()  # a compound's other parts (first parts first)

    @property
    def translations(self) -> tuple[str, ...]:
        """The French translations of the entries, in the lexicon's order, without repeats."""
        return tuple(dict.fromkeys(t for e in self.entries for t in e.translations))

    @property
    def pos(self) -> str:
        return self.entries[0].pos


def key_de(word: str) -> str:
    """The lookup key of a German word: lower case, ``ß`` as ``ss`` (Swiss spelling); umlauts
    kept (``zahlen`` / ``zählen``)."""
    return word.replace("ẞ", "ss").lower().replace("ß", "ss")


def fold_fr(s: str) -> str:
    """A French word or phrase folded: case, accents, ligatures, typographic apostrophes."""
    s = s.lower().replace("œ", "oe").replace("æ", "ae").replace("’", "'")
    if s.isascii():
        return s
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c))


_FR_WORD = re.compile(r"[^\W_]+")


def fr_words(s: str) -> list[str]:
    """The folded words of French text, split at apostrophes and hyphens (``l'eau`` -> ``l``,
    ``eau``), the same way for a translation and for a segment."""
    return _FR_WORD.findall(fold_fr(s))


@dataclass
class BilingualLexicon:
    entries: dict[str, tuple[Entry, ...]]  # key_de(lemma) -> entries
    forms: dict[str, tuple[str, ...]]  # key_de(irregular form) -> key_de(lemmas)
    _memo: dict[str, Lookup | None] = field(default_factory=dict, repr=False)

    def __len__(self) -> int:
        return len(self.entries)

    def __contains__(self, word: str) -> bool:
        return key_de(word) in self.entries

    def lookup(self, word: str) -> Lookup | None:
        got = self._memo.get(word, False)
        if got is False:
            if len(self._memo) > 100_000:
                self._memo.clear()
            got = self._memo[word] = self._lookup(word)
        return got  # type: ignore[return-value]

    def _lookup(self, word: str) -> Lookup | None:
        if not word[:1].isalpha():
            return None
        found = self._direct(word)
        if found:
            return Lookup(word, found)
        return self._compound(word)

    def _direct(self, word: str, noun: bool | None = None) -> tuple[Entry, ...]:
        """The entries of the likeliest lemma candidate the lexicon knows. A capitalised word
        wants a noun (``Gründen``: ``Grund``, not ``gründen``), a lower-case word anything else;
        the first candidate with such an entry wins, else the first candidate known at all."""
        if noun is None:
            noun = word[:1].isupper()
        fallback: tuple[Entry, ...] = ()
        for k, verbal in _candidates(word, self.forms):
            got = self.entries.get(k)
            if got and verbal:
                got = tuple(e for e in got if e.pos == "VERB")
            if not got:
                continue
            wanted = tuple(e for e in got if (e.pos == "NOUN") == noun)
            if wanted:
                return wanted
            fallback = fallback or got
        return fallback

    def _compound(self, word: str) -> Lookup | None:
        """A capitalised word read as a compound noun: its head is the longest final part
        that is a known noun, and its first part must be known too (a lexicon entry, or a
        German word of wordfreq's list for a head of five letters or more), so that a word
        that merely ends like a noun (``Niederlage``, ``Tausende``) is no compound of it.
        Lower-case words are not split: an adjective compound rarely means its head
        (``bundesweit``, ``sinnvoll``)."""
        k = key_de(word)
        if len(k) < 6 or not k.isalpha() or not word[:1].isupper():
            return None
        for i in range(3, len(k) - 2):  # the longest head first
            tail = k[i:]
            head = tuple(e for e in self._direct(tail.capitalize(), True) if e.pos == "NOUN")
            if not head:
                continue
            # a head of three letters ("Tag", "Rat") needs a first part of its own
            short = len(key_de(head[0].lemma)) < 4
            parts = self._first_part(k[:i], nested=not short)
            if not parts and (short or not (len(tail) >= 5 and _german_word(k[:i])) or self._linked_non_noun(k[:i])):
                continue
            return Lookup(word, head, True, parts)
        return None

    def _linked_non_noun(self, k: str) -> bool:
        """``k`` is a known adjective, verb or adverb with a linking element after it
        (``fests-``): no first part of a compound."""
        for link in ("s", "es", "n", "en", "er"):
            if k.endswith(link):
                found = self.entries.get(k[: -len(link)], ())
                if found and all(e.pos != "NOUN" for e in found):
                    return True
        return False

    def _first_part(self, k: str, nested: bool = True) -> tuple[Entry, ...]:
        """The entries of a compound's first part, its linking element dropped (after a noun
        only: ``Gesundheits-``, not ``fests-``); a first part that is a compound itself gives
        its parts (unless ``nested`` is False)."""
        for link in ("", "s", "es", "n", "en", "e", "er"):
            if link and not k.endswith(link):
                continue
            stem = k[: len(k) - len(link)] if link else k
            if len(stem) < 3:
                continue
            # a verb stem or a noun without its final -e needs four letters ("Schreibtisch",
            # "Sprachkurs"; not "Legende")
            for cand in (stem, stem + "e", stem + "en") if len(stem) >= 4 else (stem,):
                found = self.entries.get(cand, ())
                if link or cand != stem:
                    found = tuple(e for e in found if e.pos == "NOUN" or (not link and e.pos == "VERB"))
                if found:
                    return tuple(found[:1])
        if nested and len(k) >= 6:
            inner = self._compound(k.capitalize())
            if inner is not None:
                return inner.parts + inner.entries[:1]
        return ()


GERMAN_WORD_ZIPF = 3.0  # wordfreq frequency from which an unknown first part is a German word


def _german_word(k: str) -> bool:
    """``k``, a compound's first part with or without its linking element, is a common
    German word of four letters or more (not an abbreviation: ``erw``)."""
    from .frequencies import zipf

    stems = [k] + [k[: -len(x)] for x in ("s", "es", "n", "en", "e", "er") if k.endswith(x)]
    return any(len(x) >= 4 and zipf(x, "de") >= GERMAN_WORD_ZIPF for x in stems)


_UMLAUT = str.maketrans("äöü", "aou")
_NOUN_ENDINGS = ("s", "n", "e", "es", "en", "er", "ern")  # the least stripped first
_ADJ_ENDINGS = ("en", "er", "es", "em", "e")
_VERB_ENDINGS = ("etest", "etet", "eten", "ete", "test", "tet", "ten", "te", "est", "et", "st", "t", "en", "e", "n", "end")
SEPARABLE = (
    "zurück", "zusammen", "vorbei", "weiter", "wieder", "heraus", "hinaus", "herein", "hinein", "entgegen",
    "fest", "statt", "teil", "fort", "frei", "hoch", "los", "nach", "durch", "über", "unter", "voran", "vor",
    "weg", "her", "hin", "auf", "aus", "ein", "mit", "bei", "dar", "um", "an", "ab", "zu",
)


INSEPARABLE = ("miss", "emp", "ent", "zer", "ver", "be", "er", "ge")
PREFIXES = SEPARABLE + INSEPARABLE


def _deumlaut(s: str) -> str:
    """The last umlaut of a stem undone (``Häus`` -> ``haus``, ``Mütter`` -> ``mutter``)."""
    for i in range(len(s) - 1, -1, -1):
        if s[i] in "äöü":
            return s[:i] + s[i].translate(_UMLAUT) + s[i + 1:]
    return s


def _nominal(k: str) -> list[str]:
    """Noun and adjective candidates: the word with a case, plural or adjective ending dropped,
    with an umlaut plural undone, comparatives and superlatives to the positive."""
    out = [k]
    if k.endswith("innen") and len(k) > 7:
        out += [k[:-3], k[:-5], _deumlaut(k[:-5])]  # Freundinnen -> freundin, freund
    elif k.endswith("in") and len(k) >= 6:
        out += [k[:-2], _deumlaut(k[:-2])]  # Lehrerin -> lehrer; Ärztin -> arzt
    for suf in _NOUN_ENDINGS:
        if k.endswith(suf) and len(k) - len(suf) >= 3:
            stem = k[: -len(suf)]
            out.append(stem)
            out.append(_deumlaut(stem))
            if suf in ("en", "n", "s", "es"):
                out.append(stem + "e")  # Namen -> name; Kunden -> kunde
            if suf == "en":
                out += [stem + "a", stem + "um"]  # Firmen -> firma; Zentren -> zentrum
    out.append(_deumlaut(k))
    # comparative and superlative: schöneren -> schöner -> schön; größte -> größt -> groß
    for s in list(out):
        if s.endswith("er") and len(s) >= 5:
            out += [s[:-2], _deumlaut(s[:-2])]
        if s.endswith("est") and len(s) >= 6:
            out += [s[:-3], _deumlaut(s[:-3])]
        if s.endswith("st") and len(s) >= 5:
            out += [s[:-2], _deumlaut(s[:-2]), s[:-1], _deumlaut(s[:-1])]
    return out


def _verbal(k: str) -> list[str]:
    """Infinitive candidates of a verb form: endings dropped, ``ge-`` participles, separable
    prefixes before ``ge`` and ``zu`` (``angefangen``, ``anzufangen``)."""
    cores = [k]
    if k.startswith("ge") and len(k) >= 6:
        cores.append(k[2:])
    for p in SEPARABLE:
        if k.startswith(p) and len(k) - len(p) >= 4:
            rest = k[len(p):]
            for infix in ("ge", "zu"):
                if rest.startswith(infix) and len(rest) >= 5:
                    cores.append(p + rest[2:])
    out: list[str] = []
    for c in cores:
        out.append(c)
        for suf in _VERB_ENDINGS:
            if c.endswith(suf) and len(c) - len(suf) >= 2:
                stem = c[: -len(suf)]
                out += [stem + "en", stem + "n"]
    return out


def lemma_candidates(word: str, forms: dict[str, tuple[str, ...]] | None = None) -> list[str]:
    """Lemma keys (:func:`key_de`) a German word form may come from, the likeliest first: the
    form itself, the irregular forms' lemmas, then the nominal and verbal heuristics."""
    return list(dict.fromkeys(k for k, _ in _candidates(word, forms)))


def _candidates(word: str, forms: dict[str, tuple[str, ...]] | None) -> list[tuple[str, bool]]:
    """:func:`lemma_candidates` with, for each, whether only a verb may have it: a verbal
    ending dropped makes no noun (``Fast`` is no form of ``Fan``). A participle used as an
    adjective is read without its ending too (``genannten``, ``angegebenen``)."""
    k = key_de(word)
    out = [(k, False)]
    out += [(x, False) for x in _irregular(k, forms)]
    out += [(x, False) for x in _nominal(k)]
    out += [(x, True) for x in _verbal(k)]
    for suf in _ADJ_ENDINGS:
        if k.endswith(suf) and len(k) - len(suf) >= 4:
            base = k[: -len(suf)]
            out += [(x, True) for x in _irregular(base, forms)]
            if base.endswith(("t", "en")):
                out += [(x, True) for x in _verbal(base)]
    seen: set[str] = set()
    keep = []
    for x, verbal in out:
        if len(x) >= 2 and x not in seen:
            seen.add(x)
            keep.append((x, verbal))
    return keep


def _irregular(k: str, forms: dict[str, tuple[str, ...]] | None) -> list[str]:
    """The lemmas of an irregular form, also behind a verb prefix: ``entspricht`` ->
    ``entsprechen``, ``abgenommen`` -> ``abnehmen``, ``übernommen`` -> ``übernehmen``."""
    if not forms:
        return []
    out = list(forms.get(k, ()))
    for p in PREFIXES:
        if k.startswith(p) and len(k) - len(p) >= 3:
            rest = k[len(p):]
            for r in (rest, "ge" + rest):
                out += [p + x for x in forms.get(r, ())]
    return out


@packs.pack_cache
def lexicon(lang: str = "fr") -> BilingualLexicon:
    """The lexicon of a target language's packs (empty when it has none)."""
    entries: dict[str, list[Entry]] = {}
    for path in packs.pack_files(lang, LEXICON_FILE):
        for n, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            cols = line.split("\t")
            if len(cols) != 3 or cols[1] not in POS:
                raise ValueError(f"{path}:{n}: expected 'lemma<TAB>{'|'.join(POS)}<TAB>translations': {raw!r}")
            trs = tuple(dict.fromkeys(t.strip() for t in cols[2].split("|") if t.strip()))
            e = Entry(cols[0].strip(), cols[1], trs)
            bucket = entries.setdefault(key_de(e.lemma), [])
            same = next((i for i, old in enumerate(bucket) if old.pos == e.pos), None)
            if same is None:
                bucket.append(e)
            else:  # a user pack adds translations to a built-in entry
                old = bucket[same]
                bucket[same] = Entry(old.lemma, old.pos, tuple(dict.fromkeys(old.translations + trs)))
    forms: dict[str, list[str]] = {}
    for path in packs.pack_files(lang, FORMS_FILE):
        for raw in path.read_text(encoding="utf-8").splitlines():
            line = raw.split("#", 1)[0].strip()
            if "\t" not in line:
                continue
            form, lemmas = line.split("\t", 1)
            for lemma in lemmas.split("|"):
                if lemma.strip():
                    forms.setdefault(key_de(form.strip()), []).append(key_de(lemma.strip()))
    return BilingualLexicon({k: tuple(v) for k, v in entries.items()}, {k: tuple(v) for k, v in forms.items()})


def lookup(word: str, lang: str = "fr") -> Lookup | None:
    """The lexicon's reading of one German word form, or None when it knows neither the word
    nor a compound head of it."""
    return lexicon(lang).lookup(word)


def translations(word: str, lang: str = "fr") -> tuple[str, ...]:
    """The French translations of a German word form (its compound head's for a compound)."""
    found = lexicon(lang).lookup(word)
    return found.translations if found else ()


# -- the French side


@lru_cache(maxsize=65536)
def _french_keys(word: str) -> frozenset[str]:
    """Folded lemma keys of one lower-case French word: itself, its lemmas in the French
    lexicon and verb table, and the word without a plural ``-s``/``-x``."""
    from .. import lexicon as fr_lexicon

    keys = {fold_fr(word), *_ELIDED.get(word, ())}
    if len(word) > 3 and word[-1] in "sx":
        keys.add(fold_fr(word[:-1]))
    if fr_lexicon.available("fr"):
        keys.update(fold_fr(a.lemma) for a in fr_lexicon.load("fr").analyses(word))
        keys.update(fold_fr(v.lemma) for v in fr_lexicon.verbs("fr").analyses(word))
    return frozenset(k for k in keys if k)


_ELIDED = {"l": ("le", "la"), "d": ("de",), "qu": ("que",), "n": ("ne",), "j": ("je",), "m": ("me",), "t": ("te",), "s": ("se", "si"), "c": ("ce",)}
_REFLEXIVE = ("se", "s")


@lru_cache(maxsize=16384)
def _phrase(tr: str) -> tuple[tuple[str, ...], ...]:
    """The words of a translation, each with the keys that match it: the folded word, and
    without a plural ``-s``/``-x`` (``indications``); a leading reflexive pronoun is left
    out (``se trouver`` is found in ``nous nous trouvons``)."""
    words = fr_words(tr)
    while len(words) > 1 and words[0] in _REFLEXIVE:
        words = words[1:]
    out = []
    for w in words:
        alts = [w]
        if len(w) > 3 and w[-1] in "sx":
            alts.append(w[:-1])
        out.append(tuple(alts))
    return tuple(out)


class French:
    """A French segment made ready for translation look-ups: its words' lemma keys in order.
    ``target`` is the segment's text, its spaCy ``Doc`` (whose lemmas, when the pipeline has a
    lemmatiser, are used too) or a sequence of its words or lemmas."""

    def __init__(self, target: str | Any) -> None:
        self.slots: list[frozenset[str]] = []
        if isinstance(target, str):
            for w in _FR_WORD.findall(target.lower().replace("’", "'")):
                self.slots.append(_french_keys(w))
        else:
            for tok in target:
                text = tok if isinstance(tok, str) else tok.text
                lemma = "" if isinstance(tok, str) else getattr(tok, "lemma_", "") or ""
                for i, w in enumerate(_FR_WORD.findall(text.lower().replace("’", "'"))):
                    keys = _french_keys(w)
                    if i == 0 and lemma and lemma.lower() != text.lower():
                        keys = keys | {fold_fr(x) for x in _FR_WORD.findall(lemma)[:1]}
                    self.slots.append(keys)
        self._index: dict[str, list[int]] = {}
        for i, keys in enumerate(self.slots):
            for k in keys:
                self._index.setdefault(k, []).append(i)

    def has(self, translation: str) -> bool:
        """The translation occurs in the segment (lemma by lemma, in order, small gaps)."""
        words = _phrase(translation)
        if not words:
            return False
        for start in self._positions(words[0]):
            pos = start
            for alts in words[1:]:
                nxt = next((j for j in self._positions(alts) if pos < j <= pos + 1 + MAX_GAP), None)
                if nxt is None:
                    break
                pos = nxt
            else:
                return True
        return False

    def _positions(self, alts: tuple[str, ...]) -> list[int]:
        if len(alts) == 1:
            return self._index.get(alts[0], [])
        return sorted({i for a in alts for i in self._index.get(a, ())})

    def find(self, translations: tuple[str, ...] | list[str]) -> tuple[str, ...]:
        """The translations that occur in the segment, in their given order."""
        return tuple(t for t in translations if self.has(t))


def found(translations: tuple[str, ...] | list[str], target: str | Any) -> tuple[str, ...]:
    """The translations that occur in a French segment (text or spaCy ``Doc``); build a
    :class:`French` once instead when the segment is asked about many words."""
    return French(target).find(translations)
