"""The server's parse cache (:class:`mtqa.parsecache.ParseCache`), installed for its process."""

from __future__ import annotations

from ..parsecache import ParseCache

__all__ = ["ParseCache", "install"]


def install(size: int) -> ParseCache | None:
    """Share a cache of ``size`` paragraphs between the checks of this process (none for 0)."""
    from .. import nlp

    cache = ParseCache(size) if size > 0 else None
    nlp.shared_parses = cache
    return cache
