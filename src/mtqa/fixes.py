"""Fixes, as ruff applies them: ``mtqa check --diff`` shows them, ``--fix`` writes them.

A finding can be fixed when it has exactly one replacement (``Issue.replacement``). The fix is
*safe* when its rule's measured precision for the document's language is high enough
(:func:`mtqa.precision.safe_to_fix`); other replacements, and the first of several, are applied
only with ``--unsafe-fixes``.

Fixes touch only the flagged spans of target text: a span that holds markup (an XML tag or
entity, a PO escape, Markdown syntax) or a line break is left alone, and the replacement is
escaped as the format needs (``&``, ``<``, ``>`` in XML; ``\\`` and ``"`` in PO). Overlapping fixes
keep the first. The fixed text is checked again, and a fix that creates a finding that was not
there before is dropped (and the text fixed again without it), so ``--fix`` never trades one
finding for another. Files are written atomically in their own encoding, byte-order mark kept.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from . import readers
from .config import Config
from .model import DocumentResult, Issue, Report

# formats --fix can write, and how a replacement is escaped in each
FIXABLE_FORMATS = ("txt", "markdown", "xliff", "po", "tmx", "html")
_XML = ("xliff", "tmx", "html")
_MARKDOWN_SYNTAX = set("*_`[]<>#|\\")
# a finding that appears after fixing is blamed on the nearest fix within this many characters
BLAME_CHARS = 200


@dataclass(frozen=True)
class Fix:
    """A replacement of ``text[start:end]`` (offsets in the decoded file)."""

    start: int
    end: int
    old: str
    new: str  # as written in the file (escaped for its format)
    rule: str
    safe: bool
    line: int = 0
    column: int = 0


@dataclass
class FileFixes:
    """What fixing one file gives: the fixed text and the fixes applied or left out (with why)."""

    path: str
    text: str
    fixed: str
    codec: str
    bom: bytes
    applied: list[Fix] = field(default_factory=list)
    dropped: list[tuple[Fix, str]] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return self.fixed != self.text

    def diff(self) -> str:
        """A unified diff of the file before and after its fixes."""
        a = self.text.splitlines(keepends=True)
        b = self.fixed.splitlines(keepends=True)
        return "".join(_ensure_newlines(difflib.unified_diff(a, b, fromfile=f"a/{self.path}", tofile=f"b/{self.path}")))

    def encoded(self) -> bytes:
        return self.bom + self.fixed.encode(self.codec)


def _ensure_newlines(lines: Iterable[str]) -> Iterable[str]:
    for line in lines:
        yield line if line.endswith(("\n", "\r")) else line + "\n\\ No newline at end of file\n"


def escape(text: str, fmt: str) -> str:
    if fmt in _XML:
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if fmt == "po":
        return text.replace("\\", "\\\\").replace('"', '\\"')
    return text


def _why_not(issue: Issue, text: str, fmt: str) -> str | None:
    """Why the span of ``issue`` cannot be rewritten in a file of format ``fmt`` (None: it can)."""
    span = text[issue.start : issue.end]
    if span != issue.text or not span:
        return "the span is empty or the file changed since the check"
    if "\n" in span or "\r" in span or "\n" in (issue.replacement or ""):
        return "the span or its replacement crosses a line break"
    if fmt in _XML and any(c in span for c in "<>&"):
        return "the span holds markup"
    if fmt == "po" and any(c in span for c in '\\"'):
        return "the span holds an escape"
    if fmt == "markdown" and (_MARKDOWN_SYNTAX & set(span) or _MARKDOWN_SYNTAX & set(issue.replacement or "")):
        return "the span or its replacement holds Markdown syntax"
    return None


def candidates(doc: DocumentResult, text: str, fmt: str, *, unsafe: bool) -> tuple[list[Fix], list[tuple[Fix, str]]]:
    """The fixes of one document's findings, and those left out with the reason."""
    from .precision import safe_to_fix

    out: list[Fix] = []
    left: list[tuple[Fix, str]] = []
    for issue in doc.issues:
        if not issue.suggestions:
            continue
        repl = issue.replacement
        safe = repl is not None and safe_to_fix(issue.rule, doc.target_language)
        new = repl if repl is not None else issue.suggestions[0]
        fix = Fix(issue.start, issue.end, issue.text, escape(new, fmt), issue.rule, safe, issue.line, issue.column)
        if new == issue.text:
            continue
        why = _why_not(replace(issue, suggestions=(new,)), text, fmt)
        if why:
            left.append((fix, why))
        elif not safe and not unsafe:
            left.append((fix, "unsafe: " + ("several replacements" if repl is None else "rule precision below the safe-fix threshold")))
        else:
            out.append(fix)
    return out, left


