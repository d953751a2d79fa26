"""Language identification of paragraphs and sentences.

Segment-level identification uses langdetect, seeded so every run gives the same answer (a
sentence whose words plainly agree with its paragraph's language takes it without a second
run, see :func:`words_agree`). Text
that says little about its language (names, numbers, URLs) is masked before detection; segments
with too few letters get ``und`` and then inherit the language of their neighbours with a lower
confidence instead of a wild guess.

Word-level evidence (per-language word frequencies, :func:`zipf` from
:mod:`mtqa.analysis.frequencies`, and :func:`words_agree`) serves
span-level detection inside sentences (:mod:`mtqa.analysis.wordlang`).
"""

from __future__ import annotations

import bisect
import re
from array import array
import threading
from dataclasses import replace
from functools import lru_cache

from ..model import Document, Segment
from .frequencies import (  # noqa: F401  (the word-frequency API, read from here by the rules)
    FrequencyTable, _freqs, _plain_tokens, _stock_frequency_dict, _wordfreq_key, wordfreq_languages, zipf,
)

MIN_LETTERS = 20  # fewer letters than this: too short to judge on its own
MIN_WORDS = 4
# langdetect's random trials per text (its default is 7): on the segments the function-word vote
# leaves to it, 3 trials agree with 7 on 98.6 % of UD French, 93.9 % of UD English and 95-97 % of
# WMT22 German sentences (as 7 trials do) at well under half the time.
N_TRIALS = 3
_lock = threading.Lock()

_NOISE = re.compile(
    r"https?://\S+|www\.\S+|\S+@\S+\.\w+|[@#]\w+|\d[\d.,:/h%-]*"  # urls, mails, handles, numbers
)
_NAME = re.compile(r"(?<=[^\s.!?«\"“(])(\s+)((?:[A-ZÀ-ÖØ-Þ][\w'’-]*|[A-Z]{2,})(?:\s+(?:[A-ZÀ-ÖØ-Þ][\w'’-]*))*)")


_LANGS_KEY = "\x00langs"  # the entry of the profile table that lists the languages, in order
PROFILE_MEMO = 200_000  # n-grams whose look-up a process keeps (hits and misses)


class _ProfileTable:
    """langdetect's n-gram -> probabilities map, looked up n-gram by n-gram in an SQLite table of
    mtqa's cache (:class:`mtqa.cache.SqliteTable`; each value the n-gram's probabilities packed as
    doubles, the same values bit for bit) instead of read whole at every start (40 MB). langdetect
    asks ``in`` for every n-gram of a text and then reads the known ones; both answers are kept,
    up to :data:`PROFILE_MEMO` n-grams."""

    def __init__(self, table) -> None:
        self._table = table
        self._memo: dict[str, array | None] = {}

    def _get(self, key: str):
        memo = self._memo
        if key in memo:
            return memo[key]
        raw = self._table.get(key)
        value = array("d", raw) if raw is not None else None
        if len(memo) >= PROFILE_MEMO:
            memo.clear()
        memo[key] = value
        return value

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and not key.startswith("\x00") and self._get(key) is not None

    def __getitem__(self, key: str):
        value = self._get(key) if not key.startswith("\x00") else None
        if value is None:
            raise KeyError(key)
        return value


@lru_cache(maxsize=1)
def _factory():
    """langdetect's detector factory with its profiles looked up in mtqa's cache (see
    :mod:`mtqa.cache`: reading its 55 JSON profiles costs seconds, and even the packed profiles
    a few tenths of a second)."""
    from langdetect import DetectorFactory, detector_factory

    from .. import cache

    DetectorFactory.seed = 0
    if detector_factory._factory is None:

        def build() -> dict:
            factory = DetectorFactory()
            factory.load_profile(detector_factory.PROFILES_DIRECTORY)
            packed = {k: array("d", v).tobytes() for k, v in factory.word_lang_prob_map.items()}
            packed[_LANGS_KEY] = "\t".join(factory.langlist).encode("utf-8")
            return packed

        table = cache.SqliteTable(
            "langdetect-profiles",
            cache.version_key(f"langdetect={cache.package_version('langdetect')}", "packed=1"),
            build,
            probe=_LANGS_KEY,
        )
        factory = DetectorFactory()
        factory.langlist = table.get(_LANGS_KEY).decode("utf-8").split("\t")
        factory.word_lang_prob_map = _ProfileTable(table)
        detector_factory._factory = factory
    return detector_factory._factory


