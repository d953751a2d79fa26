"""The publishing gate: failing severity, quality and score thresholds.

Every document gets a quality block (see :mod:`mtqa.scoring`) and one line per reason it fails
the gate: findings at or above ``fail_on``, a quality score under ``min_quality``, a BLEU or chrF
under ``min_bleu`` / ``min_chrf``, a TER over ``max_ter``. A score threshold with no reference
to score against is a usage error when given on the command line, and a notice when it comes
from a configuration file (the same file may serve runs without references).
"""

from __future__ import annotations

from .config import Config
from .errors import ConfigError
from .model import Report
from .store import update_documents
from .scoring import quality, validate_quality_config

# config key, score key, label, direction (+1: higher is better)
SCORE_THRESHOLDS = (
    ("min_bleu", "bleu", "BLEU", 1),
    ("min_chrf", "chrf", "chrF", 1),
    ("max_ter", "ter", "TER", -1),
)


def _flag(key: str) -> str:
    return "--" + key.replace("_", "-")


def document_failures(doc, q: dict, config: Config) -> list[str]:
    """The reasons one document fails the gate (empty when it passes)."""
    reasons: list[str] = []
    fail_sev = config.fail_severity
    if fail_sev is not None:
        n = sum(1 for i in doc.issues if i.severity.rank >= fail_sev.rank)
        if n:
            reasons.append(f"{n} finding{'s' if n != 1 else ''} at or above '{fail_sev.value}'")
    if config.min_quality is not None and q["score"] < config.min_quality:
        reasons.append(f"quality {q['score']:.1f} < {config.min_quality:g}")
    scores = doc.scores or {}
    for key, metric, label, direction in SCORE_THRESHOLDS:
        limit = getattr(config, key)
        value = scores.get(metric)
        if limit is None or value is None:
            continue
        if (direction > 0 and value < limit) or (direction < 0 and value > limit):
            reasons.append(f"{label} {value:.2f} {'<' if direction > 0 else '>'} {limit:g}")
    return reasons


def apply_gate(report: Report, config: Config) -> None:
    validate_quality_config(config.quality)
    if config.min_quality is not None and not 0 <= config.min_quality <= 100:
        raise ConfigError(f"--min-quality must be between 0 and 100 (got {config.min_quality:g})")
    for key, metric, _label, _direction in SCORE_THRESHOLDS:
        if getattr(config, key) is None:
            continue
        unscored = sum(1 for d in report.documents if not (d.scores and metric in d.scores))
        if not unscored:
            continue
        why = "no reference scores" if not any(d.scores for d in report.documents) else f"{metric} is not computed"
        if config.origins.get(key) == "command line":
            raise ConfigError(f"{_flag(key)} needs reference scores ({why}: use --ref, and keep {metric} in the metrics)")
        report.notices.append(f"{key} ignored for {unscored} document(s): {why}")
    def gate_one(doc) -> None:
        q = quality(doc.issues, doc.word_count, config.quality)
        reasons = document_failures(doc, q, config)
        q["passed"] = not reasons
        doc.quality = q
        doc.gate_failures = reasons

    update_documents(report.documents, gate_one)
