"""gettext PO files.

Every translated message is one segment: the ``msgstr`` (each ``msgstr[n]`` of a plural entry) is
the target and the ``msgid`` (``msgid_plural`` for plural forms after the first) its source; the
segment id is the ``msgid``, prefixed with ``msgctxt|`` when there is a context and suffixed with
``[n]`` for plural forms. The header entry, obsolete entries (``#~``) and untranslated entries are
skipped; fuzzy entries are checked (they are the drafts a translator reviews). C escapes are
decoded in the view; format placeholders (``%s``, ``%1$d``, ``%(name)s``, ``{0}``, ``{name}``,
``%{name}``) are blanked, in the source as well, so they are never read as words or numbers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..errors import InputProblem
from ..model import Document
from . import register
from .bilingual import Unit, ViewBuilder, build_documents, language_code

_KEYWORD = re.compile(r'[ \t]*(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)[ \t]+"')
_CONTINUATION = re.compile(r'[ \t]*"')
_LITERAL_REST = re.compile(r'((?:[^"\\\r\n]|\\.)*)"[ \t]*\r?$')

_TOKEN = re.compile(
    r"""(?P<esc>\\(?:[0-7]{1,3}|x[0-9a-fA-F]{1,2}|.))
    |(?P<lit>%%|\{\{|\}\})
    |(?P<ph>%\(\w+\)[-+\#0]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]      # %(name)s
         |%(?:\d+\$)?[-+\#0']*(?:\d+|\*)?(?:\.(?:\d+|\*))?(?:hh|h|ll|l|L|q|j|z|t)?[diouxXeEfFgGaAcsp]  # %1$s, %.2f
         |%\{\w+\}                                               # %{name}
         |\{\w*(?:[.\[][\w\]\[.]*)?(?:![rsa])?(?::[^{}\s]*)?\})   # {0}, {name}, {0:.2f}
    """,
    re.X,
)
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "a": "\a", "b": "\b", "f": "\f", "v": "\v", '"': '"', "\\": "\\", "'": "'", "?": "?"}


def _decode(m: re.Match[str]) -> str:
    if m.group("ph"):
        return ""
    if m.group("lit"):
        return m.group()[0]
    body = m.group()[1:]
    if body[0] in "01234567":
        return chr(int(body, 8))
    if body[0] == "x" and len(body) > 1:
        return chr(int(body[1:], 16))
    return _ESCAPES.get(body, body)


def _decoded(text: str, spans: list[tuple[int, int]], placeholders: bool = False) -> str:
    """The string of a field; placeholders removed unless ``placeholders``."""
    keep = (lambda m: m.group()) if placeholders else _decode
    return "".join(_TOKEN.sub(lambda m: keep(m) if m.group("ph") else _decode(m), text[a:b]) for a, b in spans)


@dataclass
class _Entry:
    line: int
    fields: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)

    def has_msgstr(self) -> bool:
        return any(k.startswith("msgstr") for k in self.fields)


def _entries(text: str, path: str) -> list[_Entry]:
    from ..segment import iter_lines

    entries: list[_Entry] = []
    cur: _Entry | None = None
    last: str | None = None  # the field continuation lines extend
    for n, (s, e) in enumerate(iter_lines(text), start=1):
        line = text[s:e]
        stripped = line.strip()
        if not stripped:
            last = None
            continue
        if stripped.startswith("#"):
            if stripped.startswith("#,"):
                if cur is not None and cur.has_msgstr():
                    cur = None
                if cur is None:
                    cur = _Entry(n)
                    entries.append(cur)
                cur.flags.update(f.strip() for f in stripped[2:].split(","))
            last = None
            continue
        m = _KEYWORD.match(line)
        if m:
            key = m.group(1)
            if key in ("msgctxt", "msgid") and (cur is None or cur.has_msgstr() or key in cur.fields):
                if cur is not None and "msgid" in cur.fields and not cur.has_msgstr():
                    raise InputProblem(path, f"malformed PO at line {n}: the entry of line {cur.line} has a msgid but no msgstr")
                cur = _Entry(n)
                entries.append(cur)
            if cur is None or (key != "msgctxt" and key != "msgid" and "msgid" not in cur.fields):
                raise InputProblem(path, f"malformed PO at line {n}: {key} before any msgid")
            if key in cur.fields:
                raise InputProblem(path, f"malformed PO at line {n}: {key} appears twice in one entry")
            lit_start = m.end()
        elif last is not None and _CONTINUATION.match(line):
            key = last
            lit_start = _CONTINUATION.match(line).end()  # type: ignore[union-attr]
        else:
            raise InputProblem(path, f"malformed PO at line {n}: unexpected {stripped[:30]!r}")
        rest = _LITERAL_REST.match(text, s + lit_start, e)
        if rest is None:
            raise InputProblem(path, f"malformed PO at line {n}: unterminated or invalid string")
        cur.fields.setdefault(key, []).append((s + lit_start, rest.end(1)))  # type: ignore[union-attr]
        last = key
    for entry in entries:
        if "msgid" in entry.fields and not entry.has_msgstr():
            raise InputProblem(path, f"malformed PO at line {entry.line}: entry has a msgid but no msgstr")
    return entries


@register("po", (".po",))
def read_po(text: str, path: str, **_: object) -> Document:
    vb = ViewBuilder(text)
    units: list[Unit] = []
    meta: dict[str, str | None] = {}
    for entry in _entries(text, path):
        if "msgid" not in entry.fields:
            continue
        msgid = _decoded(text, entry.fields["msgid"], placeholders=True)
        ctxt = _decoded(text, entry.fields["msgctxt"], placeholders=True) if "msgctxt" in entry.fields else None
        if not msgid and ctxt is None:
            header = _decoded(text, entry.fields.get("msgstr", []))
            lang = re.search(r"(?im)^Language:\s*(\S+)", header)
            meta["target_language"] = language_code(lang.group(1)) if lang else None
            continue
        base = f"{ctxt}|{msgid}" if ctxt is not None else msgid
        source = _decoded(text, entry.fields["msgid"]).strip()
        plural = _decoded(text, entry.fields["msgid_plural"]).strip() if "msgid_plural" in entry.fields else source
        for key, spans in entry.fields.items():
            if not key.startswith("msgstr") or not any(a < b for a, b in spans):
                continue
            k = re.search(r"\[(\d+)\]", key)
            index = int(k.group(1)) if k else None
            for a, b in spans:
                vb.fill(a, b, _TOKEN, _decode)
            uid = base if index is None else f"{base}[{index}]"
            units.append(Unit(spans[0][0], spans[-1][1], id=uid, source=plural if index else source))
    doc = build_documents(text, path, vb, units, "po", meta=meta)[0]
    return doc