def mask_noise(text: str) -> str:
    """Replace URLs, numbers, handles and mid-sentence capitalised names by spaces."""
    text = _NOISE.sub(lambda m: " " * len(m.group()), text)
    return _NAME.sub(lambda m: m.group(1) + " " * len(m.group(2)), text)


def letters(text: str) -> int:
    return sum(1 for c in text if c.isalpha())


# Languages whose most frequent words are used for the quick vote below.
QUICK_LANGS = ("fr", "en", "de", "es", "it", "pt", "nl")
_WORDISH = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


@lru_cache(maxsize=1)
def _function_words() -> dict[str, dict[str, float]]:
    """word -> {language: vote}: a word among the 100 most frequent of k languages gives each 1/k."""
    owners: dict[str, list[str]] = {}
    for lang, words in _top_words().items():
        for w in words:
            owners.setdefault(w.rstrip("'"), []).append(lang)
    return {w: {lang: 1.0 / len(langs) for lang in langs} for w, langs in owners.items()}


def _top_words() -> dict[str, list[str]]:
    """The 100 most frequent words per quick-vote language: the shipped table (built from
    wordfreq by scripts/build_function_words.py), or wordfreq itself if the table lacks one."""
    from importlib import resources

    table: dict[str, list[str]] = {}
    path = resources.files("mtqa") / "data" / "function_words.tsv"
    if path.is_file():
        for line in path.read_text(encoding="utf-8").splitlines():
            if line and not line.startswith("#"):
                lang, words = line.split("\t", 1)
                table[lang] = words.split()
    missing = [lang for lang in QUICK_LANGS if lang not in table]
    if missing:
        from wordfreq import top_n_list

        table.update({lang: top_n_list(lang, 100) for lang in missing})
    return {lang: table[lang] for lang in QUICK_LANGS}


def quick_vote(masked: str) -> tuple[str, float] | None:
    """Identify a segment by its function words when they leave no doubt, else ``None``.

    Each word votes for the languages whose 100 most frequent words hold it (a word shared by k
    languages gives each 1/k). A clear winner (at least 2.5 votes, three times the runner-up's,
    on a fair share of the words) is accepted without running langdetect, which is far slower;
    mixed or unusual segments go to langdetect.
    """
    words = _WORDISH.findall(masked.lower().replace("’", "'"))
    if len(words) < MIN_WORDS:
        return None
    table = _function_words()
    votes: dict[str, float] = {}
    hits = 0
    for w in words:
        v = table.get(w)
        if v is None and "'" in w:
            v = table.get(w.split("'", 1)[0]) or table.get(w.rsplit("'", 1)[1])
        if v:
            hits += 1
            for lang, x in v.items():
                votes[lang] = votes.get(lang, 0.0) + x
    if not votes:
        return None
    ranked = sorted(votes.values(), reverse=True)
    best = max(votes, key=votes.__getitem__)
    b, second = ranked[0], (ranked[1] if len(ranked) > 1 else 0.0)
    if b >= 2.5 and 3 * second <= b and hits >= 0.25 * len(words):
        return best, round(0.99 - 0.3 * second / b, 3)
    return None


@lru_cache(maxsize=4096)
def detect(text: str, expected: str | None = None) -> tuple[str, float]:
    """(language, probability) of a text, ``("und", 0.0)`` when it is too short to tell.

    ``expected`` is a declared language: a text the function-word vote leaves open but whose
    words plainly belong to it (:func:`words_agree`) takes it without langdetect."""
    masked = mask_noise(text)
    quick = quick_vote(masked)
    if expected:
        if quick is not None:
            return quick
        if words_agree(text, expected):
            return expected, AGREE_CONFIDENCE
    if letters(masked) < MIN_LETTERS or len(masked.split()) < MIN_WORDS:
        return "und", 0.0
    if quick is not None:
        return quick
    from langdetect.lang_detect_exception import LangDetectException

    with _lock:
        factory = _factory()
        try:
            det = factory.create()
            det.n_trial = N_TRIALS
            det.append(masked)
            probs = det.get_probabilities()
        except LangDetectException:
            return "und", 0.0
    if not probs:
        return "und", 0.0
    best = probs[0]
    return best.lang.split("-")[0], float(best.prob)


