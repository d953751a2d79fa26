"""``mtqa score`` and ``mtqa compare``: sacrebleu metrics against references.

Only typer and sacrebleu are imported on this path (no NLP library, no rule registry), so scoring
costs about what sacrebleu's own command line costs.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from .. import __version__
from ..cli import app, die, write_output
from ..errors import MtqaError

_FORMATS = ("text", "json")

# Options shared by score and compare (sacrebleu's names).
Refs = Annotated[list[str], typer.Option("--ref", "-r", help="Line-aligned reference translation (repeat for several references).")]
Metrics = Annotated[Optional[list[str]], typer.Option("--metrics", "-m", help="Metrics: bleu, chrf, ter (repeatable or comma-separated; default: all three).")]
Tokenize = Annotated[Optional[str], typer.Option("--tokenize", "-tok", help="BLEU tokenizer: 13a (default), intl, char, none, zh, ...")]
Lowercase = Annotated[bool, typer.Option("--lowercase", "-lc", help="Case-insensitive BLEU.")]
ChrfWordOrder = Annotated[Optional[int], typer.Option("--chrf-word-order", "-cw", help="chrF word n-gram order (2: chrF++; default 0).")]
ChrfCharOrder = Annotated[Optional[int], typer.Option("--chrf-char-order", "-cc", help="chrF character n-gram order (default 6).")]
ChrfBeta = Annotated[Optional[int], typer.Option("--chrf-beta", help="chrF recall weight (default 2).")]
ChrfLowercase = Annotated[bool, typer.Option("--chrf-lowercase", help="Case-insensitive chrF.")]
ChrfWhitespace = Annotated[bool, typer.Option("--chrf-whitespace", help="Keep whitespace in chrF character n-grams.")]
TerCase = Annotated[bool, typer.Option("--ter-case-sensitive", help="Case-sensitive TER.")]
TerNormalized = Annotated[bool, typer.Option("--ter-normalized", help="TER with basic normalisation and tokenisation.")]
TerNoPunct = Annotated[bool, typer.Option("--ter-no-punct", help="TER without punctuation.")]
Fmt = Annotated[str, typer.Option("--format", "-f", help="Output format: text or json.")]
Output = Annotated[Optional[Path], typer.Option("--output", "-o", help="Write the result to this file instead of stdout.")]
ConfigFile = Annotated[Optional[Path], typer.Option("--config", help="Configuration file ([tool.mtqa.scoring] holds default options).")]
Isolated = Annotated[bool, typer.Option("--isolated", help="Ignore configuration files.")]
Width = Annotated[int, typer.Option("--width", "-w", help="Decimals in the text output.")]


def _read_lines(path: str) -> list[str]:
    from .. import readers
    from ..scoring import file_lines

    return [line.rstrip() for line in file_lines(readers.decode(readers.read_bytes(path), path))]


def _options(first_input: str, config_file: Optional[Path], isolated: bool, **flags: Any):
    """Score options: [tool.mtqa.scoring] of the configuration, then the command-line flags."""
    from ..cli import _split
    from ..config import load_config
    from ..scoring import ScoreOptions

    cfg = load_config(None if first_input == "-" else first_input, config_file, isolated=isolated)
    data = dict(cfg.scoring)
    metrics = _split(flags.pop("metrics"))
    if metrics:
        data["metrics"] = metrics
    for key, value in flags.items():
        if value is not None and value is not False:
            data[key] = value
    return ScoreOptions.from_mapping(data, cfg.config_file or "command line")


_METRIC_FLAGS = (
    "metrics", "tokenize", "lowercase", "chrf_word_order", "chrf_char_order", "chrf_beta", "chrf_lowercase",
    "chrf_whitespace", "ter_case_sensitive", "ter_normalized", "ter_no_punct", "segments",
)


def _metric_flags(params: dict[str, Any]) -> dict[str, Any]:
    """The metric options among a command's parameters (score and compare share them)."""
    out = {k: params[k] for k in _METRIC_FLAGS if k in params}
    out.setdefault("metrics", None)
    return out


