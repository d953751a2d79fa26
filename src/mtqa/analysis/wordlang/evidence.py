"""Per-word evidence of language: log-probabilities from wordfreq's Zipf frequencies (with the
share explained by quotations of other languages taken out), and a character-trigram model for
lower-case words the lists do not know."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache

from ..langid import zipf
from .profile import NEUTRAL, Profile, Token

LN10 = math.log(10.0)
FLOOR = 1.0  # Zipf value given to a word missing from a language's list


@lru_cache(maxsize=None)
def noise_offset(target: str, lang: str) -> float:
    """How many Zipf points the target language's list puts a ``lang`` word below ``lang``'s own
    list: web text in any language quotes the others, so an English word such as "however" has
    a Zipf frequency of 2.4 in French for 5.6 in English. Estimated once per pair, as the median
    difference over the 500 most frequent words of ``lang``."""
    from ... import cache
    from ..langid import _wordfreq_key

    def build() -> float:
        from wordfreq import top_n_list

        words = [w for w in top_n_list(lang, 1000) if w.isalpha() and len(w) >= 3][:500]
        diffs = sorted(zipf(w, lang) - zipf(w, target) for w in words)
        return diffs[len(diffs) // 2] if diffs else 3.0

    return cache.cached(f"noise-offset-{target}-{lang}", _wordfreq_key(), build, check=lambda v: isinstance(v, float))


def established_zipf(langs: tuple[str, ...], zs: Sequence[float]) -> list[float]:
    """The Zipf frequency of a word in each language once the share explained by quotations of
    the other languages (see :func:`noise_offset`) is taken out; ``FLOOR`` when nothing is left."""
    out = []
    for i, (lang, z) in enumerate(zip(langs, zs)):
        if z <= 0:
            out.append(FLOOR)
            continue
        quoted = sum(10 ** (zo - noise_offset(lang, other)) for j, (other, zo) in enumerate(zip(langs, zs)) if j != i and zo > 0)
        rest = 10**z - quoted
        out.append(max(math.log10(rest), FLOOR) if rest > 10**FLOOR else FLOOR)
    return out


@lru_cache(maxsize=200_000)
def _word_logprobs(word: str, langs: tuple[str, ...], max_gap: float, oov_weight: float, established: float) -> tuple[float, ...] | None:
    """Natural-log probability of a lower-case word in each language, or None (no evidence).

    Every language gets the word's established frequency (quotations taken out). Another
    language may beat the target by at most ``established - target`` Zipf points (at least half a
    point), so a word the target language uses a lot ("mit", "sein", "but" in French) never
    counts as strong foreign evidence; and by at most ``max_gap`` points in any case."""
    zs = [zipf(word, lang) for lang in langs]
    if max(zs) > 0:
        vals = established_zipf(langs, zs)
        zt = vals[0]
        allowed = min(max(established - zt, 0.5), max_gap)
        excess = max(vals[1:]) - zt - allowed
        if excess > 0:
            vals = [zt] + [v - excess for v in vals[1:]]
        return tuple(LN10 * (max(v, zt - max_gap) - 9.0) for v in vals)
    if len(word) < 4 or not word.isalpha():
        return None
    scores = [char_model(lang).score(word) for lang in langs]
    best = max(scores)
    return tuple(oov_weight * max(sc - best, -LN10 * max_gap) for sc in scores)


class CharModel:
    """A character-trigram model of a language's words, from its wordfreq list."""

    def __init__(self, lang: str, size: int = 20000) -> None:
        from ... import cache
        from ..langid import _wordfreq_key

        def build() -> tuple[dict[str, int], dict[str, int]]:
            from wordfreq import top_n_list

            grams: Counter[str] = Counter()
            ctx: Counter[str] = Counter()
            for word in top_n_list(lang, size):
                if not word.isalpha():
                    continue
                padded = f"^^{word}$"
                for i in range(len(padded) - 2):
                    grams[padded[i : i + 3]] += 1
                    ctx[padded[i : i + 2]] += 1
            return dict(grams), dict(ctx)

        # built once from wordfreq and kept in mtqa's cache (see mtqa.cache)
        self.grams, self.ctx = cache.cached(
            f"charmodel-{lang}-{size}",
            _wordfreq_key(),
            build,
            check=lambda v: isinstance(v, tuple) and len(v) == 2 and all(isinstance(d, dict) for d in v),
        )
        self.vocab = max(len({g[2] for g in self.grams}), 30)

    def score(self, word: str) -> float:
        """Mean log-probability per character (add-one smoothing), times the word length."""
        padded = f"^^{word}$"
        total = 0.0
        for i in range(len(padded) - 2):
            g = padded[i : i + 3]
            total += math.log((self.grams.get(g, 0) + 1) / (self.ctx.get(g[:2], 0) + self.vocab))
        return total


@lru_cache(maxsize=None)
def char_model(lang: str) -> CharModel:
    return CharModel(lang)


def emissions(tokens: Sequence[Token], profile: Profile) -> list[tuple[float, ...] | None]:
    out: list[tuple[float, ...] | None] = []
    for t in tokens:
        if t.kind == NEUTRAL:
            out.append(None)
        else:
            e = _word_logprobs(t.text.lower(), profile.langs, profile.max_gap, profile.oov_weight, profile.established)
            if e is not None and t.half:
                e = tuple(x * 0.5 for x in e)  # a capitalised word may be a name
            out.append(e)
    return out
