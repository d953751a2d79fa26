"""Core data model: documents, segments, issues and reports.

Every offset in this module is a code-point offset into ``Document.text``, the document text
exactly as decoded from its file (UTF-8, BOM stripped, no other normalisation).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

CATEGORIES: tuple[str, ...] = (
    "untranslated",
    "agreement",
    "terminology",
    "boilerplate",
    "duplication",
    "truncation",
    "fidelity",
    "spelling",
    "typography",
    "fluency",
)


class Severity(str, Enum):
    """Severity of a finding. Ordered: ``info < warning < error``."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return {"info": 1, "warning": 2, "error": 3}[self.value]

    @classmethod
    def parse(cls, value: str | Severity) -> Severity:
        if isinstance(value, Severity):
            return value
        try:
            return cls(str(value).lower())
        except ValueError:
            raise ValueError(f"unknown severity {value!r} (use error, warning or info)") from None


@dataclass(frozen=True)
class Segment:
    """A paragraph or sentence of a document, with exact offsets and its language."""

    index: int
    start: int
    end: int
    kind: str = "paragraph"  # paragraph | heading | list-item | sentence | unit
    language: str = "und"
    confidence: float = 0.0
    parent: int | None = None  # for sentences: index of the paragraph
    id: str | None = None  # segment id in bilingual formats (XLIFF unit id, PO msgid, line number)
    source: str | None = None  # aligned source text, when known
    refs: tuple[str, ...] = ()  # aligned reference translations, when known
    line: int | None = None  # 1-based line of the segment start (filled by Document)


class Advice(str):
    """A suggestion that is a sentence for the reader ("remove the repeat", "translate"), not
    text to put in place of the flagged span. Rules pass it among their suggestions; an
    :class:`Issue` keeps it apart, in ``advice``."""

    __slots__ = ()


@dataclass(frozen=True)
class Issue:
    """One finding. ``text`` is always ``document.text[start:end]``.

    A suggestion has a kind: ``suggestions`` holds replacements (text that can be put in place
    of the span, what ``--fix`` applies), ``advice`` holds sentences for the reader. Suggestions
    given as :class:`Advice` are moved to ``advice`` when the issue is made."""

    rule: str
    name: str
    category: str
    severity: Severity
    message: str
    start: int
    end: int
    line: int
    column: int
    text: str
    suggestions: tuple[str, ...] = ()
    confidence: float | None = None
    segment: int | None = None  # index of the paragraph segment holding the start
    segment_id: str | None = None
    related: dict[str, Any] | None = None  # e.g. the first occurrence of a duplicate
    data: dict[str, Any] = field(default_factory=dict)
    advice: tuple[str, ...] = ()  # sentences for the reader ("remove the repeat")

    def __post_init__(self) -> None:
        if any(isinstance(x, Advice) for x in self.suggestions):
            object.__setattr__(self, "advice", (*self.advice, *(str(x) for x in self.suggestions if isinstance(x, Advice))))
            object.__setattr__(self, "suggestions", tuple(x for x in self.suggestions if not isinstance(x, Advice)))

    @property
    def replacement(self) -> str | None:
        """The one replacement of the span, or ``None`` when there is none or a choice."""
        return self.suggestions[0] if len(self.suggestions) == 1 else None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "rule": self.rule,
            "name": self.name,
            "category": self.category,
            "severity": self.severity.value,
            "message": self.message,
            "start": self.start,
            "end": self.end,
            "line": self.line,
            "column": self.column,
            "text": self.text,
            "suggestions": list(self.suggestions),
        }
        if self.advice:
            out["advice"] = list(self.advice)
        if self.confidence is not None:
            out["confidence"] = round(float(self.confidence), 3)
        if self.segment is not None:
            out["segment"] = self.segment
        if self.segment_id is not None:
            out["segment_id"] = self.segment_id
        if self.related:
            out["related"] = self.related
        if self.data:
            out["data"] = self.data
        return out


