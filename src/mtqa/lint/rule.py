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
from dataclasses import dataclass
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
    def example(cls) -> Example:
        """The docstring's Example section, parsed (ValueError when it does not follow the syntax)."""
        return parse_example(cls.doc_sections().get("Example", ""))

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


@dataclass(frozen=True)
class Example:
    """A rule's docstring example, parsed: texts the rule must flag and leave alone, with what
    it needs to run (an aligned source, glossary rows, the other documents of a batch).

    The ``Example`` section is a list of fields, ``Key: ``literal````; a field continues on the
    lines that start with another literal, and several literals are the lines of one text:

    - ``Flagged:`` the text the rule flags; ``Better:`` the corrected text, which it leaves alone;
    - ``Flags:`` the exact flagged spans of the Flagged text, in order (optional);
    - ``Source (de):`` the aligned source, one literal per line of the texts or one for all of
      them; the language in parentheses is the source language (as ``--source-lang``);
    - ``Glossary:`` glossary rows as the CSV a user gives (``source,target,forbidden,note``);
    - ``Document:`` another document of the same run, for corpus rules (one field each); the
      Flagged and Better texts are the last document of the run.

    A line that starts with neither a field nor a literal is a comment for the reader.
    """

    flagged: str
    better: str
    flags: tuple[str, ...] | None = None
    source: tuple[str, ...] = ()
    source_lang: str | None = None
    glossary: tuple[str, ...] = ()
    documents: tuple[str, ...] = ()


EXAMPLE_FIELDS = ("Flagged", "Better", "Flags", "Source", "Glossary", "Document")
_FIELD_RE = re.compile(r"^(%s)(?:\s*\((\w[\w-]*)\))?\s*:(.*)$" % "|".join(EXAMPLE_FIELDS))
_LITERAL_RE = re.compile(r"``(.+?)``")


def _literals(line: str, where: str) -> list[str]:
    found = _LITERAL_RE.findall(line)
    if not found or _LITERAL_RE.sub("", line).strip():
        raise ValueError(f"{where}: a field holds only ``literal`` texts, got {line.strip()!r}")
    return found


def parse_example(section: str) -> Example:
    """Parse an ``Example`` section (see :class:`Example`); a ValueError says what is wrong."""
    fields: list[tuple[str, str | None, list[str]]] = []
    for raw in section.splitlines():
        line = raw.strip()
        m = _FIELD_RE.match(line)
        if m:
            fields.append((m.group(1), m.group(2), _literals(m.group(3), m.group(1))))
        elif line.startswith("``"):
            if not fields:
                raise ValueError(f"a literal before any field: {line!r}")
            fields[-1][2].extend(_literals(line, fields[-1][0]))
    single: dict[str, tuple[str | None, list[str]]] = {}
    glossary: list[str] = []
    documents: list[str] = []
    for key, arg, values in fields:
        if arg is not None and key != "Source":
            raise ValueError(f"{key}: only Source takes a language in parentheses")
        if key == "Glossary":
            glossary.extend(values)
        elif key == "Document":
            documents.append("\n".join(values))
        elif key in single:
            raise ValueError(f"two {key} fields")
        else:
            single[key] = (arg, values)
    if "Flagged" not in single or "Better" not in single:
        raise ValueError("the Example section needs a 'Flagged:' and a 'Better:' field")
    source_lang, source = single.get("Source", (None, []))
    flagged, better = ("\n".join(single[k][1]) for k in ("Flagged", "Better"))
    if len(source) > 1 and not len(source) == flagged.count("\n") + 1 == better.count("\n") + 1:
        raise ValueError("Source: one literal for every line, or one per line of the Flagged and Better texts")
    return Example(
        flagged=flagged,
        better=better,
        flags=tuple(single["Flags"][1]) if "Flags" in single else None,
        source=tuple(source),
        source_lang=source_lang,
        glossary=tuple(glossary),
        documents=tuple(documents),
    )


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
    if ex:
        try:
            parse_example(ex)
        except ValueError as exc:
            problems.append(f"{cls.code}: Example section: {exc}")
    return problems
