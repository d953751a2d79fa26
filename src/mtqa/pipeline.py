"""A run, stage by stage: read -> language identification -> rules -> scores -> gate -> baseline.

Each stage is a function (or, for the scores, which add up over a run, a small class) that can
be called on its own:

- reading: :func:`mtqa.api.iter_documents` and the readers (documents, input errors, or loaders
  that read one file when called);
- :func:`identify_languages`: the language of every paragraph and sentence, the document's
  target language (the configured or declared one wins over a guess), the source language;
- the rules: :class:`mtqa.lint.engine.Engine`, which runs the selected rules and nothing else;
- :class:`Scores`: reference scores of each document with references, and of the run;
- :func:`build_report`: the corpus findings, the report, its scores and :func:`gate`;
- :func:`suppress` (inline directives, then the gate again) and :func:`baselines` (write or
  apply a baseline file, then the gate again), which work on a finished report;
- the worker pool (``--jobs``): :func:`run_parallel` checks documents in forked processes and
  folds their results into the run in document order (:meth:`Pipeline.merge`).

:class:`Pipeline` composes them for one run; :mod:`mtqa.api`, the server and the Dask engine
use it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from . import scoring
from .analysis import langid
from .config import Config
from .errors import InputProblem
from .gate import apply_gate
from .lint.engine import Engine
from .model import Document, DocumentResult, InputError, Report
from .store import DocumentStore

Item = Document | InputError | Callable[[], list[Document]]


# -- language identification ----------------------------------------------------------------------
def identify_languages(doc: Document, config: Config) -> Document:
    """Annotate every paragraph and sentence of ``doc`` with its language and set the document's
    target language: the configured one (``--lang``), else the one the file declares (XLIFF
    target-language, PO Language, TMX variant), else the dominant language found. A configured
    source language fills in a document that declares none."""
    declared = config.lang or doc.meta.get("target_language")
    langid.annotate(doc, declared)
    doc.target_language = declared or langid.dominant_language(doc)
    if config.source_lang and not doc.source_language:
        doc.source_language = config.source_lang
    return doc


# -- reference scores -----------------------------------------------------------------------------
def reference_streams(doc: Document) -> tuple | None:
    """The hypothesis lines, reference streams and line ids of a document with references
    (None without): what :meth:`Scores.add` scores, small enough to send between processes."""
    return scoring.document_streams(doc) if doc.has_refs else None


class Scores:
    """The reference scores of a run: each document's, and the whole run's at the end (from the
    same per-segment statistics, so the run's equal sacrebleu's over every segment)."""

    def __init__(self, config: Config) -> None:
        self.config = config
        self._scorer: scoring.Scorer | None = None  # created by the first document with references

    def add(self, result: DocumentResult, streams: tuple | None) -> None:
        """Score one document (in document order); a document without references keeps no scores."""
        hyps, refs, ids = streams or ((), (), ())
        if not hyps or not refs:
            return
        if self._scorer is None:
            self._scorer = scoring.Scorer.from_config(self.config)
        result.scores = self._scorer.add(hyps, refs, ids=ids)

    def corpus(self) -> dict | None:
        """The run's scores, None when no document had references."""
        return self._scorer.corpus() if self._scorer is not None else None


# -- the gate, suppressions, baselines -------------------------------------------------------------
def gate(report: Report, config: Config) -> Report:
    """Quality of every document and the reasons it fails the gate (see :mod:`mtqa.gate`)."""
    apply_gate(report, config)
    return report


def build_report(engine: Engine, results: list[DocumentResult] | DocumentStore, errors: list[InputError], scores: Scores) -> Report:
    """The report of a run whose documents were all checked: the corpus findings added to their
    documents, findings deduplicated, the run's scores and the gate."""
    results = engine.finish(results)
    out = Report(results, errors, engine.ctx.notices, fail_on=engine.config.fail_severity, rules_used=engine.rule_classes)
    out.corpus_scores = scores.corpus()
    return gate(out, engine.config)


def suppress(report: Report, config: Config, report_unused: bool = False) -> Report:
    """Inline suppressions (see :mod:`mtqa.suppress`), then the gate again on what is left."""
    from . import suppress as directives

    before = sum(len(d.issues) for d in report.documents)
    directives.apply(report, report_unused=report_unused)
    if sum(len(d.issues) for d in report.documents) != before:
        gate(report, config)
    return report


