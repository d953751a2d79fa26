"""Bilingual files: TSV and CSV (``source<TAB>target[<TAB>ref]``) and JSON lines
(``{"id", "source", "target", "ref"?}``), plus the view-building helpers every bilingual reader
(XLIFF, PO, TMX, HTML) shares.

Offsets stay offsets into the file. The view starts blank (every character but line breaks
replaced by a space) and only target prose is written back into it: escapes and entities put
their decoded character at their first position and spaces after; markup and placeholders stay
blank. Each target becomes one ``unit`` segment carrying its id, source and references.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ..errors import InputProblem
from ..model import Document, Segment, ViewMap, ViewRun, snap
from ..segment import strip_span
from . import register

_NOT_BREAK = re.compile(r"[^\r\n]")


def blank(text: str) -> str:
    """``text`` with every character except line breaks replaced by a space."""
    return _NOT_BREAK.sub(" ", text)


class ViewBuilder:
    """A same-length analysis copy of a text, blank until prose is written into it."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.chars = list(blank(text))
        self.escapes: list[tuple[int, int, int, int]] = []  # (position, width, value position, value length)

    def copy(self, start: int, end: int) -> str:
        """Write ``text[start:end]`` into the view unchanged; return it."""
        self.chars[start:end] = self.text[start:end]
        return self.text[start:end]

    def put(self, pos: int, width: int, value: str) -> str:
        """Write a decoded ``value`` over a ``width``-long escape at ``pos``.

        The value goes at the escape's first position with spaces after it, except when the
        escape opens a word (blank before it, no blank after it): then it goes at the last
        position, touching the word (``&quot;mot`` reads ``"mot``, ``\\u00c9cole`` ``École``).
        Line breaks and tabs among the decoded characters become spaces: the view keeps its
        line breaks exactly where the text has them."""
        value = value[:width]
        after = pos + width
        if (
            value
            and len(value) < width
            and (pos == 0 or self.chars[pos - 1].isspace())
            and after < len(self.text)
            and not self.text[after].isspace()
            and not value.isspace()
        ):
            pos = after - len(value)
        for k, c in enumerate(value):
            self.chars[pos + k] = " " if c in "\r\n\t\f\v\b" else c
        if value:  # a blanked token (a placeholder) stays a gap
            self.escapes.append((after - width, width, pos, len(value)))
        return value

    def fill(self, start: int, end: int, token: re.Pattern[str] | None, decode: Callable[[re.Match[str]], str]) -> str:
        """Copy ``text[start:end]`` into the view, replacing each ``token`` match by
        ``decode(match)`` (an empty string leaves the token blank). Returns the decoded string."""
        if token is None:
            return self.copy(start, end)
        out: list[str] = []
        pos = start
        for m in token.finditer(self.text, start, end):
            out.append(self.copy(pos, m.start()))
            out.append(self.put(m.start(), m.end() - m.start(), decode(m)))
            pos = m.end()
        out.append(self.copy(pos, end))
        return "".join(out)

    def view(self) -> str:
        return "".join(self.chars)

    def compact(self, spans: Iterable[tuple[int, int]]) -> ViewMap:
        """Close the gaps escapes leave inside words, within each of ``spans``.

        ``S\\u00e9oul`` would read ``Sé     oul`` in the view, two words; in a run of
        non-blank characters of the text holding escapes, the view characters are moved left over
        the escapes' padding so that it reads ``Séoul     ``. Returns the runs with the text offsets
        of each of their view characters, for :func:`mtqa.model.snap`."""
        if not self.escapes:
            return ViewMap()
        import bisect

        escapes = sorted(self.escapes)
        positions = [e[0] for e in escapes]
        text, runs, seen = self.text, ViewMap(), set()
        for a, b in sorted(spans):
            i = bisect.bisect_left(positions, a)
            while i < len(escapes) and escapes[i][0] < b:
                rs = escapes[i][0]
                while rs > a and not text[rs - 1].isspace():
                    rs -= 1
                re_ = escapes[i][0] + escapes[i][1]
                while re_ < b and not text[re_].isspace():
                    re_ += 1
                j = i
                while j < len(escapes) and escapes[j][0] < re_:
                    j += 1
                if rs not in seen:
                    seen.add(rs)
                    runs.append(self._compact_run(rs, re_, escapes[i:j]))
                i = j
        return runs

    def _compact_run(self, rs: int, re_: int, escapes: list[tuple[int, int, int, int]]) -> ViewRun:
        origin: dict[int, tuple[int, int]] = {}  # view position -> text span of its character
        pads: set[int] = set()
        for pos, width, vpos, vlen in escapes:
            for k in range(pos, pos + width):
                if vpos <= k < vpos + vlen:
                    origin[k] = (pos, pos + width)
                else:
                    pads.add(k)
        kept = [k for k in range(rs, re_) if k not in pads]
        self.chars[rs:re_] = [self.chars[k] for k in kept] + [" "] * (re_ - rs - len(kept))
        starts = tuple(origin.get(k, (k, k + 1))[0] for k in kept)
        ends = tuple(origin.get(k, (k, k + 1))[1] for k in kept)
        return ViewRun(rs, re_, starts, ends)


