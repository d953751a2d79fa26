"""The rule base classes.

A rule is a small class with a code (``MTQ401``), a readable name (``boilerplate``), a category
from the report contract, a default severity, what it requires, and ``check()`` yielding issues.
Its docstring is its documentation, in fixed sections (see :data:`DOC_SECTIONS`); ``mtqa explain``
renders it and a test fails when a rule lacks a section or an example.
"""

from __future__ import annotations

import inspect
import re
import textwrap
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, ClassVar

from ..model import CATEGORIES, Document, Issue, Severity

if TYPE_CHECKING:
    from .context import Context

DOC_SECTIONS = ("What it does", "Why it matters", "Example", "Options", "Known limits")

# Requirements a rule may declare. "nlp" needs a spaCy pipeline for the target language; "morph",
# "ner" and "lemma" name the components it reads (the entity recogniser and the lemmatiser are
# slow and only loaded when a rule asks); "source" and "reference" need aligned texts.
REQUIREMENTS = {"nlp", "morph", "ner", "lemma", "source", "reference", "lexicon", "wordfreq"}


class Rule:
    code: ClassVar[str]
    name: ClassVar[str]
    category: ClassVar[str]
    severity: ClassVar[Severity] = Severity.WARNING
    requires: ClassVar[frozenset[str]] = frozenset()
    languages: ClassVar[frozenset[str] | None] = None  # None: any target language
    scope: ClassVar[str] = "document"  # "document" or "corpus"
    default_enabled: ClassVar[bool] = True
    options: ClassVar[dict[str, Any]] = {}

    def __init__(self, options: dict[str, Any] | None = None, severity: Severity | None = None) -> None:
        unknown = set(options or {}) - set(self.options)
        if unknown:
            from ..errors import ConfigError

            raise ConfigError(f"{self.code}: unknown option(s) {', '.join(sorted(unknown))}")
        self.opts: dict[str, Any] = {**self.options, **(options or {})}
        self.effective_severity = severity or self.severity

    # -- hooks --------------------------------------------------------------------------------
    def applies_to(self, doc: Document) -> bool:
        return self.languages is None or doc.target_language in self.languages

    def check(self, doc: Document, ctx: Context) -> Iterable[Issue]:
        raise NotImplementedError

    # -- helpers ------------------------------------------------------------------------------
    def issue(
        self,
        doc: Document,
        start: int,
        end: int,
        message: str,
        suggestions: Iterable[str] = (),
        *,
        severity: Severity | None = None,
        confidence: float | None = None,
        related: dict[str, Any] | None = None,
        **data: Any,
    ) -> Issue:
        if not (0 <= start <= end <= len(doc.text)):
            raise ValueError(f"{self.code}: span {start}:{end} outside the text")
        start, end = doc.text_span(start, end)  # escapes compacted in the view map back to the text
        line, column = doc.position(start)
        para = doc.paragraph_at(start)
        return Issue(
            rule=self.code,
            name=self.name,
            category=self.category,
            severity=severity or self.effective_severity,
            message=message,
            start=start,
            end=end,
            line=line,
            column=column,
            text=doc.text[start:end],
            suggestions=tuple(dict.fromkeys(s for s in suggestions if s is not None)),
            confidence=confidence,
            segment=para.index if para else None,
            segment_id=para.id if para else None,
            related=related,
            data=data,
        )

    @classmethod
    def doc_sections(cls) -> dict[str, str]:
        return parse_doc(inspect.getdoc(cls) or "")

    @classmethod
    def summary(cls) -> str:
        text = inspect.getdoc(cls) or ""
        return text.strip().splitlines()[0] if text.strip() else ""

    @classmethod
    def meta(cls) -> dict[str, Any]:
        return {
            "code": cls.code,
            "name": cls.name,
            "category": cls.category,
            "severity": cls.severity.value,
            "requires": sorted(cls.requires),
            "languages": sorted(cls.languages) if cls.languages else None,
            "scope": cls.scope,
            "enabled": cls.default_enabled,
            "summary": cls.summary(),
        }


class CorpusRule(Rule):
    """A rule over all documents of a run.

    Per document, ``payload`` reduces the document to the compact, picklable facts the rule needs
    (it may run in a worker process), and ``absorb`` adds them to the rule's state in the main
    process, in document order; ``finish`` yields ``(document key, issue)`` pairs once every
    document has been seen.
    """

    scope: ClassVar[str] = "corpus"

    def check(self, doc: Document, ctx: Context) -> Iterable[Issue]:  # pragma: no cover - unused
        return ()

    def payload(self, doc: Document, ctx: Context) -> Any:
        raise NotImplementedError

    def absorb(self, payload: Any, ctx: Context) -> None:
        raise NotImplementedError

    def collect(self, doc: Document, ctx: Context) -> None:
        self.absorb(self.payload(doc, ctx), ctx)

    def finish(self, ctx: Context) -> Iterator[tuple[str, Issue]]:
        raise NotImplementedError


_SECTION_RE = re.compile(r"^(%s)\s*:?\s*$" % "|".join(map(re.escape, DOC_SECTIONS)), re.M)


def parse_doc(doc: str) -> dict[str, str]:
    """Split a rule docstring into its sections; text before the first heading is the summary."""
    out: dict[str, str] = {}
    parts = _SECTION_RE.split(doc)
    out["summary"] = parts[0].strip()
    for i in range(1, len(parts) - 1, 2):
        out[parts[i]] = textwrap.dedent(parts[i + 1]).strip()
    return out


def validate_rule_class(cls: type[Rule]) -> list[str]:
    """Problems with a rule class's metadata or documentation (empty list when fine)."""
    problems = []
    if not re.fullmatch(r"[A-Z]{2,5}\d{3}", getattr(cls, "code", "")):
        problems.append(f"{cls.__name__}: code must look like MTQ123")
    if not re.fullmatch(r"[a-z][a-z0-9-]*", getattr(cls, "name", "")):
        problems.append(f"{cls.__name__}: name must be kebab-case")
    if getattr(cls, "category", None) not in CATEGORIES:
        problems.append(f"{cls.__name__}: unknown category {getattr(cls, 'category', None)!r}")
    bad_req = set(cls.requires) - REQUIREMENTS
    if bad_req:
        problems.append(f"{cls.__name__}: unknown requirements {sorted(bad_req)}")
    sections = cls.doc_sections()
    for s in DOC_SECTIONS:
        if not sections.get(s):
            problems.append(f"{cls.code}: documentation lacks the section {s!r}")
    ex = sections.get("Example", "")
    if ex and not (re.search(r"(?im)^\s*(flagged|bad)\b", ex) and re.search(r"(?im)^\s*(better|good)\b", ex)):
        problems.append(f"{cls.code}: the Example section needs a 'Flagged:' and a 'Better:' line")
    return problems
