"""Every rule, on arbitrary mixtures of real article text and Unicode noise: no crash, and every
finding's span lies in the text and equals its `text`."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import CORPORA
from mtqa.api import check_text
from mtqa.config import Config

_WORDS = sorted({w for f in (CORPORA / "news").iterdir() for w in re.findall(r"\S+", f.read_text(encoding="utf-8"))})
NOISE = ["\u00a0", "😀", "e\u0301", "\t", "\r\n", "\n\n", "\r", "«", "»", "…", "...", "l'", "d'", "Si", "il", "une", "ordre"]
texts = st.lists(st.sampled_from(_WORDS + NOISE), min_size=1, max_size=80).map(" ".join)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_every_rule_keeps_offsets_on_any_text(text):
    report = check_text(text, Config(lang="fr"))
    for i in report.issues:
        assert 0 <= i.start <= i.end <= len(text)
        assert text[i.start : i.end] == i.text
        assert i.message