@dataclass
class Unit:
    """One target text of a bilingual file: its raw span in the file and what goes with it."""

    start: int
    end: int
    id: str | None = None
    source: str | None = None
    refs: tuple[str, ...] = ()
    kind: str = "unit"
    group: str | None = None  # the document it belongs to inside a multi-document file


def build_documents(
    text: str,
    path: str,
    vb: ViewBuilder,
    units: Iterable[Unit],
    fmt: str,
    *,
    source_language: str | None = None,
    meta: dict | None = None,
    group_meta: dict[str | None, dict] | None = None,
    split: bool | None = None,
) -> list[Document]:
    """One document per group of units (one per file when there are no groups).

    Documents get their group as ``doc_id`` when ``split`` (default: when there are several
    groups); a reader that knows the file holds several documents says so, so that ids stay
    stable when some of them have nothing to check yet.

    Segments are the units' spans trimmed of blanks in the view; units with no prose are dropped.
    With several groups each document gets its own view, blank outside its own units, so
    document-wide rules never read another document's text.
    """
    units = list(units)
    runs = vb.compact((u.start, u.end) for u in units)
    view = vb.view()
    groups: dict[str | None, list[Unit]] = {}
    for u in units:
        groups.setdefault(u.group, []).append(u)
    if not groups:
        groups[None] = []
    split = len(groups) > 1 if split is None else split
    docs = []
    for group, members in groups.items():
        paras: list[Segment] = []
        for u in members:
            s, e = strip_span(view, u.start, u.end)
            if s < e and runs:
                s, e = _cover(runs, s, e)
            if s < e:
                paras.append(Segment(len(paras), s, e, u.kind, id=u.id, source=u.source, refs=u.refs))
        doc_view = _own_view(view, paras) if split else view
        m = {**(meta or {}), **((group_meta or {}).get(group) or {})}
        if runs:
            m["view_map"] = runs
        src_lang = m.get("source_language") or source_language
        docs.append(
            Document(
                text, path, view=doc_view, paragraphs=paras, fmt=fmt, meta=m,
                doc_id=group if split else None, source_language=src_lang,
            )
        )
    return docs


def _cover(runs: ViewMap, start: int, end: int) -> tuple[int, int]:
    """A segment span that covers both its view characters and the text they come from.

    Compaction only moves view characters left, so the view start is kept (moved back to the
    start of its run when it lies inside one, so as not to cut an escape) and the end is snapped."""
    r = runs.run_at(start)
    if r is not None:
        start = r.start
    return start, snap(runs, start, end)[1]


def _own_view(view: str, paras: list[Segment]) -> str:
    pieces, pos = [], 0
    for p in sorted(paras, key=lambda p: p.start):
        pieces.append(blank(view[pos : p.start]))
        pieces.append(view[p.start : p.end])
        pos = p.end
    pieces.append(blank(view[pos:]))
    return "".join(pieces)


def language_code(tag: str | None) -> str | None:
    """``fr`` from ``fr-FR``, ``fr_CA`` or ``FR``; None for a missing or wildcard tag."""
    if not tag or tag.strip() in ("*all*", "*"):
        return None
    return re.split(r"[-_]", tag.strip(), maxsplit=1)[0].lower() or None


# -- TSV / CSV ------------------------------------------------------------------------------------
_SOURCE_NAMES = {"source", "src", "source_text", "original"}
_TARGET_NAMES = {"target", "tgt", "target_text", "translation", "mt", "hyp", "hypothesis"}
_REF_NAMES = {"ref", "reference", "references", "post_edit", "postedit", "pe"}
_ID_NAMES = {"id", "segment_id", "seg_id", "key"}


