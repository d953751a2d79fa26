"""The publishing gate: failing severity, quality and score thresholds.

Every document gets a quality block, and one line per reason it fails the gate.
"""

from __future__ import annotations

from .config import Config
from .model import Report
from .scoring import quality


def apply_gate(report: Report, config: Config) -> None:
    fail_sev = config.fail_severity
    for doc in report.documents:
        q = quality(doc.issues, doc.word_count, config.quality)
        reasons: list[str] = []
        if fail_sev is not None:
            n = sum(1 for i in doc.issues if i.severity.rank >= fail_sev.rank)
            if n:
                reasons.append(f"{n} finding{'s' if n != 1 else ''} at or above '{fail_sev.value}'")
        if config.min_quality is not None and q["score"] < config.min_quality:
            reasons.append(f"quality {q['score']:.1f} < {config.min_quality:g}")
        s = doc.scores or {}
        if config.min_bleu is not None and "bleu" in s and s["bleu"] < config.min_bleu:
            reasons.append(f"BLEU {s['bleu']:.2f} < {config.min_bleu:g}")
        if config.min_chrf is not None and "chrf" in s and s["chrf"] < config.min_chrf:
            reasons.append(f"chrF {s['chrf']:.2f} < {config.min_chrf:g}")
        if config.max_ter is not None and "ter" in s and s["ter"] > config.max_ter:
            reasons.append(f"TER {s['ter']:.2f} > {config.max_ter:g}")
        q["passed"] = not reasons
        doc.quality = q
        doc.gate_failures = reasons