def annotate(doc: Document, expected: str | None = None) -> None:
    """Tag every paragraph and sentence of ``doc`` with a language and a confidence.

    ``expected`` is the declared target language (see :func:`detect`)."""
    paras = [
        replace(p, language=lang, confidence=conf)
        for p in doc.paragraphs
        for lang, conf in [detect(doc.view[p.start : p.end], expected)]
    ]
    paras = _inherit(paras)
    sents: list[Segment] = []
    for s in doc.sentences:
        parent = paras[s.parent] if s.parent is not None else None
        text = doc.view[s.start : s.end]
        if parent is not None and (parent.start, parent.end) == (s.start, s.end):
            lang, conf = parent.language, parent.confidence  # the paragraph is this sentence
        elif parent is not None and parent.confidence >= AGREE_CONFIDENCE and words_agree(text, parent.language):
            lang, conf = parent.language, parent.confidence
        else:
            lang, conf = detect(text)
        if lang == "und" and s.parent is not None:
            parent = paras[s.parent]
            lang, conf = parent.language, round(parent.confidence * 0.8, 3)
        sents.append(replace(s, language=lang, confidence=round(conf, 3)))
    doc.set_languages(paras, sents)


AGREE_CONFIDENCE = 0.9
AGREE_SHARE = 0.85
AGREE_MARGIN = 0.5  # Zipf points: shared words ("a", "budget") still agree; quoted English does not
_CHECK_LANGS = ("en", "fr", "de")


def words_agree(text: str, lang: str, min_words: int = 4) -> bool:
    """Whether the words of ``text`` plainly belong to ``lang``: at least ``min_words`` lower-case
    words, and at least 85% of them about as frequent in ``lang`` as in English, French and German
    (half a Zipf point less at most).
    A sentence of a paragraph confidently in ``lang`` whose words agree takes the paragraph's
    language without a second langdetect run (langdetect is most of the cost of annotating)."""
    if lang == "und":
        return False
    from ..segment import WORD_RE

    words = [w for w in WORD_RE.findall(mask_noise(text)) if w[0].islower()]
    if len(words) < min_words:
        return False
    others = [o for o in _CHECK_LANGS if o != lang]
    hits = 0
    for w in words:
        z = zipf(w, lang)
        if z > 0 and all(z >= zipf(w, o) - AGREE_MARGIN for o in others):
            hits += 1
    return hits >= AGREE_SHARE * len(words)


def _inherit(segs: list[Segment]) -> list[Segment]:
    """Short segments take the language of the nearest judged neighbour, at lower confidence."""
    out = list(segs)
    judged = [i for i, s in enumerate(segs) if s.language != "und"]
    if not judged:
        return out
    for i, s in enumerate(segs):
        if s.language != "und":
            out[i] = replace(s, confidence=round(s.confidence, 3))
            continue
        # the nearest judged index, the earlier one on a tie
        pos = bisect.bisect_left(judged, i)
        near = [k for k in (judged[pos - 1] if pos else None, judged[pos] if pos < len(judged) else None) if k is not None]
        j = min(near, key=lambda k: (abs(k - i), k))
        n = segs[j]
        out[i] = replace(s, language=n.language, confidence=round(n.confidence * 0.5, 3))
    return out


def dominant_language(doc: Document) -> str:
    """The language holding most letters among the judged paragraphs."""
    weight: dict[str, int] = {}
    for p in doc.paragraphs:
        if p.language != "und" and p.confidence >= 0.5:
            weight[p.language] = weight.get(p.language, 0) + letters(doc.view[p.start : p.end])
    return max(weight, key=weight.__getitem__) if weight else "und"


# -- word-level evidence -------------------------------------------------------------------------
