"""Library entry points: :func:`check_paths` and :func:`check_text`. Neither prints."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, replace

from . import readers
from .config import Config
from .errors import InputProblem
from .lint.engine import Engine
from .model import Document, InputError, Report


def _lines(text: str) -> list[str]:
    return text.splitlines()


def attach_aligned(doc: Document, source: str | None, refs: list[tuple[str, str]], source_path: str | None) -> Document:
    """Attach line-aligned source and reference texts to a one-segment-per-line document."""
    n = len(_lines(doc.text))
    src_lines = None
    if source is not None:
        src_lines = _lines(source)
        if len(src_lines) != n:
            raise InputProblem(source_path or "source", f"has {len(src_lines)} lines but {doc.path} has {n}")
    ref_lines = []
    for path, text in refs:
        lines = _lines(text)
        if len(lines) != n:
            raise InputProblem(path, f"has {len(lines)} lines but {doc.path} has {n}")
        ref_lines.append(lines)
    paras = []
    for p in doc.paragraphs:
        i = int(p.id) - 1 if p.id else doc.line_of(p.start) - 1
        paras.append(
            replace(
                p,
                source=src_lines[i] if src_lines is not None else None,
                refs=tuple(r[i] for r in ref_lines),
            )
        )
    doc.paragraphs = paras
    doc.meta["aligned_refs"] = ref_lines  # every line, blank ones included, for the scores
    return doc


def _read_text_file(path: str) -> str:
    return readers.decode(readers.read_bytes(path), path)


def iter_documents(
    paths: list[str],
    *,
    source: str | None = None,
    refs: list[str] | None = None,
    fmt: str | None = None,
    docids: str | None = None,
    lazy: bool = False,
) -> Iterator[Document | InputError | DocumentLoader]:
    """Read every input lazily; unreadable inputs become :class:`InputError` items."""
    refs = refs or []
    aligned = bool(source or refs or docids)
    expanded = list(readers.expand_paths(paths))
    # one file per document: --ref/--source name folders holding a file of the same name per target
    per_file = _per_file_alignment(source, refs, docids)
    if aligned and not per_file and (len(expanded) != 1 or expanded[0][1] is not None):
        if len(expanded) != 1:
            raise InputProblem(", ".join(paths), "--source and --ref take exactly one target file (or folders of files named as the targets)")
    src_text = _read_text_file(source) if source and not per_file else None
    ref_texts = [] if per_file else [(r, _read_text_file(r)) for r in refs]
    for path, problem in expanded:
        if problem is not None:
            yield InputError(path, problem.message)
            continue
        try:
            if aligned:
                from .readers.text import read_lines

                src_path = source
                if per_file:
                    name = os.path.basename(path)
                    src_path = os.path.join(source, name) if source else None
                    src_text = _read_text_file(src_path) if src_path else None
                    ref_texts = [(os.path.join(r, name), _read_text_file(os.path.join(r, name))) for r in refs]
                text = readers.decode(readers.read_bytes(path), path)
                doc = attach_aligned(read_lines(text, path), src_text, ref_texts, src_path)
                if docids:
                    from .docids import split_by_docids

                    yield from split_by_docids(doc, docids)
                else:
                    yield doc
            elif lazy:
                yield DocumentLoader(path, fmt)
            else:
                yield from readers.read_path(path, fmt)
        except InputProblem as exc:
            yield InputError(exc.path, exc.message)


@dataclass(frozen=True)
class DocumentLoader:
    """Reads one input file into its documents when called: lets worker processes read and
    segment files themselves instead of receiving them from the main process."""

    path: str
    fmt: str | None = None

    def __call__(self) -> list[Document]:
        return readers.read_path(self.path, self.fmt)


def _per_file_alignment(source: str | None, refs: list[str], docids: str | None) -> bool:
    """True when every --ref (and --source) is a folder; mixing folders and files is an error."""
    sides = [p for p in (source, *refs) if p]
    dirs = [os.path.isdir(p) for p in sides]
    if not any(dirs):
        return False
    if not all(dirs):
        raise InputProblem(", ".join(sides), "--source and --ref must all be files or all be folders")
    if docids:
        raise InputProblem(docids, "--docids splits one target file; it does not combine with folders of references")
    return True


def check_paths(paths: list[str], config: Config | None = None, **read_options: object) -> Report:
    config = config or Config()
    engine = Engine(config)
    jobs = config.jobs if config.jobs > 0 else (os.cpu_count() or 1)
    # with workers, plain input files are read by the workers (stdin is read here)
    lazy = jobs > 1 and "-" not in paths
    return engine.run(iter_documents(paths, lazy=lazy, **read_options), jobs=jobs)  # type: ignore[arg-type]


def check_text(text: str, config: Config | None = None, *, lang: str | None = None, path: str = "<text>", fmt: str = "txt") -> Report:
    """Check a string. ``lang`` overrides the configured target language."""
    config = config or Config()
    if lang:
        config = replace(config, lang=lang)
    _, fn = readers.reader_for(path if path != "<text>" else "x.txt", None if fmt == "txt" else fmt)
    result = fn(text, path)
    docs = result if isinstance(result, list) else [result]
    return Engine(config).run(docs)
