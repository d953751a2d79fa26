"""What the word-level language detector knows about a target language (:class:`Profile`), and
the tokens and spans it works with."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from ...segment import WORD_RE

NEUTRAL, WORD = 0, 1
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
    established: float = 5.5  # see evidence._word_logprobs: target Zipf at which foreign evidence vanishes
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
