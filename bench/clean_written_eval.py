"""False alarms on correct French the team wrote itself (bench/clean_fr/written-*).

``written-pairs.tsv`` holds German news-register sentences (doc_id, de, fr) with a correct French
translation; ``written-mono.txt`` correct French lines with no source. Every finding mtqa makes
there is a false alarm. This script writes the pairs out as line-aligned files, runs
``mtqa check`` on them (with the German source and the doc ids; the monolingual lines without a
source, as one document), and prints the findings per rule, per 1000 words, and each finding.

    .venv/bin/python bench/clean_written_eval.py                 # this tree
    .venv/bin/python bench/clean_written_eval.py --tree /work/OLD  # another checkout's src/
    .venv/bin/python bench/clean_written_eval.py --select MTQ503   # one rule
"""
from __future__ import annotations

import argparse
import collections
import csv
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
POOL = ROOT / "bench" / "clean_fr"


def run(tree: Path, args: list[str]) -> dict:
    with tempfile.TemporaryDirectory(prefix="mtqa-written-") as tmp:
        out = Path(tmp) / "report.json"
        env = dict(os.environ, PYTHONPATH=str(tree / "src"))
        cmd = [sys.executable, "-m", "mtqa", "check", *args, "--lang", "fr", "--format", "json",
               "--fail-on", "never", "-o", str(out)]
        r = subprocess.run(cmd, capture_output=True, text=True, env=env)
        if r.returncode not in (0, 1):
            sys.exit(f"mtqa failed (exit {r.returncode}): {r.stderr.strip()[-600:]}")
        return json.loads(out.read_text(encoding="utf-8"))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--tree", type=Path, default=ROOT, help="checkout whose src/ is run")
    ap.add_argument("--select", help="as mtqa check --select")
    ap.add_argument("--quiet", action="store_true", help="counts only, not each finding")
    ap.add_argument("--json", type=Path, help="write the findings as JSON lines")
    a = ap.parse_args()

    with (POOL / "written-pairs.tsv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    mono = (POOL / "written-mono.txt").read_text(encoding="utf-8").splitlines()
    extra = ["--select", a.select] if a.select else []
    findings = []
    words = {}
    with tempfile.TemporaryDirectory(prefix="mtqa-written-in-") as tmp:
        t = Path(tmp)
        (t / "pairs.fr").write_text("".join(r["fr"] + "\n" for r in rows), encoding="utf-8")
        (t / "pairs.de").write_text("".join(r["de"] + "\n" for r in rows), encoding="utf-8")
        (t / "docids.tsv").write_text("doc_id\n" + "".join(r["doc_id"] + "\n" for r in rows), encoding="utf-8")
        (t / "mono.fr").write_text("\n".join(mono) + "\n", encoding="utf-8")
        pools = {
            "pairs": (run(a.tree, [str(t / "pairs.fr"), "--source", str(t / "pairs.de"), "--source-lang", "de",
                                   "--docids", str(t / "docids.tsv"), *extra]), [r["fr"] for r in rows],
                      [r["de"] for r in rows]),
            "mono": (run(a.tree, [str(t / "mono.fr"), *extra]), mono, None),
        }
    for pool, (report, lines, src) in pools.items():
        words[pool] = sum(d.get("word_count") or 0 for d in report["documents"])
        for d in report["documents"]:
            for i in d["issues"]:
                findings.append({
                    "pool": pool, "doc_id": d.get("doc_id") or "", "line": i["line"], "rule": i["rule"],
                    "severity": i["severity"], "text": i["text"], "message": i["message"],
                    "context": lines[i["line"] - 1], **({"source": src[i["line"] - 1]} if src else {}),
                })
    per = collections.Counter((f["pool"], f["rule"]) for f in findings)
    rules = sorted({r for _, r in per})
    print(f"pairs: {len(rows)} lines, {words['pairs']} words; mono: {len(mono)} lines, {words['mono']} words")
    print(f"{'rule':8} {'pairs':>6} {'/1000w':>7} {'mono':>6} {'/1000w':>7}")
    for r in rules:
        p, m = per[("pairs", r)], per[("mono", r)]
        print(f"{r:8} {p:6d} {1000 * p / max(1, words['pairs']):7.2f} {m:6d} {1000 * m / max(1, words['mono']):7.2f}")
    tp = sum(v for (pool, _), v in per.items() if pool == "pairs")
    tm = sum(v for (pool, _), v in per.items() if pool == "mono")
    print(f"{'all':8} {tp:6d} {1000 * tp / max(1, words['pairs']):7.2f} {tm:6d} {1000 * tm / max(1, words['mono']):7.2f}")
    if not a.quiet:
        for f in findings:
            print(f"\n{f['pool']} {f['doc_id']}:{f['line']} {f['rule']} [{f['severity']}] {f['text']!r}: {f['message']}")
            print(f"   fr: {f['context']}")
            if "source" in f:
                print(f"   de: {f['source']}")
    if a.json:
        a.json.write_text("".join(json.dumps(f, ensure_ascii=False) + "\n" for f in findings), encoding="utf-8")


if __name__ == "__main__":
    main()
