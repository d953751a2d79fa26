"""Throughput and peak memory of `mtqa check` against grammalecte-cli on the same text.

Data: the WMT22 German-French human reference and the six system outputs (one segment per line),
split into one document per doc id with the doc-id file. Two ways to run:

- corpus: one process for everything (mtqa on a folder of 7 x 271 documents; Grammalecte on one
  file holding the same text, documents separated by blank lines). This is how a newsroom batch
  or a CI job runs, and each tool pays its start-up once.
- per file: one process per system output (7 runs each), start-up paid every time.

mtqa is timed in one process and, with ``--jobs N`` (default 2, the cores of the reference
machine), with N worker processes; Grammalecte has no parallel mode. Peak memory is that of the
largest single process (workers share the models with the main process through fork).

Words are whitespace-separated tokens (as ``wc -w``). CPU seconds are user + system time of the
tool's process and its children (getrusage of the finished child): the machine may be shared, so
words per CPU second is the figure that compares tools fairly; words per second of wall time is
printed as well (the ``--jobs`` goal is about wall time). Peak memory is the largest resident set
size of the tool's process. With ``--rounds N`` every command runs N times, interleaved (mtqa,
Grammalecte, mtqa with workers, then again), and the median is printed. ``--memory`` also runs
mtqa on the first half of the corpus, to show whether its peak memory grows with the corpus.
``--before SRC`` times another source tree in the same rounds (``git worktree add /tmp/base
<commit>``, then ``--before /tmp/base/src``), each tree with a cache directory of its own.

    .venv/bin/python bench/throughput.py [--data DIR] [--limit-docs N] [--rounds N] [--memory] [--before SRC] [--skip-grammalecte]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "wmt22-general" / "de-fr"
SYSTEMS = ["ref.A", "hyp.LT22", "hyp.Online-A", "hyp.Online-B", "hyp.Online-G", "hyp.Online-W", "hyp.Online-Y"]

_MEASURE = (
    "import resource, subprocess, sys, time\n"
    "t = time.perf_counter()\n"
    "r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)\n"
    "dt = time.perf_counter() - t\n"
    "u = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
    "print(dt, u.ru_utime + u.ru_stime, u.ru_maxrss, r.returncode)\n"
    "sys.stderr.write(r.stderr.decode('utf-8', 'replace')[-500:])\n"
)


def measure(cmd: list[str], env: dict[str, str] | None = None) -> tuple[float, float, float, int, str]:
    """(wall seconds, CPU seconds, peak RSS in MiB, exit code, stderr tail) of one command in a
    fresh process (the other bench scripts measure with it too)."""
    out = subprocess.run([sys.executable, "-c", _MEASURE, *cmd], capture_output=True, text=True, env=env)
    seconds, cpu, rss_kib, rc = out.stdout.split()
    return float(seconds), float(cpu), int(rss_kib) / 1024.0, int(rc), out.stderr


def read_docids(path: Path) -> list[str]:
    rows = path.read_text(encoding="utf-8").splitlines()[1:]
    return [r.split("\t")[1] for r in rows]


def safe(name: str) -> str:
    return re.sub(r"[^\w.-]+", "_", name)[:120]


def prepare(data: Path, work: Path, limit_docs: int | None) -> tuple[dict[str, Path], dict[str, Path], int]:
    """Write one folder of documents and one flat file per system; return them and the words."""
    docids = read_docids(data / "generaltest2022.de-fr.docids.tsv")
    order = list(dict.fromkeys(docids))
    keep = set(order[:limit_docs]) if limit_docs else set(order)
    folders, flats = {}, {}
    words = 0
    for system in SYSTEMS:
        lines = (data / f"generaltest2022.de-fr.{system}.fr").read_text(encoding="utf-8").splitlines()
        docs: dict[str, list[str]] = {}
        for d, line in zip(docids, lines):
            if d in keep:
                docs.setdefault(d, []).append(line)
        folder = work / "docs" / system
        folder.mkdir(parents=True)
        for d, seg in docs.items():
            (folder / f"{safe(d)}.txt").write_text("\n".join(seg) + "\n", encoding="utf-8")
            words += sum(len(s.split()) for s in seg)
        flat = work / f"{system}.txt"
        flat.write_text("\n\n".join("\n".join(seg) for seg in docs.values()) + "\n", encoding="utf-8")
        folders[system], flats[system] = folder, flat
    return folders, flats, words


def mtqa_cmd(target: Path, jobs: int = 1) -> list[str]:
    return [sys.executable, "-m", "mtqa", "check", str(target), "--lang", "fr", "--format", "json",
            "--output", str(target.parent / f"{target.name}.mtqa.json"), "--fail-on", "never", "--jobs", str(jobs)]


def tree_cmd(cmd: list[str], label: str) -> list[str]:
    """``cmd`` for the tree called ``label``: the "before" tree writes its reports beside the
    others (``*.before.json``)."""
    if not label or "--output" not in cmd:
        return cmd
    i = cmd.index("--output") + 1
    return [*cmd[:i], cmd[i].removesuffix(".json") + ".before.json", *cmd[i + 1 :]]


def grammalecte_cmd(target: Path) -> list[str]:
    return ["grammalecte-cli", "-f", str(target), "-j"]


def run_tool(name: str, cmds: list[list[str]], env: dict[str, str] | None = None) -> dict:
    total, cpu, peak = 0.0, 0.0, 0.0
    for cmd in cmds:
        seconds, used, rss, rc, err = measure(cmd, env)
        if rc not in (0, 1):
            raise SystemExit(f"{name} failed ({rc}): {err.strip()}")
        total += seconds
        cpu += used
        peak = max(peak, rss)
    return {"seconds": round(total, 2), "cpu_seconds": round(cpu, 2), "peak_mib": round(peak, 1)}


def median_run(rows: list[dict]) -> dict:
    out = {k: round(statistics.median(r[k] for r in rows), 2) for k in ("seconds", "cpu_seconds")}
    out["peak_mib"] = max(r["peak_mib"] for r in rows)
    out["rounds"] = len(rows)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--limit-docs", type=int, default=None, help="only the first N documents of each system")
    ap.add_argument("--skip-grammalecte", action="store_true")
    ap.add_argument("--per-file", action="store_true", help="also time one process per system file")
    ap.add_argument("--json", type=Path, help="write the figures to this file")
    ap.add_argument("--jobs", type=int, default=2, help="also time mtqa with this many worker processes (1: no)")
    ap.add_argument("--rounds", type=int, default=1, help="run every command this many times, interleaved")
    ap.add_argument("--memory", action="store_true", help="also run mtqa on half of the corpus (peak memory growth)")
    ap.add_argument("--before", type=Path, help="source folder (holding mtqa/) of an older mtqa to time as well, interleaved")
    args = ap.parse_args()
    if not args.data.is_dir():
        raise SystemExit(f"no data at {args.data}")
    grammalecte = shutil.which("grammalecte-cli")
    if not grammalecte and not args.skip_grammalecte:
        raise SystemExit("grammalecte-cli not found (apt-get install grammalecte-cli) or pass --skip-grammalecte")
    rows: dict[str, list[dict]] = {}
    with tempfile.TemporaryDirectory(prefix="mtqa-bench-") as tmp:
        work = Path(tmp)
        folders, flats, words = prepare(args.data, work, args.limit_docs)
        everything = work / "all.txt"
        everything.write_text("\n\n".join(f.read_text(encoding="utf-8") for f in flats.values()), encoding="utf-8")
        ndocs = sum(len(list(f.iterdir())) for f in folders.values())
        print(f"{words} words in {ndocs} documents ({len(SYSTEMS)} systems)")
        modes = {"corpus": ([mtqa_cmd(work / "docs")], [grammalecte_cmd(everything)])}
        if args.jobs > 1:
            modes[f"corpus, {args.jobs} workers"] = ([mtqa_cmd(work / "docs", args.jobs)], [])
        if args.per_file:
            modes["per file"] = ([mtqa_cmd(f) for f in folders.values()], [grammalecte_cmd(f) for f in flats.values()])
        half_words = 0
        if args.memory:
            half = work / "half"
            for system, folder in folders.items():
                files = sorted(folder.iterdir())
                (half / system).mkdir(parents=True)
                for f in files[: len(files) // 2]:
                    shutil.copy(f, half / system / f.name)
                    half_words += len(f.read_text(encoding="utf-8").split())
            modes["half corpus"] = ([mtqa_cmd(half)], [])
        # mtqa runs with a cache directory of its own (another mtqa on the machine, of another
        # version, would rebuild the shared one under it) and with bytecode caching on, as an
        # installed mtqa does; one untimed run fills the caches (as any run after the first finds them)
        env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "MTQA_NO_CACHE")}
        env["MTQA_CACHE_DIR"] = str(work / "cache")
        trees = [("", env)]
        if args.before:  # another source tree, with a cache of its own, its reports beside
            trees.append(("before: ", dict(env, PYTHONPATH=str(args.before.resolve()), MTQA_CACHE_DIR=str(work / "cache-before"))))
        for label, tree_env in trees:
            measure(tree_cmd(mtqa_cmd(work / "docs"), label), tree_env)
        for _ in range(args.rounds):
            for mode, (mcmds, gcmds) in modes.items():
                for label, tree_env in trees:
                    cmds = [tree_cmd(c, label) for c in mcmds]
                    rows.setdefault(f"{label}mtqa ({mode})", []).append(run_tool("mtqa", cmds, tree_env))
                if gcmds and not args.skip_grammalecte:
                    rows.setdefault(f"grammalecte ({mode})", []).append(run_tool("grammalecte", gcmds))
        findings = {label: json.loads((work / tree_cmd(["--output", "docs.mtqa.json"], label)[1]).read_text(encoding="utf-8"))["summary"]["issues"]
                    for label, _ in trees}
    results = {name: median_run(r) for name, r in rows.items()}
    print(f"median of {args.rounds} interleaved round(s); other work may share the machine: compare CPU figures\n")
    print(f"{'tool':<30}{'CPU s':>8}{'wall s':>8}{'words/CPU s':>13}{'words/s':>9}{'peak MiB':>10}")
    for name, r in results.items():
        n = half_words if "half corpus" in name else words
        r["words"] = n
        r["words_per_cpu_second"] = round(n / r["cpu_seconds"]) if r["cpu_seconds"] else None
        r["words_per_second"] = round(n / r["seconds"]) if r["seconds"] else None
        print(f"{name:<30}{r['cpu_seconds']:>8.2f}{r['seconds']:>8.2f}{r['words_per_cpu_second']:>13}{r['words_per_second']:>9}{r['peak_mib']:>10.1f}")
    g = results.get("grammalecte (corpus)")
    m = results.get("mtqa (corpus)")
    for name, r in results.items():
        if g and name.endswith("mtqa (corpus)"):
            print(f"ratio {name} / grammalecte (corpus), words per CPU second: "
                  f"{r['words_per_cpu_second'] / g['words_per_cpu_second']:.2f} (goal >= 1.5)")
    for name, r in results.items():
        if g and "workers" in name:
            print(f"ratio {name} / grammalecte (corpus), words per second of wall time: "
                  f"{r['words_per_second'] / g['words_per_second']:.2f} (goal >= 2.5)")
    h = results.get("mtqa (half corpus)")
    if h and m:
        print(f"peak memory, half corpus ({half_words} words) -> whole corpus ({words} words): "
              f"{h['peak_mib']:.1f} -> {m['peak_mib']:.1f} MiB")
    pm, pg = results.get("mtqa (per file)"), results.get("grammalecte (per file)")
    if pm and pg:
        print(f"ratio mtqa/grammalecte words per CPU second (per file): {pm['words_per_cpu_second'] / pg['words_per_cpu_second']:.2f}")
    for label, n in findings.items():
        print(f"{label}mtqa findings on the corpus run: {n}")
    if args.json:
        args.json.write_text(json.dumps({"words": words, "results": results, "findings": findings}, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
