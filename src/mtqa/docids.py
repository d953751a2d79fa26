"""Split a line-aligned file into documents with a doc-id file.

The doc-id file is a TSV: either one doc id per line of the target, or a header naming a
``doc_id`` column (and optionally a ``line`` column with 1-based line numbers), as the WMT
``docids.tsv`` files do. Every document keeps the original file text, so offsets stay offsets
into the file; it only owns its own lines.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator

from .errors import InputProblem
from .model import Document


def read_docids(path: str, n_lines: int) -> list[str]:
    from . import readers

    text = readers.decode(readers.read_bytes(path), path)
    rows = [r for r in csv.reader(text.splitlines(), delimiter="\t") if r]
    if not rows:
        raise InputProblem(path, "doc-id file is empty")
    header = [h.strip().lower() for h in rows[0]]
    if "doc_id" in header or "docid" in header:
        col = header.index("doc_id") if "doc_id" in header else header.index("docid")
        line_col = header.index("line") if "line" in header else None
        ids: list[str | None] = [None] * n_lines
        for k, r in enumerate(rows[1:], start=1):
            if len(r) <= col:
                raise InputProblem(path, f"row {k + 1} has no doc_id column")
            try:
                i = int(r[line_col]) - 1 if line_col is not None else k - 1
            except ValueError:
                raise InputProblem(path, f"row {k + 1}: line number {r[line_col]!r} is not a number") from None
            if not 0 <= i < n_lines:
                raise InputProblem(path, f"row {k + 1}: line {i + 1} is outside the {n_lines} lines of the target")
            ids[i] = r[col]
        missing = [i + 1 for i, d in enumerate(ids) if d is None]
        if missing:
            n_missing = f"{len(missing)} line{'s' if len(missing) != 1 else ''}"
            raise InputProblem(path, f"does not cover line {missing[0]} of the target ({n_missing} uncovered)")
        return [d for d in ids if d is not None]
    if len(rows) != n_lines:
        raise InputProblem(path, f"has {len(rows)} lines but the target has {n_lines}")
    return [r[0] for r in rows]


def split_by_docids(doc: Document, docids_path: str) -> Iterator[Document]:
    """One Document per doc id, in order of first line; blank lines belong to their document too."""
    from dataclasses import replace

    n = len(doc.text.splitlines())
    ids = read_docids(docids_path, n)
    lines: dict[str, list[int]] = {}
    for i, doc_id in enumerate(ids):
        lines.setdefault(doc_id, []).append(i)
    paras: dict[str, list] = {d: [] for d in lines}
    for p in doc.paragraphs:
        line = int(p.id) if p.id else doc.line_of(p.start)
        paras[ids[line - 1]].append(p)
    # every document sees only its own lines: the rest of the file is blank in its view, so a
    # rule that scans the view can neither cross into another document nor pay for the whole file
    blank = re.sub(r"[^\r\n]", " ", doc.view)
    for doc_id, owned in lines.items():
        own = [replace(p, index=i) for i, p in enumerate(paras[doc_id])]
        parts, pos = [], 0
        for p in own:
            parts.append(blank[pos : p.start])
            parts.append(doc.view[p.start : p.end])
            pos = p.end
        parts.append(blank[pos:])
        yield Document(
            doc.text, doc.path, view="".join(parts), paragraphs=own, fmt=doc.format, doc_id=doc_id,
            source_language=doc.source_language, meta={**doc.meta, "lines": owned},
        )
