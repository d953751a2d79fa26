"""The ``mtqa`` command line (typer).

Usage and input errors print one line on stderr and exit with code 2; ``check`` exits 0 when every
document passes the gate and 1 when one fails.
"""

from __future__ import annotations

import atexit
import gc
import sys
from dataclasses import replace
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from . import __version__
from .errors import MtqaError

app = typer.Typer(
    name="mtqa",
    help="Machine-translation quality checker: lint translated articles, score them against references, gate publishing.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class EngineName(str, Enum):
    local = "local"
    dask = "dask"


class FailOn(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"
    never = "never"


def die(message: str, code: int = 2) -> None:
    typer.echo(f"mtqa: {message}", err=True)
    raise typer.Exit(code)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"mtqa {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")] = False,
) -> None:
    """mtqa: machine-translation quality checks for translated articles."""


def _split(values: Optional[list[str]]) -> list[str]:
    out: list[str] = []
    for v in values or []:
        out.extend(x.strip() for x in v.split(",") if x.strip())
    return out


def build_config(first_input: str | None, config_file: Optional[Path], isolated: bool, **flags: object):
    from .config import load_config

    cfg = load_config(None if first_input in (None, "-") else first_input, config_file, isolated=isolated)
    for key, value in flags.items():
        if value is None or value == [] or value is False:
            continue
        cfg.set(key, value.value if isinstance(value, Enum) else value, "command line")
    return cfg


def write_output(text: str, output: Optional[Path]) -> None:
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    from .fsutil import atomic_write

    try:
        atomic_write(output, text)  # a temporary file, then a rename: never a partial report
    except MtqaError as exc:
        die(str(exc))