def baselines(report: Report, config: Config, *, write: str | Path | None = None, known: str | Path | None = None) -> Report:
    """With ``write``, save every finding of the report as a baseline file there; with ``known``,
    hide the findings that baseline file holds and apply the gate again (see :mod:`mtqa.baseline`)."""
    from . import baseline

    if write is not None:
        baseline.write(report, write)
    if known is not None:
        baseline.apply_baseline(report, known, config)
    return report


# -- a run ----------------------------------------------------------------------------------------
class Pipeline:
    """One run: the rule engine with the stages around it, document by document."""

    def __init__(self, config: Config) -> None:
        self.config = config
        self.engine = Engine(config)  # unknown rule options are refused here, before any reading
        self.scores = Scores(config)

    def check(self, doc: Document, corpus: bool = True) -> tuple[DocumentResult, dict[str, object]]:
        """Languages, then the rules: one document's result and corpus payloads, no run state
        touched (see :meth:`Engine.check`)."""
        return self.engine.check(identify_languages(doc, self.config), corpus=corpus)

    def corpus_payloads(self, doc: Document) -> dict[str, object]:
        """Only the corpus payloads of one document (the first pass of a run in two passes)."""
        return self.engine.corpus_payloads(identify_languages(doc, self.config))

    def merge(self, entries: Iterable, errors: list[InputError]) -> Iterator[DocumentResult]:
        """Fold entries made by :func:`check_entry` in other processes into this run, in document
        order: corpus-rule payloads, notices and reference scores; input errors go to ``errors``."""
        for entry in entries:
            if isinstance(entry, InputError):
                errors.append(entry)
                continue
            result, payloads, notices, streams = entry
            self.engine.absorb(payloads)
            for n in notices:
                self.engine.ctx.notice(n)
            self.scores.add(result, streams)
            yield result

    def report(self, results: list[DocumentResult] | DocumentStore, errors: list[InputError]) -> Report:
        """The report once every document was checked, or merged (see :func:`build_report`)."""
        return build_report(self.engine, results, errors, self.scores)

    def run(self, items: Iterable[Item], jobs: int = 1) -> Report:
        """Check every item; with ``jobs`` > 1, documents are checked by that many forked worker
        processes (see :func:`run_parallel`), while corpus rules, scores and the report are kept in
        this process, in document order.

        Items are documents, input errors, or loaders (callables returning the documents of one
        file, raising :class:`~mtqa.errors.InputProblem`), which workers call themselves."""
        from .parsecache import run_cache

        errors: list[InputError] = []
        results = DocumentStore()  # spooled to disk once the run's documents outgrow memory
        with run_cache():  # a paragraph met again in the run is not parsed again
            if jobs > 1 and can_fork():
                results.extend(run_parallel(self, items, errors, jobs))
            else:
                for entry in prefetched(self, items):
                    if isinstance(entry, InputError):
                        errors.append(entry)
                    else:
                        results.append(self.check_identified(entry))
        return self.report(results, errors)

    def check_identified(self, doc: Document) -> DocumentResult:
        """One document, its languages identified, checked within the run: its findings,
        payloads absorbed, its scores."""
        result, payloads = self.engine.check(doc)
        self.engine.absorb(payloads)
        self.scores.add(result, reference_streams(doc))
        return result


# Documents read ahead in a one-process run, so that the paragraphs their rules will parse are
# parsed in one batch (Context.prefetch): at most this many documents and characters
PREFETCH_DOCUMENTS = 16
PREFETCH_CHARS = 200_000


def windows(items: Iterable[Item]) -> Iterator[list]:
    """The documents and input errors of ``items`` in order, a few documents at a time."""
    window: list = []
    size = 0
    for item in items:
        for entry in expand(item):
            window.append(entry)
            size += len(entry.text) if isinstance(entry, Document) else 0
            if len(window) >= PREFETCH_DOCUMENTS or size >= PREFETCH_CHARS:
                yield window
                window, size = [], 0
    if window:
        yield window


def prefetched(pipeline: Pipeline, items: Iterable[Item]) -> Iterator[Document | InputError]:
    """The documents and input errors of ``items`` in order, the documents' languages
    identified, and the paragraphs their rules will parse parsed a window at a time
    (:meth:`Context.prefetch`)."""
    for window in windows(items):
        pipeline.engine.ctx.prefetch([identify_languages(e, pipeline.config) for e in window if not isinstance(e, InputError)])
        yield from window