def _columns(header: list[str]) -> dict[str, int] | None:
    """Column roles from a header row, or None when the row is not a header."""
    names = [h.strip().lower().replace("-", "_").replace(" ", "_") for h in header]
    roles: dict[str, int] = {}
    for i, n in enumerate(names):
        for role, known in (("source", _SOURCE_NAMES), ("target", _TARGET_NAMES), ("ref", _REF_NAMES), ("id", _ID_NAMES)):
            if n in known and role not in roles:
                roles[role] = i
    if "source" in roles and "target" in roles:
        return roles
    return None


def _tsv_rows(text: str) -> Iterable[tuple[int, list[tuple[int, int]]]]:
    """(line number, field spans) of every non-blank line; tabs separate fields, no quoting."""
    from ..segment import iter_lines

    for n, (s, e) in enumerate(iter_lines(text), start=1):
        if not text[s:e].strip():
            continue
        fields, pos = [], s
        while True:
            t = text.find("\t", pos, e)
            if t < 0:
                fields.append((pos, e))
                break
            fields.append((pos, t))
            pos = t + 1
        yield n, fields


_CSV_PLAIN = re.compile(r"[^,\r\n]*")


def _csv_rows(text: str, path: str) -> Iterable[tuple[int, list[tuple[int, int]]]]:
    """(line number, field spans) of every record; RFC 4180 quoting ("" inside quotes).

    A quoted field's span is its content between the quotes (doubled quotes still in it)."""
    pos, length = 0, len(text)
    line = 1
    while pos < length:
        row_line, fields = line, []
        while True:
            if pos < length and text[pos] == '"':
                q = pos + 1
                while True:
                    close = text.find('"', q)
                    if close < 0:
                        raise InputProblem(path, f"malformed CSV at line {row_line}: unterminated quoted field")
                    if text.startswith('""', close):
                        q = close + 2
                        continue
                    break
                fields.append((pos + 1, close))
                line += text.count("\n", pos, close)
                pos = close + 1
                if pos < length and text[pos] not in ",\r\n":
                    raise InputProblem(path, f"malformed CSV at line {line}: text after a closing quote")
            else:
                m = _CSV_PLAIN.match(text, pos)
                assert m is not None
                fields.append((pos, m.end()))
                pos = m.end()
            if pos < length and text[pos] == ",":
                pos += 1
                continue
            break
        if text.startswith("\r\n", pos):
            pos += 2
        elif pos < length:
            pos += 1
        line += 1
        if any(text[a:b].strip() for a, b in fields):
            yield row_line, fields


_CSV_QUOTE = re.compile(r'""')


def _read_table(text: str, path: str, rows: Iterable[tuple[int, list[tuple[int, int]]]], fmt: str, quoted: bool) -> Document:
    vb = ViewBuilder(text)
    token = _CSV_QUOTE if quoted else None

    def value(a: int, b: int) -> str:
        return text[a:b].replace('""', '"') if quoted else text[a:b]

    units: list[Unit] = []
    roles: dict[str, int] | None = None
    first = True
    for n, fields in rows:
        if first:
            first = False
            roles = _columns([value(a, b) for a, b in fields])
            if roles is not None:
                continue
            roles = {"source": 0, "target": 1, "ref": 2}
        assert roles is not None
        need = max(roles["source"], roles["target"]) + 1
        if len(fields) < need:
            sep = "a tab" if fmt == "tsv" else "a comma"
            raise InputProblem(path, f"malformed {fmt.upper()} at line {n}: expected source and target columns separated by {sep}, found {len(fields)} column(s)")
        a, b = fields[roles["target"]]
        vb.fill(a, b, token, lambda m: '"')
        ref_i = roles.get("ref")
        refs = (value(*fields[ref_i]),) if ref_i is not None and ref_i < len(fields) and text[slice(*fields[ref_i])].strip() else ()
        id_i = roles.get("id")
        uid = value(*fields[id_i]).strip() if id_i is not None and id_i < len(fields) else str(n)
        units.append(Unit(a, b, id=uid or str(n), source=value(*fields[roles["source"]]), refs=refs))
    return build_documents(text, path, vb, units, fmt)[0]


