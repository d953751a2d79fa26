"""Inline suppression: silence findings in the text itself, with each format's comment syntax.

- HTML and Markdown: ``<!-- mtqa-disable MTQ401 -->`` … ``<!-- mtqa-enable -->`` (several
  rules separated by spaces or commas; none: every rule; ``mtqa-enable MTQ401`` re-enables only
  that one), and ``<!-- mtqa-disable-next-line MTQ410 -->`` for the next non-blank line.
- XLIFF and TMX: ``<note>mtqa: ignore MTQ201</note>`` inside a unit (``<trans-unit>``,
  ``<unit>``, ``<tu>``) silences the findings of that unit.
- PO: a translator comment ``# mtqa: ignore MTQ201`` silences the findings of its entry.

Rules are named as ``--select`` names them: codes, code prefixes, names or categories. A
directive that silenced nothing is listed with ``--report-unused-suppressions``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .model import Report
from .store import update_documents

_COMMENT = re.compile(r"<!--\s*mtqa-(disable-next-line|disable|enable)(?![\w-])([^>]*?)\s*-->")
_NOTE = re.compile(r"<note\b[^>]*>\s*mtqa:\s*ignore(?![\w-])([^<]*)</note>", re.I)
_UNIT_OPEN = re.compile(r"<(trans-unit|unit|tu)\b[^>]*>")
_PO_COMMENT = re.compile(r"^#[ \t]*mtqa:[ \t]*ignore(?![\w-])([^\r\n]*)$", re.M)
_BLANK_LINE = re.compile(r"\n[ \t]*\r?\n")

COMMENT_FORMATS = ("html", "markdown")
NOTE_FORMATS = ("xliff", "tmx")


@dataclass
class Directive:
    """One suppression: the rules it names (empty: all) and the offsets it covers."""

    path: str
    line: int
    written: str
    rules: tuple[str, ...]
    start: int
    end: int
    used: int = 0

    def covers(self, rule: str, offset: int) -> bool:
        if not self.start <= offset < self.end:
            return False
        return not self.rules or any(_matches(rule, token) for token in self.rules)


def _matches(code: str, token: str) -> bool:
    from .lint.registry import get_rule, matches

    try:
        return matches(get_rule(code), token)
    except Exception:  # a rule of a plugin that is gone: match by code only
        return code.upper().startswith(token.upper())


def _rules(spec: str) -> tuple[str, ...]:
    return tuple(t for t in re.split(r"[\s,]+", spec.strip()) if t)


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def directives(text: str, fmt: str, path: str = "") -> list[Directive]:
    """The suppression directives of a file's text (offsets in that text)."""
    if fmt in COMMENT_FORMATS:
        return _comment_directives(text, path)
    if fmt in NOTE_FORMATS:
        return _note_directives(text, path)
    if fmt == "po":
        return _po_directives(text, path)
    return []


def _comment_directives(text: str, path: str) -> list[Directive]:
    out: list[Directive] = []
    open_: list[Directive] = []
    for m in _COMMENT.finditer(text):
        kind, rules = m.group(1), _rules(m.group(2))
        line = _line(text, m.start())
        if kind == "disable-next-line":
            nxt = text.find("\n", m.end())
            start = nxt + 1 if nxt >= 0 else len(text)
            while start < len(text) and text[start] in " \t\r\n":  # the next non-blank line
                start += 1
            end = text.find("\n", start)
            out.append(Directive(path, line, m.group(), rules, start, len(text) if end < 0 else end))
        elif kind == "disable":
            d = Directive(path, line, m.group(), rules, m.end(), len(text))
            open_.append(d)
            out.append(d)
        else:  # enable: close the regions it names (all when it names none)
            for d in list(open_):
                if not rules or set(d.rules) & set(rules) or not d.rules:
                    d.end = m.start()
                    open_.remove(d)
    return out


def _note_directives(text: str, path: str) -> list[Directive]:
    out = []
    for m in _NOTE.finditer(text):
        opening = None
        for o in _UNIT_OPEN.finditer(text, 0, m.start()):
            opening = o
        if opening is None:
            continue
        close = text.find(f"</{opening.group(1)}>", m.end())
        end = len(text) if close < 0 else close
        out.append(Directive(path, _line(text, m.start()), m.group(), _rules(m.group(1)), opening.start(), end))
    return out


def _po_directives(text: str, path: str) -> list[Directive]:
    out = []
    for m in _PO_COMMENT.finditer(text):
        blank = _BLANK_LINE.search(text, m.end())
        end = len(text) if blank is None else blank.start()
        out.append(Directive(path, _line(text, m.start()), m.group().strip(), _rules(m.group(1)), m.start(), end))
    return out


def apply(report: Report, *, report_unused: bool = False) -> list[Directive]:
    """Drop the findings that a directive of their file covers; a notice says how many. With
    ``report_unused``, every directive that silenced nothing gets a notice. Returns the
    directives found."""
    by_path: dict[str, list[Directive]] = {}  # the directives of each file, read from its first document
    found: list[Directive] = []
    silenced = 0

    def apply_one(doc) -> None:
        nonlocal silenced
        if doc.path not in by_path:
            by_path[doc.path] = directives(doc.text, doc.format, doc.path) if doc.text else []
            found.extend(by_path[doc.path])
        ds = by_path[doc.path]
        if not ds:
            return
        kept = []
        for issue in doc.issues:
            hit = [x for x in ds if x.covers(issue.rule, issue.start)]
            for x in hit:
                x.used += 1
            if hit:
                silenced += 1
            else:
                kept.append(issue)
        doc.issues = kept

    update_documents(report.documents, apply_one)
    if silenced:
        report.notices.append(f"{silenced} finding{'s' if silenced != 1 else ''} silenced by inline suppressions")
    if report_unused:
        for x in found:
            if not x.used:
                report.notices.append(f"{x.path}:{x.line}: unused suppression {x.written!r}: it silenced nothing")
    return found
