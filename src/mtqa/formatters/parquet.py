"""Parquet output: a findings table and a per-document table, for dashboards and SQL engines
(DuckDB, Spark, BigQuery read them as they are).

``-o findings.parquet`` writes two files:

- ``findings.parquet``, one row per finding: ``document`` (the document key, ``FILE#ID``),
  ``path``, ``doc_id``, ``rule``, ``name``, ``category``, ``severity``, ``start``, ``end``,
  ``line``, ``column``, ``text``, ``message`` and ``replacement`` (the first replacement text,
  null when the finding has none);
- ``findings.documents.parquet``, one row per document: ``document``, ``path``, ``doc_id``,
  ``language``, ``words``, ``findings``, ``quality``, ``passed``, ``bleu``, ``chrf`` and ``ter``
  (against the record's references; null without) and ``error`` (the input error of a record
  that could not be read or checked; its other columns are then null).

Both are written a batch of documents at a time (one row group per batch), so that a run over
an archive never holds all its findings in memory (see :mod:`mtqa.distributed`). Needs pyarrow
(``mtqa[dask]``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..errors import ConfigError, MtqaError
from ..model import DocumentResult, InputError, Report
from . import register
from ._common import replacements


SCORE_COLUMNS = ("bleu", "chrf", "ter")  # reference scores of the document, null without references


def _pa():
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise MtqaError("--format parquet needs pyarrow: install mtqa[dask]") from None
    return pa, pq


def schemas():
    pa, _ = _pa()
    findings = pa.schema([
        ("document", pa.string()), ("path", pa.string()), ("doc_id", pa.string()),
        ("rule", pa.string()), ("name", pa.string()), ("category", pa.string()), ("severity", pa.string()),
        ("start", pa.int64()), ("end", pa.int64()), ("line", pa.int64()), ("column", pa.int64()),
        ("text", pa.string()), ("message", pa.string()), ("replacement", pa.string()),
    ])
    documents = pa.schema([
        ("document", pa.string()), ("path", pa.string()), ("doc_id", pa.string()), ("language", pa.string()),
        ("words", pa.int64()), ("findings", pa.int64()), ("quality", pa.float64()), ("passed", pa.bool_()),
        *((metric, pa.float64()) for metric in SCORE_COLUMNS), ("error", pa.string()),
    ])
    return findings, documents


def tables(results: list[DocumentResult], errors: list[InputError] = ()) -> tuple[Any, Any]:
    """The findings and documents tables of checked documents (quality and gate applied) and of
    input errors."""
    pa, _ = _pa()
    f_schema, d_schema = schemas()
    f_rows: dict[str, list] = {name: [] for name in f_schema.names}
    d_rows: dict[str, list] = {name: [] for name in d_schema.names}
    for d in results:
        for i in d.issues:
            first = replacements(i)
            for name, value in (
                ("document", d.key), ("path", d.path), ("doc_id", d.doc_id), ("rule", i.rule), ("name", i.name),
                ("category", i.category), ("severity", i.severity.value), ("start", i.start), ("end", i.end),
                ("line", i.line), ("column", i.column), ("text", i.text), ("message", i.message),
                ("replacement", first[0] if first else None),
            ):
                f_rows[name].append(value)
        q = d.quality or {}
        for name, value in (
            ("document", d.key), ("path", d.path), ("doc_id", d.doc_id), ("language", d.target_language),
            ("words", d.word_count), ("findings", len(d.issues)), ("quality", q.get("score")),
            ("passed", not d.gate_failures), ("error", None),
            *((metric, (d.scores or {}).get(metric)) for metric in SCORE_COLUMNS),
        ):
            d_rows[name].append(value)
    for e in errors:
        path, _, doc_id = e.path.partition("#")
        for name in d_schema.names:
            d_rows[name].append(None)
        d_rows["document"][-1] = e.path
        d_rows["path"][-1] = path
        d_rows["doc_id"][-1] = doc_id or None
        d_rows["passed"][-1] = False
        d_rows["error"][-1] = e.message
    return pa.table(f_rows, schema=f_schema), pa.table(d_rows, schema=d_schema)


def documents_path(output: Path) -> Path:
    """Where the documents table goes: ``findings.parquet`` -> ``findings.documents.parquet``."""
    suffix = output.suffix or ".parquet"
    return output.with_name(f"{output.stem if output.suffix else output.name}.documents{suffix}")


class ParquetSink:
    """Both tables, written batch by batch; ``close()`` writes the footers (and empty tables when
    nothing was written)."""

    def __init__(self, output: Path) -> None:
        _, pq = _pa()
        self.paths = (Path(output), documents_path(Path(output)))
        f_schema, d_schema = schemas()
        try:
            self.paths[0].parent.mkdir(parents=True, exist_ok=True)
            self.writers = (pq.ParquetWriter(str(self.paths[0]), f_schema), pq.ParquetWriter(str(self.paths[1]), d_schema))
        except OSError as exc:
            raise MtqaError(f"cannot write {output}: {exc.strerror or exc}") from None

    def write(self, findings: Any, documents: Any) -> None:
        try:
            for writer, table in zip(self.writers, (findings, documents)):
                if table.num_rows:
                    writer.write_table(table)
        except OSError as exc:
            raise MtqaError(f"cannot write {self.paths[0]}: {exc.strerror or exc}") from None

    def close(self) -> None:
        for writer in self.writers:
            writer.close()

    def __enter__(self) -> ParquetSink:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def write_report(report: Report, output: Path) -> None:
    """A whole report (the local engine's) as the two tables."""
    with ParquetSink(output) as sink:
        sink.write(*tables(report.documents, report.errors))


@register("parquet")
def render_parquet(report: Report, options: dict[str, Any]) -> str:
    raise ConfigError("--format parquet writes files, not text: give -o FILE.parquet")
