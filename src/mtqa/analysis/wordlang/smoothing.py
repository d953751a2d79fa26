"""The language HMM over a sentence's words (forward-backward) and the foreign spans it yields,
trimmed at weak edges, with their language and confidence."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

from ...segment import WORD_RE
from ..langid import zipf
from .evidence import LN10, _word_logprobs, emissions
from .profile import Profile, Span, Token
from .tokens import raw_words, tokenize

WEAK = 1.0  # nats: an edge word with less foreign evidence than this may be trimmed from a span
COMMON = 5.0  # Zipf: ... when it is at least this common in the target language
TRIM_KEEP = 5  # ... and the rest of the span has at least this many letters


def posteriors(emis: Sequence[tuple[float, ...] | None], profile: Profile) -> list[list[float]]:
    """Forward-backward over the language states; one probability vector per token.

    Changing language costs ``switch_cost`` nats; starting or ending the sentence in another
    language than the target costs ``start_cost``. Computed in the probability domain with
    per-step normalisation (the emissions are scaled by their largest value first)."""
    k = len(profile.langs)
    n = len(emis)
    if n == 0:
        return []
    sw = math.exp(-profile.switch_cost)
    edge = [1.0] + [math.exp(-profile.start_cost)] * (k - 1)
    ones = [1.0] * k
    probs = []
    for e in emis:
        if e is None:
            probs.append(ones)
        else:
            m = max(e)
            probs.append([math.exp(x - m) for x in e])
    fwd: list[list[float]] = []
    prev = None
    for t in range(n):
        p = probs[t]
        if prev is None:
            cur = [edge[j] * p[j] for j in range(k)]
        else:
            total = sum(prev)
            # stay with weight 1, switch with weight sw: (1 - sw) * prev[j] + sw * total
            cur = [((1.0 - sw) * prev[j] + sw * total) * p[j] for j in range(k)]
        z = sum(cur)
        cur = [x / z for x in cur]
        fwd.append(cur)
        prev = cur
    bwd: list[list[float]] = [ones] * n
    bwd[n - 1] = edge
    for t in range(n - 2, -1, -1):
        p = probs[t + 1]
        nxt = bwd[t + 1]
        w = [p[j] * nxt[j] for j in range(k)]
        total = sum(w)
        cur = [(1.0 - sw) * w[i] + sw * total for i in range(k)]
        z = sum(cur)
        bwd[t] = [x / z for x in cur]
    out = []
    for t in range(n):
        row = [fwd[t][j] * bwd[t][j] for j in range(k)]
        z = sum(row)
        out.append([x / z for x in row])
    return out


def foreign_spans(text: str, start: int, end: int, profile: Profile) -> list[Span]:
    """Runs of words in another language than ``profile.target`` inside ``text[start:end]``
    (one sentence), with the language they seem to be in and a confidence."""
    if not profile.others:
        return []
    raw = raw_words(text, start, end, profile)
    # Marking words neutral only takes evidence away, and halving a capitalised word's keeps its
    # order: when no word at all favours another language, no token will, and the marking (most
    # of the cost of a sentence) is skipped.
    if not any(_favours_another(w, profile) for _, _, w in raw):
        return []
    tokens = tokenize(text, start, end, profile, raw)
    emis = emissions(tokens, profile)
    if not any(e is not None and max(e[1:]) > e[0] for e in emis):
        return []  # no word favours another language: no span can hold one
    post = posteriors(emis, profile)
    spans: list[Span] = []
    i, n = 0, len(tokens)
    while i < n:
        if post[i][0] >= 0.5:
            i += 1
            continue
        j = i
        while j < n and post[j][0] < 0.5:
            j += 1
        span = _make_span(tokens[i:j], emis[i:j], post[i:j], profile)
        if span is not None and not _glossed(text, span.end, end, profile):
            spans.append(span)
        i = j
    return spans


def _favours_another(word: str, profile: Profile) -> bool:
    """The word, were it a token carrying evidence, would favour another language than the target."""
    e = _word_logprobs(word.lower(), profile.langs, profile.max_gap, profile.oov_weight, profile.established)
    return e is not None and max(e[1:]) > e[0]


def _glossed(text: str, pos: int, end: int, profile: Profile) -> bool:
    """Whether a translation or gloss follows the span: a cited term, not a leftover
    ("lazy bed (littéralement « ... »)", "*awareness*, c'est-à-dire ...", "hub (« plaque tournante »)")."""
    after = text[pos : min(end, pos + 60)].lstrip(" »”\"’*_").lower()
    if after.startswith("("):
        inner = after[1:].lstrip()
        return inner[:1] in "«“\"" or any(inner.startswith(c) for c in profile.gloss_cues) or _explained(
            text, pos + text[pos:end].find("("), end, profile
        )
    after = after.lstrip(",:;– -").lstrip()
    return any(after.startswith(c) for c in profile.gloss_cues)


GLOSS_WORDS = 6  # a parenthesis that explains a cited word holds at most this many words
GLOSS_HEAD = 5.5  # Zipf: an explanation does not start with a word this common (a preposition) ...
GLOSS_SLACK = 0.5  # Zipf points by which another language may know a word of the explanation better
_GLOSS_ARTICLES = frozenset({"un", "une", "des", "du", "de", "le", "la", "les", "l"})  # ... but for an article


def _explained(text: str, opened: int, end: int, profile: Profile) -> bool:
    """The parenthesis opened at ``opened`` explains the word before it in the target language
    ("des knedliky (quenelles aux fruits)"): two to a few words, none of them a name, all words of
    the target language (another language may know one a little better: "pains") and most of
    them more frequent there than in any other candidate."""
    closed = text.find(")", opened, end)
    if closed < 0:
        return False
    words = [re.sub(r"^\w+['’]", "", w).lower() for w in WORD_RE.findall(text[opened + 1 : closed])]
    raw = WORD_RE.findall(text[opened + 1 : closed])
    if not 2 <= len(words) <= GLOSS_WORDS or any(w[:1].isupper() for w in raw[1:]):
        return False
    if words[0] not in _GLOSS_ARTICLES and zipf(words[0], profile.target) >= GLOSS_HEAD:
        return False  # "(depuis mars)", "(en raison de la crise)": a circumstance, not an explanation
    favoured = 0
    for w in words:
        zs = [zipf(w, lang) for lang in profile.langs]
        best_other = max(zs[1:], default=0.0)
        if zs[0] <= 0 or best_other - zs[0] > GLOSS_SLACK:
            return False
        favoured += zs[0] > best_other
    return 2 * favoured > len(words)


def _make_span(tokens: Sequence[Token], emis: Sequence[tuple[float, ...] | None], post: Sequence[list[float]], profile: Profile) -> Span | None:
    k = len(profile.langs)
    mass = [sum(p[j] for p in post) for j in range(k)]
    lang_i = max(range(1, k), key=mass.__getitem__)

    def favours(t: int) -> bool:
        e = emis[t]
        return e is not None and e[lang_i] > e[0]

    def weak(t: int, other: int) -> bool:
        """A word at the edge that barely favours the foreign language and is common in the
        target ("a" next to "however"), unless it forms a known foreign phrase with its neighbour."""
        e = emis[t]
        if e is None or e[lang_i] - e[0] >= WEAK or e[0] < LN10 * (COMMON - 9.0):
            return False
        pair = (tokens[min(t, other)].text.lower(), tokens[max(t, other)].text.lower())
        return pair not in profile.phrases

    lo, hi = 0, len(tokens)
    while lo < hi and not favours(lo):
        lo += 1
    while hi > lo and not favours(hi - 1):
        hi -= 1
    def letters(a: int, b: int) -> int:
        return sum(len(t.text) for t in tokens[a:b])

    # trim only while what is left says enough on its own ("as a" stays whole, "a however" does not)
    if hi - lo > 1 and weak(lo, lo + 1) and letters(lo + 1, hi) >= TRIM_KEEP:
        lo += 1
    if hi - lo > 1 and weak(hi - 1, hi - 2) and letters(lo, hi - 1) >= TRIM_KEEP:
        hi -= 1
    if lo >= hi:
        return None
    evidence = [t for t in range(lo, hi) if emis[t] is not None]
    if not evidence:  # a run of neutral tokens only (initials, codes): nothing says it is foreign
        return None
    # mean posterior of "not the target language" (whichever foreign language it is: "will" is
    # English and German), each word weighted by the strength of its evidence
    weights = [abs(emis[t][lang_i] - emis[t][0]) + 1e-6 for t in evidence]
    conf = sum(w * (1.0 - post[t][0]) for w, t in zip(weights, evidence)) / sum(weights)
    return Span(tokens[lo].start, tokens[hi - 1].end, profile.langs[lang_i], conf, len(evidence))