@app.command()
def check(
    paths: Annotated[list[str], typer.Argument(help="Files, directories (searched recursively) or - for stdin.")],
    lang: Annotated[Optional[str], typer.Option("--lang", "-l", help="Target language (ISO 639-1); default: each document's dominant language.")] = None,
    source_lang: Annotated[Optional[str], typer.Option("--source-lang", help="Language of the source text.")] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="Output format: text, json, sarif, junit, github, markdown, html.")] = "text",
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write the report to this file instead of stdout.")] = None,
    select: Annotated[Optional[list[str]], typer.Option("--select", "-s", help="Rules to run: code, code prefix (MTQ2), name or category. Repeatable or comma-separated.")] = None,
    ignore: Annotated[Optional[list[str]], typer.Option("--ignore", "-i", help="Rules to skip (same selectors as --select).")] = None,
    fail_on: Annotated[Optional[FailOn], typer.Option("--fail-on", help="Fail the gate on findings at or above this severity (default: error).")] = None,
    source: Annotated[Optional[str], typer.Option("--source", help="Line-aligned source text of a single target file.")] = None,
    ref: Annotated[Optional[list[str]], typer.Option("--ref", "-r", help="Line-aligned reference translation (repeatable).")] = None,
    docids: Annotated[Optional[str], typer.Option("--docids", help="TSV mapping target lines to document ids.")] = None,
    glossary: Annotated[Optional[list[str]], typer.Option("--glossary", "-g", help="Glossary file, CSV/TSV or TBX (repeatable).")] = None,
    pack: Annotated[Optional[list[str]], typer.Option("--pack", help="Extra rule-pack folder (repeatable).")] = None,
    min_confidence: Annotated[Optional[float], typer.Option("--min-confidence", help="Drop untranslated findings below this confidence (0-1).")] = None,
    min_quality: Annotated[Optional[float], typer.Option("--min-quality", help="Fail documents whose quality score is below this.")] = None,
    min_bleu: Annotated[Optional[float], typer.Option("--min-bleu", help="Fail documents whose BLEU is below this.")] = None,
    min_chrf: Annotated[Optional[float], typer.Option("--min-chrf", help="Fail documents whose chrF is below this.")] = None,
    max_ter: Annotated[Optional[float], typer.Option("--max-ter", help="Fail documents whose TER is above this.")] = None,
    segment_scores: Annotated[bool, typer.Option("--segment-scores", help="With --ref: add per-segment BLEU, chrF and TER to each document's scores.")] = False,
    input_format: Annotated[Optional[str], typer.Option("--input-format", help="Force the input format instead of guessing from the extension.")] = None,
    encoding: Annotated[Optional[str], typer.Option("--encoding", help="Encoding of input files without a byte-order mark (default utf-8; e.g. cp1252, latin-1, utf-16).")] = None,
    fix: Annotated[bool, typer.Option("--fix", help="Apply the safe fixes to the input files in place, then report what remains (the only option that modifies input files).")] = False,
    diff: Annotated[bool, typer.Option("--diff", help="Print a unified diff of the safe fixes and change nothing (exit 1 when there is a diff).")] = False,
    unsafe_fixes: Annotated[bool, typer.Option("--unsafe-fixes", help="With --fix or --diff: also replacements of rules below the safe-fix precision, and the first of several.")] = False,
    report_unused_suppressions: Annotated[bool, typer.Option("--report-unused-suppressions", help="List inline suppressions (mtqa-disable, mtqa: ignore) that silenced nothing.")] = False,
    baseline: Annotated[Optional[Path], typer.Option("--baseline", help="Report only findings not in this baseline file.")] = None,
    write_baseline: Annotated[Optional[Path], typer.Option("--write-baseline", help="Save the findings as a baseline file.")] = None,
    config_file: Annotated[Optional[Path], typer.Option("--config", help="Configuration file (default: mtqa.toml or pyproject.toml found above the input).")] = None,
    isolated: Annotated[bool, typer.Option("--isolated", help="Ignore configuration files.")] = False,
    color: Annotated[Optional[bool], typer.Option("--color/--no-color", help="Force colour on or off in the text report.")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print nothing; only the exit code tells.")] = False,
    jobs: Annotated[Optional[int], typer.Option("--jobs", "-j", min=0, help="Worker processes for many documents (0: one per CPU; default 1).")] = None,
    engine: Annotated[EngineName, typer.Option("--engine", help="local: this machine; dask: a Dask cluster, for archives (Parquet or JSON-lines records).")] = EngineName.local,
    scheduler: Annotated[Optional[str], typer.Option("--scheduler", help="With --engine dask: tcp://HOST:PORT of a running scheduler (default: a local cluster of --jobs workers).")] = None,
    partitions: Annotated[Optional[int], typer.Option("--partitions", min=1, help="With --engine dask: parts the archive is cut into (default: 8 per worker).")] = None,
    id_field: Annotated[Optional[str], typer.Option("--id-field", help="Archive records: the field holding the article id (default: id).")] = None,
    text_field: Annotated[Optional[str], typer.Option("--text-field", help="Archive records: the field holding the article text (default: text).")] = None,
) -> None:
    """Check translated texts and report findings; exit 1 when the gate fails."""
    try:
        from . import formatters
        from .api import check_paths

        formatters.get(fmt)  # fail early on an unknown format
        if fmt == "parquet" and output is None and not quiet:
            die("--format parquet writes two tables to files: give -o FILE.parquet")
        cfg = build_config(
            paths[0] if paths else None, config_file, isolated,
            lang=lang, source_lang=source_lang, select=_split(select), ignore=_split(ignore),
            fail_on=fail_on, packs=[str(Path(p).resolve()) for p in pack or []],
            glossaries=[*(str(Path(g)) for g in glossary or [])],
            min_confidence=min_confidence, min_quality=min_quality, min_bleu=min_bleu,
            min_chrf=min_chrf, max_ter=max_ter, jobs=jobs,
        )
        if glossary and cfg.origins.get("glossaries") == "command line":
            # command-line glossaries add to those of the configuration file
            from .config import load_config

            base = load_config(None if paths[0] == "-" else paths[0], config_file, isolated=isolated)
            cfg = replace(cfg, glossaries=[*base.glossaries, *cfg.glossaries])
        if segment_scores:
            cfg.set("scoring", {**cfg.scoring, "segments": True}, "command line")
        if baseline is not None:
            from .baseline import load as load_baseline

            load_baseline(baseline)  # a corrupt baseline is a usage error before any work
        if fix or diff:
            from .fixes import check_fix_options

            check_fix_options(paths, source=source, refs=ref, docids=docids)
        archive_options = (engine, scheduler, partitions, id_field, text_field)
        if engine is EngineName.dask or _is_archive_run(paths, *archive_options):
            if source or ref or docids or input_format:
                die("archives carry their source and references as fields: --source, --ref, --docids and --input-format do not apply")
            report = _check_archive(paths, cfg, *archive_options, fmt=fmt, output=output, quiet=quiet,
                                    baseline=baseline is not None or write_baseline is not None)
        else:
            report = check_paths(paths, cfg, source=source, refs=list(ref or []), fmt=input_format, docids=docids, encoding=encoding, exit_on_interrupt=True,
                                 report_unused_suppressions=report_unused_suppressions)
        if fix or diff:
            from .fixes import run_fixes

            report, fix_lines, diff_text = run_fixes(
                report, cfg, write_files=not diff, unsafe=unsafe_fixes, encoding=encoding, fmt=input_format,
                rerun=lambda: check_paths(paths, cfg, fmt=input_format, encoding=encoding, exit_on_interrupt=True,
                                          report_unused_suppressions=report_unused_suppressions),
            )
            for line in fix_lines:
                typer.echo(f"mtqa: {line}", err=True)
            if diff:
                sys.stdout.write(diff_text)
                raise typer.Exit(1 if diff_text else 0)
        if baseline is not None or write_baseline is not None:
            from .pipeline import baselines

            baselines(report, cfg, write=write_baseline, known=baseline)
    except MtqaError as exc:
        die(str(exc))
        return
    except KeyboardInterrupt:
        die("interrupted", 130)  # workers stop quietly; nothing was written
        return
    for err in report.errors:
        typer.echo(f"mtqa: {err}", err=True)
    if fmt == "parquet" and not quiet:
        from .formatters.parquet import write_report

        try:
            write_report(report, output)  # type: ignore[arg-type]
        except MtqaError as exc:
            die(str(exc))
    elif fmt == "json" and not quiet:
        from .formatters.json_report import write_file, write_json

        # a piece at a time, document by document: a big run's report is never one string
        try:
            if output is None:
                write_json(report, sys.stdout)
                sys.stdout.flush()
            else:
                write_file(report, output)  # a temporary file, then a rename
        except MtqaError as exc:
            die(str(exc))
    elif not quiet:
        text = formatters.render(
            report, fmt, color=color if color is not None else (output is None and sys.stdout.isatty()),
            isatty=output is None and sys.stdout.isatty(),
        )
        write_output(text, output)
    if (fmt != "text" or output is not None) and not quiet:
        for d in report.documents:
            if d.gate_failures:
                typer.echo(f"mtqa: {d.key}: gate failed: {'; '.join(d.gate_failures)}", err=True)
    code = report.exit_code
    if write_baseline is not None and code == 1:
        code = 0  # recording a baseline accepts today's findings: the step succeeds
    raise typer.Exit(code)


