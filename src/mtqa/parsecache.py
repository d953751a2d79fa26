"""Parse caches: spaCy parses of paragraphs kept across documents and requests.

An editor's LanguageTool client sends the whole text again at every check, and between two
checks most paragraphs are unchanged; LanguageTool's own server keeps a similar cache of analysed
sentences (:mod:`mtqa.serve` installs one for its process). A batch run meets the same paragraph
again too: several translations of one source share their short lines (titles, names, figures,
bylines), and a translation memory repeats its segments; a run that has no cache installed
keeps one of its own (:func:`run_cache`). A parse depends only on the paragraph's text and the
pipeline, and rules only read it, so the findings are the same with or without a cache. A cache
holds at most ``size`` paragraphs and forgets the least recently used first.
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any


class ParseCache:
    def __init__(self, size: int) -> None:
        self.size = size
        self._items: OrderedDict[Any, Any] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def get(self, key: Any) -> Any:
        with self._lock:
            parsed = self._items.get(key)
            if parsed is None:
                self.misses += 1
                return None
            self._items.move_to_end(key)
            self.hits += 1
            return parsed

    def put(self, key: Any, parsed: Any) -> None:
        if self.size <= 0:
            return
        with self._lock:  # (runs in threads of one program may share it)
            self._items[key] = parsed
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)

    def __len__(self) -> int:
        return len(self._items)

    def stats(self) -> dict[str, int]:
        return {"paragraphs": len(self._items), "size": self.size, "hits": self.hits, "misses": self.misses}


# Paragraphs a batch run keeps parsed for the documents after (each parse a few kB to a few tens
# of kB with the analyses kept on it): the paragraphs a run meets again are mostly near each other
RUN_CACHE_SIZE = 1000


@contextmanager
def run_cache(size: int | None = None) -> Iterator[ParseCache | None]:
    """A cache of ``size`` paragraphs shared by the documents of one run, installed for the run
    (and inherited by its forked workers, each then filling its own) when none is installed;
    the installed one (a server's) otherwise. ``MTQA_NO_PARSE_REUSE=1`` keeps none."""
    from . import nlp

    size = RUN_CACHE_SIZE if size is None else size
    if nlp.shared_parses is not None or size <= 0 or os.environ.get("MTQA_NO_PARSE_REUSE"):
        yield nlp.shared_parses
        return
    cache = nlp.shared_parses = ParseCache(size)
    try:
        yield cache
    finally:
        if nlp.shared_parses is cache:
            nlp.shared_parses = None
