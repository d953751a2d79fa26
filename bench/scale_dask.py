"""Scaling of `mtqa check --engine dask` on a real Dask cluster of 1 and 2 workers.

Data: the WMT22 German-French human reference and the six system outputs, one article per doc id
and system (7 x 271 = 1,897 articles), written as a Parquet archive with ``id`` (``SYSTEM/DOCID``),
``text`` (the segments, one per line) and ``section`` (the system) columns; ``--with-source`` adds
the German source as a ``source`` column (source-aware rules then run too).

Runs, each in a fresh process:

- local: ``mtqa check ARCHIVE`` with the local engine in one process (the baseline);
- dask, N workers: a ``dask scheduler`` and N ``dask worker`` processes (``--nthreads 1``) started
  on 127.0.0.1 by this script, then ``mtqa check ARCHIVE --engine dask --scheduler ...`` with
  ``--format json`` (the whole report, compared with the local one); the workers are fresh, so the
  first part of each loads the models, as the local run does;
- dask, 2 preloaded workers: the same with workers started with ``--preload
  mtqa.distributed.preload`` (models loaded when the worker starts, as on a cluster that serves
  many runs; worker start-up is not timed);
- dask, 2 preloaded workers without nanny: the same with ``dask worker --no-nanny`` (no nanny
  process polling each worker's memory, and glibc's default trimming of freed memory instead of
  the nanny's ``MALLOC_TRIM_THRESHOLD_``);
- then, on the 2 preloaded workers with nannies (models loaded: "warm"), ``--format parquet`` on the first half of
  the archive and on the whole of it;
- client memory against archive size: ``--select MTQ403`` (a corpus rule, cheap to run, so that
  Parquet output takes its two passes) on the archive and on ``--copies`` times it (default 10,
  the same articles under other ids), with ``--format json`` (the client holds the report) and
  ``--format parquet`` (it should not grow).

Reported: wall time of the client (worker start-up excluded), speed-up over the local run, words per second per worker, peak
resident memory of the client (getrusage of the finished child) and of each worker process (its
own getrusage, asked through the scheduler before it stops), CPU seconds of the client and of the
workers during the run (on a machine shared with other work, wall time shows the contention and
CPU time does not), whether the findings are identical,
and the projected cost of 10^7 articles in core-hours from the measured per-worker rates (one
worker process = one core; the warm Parquet run's rate is the one of a long run, two passes
included).

    .venv/bin/python bench/scale_dask.py [--data DIR] [--limit-docs N] [--with-source] [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from throughput import DEFAULT_DATA, SYSTEMS, measure, read_docids  # noqa: E402

BIN = Path(sys.executable).parent
ARTICLES = 10**7
def build_archive(data: Path, out: Path, limit_docs: int | None, with_source: bool, copies: int = 1) -> tuple[int, int, float]:
    """Write the Parquet archive; return (articles, words, mean words per article)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    docids = read_docids(data / "generaltest2022.de-fr.docids.tsv")
    order = list(dict.fromkeys(docids))
    keep = set(order[:limit_docs]) if limit_docs else set(order)
    src = (data / "generaltest2022.de-fr.src.de").read_text(encoding="utf-8").splitlines()
    cols: dict[str, list] = {"id": [], "text": [], "section": []}
    if with_source:
        cols["source"] = []
    words = 0
    for system in SYSTEMS:
        lines = (data / f"generaltest2022.de-fr.{system}.fr").read_text(encoding="utf-8").splitlines()
        docs: dict[str, list[int]] = {}
        for i, d in enumerate(docids):
            if d in keep:
                docs.setdefault(d, []).append(i)
        for d, idx in docs.items():
            text = "\n".join(lines[i] for i in idx)
            cols["id"].append(f"{system}/{d}")
            cols["text"].append(text)
            cols["section"].append(system)
            if with_source:
                cols["source"].append("\n".join(src[i] for i in idx))
            words += len(text.split())
    table = pa.table(cols)
    pq.write_table(table, out, row_group_size=64)
    half = out.with_name("half.parquet")
    pq.write_table(table.slice(0, table.num_rows // 2), half, row_group_size=64)
    n = table.num_rows
    if copies > 1:  # the same articles again under other ids, for the client-memory runs
        ids = table.column("id").to_pylist()
        tables = [table.set_column(0, "id", pa.array([f"{i}/{k}" for i in ids])) for k in range(copies)]
        pq.write_table(pa.concat_tables(tables), out.with_name(f"x{copies}.parquet"), row_group_size=256)
    return n, words, words / n


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Cluster:
    """A `dask scheduler` and N `dask worker` processes on 127.0.0.1."""

    def __init__(self, workers: int, logs: Path, preload: bool = False, nanny: bool = True) -> None:
        self.preload = preload
        self.nanny = nanny
        self.port = free_port()
        self.address = f"tcp://127.0.0.1:{self.port}"
        self.procs: list[subprocess.Popen] = []
        self.logs = logs
        self.n = workers

    def _start(self, name: str, cmd: list[str]) -> None:
        log = open(self.logs / f"{name}.log", "w")
        self.procs.append(subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, start_new_session=True))

    def __enter__(self) -> Cluster:
        from distributed import Client

        self._start("scheduler", [str(BIN / "dask"), "scheduler", "--host", "127.0.0.1", "--port", str(self.port), "--no-dashboard"])
        deadline = time.time() + 60
        while True:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                break
            except OSError:
                if time.time() > deadline:
                    raise SystemExit("the scheduler did not start (see its log)")
                time.sleep(0.2)
        for i in range(self.n):
            self._start(f"worker-{i}", [str(BIN / "dask"), "worker", self.address, "--nthreads", "1", "--host", "127.0.0.1",
                                        "--no-dashboard", "--name", f"w{i}", "--memory-limit", "0",
                                        *(["--preload", "mtqa.distributed.preload"] if self.preload else []),
                                        *([] if self.nanny else ["--no-nanny"])])
        self.client = Client(self.address, timeout=30, set_as_default=False)
        self.client.wait_for_workers(self.n, timeout=120)
        return self

    def worker_cpu(self) -> float:
        """CPU seconds the worker processes used so far (user and system)."""

        def cpu() -> float:
            import resource

            u = resource.getrusage(resource.RUSAGE_SELF)
            return u.ru_utime + u.ru_stime

        return sum(self.client.run(cpu).values())

    def worker_peaks(self) -> list[float]:
        """Peak resident memory (MiB) of each worker process so far."""

        def peak() -> int:
            import resource

            return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

        return [round(v / 1024.0, 1) for v in self.client.run(peak).values()]

    def __exit__(self, *exc: object) -> None:
        self.client.close()
        for p in reversed(self.procs):
            try:
                os.killpg(p.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
        for p in self.procs:
            try:
                p.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(p.pid, signal.SIGKILL)
                p.wait()


def check_cmd(archive: Path, out: Path, fmt: str = "json", scheduler: str | None = None, select: str | None = None) -> list[str]:
    cmd = [sys.executable, "-m", "mtqa", "check", str(archive), "--lang", "fr", "--fail-on", "never", "--isolated",
           "--format", fmt, "--output", str(out), "--no-color"]
    if select:
        cmd += ["--select", select]
    if scheduler:
        cmd += ["--engine", "dask", "--scheduler", scheduler]
    return cmd


def run(cmd: list[str], cluster: Cluster | None = None) -> dict:
    """Wall time, client peak memory and CPU seconds (client, and workers when on a cluster)."""
    before = cluster.worker_cpu() if cluster else 0.0
    seconds, cpu, rss, rc, err = measure(cmd)
    if rc not in (0, 1):
        raise SystemExit(f"run failed ({rc}): {err.strip()}\n{' '.join(cmd)}")
    workers_cpu = cluster.worker_cpu() - before if cluster else 0.0
    return {"seconds": round(seconds, 2), "client_mib": round(rss, 1), "client_cpu": round(cpu, 1),
            "workers_cpu": round(workers_cpu, 1), "worker_mib": cluster.worker_peaks() if cluster else []}


def same_findings(a: Path, b: Path) -> tuple[bool, int]:
    """Whether two JSON reports have the same documents and findings; documents that differ."""
    da = json.loads(a.read_text(encoding="utf-8"))["documents"]
    db = json.loads(b.read_text(encoding="utf-8"))["documents"]
    differ = sum(1 for x, y in zip(da, db) if x != y) + abs(len(da) - len(db))
    return differ == 0, differ


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--limit-docs", type=int, default=None, help="only the first N doc ids of each system")
    ap.add_argument("--with-source", action="store_true", help="add the German source as a column")
    ap.add_argument("--copies", type=int, default=10, help="client memory runs: the archive this many times (1: skip)")
    ap.add_argument("--json", type=Path, help="write the figures to this file")
    args = ap.parse_args()
    if not args.data.is_dir():
        raise SystemExit(f"no data at {args.data}")
    rows: list[dict] = []
    memory: list[dict] = []
    with tempfile.TemporaryDirectory(prefix="mtqa-dask-bench-") as tmp:
        work = Path(tmp)
        archive = work / "archive.parquet"
        n, words, mean_words = build_archive(args.data, archive, args.limit_docs, args.with_source, args.copies)
        print(f"archive: {n} articles, {words} words ({mean_words:.0f} per article), {archive.stat().st_size / 2**20:.1f} MiB of Parquet")
        local_json = work / "local.json"
        rows.append({"run": "local engine, 1 process", "workers": 1, **run(check_cmd(archive, local_json))})
        print(rows[-1], flush=True)
        for workers, preload, nanny in ((1, False, True), (2, False, True), (2, True, True), (2, True, False)):
            with Cluster(workers, work, preload, nanny) as cluster:
                out = work / f"dask{workers}{'p' if preload else ''}{'' if nanny else 'n'}.json"
                measured = run(check_cmd(archive, out, scheduler=cluster.address), cluster)
                same, differ = same_findings(local_json, out)
                how = ("preloaded workers" if preload else f"worker{'s' if workers > 1 else ''}") + ("" if nanny else " without nanny")
                rows.append({"run": f"dask, {workers} {how}, json", "workers": workers,
                             **measured, "identical": same, "documents_differing": differ})
                print(rows[-1], flush=True)
                if workers == 2 and preload and nanny:
                    for name, target in (("half archive", work / "half.parquet"), ("archive", archive)):
                        measured = run(check_cmd(target, work / f"{target.stem}-findings.parquet", "parquet", cluster.address), cluster)
                        rows.append({"run": f"dask, 2 warm workers, parquet, {name}", "workers": 2, **measured})
                        print(rows[-1], flush=True)
                    if args.copies > 1:
                        # client memory against archive size: one cheap corpus rule (MTQ403, so the
                        # Parquet output takes its two passes), on 1 and N copies of the archive
                        for label, target in (("1x", archive), (f"{args.copies}x", work / f"x{args.copies}.parquet")):
                            for fmt in ("json", "parquet"):
                                measured = run(check_cmd(target, work / f"mem-{label}.{fmt}", fmt, cluster.address, "MTQ403"), cluster)
                                memory.append({"archive": label, "articles": n * (args.copies if label != "1x" else 1),
                                               "format": fmt, **measured})
                                print(memory[-1], flush=True)
        import pyarrow.parquet as pq

        table = pq.read_table(work / "archive-findings.parquet")
        local = json.loads(local_json.read_text(encoding="utf-8"))
        parquet_same = sorted(
            (r["doc_id"], r["rule"], r["start"], r["end"]) for r in table.select(["doc_id", "rule", "start", "end"]).to_pylist()
        ) == sorted((d["doc_id"], i["rule"], i["start"], i["end"]) for d in local["documents"] for i in d["issues"])
    base = rows[0]["seconds"]
    print(f"\n{'run':<46}{'seconds':>8}{'speed-up':>9}{'words/s/worker':>15}{'CPU s':>8}{'client MiB':>11}  worker MiB")
    for r in rows:
        r["speed_up"] = round(base / r["seconds"], 2)
        r["words_per_second_per_worker"] = round(words / r["seconds"] / r["workers"])
        r["articles_per_second_per_worker"] = round(n / r["seconds"] / r["workers"], 2)
        r["cpu"] = round(r["client_cpu"] + r["workers_cpu"], 1)
        print(f"{r['run']:<46}{r['seconds']:>8.2f}{r['speed_up']:>9.2f}{r['words_per_second_per_worker']:>15}{r['cpu']:>8.1f}"
              f"{r['client_mib']:>11.1f}  {', '.join(f'{m:.0f}' for m in r['worker_mib']) or '-'}")
    print(f"\nfindings identical to the local engine: "
          + ", ".join(f"{r['run']}: {'yes' if r['identical'] else 'no (' + str(r['documents_differing']) + ' documents differ)'}"
                      for r in rows if "identical" in r)
          + f"; parquet findings table: {'yes' if parquet_same else 'no'}")
    two = next(r for r in rows if r["run"].startswith("dask, 2 workers, json"))
    pre = next(r for r in rows if r["run"].startswith("dask, 2 preloaded workers, json"))
    bare = next(r for r in rows if r["run"].startswith("dask, 2 preloaded workers without nanny, json"))
    print(f"2 workers / local wall time: {two['seconds'] / base:.2f} with fresh workers (models loaded by their first part), "
          f"{pre['seconds'] / base:.2f} with workers started with --preload mtqa.distributed.preload, "
          f"{bare['seconds'] / base:.2f} with preloaded workers started --no-nanny (goal: at most 0.60)")
    projections = {}
    for r in [*rows[1:3], *(r for r in rows if r["run"] in ("dask, 2 warm workers, parquet, archive",
                                                           "dask, 2 preloaded workers without nanny, json"))]:
        rate = r["articles_per_second_per_worker"]
        by_wall = ARTICLES / rate / 3600
        by_cpu = ARTICLES * r["cpu"] / n / 3600
        projections[r["run"]] = {"wall": round(by_wall), "cpu": round(by_cpu)}
        print(f"10^7 articles of {mean_words:.0f} words, '{r['run']}': {by_wall:,.0f} core-hours at its wall-time rate "
              f"({rate} articles/s per worker), {by_cpu:,.0f} from its CPU time (client and workers, {r['cpu'] / n * 1000:.0f} ms per article)")
    if memory:
        print(f"\nclient memory, --select MTQ403 on 2 warm workers:\n{'archive':<10}{'articles':>10}{'format':>9}{'seconds':>9}{'client MiB':>12}")
        for m in memory:
            print(f"{m['archive']:<10}{m['articles']:>10}{m['format']:>9}{m['seconds']:>9.2f}{m['client_mib']:>12.1f}")
    if args.json:
        args.json.write_text(json.dumps({"articles": n, "words": words, "rows": rows, "parquet_identical": parquet_same,
                                         "core_hours_1e7": projections, "client_memory": memory}, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
