"""Compact per-language lexicons: a word form's part of speech, gender, number and lemma.

The French lexicon (``mtqa/data/fr_lexicon.tsv.gz``, derived from Lexique 3.83, CC BY-SA 4.0, see
``fr_lexicon.README.md``) is read once, lazily, on first use (about 90,000 analyses). It gives a
noun its own gender and number, which a parser only guesses from context, and it inflects
adjectives and participles for suggestions.

Categories: ``N`` noun, ``A`` adjective, ``P`` past participle, ``I`` infinitive and ``V`` other
verb form (these two only for forms that are also nouns or adjectives). Gender is ``m``, ``f`` or ``""`` (either); number
is ``s``, ``p`` or ``""`` (either).

Finite verb forms are in a second table (``fr_lexicon.verbs.tsv.gz``), read only when a rule asks
for it (:func:`verbs`): each form's lemma and analyses (mood, tense, person, number), and the
form of a lemma for given ones, so a suggestion is always a form the lexicon knows.
"""

from __future__ import annotations

import gzip
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import NamedTuple

from .errors import ConfigError

GENDERS = ("m", "f")
NUMBERS = ("s", "p")


class Analysis(NamedTuple):
    cat: str
    gender: str
    number: str
    lemma: str
    freq: float


_NORMALIZED: dict[str, str] = {}  # memo of normalize(): the rules ask for the same words all the time


def normalize(word: str) -> str:
    """The lookup key of a word: lower case, typographic apostrophe and ligatures unfolded."""
    got = _NORMALIZED.get(word)
    if got is None:
        if len(_NORMALIZED) > 200_000:
            _NORMALIZED.clear()
        got = _NORMALIZED[word] = word.lower().replace("’", "'").replace("œ", "oe").replace("æ", "ae")
    return got


def _restyle(original: str, form: str) -> str:
    """Give ``form`` the ligatures and capitalisation of ``original``."""
    if "œ" in original.lower():
        form = form.replace("oe", "œ")
    if original[:1].isupper():
        form = form[:1].upper() + form[1:]
    return form


@lru_cache(maxsize=64)  # a handful of (gender, number) codes, asked for every analysis
def _expand(gender: str, number: str) -> frozenset[tuple[str, str]]:
    gs = (gender,) if gender else GENDERS
    ns = (number,) if number else NUMBERS
    return frozenset((g, n) for g in gs for n in ns)


def _raw_table(rows: Iterable[list[str]]) -> dict[str, tuple[tuple[str, str, str, str, float], ...]]:
    """form -> its analyses as plain tuples (what the on-disk cache holds)."""
    table: dict[str, list[tuple[str, str, str, str, float]]] = defaultdict(list)
    for r in rows:
        table[r[0]].append((r[1], r[2], r[3], r[4], float(r[5] or 0)))
    return {k: tuple(v) for k, v in table.items()}


def respelt(key: str, table: dict, respellings: tuple[tuple[str, str], ...]) -> str | None:
    """The form of ``table`` that ``key`` (absent from it) writes with one letter respelt by the
    language's ``respellings`` ("connait" -> "connaît" in French, rules/fr/spelling.yaml). Words
    of fewer than four letters are left alone: there the mark tells words apart ("du" / "dû")."""
    if len(key) < 4:
        return None
    for plain, marked in respellings:
        i = key.find(plain)
        while i >= 0:
            variant = key[:i] + marked + key[i + len(plain) :]
            if variant in table:
                return variant
            i = key.find(plain, i + 1)
    return None


@lru_cache(maxsize=None)
def respellings(lang: str) -> tuple[tuple[str, str], ...]:
    """Letters a spelling of ``lang`` writes where its lexicon has others (``spelling.yaml``)."""
    from . import packs

    try:
        raw = packs.load_yaml(lang, "spelling.yaml")
    except ConfigError:
        return ()
    return tuple((str(a), str(b)) for a, b in raw.get("lexicon_respellings") or [])


