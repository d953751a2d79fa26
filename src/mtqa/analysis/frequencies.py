"""Word frequencies per language, from wordfreq: its tables kept in mtqa's cache, and Zipf
frequencies looked up without importing wordfreq for plain words.

:func:`zipf` answers as ``wordfreq.zipf_frequency`` does (bench/zipf_equivalence.py compares them
on every word of the WMT22 test sets); words written with cased letters, hyphens and apostrophes
are split and looked up here, any other word goes to wordfreq's own tokenizer.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from functools import lru_cache


def _wordfreq_key() -> str:
    from .. import cache

    return cache.version_key(f"wordfreq={cache.package_version('wordfreq')}")


@lru_cache(maxsize=1)
def wordfreq_languages() -> frozenset[str]:
    from .. import cache

    def build() -> list[str]:
        from wordfreq import available_languages

        return sorted(available_languages())

    return frozenset(cache.cached("wordfreq-languages", _wordfreq_key(), build, check=lambda v: isinstance(v, list)))


def derived(name: str, build, kind: type):
    """A value derived from wordfreq's lists by ``build()`` (a ``kind`` that marshal can hold),
    kept in mtqa's cache: reading a list imports wordfreq and its tokenizer, a few tenths of a
    second at every start. The version key holds wordfreq's version and the code of ``build``
    (its bytecode and constants), so a change of either derives the value again."""
    import hashlib

    from .. import cache

    code = build.__code__
    stamp = hashlib.sha256(code.co_code + repr(code.co_consts).encode("utf-8")).hexdigest()[:16]
    key = f"{_wordfreq_key()}|build={stamp}"
    return cache.cached(name, key, build, check=lambda v: isinstance(v, kind))


@lru_cache(maxsize=None)
def _freqs(lang: str) -> Mapping[str, float]:
    """wordfreq's frequency table of a language (its "best" list): a :class:`FrequencyTable`
    (an SQLite file in mtqa's cache, read word by word) or, with caching off, wordfreq's own
    dictionary. Raises ``LookupError`` when wordfreq has no list for the language."""
    from .. import cache

    if not cache.enabled():
        return _stock_frequency_dict(lang)
    table = FrequencyTable(lang)
    table.get("de")  # opens (or builds) the file now: LookupError for an unknown language
    return table


def _stock_frequency_dict(lang: str) -> dict[str, float]:
    import wordfreq

    # wordfreq's own function, not the one that shares these tables (which would call back here)
    stock = getattr(wordfreq.get_frequency_dict, "__wrapped__", wordfreq.get_frequency_dict)
    return stock(lang, "best")


class FrequencyTable(Mapping):
    """wordfreq's frequency table of one language, looked up in an SQLite file under the user
    cache directory (a :class:`mtqa.cache.SqliteTable` called ``wordfreq-<lang>``) instead of
    being built in memory at every start (half a second and 40-100 MiB per language; a short
    article looks up a few hundred words). A stale or damaged file is made again silently; when
    it cannot be written, the table is kept in memory."""

    def __init__(self, lang: str) -> None:
        from .. import cache

        self.lang = lang
        self._table = cache.SqliteTable(f"wordfreq-{lang}", _wordfreq_key(), lambda: _stock_frequency_dict(lang), probe="de")

    def get(self, word: str, default=None):  # type: ignore[override]
        return self._table.get(word, default)

    def __getitem__(self, word: str) -> float:
        value = self._table.get(word)
        if value is None:
            raise KeyError(word)
        return value

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and self._table.get(word) is not None

    def __iter__(self):
        return iter(self._table.keys())

    def __len__(self) -> int:
        return len(self._table)


_shared = False


def _wordfreq_shares_tables() -> None:
    """Let wordfreq's own look-ups (``zipf_frequency`` of words that need its tokenizer) use the
    tables read by :func:`_freqs` instead of building the same tables again."""
    global _shared
    if _shared:
        return
    import wordfreq

    stock = wordfreq.get_frequency_dict

    def get_frequency_dict(lang: str, wordlist: str = "best", match_cutoff: None = None) -> Mapping[str, float]:
        if wordlist == "best" and match_cutoff is None:
            try:
                return _freqs(lang)
            except LookupError:
                pass
        return stock(lang, wordlist, match_cutoff)

    get_frequency_dict.__wrapped__ = stock  # type: ignore[attr-defined]
    wordfreq.get_frequency_dict = get_frequency_dict
    _shared = True


_HYPHENS = re.compile(r"[-\u2010]")
# wordfreq splits off a leading one- or two-letter elided word before a vowel or h ("l'", "qu'")
_ELIDED = re.compile(r"(\w\w?)'(?=[aehiouyáéíóúàèìòùâêîôûåïöœ])")


def _plain_tokens(word: str) -> list[str] | None:
    """The tokens wordfreq makes of a word written only with cased letters, hyphens and
    apostrophes, case-folded; None for any other word (digits, marks, scripts without case such as
    Chinese), which wordfreq's own tokenizer handles. bench/zipf_equivalence.py checks that the
    Zipf frequencies made from these tokens equal wordfreq's on real text."""
    out: list[str] = []
    for part in _HYPHENS.split(word.casefold()):
        if not part or not all(c == "'" or c.lower() != c.upper() for c in part):
            return None
        while (m := _ELIDED.match(part)) is not None:
            out.append(m.group(1))
            part = part[m.end():]
        token = part.strip("'")
        if not token:
            return None
        out.append(token)
    return out


@lru_cache(maxsize=200_000)
def zipf(word: str, lang: str) -> float:
    """wordfreq Zipf frequency of a word in a language (0 when unknown, or when wordfreq has no
    list for the language). Typographic apostrophes count as plain ones."""
    if lang not in wordfreq_languages():
        return 0.0  # (wordfreq would log a warning and use some "nearest" language instead)
    word = word.replace("’", "'")
    tokens = _plain_tokens(word)
    if tokens is not None:
        # fast path: words of cased letters, hyphens and apostrophes ("maison", "Paris",
        # "peut-être", "l'homme") are split and looked up as wordfreq does, without importing it
        try:
            freqs = _freqs(lang)
        except LookupError:
            return 0.0
        inverse = 0.0
        for t in tokens:
            f = freqs.get(t)
            if not f:
                return 0.0
            inverse += 1.0 / f
        freq = 1.0 / inverse
        freq = round(freq, math.floor(-math.log10(freq)) + 3)  # wordfreq keeps 3 significant digits
        return round(math.log10(freq) + 9.0, 2)
    _wordfreq_shares_tables()
    from wordfreq import zipf_frequency

    try:
        return zipf_frequency(word, lang)
    except LookupError:
        return 0.0