def _is_archive_run(paths: list[str], engine, scheduler, partitions, id_field, text_field) -> bool:
    """Archive records are read when the Dask engine or an archive option is asked for, or when
    an input is a Parquet file or a URL."""
    from .readers.archive import PARQUET_EXTENSIONS

    if scheduler or partitions or id_field or text_field:
        return True
    return any(p.lower().endswith(PARQUET_EXTENSIONS) or ("://" in p and not p.startswith("file://")) for p in paths)


def _check_archive(paths, cfg, engine, scheduler, partitions, id_field, text_field, *, fmt, output, quiet, baseline):
    """Check archive records, on this machine or on a Dask cluster. A Dask run written to Parquet
    keeps no report: it ends here with its exit code."""
    import os

    from .readers.archive import Fields, iter_documents

    fields = Fields(id=id_field or "id", text=text_field or "text")
    jobs = cfg.jobs if cfg.jobs > 0 else (os.cpu_count() or 1)
    if engine is EngineName.local:
        if scheduler or partitions:
            die("--scheduler and --partitions need --engine dask")
        from .pipeline import Pipeline

        return Pipeline(cfg).run(iter_documents(paths, fields), jobs=jobs)
    from . import distributed

    distributed.require_dask()
    stream = fmt == "parquet" and not quiet
    if stream and baseline:
        die("--baseline and --write-baseline need the whole report: use --format json with --engine dask")
    result = distributed.run(
        paths, cfg, fields=fields, scheduler=scheduler, partitions=partitions, workers=jobs,
        progress=not quiet and sys.stderr.isatty(), parquet=output if stream else None,
    )
    if not isinstance(result, distributed.StreamSummary):
        return result
    for err in result.errors:
        typer.echo(f"mtqa: {err}", err=True)
    for n in result.notices:
        typer.echo(f"mtqa: {n}", err=True)
    written = " and ".join(str(p) for p in result.outputs)
    typer.echo(
        f"mtqa: {result.documents} documents, {result.words} words, {result.findings} findings, "
        f"{result.failed} failed the gate, {len(result.errors)} input errors; wrote {written}",
        err=True,
    )
    raise typer.Exit(result.exit_code)


