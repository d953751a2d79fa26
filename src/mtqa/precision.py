"""Measured precision of rules on real machine translation, from the rule pack's ``precision.yaml``.

The figures are data (``rules/<lang>/precision.yaml``), written by ``bench/real_mt_eval.py`` from
judged findings; ``mtqa explain`` shows them and fixes are applied without asking only for rules
measured at :data:`SAFE_FIX_PRECISION` or above.
"""

from __future__ import annotations

from dataclasses import dataclass

import yaml

from .packs import pack_cache, pack_files

SAFE_FIX_PRECISION = 0.95
SAFE_FIX_JUDGED = 5
"""Judged findings a rule needs (on both halves) before its precision can make its fixes safe:
one or two right findings are not evidence enough to rewrite text without asking."""


@dataclass(frozen=True)
class Measured:
    precision: float  # on the held-out half (both halves when it had too few findings)
    judged: int
    data: str
    pooled: float | None = None  # on both halves
    pooled_judged: int | None = None

    @property
    def conservative(self) -> float:
        """The lower of the held-out and the pooled precision: what severities and fixes go by."""
        return self.precision if self.pooled is None else min(self.precision, self.pooled)


@pack_cache
def _table(lang: str) -> dict[str, Measured]:
    out: dict[str, Measured] = {}
    for f in pack_files(lang, "precision.yaml"):
        try:
            doc = yaml.load(f.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {}
        except yaml.YAMLError:
            continue
        data = str(doc.get("data", ""))
        for code, row in (doc.get("rules") or {}).items():
            try:
                pooled = row.get("pooled")
                out[str(code)] = Measured(
                    float(row["precision"]), int(row["judged"]), str(row.get("data", data)),
                    None if pooled is None else float(pooled),
                    None if row.get("pooled_judged") is None else int(row["pooled_judged"]),
                )
            except (KeyError, TypeError, ValueError):
                continue
    return out


def measured(code: str, lang: str = "fr") -> Measured | None:
    """The measured precision of rule ``code`` for target language ``lang``, if it was measured."""
    return _table(lang).get(code)


def safe_to_fix(code: str, lang: str = "fr") -> bool:
    """True when rule ``code``'s replacements may be applied without asking: measured at
    :data:`SAFE_FIX_PRECISION` or above on at least :data:`SAFE_FIX_JUDGED` judged findings."""
    m = measured(code, lang)
    if m is None or m.conservative < SAFE_FIX_PRECISION:
        return False
    return max(m.judged, m.pooled_judged or 0) >= SAFE_FIX_JUDGED
