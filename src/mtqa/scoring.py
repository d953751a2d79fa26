"""Scores: sacrebleu metrics against references, and a reference-free quality score.

Reference scores
    BLEU, chrF (chrF++ with ``chrf_word_order = 2``) and TER are computed by sacrebleu itself, with
    the same options and defaults as sacrebleu's command line (``--tokenize`` and ``--lowercase``
    apply to BLEU, ``chrf_*`` to chrF, ``ter_*`` to TER), so the figures and signatures are
    sacrebleu's. Each metric's sufficient statistics are extracted once per segment: the corpus
    score aggregates them, a document score aggregates its own segments, and segment scores
    (sentence-level, BLEU with effective order as in ``sacrebleu --sentence-level``) come from the
    same statistics at no extra cost.

Quality score (MQM-style, needs no reference)
    Every finding costs penalty points. By severity: ``info`` 0, ``warning`` = *minor* (1 point),
    ``error`` = *major* (5 points); a rule or a category may set its own weight, a number or
    ``minor`` (1), ``major`` (5), ``critical`` (25). Precedence: rule code, rule name, category,
    severity. With ``P`` the total penalty and ``W`` the word count::

        penalty_per_1000_words = 1000 * P / max(W, 1)
        score = max(0, 100 - penalty_per_1000_words)

    Configured under ``[tool.mtqa.quality]``: ``severities``, ``categories`` and ``rules`` tables.

This module imports no NLP library: ``mtqa score`` and ``mtqa compare`` load only sacrebleu.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, fields, replace
from typing import TYPE_CHECKING, Any

from .errors import ConfigError, InputProblem

if TYPE_CHECKING:
    from .config import Config
    from .model import Document, Issue

METRICS: tuple[str, ...] = ("bleu", "chrf", "ter")
DEFAULT_WEIGHTS = {"info": 0.0, "warning": 1.0, "error": 5.0}
MQM_LEVELS = {"minor": 1.0, "major": 5.0, "critical": 25.0}
QUALITY_TABLES = ("severities", "categories", "rules")


# -- reference scores ---------------------------------------------------------------------------
@dataclass(frozen=True)
class ScoreOptions:
    """Options of the reference metrics, named as sacrebleu's command-line options."""

    metrics: tuple[str, ...] = METRICS
    tokenize: str | None = None  # BLEU tokenizer; None: sacrebleu's default (13a)
    lowercase: bool = False  # BLEU only, as sacrebleu's --lowercase
    chrf_char_order: int = 6
    chrf_word_order: int = 0  # 2: chrF++
    chrf_beta: int = 2
    chrf_lowercase: bool = False
    chrf_whitespace: bool = False
    ter_case_sensitive: bool = False
    ter_normalized: bool = False
    ter_no_punct: bool = False
    segments: bool = False  # also report sentence-level scores

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any], origin: str = "configuration") -> ScoreOptions:
        """Options from a ``[tool.mtqa.scoring]`` table (keys with ``-`` or ``_``)."""
        known = {f.name: f for f in fields(cls)}
        kwargs: dict[str, Any] = {}
        for raw_key, value in data.items():
            key = raw_key.replace("-", "_")
            if key not in known:
                raise ConfigError(f"unknown scoring option {raw_key!r} ({origin}); known: {', '.join(known)}")
            if key == "metrics":
                value = parse_metrics(value)
            elif key == "tokenize":
                value = None if value is None else str(value)
            elif key.startswith("chrf_") and key.endswith(("order", "beta")):
                if isinstance(value, bool) or not isinstance(value, int):
                    raise ConfigError(f"scoring option {raw_key!r} must be an integer ({origin})")
            elif not isinstance(value, bool):
                raise ConfigError(f"scoring option {raw_key!r} must be true or false ({origin})")
            kwargs[key] = value
        return cls(**kwargs).validated()

    def validated(self) -> ScoreOptions:
        if self.tokenize is not None:  # sacrebleu is imported only when there is a name to check
            from sacrebleu.metrics.bleu import BLEU

            if self.tokenize not in BLEU.TOKENIZERS:
                raise ConfigError(f"unknown BLEU tokenizer {self.tokenize!r} (use one of {', '.join(BLEU.TOKENIZERS)})")
        if not self.metrics:
            raise ConfigError("no metric selected (use bleu, chrf, ter)")
        if self.chrf_char_order < 0 or self.chrf_word_order < 0 or self.chrf_char_order + self.chrf_word_order == 0:
            raise ConfigError("chrF needs a positive character or word n-gram order")
        if self.chrf_beta < 1:
            raise ConfigError("chrF beta must be at least 1")
        return self


