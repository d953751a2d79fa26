"""Checking an archive on a Dask cluster (``mtqa check ARCHIVE --engine dask``).

The archive is cut into parts (:func:`mtqa.readers.archive.plan`); each part is one task that a
worker runs on its own, reading its records itself (:mod:`mtqa.distributed.tasks`). Document
rules run in the task. Corpus rules use the split ``--jobs`` makes: the task returns each
document's compact corpus payload, the client absorbs the payloads in document order (the rules
remember first occurrences, so order matters) and adds the corpus findings at the end; the
report is then the local engine's for the same input.

With ``--format parquet`` the client keeps nothing per document: a first pass collects only the
corpus payloads, the corpus findings are sent to every worker, and a second pass checks each part
to the end (corpus findings, quality, gate) and returns its two Parquet tables, which the client
writes as they come, in order. Without corpus rules the first pass is skipped.

Without ``--scheduler`` a LocalCluster of ``--jobs`` worker processes is started on 127.0.0.1;
with it, the client connects to a running scheduler (``dask scheduler`` and ``dask worker``, or
any deployment: Kubernetes, SLURM, YARN). A worker lost mid-run has its tasks run again by the
scheduler; a task that raises is retried once.
"""

from __future__ import annotations

import hashlib
import pickle
import socket
import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..config import Config
from ..errors import MtqaError
from ..model import InputError, Report
from ..pipeline import Pipeline
from ..readers.archive import Fields, Part, plan
from . import tasks

CONNECT_TIMEOUT = 10  # seconds to reach a scheduler that accepts the connection
WORKER_TIMEOUT = 60  # seconds to wait for a first worker on a scheduler that has none


def require_dask() -> None:
    """One clear line when the extra is not installed."""
    try:
        import distributed  # noqa: F401
        import pyarrow  # noqa: F401
    except ImportError as exc:
        raise MtqaError(f"--engine dask needs dask.distributed and pyarrow ({exc.name} is missing): install mtqa[dask]") from None


@dataclass
class StreamSummary:
    """What a run written to Parquet leaves in memory: counts only."""

    documents: int = 0
    failed: int = 0
    findings: int = 0
    words: int = 0
    errors: list[InputError] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    outputs: tuple[Path, ...] = ()

    @property
    def exit_code(self) -> int:
        return 2 if self.errors else (1 if self.failed else 0)


def _probe(address: str) -> None:
    """Fail fast, in one line, when nothing listens at a tcp:// scheduler address."""
    if not address.startswith("tcp://") and "://" in address:
        return  # other protocols (tls, ucx, inproc): left to the client's own timeout
    hostport = address.split("://", 1)[-1].rstrip("/")
    host, _, port = hostport.rpartition(":")
    if not host or not port.isdigit():
        raise MtqaError(f"--scheduler {address!r}: expected tcp://HOST:PORT")
    try:
        socket.create_connection((host.strip("[]"), int(port)), timeout=CONNECT_TIMEOUT).close()
    except OSError as exc:
        reason = exc.strerror or str(exc) or type(exc).__name__
        raise MtqaError(f"cannot reach the Dask scheduler at {address}: {reason}") from None


@contextmanager
def connect(scheduler: str | None, workers: int) -> Iterator[Any]:
    """A client of the given scheduler, or of a LocalCluster of ``workers`` processes."""
    import logging

    from distributed import Client, LocalCluster

    if scheduler:
        _probe(scheduler)
        try:
            client = Client(scheduler, timeout=CONNECT_TIMEOUT, set_as_default=False)
        except (OSError, TimeoutError) as exc:
            raise MtqaError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None
        try:
            try:
                client.wait_for_workers(1, timeout=WORKER_TIMEOUT)
            except TimeoutError:
                raise MtqaError(f"the Dask scheduler at {scheduler} has no workers (waited {WORKER_TIMEOUT} s)") from None
            yield client
        finally:
            client.close()
        return
    cluster = LocalCluster(
        n_workers=max(1, workers), threads_per_worker=1, processes=True, host="127.0.0.1",
        dashboard_address="127.0.0.1:0", silence_logs=logging.ERROR,
    )
    try:
        with Client(cluster, set_as_default=False) as client:
            yield client
    finally:
        cluster.close()


def _token(config: Config) -> str:
    return hashlib.sha256(pickle.dumps(config)).hexdigest()[:16]


def default_partitions(client: Any) -> int:
    """Eight parts per worker thread: small enough that no worker waits long for the last one,
    large enough to amortise a task (parts are also bounded in size, see the archive reader)."""
    threads = sum(w.get("nthreads", 1) for w in client.scheduler_info(n_workers=-1)["workers"].values())
    return 8 * max(1, threads)