@dataclass(frozen=True)
class ViewRun:
    """A run of the view whose characters moved: the text span of each of them."""

    start: int
    end: int
    starts: tuple[int, ...]
    ends: tuple[int, ...]


class ViewMap(list):
    """The compacted runs of a view (:class:`ViewRun`, sorted by start), found by position."""

    _firsts: list[int] | None = None

    def run_at(self, pos: int) -> ViewRun | None:
        if self._firsts is None or len(self._firsts) != len(self):
            self._firsts = [r.start for r in self]
        i = bisect.bisect_right(self._firsts, pos) - 1
        return self[i] if i >= 0 and self[i].start <= pos < self[i].end else None


def snap(runs: list[ViewRun], start: int, end: int) -> tuple[int, int]:
    """Text offsets of a view span, for views whose escapes were compacted.

    Outside compacted runs view and text offsets agree; inside one, each view character maps to
    the text span it came from (an escape maps to the whole escape), and the padding at the end
    of a run to the run's end."""
    vm = runs if isinstance(runs, ViewMap) else ViewMap(runs)
    r = vm.run_at(start)
    new_start = start if r is None else (r.starts[start - r.start] if start - r.start < len(r.starts) else r.end)
    if end <= start:
        return new_start, new_start
    r = vm.run_at(end - 1)
    new_end = end if r is None else (r.ends[end - 1 - r.start] if end - 1 - r.start < len(r.ends) else r.end)
    return new_start, max(new_start, new_end)