@register("tsv", (".tsv", ".tab"), collect=False)
def read_tsv(text: str, path: str, **_: object) -> Document:
    """Tab-separated ``source<TAB>target[<TAB>reference]`` lines (or a header naming the columns)."""
    return _read_table(text, path, _tsv_rows(text), "tsv", quoted=False)


@register("csv", (".csv",), collect=False)
def read_csv(text: str, path: str, **_: object) -> Document:
    """Comma-separated ``source,target[,reference]`` records with RFC 4180 quoting."""
    return _read_table(text, path, _csv_rows(text, path), "csv", quoted=True)


# -- JSON lines -----------------------------------------------------------------------------------
_JSON_ESCAPE = re.compile(r'\\(?:u(?P<hi>[dD][89abAB][0-9a-fA-F]{2})\\u(?P<lo>[dD][c-fC-F][0-9a-fA-F]{2})|u(?P<u>[0-9a-fA-F]{4})|(?P<c>["\\/bfnrt]))')
_JSON_SIMPLE = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}


def _json_char(m: re.Match[str]) -> str:
    if m.group("hi"):
        return chr(0x10000 + ((int(m.group("hi"), 16) - 0xD800) << 10) + (int(m.group("lo"), 16) - 0xDC00))
    if m.group("u"):
        return chr(int(m.group("u"), 16))
    return _JSON_SIMPLE[m.group("c")]


_decoder = json.JSONDecoder()
_WS = re.compile(r"[ \t\r\n]*")


def _object_spans(line: str, base: int) -> dict[str, tuple[int, int, object]]:
    """Top-level ``key -> (value start, value end, value)`` of a JSON object on one line."""
    from json.decoder import scanstring

    out: dict[str, tuple[int, int, object]] = {}
    pos = _WS.match(line, 0).end()  # type: ignore[union-attr]
    pos += 1  # "{"
    while True:
        pos = _WS.match(line, pos).end()  # type: ignore[union-attr]
        if line[pos] == "}":
            return out
        key, pos = scanstring(line, pos + 1)
        pos = _WS.match(line, pos).end() + 1  # type: ignore[union-attr]  # ":"
        pos = _WS.match(line, pos).end()  # type: ignore[union-attr]
        value, end = _decoder.raw_decode(line, pos)
        out[key] = (base + pos, base + end, value)
        pos = _WS.match(line, end).end()  # type: ignore[union-attr]
        if line[pos] == ",":
            pos += 1


def json_object(line: str, path: str, n: int) -> dict:
    """The JSON object on line ``n`` of a JSON-lines file (also read by the archive reader,
    :mod:`mtqa.readers.archive`); anything else is an :class:`InputProblem` naming the line."""
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputProblem(path, f"malformed JSON at line {n}, column {exc.colno}: {exc.msg}") from None
    if not isinstance(obj, dict):
        raise InputProblem(path, f"malformed JSON lines at line {n}: expected an object, found {type(obj).__name__}")
    return obj


@register("jsonl", (".jsonl", ".ndjson"), collect=False)
def read_jsonl(text: str, path: str, **_: object) -> Document | list[Document]:
    """One JSON object per line: ``{"id", "source", "target", "ref"?}``; ``ref`` may be a list.

    An optional ``doc_id`` (or ``doc``) key splits the file into documents."""
    from ..segment import iter_lines

    vb = ViewBuilder(text)
    units: list[Unit] = []
    for n, (s, e) in enumerate(iter_lines(text), start=1):
        line = text[s:e]
        if not line.strip():
            continue
        obj = json_object(line, path, n)
        spans = _object_spans(line, s)
        for key in ("source", "target"):
            if not isinstance(obj.get(key), str):
                what = "no" if key not in obj else "a non-string"
                raise InputProblem(path, f"malformed JSON lines at line {n}: {what} {key!r} field")
        ref = obj.get("ref", obj.get("reference"))
        refs = tuple(r for r in ([ref] if isinstance(ref, str) else ref or []) if isinstance(r, str) and r.strip())
        a, b, _v = spans["target"]
        vb.fill(a + 1, b - 1, _JSON_ESCAPE, _json_char)
        uid = obj.get("id")
        doc = obj.get("doc_id", obj.get("doc"))
        units.append(
            Unit(a + 1, b - 1, id=str(uid) if uid is not None else str(n), source=obj["source"], refs=refs,
                 group=str(doc) if doc is not None else None)
        )
    return build_documents(text, path, vb, units, "jsonl", split=any(u.group is not None for u in units))
