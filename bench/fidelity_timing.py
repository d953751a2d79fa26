"""What the source-reading fidelity rules add to `mtqa check` time, on the WMT22 de-fr outputs.

Each system output is checked with its German source and the doc ids, in one process per run
(``--jobs 1``), twice: "before" without MTQ502-MTQ505 and without MTQ330's common-noun alignment,
"after" with everything. The two runs alternate, ``--repeat`` times, and the fastest of each is
kept. Wall time and CPU time (user + system of the mtqa process) are both printed: on a shared
machine the CPU time is the steadier figure.

    .venv/bin/python bench/fidelity_timing.py [--systems ref.A,hyp.LT22] [--repeat 2]
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "wmt22-general" / "de-fr"
SYSTEMS = ["ref.A", "hyp.LT22", "hyp.Online-A", "hyp.Online-B", "hyp.Online-G", "hyp.Online-W", "hyp.Online-Y"]
NEW_RULES = "MTQ502,MTQ503,MTQ504,MTQ505"


def run(system: str, before: bool, work: Path) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the mtqa process)."""
    cfg = work / ("before.toml" if before else "after.toml")
    cfg.write_text(f"[rules.MTQ330]\ncommon_nouns = {'false' if before else 'true'}\n", encoding="utf-8")
    cmd = [
        str(ROOT / ".venv" / "bin" / "mtqa"), "check", str(DATA / f"generaltest2022.de-fr.{system}.fr"),
        "--source", str(DATA / "generaltest2022.de-fr.src.de"), "--source-lang", "de",
        "--docids", str(DATA / "generaltest2022.de-fr.docids.tsv"), "--lang", "fr",
        "--format", "json", "--fail-on", "never", "--jobs", "1", "-o", str(work / "out.json"),
    ]
    cmd += ["--config", str(cfg)] + (["--ignore", NEW_RULES] if before else [])
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    r = subprocess.run(cmd, capture_output=True, text=True)
    dt = time.perf_counter() - t
    ru2 = resource.getrusage(resource.RUSAGE_CHILDREN)
    if r.returncode not in (0, 1):
        sys.exit(f"mtqa failed: {r.stderr.strip()[-300:]}")
    return dt, (ru2.ru_utime - ru.ru_utime) + (ru2.ru_stime - ru.ru_stime)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--systems", default=",".join(SYSTEMS))
    ap.add_argument("--repeat", type=int, default=1)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        tot = [0.0, 0.0, 0.0, 0.0]
        print(f"{'system':14} {'wall before':>11} {'after':>7} {'added':>7}   {'CPU before':>10} {'after':>7} {'added':>7}")
        for system in args.systems.split(","):
            b = a = (float("inf"), float("inf"))
            for _ in range(args.repeat):
                b = min(b, run(system, True, work), key=lambda x: x[1])
                a = min(a, run(system, False, work), key=lambda x: x[1])
            for k, x in enumerate((b[0], a[0], b[1], a[1])):
                tot[k] += x
            print(f"{system:14} {b[0]:11.2f} {a[0]:7.2f} {100 * (a[0] - b[0]) / b[0]:6.1f}%   "
                  f"{b[1]:10.2f} {a[1]:7.2f} {100 * (a[1] - b[1]) / b[1]:6.1f}%")
        print(f"{'total':14} {tot[0]:11.2f} {tot[1]:7.2f} {100 * (tot[1] - tot[0]) / tot[0]:6.1f}%   "
              f"{tot[2]:10.2f} {tot[3]:7.2f} {100 * (tot[3] - tot[2]) / tot[2]:6.1f}%")


if __name__ == "__main__":
    main()