def parse_metrics(value: str | Iterable[str]) -> tuple[str, ...]:
    """``"bleu,chrf"`` or ``["bleu", "ter"]`` -> ordered, validated metric names."""
    items = re.split(r"[,\s]+", value) if isinstance(value, str) else [str(v) for v in value]
    out: list[str] = []
    for item in (i.strip().lower() for i in items):
        if not item:
            continue
        if item not in METRICS:
            raise ConfigError(f"unknown metric {item!r} (use bleu, chrf, ter)")
        if item not in out:
            out.append(item)
    return tuple(out)


def build_metrics(options: ScoreOptions, *, sentence: bool = False) -> dict[str, Any]:
    """sacrebleu metric objects keyed by our metric name (``bleu``, ``chrf``, ``ter``).

    ``sentence=True`` gives BLEU with effective order, as sacrebleu uses for sentence-level BLEU.
    """
    from sacrebleu.metrics import BLEU, CHRF, TER

    out: dict[str, Any] = {}
    for name in options.metrics:
        if name == "bleu":
            out[name] = BLEU(
                lowercase=options.lowercase, tokenize=options.tokenize, effective_order=sentence, force=True
            )
        elif name == "chrf":
            out[name] = CHRF(
                char_order=options.chrf_char_order, word_order=options.chrf_word_order, beta=options.chrf_beta,
                lowercase=options.chrf_lowercase, whitespace=options.chrf_whitespace,
            )
        else:
            out[name] = TER(
                normalized=options.ter_normalized, no_punct=options.ter_no_punct,
                case_sensitive=options.ter_case_sensitive,
            )
    return out