def apply(text: str, fixes: list[Fix]) -> tuple[str, list[Fix], list[Fix]]:
    """``text`` with the fixes applied (sorted, overlapping ones after the first left out):
    (fixed text, applied, overlapping)."""
    applied: list[Fix] = []
    overlapping: list[Fix] = []
    parts: list[str] = []
    pos = 0
    for f in sorted(fixes, key=lambda f: (f.start, f.end, f.rule)):
        if f.start < pos or (applied and f.start == pos and f.start == f.end):
            overlapping.append(f)
            continue
        parts.append(text[pos : f.start])
        parts.append(f.new)
        pos = f.end
        applied.append(f)
    parts.append(text[pos:])
    return "".join(parts), applied, overlapping


def _new_span(applied: list[Fix]) -> list[tuple[int, int, Fix]]:
    """Where each applied fix lies in the fixed text."""
    out, delta = [], 0
    for f in applied:
        s = f.start + delta
        out.append((s, s + len(f.new), f))
        delta += len(f.new) - (f.end - f.start)
    return out


def _to_old(offset: int, spans: list[tuple[int, int, Fix]]) -> int:
    """An offset of the fixed text mapped back to the original text."""
    delta = 0
    for s, e, f in spans:
        if offset < s:
            break
        if offset < e:
            return f.start
        delta = e - f.end
    return offset - delta


def _document_findings(report: Report) -> list[Issue]:
    from .lint.registry import get_rule

    return [i for d in report.documents for i in d.issues if get_rule(i.rule).scope == "document"]


def _recheck(text: str, path: str, fmt: str, config: Config) -> list[Issue]:
    from .api import check_text

    return _document_findings(check_text(text, config, path=path, fmt=fmt))


def fix_file(path: str, docs: list[DocumentResult], config: Config, *, unsafe: bool = False, encoding: str | None = None,
             fmt: str | None = None, max_rounds: int = 4) -> FileFixes | None:
    """The fixes of one file's findings, re-checked; ``None`` when the file's format cannot be
    fixed. Nothing is written."""
    name, _ = readers.reader_for(path, fmt)
    if name not in FIXABLE_FORMATS:
        return None
    raw = readers.read_bytes(path)
    text, codec, bom = readers.decode_info(raw, path, encoding)
    result = FileFixes(path, text, text, codec, bom)
    if any(d.text is not None and d.text != text for d in docs):
        result.dropped = [(Fix(0, 0, "", "", "-", False), "the file changed since it was checked")]
        return result
    wanted: list[Fix] = []
    for d in docs:
        ok, left = candidates(d, text, name, unsafe=unsafe)
        wanted.extend(ok)
        result.dropped.extend(left)
    if not wanted:
        return result
    from .lint.registry import get_rule

    before = {(i.rule, i.start, i.end) for d in docs for i in d.issues if get_rule(i.rule).scope == "document"}
    fmt_name = name
    for _ in range(max_rounds):
        fixed, applied, overlapping = apply(text, wanted)
        for f in overlapping:
            result.dropped.append((f, "overlaps another fix"))
        wanted = applied
        spans = _new_span(applied)
        guilty: dict[Fix, str] = {}
        for issue in _recheck(fixed, path, fmt_name, config):
            old_start, old_end = _to_old(issue.start, spans), _to_old(issue.end, spans)
            own = [f for s, e, f in spans if f.rule == issue.rule and s <= issue.start < max(e, s + 1)]
            if own:  # the fixed text still has the finding the fix was for
                for f in own:
                    guilty.setdefault(f, f"does not settle its finding ({issue.message})")
                continue
            if (issue.rule, old_start, old_end) in before:
                continue  # there before the fixes
            # the nearest fix (or fixes, at the same distance) is taken to have caused it
            gaps = [(max(0, s - issue.end, issue.start - e), f) for s, e, f in spans]
            near = [(g, f) for g, f in gaps if g <= BLAME_CHARS]
            if near:
                best = min(g for g, _ in near)
                for g, f in near:
                    if g == best:
                        guilty.setdefault(f, f"would create a new finding: {issue.rule} {issue.message}")
        if not guilty:
            result.fixed, result.applied = fixed, applied
            return result
        for f in sorted(guilty, key=lambda f: f.start):
            result.dropped.append((f, guilty[f]))
        wanted = [f for f in wanted if f not in guilty]
        if not wanted:
            return result
    return result