def _read_refs(refs: list[str], n: int, target: str) -> list[list[str]]:
    from ..errors import InputProblem

    if not refs:
        raise InputProblem(target, "no reference given (use --ref)")
    out = []
    for r in refs:
        lines = _read_lines(r)
        if len(lines) != n:
            raise InputProblem(r, f"has {len(lines)} lines but {target} has {n}")
        out.append(lines)
    return out


def _check_format(fmt: str) -> None:
    if fmt not in _FORMATS:
        die(f"unknown format {fmt!r} (use text or json)")


@app.command()
def score(
    hyp: Annotated[str, typer.Argument(help="Line-aligned hypothesis (machine translation), or - for stdin.")],
    ref: Refs,
    metrics: Metrics = None,
    tokenize: Tokenize = None,
    lowercase: Lowercase = False,
    chrf_word_order: ChrfWordOrder = None,
    chrf_char_order: ChrfCharOrder = None,
    chrf_beta: ChrfBeta = None,
    chrf_lowercase: ChrfLowercase = False,
    chrf_whitespace: ChrfWhitespace = False,
    ter_case_sensitive: TerCase = False,
    ter_normalized: TerNormalized = False,
    ter_no_punct: TerNoPunct = False,
    segments: Annotated[bool, typer.Option("--segments", help="Also score every segment (sentence-level).")] = False,
    fmt: Fmt = "text",
    width: Width = 2,
    output: Output = None,
    config_file: ConfigFile = None,
    isolated: Isolated = False,
) -> None:
    """Score a translation against references: BLEU, chrF (chrF++) and TER with sacrebleu signatures."""
    _check_format(fmt)
    try:
        from ..scoring import Scorer

        options = _options(hyp, config_file, isolated, **_metric_flags(locals()))
        hyps = _read_lines(hyp)
        refs = _read_refs(ref, len(hyps), hyp)
        result = Scorer(options).add(hyps, refs)
    except MtqaError as exc:
        die(str(exc))
        return
    if fmt == "json":
        data = {"tool": {"name": "mtqa", "version": __version__}, "hypothesis": hyp, "references": list(ref), "scores": result}
        write_output(json.dumps(data, ensure_ascii=False, indent=2) + "\n", output)
    else:
        write_output(render_scores(hyp, len(ref), result, width), output)


def render_scores(hyp: str, nrefs: int, result: dict[str, Any], width: int = 2) -> str:
    names = result["names"]
    pad = max(len(n) for n in names.values())
    lines = [f"{hyp}: {result['n_segments']} segments, {nrefs} reference{'s' if nrefs != 1 else ''}"]
    for metric, name in names.items():
        lines.append(f"{name:<{pad}}  {result[metric]:6.{width}f}  {result[metric + '_signature']}")
        if metric == "bleu" and result.get("bleu_details"):
            lines.append(f"{'':<{pad}}  {'':6}  {result['bleu_details']}")
    if "segments" in result:
        lines.append("")
        lines.append("line  " + "  ".join(f"{names[m]:>7}" for m in names))
        for row in result["segments"]:
            lines.append(f"{row['line']:<4}  " + "  ".join(f"{row[m]:7.{width}f}" for m in names))
        lines.append("segment signatures: " + "; ".join(f"{names[m]} {s}" for m, s in result["segment_signatures"].items()))
    return "\n".join(lines) + "\n"


def _system_names(paths: list[str]) -> list[str]:
    names = [Path(p).name for p in paths]
    return names if len(set(names)) == len(names) else list(paths)