class Scorer:
    """Reference scores of documents and of the whole run, from per-segment statistics.

    ``add(hyps, refs)`` extracts the statistics of a group of segments (a document) and returns
    its scores; ``corpus()`` aggregates every group added so far, which equals sacrebleu's corpus
    score over all segments.
    """

    def __init__(self, options: ScoreOptions | None = None) -> None:
        self.options = (options or ScoreOptions()).validated()
        self.metrics = build_metrics(self.options)
        self._sentence_bleu = None
        if "bleu" in self.options.metrics:
            self._sentence_bleu = build_metrics(replace(self.options, metrics=("bleu",)), sentence=True)["bleu"]
        self._stats: dict[str, list[list[float]]] = {name: [] for name in self.metrics}
        self._nrefs: set[int] = set()

    @classmethod
    def from_config(cls, config: Config) -> Scorer:
        return cls(ScoreOptions.from_mapping(getattr(config, "scoring", None) or {}, "[tool.mtqa.scoring]"))

    def add(self, hyps: Sequence[str], refs: Sequence[Sequence[str]], *, ids: Sequence[Any] | None = None) -> dict[str, Any]:
        """Scores of one group of segments; ``refs`` is one stream per reference (sacrebleu's shape)."""
        check_streams(hyps, refs)
        stats = {}
        for name, metric in self.metrics.items():
            stats[name] = metric._extract_corpus_statistics(list(hyps), [list(r) for r in refs])
            self._stats[name].extend(stats[name])
        self._nrefs.update(m.num_refs for m in self.metrics.values())
        out = self._result(stats)
        if self.options.segments:
            out["segments"] = self.segment_scores(stats, ids)
            out["segment_signatures"] = self.segment_signatures()
        return out

    def corpus(self) -> dict[str, Any] | None:
        """Scores over every segment added (None if nothing was added)."""
        if not any(self._stats.values()):
            return None
        nrefs = self._nrefs.pop() if len(self._nrefs) == 1 else -1  # -1: "var" in the signature
        self._nrefs = {nrefs}
        for metric in self.metrics.values():
            metric.num_refs = nrefs
        return self._result(self._stats)

    def _result(self, stats: Mapping[str, list[list[float]]]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        names: dict[str, str] = {}
        details = None
        for name, metric in self.metrics.items():
            score = metric._aggregate_and_compute(stats[name])
            out[name] = float(score.score)
            out[f"{name}_signature"] = str(metric.get_signature())
            names[name] = score.name
            if name == "bleu":
                details = score._verbose.strip()
        out["names"] = names
        if details:
            out["bleu_details"] = details
        out["n_segments"] = len(next(iter(stats.values())))
        return out

    def segment_scores(self, stats: Mapping[str, list[list[float]]], ids: Sequence[Any] | None = None) -> list[dict[str, Any]]:
        n = len(next(iter(stats.values())))
        rows: list[dict[str, Any]] = [{"line": ids[i] if ids is not None else i + 1} for i in range(n)]
        for name, metric in self.metrics.items():
            m = self._sentence_bleu if name == "bleu" else metric
            for row, st in zip(rows, stats[name]):
                row[name] = float(m._compute_score_from_stats(st).score)
        return rows

    def segment_signatures(self) -> dict[str, str]:
        sigs = {name: str(m.get_signature()) for name, m in self.metrics.items()}
        if self._sentence_bleu is not None:
            self._sentence_bleu.num_refs = self.metrics["bleu"].num_refs
            sigs["bleu"] = str(self._sentence_bleu.get_signature())
        return sigs


def check_streams(hyps: Sequence[str], refs: Sequence[Sequence[str]]) -> None:
    if not refs:
        raise InputProblem("reference", "no reference given")
    for k, r in enumerate(refs):
        if len(r) != len(hyps):
            raise InputProblem(f"reference {k + 1}", f"has {len(r)} segments but the hypothesis has {len(hyps)}")


def corpus_scores(hyps: list[str], refs: list[list[str]], options: ScoreOptions | None = None) -> dict[str, Any]:
    """sacrebleu corpus scores (and signatures) of aligned hypothesis and reference streams."""
    return Scorer(options).add(hyps, refs)


_BREAK = re.compile(r"\r\n|\r|\n")


def file_lines(text: str) -> list[str]:
    """Lines as the line-aligned reader numbers them (a final line break opens no line)."""
    lines = _BREAK.split(text)
    if lines and lines[-1] == "" and len(lines) > 1:
        lines.pop()
    return lines


def document_streams(doc: Document) -> tuple[list[str], list[list[str]], list[Any]]:
    """The hypothesis lines, reference streams and line ids of a document with references.

    Line-aligned inputs keep every line of the document, blank ones included (a blank output is a
    failed translation and must count, as in sacrebleu); lines are right-stripped as sacrebleu
    does. Other formats score the segments that carry references.
    """
    aligned = doc.meta.get("aligned_refs")
    if aligned:
        hyp_lines = file_lines(doc.text)
        owned = doc.meta.get("lines")
        idx = list(owned) if owned is not None else list(range(len(aligned[0])))
        hyps = [hyp_lines[i].rstrip() if i < len(hyp_lines) else "" for i in idx]
        refs = [[r[i].rstrip() for i in idx] for r in aligned]
        return hyps, refs, [i + 1 for i in idx]
    segs = [p for p in doc.paragraphs if p.refs]
    nrefs = max((len(p.refs) for p in segs), default=0)
    # the view, not the text: markup, escapes and entities of bilingual files are not words
    hyps = [" ".join(doc.view[p.start : p.end].split()) for p in segs]
    refs = [[p.refs[k] if k < len(p.refs) else None for p in segs] for k in range(nrefs)]  # type: ignore[misc]
    return hyps, refs, [p.id if p.id is not None else p.index + 1 for p in segs]


# -- paired significance test -------------------------------------------------------------------
@dataclass
class Comparison:
    """The outcome of a paired test: per system and metric, score, bootstrap mean, CI and p-value."""

    systems: list[str]
    metrics: dict[str, str]  # our metric name -> sacrebleu's name (BLEU, chrF2++, TER)
    signatures: dict[str, str]
    results: dict[str, list[Any]]  # metric -> one sacrebleu Result per system (baseline first)
    n_samples: int
    seed: str
    alpha: float

    def verdict(self, system: int, metric: str) -> str:
        """``better``, ``worse`` or ``same`` (no significant difference) than the baseline.

        Equal scores are ``same`` whatever the p-value: sacrebleu's test gives a system compared
        with itself its smallest p-value, as a zero difference is not attributed to chance.
        """
        res, base = self.results[metric][system], self.results[metric][0]
        if system == 0 or res.p_value is None or res.p_value >= self.alpha or res.score == base.score:
            return "same"
        higher = res.score > base.score
        return "better" if higher == (metric != "ter") else "worse"

    def to_dict(self) -> dict[str, Any]:
        systems = []
        for k, name in enumerate(self.systems):
            row: dict[str, Any] = {"name": name, "baseline": k == 0, "scores": {}}
            for metric in self.metrics:
                r = self.results[metric][k]
                row["scores"][metric] = {
                    "score": float(r.score),
                    "mean": None if r.mean is None else float(r.mean),
                    "ci95": None if r.ci is None else float(r.ci),
                    "p_value": None if r.p_value is None else float(r.p_value),
                    "verdict": None if k == 0 else self.verdict(k, metric),
                }
            systems.append(row)
        return {
            "test": "paired-bootstrap",
            "n_samples": self.n_samples,
            "seed": self.seed,
            "alpha": self.alpha,
            "baseline": self.systems[0],
            "metrics": {m: {"name": n, "signature": self.signatures[m]} for m, n in self.metrics.items()},
            "systems": systems,
        }


def paired_bootstrap(
    systems: Sequence[tuple[str, Sequence[str]]],
    refs: Sequence[Sequence[str]],
    options: ScoreOptions | None = None,
    *,
    n_samples: int = 1000,
    seed: int | None = None,
    alpha: float = 0.05,
    jobs: int = 1,
) -> Comparison:
    """Paired bootstrap resampling of every system against the first, by sacrebleu.

    This is sacrebleu's own test (``sacrebleu --paired-bs``): the same resampled indices for all
    systems, p-value of the difference to the baseline, mean and 95 % confidence interval. The
    seed defaults to sacrebleu's (``SACREBLEU_SEED``, else 12345).
    """
    import os

    from sacrebleu.significance import PairedTest

    if len(systems) < 2:
        raise ConfigError("compare needs at least two systems")
    if n_samples < 1:
        raise ConfigError("the number of bootstrap resamples must be positive")
    if not 0 < alpha < 1:
        raise ConfigError("alpha must be between 0 and 1")
    for _name, hyps in systems:
        check_streams(hyps, refs)
    options = (options or ScoreOptions()).validated()
    metrics = build_metrics(options)
    saved = os.environ.get("SACREBLEU_SEED")
    try:
        if seed is not None:
            os.environ["SACREBLEU_SEED"] = str(seed)
        test = PairedTest(
            [(n, list(h)) for n, h in systems], metrics, references=[list(r) for r in refs],
            test_type="bs", n_samples=n_samples, n_jobs=jobs,
        )
        signatures, scores = test()
        used_seed = str(test._seed).lower()
    finally:
        if seed is not None:
            if saved is None:
                os.environ.pop("SACREBLEU_SEED", None)
            else:
                os.environ["SACREBLEU_SEED"] = saved
    sac_names = [k for k in scores if k != "System"]
    names = dict(zip(metrics, sac_names))
    return Comparison(
        systems=[n for n, _ in systems],
        metrics=names,
        signatures={m: str(signatures[n]) for m, n in names.items()},
        results={m: list(scores[n]) for m, n in names.items()},
        n_samples=test.n_samples,
        seed=used_seed,
        alpha=alpha,
    )


# -- quality score ------------------------------------------------------------------------------
def _weight(value: Any, where: str = "quality") -> float:
    if isinstance(value, str):
        if value.lower() in MQM_LEVELS:
            return MQM_LEVELS[value.lower()]
        raise ConfigError(f"{where}: unknown penalty {value!r} (use a number or minor, major, critical)")
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
        raise ConfigError(f"{where}: penalty must be a non-negative number or minor, major, critical (got {value!r})")
    return float(value)


def validate_quality_config(quality_cfg: Mapping[str, Any]) -> None:
    """Raise ConfigError on an unknown table, severity, category or an invalid weight."""
    from .model import CATEGORIES

    for key, table in quality_cfg.items():
        if key not in QUALITY_TABLES:
            raise ConfigError(f"[tool.mtqa.quality]: unknown key {key!r} (use {', '.join(QUALITY_TABLES)})")
        if not isinstance(table, Mapping):
            raise ConfigError(f"[tool.mtqa.quality]: {key!r} must be a table")
        for name, value in table.items():
            if key == "severities" and name not in DEFAULT_WEIGHTS:
                raise ConfigError(f"[tool.mtqa.quality.severities]: unknown severity {name!r} (use error, warning, info)")
            if key == "categories" and name not in CATEGORIES:
                raise ConfigError(f"[tool.mtqa.quality.categories]: unknown category {name!r}")
            _weight(value, f"[tool.mtqa.quality.{key}] {name}")


def issue_penalty(issue: Issue, quality_cfg: Mapping[str, Any]) -> float:
    """Penalty points of one finding: per rule code, rule name, category, else severity."""
    rules = quality_cfg.get("rules", {})
    cats = quality_cfg.get("categories", {})
    for key in (issue.rule, issue.name):
        if key in rules:
            return _weight(rules[key])
    if issue.category in cats:
        return _weight(cats[issue.category])
    sevs = quality_cfg.get("severities", {})
    if issue.severity.value in sevs:
        return _weight(sevs[issue.severity.value])
    return DEFAULT_WEIGHTS[issue.severity.value]


def quality(issues: Iterable[Issue], word_count: int, quality_cfg: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The quality block of a document: score 0-100, penalty and penalty per 1000 words."""
    cfg = quality_cfg or {}
    total = sum((issue_penalty(i, cfg) for i in issues), 0.0)
    return quality_from_penalty(total, word_count)


def quality_from_penalty(total: float, word_count: int) -> dict[str, Any]:
    per_1000 = total * 1000.0 / max(word_count, 1)
    return {
        "score": round(max(0.0, 100.0 - per_1000), 1),
        "penalty": round(total, 2),
        "penalty_per_1000_words": round(per_1000, 1),
        "words": word_count,
    }
