"""The documents of a run, kept in memory while they are small and spooled to disk when they are not.

A run keeps every document's result until its end: the corpus rules add findings to documents
checked long before, the gate and the baseline look at all of them, and the report is written
last. Kept as Python objects (text, segments, sentences, findings), that costs about nine times
the size of the text, so a big corpus would need gigabytes. :class:`DocumentStore` keeps the
results in memory up to a budget of text characters (:data:`MEMORY_BUDGET`), then moves them
into an anonymous temporary file, one pickle per document, and from there on keeps only their
offsets. Reading it gives each document back in run order, one at a time.

A store is a read-only sequence for the formatters; the stages of a run that change documents
(corpus findings, the gate, suppressions, a baseline) go through :meth:`DocumentStore.update`,
which rewrites each document in place in memory or into a fresh spool file on disk.

>>> from mtqa.model import DocumentResult
>>> store = DocumentStore(budget=0)
>>> store.append(DocumentResult("a.txt", "fr", 3, [], [], [], text="Un deux trois."))
>>> store.spooled, len(store), next(iter(store)).text
(True, 1, 'Un deux trois.')
"""

from __future__ import annotations

import pickle
import tempfile
from collections.abc import Callable, Iterable, Iterator
from typing import IO, Any

from .model import DocumentResult

MEMORY_BUDGET = 8_000_000
"""Characters of document text kept as objects before a run's results move to disk (about 70 MiB
of objects). Small runs, the server and the library never touch the disk."""


class DocumentStore:
    """The results of a run in run order: a list until :data:`MEMORY_BUDGET` characters of text,
    then pickles in an anonymous temporary file (deleted when the store is closed or collected)."""

    def __init__(self, items: Iterable[DocumentResult] = (), budget: int | None = None) -> None:
        self.budget = MEMORY_BUDGET if budget is None else budget
        self._items: list[DocumentResult] = []
        self._chars = 0
        self._file: IO[bytes] | None = None
        self._offsets: list[int] = []  # start of each pickle in the file, and the end of the last
        self.extend(items)

    # -- filling --------------------------------------------------------------------------------
    @property
    def spooled(self) -> bool:
        """True once the results live on disk."""
        return self._file is not None

    def append(self, result: DocumentResult) -> None:
        if self._file is not None:
            self._write(result)
            return
        self._items.append(result)
        self._chars += len(result.text or "") + 40 * (len(result.sentences) + len(result.issues))
        if self._chars > self.budget:
            self._spill()

    def extend(self, results: Iterable[DocumentResult]) -> None:
        for r in results:
            self.append(r)

    def _spill(self) -> None:
        self._file = tempfile.TemporaryFile(prefix="mtqa-run-")
        self._offsets = [0]
        items, self._items = self._items, []
        for r in items:
            self._write(r)

    def _write(self, result: DocumentResult) -> None:
        assert self._file is not None
        self._file.seek(self._offsets[-1])
        pickle.dump(result, self._file, protocol=pickle.HIGHEST_PROTOCOL)
        self._offsets.append(self._file.tell())

    # -- reading --------------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self._items) if self._file is None else len(self._offsets) - 1

    def __bool__(self) -> bool:
        return len(self) > 0

    def __iter__(self) -> Iterator[DocumentResult]:
        if self._file is None:
            yield from list(self._items)
            return
        f, offsets = self._file, list(self._offsets)
        for k in range(len(offsets) - 1):
            f.seek(offsets[k])
            yield pickle.loads(f.read(offsets[k + 1] - offsets[k]))

    def __getitem__(self, index: int) -> DocumentResult:
        if self._file is None:
            return self._items[index]
        n = len(self)
        if index < 0:
            index += n
        if not 0 <= index < n:
            raise IndexError(index)
        self._file.seek(self._offsets[index])
        return pickle.loads(self._file.read(self._offsets[index + 1] - self._offsets[index]))

    def __repr__(self) -> str:
        where = "on disk" if self.spooled else "in memory"
        return f"<DocumentStore {len(self)} documents {where}>"

    # -- changing -------------------------------------------------------------------------------
    def update(self, fn: Callable[[DocumentResult], Any], *, keep_if_true: bool = False) -> None:
        """Call ``fn`` on every document in run order and keep what it changed; with
        ``keep_if_true``, drop the documents for which ``fn`` returns a false value."""
        if self._file is None:
            if keep_if_true:
                self._items[:] = [r for r in self._items if fn(r)]
            else:
                for r in self._items:
                    fn(r)
            return
        old, old_offsets = self._file, self._offsets
        self._file, self._offsets = tempfile.TemporaryFile(prefix="mtqa-run-"), [0]
        try:
            for k in range(len(old_offsets) - 1):
                old.seek(old_offsets[k])
                r = pickle.loads(old.read(old_offsets[k + 1] - old_offsets[k]))
                if fn(r) or not keep_if_true:
                    self._write(r)
        finally:
            old.close()

    def close(self) -> None:
        if self._file is not None:
            self._file.close()


def update_documents(documents: Iterable[DocumentResult], fn: Callable[[DocumentResult], Any]) -> None:
    """Call ``fn`` on every document of a report and keep the changes, whether the report's
    documents are a list or a :class:`DocumentStore`."""
    if isinstance(documents, DocumentStore):
        documents.update(fn)
    else:
        for d in documents:
            fn(d)


def retain_documents(documents: list[DocumentResult] | DocumentStore, keep: Callable[[DocumentResult], bool]) -> None:
    """Keep only the documents of a report for which ``keep`` is true, in order."""
    if isinstance(documents, DocumentStore):
        documents.update(keep, keep_if_true=True)
    else:
        documents[:] = [d for d in documents if keep(d)]