class Lexicon:
    def __init__(self, rows: Iterable[list[str]] = (), *, table: dict[str, tuple] | None = None,
                 respell: tuple[tuple[str, str], ...] = ()) -> None:
        # form -> plain analysis tuples; made into Analysis tuples the first time a form is asked for
        self._table = _raw_table(rows) if table is None else table
        self._respell = respell
        self._made: dict[str, tuple[Analysis, ...]] = {}
        self._analyses: dict[tuple[str, str], tuple[Analysis, ...]] = {}  # memo of analyses()
        self._lemmas: dict[tuple[str, str], list[str]] | None = None

    def _get(self, key: str) -> tuple[Analysis, ...]:
        got = self._made.get(key)
        if got is None:
            raw = self._table.get(key)
            if raw is None:
                other = respelt(key, self._table, self._respell) if self._respell else None
                if other is None:
                    return ()
                raw = self._table[other]
            got = self._made[key] = tuple(Analysis(*t) for t in raw)
        return got

    def __contains__(self, word: str) -> bool:
        return normalize(word) in self._table

    def __len__(self) -> int:
        return len(self._table)

    def analyses(self, word: str, cats: str = "NAPIV") -> tuple[Analysis, ...]:
        memo = self._analyses
        got = memo.get((word, cats))
        if got is None:
            if len(memo) > 200_000:
                memo.clear()
            got = memo[(word, cats)] = tuple(a for a in self._get(normalize(word)) if a.cat in cats)
        return got

    def is_verb(self, word: str, infinitive: bool = False) -> bool:
        """The form is a finite or infinitive verb form (participles excluded); with
        ``infinitive``, an infinitive only. Only known for forms that are also nouns or adjectives."""
        cats = "I" if infinitive else "IV"
        return any(a.cat in cats for a in self._get(normalize(word)))

    def features(self, word: str, cats: str) -> set[tuple[str, str]]:
        """Every (gender, number) the form can carry in the given categories."""
        out: set[tuple[str, str]] = set()
        for a in self.analyses(word, cats):
            out |= _expand(a.gender, a.number)
        return out

    def noun(self, word: str) -> tuple[str | None, str | None] | None:
        """A noun form's own (gender, number); None for either when it has both (``livre``,
        ``ministre``, ``prix``). None when the form is not a known noun."""
        found = self.analyses(word, "N")
        if not found:
            return None
        genders = {a.gender for a in found}
        numbers = {a.number for a in found}
        gender = genders.pop() if len(genders) == 1 and "" not in genders else None
        number = numbers.pop() if len(numbers) == 1 and "" not in numbers else None
        return gender, number

    def _by_lemma(self) -> dict[tuple[str, str], list[str]]:
        if self._lemmas is None:
            idx: dict[tuple[str, str], list[str]] = defaultdict(list)
            for form, analyses in self._table.items():
                for cat, _gender, _number, lemma, _freq in analyses:
                    if cat in "AP":
                        idx[(cat, lemma)].append(form)
            self._lemmas = dict(idx)
        return self._lemmas

    def participle(self, lemma: str) -> str | None:
        """The masculine singular past participle of verb ``lemma`` ("prendre" -> "pris"), the
        most frequent when there are several, or None when the lexicon has none."""
        best: tuple[float, str] | None = None
        for form in self._by_lemma().get(("P", lemma), ()):
            for cat, gender, number, lem, freq in self._table[form]:
                if cat == "P" and lem == lemma and gender in ("m", "") and number in ("s", "") and (best is None or freq > best[0]):
                    best = (freq, form)
        return best[1] if best else None

    def inflect(
        self, word: str, gender: str | None, number: str | None, cats: str = "AP", exclude: Iterable[str] = ()
    ) -> str | None:
        """The form of the adjective or participle ``word`` for ``gender`` and ``number`` (None
        keeps that feature as it is), or None when the lexicon does not know it.

        Candidates are the forms sharing a lemma with ``word`` plus regular inflections of it
        (``-eux``/``-euse``, ``-al``/``-aux``, ``-if``/``-ive``, ...); the most frequent one that
        the lexicon gives the wanted features wins. Forms in ``exclude`` (such as the French
        pre-vocalic ``nouvel``) are never proposed. Answers are memoised: the agreement rules
        ask the same questions of every paragraph.
        """
        memo_key = (word, gender, number, cats, frozenset(exclude))
        memo = self.__dict__.setdefault("_inflections", {})
        if memo_key not in memo:
            if len(memo) > 200_000:
                memo.clear()
            memo[memo_key] = self._inflect(word, gender, number, cats, memo_key[4])
        return memo[memo_key]

    def _inflect(self, word: str, gender: str | None, number: str | None, cats: str, exclude: frozenset[str]) -> str | None:
        key = normalize(word)
        mine = [a for a in self._get(key) if a.cat in cats]
        if not mine:
            return None
        if gender is None or number is None:
            have = self.features(word, cats)
            gs = {g for g, _ in have}
            ns = {n for _, n in have}
            if gender is None:
                if len(gs) != 1:
                    return None
                gender = next(iter(gs))
            if number is None:
                if len(ns) != 1:
                    return None
                number = next(iter(ns))
        if (gender, number) in self.features(word, cats):
            return word
        idx = self._by_lemma()
        cands: set[str] = set(_regular_forms(key))
        for a in mine:
            cands.update(idx.get((a.cat, a.lemma), ()))
        cands -= {normalize(x) for x in exclude}
        best: tuple[float, str] | None = None
        for c in cands:
            if c == key:
                continue
            score = 0.0
            ok = False
            for a in self._get(c):
                if a.cat in cats and (gender, number) in _expand(a.gender, a.number):
                    ok = True
                    # prefer the exact analysis over a form that is merely compatible
                    score = max(score, a.freq + (1000.0 if a.gender and a.number else 0.0))
            if ok and (best is None or score > best[0] or (score == best[0] and c < best[1])):
                best = (score, c)
        return _restyle(word, best[1]) if best else None


