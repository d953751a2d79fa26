"""Recall and false findings of MTQ501 (number-mismatch) on the WMT22 German-French data.

The human reference, aligned with its German source, is the clean text (findings on it are
false alarms or translator liberties). Errors are injected into reference lines whose number also
stands in the source: one number changed (a digit altered) or dropped (the number removed).

    .venv/bin/python bench/fidelity_eval.py [--data DIR] [--seed N] [--n N]
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from mtqa.checks.fidelity.numbers import atoms, keys  # noqa: E402
from mtqa.config import Config  # noqa: E402
from mtqa.pipeline import Pipeline  # noqa: E402
from mtqa.readers.text import read_lines  # noqa: E402

DATA = ROOT.parent / "shared" / "data" / "wmt22-general" / "de-fr"


def run(lines: list[str], sources: list[str]) -> set[int]:
    """Indices of the lines that get a finding."""
    text = "\n".join(lines) + "\n"
    doc = read_lines(text, "<bench>")
    doc.paragraphs = [replace(p, source=sources[int(p.id) - 1]) for p in doc.paragraphs]
    report = Pipeline(Config(lang="fr", select=["MTQ501"])).run([doc])
    return {i.line - 1 for i in report.issues}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--n", type=int, default=300)
    args = ap.parse_args()
    src = (args.data / "generaltest2022.de-fr.src.de").read_text(encoding="utf-8").splitlines()
    ref = (args.data / "generaltest2022.de-fr.ref.A.fr").read_text(encoding="utf-8").splitlines()
    words = sum(len(r.split()) for r in ref)
    clean_hits = run(ref, src)
    print(f"clean reference: {len(clean_hits)} findings in {words} words = {1000 * len(clean_hits) / words:.2f} per 1000 words")

    rng = random.Random(args.seed)
    candidates = []
    for i, (s, r) in enumerate(zip(src, ref)):
        if i in clean_hits:
            continue
        skeys = set().union(*(keys(a) for a, _, _ in atoms(s))) if atoms(s) else set()
        nums = [(a, st, en) for a, st, en in atoms(r) if sum(c.isdigit() for c in a) >= 3 and keys(a) & skeys]
        if nums:
            candidates.append((i, nums))
    rng.shuffle(candidates)
    chosen = candidates[: args.n]
    for kind in ("changed", "dropped"):
        lines = list(ref)
        injected = set()
        for i, nums in chosen:
            a, st, en = rng.choice(nums)
            if kind == "changed":
                pos = [k for k, c in enumerate(a) if c.isdigit()]
                k = rng.choice(pos)
                new = a[:k] + str((int(a[k]) + rng.randint(1, 8)) % 10) + a[k + 1 :]
                lines[i] = lines[i][:st] + new + lines[i][en:]
            else:
                lines[i] = re.sub(r"\s{2,}", " ", lines[i][:st] + lines[i][en:])
            injected.add(i)
        hits = run(lines, src)
        tp = len(hits & injected)
        fp = len(hits - injected)
        print(f"{kind:8} injected {len(injected):4}  recall {tp / len(injected):.3f}  precision {tp / max(1, tp + fp):.3f}")


if __name__ == "__main__":
    main()
