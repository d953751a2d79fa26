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

Everything here works on a text (usually ``Document.view``) and returns offsets into it. The
package holds one concern a module: :mod:`.profile` (what the detector knows about a target
language, and the tokens and spans it works with), :mod:`.tokens` (words, and which of them are
neutral), :mod:`.evidence` (per-word log-probabilities from frequency lists and character
models) and :mod:`.smoothing` (the language HMM and the spans it yields). The public names are
re-exported here, so ``from mtqa.analysis import wordlang`` gives all of them.
"""

from __future__ import annotations

from ..langid import zipf
from .evidence import FLOOR, LN10, CharModel, char_model, emissions, established_zipf, noise_offset
from .profile import CONNECTORS, NEUTRAL, WORD, Profile, Span, Token, loanword_set
from .smoothing import COMMON, TRIM_KEEP, WEAK, foreign_spans, posteriors
from .tokens import COMMON_WORD, HEADLINE_SHARE, mask, tokenize

__all__ = [
    "COMMON", "COMMON_WORD", "CONNECTORS", "FLOOR", "HEADLINE_SHARE", "LN10", "NEUTRAL", "TRIM_KEEP", "WEAK", "WORD",
    "CharModel", "Profile", "Span", "Token",
    "char_model", "emissions", "established_zipf", "foreign_spans", "loanword_set", "mask", "noise_offset",
    "posteriors", "tokenize", "zipf",
]