_FEM = (
    ("euse", "eux"), ("eure", "eur"), ("ive", "if"), ("ère", "er"), ("elle", "el"), ("elle", "eau"),
    ("enne", "en"), ("onne", "on"), ("ette", "et"), ("otte", "ot"), ("ienne", "ien"), ("ète", "et"),
    ("euse", "eur"), ("rice", "eur"), ("que", "c"), ("che", "c"), ("ce", "x"), ("sse", "s"), ("ue", "u"),
    ("ille", "il"), ("e", ""),
)


def _singulars(form: str) -> set[str]:
    out = {form}
    if form.endswith("aux"):
        out.add(form[:-3] + "al")
    if form.endswith(("s", "x")):
        out.add(form[:-1])
    return out


def _regular_forms(form: str) -> set[str]:
    """Regular gender and number variants of an adjective or participle form."""
    sing: set[str] = set()
    for s in _singulars(form):
        sing.add(s)
        for fem, masc in _FEM:
            if s.endswith(fem):
                sing.add(s[: len(s) - len(fem)] + masc)
            if s.endswith(masc) or not masc:
                sing.add(s[: len(s) - len(masc)] + fem if masc else s + fem)
    out = set(sing)
    for s in sing:
        out.add(s + "s")
        out.add(s + "x")
        if s.endswith("al"):
            out.add(s[:-2] + "aux")
    return out


class VerbAnalysis(NamedTuple):
    """One analysis of a finite verb form: ``mood`` ind, sub, cnd or imp; ``tense`` pre, imp
    (imperfect), pas (simple past) or fut; ``person`` 1-3; ``number`` s or p."""

    lemma: str
    mood: str
    tense: str
    person: str
    number: str
    freq: float


