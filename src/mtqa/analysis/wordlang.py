"""Word-level language evidence and span smoothing.

Segment-level identification (:mod:`mtqa.analysis.langid`) judges whole sentences well but not three words.
This module finds runs of words in another language inside a sentence:

1. Every word gets a log-probability per candidate language from wordfreq's Zipf frequencies (a
   unigram model of each language; words a list lacks get a floor value). Lower-case words the
   lists do not know at all fall back on a character-trigram model of each language, built from
   the same frequency lists, at a discount.
2. Words that say nothing about their language are *neutral* (the same probability in every
   language): numbers, URLs, e-mail addresses, handles and hashtags, code-like tokens, acronyms,
   capitalised names (with their connecting words: "Institute for the Study of War"), quoted
   titles, and established loanwords from the target language's allowlist. A capitalised word
   the target language never uses but another uses a lot is a foreign noun ("Behörden"), and
   like a capitalised sentence-initial word, it counts at half weight.
3. A hidden Markov model with one state per language, where changing language costs
   ``switch_cost`` nats, is decoded with the forward-backward algorithm. Runs of words whose
   posterior probability of the target language falls under one half become spans, labelled with
   the foreign language holding most posterior mass; a span's confidence is the mean posterior
   of "not the target language" over the words that carry evidence, weighted by the strength of
   their evidence.

Everything here works on a text (usually ``Document.view``) and returns offsets into it.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from .langid import zipf
from ..segment import WORD_RE

LN10 = math.log(10.0)
FLOOR = 1.0  # Zipf value given to a word missing from a language's list
NEUTRAL, WORD = 0, 1
WEAK = 1.0  # nats: an edge word with less foreign evidence than this may be trimmed from a span
COMMON = 5.0  # Zipf: ... when it is at least this common in the target language
TRIM_KEEP = 5  # ... and the rest of the span has at least this many letters
HEADLINE_SHARE = 0.6  # a sentence with this share of capitalised words is in headline style
COMMON_WORD = 4.0  # Zipf: in a headline, a capitalised word this common somewhere is a word

# Masked before tokenising: URLs, e-mails, handles, hashtags, code-like tokens (file names,
# snake_case, paths, markup), and anything holding a digit.
_NOISE = re.compile(
    r"(?<![\w@.])(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|(?<!\w)[@#]\w[\w.]*"
    r"|(?<!\S)(?=[^\s]*[\d_\\/<>{}=|~^$`])\S+"  # any token holding a digit or a code character
    r"|\b\w+\.(?:py|js|ts|json|html?|php|exe|txt|csv|pdf|docx?|xlsx?|com|org|net|fr|de)\b"
    r"|(?<!\S)(?=[^\s]*[^\W\d_]\.[^\W\d_]+\.)\S+"  # dotted identifiers: rec.arts.movies
)
# Characters before a word that make it the start of a sentence (so capitalisation says nothing).
_OPENERS = ".!?:;«“\"—–-…*•·"
_QUOTES = {"«": "»", "“": "”", "\"": "\"", "„": "“", "‘": "’", "*": "*"}  # *emphasis* marks a cited word
# Words that join the parts of a name ("Institute for the Study of War", "Charles de Gaulle").
CONNECTORS = frozenset(
    "of the for and & on in at to de du des la le les von van der den di da del della dos das y e et zu am im".split()
)


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    text: str
    kind: int  # NEUTRAL or WORD
    initial: bool = False  # first word of a sentence (or after a colon, a quote, a dash)
    half: bool = False  # a capitalised word that may be a name: its evidence counts half


@dataclass(frozen=True)
class Span:
    """A run of words in another language: offsets into the analysed text."""

    start: int
    end: int
    language: str
    confidence: float
    words: int  # words carrying evidence inside the span


@dataclass(frozen=True)
class Profile:
    """What the detector needs to know about a target language.

    ``others`` are the candidate languages a fragment may be in; ``loanwords`` are word tuples
    (lower case) that belong to the target language whatever their origin; ``title_cues`` are
    target-language words that announce a quoted title ("film", "album"); ``gloss_cues`` announce
    a translation right after a cited term ("littéralement"). The costs are in nats, the
    frequencies in Zipf points.
    """

    target: str
    others: tuple[str, ...]
    loanwords: frozenset[tuple[str, ...]] = frozenset()
    title_cues: frozenset[str] = frozenset()
    gloss_cues: tuple[str, ...] = ()
    elisions: frozenset[str] = frozenset()  # elided target words glued to the next one ("d'", "l'")
    phrases: frozenset[tuple[str, ...]] = frozenset()  # known foreign phrases ("at a"): kept whole
    noun_zipf: float = 3.5  # a capitalised word unknown to the target and this common elsewhere is a noun
    connectors: frozenset[str] = CONNECTORS
    switch_cost: float = 1.2  # nats paid for every change of language
    start_cost: float = 1.2  # nats paid when a sentence starts (or ends) in another language
    max_gap: float = 4.0  # at most this many Zipf points of evidence from a single word
    oov_weight: float = 0.35  # discount of the character model against the word lists
    established: float = 5.5  # see _word_logprobs: target Zipf at which foreign evidence vanishes
    langs: tuple[str, ...] = field(init=False)
    max_loan: int = field(init=False)
    loan_firsts: frozenset[str] = field(init=False)

    def __post_init__(self) -> None:
        others = tuple(dict.fromkeys(o for o in self.others if o and o != self.target))
        object.__setattr__(self, "others", others)
        object.__setattr__(self, "langs", (self.target, *others))
        object.__setattr__(self, "max_loan", max((len(x) for x in self.loanwords), default=1))
        object.__setattr__(self, "loan_firsts", frozenset(x[0] for x in self.loanwords))


def loanword_set(entries: Iterable[str]) -> frozenset[tuple[str, ...]]:
    """Allowlist entries ("think tank", "week-end") as tuples of lower-case words (cached: the
    same allowlist serves every document of a run)."""
    return _loanword_set(tuple(entries))


@lru_cache(maxsize=64)
def _loanword_set(entries: tuple[str, ...]) -> frozenset[tuple[str, ...]]:
    out = set()
    for e in entries:
        words = tuple(w.lower() for w in WORD_RE.findall(e))
        if words:
            out.add(words)
    return frozenset(out)


# -- tokens ---------------------------------------------------------------------------------------
def mask(text: str) -> str:
    """``text`` with noise (URLs, numbers, code, handles) replaced by spaces, same length."""
    return _NOISE.sub(lambda m: " " * len(m.group()), text)


def _is_sentence_start(text: str, pos: int, lo: int) -> bool:
    j = pos - 1
    while j >= lo and text[j].isspace():
        j -= 1
    return j < lo or text[j] in _OPENERS


def _capitalised(w: str) -> bool:
    return w[0].isupper()


def tokenize(text: str, start: int, end: int, profile: Profile) -> list[Token]:
    """The words of ``text[start:end]``, each marked neutral or carrying evidence."""
    masked = mask(text[start:end])
    raw = [_unelide(m.start() + start, m.end() + start, m.group(), profile) for m in WORD_RE.finditer(masked)]
    initial = [_is_sentence_start(text, s, start) for s, _, _ in raw]
    name = _names(text, raw, initial, profile)
    kinds = [NEUTRAL if nm or _abbreviation(text, e, end) else WORD for (_, e, _), nm in zip(raw, name)]
    _mark_loanwords(raw, kinds, profile)
    _mark_titles(text, start, end, raw, kinds, profile)
    half = [k == WORD and w[0].isupper() for (_, _, w), k in zip(raw, kinds)]
    return [Token(s, e, w, k, ini, h) for (s, e, w), k, ini, h in zip(raw, kinds, initial, half)]


_ABBREV_NEXT = re.compile(r"\.\s*(?:[^\W\d_](?<![A-ZÀ-Þ])|\d|[,;:)])")


def _abbreviation(text: str, e: int, end: int) -> bool:
    """A word followed by a period that does not end the sentence ("incl. TVA", "env. 30")."""
    return bool(_ABBREV_NEXT.match(text, e, end))


def _names(text: str, raw: list[tuple[int, int, str]], initial: list[bool], profile: Profile) -> list[bool]:
    """Which words are (parts of) names, acronyms or mixed-case brands."""
    n = len(raw)
    name = [False] * n
    caps = [w.isupper() and len(w) > 1 for _, _, w in raw]
    for i, (s, e, w) in enumerate(raw):
        if caps[i] and not _in_caps_run(caps, i):
            name[i] = True  # acronym
        elif not caps[i] and any(c.isupper() for c in w[1:]):
            name[i] = True  # mixed case: iPhone, McDonald, YouTube
        elif _capitalised(w) and not initial[i] and not caps[i]:
            # a capitalised word is a name, unless the target language never uses it while another
            # knows it well: a foreign common noun ("Behörden", "Bundesregierung")
            name[i] = not _foreign_noun(w, profile)
    # headline style ("Installed Biometrics and Got Excellent Service"): when most words are
    # capitalised and the others are not target-language words (a list of names joined by "et"
    # is not a headline), capitals do not mark names, and common words are judged (at half weight)
    plain = [i for i in range(n) if not caps[i]]
    titled = [i for i in plain if _capitalised(raw[i][2])]
    lower = [raw[i][2] for i in plain if not _capitalised(raw[i][2])]
    if len(plain) >= 4 and len(titled) >= HEADLINE_SHARE * len(plain) and not _mostly_target(lower, profile):
        for i in titled:
            if name[i] and _common_word(raw[i][2], profile):
                name[i] = False
    # a sentence-initial capitalised word directly followed by a name is part of it ("The Guardian")
    for i in range(n - 1):
        if initial[i] and _capitalised(raw[i][2]) and name[i + 1] and _adjacent(text, raw[i][1], raw[i + 1][0]):
            name[i] = True
    # connecting words between two name words belong to the name, and so does a capitalised
    # sentence-initial word they join to a name ("Tunes of Wacken")
    i = 0
    while i < n:
        if name[i] or (initial[i] and _capitalised(raw[i][2])):
            j = i + 1
            while j < n and raw[j][2].lower() in profile.connectors and not name[j] and _adjacent(text, raw[j - 1][1], raw[j][0]):
                j += 1
            if j < n and not _adjacent(text, raw[j - 1][1], raw[j][0]):
                j = i + 1  # punctuation breaks a name: "l'OTAN, le FMI"
            if j < n and j > i + 1 and name[j]:
                for k in range(i, j):
                    name[k] = True
            i = j if j > i + 1 else i + 1
        else:
            i += 1
    return name


def _unelide(s: int, e: int, w: str, profile: Profile) -> tuple[int, int, str]:
    """Drop an elided target-language word glued to the next one: "d'awareness" -> "awareness"."""
    for i, c in enumerate(w):
        if c in "'’":
            if w[:i].lower() in profile.elisions and i + 1 < len(w):
                return s + i + 1, e, w[i + 1 :]
            break
    return s, e, w


def _foreign_noun(word: str, profile: Profile) -> bool:
    low = word.lower()
    if not profile.others or zipf(low, profile.target) > 0:
        return False
    return max(zipf(low, lang) for lang in profile.others) >= profile.noun_zipf


def _mostly_target(words: list[str], profile: Profile) -> bool:
    """Whether at least half of ``words`` are more frequent in the target than elsewhere."""
    hits = 0
    for w in words:
        zs = [zipf(w.lower(), lang) for lang in profile.langs]
        hits += zs[0] > 0 and zs[0] >= max(zs[1:], default=0.0)
    return bool(words) and hits >= 0.5 * len(words)


def _common_word(word: str, profile: Profile) -> bool:
    low = word.lower()
    return max(zipf(low, lang) for lang in profile.langs) >= COMMON_WORD


def _in_caps_run(caps: list[bool], i: int, size: int = 3) -> bool:
    """Whether token ``i`` is in a run of at least ``size`` upper-case words (shouting, not acronyms)."""
    lo = i
    while lo > 0 and caps[lo - 1]:
        lo -= 1
    hi = i
    while hi + 1 < len(caps) and caps[hi + 1]:
        hi += 1
    return hi - lo + 1 >= size


def _adjacent(text: str, a: int, b: int) -> bool:
    return text[a:b].strip() in ("", "'", "’", "-")


def _mark_loanwords(raw: list[tuple[int, int, str]], kinds: list[int], profile: Profile) -> None:
    if not profile.loanwords:
        return
    lows = [w.lower() for _, _, w in raw]
    n = len(raw)
    for i in range(n):
        if lows[i] not in profile.loan_firsts and lows[i][:-1] not in profile.loan_firsts:
            continue
        for size in range(min(profile.max_loan, n - i), 0, -1):
            words = tuple(lows[i : i + size])
            if words in profile.loanwords or (words[-1][-1:] in "sx" and (*words[:-1], words[-1][:-1]) in profile.loanwords):
                for k in range(i, i + size):
                    kinds[k] = NEUTRAL
                break


def _mark_titles(text: str, start: int, end: int, raw: list[tuple[int, int, str]], kinds: list[int], profile: Profile) -> None:
    """Quoted titles are neutral: a short quotation in title case, or announced by a cue word."""
    pos = start
    while pos < end:
        q = _next_quote(text, pos, end)
        if q is None:
            return
        qs, closer = q
        qe = text.find(closer, qs + 1, end)
        if qe < 0:
            return
        paren = text.find("(", qs, qe)
        head = qe if paren < 0 else paren  # a gloss in parentheses is not part of the title
        inside = [i for i, (s, e, _) in enumerate(raw) if qs < s and e <= qe]
        words = [raw[i][2] for i in inside if raw[i][1] <= head]
        if words and (closer == "*" or _is_title(text, start, qs, words, profile)):
            for i in inside:
                kinds[i] = NEUTRAL
        pos = qe + 1


def _next_quote(text: str, pos: int, end: int) -> tuple[int, str] | None:
    best = None
    for opener, closer in _QUOTES.items():
        i = text.find(opener, pos, end)
        if i >= 0 and (best is None or i < best[0]):
            best = (i, closer)
    return best


def _is_title(text: str, start: int, qs: int, words: list[str], profile: Profile) -> bool:
    if len(words) > 12:
        return False
    content = [w for w in words if len(w) > 3 or w[0].isupper()]
    if content and words[0][0].isupper() and sum(1 for w in content if w[0].isupper()) >= 0.6 * len(content):
        return True
    # the last words before the quotation, without an elided article ("l'émission" -> "émission")
    before = [re.sub(r"^\w+['’]", "", w.lower()) for w in WORD_RE.findall(text[max(start, qs - 40) : qs])][-3:]
    return any(w in profile.title_cues for w in before)


# -- evidence -------------------------------------------------------------------------------------
@lru_cache(maxsize=None)
def noise_offset(target: str, lang: str) -> float:
    """How many Zipf points the target language's list puts a ``lang`` word below ``lang``'s own
    list: web text in any language quotes the others, so an English word such as "however" has
    a Zipf frequency of 2.4 in French for 5.6 in English. Estimated once per pair, as the median
    difference over the 500 most frequent words of ``lang``."""
    from .. import cache
    from .langid import _wordfreq_key

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
        from .. import cache
        from .langid import _wordfreq_key

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


# -- smoothing ------------------------------------------------------------------------------------
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
    tokens = tokenize(text, start, end, profile)
    if not tokens:
        return []
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


def _glossed(text: str, pos: int, end: int, profile: Profile) -> bool:
    """Whether a translation or gloss follows the span: a cited term, not a leftover
    ("lazy bed (littéralement « ... »)", "*awareness*, c'est-à-dire ...", "hub (« plaque tournante »)")."""
    after = text[pos : min(end, pos + 60)].lstrip(" »”\"’*_").lower()
    if after.startswith("("):
        inner = after[1:].lstrip()
        return inner[:1] in "«“\"" or any(inner.startswith(c) for c in profile.gloss_cues)
    after = after.lstrip(",:;– -").lstrip()
    return any(after.startswith(c) for c in profile.gloss_cues)


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