@app.command("rules")
def rules_cmd(
    fmt: Annotated[str, typer.Option("--format", "-f", help="text or json")] = "text",
    select: Annotated[Optional[list[str]], typer.Option("--select", "-s", help="Only rules matching these selectors.")] = None,
) -> None:
    """List every rule: code, name, category, default severity, what it needs."""
    from .lint.registry import all_rules, matches

    try:
        sel = _split(select)
        rows = [r for r in all_rules() if not sel or any(matches(r, t) for t in sel)]
    except MtqaError as exc:
        die(str(exc))
        return
    if fmt == "json":
        import json

        typer.echo(json.dumps([r.meta() for r in rows], ensure_ascii=False, indent=2))
        return
    from rich.console import Console
    from rich.table import Table

    # as wide as the terminal (COLUMNS, else 80 when not a terminal): a table when there is room,
    # else one line per rule with its summary wrapped under it
    console = Console(soft_wrap=False, highlight=False)
    width = console.width
    rows_text = []
    for r in rows:
        needs = ", ".join(sorted(r.requires)) or "-"
        if not r.default_enabled:
            needs += " (off by default)"
        rows_text.append((r.code, r.name, r.category, r.severity.value, needs, r.summary()))
    if width >= 120:
        table = Table(show_edge=False, pad_edge=False)
        for col in ("code", "name", "category", "severity", "needs", "summary"):
            table.add_column(col, overflow="fold", no_wrap=col != "summary")
        for row in rows_text:
            table.add_row(*row)
        console.print(table)
        return
    import textwrap

    for code, name, category, severity, needs, summary in rows_text:
        console.print(f"{code}  {name}  ({category}, {severity}; needs {needs})", markup=False, overflow="fold")
        for line in textwrap.wrap(summary, width=max(20, width - 4)):
            console.print("    " + line, markup=False)


