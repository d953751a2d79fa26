"""Property tests: arbitrary text never crashes a check, and every span lies in the text."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mtqa.api import check_text
from mtqa.config import Config
from mtqa.model import Document

FAST_RULES = ["boilerplate", "duplication", "truncation"]

words = st.sampled_from(
    ["Le", "maire", "a", "inauguré", "l'école", "Partager", "commentaires", "de", "la", "…", "...", "Lire aussi :",
     "\u00a0", "😀", "e\u0301", "\t", "\r\n", "\n\n", "\r", "  ", ".", "?", "«", "»", "Aller au contenu", "the"]
)
texts = st.one_of(st.text(max_size=300), st.lists(words, max_size=60).map(" ".join))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_any_text_checks_cleanly(text):
    if not text.strip():
        return
    report = check_text(text, Config(lang="fr", select=FAST_RULES))
    for i in report.issues:
        assert 0 <= i.start <= i.end <= len(text)
        assert text[i.start : i.end] == i.text
    for seg in report.documents[0].segments + report.documents[0].sentences:
        assert 0 <= seg.start < seg.end <= len(text)
        assert text[seg.start : seg.end].strip() == text[seg.start : seg.end]


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=200))
def test_positions_agree_with_offsets(text):
    doc = Document(text)
    for off in range(0, len(text) + 1, max(1, len(text) // 10)):
        if 0 < off < len(text) and text[off - 1] == "\r" and text[off] == "\n":
            continue  # inside a CRLF pair: no finding starts there
        line, col = doc.position(off)
        before = text[:off]
        lines = before.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        assert line == len(lines)
        # column counts code points since the last line break
        last_break = max(before.rfind("\n"), before.rfind("\r"))
        assert col == off - last_break