class VerbTable:
    """Finite verb forms: their analyses, and the form of a lemma for a mood, tense, person and
    number."""

    def __init__(self, lines: Iterable[str] = (), *, raw: dict[str, list[str]] | None = None,
                 respell: tuple[tuple[str, str], ...] = ()) -> None:
        # form -> its raw "lemma, analyses, freq" lines; analyses are parsed when asked for, and
        # the lemma index on the first call of form(): loading stays a dictionary build
        self._respell = respell
        if raw is None:
            raw = {}
            for line in lines:
                form, _, rest = line.partition("\t")
                raw.setdefault(form, []).append(rest)
        self._raw = raw
        self._parsed: dict[str, tuple[VerbAnalysis, ...]] = {}
        self._forms: dict[tuple[str, str, str, str, str], str] | None = None

    def _parse(self, form: str) -> tuple[VerbAnalysis, ...]:
        out = []
        for rest in self._raw.get(form, ()):
            lemma, analyses, freq = rest.split("\t")
            f = float(freq or 0)
            for a in analyses.split(","):
                mood, tense, pn = a.split(":")
                out.append(VerbAnalysis(lemma, mood, tense, pn[:1], pn[1:], f))
        return tuple(out)

    def _index(self) -> dict[tuple[str, str, str, str, str], str]:
        if self._forms is None:
            best: dict[tuple[str, str, str, str, str], tuple[int, float, str]] = {}
            for form in self._raw:
                found = self.analyses(form)
                for va in found:
                    key = (va.lemma, va.mood, va.tense, va.person, va.number)
                    # a form whose other analyses of the lemma keep this number and tense comes
                    # first: the source table lists a few stray analyses ("sommes" as a
                    # subjunctive, "étaient" as a present subjunctive); then the most frequent
                    # form wins ("assoient" / "asseyent": both in the lexicon)
                    same = [a for a in found if a.lemma == va.lemma]
                    rank = all(a.number == va.number for a in same) + all(a.tense == va.tense for a in same)
                    old = best.get(key)
                    if old is None or (rank, va.freq) > old[:2] or ((rank, va.freq) == old[:2] and form < old[2]):
                        best[key] = (rank, va.freq, form)
            self._forms = {k: v[2] for k, v in best.items()}
        return self._forms

    def __len__(self) -> int:
        return len(self._raw)

    def __contains__(self, word: str) -> bool:
        return normalize(word) in self._raw

    def analyses(self, word: str) -> tuple[VerbAnalysis, ...]:
        """Every finite analysis of ``word`` (empty when it is no finite verb form)."""
        key = normalize(word)
        found = self._parsed.get(key)
        if found is None:
            form = respelt(key, self._raw, self._respell) if self._respell and key not in self._raw else None
            found = self._parsed[key] = self._parse(form or key)  # ("connait": "connaît")
        return found

    def form(self, lemma: str, mood: str, tense: str, person: str, number: str) -> str | None:
        """The form of ``lemma`` for that mood, tense, person and number, or None when the
        lexicon has none."""
        return self._index().get((lemma, mood, tense, person, number))

    def conjugate(self, word: str, lemma: str, mood: str, tense: str, person: str, number: str) -> str | None:
        """:meth:`form`, with the ligatures and capitalisation of ``word``."""
        found = self.form(lemma, mood, tense, person, number)
        return _restyle(word, found) if found else None


def verbs_path(lang: str) -> Path:
    return Path(str(resources.files("mtqa") / "data" / f"{lang}_lexicon.verbs.tsv.gz"))


def _data_lines(path: Path, what: str, lang: str) -> Iterator[str]:
    """The data lines of a shipped gzip'd table (comments left out), or a ConfigError."""
    if not path.is_file():
        raise ConfigError(f"no {what} for language {lang!r} ({path.name} is missing)")
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            if not line.startswith("#"):
                yield line.rstrip("\n")


def _cache_key(path: Path) -> str:
    """The version key of a table's cache: the digest of the shipped file's bytes (a few
    milliseconds), not its time stamp, so that checkouts and installs of the same data share one
    cache instead of each rebuilding it over the other's."""
    import hashlib

    from . import cache

    digest = hashlib.sha256(path.read_bytes()).hexdigest()[:32]
    return cache.version_key(f"table={path.name}:{digest}")


def _cached_table(name: str, path: Path, what: str, lang: str, build: Callable[[Iterator[str]], dict]) -> dict:
    """A shipped table parsed into a dictionary, from mtqa's on-disk cache when it holds this very
    file's (see :mod:`mtqa.cache`); a missing file is a ConfigError, whatever the cache holds."""
    from . import cache

    if not path.is_file():
        raise ConfigError(f"no {what} for language {lang!r} ({path.name} is missing)")
    return cache.cached(name, _cache_key(path), lambda: build(_data_lines(path, what, lang)), check=lambda v: isinstance(v, dict))


@lru_cache(maxsize=None)
def verbs(lang: str) -> VerbTable:
    """The finite verb table of ``lang``, read once per process, on first use."""

    def build(lines: Iterator[str]) -> dict:
        return VerbTable(line for line in lines if line.count("\t") == 3)._raw

    return VerbTable(raw=_cached_table(f"verbs-{lang}", verbs_path(lang), "verb lexicon", lang, build), respell=respellings(lang))


def data_path(lang: str) -> Path:
    return Path(str(resources.files("mtqa") / "data" / f"{lang}_lexicon.tsv.gz"))


@lru_cache(maxsize=None)
def load(lang: str) -> Lexicon:
    """The lexicon of ``lang``, read once per process."""
    def build(lines: Iterator[str]) -> dict:
        return _raw_table(r for r in (line.split("\t") for line in lines) if len(r) == 6)

    return Lexicon(table=_cached_table(f"lexicon-{lang}", data_path(lang), "lexicon", lang, build), respell=respellings(lang))


def available(lang: str) -> bool:
    return data_path(lang).is_file()
