"""Readers turn files into :class:`~mtqa.model.Document` objects.

A reader is a function ``read(text, path, **options) -> Document | list[Document]`` registered for
one or more file extensions. Decoding (UTF-8, BOM, binary detection) is shared and done here, so
every reader receives the exact decoded text that offsets refer to.
"""

from __future__ import annotations

import codecs
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from ..errors import InputProblem
from ..model import Document

Reader = Callable[..., "Document | list[Document]"]
_READERS: dict[str, tuple[str, Reader]] = {}

# Extensions collected when a directory is given (formats a user would keep articles in).
DIRECTORY_EXTENSIONS: set[str] = set()


def register(fmt: str, extensions: tuple[str, ...], *, collect: bool = True) -> Callable[[Reader], Reader]:
    def deco(fn: Reader) -> Reader:
        for ext in extensions:
            _READERS[ext.lower()] = (fmt, fn)
            if collect:
                DIRECTORY_EXTENSIONS.add(ext.lower())
        return fn

    return deco


def formats() -> dict[str, str]:
    return {ext: fmt for ext, (fmt, _) in _READERS.items()}


# byte-order marks, longest first (the UTF-32 LE mark starts with the UTF-16 LE one)
BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def check_encoding(name: str) -> str:
    """The canonical name of a codec given to ``--encoding``, or a usage error."""
    try:
        return codecs.lookup(name).name
    except LookupError:
        from ..errors import ConfigError

        raise ConfigError(f"--encoding: unknown encoding {name!r} (for example utf-8, utf-16, cp1252, latin-1)") from None


def sniff(data: bytes, encoding: str | None = None) -> tuple[str, bytes]:
    """(codec, byte-order mark) a file is read with: ``encoding`` when given, else its BOM's
    encoding, else UTF-8. A BOM that agrees with ``encoding`` is kept apart as well."""
    for bom, codec in BOMS:
        if data.startswith(bom):
            if encoding is None or codecs.lookup(encoding).name.replace("_", "-").startswith(codec[:6]):
                return codec, bom
            break
    return (check_encoding(encoding) if encoding else "utf-8"), b""


def decode(data: bytes, path: str, encoding: str | None = None) -> str:
    """Decode a file: its BOM's encoding (UTF-8, UTF-16 or UTF-32), else ``encoding``, else
    UTF-8, strictly; the BOM is dropped. Empty, binary and undecodable input is an
    :class:`InputProblem` that names the likely encoding and the option to read it with."""
    return decode_info(data, path, encoding)[0]


def decode_info(data: bytes, path: str, encoding: str | None = None) -> tuple[str, str, bytes]:
    """(text, codec, BOM) of a file's bytes; see :func:`decode`."""
    if not data.strip():
        raise InputProblem(path, "file is empty")
    codec, bom = sniff(data, encoding)
    body = data[len(bom):]
    if not bom and encoding is None and b"\x00" in body[:8192]:
        guess = _utf16_without_bom(body[:8192])
        if guess:
            raise InputProblem(path, f"looks like {guess.upper()} without a byte-order mark: use --encoding {guess}")
        raise InputProblem(path, "binary file (NUL bytes), not text")
    try:
        text = body.decode(codec)
    except UnicodeDecodeError as exc:
        at = exc.start + len(bom)
        if encoding:
            raise InputProblem(path, f"cannot be decoded as {encoding} at byte {at}") from None
        hint = _likely_encoding(body)
        if hint:
            hint = f"; looks like {hint[1]}: use --encoding {hint[0]}"
        elif any(ord(c) > 127 for c in body.decode("utf-8", errors="ignore")):
            hint = "; the rest of the file is UTF-8 (damaged bytes?)"
        else:
            hint = "; give its encoding with --encoding NAME"
        raise InputProblem(path, f"invalid UTF-8 at byte {at}{hint}") from None
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\x00" in text:
        raise InputProblem(path, f"binary file (NUL characters after decoding as {codec}), not text")
    if not text.strip():
        raise InputProblem(path, "file has no text")
    return text, codec, bom


def _utf16_without_bom(head: bytes) -> str | None:
    """utf-16-le / utf-16-be when NUL bytes fill one half of the byte pairs (Latin text in UTF-16)."""
    even, odd = head[0::2], head[1::2]
    if len(head) < 8:
        return None
    if odd.count(0) > 0.7 * len(odd) and even.count(0) < 0.1 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.7 * len(even) and odd.count(0) < 0.1 * len(odd):
        return "utf-16-be"
    return None


def _likely_encoding(data: bytes) -> tuple[str, str] | None:
    """(codec, name) of the single-byte encoding an undecodable file most likely uses; ``None``
    when the file is UTF-8 but for a few damaged bytes, or when nothing fits."""
    loose = data.decode("utf-8", errors="replace")
    bad = loose.count("\ufffd")
    good = sum(1 for c in loose if ord(c) > 127 and c != "\ufffd")
    if good >= 3 and bad * 10 <= good:
        return None  # a UTF-8 file with a few damaged bytes
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:  # bytes cp1252 leaves undefined: Latin-1 if it gives letters
        text = data.decode("latin-1")
        return ("latin-1", "Latin-1 (ISO-8859-1)") if any(c.isalpha() and ord(c) > 127 for c in text) else None
    if any(c in text for c in "€‚„…‰Œœ‘’“”–—™"):
        return ("cp1252", "Windows-1252")
    return ("latin-1", "Latin-1 (ISO-8859-1)") if any(c.isalpha() and ord(c) > 127 for c in text) else None


