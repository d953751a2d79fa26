"""Readers turn files into :class:`~mtqa.model.Document` objects.

A reader is a function ``read(text, path, **options) -> Document | list[Document]`` registered for
one or more file extensions. Decoding (UTF-8, BOM, binary detection) is shared and done here, so
every reader receives the exact decoded text that offsets refer to.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
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


def decode(data: bytes, path: str) -> str:
    """Decode UTF-8 strictly, strip one BOM, refuse binary and empty input."""
    if not data.strip():
        raise InputProblem(path, "file is empty")
    if b"\x00" in data[:8192]:
        raise InputProblem(path, "binary file (NUL bytes), not text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputProblem(path, f"invalid UTF-8 at byte {exc.start}") from None
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip():
        raise InputProblem(path, "file has no text")
    return text


def read_bytes(path: str) -> bytes:
    if path == "-":
        import sys

        return sys.stdin.buffer.read()
    p = Path(path)
    if not p.exists():
        raise InputProblem(path, "no such file or directory")
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


def read_path(path: str, fmt: str | None = None, **options: object) -> list[Document]:
    """Read one file (or ``-`` for stdin) into one or more documents."""
    name, fn = reader_for(path, fmt)
    text = decode(read_bytes(path), path)
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
            found = sorted(
                str(f)
                for f in p.rglob("*")
                if f.is_file() and f.suffix.lower() in DIRECTORY_EXTENSIONS and not _hidden(f, p)
            )
            if not found:
                exts = ", ".join(sorted(DIRECTORY_EXTENSIONS))
                yield path, InputProblem(path, f"directory has no text files ({exts})")
            for f in found:
                yield f, None
        elif not p.exists():
            yield path, InputProblem(path, "no such file or directory")
        else:
            yield path, None


def _hidden(f: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in f.relative_to(root).parts)


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
