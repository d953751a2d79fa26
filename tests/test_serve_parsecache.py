"""The server's parse cache: paragraphs parsed for one request are reused by the next, and the
findings are those of a run without the cache (whole articles, an edited paragraph, a cache
smaller than the text)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from mtqa import nlp
from mtqa.api import check_text
from mtqa.config import Config
from mtqa.serve.parsecache import ParseCache, install

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = "\n\n".join(p.read_text(encoding="utf-8").strip() for p in sorted((ROOT / "corpora" / "news").glob("*.txt")))

# Own French: the second paragraph is edited between two checks to hold an agreement error.
BEFORE = (
    "La commune a inauguré samedi le nouveau pont sur la rivière, attendu depuis dix ans.\n\n"
    "Les travaux ont coûté près de quatre millions d'euros, financés en partie par la région.\n\n"
    "Le maire a remercié les entreprises et les riverains pour leur patience."
)
AFTER = BEFORE.replace("financés en partie par la région", "financés en partie par les région")


def findings(text: str) -> list[tuple]:
    return [(i.rule, i.start, i.end, i.message, i.suggestions, i.severity) for i in check_text(text, Config(lang="fr")).issues]


@pytest.fixture
def cache():
    before = nlp.shared_parses
    yield lambda size: install(size)
    nlp.shared_parses = before


def uncached(text: str) -> list[tuple]:
    kept, nlp.shared_parses = nlp.shared_parses, None
    reuse = os.environ.get("MTQA_NO_PARSE_REUSE")
    os.environ["MTQA_NO_PARSE_REUSE"] = "1"  # nor the run's own cache
    try:
        return findings(text)
    finally:
        nlp.shared_parses = kept
        if reuse is None:
            del os.environ["MTQA_NO_PARSE_REUSE"]
        else:
            os.environ["MTQA_NO_PARSE_REUSE"] = reuse


def test_least_recently_used_paragraph_is_forgotten_first():
    c = ParseCache(2)
    c.put("a", 1)
    c.put("b", 2)
    assert c.get("a") == 1  # "b" is now the least recently used
    c.put("c", 3)
    assert c.get("b") is None and c.get("a") == 1 and c.get("c") == 3
    assert len(c) == 2 and c.stats() == {"paragraphs": 2, "size": 2, "hits": 3, "misses": 1}
    empty = ParseCache(0)
    empty.put("a", 1)
    assert len(empty) == 0 and empty.get("a") is None


def test_install_zero_means_no_cache(cache):
    assert cache(0) is None and nlp.shared_parses is None


def test_a_second_check_of_the_article_parses_nothing_and_finds_the_same(cache):
    expected = uncached(ARTICLE)
    c = cache(2000)
    first = findings(ARTICLE)
    misses = c.misses
    assert misses > 0 and len(c) > 0
    second = findings(ARTICLE)
    assert first == second == expected and expected
    assert c.misses == misses and c.hits > 0  # every paragraph came from the cache


def test_an_edited_paragraph_is_parsed_again(cache):
    c = cache(2000)
    findings(BEFORE)
    misses = c.misses
    after = findings(AFTER)
    assert after == uncached(AFTER)
    assert c.misses == misses + 1  # only the edited paragraph was parsed
    start = AFTER.index("les région")
    assert any(s <= start < e or start <= s < start + len("les région") for _, s, e, *_ in after)
    assert findings(BEFORE) == uncached(BEFORE)


def test_a_cache_smaller_than_the_text_still_gives_the_same_findings(cache):
    c = cache(3)
    assert findings(ARTICLE) == findings(ARTICLE) == uncached(ARTICLE)
    assert len(c) == 3


def test_a_run_keeps_a_cache_of_its_own_for_repeated_paragraphs(tmp_path, monkeypatch):
    """Two translations sharing paragraphs, checked in one run: the repeated paragraphs are
    parsed once (the run's own cache, gone after the run), and the findings are those of a run
    that parses every paragraph."""
    from mtqa import parsecache
    from mtqa.api import check_paths

    (tmp_path / "a.txt").write_text(BEFORE + "\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text(AFTER + "\n\n" + BEFORE + "\n", encoding="utf-8")
    made = []
    real = parsecache.ParseCache

    class Counting(real):
        def __init__(self, size):
            super().__init__(size)
            made.append(self)

    monkeypatch.setattr(parsecache, "ParseCache", Counting)
    monkeypatch.setattr(nlp, "shared_parses", None)

    def run():
        r = check_paths([str(tmp_path)], Config(lang="fr"))
        return [[(i.rule, i.start, i.end, i.message) for i in d.issues] for d in r.documents]

    reused = run()
    assert nlp.shared_parses is None and len(made) == 1 and made[0].hits > 0
    monkeypatch.setenv("MTQA_NO_PARSE_REUSE", "1")
    assert run() == reused and len(made) == 1
    assert any(reused)
