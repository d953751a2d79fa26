"""Glossaries: CSV/TSV term lists and TBX (TermBase eXchange, basic dialect) files.

CSV and TSV files have a header row naming the columns ``source,target,forbidden,note``
(``source`` and ``target`` are required, the others optional, in any order)::

    source,target,forbidden,note
    Bundeskanzler,chancelier fédéral,chancelier allemand|chancelière fédérale,titre officiel
    ,Corée du Sud,Sud-Corée,calque de South Korea

``forbidden`` holds ``|``-separated variants; ``target`` may be empty in a do-not-use list;
``source`` may hold ``|``-separated alternatives. Lines starting with ``#`` are comments. A CSV
glossary applies to any target language.

TBX files (TBX 2 ``martif`` / ``termEntry`` / ``langSet`` / ``tig``, or TBX 3 ``tbx`` /
``conceptEntry`` / ``langSec`` / ``termSec``) are parsed with defusedxml. In each language
section the term whose ``administrativeStatus`` is preferred is the target, admitted terms are
accepted alternatives, deprecated or superseded terms are forbidden; the terms of the other
languages are the source terms.

Each file is parsed once per process for a given modification time. Malformed files raise
:class:`~mtqa.errors.InputProblem` with one line naming the file and the line.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .errors import InputProblem

COLUMNS = ("source", "target", "forbidden", "note")
EXTENSIONS = (".csv", ".tsv", ".tbx")
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@dataclass(frozen=True)
class Entry:
    """One glossary concept as it applies to one target language."""

    target: str  # preferred target term ("" in a do-not-use list)
    forbidden: tuple[str, ...] = ()
    sources: tuple[tuple[str | None, str], ...] = ()  # (language or None, source term)
    alternatives: tuple[str, ...] = ()  # other accepted target terms
    note: str = ""
    where: str = ""  # "file:line", for messages
    target_lang: str | None = None  # None: any target language

    def source_terms(self, lang: str | None) -> list[str]:
        """Source terms in ``lang`` (all of them when the language is unknown or unmarked)."""
        return [t for lg, t in self.sources if lang is None or lg is None or _base(lg) == _base(lang)]


@dataclass(frozen=True)
class Glossary:
    path: str
    entries: tuple[Entry, ...]

    def for_language(self, lang: str) -> list[Entry]:
        return [e for e in self.entries if e.target_lang is None or _base(e.target_lang) == _base(lang)]


def _base(lang: str) -> str:
    return lang.replace("_", "-").split("-")[0].lower()


def _split(cell: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(v.strip() for v in cell.split("|") if v.strip()))


# -- reading -----------------------------------------------------------------------------------
def load(path: str | Path) -> Glossary:
    """The glossary at ``path`` (parsed once per modification time)."""
    p = Path(path)
    try:
        st = p.stat()
    except OSError:
        raise InputProblem(str(path), "glossary file not found") from None
    if not p.is_file():
        raise InputProblem(str(path), "glossary is not a file")
    return _load(str(p.resolve()), st.st_mtime_ns, st.st_size, str(path))


@lru_cache(maxsize=64)
def _load(resolved: str, mtime_ns: int, size: int, shown: str) -> Glossary:
    data = Path(resolved).read_bytes()
    suffix = Path(resolved).suffix.lower()
    if suffix == ".tbx" or (suffix not in (".csv", ".tsv") and data.lstrip()[:1] == b"<"):
        return Glossary(shown, tuple(parse_tbx(data, shown)))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputProblem(shown, f"line {line}: not valid UTF-8") from None
    delimiter = "\t" if suffix == ".tsv" else "," if suffix == ".csv" else _sniff(text)
    return Glossary(shown, tuple(parse_table(text, shown, delimiter)))


def _sniff(text: str) -> str:
    first = next((ln for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")), "")
    return "\t" if "\t" in first else ","


def parse_table(text: str, path: str, delimiter: str = ",") -> list[Entry]:
    """Entries of a CSV/TSV glossary (see the module docstring)."""
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    header: list[str] | None = None
    out: list[Entry] = []
    try:
        for row in reader:
            line = reader.line_num
            if not row or not any(c.strip() for c in row) or row[0].lstrip().startswith("#"):
                continue
            if header is None:
                header = [c.strip().lower() for c in row]
                unknown = [c for c in header if c not in COLUMNS]
                if unknown:
                    raise InputProblem(path, f"line {line}: unknown column {unknown[0]!r} (the header is {','.join(COLUMNS)})")
                missing = [c for c in ("source", "target") if c not in header]
                if missing:
                    raise InputProblem(path, f"line {line}: the header lacks the column {missing[0]!r} (expected {','.join(COLUMNS)})")
                if len(set(header)) != len(header):
                    raise InputProblem(path, f"line {line}: a column is named twice in the header")
                continue
            if len(row) != len(header):
                raise InputProblem(path, f"line {line}: {len(row)} fields where the header has {len(header)}")
            cells = dict(zip(header, (c.strip() for c in row)))
            target = cells.get("target", "")
            forbidden = _split(cells.get("forbidden", ""))
            if not target and not forbidden:
                raise InputProblem(path, f"line {line}: neither a target term nor forbidden variants")
            if "|" in target:
                raise InputProblem(path, f"line {line}: the target holds one term ('|' separates forbidden variants)")
            if target and any(f.casefold() == target.casefold() and f == target for f in forbidden):
                raise InputProblem(path, f"line {line}: the target {target!r} is also listed as forbidden")
            out.append(
                Entry(
                    target=target,
                    forbidden=forbidden,
                    sources=tuple((None, s) for s in _split(cells.get("source", ""))),
                    note=cells.get("note", ""),
                    where=f"{path}:{line}",
                )
            )
    except csv.Error as exc:
        raise InputProblem(path, f"line {reader.line_num}: {exc}") from None
    if header is None:
        raise InputProblem(path, "glossary is empty (expected the header source,target,forbidden,note)")
    return out


_PREFERRED = {"preferredterm-admn-sts", "preferred", "preferredterm"}
_FORBIDDEN = {
    "deprecatedterm-admn-sts", "supersededterm-admn-sts", "deprecated", "superseded",
    "deprecatedterm", "supersededterm", "notrecommended", "forbidden",
}


def _local(tag: object) -> str:
    t = str(tag)
    return t.rsplit("}", 1)[-1]


def parse_tbx(data: bytes, path: str) -> list[Entry]:
    """Entries of a TBX file, one per concept and language section."""
    from xml.etree.ElementTree import ParseError, TreeBuilder

    import defusedxml.ElementTree as DET
    from defusedxml.common import DefusedXmlException

    lines: dict[object, int] = {}

    class _Builder(TreeBuilder):
        parser = None

        def start(self, tag, attrs):  # type: ignore[override]
            el = super().start(tag, attrs)
            lines[el] = self.parser.parser.CurrentLineNumber if self.parser is not None else 0
            return el

    builder = _Builder()
    parser = DET.DefusedXMLParser(target=builder)
    builder.parser = parser
    try:
        parser.feed(data)
        root = parser.close()
    except ParseError as exc:
        line = getattr(exc, "position", (0, 0))[0]
        raise InputProblem(path, f"line {line}: malformed XML ({str(exc).split(':')[0]})") from None
    except DefusedXmlException as exc:
        raise InputProblem(path, f"forbidden XML construct ({type(exc).__name__}): entities and external references are not accepted") from None
    if _local(root.tag) not in ("martif", "tbx"):
        raise InputProblem(path, f"line {lines.get(root, 1)}: not a TBX file (root element <{_local(root.tag)}>)")
    out: list[Entry] = []
    concepts = [el for el in root.iter() if _local(el.tag) in ("termEntry", "conceptEntry")]
    for concept in concepts:
        sections: list[tuple[str, list[tuple[str, str]], int]] = []
        note = ""
        for el in concept:
            name = _local(el.tag)
            if name in ("descrip", "note") and not note and (el.text or "").strip():
                note = (el.text or "").strip()
            if name not in ("langSet", "langSec"):
                continue
            lang = el.get(_XML_LANG) or el.get("lang")
            if not lang:
                raise InputProblem(path, f"line {lines.get(el, 0)}: <{name}> without xml:lang")
            terms: list[tuple[str, str]] = []
            for holder in el.iter():
                if _local(holder.tag) not in ("tig", "ntig", "termSec"):
                    continue
                term_el = next((x for x in holder.iter() if _local(x.tag) == "term"), None)
                term = "".join(term_el.itertext()).strip() if term_el is not None else ""
                if not term:
                    raise InputProblem(path, f"line {lines.get(holder, 0)}: <{_local(holder.tag)}> without a term")
                status = "admitted"
                for x in holder.iter():
                    if _local(x.tag) == "termNote" and x.get("type") in ("administrativeStatus", "normativeAuthorization"):
                        value = (x.text or "").strip().lower()
                        status = "preferred" if value in _PREFERRED else "forbidden" if value in _FORBIDDEN else "admitted"
                terms.append((term, status))
            if not terms:
                raise InputProblem(path, f"line {lines.get(el, 0)}: language section {lang!r} holds no term")
            sections.append((lang, terms, lines.get(el, 0)))
        if not sections:
            raise InputProblem(path, f"line {lines.get(concept, 0)}: <{_local(concept.tag)}> holds no language section")
        for lang, terms, line in sections:
            preferred = [t for t, s in terms if s == "preferred"]
            admitted = [t for t, s in terms if s == "admitted"]
            forbidden = tuple(t for t, s in terms if s == "forbidden")
            target = (preferred or admitted or [""])[0]
            sources = tuple((lg, t) for lg, ts, _ in sections if lg != lang for t, s in ts if s != "forbidden")
            out.append(
                Entry(
                    target=target,
                    forbidden=forbidden,
                    sources=sources,
                    alternatives=tuple(t for t in preferred + admitted if t != target),
                    note=note,
                    where=f"{path}:{line}",
                    target_lang=lang,
                )
            )
    return out


def pack_glossaries(lang: str) -> list[Path]:
    """Glossary files of the rule packs for ``lang``: ``rules/<lang>/glossary*.csv|tsv|tbx``."""
    from . import packs

    out: list[Path] = []
    for d in packs.pack_dirs():
        folder = d / lang
        if folder.is_dir():
            out.extend(sorted(f for f in folder.glob("glossary*") if f.suffix.lower() in EXTENSIONS and f.is_file()))
    return out


def entries_for(paths: list[str], lang: str) -> list[Entry]:
    """Every entry for target language ``lang`` from the pack glossaries and ``paths``."""
    out: list[Entry] = []
    seen: set[str] = set()
    for p in [*pack_glossaries(lang), *paths]:
        key = str(Path(p).resolve())
        if key in seen:
            continue
        seen.add(key)
        out.extend(load(p).for_language(lang))
    return out