def fix_report(report: Report, config: Config, *, unsafe: bool = False, encoding: str | None = None, fmt: str | None = None) -> list[FileFixes]:
    """The fixes of every file of a report (files in report order; stdin is never fixed)."""
    by_path: dict[str, list[DocumentResult]] = {}
    for d in report.documents:
        if d.path.startswith("<"):
            continue
        by_path.setdefault(d.path, []).append(d)
    out = []
    for path, docs in by_path.items():
        if docs and docs[0].format == "lines":
            continue  # line-aligned files read with --source/--ref: not rewritten
        ff = fix_file(path, docs, config, unsafe=unsafe, encoding=encoding, fmt=fmt)
        if ff is not None:
            out.append(ff)
    return out


def write(fixes: list[FileFixes]) -> int:
    """Write every changed file atomically, keeping its encoding and mode; the number written."""
    from .fsutil import atomic_write

    n = 0
    for ff in fixes:
        if ff.changed:
            atomic_write(ff.path, ff.encoded(), what="fixed file")
            n += 1
    return n


def check_fix_options(paths: list[str], *, source: str | None, refs: list[str] | None, docids: str | None) -> None:
    """Usage errors of ``--fix`` / ``--diff``, before any work."""
    from .errors import ConfigError

    if "-" in paths:
        raise ConfigError("--fix and --diff rewrite files: they do not read stdin")
    if source or refs or docids:
        raise ConfigError("--fix and --diff do not combine with --source, --ref or --docids (line-aligned files are not rewritten)")


def run_fixes(report: Report, config: Config, *, write_files: bool, unsafe: bool, encoding: str | None, fmt: str | None,
              rerun) -> tuple[Report, list[str], str]:
    """Fix (or, without ``write_files``, only diff) every file of ``report``.

    Returns the report of what remains (``rerun()`` after writing, else ``report``), one-line
    messages for stderr and the unified diff of every changed file."""
    results = fix_report(report, config, unsafe=unsafe, encoding=encoding, fmt=fmt)
    diff = "".join(ff.diff() for ff in results if ff.changed)
    applied = sum(len(ff.applied) for ff in results)
    files = sum(1 for ff in results if ff.changed)
    lines = []
    left = [(ff.path, f, why) for ff in results for f, why in ff.dropped if not why.startswith("unsafe")]
    unsafe_left = sum(1 for ff in results for _, why in ff.dropped if why.startswith("unsafe"))
    for path, f, why in left:
        if f.rule != "-":
            lines.append(f"{path}:{f.line}:{f.column}: {f.rule} fix '{f.old}' -> '{f.new}' not applied: {why}")
        else:
            lines.append(f"{path}: not fixed: {why}")
    verb = "fixed" if write_files else "would fix"
    summary = f"{verb} {applied} finding{'s' if applied != 1 else ''} in {files} file{'s' if files != 1 else ''}"
    if unsafe_left:
        summary += f"; {unsafe_left} more with --unsafe-fixes"
    lines.append(summary)
    if write_files:
        write(results)
        if files:
            report = rerun()
    return report, lines, diff
