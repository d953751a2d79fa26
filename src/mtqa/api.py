"""Library entry points: :func:`check_paths` and :func:`check_text`. Neither prints."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

from . import readers
from .config import Config
from .errors import InputProblem
from .pipeline import Pipeline, suppress
from .model import Document, InputError, Report
from .store import retain_documents


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


def _read_text_file(path: str, encoding: str | None = None) -> str:
    return readers.decode(readers.read_bytes(path), path, encoding)


def iter_documents(
    paths: list[str],
    *,
    source: str | None = None,
    refs: list[str] | None = None,
    fmt: str | None = None,
    docids: str | None = None,
    lazy: bool = False,
    encoding: str | None = None,
) -> Iterator[Document | InputError | DocumentLoader]:
    """Read every input lazily; unreadable inputs become :class:`InputError` items.
    ``encoding`` is the codec of files without a byte-order mark (default UTF-8)."""
    refs = refs or []
    if encoding:
        encoding = readers.check_encoding(encoding)
    aligned = bool(source or refs or docids)
    # folders are walked as the run goes (a listing of a million files is not kept)
    expanded: Iterable[tuple[str, InputProblem | None]] = readers.expand_paths(paths)
    # one file per document: --ref/--source name folders holding a file of the same name per target
    per_file = _per_file_alignment(source, refs, docids)
    if aligned and not per_file:
        expanded = list(expanded)
        if len(expanded) != 1:
            raise InputProblem(", ".join(paths), "--source and --ref take exactly one target file (or folders of files named as the targets)")
    src_text = _read_text_file(source, encoding) if source and not per_file else None
    ref_texts = [] if per_file else [(r, _read_text_file(r, encoding)) for r in refs]
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
                    src_text = _read_text_file(src_path, encoding) if src_path else None
                    ref_texts = [(os.path.join(r, name), _read_text_file(os.path.join(r, name), encoding)) for r in refs]
                text = readers.decode(readers.read_bytes(path), path, encoding)
                doc = attach_aligned(read_lines(text, path), src_text, ref_texts, src_path)
                if docids:
                    from .docids import split_by_docids

                    yield from split_by_docids(doc, docids)
                else:
                    yield doc
            elif lazy:
                yield DocumentLoader(path, fmt, encoding)
            else:
                yield from readers.read_path(path, fmt, encoding)
        except InputProblem as exc:
            yield InputError(exc.path, exc.message)


@dataclass(frozen=True)
class DocumentLoader:
    """Reads one input file into its documents when called: lets worker processes read and
    segment files themselves instead of receiving them from the main process."""

    path: str
    fmt: str | None = None
    encoding: str | None = None

    def __call__(self) -> list[Document]:
        return readers.read_path(self.path, self.fmt, self.encoding)


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


def check_paths(paths: list[str], config: Config | None = None, *, exit_on_interrupt: bool = False,
                report_unused_suppressions: bool = False, **read_options: object) -> Report:
    """Check files and folders. Options, thresholds, glossaries and the target language are
    checked before the first document is read (:class:`~mtqa.errors.ConfigError`).

    ``exit_on_interrupt``: Ctrl-C during a run with workers ends the process with status 130
    (what the command line wants) instead of raising :class:`KeyboardInterrupt`."""
    config = config or Config()
    pipeline = Pipeline(config)
    validate_run(config, paths, refs=list(read_options.get("refs") or []), fmt=read_options.get("fmt"))  # type: ignore[arg-type]
    if read_options.get("encoding"):
        readers.check_encoding(str(read_options["encoding"]))
    jobs = config.jobs if config.jobs > 0 else (os.cpu_count() or 1)
    # with workers, plain input files are read by the workers (stdin is read here)
    lazy = jobs > 1 and "-" not in paths
    with _quiet_workers(jobs, exit_on_interrupt):
        report = pipeline.run(iter_documents(paths, lazy=lazy, **read_options), jobs=jobs)  # type: ignore[arg-type]
    if not config.lang:
        refuse_unsupported(report)
    return suppress(report, config, report_unused_suppressions)


# formats whose files carry their own references (a third column, a "ref" key)
_REFERENCE_FORMATS = {"tsv", "csv", "jsonl"}


def validate_run(config: Config, paths: list[str], *, refs: list[str], fmt: str | None = None) -> None:
    """Usage errors of a run, found before any document is read: an unsupported target
    language, a score threshold that nothing can be scored for, a glossary that does not load,
    invalid quality weights or scoring options."""
    from .config import check_language
    from .errors import ConfigError, InputProblem

    if config.lang:
        check_language(config.lang, config.origins.get("lang", "configuration"))
    from .gate import SCORE_THRESHOLDS

    wanted = [k for k, *_ in SCORE_THRESHOLDS if getattr(config, k) is not None and config.origins.get(k) == "command line"]
    if wanted and not refs:
        kinds = set()
        for path in paths:
            if path == "-" or os.path.isdir(path):
                continue
            kinds.add(readers.reader_for(path, fmt)[0])
        if not kinds & _REFERENCE_FORMATS:
            flag = "--" + wanted[0].replace("_", "-")
            raise ConfigError(f"{flag} needs reference scores: give --ref (or a TSV, CSV or JSON-lines file with references)")
    from . import glossary

    for g in config.glossaries:
        try:
            glossary.load(g)
        except InputProblem as exc:
            raise ConfigError(str(exc)) from None
    from .scoring import ScoreOptions, validate_quality_config

    validate_quality_config(config.quality)
    ScoreOptions.from_mapping(config.scoring or {}, "[tool.mtqa.scoring]")


def refuse_unsupported(report: Report) -> None:
    """Documents whose dominant language has no rule pack are not passed silently: each becomes
    an input error (exit code 2) that says what it looks like and how to check it anyway."""
    from .config import target_languages
    from .analysis.langid import letters

    supported = target_languages()
    if not supported:
        return

    def supported_or_refused(d) -> bool:
        lang = d.target_language
        if lang in supported or lang == "und" or d.declared_language:
            return True
        text = d.text or ""
        weight = conf = 0.0
        for seg in d.segments:
            if seg.language == lang:
                n = letters(text[seg.start : seg.end])
                weight += n
                conf += n * seg.confidence
        shown = f" ({conf / weight:.2f})" if weight else ""
        names = ", ".join(_lang_name(x) for x in supported)
        report.errors.append(InputError(
            d.key, f"looks like {_lang_name(lang)}{shown}; mtqa checks {names}: use --lang {supported[0]} to check it as {_lang_name(supported[0])}"
        ))
        return False

    retain_documents(report.documents, supported_or_refused)


def _lang_name(code: str) -> str:
    from .analysis.foreign import lang_name

    return lang_name(code)


class _quiet_workers:
    """Ctrl-C while worker processes run.

    Workers never see it (a worker stopped while it holds the task queue's lock would leave the
    pool unable to stop). In the main process, with ``exit_on_interrupt`` (the command line), the
    workers are killed and the process exits at once with status 130 after one line on stderr:
    nothing was written yet, since reports are written whole at the end. Without it (library
    use), :class:`KeyboardInterrupt` is raised in the main process as usual.
    """

    def __init__(self, jobs: int, exit_on_interrupt: bool = False) -> None:
        self.active = jobs > 1
        self.exit = exit_on_interrupt
        self.previous = None

    def __enter__(self) -> _quiet_workers:
        import signal
        import threading

        if not self.active or threading.current_thread() is not threading.main_thread():
            self.active = False
            return self
        main = os.getpid()
        hard = self.exit

        def on_sigint(signum, frame):  # noqa: ARG001
            if os.getpid() != main:
                return  # a worker: the main process decides
            if not hard:
                raise KeyboardInterrupt
            import multiprocessing

            for child in multiprocessing.active_children():
                child.kill()
            os.write(2, b"mtqa: interrupted\n")
            os._exit(130)

        self.previous = signal.signal(signal.SIGINT, on_sigint)
        return self

    def __exit__(self, *exc: object) -> None:
        if self.active:
            import signal

            signal.signal(signal.SIGINT, self.previous)


def check_text(text: str, config: Config | None = None, *, lang: str | None = None, path: str = "<text>", fmt: str = "txt") -> Report:
    """Check a string. ``lang`` overrides the configured target language."""
    config = config or Config()
    if lang:
        config = replace(config, lang=lang)
    _, fn = readers.reader_for(path if path != "<text>" else "x.txt", None if fmt == "txt" else fmt)
    result = fn(text, path)
    docs = result if isinstance(result, list) else [result]
    return suppress(Pipeline(config).run(docs), config)
