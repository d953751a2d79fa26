"""Scores of the six WMT22 German-French systems: mtqa against sacrebleu, WMT's figures and COMET.

For each system output in ``../shared/data/wmt22-general/de-fr``:

1. ``mtqa score HYP --ref REF -f json`` and sacrebleu (its Python API and its command line) on the
   same files: the figures must be equal (asserted).
2. Comparison with the system-level BLEU and chrF in ``automatic-scores.tsv`` (``bleu-A``,
   ``chrf-A``).
3. mtqa's reference-free quality score: ``mtqa check HYP --ref REF --docids TSV -f json`` (one
   document per doc id); system quality = ``100 - 1000 * total penalty / total words``; its Kendall
   tau with chrF and with the ``COMET-A`` column.
4. Time of ``mtqa score`` against ``sacrebleu REF -i HYP -m bleu chrf ter`` (same metrics, same
   files): wall-clock and CPU time (user + system of the child), best of ``--repeat`` runs, run
   alternately so that load on the machine affects both alike.

    .venv/bin/python bench/scoring_eval.py [--data DIR] [--repeat 3] [--skip-check] [--json OUT]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "wmt22-general"
SYSTEMS = ["LT22", "Online-A", "Online-B", "Online-G", "Online-W", "Online-Y"]
BIN = Path(sys.executable).parent


def timed(cmd: list[str], **kw) -> tuple[subprocess.CompletedProcess, float, float]:
    """Run a command; return the result, wall seconds and CPU seconds (user + system) of the child."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, **kw)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}): {proc.stderr.strip()}")
    return proc, wall, cpu


def kendall_tau(x: list[float], y: list[float]) -> float:
    """Kendall's tau-b (ties in either ranking handled)."""
    conc = disc = tx = ty = 0
    n = len(x)
    for i in range(n):
        for j in range(i + 1, n):
            a, b = x[i] - x[j], y[i] - y[j]
            if a == 0 and b == 0:
                continue
            if a == 0:
                tx += 1
            elif b == 0:
                ty += 1
            elif (a > 0) == (b > 0):
                conc += 1
            else:
                disc += 1
    denom = ((conc + disc + tx) * (conc + disc + ty)) ** 0.5
    return (conc - disc) / denom if denom else 0.0