def check_entry(pipeline: Pipeline, doc: Document, identified: bool = False) -> tuple:
    """One document checked away from the run's main process: its result, corpus-rule payloads,
    the notices so far and its reference streams, for :meth:`Pipeline.merge`. ``identified``:
    its languages are set already."""
    result, payloads = pipeline.engine.check(doc) if identified else pipeline.check(doc)
    return result, payloads, list(pipeline.engine.ctx.notices), reference_streams(doc)


def expand(item: object) -> list:
    """The documents (or the input error) an item of a run stands for."""
    if isinstance(item, (Document, InputError)):
        return [item]
    try:
        return list(item())  # type: ignore[operator]
    except InputProblem as exc:
        return [InputError(exc.path, exc.message)]


# -- the worker pool (--jobs) ---------------------------------------------------------------------
_WORKER_PIPELINE: Pipeline | None = None


def run_parallel(pipeline: Pipeline, items: Iterable[Item], errors: list[InputError], jobs: int) -> Iterator[DocumentResult]:
    """Check the items in ``jobs`` forked worker processes (each shares the models loaded here
    first); results come back in document order and are merged into ``pipeline``'s run."""
    import multiprocessing

    global _WORKER_PIPELINE
    _WORKER_PIPELINE = pipeline
    preload_models(pipeline.engine)
    window = _Window(IN_FLIGHT_PER_WORKER * jobs)
    try:
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            try:
                batches = pool.imap(_check_in_worker, window.feed(groups(items, WORKER_ITEMS)))
                yield from pipeline.merge((entry for entries in window.drain(batches) for entry in entries), errors)
            finally:
                window.close()  # before the pool closes: it waits for its feeder thread
    finally:
        _WORKER_PIPELINE = None


IN_FLIGHT_PER_WORKER = 4  # groups of items handed to the pool ahead of the results read back, per worker
WORKER_ITEMS = 8  # items a worker is given at once: their documents' parses are made together


def groups(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    group: list[Item] = []
    for item in items:
        group.append(item)
        if len(group) >= size:
            yield group
            group = []
    if group:
        yield group


class _Window:
    """Back-pressure for ``Pool.imap``: its feeder thread takes items as fast as it can, and its
    results wait in memory until they are read, so a folder of a million files would be queued
    whole, and fast workers would pile results up behind a slow main process. Items are handed
    over only while fewer than ``size`` are in flight; reading a result makes room for one."""

    def __init__(self, size: int) -> None:
        import threading

        self._room = threading.Semaphore(size)
        self._closed = threading.Event()

    def feed(self, items: Iterable[Item]) -> Iterator[Item]:
        for item in items:
            while not self._room.acquire(timeout=0.2):
                if self._closed.is_set():
                    return  # the run ended (an error, Ctrl-C): stop feeding so the pool can close
            if self._closed.is_set():
                return
            yield item

    def drain(self, results: Iterable[list]) -> Iterator[list]:
        for entries in results:
            self._room.release()
            yield entries

    def close(self) -> None:
        self._closed.set()


def preload_models(engine: Engine) -> None:
    """Load the models and lexicons the rules need for the configured language once, before
    workers are forked: they share them instead of each building its own (building the French
    tokenizer alone compiles regular expressions for seconds)."""
    lang = engine.config.lang
    if not lang:
        return  # the language of each document is identified in the workers
    from . import nlp

    needs = set().union(*(r.requires for r in engine.rules)) if engine.rules else set()
    if "nlp" in needs:
        try:
            nlp.pipeline(lang, engine.ctx.nlp_needs)
        except nlp.ModelUnavailable:
            return  # reported per document by the workers
    if "lexicon" in needs:
        from . import lexicon

        if lexicon.available(lang):
            lexicon.load(lang)


def _check_in_worker(group: list) -> list:
    """The entries of a group of items, checked in a worker as a one-process run checks them
    (a few documents at a time, their parses made together)."""
    pipeline = _WORKER_PIPELINE
    assert pipeline is not None
    return [e if isinstance(e, InputError) else check_entry(pipeline, e, identified=True) for e in prefetched(pipeline, group)]


def can_fork() -> bool:
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods()
