"""The French pipeline built with its regular expressions from mtqa's cache tokenises the
project's corpora exactly as a tokenizer whose expressions the standard library compiled."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

# words in the French tokenizer's special cases (elisions, hyphenated compounds, inverted
# subjects, abbreviations), written for this test
EXTRA = """Aujourd'hui, grand-mère a-t-elle vu l'arc-en-ciel au-dessus du porte-avions ?
Qu'est-ce qu'il y a ? Entr'ouvrez la porte, M. Dupont, c'est-à-dire tout de suite.
Les rendez-vous de l'après-midi ont été reportés ; peut-être demain, vers 14 h 30.
AUJOURD’HUI, L’ANTI-INFLATION ET LES SOUS-MARINS NUCLÉAIRES FONT LA UNE.
Le vice-président s'est-il rendu à Saint-Germain-en-Laye en janv. ou en févr. 2024 ?"""


@pytest.fixture(scope="module")
def texts() -> list[str]:
    out = [EXTRA, EXTRA.replace("’", "'")]
    for path in sorted((ROOT / "corpora").rglob("*")):
        if path.suffix in (".txt", ".md", ".fr") and path.is_file():
            text = path.read_text(encoding="utf-8")
            out += [text, text.replace("’", "'")]  # mtqa parses with straight apostrophes
    return out


def test_cached_tokenizer_is_stock(texts, tmp_path, monkeypatch):
    pytest.importorskip("fr_core_news_sm")
    monkeypatch.setenv("MTQA_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("MTQA_NO_CACHE", raising=False)
    from spacy.tokenizer import Tokenizer

    from mtqa import cache, nlp

    nlp._load.cache_clear()
    re.purge()
    try:
        before = dict(cache.regex_stats)
        nlp.pipeline("fr")  # compiles the long expressions and stores their code
        nlp._load.cache_clear()
        re.purge()
        pipe = nlp.pipeline("fr")  # made from the cache
    finally:
        nlp._load.cache_clear()
    tok = pipe.tokenizer
    # the second load made the tokenizer's long expression from the cached code
    assert cache.regex_stats["hits"] > before["hits"]
    assert (tmp_path / "cache" / "regex-fr_core_news_sm.bin").exists()
    # the stock tokenizer: the same rules, every expression compiled by the standard library
    stock_compile = re._compiler.compile
    stock = Tokenizer(
        pipe.vocab,
        rules=tok.rules,
        prefix_search=stock_compile(tok.prefix_search.__self__.pattern, 0).search,
        suffix_search=stock_compile(tok.suffix_search.__self__.pattern, 0).search,
        infix_finditer=stock_compile(tok.infix_finditer.__self__.pattern, 0).finditer,
        token_match=stock_compile(tok.token_match.__self__.pattern, 0).match,
        url_match=stock_compile(tok.url_match.__self__.pattern, 0).match,
    )
    words = 0
    for text in texts:
        ours = [(t.idx, t.text, t.whitespace_) for t in tok(text)]
        theirs = [(t.idx, t.text, t.whitespace_) for t in stock(text)]
        assert ours == theirs
        words += len(text.split())
    assert words > 2000
