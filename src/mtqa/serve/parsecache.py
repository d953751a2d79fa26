"""The server's parse cache: spaCy parses of paragraphs kept across requests.

An editor's LanguageTool client sends the whole text again at every check, and between two
checks most paragraphs are unchanged; LanguageTool's own server keeps a similar cache of analysed
sentences. A parse depends only on the paragraph's text and the pipeline, and rules only read it,
so a request's findings are the same with or without the cache. The cache holds at most
``size`` paragraphs and forgets the least recently used first.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any


class ParseCache:
    def __init__(self, size: int) -> None:
        self.size = size
        self._items: OrderedDict[Any, Any] = OrderedDict()
        self.hits = 0
        self.misses = 0

    def get(self, key: Any) -> Any:
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
        self._items[key] = parsed
        self._items.move_to_end(key)
        while len(self._items) > self.size:
            self._items.popitem(last=False)

    def __len__(self) -> int:
        return len(self._items)

    def stats(self) -> dict[str, int]:
        return {"paragraphs": len(self._items), "size": self.size, "hits": self.hits, "misses": self.misses}


def install(size: int) -> ParseCache | None:
    """Share a cache of ``size`` paragraphs between the checks of this process (none for 0)."""
    from .. import nlp

    cache = ParseCache(size) if size > 0 else None
    nlp.shared_parses = cache
    return cache