def wmt_scores(path: Path, pair: str) -> dict[str, dict[str, float]]:
    out: dict[str, dict[str, float]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        if len(cols) == 6 and cols[0] == pair:
            out.setdefault(cols[1], {})[cols[4]] = float(cols[5])
    return out


def read_lines(path: Path) -> list[str]:
    return [line.rstrip() for line in path.read_text(encoding="utf-8").split("\n")[:-1]]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--repeat", type=int, default=3, help="timing runs per tool and system (best is kept)")
    ap.add_argument("--skip-check", action="store_true", help="skip the quality score (mtqa check on every system)")
    ap.add_argument("--systems", default=",".join(SYSTEMS))
    ap.add_argument("--json", type=Path, help="also write the figures to this file")
    args = ap.parse_args()

    from sacrebleu.metrics import BLEU, CHRF, TER

    d = args.data / "de-fr"
    ref = d / "generaltest2022.de-fr.ref.A.fr"
    docids = d / "generaltest2022.de-fr.docids.tsv"
    wmt = wmt_scores(args.data / "automatic-scores.tsv", "de-fr")
    systems = [s for s in args.systems.split(",") if s]
    refs = [read_lines(ref)]
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    mtqa, sacrebleu = str(BIN / "mtqa"), str(BIN / "sacrebleu")
    rows = []
    for system in systems:
        hyp = d / f"generaltest2022.de-fr.hyp.{system}.fr"
        print(f"{system}: scoring", file=sys.stderr, flush=True)
        hyps = read_lines(hyp)
        api = {
            "bleu": BLEU().corpus_score(hyps, refs).score,
            "chrf": CHRF().corpus_score(hyps, refs).score,
            "ter": TER().corpus_score(hyps, refs).score,
        }
        m_wall, m_cpu, s_wall, s_cpu = [], [], [], []
        ours = cli = None
        for _ in range(args.repeat):
            proc, wall, cpu = timed([mtqa, "score", str(hyp), "-r", str(ref), "-f", "json", "--isolated"], env=env)
            ours = json.loads(proc.stdout)["scores"]
            m_wall.append(wall)
            m_cpu.append(cpu)
            proc, wall, cpu = timed([sacrebleu, str(ref), "-i", str(hyp), "-m", "bleu", "chrf", "ter", "-w", "4", "-f", "json"], env=env)
            cli = {r["name"]: r["score"] for r in json.loads(proc.stdout)}
            s_wall.append(wall)
            s_cpu.append(cpu)
        assert ours is not None and cli is not None
        for key in ("bleu", "chrf", "ter"):
            assert ours[key] == api[key], (system, key, ours[key], api[key])
        assert round(ours["bleu"], 4) == cli["BLEU"] and round(ours["chrf"], 4) == cli["chrF2"] and round(ours["ter"], 4) == cli["TER"], (system, ours, cli)
        row = {
            "system": system,
            "bleu": ours["bleu"], "chrf": ours["chrf"], "ter": ours["ter"],
            "wmt_bleu": wmt[system]["bleu-A"], "wmt_chrf": wmt[system]["chrf-A"], "comet": wmt[system]["COMET-A"],
            "mtqa_wall": min(m_wall), "sacrebleu_wall": min(s_wall),
            "mtqa_cpu": min(m_cpu), "sacrebleu_cpu": min(s_cpu),
        }
        if not args.skip_check:
            print(f"{system}: mtqa check", file=sys.stderr, flush=True)
            proc, wall, cpu = timed(
                [mtqa, "check", str(hyp), "--ref", str(ref), "--docids", str(docids), "--lang", "fr",
                 "-f", "json", "--fail-on", "never", "--isolated"], env=env)
            report = json.loads(proc.stdout)
            docs = report["documents"]
            penalty = sum(doc["quality"]["penalty"] for doc in docs)
            words = sum(doc["word_count"] for doc in docs)
            assert report["corpus_scores"]["bleu"] == api["bleu"], (system, "check corpus BLEU")
            row.update(
                quality=max(0.0, 100 - 1000 * penalty / max(words, 1)),
                penalty_per_1000=1000 * penalty / max(words, 1),
                findings=report["summary"]["issues"],
                by_rule=report["summary"].get("by_rule", {}),
                documents=len(docs),
                docs_failing_errors=sum(1 for doc in docs if any(i["severity"] == "error" for i in doc["issues"])),
                check_wall=wall, check_cpu=cpu,
            )
        rows.append(row)

    print("\n## Figures (mtqa score = sacrebleu API = sacrebleu CLI, asserted)\n")
    print("| system | BLEU | chrF | TER | WMT bleu-A | WMT chrf-A | COMET-A |" + (" quality | penalty/1000 w | findings | check time |" if not args.skip_check else ""))
    print("|---|---|---|---|---|---|---|" + ("---|---|---|---|" if not args.skip_check else ""))
    for r in sorted(rows, key=lambda r: -r["comet"]):
        line = (f"| {r['system']} | {r['bleu']:.2f} | {r['chrf']:.2f} | {r['ter']:.2f} | {r['wmt_bleu']:.2f} | "
                f"{r['wmt_chrf']:.2f} | {r['comet']:.3f} |")
        if "quality" in r:
            line += f" {r['quality']:.1f} | {r['penalty_per_1000']:.2f} | {r['findings']} | {r['check_wall']:.0f} s |"
        print(line)
    print("\nmax |mtqa - WMT| BLEU: %.4f, chrF: %.4f" % (
        max(abs(r["bleu"] - r["wmt_bleu"]) for r in rows), max(abs(r["chrf"] - r["wmt_chrf"]) for r in rows)))
    if not args.skip_check and len(rows) > 1:
        q = [r["quality"] for r in rows]
        print(f"Kendall tau, quality vs chrF: {kendall_tau(q, [r['chrf'] for r in rows]):+.3f}")
        print(f"Kendall tau, quality vs COMET-A: {kendall_tau(q, [r['comet'] for r in rows]):+.3f}")
        print(f"Kendall tau, chrF vs COMET-A (for reference): {kendall_tau([r['chrf'] for r in rows], [r['comet'] for r in rows]):+.3f}")
        print("findings by rule: " + "; ".join(f"{r['system']} {r['by_rule']}" for r in rows))
    mw, sw = sum(r["mtqa_wall"] for r in rows), sum(r["sacrebleu_wall"] for r in rows)
    mc, sc = sum(r["mtqa_cpu"] for r in rows), sum(r["sacrebleu_cpu"] for r in rows)
    print(f"\n## Time, {len(rows)} systems x 1984 lines, best of {args.repeat} runs each\n")
    print(f"mtqa score: {mw:.2f} s wall, {mc:.2f} s CPU; sacrebleu -m bleu chrf ter: {sw:.2f} s wall, {sc:.2f} s CPU")
    print(f"ratio mtqa / sacrebleu: {mw / sw:.3f} wall, {mc / sc:.3f} CPU (goal <= 1.1)")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
