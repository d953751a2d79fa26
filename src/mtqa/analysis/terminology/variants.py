"""Finding spelling variants of one term among the words of a document or a corpus.

Both the document rule (MTQ310) and the corpus rule (MTQ320) describe their words as
:class:`Form` records (a folded key, its most frequent surface, how often it is used) and ask
:func:`variant_pairs` which keys are variants of one another. Candidates come from two indexes,
so the cost stays linear in the number of distinct words:

* keys sharing a :func:`~.terms.skeleton` (accents, hyphens, doubled letters),
* keys one edit apart (a shared one-deletion neighbour of their skeletons, the symmetric-delete
  trick), for longer words only.

Each candidate pair then goes through the precision filters of :func:`judge`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from ... import packs
from .terms import deletions, gender_fold, profile, skeleton, strip_accents, zipf

COMMON = 3.0  # Zipf frequency from which a word is a common word of the language
KNOWN = 2.0  # Zipf frequency from which a lower-case word is a real word, not a slip
MIN_SKELETON = 4  # shorter words are never compared
MIN_EDIT = 5  # one-edit variants only between skeletons at least this long
_DOUBLE = re.compile(r"(.)\1+")
STRICT_UNKNOWN = 1.5  # below this Zipf frequency a word is taken as unknown (a slip)


@dataclass
class Form:
    key: str  # folded key (inflection folded, case folded)
    surface: str  # the most frequent surface form
    count: int  # occurrences (document) or documents (corpus)
    first: int  # order of first appearance, for ties
    capitalised: bool  # written with a capital inside sentences (a name)


@lru_cache(maxsize=50_000)  # asked of every word of every document
def candidate(key: str) -> bool:
    """Whether a folded key is worth comparing at all: letters (and hyphens), long enough."""
    return len(skeleton(key)) >= MIN_SKELETON and all(c.isalpha() or c in "- " for c in key)


def _differ_at_end(a: str, b: str, tail: int = 2) -> bool:
    """True when ``a`` and ``b`` differ only in their last ``tail`` characters (an inflection:
    ``dirigeait`` / ``dirigeais``, ``créé`` / ``crée``)."""
    n = min(len(a), len(b))
    i = 0
    while i < n and a[i] == b[i]:
        i += 1
    return i >= max(len(a), len(b)) - tail


def one_edit(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` differ by one insertion, deletion, substitution or swap of two
    neighbouring letters."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    i = 0
    while i < min(len(a), len(b)) and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        if a[i + 1 :] == b[i + 1 :]:
            return True
        return a[i : i + 2] == b[i : i + 2][::-1] and a[i + 2 :] == b[i + 2 :]
    longer, shorter = (a, b) if len(a) > len(b) else (b, a)
    return longer[i + 1 :] == shorter[i:]


def _slip(za: float, zb: float) -> bool:
    """One form is a known word and the other unknown to wordfreq: a slip, not an inflection."""
    return min(za, zb) == 0.0 and max(za, zb) >= KNOWN


def judge(a: Form, b: Form, lang: str, strict: bool = False) -> str | None:
    """The kind of variation between two forms of (presumably) one term, or None when they are
    better taken as two different words. Kinds: accents, hyphenation, doubled-letter, spelling.

    ``strict`` (for forms from different documents, where two real words are likelier than a
    slip): apart from hyphenation and names, one of the two must be unknown to wordfreq."""
    if a.key == b.key:
        return None
    kind = _judge(a, b, lang)
    if kind and kind != "hyphenation" and a.capitalised != b.capitalised:
        return None  # a name beside an ordinary word (Finne / fines)
    if kind and strict and kind != "hyphenation":
        if min(len(skeleton(a.key)), len(skeleton(b.key))) < MIN_EDIT + 1:
            return None  # short names of different things (Mavic / Magic)
        if not (a.capitalised and b.capitalised) and min(zipf(a.surface, lang), zipf(b.surface, lang)) >= STRICT_UNKNOWN:
            return None
    return kind


@packs.pack_cache(maxsize=20_000)  # (judge reads the terminology pack)
def _judged(ak: str, asurf: str, acap: bool, bk: str, bsurf: str, bcap: bool, lang: str, strict: bool) -> str | None:
    """:func:`judge` of two forms given by what it reads of them (key, surface, capital): the
    same pairs come back in document after document (the translations of one text)."""
    return judge(Form(ak, asurf, 0, 0, acap), Form(bk, bsurf, 0, 0, bcap), lang, strict)


def _judge(a: Form, b: Form, lang: str) -> str | None:
    ga, gb = gender_fold(a.key, lang), gender_fold(b.key, lang)
    if ga == gb and (ga == a.key) != (gb == b.key):
        return None  # bon / bonne, coréen / coréenne: masculine and feminine of one word
    sa, sb = skeleton(a.key), skeleton(b.key)
    # a form is as known as its surface or its folded key ("foirées" is the real word "foire")
    za, zb = max(zipf(a.surface, lang), zipf(a.key, lang)), max(zipf(b.surface, lang), zipf(b.key, lang))
    name = a.capitalised and b.capitalised
    if not a.capitalised and not b.capitalised and _lexicon_words(a.surface, b.surface, lang):
        return None  # visé / vissée, label / lambel: two words of the language's lexicon
    if sa == sb:
        plain_a, plain_b = a.key.replace("-", "").replace(" ", ""), b.key.replace("-", "").replace(" ", "")
        if plain_a == plain_b:
            spaced = a if " " in a.key else b if " " in b.key else None
            if spaced is not None and not name and zipf((b if spaced is a else a).surface, lang) >= COMMON:
                return None  # peut-être / peut être: a common compound beside two words
            return "hyphenation"  # week-end / weekend: one word written two ways
        if strip_accents(a.key) == strip_accents(b.key):
            droppable = profile(lang).capital_accents
            if droppable and a.key[1:] == b.key[1:] and {a.surface[:1].upper(), b.surface[:1].upper()} <= set(droppable + strip_accents(droppable)):
                return None  # Éruption / Eruption: French capitals may drop their accent
            kind = "accents"
        elif _DOUBLE.sub(r"\1", a.key) == _DOUBLE.sub(r"\1", b.key):
            kind = "doubled-letter"
        else:
            kind = "accents"  # vitaminée / vitamines: an accent and a letter, like an ending
        if za >= COMMON and zb >= COMMON:
            return None  # marche / marché, balle / bale: two common words
        if kind == "accents" and not name and _differ_at_end(a.key, b.key) and not _slip(za, zb):
            return None  # créé / crée: an inflection (inflection never just doubles a letter)
        return kind
    # one edit apart
    if min(len(sa), len(sb)) < MIN_EDIT or _future_form(a.key, b.key, lang):
        return None
    if sa[0] != sb[0] or not one_edit(sa, sb):
        return None
    if name and min(len(sa), len(sb)) < MIN_EDIT + 1:
        return None  # short names one letter apart are often two names (Meier / Maier, Hanna / Hanno)
    if name and _local_and_french(a.surface, b.surface, lang):
        return None  # Croatia / Croatie: a local name and the French one
    if not name:
        za, zb = max(za, _derived(a.surface, lang)), max(zb, _derived(b.surface, lang))
    floor = COMMON if name else KNOWN
    if za >= floor and zb >= floor:
        return None  # canon / canot: two real words
    if _differ_at_end(a.key, b.key) and not _slip(za, zb) and (
        not name or (min(za, zb) > 0 and len(a.key) != len(b.key))
    ):
        return None  # an ending: an inflection, or a name beside its adjective (Silésie / Silésien)
    return "spelling"


LEAN = 0.25  # Zipf points by which one language's list must know a name better than the others


def _local_and_french(a: str, b: str, lang: str) -> bool:
    """Two capitalised forms one letter apart, one of which the target language's word list
    knows better than the lists of ``name_languages`` (``rules/<lang>/terminology.yaml``) and the
    other which one of those knows better than the target's: a local name and its French form
    (``Croatia`` / ``Croatie``, ``Flanders`` / ``Flandre``), a style choice like ``Zürich`` /
    ``Zurich``. Two transliterations that the lists know alike (``Kharkiv`` / ``Kharkov``)
    remain a drift."""
    others = _name_languages(lang)
    if not others:
        return False

    def lean(w: str) -> float:
        low = w.lower()
        return zipf(low, lang) - max(zipf(low, o) for o in others)

    la, lb = lean(a), lean(b)
    return (la >= LEAN and lb <= -LEAN) or (lb >= LEAN and la <= -LEAN)


@packs.pack_cache
def _name_languages(lang: str) -> tuple[str, ...]:
    return tuple(str(x) for x in packs.load_yaml(lang, "terminology.yaml").get("name_languages") or ())


def _derived(word: str, lang: str) -> float:
    """KNOWN when ``word`` is built from a word of the language's lexicon by a suffix of
    ``rules/<lang>/terminology.yaml`` (``derivations``: the adverb ``tonalement`` from the
    adjective ``tonale``), which word lists may lack; else 0."""
    from ... import lexicon

    w = word.lower()
    if not lexicon.available(lang):
        return 0.0
    lex = lexicon.load(lang)
    for suffix, base_end, cats in _derivations(lang):
        if w.endswith(suffix) and len(w) > len(suffix) + 2 and lex.analyses(w[: -len(suffix)] + base_end, cats):
            return KNOWN
    return 0.0


@packs.pack_cache
def _derivations(lang: str) -> tuple[tuple[str, str, str], ...]:
    data = packs.load_yaml(lang, "terminology.yaml").get("derivations") or ()
    return tuple((str(a).casefold(), str(b).casefold(), str(c)) for a, b, c in data)


def _lexicon_words(a: str, b: str, lang: str) -> bool:
    """Both surfaces are word forms of the language's lexicon (when it has one): two real words,
    or two forms of one, however close their spellings."""
    from ... import lexicon

    if not lexicon.available(lang):
        return False
    lex = lexicon.load(lang)
    return all(lexicon.normalize(w) in lex for w in (a, b))


@packs.pack_cache
def _future_endings(lang: str) -> tuple[str, ...]:
    return tuple(str(e).casefold() for e in packs.load_yaml(lang, "terminology.yaml").get("future_endings") or ())


def _future_form(a: str, b: str, lang: str) -> bool:
    """One key is the other, an infinitive in -r, with a future or conditional ending
    (``diluer`` / ``diluera``, ``siéger`` / ``siègera``, accents aside): a form of one verb that
    word lists may lack, not a slip."""
    a, b = strip_accents(a), strip_accents(b)
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return short.endswith("r") and long_.startswith(short) and long_[len(short) :] in _future_endings(lang)


@lru_cache(maxsize=20_000)  # (a set of strings each: bounded lower)
def _deletion_set(s: str) -> frozenset[str]:
    """The distinct one-deletion neighbours of a skeleton (every document asks for those of
    its words, which recur from one document to the next)."""
    return frozenset(deletions(s))


def variant_pairs(forms: Iterable[Form], lang: str, strict: bool = False) -> Iterator[tuple[Form, Form, str]]:
    """Pairs of forms that are variants of one term, each pair once, with the kind."""
    by_skel: dict[str, list[Form]] = {}
    for f in forms:
        by_skel.setdefault(skeleton(f.key), []).append(f)
    seen: set[tuple[str, str]] = set()

    def emit(x: Form, y: Form) -> Iterator[tuple[Form, Form, str]]:
        pair = (x.key, y.key) if x.key < y.key else (y.key, x.key)
        if pair in seen:
            return
        seen.add(pair)
        kind = _judged(x.key, x.surface, x.capitalised, y.key, y.surface, y.capitalised, lang, strict)
        if kind:
            yield x, y, kind

    for group in by_skel.values():
        for i in range(len(group)):
            for j in range(i + 1, len(group)):
                yield from emit(group[i], group[j])
    # one edit apart: a deletion index over the skeletons
    dels: dict[str, list[str]] = {}
    for s in by_skel:
        if len(s) >= MIN_EDIT:
            for d in _deletion_set(s):
                dels.setdefault(d, []).append(s)
    for s in list(by_skel):
        if len(s) < MIN_EDIT - 1:
            continue
        near: set[str] = set(dels.get(s, ()))  # s is a deletion of these
        if len(s) >= MIN_EDIT:
            for d in _deletion_set(s):
                if d in by_skel:
                    near.add(d)  # these are a deletion of s
                near.update(dels.get(d, ()))  # substitutions
        near.discard(s)
        for t in near:
            for x in by_skel[s]:
                for y in by_skel.get(t, ()):
                    yield from emit(x, y)


def reference(forms: Iterable[Form], lang: str) -> Form:
    """The form to keep: the most used one; then a known word over an unknown spelling, and a
    real word (``acheter``) over a rare one (``achter``); then the first seen."""
    return max(forms, key=lambda f: (f.count, zipf(f.surface, lang) > 0, zipf(f.surface, lang) >= KNOWN, -f.first))


def clusters(forms: list[Form], lang: str, strict: bool = False) -> list[tuple[Form, list[tuple[Form, str]]]]:
    """Groups of variants: (reference form, [(variant form, kind), ...]). A variant is kept only
    when it is a direct variant of the group's reference, so chains (a~b~c) never join two
    unrelated words."""
    parent: dict[str, str] = {}

    def find(k: str) -> str:
        while parent.get(k, k) != k:
            parent[k] = parent.get(parent[k], parent[k])
            k = parent[k]
        return k

    kinds: dict[tuple[str, str], str] = {}
    by_key = {f.key: f for f in forms}
    for x, y, kind in variant_pairs(forms, lang, strict):
        kinds[(x.key, y.key)] = kinds[(y.key, x.key)] = kind
        parent.setdefault(x.key, x.key)
        parent.setdefault(y.key, y.key)
        rx, ry = find(x.key), find(y.key)
        if rx != ry:
            parent[rx] = ry
    groups: dict[str, list[Form]] = {}
    for k in parent:
        groups.setdefault(find(k), []).append(by_key[k])
    out = []
    for members in groups.values():
        ref = reference(members, lang)
        variants = [(f, kinds[(ref.key, f.key)]) for f in members if f is not ref and (ref.key, f.key) in kinds]
        if variants:
            out.append((ref, variants))
    return out
