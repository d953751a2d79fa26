"""XLIFF 1.2 and 2.x, and the XML helpers the TMX reader shares.

The file is first parsed with ``defusedxml`` to validate it safely (no entity declarations, so no
expansion bombs and no external entities); offsets then come from a scan of the raw text, which is
well-formed by then. Each ``<target>`` of a ``<trans-unit>`` (1.2) or ``<segment>`` (2.x) is one
segment whose id is the unit id and whose source is the matching ``<source>``. Inline markup keeps
its place in the view as blanks: tags of ``<g>``, ``<mrk>``, ``<pc>`` are blanked and their text
kept; native codes (``<ph>``, ``<bpt>``, ``<ept>``, ``<it>``, ``<x/>``, ...) and text marked not to
be translated (``<mrk translate="no">``, ``<mrk mtype="protected">``) are blanked whole.
Units marked ``translate="no"`` are skipped. Several ``<file>`` elements give one document each.
XLIFF 1.2 files segmented the way Trados (``.sdlxliff``) and memoQ (``.mqxliff``) do, with
``<mrk mtype="seg" mid="...">`` in ``<seg-source>`` and ``<target>``, give one segment per ``mrk``
(id ``unit/mid``, source from the ``<seg-source>`` ``mrk`` with the same ``mid``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from ..errors import InputProblem
from ..model import Document
from . import register
from .bilingual import Unit, ViewBuilder, build_documents, language_code

# -- safe parsing -----------------------------------------------------------------------------------
_POSITION = re.compile(r":\s*line \d+, column \d+\s*$")


def parse_safely(text: str, path: str) -> str:
    """Validate ``text`` as well-formed, safe XML; return the local name of the root element.

    Raises :class:`InputProblem` naming the line for malformed XML, and refuses entity
    declarations and external references outright."""
    import defusedxml.ElementTree as SafeET
    from defusedxml import DefusedXmlException
    from xml.etree.ElementTree import ParseError

    try:
        root = SafeET.fromstring(text)
    except ParseError as exc:
        line, col = getattr(exc, "position", (0, 0))
        msg = _POSITION.sub("", str(exc))
        raise InputProblem(path, f"malformed XML at line {line}, column {col + 1}: {msg}") from None
    except DefusedXmlException as exc:
        raise InputProblem(path, f"unsafe XML refused: {_unsafe(exc)}") from None
    except ValueError as exc:  # e.g. an encoding declaration the text contradicts
        raise InputProblem(path, f"malformed XML: {exc}") from None
    return local(root.tag)


def _unsafe(exc: Exception) -> str:
    name = type(exc).__name__
    if name == "EntitiesForbidden":
        return f"entity declaration {getattr(exc, 'name', '')!r} (entity expansion is not allowed)"
    if name == "ExternalReferenceForbidden":
        return "external entity reference (not allowed)"
    if name == "DTDForbidden":
        return "document type declaration (not allowed)"
    return str(exc) or name


def local(name: str) -> str:
    """Element name without its namespace (``{ns}target`` or ``x:target`` -> ``target``)."""
    return name.rsplit("}", 1)[-1].rsplit(":", 1)[-1]


# -- scanning the raw text ----------------------------------------------------------------------------
_TOKEN = re.compile(
    r"""(?P<comment><!--.*?-->)
    |(?P<cdata><!\[CDATA\[.*?\]\]>)
    |(?P<pi><\?.*?\?>)
    |(?P<decl><!(?:[^\[>]|\[.*?\])*>)
    |</(?P<end>[^\s>]+)\s*>
    |<(?P<start>[^\s/>!?]+)(?P<attrs>(?:[^>"']|"[^"]*"|'[^']*')*?)(?P<empty>/?)>""",
    re.S | re.X,
)
_ATTR = re.compile(r"""([^\s=/]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
XML_ENTITY = re.compile(r"&(?:#(\d+)|#[xX]([0-9a-fA-F]+)|([A-Za-z_][\w.\-]*));")
_NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"', "apos": "'"}


def xml_char(m: re.Match[str]) -> str:
    if m.group(1):
        return _chr(int(m.group(1)))
    if m.group(2):
        return _chr(int(m.group(2), 16))
    return _NAMED.get(m.group(3), "")


def _chr(n: int) -> str:
    try:
        return chr(n)
    except (ValueError, OverflowError):
        return ""


def unescape(value: str) -> str:
    return XML_ENTITY.sub(xml_char, value)


@dataclass
class Tag:
    kind: str  # start | end | empty | text | cdata | other
    start: int
    end: int
    name: str = ""
    attrs: dict[str, str] = field(default_factory=dict)


def tokens(text: str, start: int = 0, end: int | None = None) -> Iterator[Tag]:
    """Tags, text runs, CDATA sections and other markup of (well-formed) XML, with offsets."""
    end = len(text) if end is None else end
    pos = start
    for m in _TOKEN.finditer(text, start, end):
        if m.start() > pos:
            yield Tag("text", pos, m.start())
        pos = m.end()
        if m.group("start"):
            attrs: dict[str, str] = {}
            for k, dq, sq in _attrs(m.group("attrs")):
                if ":" not in k or local(k) not in attrs:  # version="1.2" wins over sdl:version="1.0"
                    attrs[local(k)] = unescape(dq if dq is not None else sq or "")
            yield Tag("empty" if m.group("empty") else "start", m.start(), m.end(), local(m.group("start")), attrs)
        elif m.group("end"):
            yield Tag("end", m.start(), m.end(), local(m.group("end")))
        elif m.group("cdata"):
            yield Tag("cdata", m.start(), m.end())
        else:
            yield Tag("other", m.start(), m.end())
    if pos < end:
        yield Tag("text", pos, end)


def _attrs(raw: str) -> Iterator[tuple[str, str | None, str | None]]:
    for m in _ATTR.finditer(raw):
        yield m.group(1), m.group(2), m.group(3)


# Inline elements whose content is native code (formatting, placeholders), not prose.
CODE_ELEMENTS = frozenset({"ph", "bpt", "ept", "it", "ut", "x", "bx", "ex", "sc", "ec", "sm", "em"})


def inline_text(text: str, start: int, end: int, vb: ViewBuilder | None = None, code: frozenset[str] = CODE_ELEMENTS) -> str:
    """The prose of mixed content ``text[start:end]``: entities decoded, markup removed.

    With ``vb`` the prose is also written into the view at its own offsets."""
    out: list[str] = []
    hidden: list[bool] = []  # open inline elements: is their content hidden?
    depth = 0
    for t in tokens(text, start, end):
        if t.kind == "start":
            hide = t.name in code or _protected(t)
            hidden.append(hide)
            depth += hide
        elif t.kind == "end" and hidden:
            depth -= hidden.pop()
        elif depth:
            continue
        elif t.kind == "text":
            if vb is not None:
                out.append(vb.fill(t.start, t.end, XML_ENTITY, xml_char))
            else:
                out.append(unescape(text[t.start : t.end]))
        elif t.kind == "cdata":
            a, b = t.start + 9, t.end - 3
            out.append(vb.copy(a, b) if vb is not None else text[a:b])
        elif t.kind == "empty" and t.name == "cp" and "hex" in t.attrs:
            # XLIFF 2 <cp hex="00A0"/>: a character XML cannot carry
            ch = _chr(int(t.attrs["hex"], 16)) if re.fullmatch(r"[0-9a-fA-F]{1,6}", t.attrs["hex"]) else ""
            out.append(vb.put(t.start, t.end - t.start, ch) if vb is not None else ch)
    return "".join(out)


def _protected(t: Tag) -> bool:
    """Marked text not to translate: ``<mrk translate="no">`` (2.x), ``<mrk mtype="protected">`` (1.2)."""
    return t.name == "mrk" and (t.attrs.get("translate", "").lower() == "no" or t.attrs.get("mtype") == "protected")


# -- XLIFF --------------------------------------------------------------------------------------------
@dataclass
class _Segment:
    id: str | None = None
    source: tuple[int, int] | None = None
    target: tuple[int, int] | None = None
    seg_source: tuple[int, int] | None = None  # XLIFF 1.2 <seg-source>, segmented with <mrk mtype="seg">


@register("xliff", (".xlf", ".xliff", ".sdlxliff", ".mqxliff", ".mxliff"))
def read_xliff(text: str, path: str, **_: object) -> Document | list[Document]:
    root = parse_safely(text, path)
    if root != "xliff":
        raise InputProblem(path, f"not an XLIFF file (root element <{root}>)")
    vb = ViewBuilder(text)
    units: list[Unit] = []
    group_meta: dict[str | None, dict] = {}
    stack: list[tuple[Tag, int]] = []
    group: str | None = None
    xliff_langs: dict[str, str | None] = {}
    unit: Tag | None = None
    segs: list[_Segment] = []
    n_files = 0
    for t in tokens(text):
        if t.kind in ("start", "empty"):
            parent = stack[-1][0].name if stack else None
            if t.name == "xliff":
                xliff_langs = {"source_language": t.attrs.get("srcLang"), "target_language": t.attrs.get("trgLang")}
            elif t.name == "file":
                n_files += 1
                group = t.attrs.get("original") or t.attrs.get("id") or f"file {n_files}"
                group_meta[group] = {
                    "source_language": language_code(t.attrs.get("source-language") or xliff_langs.get("source_language")),
                    "target_language": language_code(t.attrs.get("target-language") or xliff_langs.get("target_language")),
                }
            elif t.name in ("trans-unit", "unit"):
                unit, segs = t, []
                if t.name == "trans-unit":
                    segs.append(_Segment())
            elif t.name == "segment" and parent == "unit":
                segs.append(_Segment(t.attrs.get("id")))
            if t.kind == "start":
                stack.append((t, t.end))
        elif t.kind == "end":
            tag, content_start = stack.pop()
            parent = stack[-1][0].name if stack else None
            if tag.name in ("source", "target", "seg-source") and parent in ("trans-unit", "segment") and segs:
                setattr(segs[-1], tag.name.replace("-", "_"), (content_start, t.start))
            elif tag.name in ("trans-unit", "unit") and unit is not None:
                units.extend(_emit(text, vb, unit, segs, group))
                unit, segs = None, []
    return build_documents(
        text, path, vb, units, "xliff",
        meta={"xliff_version": _version(text)}, group_meta=group_meta, split=n_files > 1,
    )


def _version(text: str) -> str | None:
    for t in tokens(text):
        if t.kind in ("start", "empty"):
            return t.attrs.get("version")
    return None


def _emit(text: str, vb: ViewBuilder, unit: Tag, segs: list[_Segment], group: str | None) -> Iterator[Unit]:
    if unit.attrs.get("translate", "yes").lower() == "no":
        return
    uid = unit.attrs.get("id") or unit.attrs.get("resname")
    with_target = [s for s in segs if s.target is not None]
    for s in with_target:
        sid = uid if len(with_target) == 1 or s.id is None else f"{uid}/{s.id}"
        a, b = s.target  # type: ignore[misc]
        parts = _mrk_segments(text, a, b)
        if parts:  # XLIFF 1.2 segmentation (Trados, memoQ): one segment per <mrk mtype="seg" mid="...">
            sources = _mrk_segments(text, *s.seg_source) if s.seg_source else {}
            for mid, (ma, mb) in sorted(parts.items(), key=lambda kv: kv[1]):
                source = inline_text(text, *sources[mid]).strip() if mid in sources else None
                inline_text(text, ma, mb, vb)
                yield Unit(ma, mb, id=f"{sid}/{mid}", source=source, group=group)
            continue
        source = inline_text(text, *s.source).strip() if s.source else None
        inline_text(text, a, b, vb)
        yield Unit(a, b, id=sid, source=source, group=group)


def _mrk_segments(text: str, start: int, end: int) -> dict[str, tuple[int, int]]:
    """``mid -> content span`` of the ``<mrk mtype="seg">`` elements in ``text[start:end]``."""
    out: dict[str, tuple[int, int]] = {}
    stack: list[tuple[Tag, int]] = []
    for t in tokens(text, start, end):
        if t.kind == "start":
            stack.append((t, t.end))
        elif t.kind == "end" and stack:
            tag, content_start = stack.pop()
            if tag.name == "mrk" and tag.attrs.get("mtype") == "seg" and "mid" in tag.attrs:
                out.setdefault(tag.attrs["mid"], (content_start, t.start))
    return out
