"""Properties of the span-level language detector: any text, no crash, spans inside the text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import issues_of
from mtqa.analysis import wordlang

PROFILE = wordlang.Profile(
    "fr", ("en", "de"), wordlang.loanword_set(["week-end"]), frozenset({"film"}), ("littéralement",), frozenset({"l", "d"})
)
WORDS = st.sampled_from(
    ["the", "of", "at", "a", "rencontre", "Corée", "«", "»", "(", ")", "l'", "d’", "*", ":", "ISW", "week-end",
     "https://x.org", "#tag", "die", "und", "Behörden", "é", "\u0301", "🙂", "\r\n", "\n", ".", "!", "However", "mit"]
)
TEXTS = st.one_of(st.text(max_size=120), st.lists(WORDS, max_size=25).map(" ".join))


@settings(max_examples=150, deadline=None)
@given(TEXTS)
def test_any_text_gives_spans_inside_it(text):
    for s in wordlang.foreign_spans(text, 0, len(text), PROFILE):
        assert 0 <= s.start < s.end <= len(text)
        assert 0.0 <= s.confidence <= 1.0 + 1e-9
        assert s.language in ("en", "de") and s.words >= 1
        assert text[s.start : s.end] == text[s.start : s.end].strip()


@settings(max_examples=150, deadline=None)
@given(TEXTS)
def test_tokens_keep_their_offsets(text):
    for t in wordlang.tokenize(text, 0, len(text), PROFILE):
        assert text[t.start : t.end] == t.text


@settings(max_examples=25, deadline=None)
@given(st.lists(WORDS, min_size=1, max_size=20).map(" ".join))
def test_the_rule_keeps_the_offset_contract(text):
    issues_of(text, "MTQ101")  # checks text[start:end] == issue.text for every finding