class Document:
    """A text to check, with its segmentation.

    ``text`` is the decoded file. ``view`` is an analysis copy of the same length in which markup
    that is not prose (Markdown code, link targets, XML tags, ...) is blanked with spaces, so that
    rules read prose only while every offset stays valid for ``text``.
    """

    def __init__(
        self,
        text: str,
        path: str = "<text>",
        *,
        view: str | None = None,
        paragraphs: list[Segment] | None = None,
        source_language: str | None = None,
        fmt: str = "txt",
        meta: dict[str, Any] | None = None,
        doc_id: str | None = None,
    ) -> None:
        if view is not None and len(view) != len(text):
            raise ValueError("document view must have the same length as the text")
        self.text = text
        self.view = view if view is not None else text
        self.path = path
        self.doc_id = doc_id  # a document inside a multi-document file (doc-id file, XLIFF <file>)
        self.format = fmt
        self.source_language = source_language
        self.target_language: str = "und"
        self.meta: dict[str, Any] = dict(meta or {})
        self._line_starts = _line_starts(text)
        if paragraphs is None:
            from .segment import split_paragraphs

            paragraphs = split_paragraphs(self.view)
        self.paragraphs: list[Segment] = [self._with_line(p) for p in paragraphs]
        from .segment import split_sentences

        self.sentences: list[Segment] = []
        for p in self.paragraphs:
            for s, e in split_sentences(self.view, p.start, p.end):
                self.sentences.append(
                    Segment(len(self.sentences), s, e, "sentence", parent=p.index, line=self.line_of(s))
                )
        # caches filled lazily by the engine (parses, word lists)
        self.cache: dict[str, Any] = {}

    # -- positions ----------------------------------------------------------------------------
    def _with_line(self, seg: Segment) -> Segment:
        if seg.line is not None:
            return seg
        return Segment(
            seg.index, seg.start, seg.end, seg.kind, seg.language, seg.confidence, seg.parent,
            seg.id, seg.source, seg.refs, self.line_of(seg.start),
        )

    def line_of(self, offset: int) -> int:
        return bisect.bisect_right(self._line_starts, offset)

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a code-point offset."""
        line = bisect.bisect_right(self._line_starts, offset)
        return line, offset - self._line_starts[line - 1] + 1

    def text_span(self, start: int, end: int) -> tuple[int, int]:
        """Offsets into ``text`` of a span of ``view``: the same, unless the reader compacted
        escapes in the view (``meta["view_map"]``), whose spans then map back to the escapes."""
        view_map = self.meta.get("view_map")
        return snap(view_map, start, end) if view_map else (start, end)

    def paragraph_at(self, offset: int) -> Segment | None:
        starts = self.cache.get("paragraph-starts")
        if starts is None or len(starts) != len(self.paragraphs):
            starts = self.cache["paragraph-starts"] = [p.start for p in self.paragraphs]
        i = bisect.bisect_right(starts, offset) - 1
        if 0 <= i < len(self.paragraphs) and self.paragraphs[i].start <= offset < max(
            self.paragraphs[i].end, self.paragraphs[i].start + 1
        ):
            return self.paragraphs[i]
        return None

    def finditer(self, pattern: Any) -> Iterator[Any]:
        """Matches of a compiled pattern in the view, paragraph by paragraph. Scanning the whole
        view would also cross the blank lines between paragraphs and, for documents cut from a
        larger file (doc ids, XLIFF files), walk the blanked rest of that file every time."""
        for p in self.paragraphs:
            yield from pattern.finditer(self.view, p.start, p.end)

    def sentences_of(self, paragraph: Segment) -> list[Segment]:
        return [s for s in self.sentences if s.parent == paragraph.index]

    @property
    def key(self) -> str:
        return self.path if self.doc_id is None else f"{self.path}#{self.doc_id}"

    @property
    def has_source(self) -> bool:
        return any(p.source is not None for p in self.paragraphs)

    @property
    def has_refs(self) -> bool:
        return any(p.refs for p in self.paragraphs)

    @property
    def word_count(self) -> int:
        if "word_count" not in self.cache:
            from .segment import count_words

            self.cache["word_count"] = sum(count_words(self.view[p.start : p.end]) for p in self.paragraphs)
        return self.cache["word_count"]

    def set_languages(self, paragraphs: list[Segment], sentences: list[Segment]) -> None:
        self.paragraphs = paragraphs
        self.sentences = sentences


_BREAK = re.compile(r"\r\n|\r|\n")


_last_lines: tuple[str | None, list[int]] = (None, [0])


def _line_starts(text: str) -> list[int]:
    """Offsets where lines start (shared, read-only, by documents cut from the same text)."""
    global _last_lines
    if _last_lines[0] is not text:
        _last_lines = (text, [0, *(m.end() for m in _BREAK.finditer(text))])
    return _last_lines[1]


@dataclass
class DocumentResult:
    """What checking one document produced."""

    path: str
    target_language: str
    word_count: int
    segments: list[Segment]
    sentences: list[Segment]
    issues: list[Issue]
    scores: dict[str, Any] | None = None
    quality: dict[str, Any] | None = None
    gate_failures: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    text: str | None = None  # kept for formatters that show context (terminal, html)
    format: str = "txt"
    doc_id: str | None = None
    declared_language: str | None = None  # given by --lang or declared by the file, not detected

    @property
    def key(self) -> str:
        return self.path if self.doc_id is None else f"{self.path}#{self.doc_id}"


@dataclass
class InputError:
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


@dataclass
class Report:
    documents: list[DocumentResult]  # or a mtqa.store.DocumentStore in a big run
    errors: list[InputError] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    corpus_scores: dict[str, Any] | None = None
    fail_on: Severity | None = Severity.ERROR
    rules_used: list[Any] = field(default_factory=list)  # rule classes, for SARIF and docs

    @property
    def issues(self) -> list[Issue]:
        return [i for d in self.documents for i in d.issues]

    def iter_issues(self) -> Iterator[Issue]:
        """Every finding in document order, without holding them all (the documents may be
        spooled to disk: :class:`mtqa.store.DocumentStore`)."""
        for d in self.documents:
            yield from d.issues

    @property
    def passed(self) -> bool:
        return all(not d.gate_failures for d in self.documents)

    @property
    def exit_code(self) -> int:
        if self.errors:
            return 2
        return 0 if self.passed else 1
