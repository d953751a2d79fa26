"""False alarms on correct French the team wrote itself (bench/clean_fr/written-*).

``written-pairs.tsv`` holds German news-register sentences (doc_id, de, fr) with a correct French
translation; ``written-mono.txt`` correct French lines with no source. Every finding mtqa makes
there is a false alarm. This script writes the pairs out as line-aligned files, runs
``mtqa check`` on them (with the German source and the doc ids; the monolingual lines without a
source, as one document), and prints the findings per rule, per 1000 words, and each finding.

    .venv/bin/python bench/clean_written_eval.py                 # this tree
    .venv/bin/python bench/clean_written_eval.py --tree /work/OLD  # another checkout's src/
    .venv/bin/python bench/clean_written_eval.py --select MTQ503   # one rule
    .venv/bin/python bench/clean_written_eval.py --set 2           # written-pairs-2.tsv, written-mono-2.txt
    .venv/bin/python bench/clean_written_eval.py --pairs P.tsv --mono M.txt   # other files

``--set N`` reads ``written-pairs-N.tsv`` and ``written-mono-N.txt`` (the second pool: e-commerce
product text, chat and social posts, sport and news with names from many languages, numbers in
words and figures, dates, ranges and roman numerals); ``--set all`` runs every set, one after
the other, and prints each and their sum.
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
    ap.add_argument("--set", default="1", help="which pool: 1 (written-pairs.tsv, written-mono.txt), "
                    "N (written-pairs-N.tsv, written-mono-N.txt) or all")
    ap.add_argument("--pairs", type=Path, help="a pairs file (doc_id, de, fr) instead of the set's")
    ap.add_argument("--mono", type=Path, help="a file of French lines instead of the set's")
    a = ap.parse_args()

    if a.pairs or a.mono:
        sets = [("files", a.pairs or _set_files("1")[0], a.mono or _set_files("1")[1])]
    elif a.set == "all":
        sets = [(n, *_set_files(n)) for n in _all_sets()]
    else:
        sets = [(a.set, *_set_files(a.set))]
    findings = []
    totals = collections.Counter()
    for name, pairs_path, mono_path in sets:
        if len(sets) > 1:
            print(f"== set {name}: {pairs_path.name}, {mono_path.name}")
        found, words = _run_set(a, pairs_path, mono_path)
        for f in found:
            f["set"] = name
        findings += found
        totals.update({("words", k): v for k, v in words.items()})
        totals.update((f["pool"], f["rule"]) for f in found)
    if len(sets) > 1:
        print("== all sets")
        _table(collections.Counter({k: v for k, v in totals.items() if k[0] != "words"}),
               {k[1]: v for k, v in totals.items() if k[0] == "words"})
    if a.json:
        a.json.write_text("".join(json.dumps(f, ensure_ascii=False) + "\n" for f in findings), encoding="utf-8")


def _set_files(name: str) -> tuple[Path, Path]:
    if name == "1":
        return POOL / "written-pairs.tsv", POOL / "written-mono.txt"
    return POOL / f"written-pairs-{name}.tsv", POOL / f"written-mono-{name}.txt"


def _all_sets() -> list[str]:
    names = ["1"] + sorted(p.stem.rsplit("-", 1)[1] for p in POOL.glob("written-pairs-*.tsv"))
    return names


def _table(per: collections.Counter, words: dict) -> None:
    rules = sorted({r for _, r in per})
    print(f"{'rule':8} {'pairs':>6} {'/1000w':>7} {'mono':>6} {'/1000w':>7}")
    for r in rules:
        p, m = per[("pairs", r)], per[("mono", r)]
        print(f"{r:8} {p:6d} {1000 * p / max(1, words['pairs']):7.2f} {m:6d} {1000 * m / max(1, words['mono']):7.2f}")
    tp = sum(v for (pool, _), v in per.items() if pool == "pairs")
    tm = sum(v for (pool, _), v in per.items() if pool == "mono")
    print(f"{'all':8} {tp:6d} {1000 * tp / max(1, words['pairs']):7.2f} {tm:6d} {1000 * tm / max(1, words['mono']):7.2f}")


def _run_set(a: argparse.Namespace, pairs_path: Path, mono_path: Path) -> tuple[list[dict], dict]:
    with pairs_path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    mono = mono_path.read_text(encoding="utf-8").splitlines()
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
    print(f"pairs: {len(rows)} lines, {words['pairs']} words; mono: {len(mono)} lines, {words['mono']} words")
    _table(per, words)
    if not a.quiet:
        for f in findings:
            print(f"\n{f['pool']} {f['doc_id']}:{f['line']} {f['rule']} [{f['severity']}] {f['text']!r}: {f['message']}")
            print(f"   fr: {f['context']}")
            if "source" in f:
                print(f"   de: {f['source']}")
    return findings, words


if __name__ == "__main__":
    main()