def _in_order(client: Any, futures: list, progress: Any) -> Iterator[Any]:
    """Task results in part order, each fetched once every earlier one was (the client holds
    references to finished parts, their data stays on the workers until its turn)."""
    from distributed import as_completed

    index = {f.key: i for i, f in enumerate(futures)}
    done: dict[int, Any] = {}
    nxt = 0
    for fut in as_completed(futures, loop=client.loop):
        done[index[fut.key]] = fut
        while nxt in done:
            f = done.pop(nxt)
            try:
                value = f.result()
            except MtqaError:
                raise
            except Exception as exc:  # noqa: BLE001 - KilledWorker, a part that failed twice
                raise MtqaError(f"part {nxt + 1} of {len(futures)} failed: {type(exc).__name__}: {exc}") from None
            f.release()
            progress(value)
            yield value
            nxt += 1


@contextmanager
def _progress(total: int, enabled: bool, label: str = "checking parts") -> Iterator[Any]:
    if not enabled:
        yield lambda value: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(
        TextColumn(label), BarColumn(), MofNCompleteColumn(), TextColumn("{task.fields[words]:,} words"),
        TimeElapsedColumn(), console=Console(stderr=True), transient=True,
    ) as bar:
        task = bar.add_task("parts", total=total, words=0)
        words = [0]

        def advance(value: Any) -> None:
            words[0] += getattr(value, "words", 0)
            bar.update(task, advance=1, words=words[0])

        yield advance


def _submit(client: Any, fn: Any, parts: list[Part], *args: Any) -> list:
    run = uuid.uuid4().hex[:12]  # two runs on one cluster never share a task
    return [client.submit(fn, p, *args, key=f"mtqa-{fn.__name__}-{run}-{i}", pure=False, retries=1) for i, p in enumerate(parts)]


def run(
    paths: list[str], config: Config, *, fields: Fields = Fields(), scheduler: str | None = None,
    partitions: int | None = None, workers: int = 2, progress: bool = False, parquet: Path | None = None,
) -> Report | StreamSummary:
    """Check an archive on a cluster: a report like the local engine's, or, with ``parquet``,
    the two tables written there and a :class:`StreamSummary`."""
    require_dask()
    pipeline = Pipeline(config)  # the client's: corpus rules' state, scores, notices, the report
    token = _token(config)
    with connect(scheduler, workers) as client:
        parts, errors = plan(paths, partitions or default_partitions(client))
        if parquet is not None:
            return _run_parquet(client, pipeline, parts, errors, fields, token, config, parquet, progress)
        with _progress(len(parts), progress) as advance:
            futures = _submit(client, tasks.check_part, parts, fields, token, config)
            outputs = _in_order(client, futures, advance)
            results = list(pipeline.merge((e for out in outputs for e in out.entries), errors))
    return pipeline.report(results, errors)


def _run_parquet(
    client: Any, pipeline: Pipeline, parts: list[Part], errors: list[InputError], fields: Fields, token: str,
    config: Config, output: Path, progress: bool,
) -> StreamSummary:
    from ..formatters.parquet import ParquetSink, tables
    from ..lint.rule import CorpusRule

    corpus: dict[str, list] = {}
    if any(isinstance(r, CorpusRule) for r in pipeline.engine.rules):
        with _progress(len(parts), progress, "corpus payloads") as advance:
            for payloads in _in_order(client, _submit(client, tasks.payload_part, parts, fields, token, config), advance):
                for p in payloads:
                    pipeline.engine.absorb(p)
        for key, issue in pipeline.engine.corpus_findings():
            corpus.setdefault(key, []).append(issue)
    shared = client.scatter([corpus], broadcast=True)[0] if corpus else {}  # one copy per worker
    summary = StreamSummary(errors=list(errors))
    with ParquetSink(output) as sink, _progress(len(parts), progress) as advance:
        sink.write(*tables([], errors))
        summary.outputs = sink.paths
        for out in _in_order(client, _submit(client, tasks.table_part, parts, fields, token, config, shared), advance):
            sink.write(out.findings, out.documents)
            summary.documents += out.checked
            summary.failed += out.failed
            summary.findings += out.issues
            summary.words += out.words
            summary.errors.extend(out.errors)
            summary.notices.extend(n for n in out.notices if n not in summary.notices)
    return summary


def stderr_is_terminal() -> bool:
    return sys.stderr.isatty()