def read_bytes(path: str) -> bytes:
    if path == "-":
        import sys

        return sys.stdin.buffer.read()
    p = Path(path)
    if not p.exists():
        raise InputProblem(path, _missing(p))
    if p.is_dir():
        raise InputProblem(path, "is a directory")
    try:
        return p.read_bytes()
    except OSError as exc:
        raise InputProblem(path, f"cannot read: {exc.strerror or exc}") from None


def reader_for(path: str, fmt: str | None = None) -> tuple[str, Reader]:
    _load_builtin()
    if fmt:
        for f, fn in _READERS.values():
            if f == fmt:
                return f, fn
        raise InputProblem(path, f"unknown input format {fmt!r}")
    ext = "".join(Path(path).suffixes[-1:]).lower() if path != "-" else ".txt"
    return _READERS.get(ext, _READERS[".txt"])


# A plain-text file longer than this is checked in sections of whole paragraphs of about this
# size, one document each (``path#lines<first>-<last>``), read one after the other: memory is
# bounded by a section, not by the file. Rules that compare paragraphs (repeats, drift) compare
# them within a section.
SECTION_CHARS = 1_000_000


def read_path(path: str, fmt: str | None = None, encoding: str | None = None, **options: object) -> Iterable[Document]:
    """Read one file (or ``-`` for stdin) into one or more documents (an iterator of sections
    for a plain-text file over :data:`SECTION_CHARS`)."""
    name, fn = reader_for(path, fmt)
    text = decode(read_bytes(path), path, encoding)
    if name == "txt" and len(text) > SECTION_CHARS:
        return _sections(text, "<stdin>" if path == "-" else path)
    result = fn(text, "<stdin>" if path == "-" else path, **options)
    docs = result if isinstance(result, list) else [result]
    if not any(d.paragraphs for d in docs):
        raise InputProblem(path, "no text to check")
    return docs


def expand_paths(paths: list[str]) -> Iterator[tuple[str, InputProblem | None]]:
    """Files to read, directories expanded recursively by extension (sorted, deterministic)."""
    _load_builtin()
    for path in paths:
        if path == "-":
            yield path, None
            continue
        p = Path(path)
        if p.is_dir():
            found = False
            for f in _text_files(p):
                found = True
                yield f, None
            if not found:
                exts = ", ".join(sorted(DIRECTORY_EXTENSIONS))
                yield path, InputProblem(path, f"directory has no text files ({exts})")
        elif not p.exists():
            yield path, InputProblem(path, _missing(p))
        else:
            yield path, None


def _sections(text: str, path: str) -> Iterator[Document]:
    """The documents of a long plain-text file, one per section of whole paragraphs."""
    from ..segment import split_paragraphs

    paras = split_paragraphs(text)
    if not paras:
        raise InputProblem(path, "no text to check")
    groups: list[list] = [[]]
    size = 0
    for p in paras:
        if size >= SECTION_CHARS:
            groups.append([])
            size = 0
        groups[-1].append(p)
        size += p.end - p.start
    if len(groups) == 1:  # one section (a long paragraph): the file is one document
        yield Document(text, path, paragraphs=paras, fmt="txt")
        return
    while groups:
        yield _section(text, path, groups.pop(0))


def _section(text: str, path: str, group: list) -> Document:
    from dataclasses import replace

    doc = Document(text, path, paragraphs=[replace(p, index=i) for i, p in enumerate(group)], fmt="txt")
    first, last = doc.paragraphs[0].line, doc.line_of(group[-1].end)
    doc.doc_id = f"lines{first}-{last}"
    return doc


def _missing(p: Path) -> str:
    """Why a path that does not exist cannot be read: a missing file or a broken or looping link."""
    if p.is_symlink():
        try:
            p.resolve(strict=True)
        except RuntimeError:
            return "symbolic link loop"
        except OSError:
            return "broken symbolic link"
    return "no such file or directory"


def _text_files(root: Path) -> Iterator[str]:
    """The text files under ``root`` (by extension; hidden files and folders left out), in the
    order of their sorted path strings, found folder by folder: a folder of a million files is
    never listed whole. Symbolic links to folders are not followed (a link to a file is read);
    unreadable folders are skipped.

    Within a folder, entries are visited by name with a folder's name read as ``name/``: the
    full path of every file under that folder starts so, which makes this depth-first order the
    order of ``sorted()`` on the full path strings."""
    try:
        with os.scandir(root) as it:
            entries = [e for e in it if not e.name.startswith(".")]
    except OSError:
        return
    keyed = []
    for e in entries:
        try:
            is_dir = e.is_dir(follow_symlinks=False)
        except OSError:
            continue
        keyed.append((e.name + "/" if is_dir else e.name, is_dir, e))
    for _, is_dir, e in sorted(keyed, key=lambda k: k[0]):
        if is_dir:
            yield from _text_files(Path(e.path))
            continue
        try:
            is_file = e.is_file()  # follows a link to a file
        except OSError:
            continue
        if is_file and Path(e.name).suffix.lower() in DIRECTORY_EXTENSIONS:
            yield e.path


_loaded = False


def _load_builtin() -> None:
    global _loaded
    if _loaded:
        return
    _loaded = True
    import importlib
    import pkgutil

    for mod in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{mod.name}")
