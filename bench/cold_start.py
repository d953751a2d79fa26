"""Cold start: CPU time of one `mtqa check` of a ~700-word article against `grammalecte-cli -f`.

Each command runs in a fresh process, as from an editor or a pre-commit hook; the figures are the
CPU seconds (user + system, from getrusage of the finished child) and the wall time. Commands
are run interleaved, round after round, and the median of the rounds is printed, so that other
work on the machine weighs on every command alike.

mtqa is measured:

- ``all rules``: the default run (``mtqa check article.txt``), with mtqa's cache filled
  (the usual case from the second run on);
- ``first run``: the same with an empty cache directory (the caches are built and written);
- ``no cache``: with ``MTQA_NO_CACHE=1`` (everything derived at start-up, as before the caches);
- ``boilerplate``: ``--select boilerplate``, a check that needs no parse.

``--before SRC`` adds the same runs of another source tree (e.g. a checkout of an older
commit: ``git worktree add /tmp/base <commit>``, then ``--before /tmp/base/src``).

Children run with bytecode caching on (``PYTHONDONTWRITEBYTECODE`` unset), as an installed mtqa
does. The article defaults to the three news articles of corpora/news joined (700 words).

    .venv/bin/python bench/cold_start.py [--article FILE] [--rounds 5] [--before SRC]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))
import throughput  # noqa: E402  (the shared measurement of a command in a fresh process)

def measure(cmd: list[str], env: dict[str, str]) -> tuple[float, float, float]:
    """(wall seconds, CPU seconds, peak RSS MiB) of one command in a fresh process."""
    wall, cpu, rss, rc, err = throughput.measure(cmd, env)
    if rc not in (0, 1):
        raise SystemExit(f"{cmd[0]} failed ({rc}): {err.strip()}")
    return wall, cpu, rss


def default_article(work: Path) -> Path:
    parts = [p.read_text(encoding="utf-8").strip() for p in sorted((ROOT / "corpora" / "news").glob("*.txt"))]
    path = work / "article.txt"
    path.write_text("\n\n".join(parts) + "\n", encoding="utf-8")
    return path


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--article", type=Path)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--before", type=Path, help="source folder (holding mtqa/) of an older mtqa to time as well")
    ap.add_argument("--skip-grammalecte", action="store_true")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="mtqa-cold-") as tmp:
        work = Path(tmp)
        article = args.article or default_article(work)
        words = len(article.read_text(encoding="utf-8").split())
        base = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "MTQA_NO_CACHE")}
        warm_dir, cold_dir = work / "cache", work / "cold-cache"
        mtqa = [sys.executable, "-m", "mtqa", "check", str(article), "--fail-on", "never"]
        runs: dict[str, tuple[list[str], dict[str, str], Path | None]] = {}
        trees = [("", None)] + ([("before: ", args.before.resolve())] if args.before else [])
        for label, src in trees:
            env = dict(base, MTQA_CACHE_DIR=str(warm_dir) + (label and "-before"))
            if src is not None:
                env["PYTHONPATH"] = str(src)
            runs[f"{label}mtqa, all rules"] = (mtqa, env, None)
            runs[f"{label}mtqa, first run"] = (mtqa, dict(env, MTQA_CACHE_DIR=str(cold_dir) + (label and "-before")), cold_dir if not label else Path(str(cold_dir) + "-before"))
            runs[f"{label}mtqa, no cache"] = (mtqa, dict(env, MTQA_NO_CACHE="1"), None)
            runs[f"{label}mtqa, boilerplate"] = (mtqa + ["--select", "boilerplate"], env, None)
        if not args.skip_grammalecte:
            if not shutil.which("grammalecte-cli"):
                raise SystemExit("grammalecte-cli not found (apt-get install grammalecte-cli) or pass --skip-grammalecte")
            runs["grammalecte-cli -f"] = (["grammalecte-cli", "-f", str(article)], base, None)
        # one untimed run fills the caches and the bytecode of each tree
        for name, (cmd, env, _) in runs.items():
            if name.endswith("all rules"):
                measure(cmd, env)
        figures: dict[str, list[tuple[float, float, float]]] = {name: [] for name in runs}
        for _ in range(args.rounds):
            for name, (cmd, env, empty) in runs.items():
                if empty is not None:
                    shutil.rmtree(empty, ignore_errors=True)
                figures[name].append(measure(cmd, env))
    print(f"article: {article.name if args.article else 'corpora/news/*.txt joined'}, {words} words; "
          f"median of {args.rounds} interleaved rounds (other work shared the machine)\n")
    print(f"{'command':<34}{'CPU s':>8}{'wall s':>8}{'peak MiB':>10}{'CPU / Grammalecte':>19}")
    g = statistics.median(c for _, c, _ in figures["grammalecte-cli -f"]) if "grammalecte-cli -f" in figures else None
    for name, rows in figures.items():
        wall = statistics.median(w for w, _, _ in rows)
        cpu = statistics.median(c for _, c, _ in rows)
        rss = max(r for _, _, r in rows)
        ratio = f"{cpu / g:.1f}x" if g else "-"
        print(f"{name:<34}{cpu:>8.2f}{wall:>8.2f}{rss:>10.0f}{ratio:>19}")
    if g:
        print(f"\ngoal: mtqa, all rules at most 3x Grammalecte's CPU time ({3 * g:.2f} s)")


if __name__ == "__main__":
    main()
