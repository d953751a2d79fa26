"""What the source-reading fidelity rules add to `mtqa check` time, on the WMT22 de-fr outputs.

Each system output is checked with its German source and the doc ids, in one process per run
(``--jobs 1``), twice: "before" without MTQ502-MTQ505 and without MTQ330's common-noun alignment,
"after" with everything. The two runs alternate, ``--repeat`` times, and the fastest of each is
kept (the machine is shared, the fastest run is the least disturbed one).

    .venv/bin/python bench/fidelity_timing.py [--systems ref.A,hyp.LT22] [--repeat 2]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "wmt22-general" / "de-fr"
SYSTEMS = ["ref.A", "hyp.LT22", "hyp.Online-A", "hyp.Online-B", "hyp.Online-G", "hyp.Online-W", "hyp.Online-Y"]
NEW_RULES = "MTQ502,MTQ503,MTQ504,MTQ505"


def run(system: str, before: bool, work: Path) -> float:
    cfg = work / ("before.toml" if before else "after.toml")
    cfg.write_text(f"[rules.MTQ330]\ncommon_nouns = {'false' if before else 'true'}\n", encoding="utf-8")
    cmd = [
        str(ROOT / ".venv" / "bin" / "mtqa"), "check", str(DATA / f"generaltest2022.de-fr.{system}.fr"),
        "--source", str(DATA / "generaltest2022.de-fr.src.de"), "--source-lang", "de",
        "--docids", str(DATA / "generaltest2022.de-fr.docids.tsv"), "--lang", "fr",
        "--format", "json", "--fail-on", "never", "--jobs", "1", "-o", str(work / "out.json"),
    ]
    cmd += ["--config", str(cfg)] + (["--ignore", NEW_RULES] if before else [])
    t = time.perf_counter()
    r = subprocess.run(cmd, capture_output=True, text=True)
    dt = time.perf_counter() - t
    if r.returncode not in (0, 1):
        sys.exit(f"mtqa failed: {r.stderr.strip()[-300:]}")
    return dt


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--systems", default=",".join(SYSTEMS))
    ap.add_argument("--repeat", type=int, default=1)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        tot_b = tot_a = 0.0
        print(f"{'system':14} {'before s':>9} {'after s':>8} {'added':>7}")
        for system in args.systems.split(","):
            b = a = float("inf")
            for _ in range(args.repeat):
                b = min(b, run(system, True, work))
                a = min(a, run(system, False, work))
            tot_b += b
            tot_a += a
            print(f"{system:14} {b:9.2f} {a:8.2f} {100 * (a - b) / b:6.1f}%")
        print(f"{'total':14} {tot_b:9.2f} {tot_a:8.2f} {100 * (tot_a - tot_b) / tot_b:6.1f}%")


if __name__ == "__main__":
    main()