@app.command()
def compare(
    systems: Annotated[list[str], typer.Argument(help="Two or more line-aligned system outputs; the first is the baseline.")],
    ref: Refs,
    metrics: Metrics = None,
    n_samples: Annotated[int, typer.Option("--n-samples", "-n", help="Bootstrap resamples.")] = 1000,
    seed: Annotated[Optional[int], typer.Option("--seed", help="Random seed (default: SACREBLEU_SEED, else 12345).")] = None,
    alpha: Annotated[float, typer.Option("--alpha", help="Significance level of the verdicts.")] = 0.05,
    jobs: Annotated[int, typer.Option("--jobs", "-j", help="Worker processes (0: automatic).")] = 1,
    tokenize: Tokenize = None,
    lowercase: Lowercase = False,
    chrf_word_order: ChrfWordOrder = None,
    chrf_char_order: ChrfCharOrder = None,
    chrf_beta: ChrfBeta = None,
    chrf_lowercase: ChrfLowercase = False,
    chrf_whitespace: ChrfWhitespace = False,
    ter_case_sensitive: TerCase = False,
    ter_normalized: TerNormalized = False,
    ter_no_punct: TerNoPunct = False,
    fmt: Fmt = "text",
    width: Width = 2,
    output: Output = None,
    config_file: ConfigFile = None,
    isolated: Isolated = False,
) -> None:
    """Which system is better: paired bootstrap resampling (sacrebleu's) against the first system."""
    _check_format(fmt)
    try:
        from ..scoring import paired_bootstrap

        options = _options(systems[0], config_file, isolated, **_metric_flags(locals()))
        if len(systems) < 2:
            die("compare needs at least two system outputs")
            return
        hyps = [_read_lines(p) for p in systems]
        refs = _read_refs(ref, len(hyps[0]), systems[0])
        for p, h in zip(systems[1:], hyps[1:]):
            if len(h) != len(hyps[0]):
                die(f"{p}: has {len(h)} lines but {systems[0]} has {len(hyps[0])}")
        result = paired_bootstrap(
            list(zip(_system_names(systems), hyps)), refs, options,
            n_samples=n_samples, seed=seed, alpha=alpha, jobs=jobs,
        )
    except MtqaError as exc:
        die(str(exc))
        return
    if fmt == "json":
        data = {"tool": {"name": "mtqa", "version": __version__}, "references": list(ref), **result.to_dict()}
        write_output(json.dumps(data, ensure_ascii=False, indent=2) + "\n", output)
    else:
        write_output(render_comparison(result, width), output)


def render_comparison(result, width: int = 2) -> str:
    """A table: score (bootstrap mean ± 95 % CI) and p-value per system and metric, then verdicts."""
    metrics = result.metrics
    header = ["system", *(metrics[m] for m in metrics)]
    rows = []
    for k, name in enumerate(result.systems):
        cells = [f"{name} (baseline)" if k == 0 else name]
        for m in metrics:
            r = result.results[m][k]
            cell = f"{r.score:.{width}f}"
            if r.mean is not None:
                cell += f" ({r.mean:.{width}f} ± {r.ci:.{width}f})"
            if k:
                star = "*" if result.verdict(k, m) != "same" else " "
                cell += f"  p = {r.p_value:.4f}{star}"
            cells.append(cell)
        rows.append(cells)
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    out = [
        f"Paired bootstrap resampling: {result.n_samples} resamples, seed {result.seed}, "
        f"baseline {result.systems[0]}",
        "",
        "  ".join(h.ljust(w) for h, w in zip(header, widths)).rstrip(),
        "  ".join("-" * w for w in widths),
    ]
    out += ["  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in rows]
    out.append(f"score (bootstrap mean ± 95% CI); * significant difference to the baseline, p < {result.alpha:g}")
    out.append("")
    for k, name in enumerate(result.systems[1:], start=1):
        parts = []
        for m in metrics:
            r, b = result.results[m][k], result.results[m][0]
            v = result.verdict(k, m)
            word = {"better": "better", "worse": "worse", "same": "no significant difference"}[v]
            parts.append(f"{metrics[m]} {r.score - b.score:+.{width}f} {word} (p = {r.p_value:.4f})")
        out.append(f"{name} vs {result.systems[0]}: " + "; ".join(parts))
    out.append("")
    out += [f"{metrics[m]} signature: {s}" for m, s in result.signatures.items()]
    return "\n".join(out) + "\n"