@app.command()
def explain(code: Annotated[str, typer.Argument(help="Rule code or name, e.g. MTQ401 or boilerplate.")]) -> None:
    """Show a rule's documentation with examples."""
    from .lint.registry import get_rule
    from .lint.rule import DOC_SECTIONS

    try:
        rule = get_rule(code)
    except MtqaError as exc:
        die(str(exc))
        return
    sections = rule.doc_sections()
    from rich.console import Console
    from rich.text import Text

    con = Console(width=100)
    con.print(Text(f"{rule.code} {rule.name}", style="bold") + Text(f"  ({rule.category}, {rule.severity.value})", style="dim"))
    con.print(sections.get("summary", ""), markup=False)
    for s in DOC_SECTIONS:
        if sections.get(s):
            con.print()
            con.print(Text(s, style="bold underline"))
            con.print(sections[s], highlight=False, markup=False)
    needs = ", ".join(sorted(rule.requires)) or "nothing"
    con.print()
    con.print(Text(f"Needs: {needs}. Scope: {rule.scope}.", style="dim"))
    con.print(Text(f"Defined in {rule.__module__} (class {rule.__name__}).", style="dim"))
    from .precision import measured

    m = measured(rule.code, "fr")
    con.print(
        Text(
            f"Measured precision on real machine translation into French: {m.precision:.2f} "
            f"({m.judged} judged findings; {m.data})"
            + (f", {m.pooled:.2f} on both halves ({m.pooled_judged})." if m.pooled is not None else ".")
            if m else
            "Not yet measured on real machine translation (no judged findings).",
            style="dim",
        )
    )


@app.command("config")
def config_cmd(
    path: Annotated[Optional[str], typer.Argument(help="Where to look for the configuration (default: here).")] = None,
    config_file: Annotated[Optional[Path], typer.Option("--config", help="Configuration file to read.")] = None,
) -> None:
    """Show the effective configuration and where each value comes from."""
    from .config import load_config

    try:
        cfg = load_config(path or ".", config_file)
    except MtqaError as exc:
        die(str(exc))
        return
    typer.echo(f"configuration file: {cfg.config_file or '(none found; defaults)'}")
    for key, value, origin in cfg.effective():
        typer.echo(f"{key:16} = {value!r:40}  # {origin}")


@app.command("packs")
def packs_cmd() -> None:
    """List the rule packs (data files per language) and where they are read from."""
    from . import packs

    for d in packs.pack_dirs():
        typer.echo(f"{d}:")
        if not d.is_dir():
            continue
        for lang_dir in sorted(p for p in d.iterdir() if p.is_dir()):
            files = sorted(f.name for f in lang_dir.iterdir() if f.is_file())
            typer.echo(f"  {lang_dir.name}: {', '.join(files)}")


def _load_commands() -> None:
    import importlib
    import pkgutil

    from . import commands

    for mod in pkgutil.iter_modules(commands.__path__):
        importlib.import_module(f"{commands.__name__}.{mod.name}")


_load_commands()


# The collector's thresholds for a command-line run. mtqa builds its models once and keeps them
# (spaCy's pipeline, the lexicon, the verb table: millions of objects); with Python's defaults
# (700, 10, 10) the cycle collector walks them again and again, a tenth to a fifth of the CPU
# time of a one-article check. Collecting after 50,000 new objects instead of 700 leaves
# short-lived cycles a little longer (a few MiB at most) and costs a fraction of that. Set by
# the command line only: a program that imports mtqa keeps its own settings.
GC_THRESHOLDS = (50_000, 20, 10)


def run() -> None:
    """Entry point: never show a traceback for usage and input errors."""
    gc.set_threshold(*GC_THRESHOLDS)
    # At exit, after the atexit handlers, the interpreter runs one last full collection over
    # every object still alive: the models, the lexicon and the memos, millions of objects and
    # nothing to collect (a fifth of a one-article check, half a second after 80 documents).
    # Frozen objects are left out of it. Registered first, the freeze runs after every other
    # handler (the worker pool's, temporary files'), when the run has written everything; the
    # objects are then freed as modules are cleared, as before. Pool workers end with os._exit
    # and never get here.
    atexit.register(gc.freeze)
    try:
        app()
    except MtqaError as exc:
        typer.echo(f"mtqa: {exc}", err=True)
        sys.exit(2)
    except KeyboardInterrupt:
        typer.echo("mtqa: interrupted", err=True)
        sys.exit(130)


if __name__ == "__main__":
    run()
