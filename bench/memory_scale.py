"""Peak memory of `mtqa check` against corpus size: is it flat, and what is the slope?

Corpora of about the given sizes (default 3, 10 and 30 MB) are made of article files: the WMT22
German-French human reference and system outputs (one segment per line), split into one article
per doc id with the doc-id file, one paragraph per segment. A corpus bigger than the data
(about 1.5 MB) repeats the articles under new names. Each corpus is checked by one fresh
``mtqa check FOLDER --lang fr --jobs 2 -f json -o report.json`` process.

While it runs, the resident set size (VmRSS) of the main process and of each of its worker
processes is sampled every 0.2 s from /proc; the peaks are printed per corpus with the wall time
and the report's size, then the slope of the main process's peak (MiB per MB of corpus, least
squares) and where that line would put a 1 GB corpus. Every run is bounded by
``--max-seconds`` (killed after it, and reported as such). The machine may be shared: wall times
are noisy, peak RSS much less so.

    .venv/bin/python bench/memory_scale.py [--sizes 3,10,30] [--jobs 2] [--max-seconds 1800] [--select RULES]
"""

from __future__ import annotations

import argparse
import os
import signal
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "wmt22-general" / "de-fr"
SYSTEMS = ["ref.A", "hyp.LT22", "hyp.Online-A", "hyp.Online-B", "hyp.Online-G", "hyp.Online-W", "hyp.Online-Y"]
MTQA = [str(ROOT / ".venv" / "bin" / "mtqa")] if (ROOT / ".venv" / "bin" / "mtqa").exists() else [sys.executable, "-m", "mtqa"]


def articles(data: Path) -> list[tuple[str, str]]:
    """(name, text) of every article of every system: segments of one doc id, a paragraph each."""
    ids = [line.split("\t")[1] for line in (data / "generaltest2022.de-fr.docids.tsv").read_text(encoding="utf-8").splitlines()[1:]]
    out = []
    for system in SYSTEMS:
        path = data / f"generaltest2022.de-fr.{system}.fr"
        if not path.exists():
            continue
        lines = path.read_text(encoding="utf-8").splitlines()
        groups: dict[str, list[str]] = {}
        for doc_id, line in zip(ids, lines):
            if line.strip():
                groups.setdefault(doc_id, []).append(line.strip())
        for n, (doc_id, segs) in enumerate(groups.items()):
            out.append((f"{system}-{n:03}", "\n\n".join(segs) + "\n"))
    if not out:
        raise SystemExit(f"no WMT22 de-fr outputs under {data}")
    return out


def build(folder: Path, pool: list[tuple[str, str]], size: int) -> tuple[int, int]:
    """Write about ``size`` bytes of articles under ``folder``; (files, bytes)."""
    folder.mkdir(parents=True)
    total = files = 0
    copy = 0
    while total < size:
        for name, text in pool:
            if total >= size:
                break
            data = text.encode("utf-8")
            sub = folder / f"copy{copy:03}"
            sub.mkdir(exist_ok=True)
            (sub / f"{name}.txt").write_bytes(data)
            total += len(data)
            files += 1
        copy += 1
    return files, total


def _rss_kib(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def _children(pid: int) -> list[int]:
    out = []
    try:
        for tid in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{tid}/children", encoding="ascii") as fh:
                out.extend(int(x) for x in fh.read().split())
    except OSError:
        pass
    return out


def run(folder: Path, jobs: int, max_seconds: float, select: str | None = None) -> dict:
    report = folder.parent / f"{folder.name}.json"
    cmd = [*MTQA, "check", str(folder), "--lang", "fr", "--jobs", str(jobs), "-f", "json", "-o", str(report)]
    if select:
        cmd += ["--select", select]
    t0 = time.monotonic()
    # a session of its own: a run over --max-seconds is killed with its workers
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, start_new_session=True)
    main_peak = worker_peak = 0
    timed_out = False
    while p.poll() is None:
        main_peak = max(main_peak, _rss_kib(p.pid))
        for child in _children(p.pid):
            worker_peak = max(worker_peak, _rss_kib(child))
        if time.monotonic() - t0 > max_seconds:
            os.killpg(p.pid, signal.SIGKILL)
            timed_out = True
            break
        time.sleep(0.2)
    _, err = p.communicate()
    wall = time.monotonic() - t0
    size = report.stat().st_size if report.exists() else 0
    return {
        "code": p.returncode, "wall": wall, "main": main_peak / 1024, "worker": worker_peak / 1024,
        "report": size / 1e6, "timed_out": timed_out, "err": err.strip().splitlines()[-1:] if err.strip() else [],
    }


def slope(xs: list[float], ys: list[float]) -> tuple[float, float]:
    """Least-squares line (slope, intercept)."""
    n = len(xs)
    mx, my = sum(xs) / n, sum(ys) / n
    var = sum((x - mx) ** 2 for x in xs)
    b = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / var if var else 0.0
    return b, my - b * mx


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--sizes", default="3,10,30", help="corpus sizes in MB, comma-separated (default 3,10,30)")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--max-seconds", type=float, default=1800, help="kill a run after this long (default 1800)")
    ap.add_argument("--select", help="only these rules (passed to --select): a run of cheap rules reaches big corpora "
                    "in bounded time, and still keeps every document's text, segments, sentences and findings")
    args = ap.parse_args()
    sizes = [float(s) for s in args.sizes.split(",") if s.strip()]
    pool = articles(args.data)
    tmp = Path(tempfile.mkdtemp(prefix="mtqa-memory-"))
    rows = []
    print(f"{'corpus':>9} {'files':>7} {'wall s':>8} {'main peak MiB':>14} {'worker peak MiB':>16} {'report MB':>10}  exit", flush=True)
    try:
        for mb in sizes:
            folder = tmp / f"corpus-{mb:g}mb"
            files, total = build(folder, pool, int(mb * 1_000_000))
            r = run(folder, args.jobs, args.max_seconds, args.select)
            shutil.rmtree(folder, ignore_errors=True)
            note = " (killed: over --max-seconds)" if r["timed_out"] else ""
            if r["code"] not in (0, 1) and r["err"]:
                note += f" {r['err'][0][:100]}"
            print(f"{total / 1e6:>7.1f}MB {files:>7,} {r['wall']:>8.1f} {r['main']:>14,.0f} {r['worker']:>16,.0f} {r['report']:>10.1f}  {r['code']}{note}", flush=True)
            if not r["timed_out"] and r["code"] in (0, 1):
                rows.append((total / 1e6, r["main"], r["worker"]))
            (tmp / f"{folder.name}.json").unlink(missing_ok=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    if len(rows) >= 2:
        b, a = slope([x for x, *_ in rows], [m for _, m, _ in rows])
        bw, aw = slope([x for x, *_ in rows], [w for *_, w in rows])
        print(f"main process: {b:.2f} MiB per MB of corpus (intercept {a:,.0f} MiB); a 1 GB corpus on this line: {a + 1000 * b:,.0f} MiB")
        print(f"largest worker: {bw:.2f} MiB per MB (intercept {aw:,.0f} MiB); a 1 GB corpus on this line: {aw + 1000 * bw:,.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
