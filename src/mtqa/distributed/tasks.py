"""What Dask workers run: one archive part at a time, with the pipeline of the local runs.

A worker process keeps one :class:`~mtqa.pipeline.Pipeline` per configuration (a per-process
cache), built with its models and lexicons the first time a task needs it, never once per task.
Nothing here imports Dask: the functions are plain Python and run as they are in tests.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any

from ..config import Config
from ..lint.engine import dedupe
from ..model import InputError, Issue, Report
from ..pipeline import Pipeline, check_entry, preload_models
from ..readers.archive import Fields, Part, read_part

_ENGINES: dict[str, Pipeline] = {}
# a worker started with several threads runs its tasks one at a time: the engine and the
# parser it shares are not meant for concurrent use (start workers with --nthreads 1)
_LOCK = threading.Lock()


def worker_engine(token: str, config: Config) -> Pipeline:
    """This process's pipeline for a configuration (``token`` is a digest of it)."""
    pipeline = _ENGINES.get(token)
    if pipeline is None:
        if len(_ENGINES) >= 4:
            _ENGINES.clear()
        pipeline = Pipeline(config)
        preload_models(pipeline.engine)
        _ENGINES[token] = pipeline
    return pipeline


@dataclass
class PartOutput:
    """A part checked: entries for :meth:`Pipeline.merge` (document results with their corpus
    payloads, or input errors) and its word count."""

    entries: list = field(default_factory=list)
    words: int = 0
    documents: int = 0


def check_part(part: Part, fields: Fields, token: str, config: Config) -> PartOutput:
    """Document rules and corpus payloads of every record of a part."""
    with _LOCK:
        pipeline = worker_engine(token, config)
        out = PartOutput()
        for item in read_part(part, fields):
            if isinstance(item, InputError):
                out.entries.append(item)
                continue
            try:
                entry = check_entry(pipeline, item)
            except Exception as exc:  # one record a rule cannot check is that record's error
                out.entries.append(_check_failed(item.key, exc))
                continue
            out.entries.append(entry)
            out.words += entry[0].word_count
            out.documents += 1
        return out


def payload_part(part: Part, fields: Fields, token: str, config: Config) -> list[dict[str, object]]:
    """First pass of a run in two passes: only the corpus payloads of each record, in order."""
    with _LOCK:
        pipeline = worker_engine(token, config)
        out = []
        for item in read_part(part, fields):
            if isinstance(item, InputError):
                continue  # reported by the second pass
            try:
                out.append(pipeline.corpus_payloads(item))
            except Exception:  # noqa: BLE001 - reported by the second pass
                continue
        return out


@dataclass
class TableOutput:
    """A part checked to the end (corpus findings, quality, gate), as the two Parquet tables."""

    findings: Any
    documents: Any
    errors: list[InputError]
    notices: list[str]
    words: int
    checked: int
    failed: int
    issues: int


def table_part(
    part: Part, fields: Fields, token: str, config: Config, corpus: dict[str, list[Issue]]
) -> TableOutput:
    """Second pass: document rules, the corpus findings learnt by the first pass, scores, quality
    and the gate for every record of a part, returned as Parquet tables."""
    from .. import scoring
    from ..formatters.parquet import tables
    from ..gate import apply_gate

    with _LOCK:
        pipeline = worker_engine(token, config)
        results, errors = [], []
        scorer = None
        for item in read_part(part, fields):
            if isinstance(item, InputError):
                errors.append(item)
                continue
            try:
                result, _ = pipeline.check(item, corpus=False)
                if item.has_refs:
                    hyps, refs, ids = scoring.document_streams(item)
                    if hyps and refs:
                        scorer = scorer or scoring.Scorer.from_config(config)
                        result.scores = scorer.add(hyps, refs, ids=ids)
            except Exception as exc:  # noqa: BLE001
                errors.append(_check_failed(item.key, exc))
                continue
            result.issues = dedupe([*result.issues, *corpus.get(result.key, ())])
            result.text = None  # not written, not sent back
            results.append(result)
        report = Report(results, [], fail_on=config.fail_severity)
        apply_gate(report, config)
        findings, documents = tables(results, errors)
        return TableOutput(
            findings, documents, errors, [*pipeline.engine.ctx.notices, *report.notices],
            words=sum(r.word_count for r in results), checked=len(results),
            failed=sum(1 for r in results if r.gate_failures), issues=findings.num_rows,
        )


def _check_failed(key: str, exc: Exception) -> InputError:
    return InputError(key, f"cannot be checked: {type(exc).__name__}: {exc}")
