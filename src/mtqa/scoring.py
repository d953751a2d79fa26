"""Scores: sacrebleu metrics against references, and a reference-free quality score.

Quality score (MQM-style): every finding costs penalty points by severity — ``warning`` counts as
a *minor* error (1 point), ``error`` as a *major* one (5 points), ``info`` costs nothing — and rules
or categories may set their own weight (a rule whose findings are critical, say 25). The sum is
normalised per 1000 words and the score is ``max(0, 100 - penalty_per_1000_words)``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .config import Config
    from .model import Document, Issue

DEFAULT_WEIGHTS = {"info": 0.0, "warning": 1.0, "error": 5.0}
MQM_LEVELS = {"minor": 1.0, "major": 5.0, "critical": 25.0}


def _weight(value: Any) -> float:
    if isinstance(value, str):
        if value.lower() in MQM_LEVELS:
            return MQM_LEVELS[value.lower()]
        raise ValueError(f"unknown penalty {value!r} (use a number or minor, major, critical)")
    return float(value)


def issue_penalty(issue: Issue, quality_cfg: dict[str, Any]) -> float:
    """Penalty points of one finding: per rule, else per category, else per severity."""
    rules = quality_cfg.get("rules", {})
    cats = quality_cfg.get("categories", {})
    sev = {**DEFAULT_WEIGHTS, **{k: _weight(v) for k, v in quality_cfg.get("severities", {}).items()}}
    if issue.rule in rules:
        return _weight(rules[issue.rule])
    if issue.name in rules:
        return _weight(rules[issue.name])
    if issue.category in cats:
        return _weight(cats[issue.category])
    return sev[issue.severity.value]


def quality(issues: list[Issue], word_count: int, quality_cfg: dict[str, Any] | None = None) -> dict[str, Any]:
    cfg = quality_cfg or {}
    total = sum(issue_penalty(i, cfg) for i in issues)
    per_1000 = total * 1000.0 / max(word_count, 1)
    return {
        "score": round(max(0.0, 100.0 - per_1000), 1),
        "penalty": round(total, 2),
        "penalty_per_1000_words": round(per_1000, 1),
    }


def document_scores(doc: Document, config: Config) -> dict[str, Any] | None:
    """BLEU, chrF and TER of a document's segments against their aligned references."""
    segs = [p for p in doc.paragraphs if p.refs]
    if not segs:
        return None
    hyps = [doc.text[p.start : p.end] for p in segs]
    nrefs = max(len(p.refs) for p in segs)
    refs = [[p.refs[k] if k < len(p.refs) else "" for p in segs] for k in range(nrefs)]
    return corpus_scores(hyps, refs)


def corpus_scores(hyps: list[str], refs: list[list[str]], **options: Any) -> dict[str, Any]:
    from sacrebleu.metrics import BLEU, CHRF, TER

    out: dict[str, Any] = {}
    for key, metric in (("bleu", BLEU()), ("chrf", CHRF()), ("ter", TER())):
        res = metric.corpus_score(hyps, refs)
        out[key] = round(res.score, 4)
        out[f"{key}_signature"] = str(metric.get_signature())
    return out
