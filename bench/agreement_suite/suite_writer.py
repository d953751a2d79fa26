"""Writes a blind suite's case files (bench/agreement_suite/blind-N/*.yaml) from the phenomena a
``make_suite.py`` lists: each phenomenon's flag sentences (text, the flagged span, its
correction; a span of None leaves the sentence out) and pass sentences."""
from __future__ import annotations

from pathlib import Path

import yaml


def head(n: int) -> str:
    return (f"# Blind suite {n}: sentences written for mtqa before its rules or case files were read again; each\n"
            "# flag sentence holds one error ('flags', the span) and its correction ('suggestions', not scored).\n"
            "# Everyday, chat and news register. Scored by bench/agreement_eval.py --suite-dir\n"
            f"# bench/agreement_suite/blind-{n}, never moved into tests/.\n")


def write(out: Path, n: int, phenomena: dict[str, tuple[str, str, list, list]]) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for fname, (rule, phen, flags, passes) in phenomena.items():
        cases = []
        k = 0
        for text, flag, sugg in flags:
            if flag is None:
                continue  # a sentence whose error could not be pinned to one span: left out
            k += 1
            assert flag in text, (text, flag)
            cases.append({"name": f"{phen}: flag {k}", "rule": rule, "phenomenon": phen, "text": text,
                          "flags": [flag], "suggestions": [sugg]})
        for j, text in enumerate(passes, 1):
            cases.append({"name": f"{phen}: pass {j}", "rule": rule, "phenomenon": phen, "text": text, "passes": True})
        (out / f"{fname}.yaml").write_text(head(n) + yaml.safe_dump(cases, allow_unicode=True, sort_keys=False), encoding="utf-8")
    print(len(phenomena), "files")
