"""Latency and load of `mtqa serve`, and a warm request against grammalecte-server, in one run.

1. Warm requests: one ~700-word French article, sent N times to mtqa's ``/v2/check`` and to
   grammalecte-server's ``/gc_text/fr``, alternating request by request so that both servers see
   the same machine load; both servers have answered the article once before timing starts.
   The issue's goal: mtqa's median at most half of grammalecte-server's. The repeated article
   is answered from mtqa's parse cache (what an editor re-sending an unchanged text gets), so a
   second mtqa server started with ``--parse-cache 0`` is timed in the same loop: what a text
   never seen before costs.
2. Load: 1, 4 and 16 concurrent clients (threads with keep-alive connections) posting the same
   article to ``/v2/check`` for ``--duration`` seconds each (default 60): p50/p95/p99 latency,
   throughput, errors, and the server's memory (sampled every half second: the proportional set
   size summed over the server, its helper and its workers, so shared pages count once).

Everything is on loopback; every loop is bounded by time and by a request count, and the script
stops both servers itself. The article is ~700 words of the longest WMT22 de-fr news documents of
the human reference (one paragraph per segment, blank lines between), or corpora/news when the
data is absent.

    .venv/bin/python bench/serve_load.py [--duration 60] [--levels 1,4,16] [--warm 30]
        [--workers 1] [--split] [--skip-grammalecte] [--skip-uncached] [--json out.json]
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "wmt22-general" / "de-fr"
MAX_REQUESTS_PER_CLIENT = 100_000  # a bound on every client loop, besides the duration


# -- the article --------------------------------------------------------------------------------
def article(words: int = 700) -> tuple[str, str]:
    """(text, where it comes from): ~``words`` words of French news, paragraphs apart."""
    ref = DATA / "generaltest2022.de-fr.ref.A.fr"
    ids = DATA / "generaltest2022.de-fr.docids.tsv"
    if ref.is_file() and ids.is_file():
        lines = ref.read_text(encoding="utf-8").splitlines()
        rows = [r.split("\t") for r in ids.read_text(encoding="utf-8").splitlines()[1:]]
        docs: dict[str, list[str]] = {}
        for row, line in zip(rows, lines):
            if row[3] == "news":
                docs.setdefault(row[1], []).append(line)
        # the longest news documents, longest first, until ~``words`` words (whole segments)
        ranked = sorted(docs.items(), key=lambda kv: -sum(len(s.split()) for s in kv[1]))
        out, n, used = [], 0, []
        for doc_id, segs in ranked:
            if n >= words:
                break
            used.append(doc_id)
            for s in segs:
                if n >= words:
                    break
                out.append(s)
                n += len(s.split())
        return "\n\n".join(out) + "\n", f"WMT22 de-fr human reference, news documents {', '.join(used)} ({n} words)"
    files = sorted((ROOT / "corpora" / "news").glob("0[123]*.txt"))
    text = "\n\n".join(f.read_text(encoding="utf-8").strip() for f in files) + "\n"
    return text, f"corpora/news 01-03 ({len(text.split())} words)"


# -- processes ----------------------------------------------------------------------------------
def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def mem_mib(pid: int) -> float:
    """Memory of a process and its descendants in MiB (Linux /proc): the sum of their
    proportional set sizes (pages shared by the server and its forked helper or workers are
    counted once), or of their resident sizes where PSS is not available."""
    total = 0
    todo = [pid]
    while todo:
        p = todo.pop()
        try:
            try:
                with open(f"/proc/{p}/smaps_rollup") as f:
                    total += next(int(line.split()[1]) for line in f if line.startswith("Pss:"))
            except (FileNotFoundError, StopIteration):
                with open(f"/proc/{p}/status") as f:
                    total += next(int(line.split()[1]) for line in f if line.startswith("VmRSS:"))
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as f:
                    todo.extend(int(c) for c in f.read().split())
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            continue
    return total / 1024


def wait_http(port: int, path: str, deadline: float, ok=lambda status, body: status == 200) -> None:
    while time.monotonic() < deadline:
        try:
            status, body = get(port, path)
            if ok(status, body):
                return
        except OSError:
            pass
        time.sleep(0.25)
    raise SystemExit(f"server on port {port} did not become ready")


def get(port: int, path: str) -> tuple[int, bytes]:
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        c.request("GET", path)
        r = c.getresponse()
        return r.status, r.read()
    finally:
        c.close()


def stop(proc: subprocess.Popen) -> None:
    """Stop a server and every process it started (each server runs in a session of its own:
    grammalecte-server leaves a child behind when only its main process is stopped)."""
    def group(sig: int) -> None:
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            pass

    group(signal.SIGTERM)
    try:
        proc.wait(30)
    except subprocess.TimeoutExpired:
        pass
    time.sleep(0.5)
    group(signal.SIGKILL)  # whatever is left of the group
    proc.wait()


# -- clients ------------------------------------------------------------------------------------
class Client:
    """One keep-alive connection posting a form."""

    def __init__(self, port: int, path: str, body: bytes) -> None:
        self.port, self.path, self.body = port, path, body
        self.conn: http.client.HTTPConnection | None = None

    def post(self) -> tuple[int, float]:
        t0 = time.perf_counter()
        for attempt in (1, 2):
            try:
                if self.conn is None:
                    self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
                self.conn.request("POST", self.path, self.body, {"Content-Type": "application/x-www-form-urlencoded"})
                r = self.conn.getresponse()
                r.read()
                if r.getheader("connection", "").lower() == "close":
                    self.close()
                return r.status, time.perf_counter() - t0
            except (http.client.HTTPException, OSError):
                self.close()
                if attempt == 2:
                    return 0, time.perf_counter() - t0
        return 0, time.perf_counter() - t0

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    s = sorted(values)
    k = (len(s) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(s) - 1)
    return s[lo] + (s[hi] - s[lo]) * (k - lo)


def load_level(port: int, body: bytes, clients: int, duration: float, server_pid: int) -> dict:
    end = time.monotonic() + duration
    lat: list[float] = []
    errors = 0
    statuses: dict[int, int] = {}
    lock = threading.Lock()
    mem: list[float] = []
    done = threading.Event()

    def sampler() -> None:
        while not done.wait(0.5):
            mem.append(mem_mib(server_pid))

    def worker() -> None:
        nonlocal errors
        c = Client(port, "/v2/check", body)
        n = 0
        while time.monotonic() < end and n < MAX_REQUESTS_PER_CLIENT:
            status, dt = c.post()
            n += 1
            with lock:
                statuses[status] = statuses.get(status, 0) + 1
                if status == 200:
                    lat.append(dt)
                else:
                    errors += 1
        c.close()

    mem_before = mem_mib(server_pid)
    t0 = time.monotonic()
    s = threading.Thread(target=sampler, daemon=True)
    s.start()
    threads = [threading.Thread(target=worker, daemon=True) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(duration + 180)
    elapsed = time.monotonic() - t0
    done.set()
    s.join(5)
    mem_after = mem_mib(server_pid)
    return {
        "clients": clients,
        "seconds": round(elapsed, 1),
        "requests": len(lat) + errors,
        "errors": errors,
        "statuses": statuses,
        "throughput_rps": len(lat) / elapsed if elapsed else 0.0,
        "p50_ms": pct(lat, 0.50) * 1000,
        "p95_ms": pct(lat, 0.95) * 1000,
        "p99_ms": pct(lat, 0.99) * 1000,
        "mem_start_mib": mem_before,
        "mem_max_mib": max(mem or [mem_after]),
        "mem_end_mib": mem_after,
    }


# -- main ---------------------------------------------------------------------------------------
def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--duration", type=float, default=60.0, help="seconds per concurrency level (default 60)")
    ap.add_argument("--levels", default="1,4,16", help="concurrent clients per level (default 1,4,16)")
    ap.add_argument("--warm", type=int, default=30, help="warm requests per server for the comparison (default 30)")
    ap.add_argument("--workers", type=int, default=1, help="mtqa serve --workers (default 1)")
    ap.add_argument("--split", action="store_true", help="mtqa serve --split: each check on two cores")
    ap.add_argument("--skip-grammalecte", action="store_true")
    ap.add_argument("--skip-uncached", action="store_true",
                    help="do not also time a second mtqa server started with --parse-cache 0")
    ap.add_argument("--json", type=Path, help="also write the figures to this file")
    args = ap.parse_args()
    levels = [int(x) for x in args.levels.split(",") if x.strip()]

    text, origin = article()
    words = len(text.split())
    print(f"article: {origin}; {len(text)} characters")
    print(f"machine: {os.cpu_count()} CPUs, shared with other work; loopback only\n")

    gram = shutil.which("grammalecte-server")
    if not gram and not args.skip_grammalecte:
        raise SystemExit("grammalecte-server not found (apt-get install grammalecte-cli) or pass --skip-grammalecte")

    procs: list[subprocess.Popen] = []
    logdir = Path(tempfile.mkdtemp(prefix="mtqa-serve-bench-"))
    results: dict = {"article": origin, "words": words}
    try:
        mport = free_port()
        mtqa = [sys.executable, "-m", "mtqa", "serve", "--port", str(mport), "--quiet", "--workers", str(args.workers)]
        if args.split:
            mtqa.append("--split")
        t0 = time.monotonic()
        mproc = subprocess.Popen(mtqa, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=open(logdir / "mtqa.log", "w"),
                                 start_new_session=True)
        procs.append(mproc)
        wait_http(mport, "/health", time.monotonic() + 600, lambda s, b: s == 200 and json.loads(b)["models_loaded"])
        results["mtqa_startup_s"] = round(time.monotonic() - t0, 1)
        print(f"mtqa serve ready in {results['mtqa_startup_s']} s (models loaded), pid {mproc.pid}")
        mbody = urlencode({"text": text, "language": "fr"}).encode()
        mclient = Client(mport, "/v2/check", mbody)
        status, _ = mclient.post()
        assert status == 200, status

        # the same server without its parse cache: what a text never seen before costs
        uclient = None
        if not args.skip_uncached:
            uport = free_port()
            uproc = subprocess.Popen([*mtqa[:5], str(uport), *mtqa[6:], "--parse-cache", "0"], cwd=ROOT,
                                     stdout=subprocess.DEVNULL, stderr=open(logdir / "mtqa-uncached.log", "w"),
                                     start_new_session=True)
            procs.append(uproc)
            wait_http(uport, "/health", time.monotonic() + 600, lambda s, b: s == 200 and json.loads(b)["models_loaded"])
            uclient = Client(uport, "/v2/check", mbody)
            status, _ = uclient.post()
            assert status == 200, status

        gclient = None
        if not args.skip_grammalecte:
            gport = free_port()
            gproc = subprocess.Popen([gram, "-ht", "127.0.0.1", "-p", str(gport)], stdout=open(logdir / "gram.log", "w"),
                                     stderr=subprocess.STDOUT, start_new_session=True)
            procs.append(gproc)
            wait_http(gport, "/", time.monotonic() + 120, lambda s, b: s in (200, 404))
            gclient = Client(gport, "/gc_text/fr", urlencode({"text": text}).encode())
            status, _ = gclient.post()
            assert status == 200, status

        # 1. warm requests, alternating
        m_lat, g_lat, u_lat = [], [], []
        for _ in range(args.warm):
            status, dt = mclient.post()
            if status == 200:
                m_lat.append(dt)
            if uclient is not None:
                status, dt = uclient.post()
                if status == 200:
                    u_lat.append(dt)
            if gclient is not None:
                status, dt = gclient.post()
                if status == 200:
                    g_lat.append(dt)
        mclient.close()
        if uclient is not None:
            uclient.close()
        if gclient is not None:
            gclient.close()
        warm = {"requests": args.warm, "mtqa_median_ms": statistics.median(m_lat) * 1000,
                "mtqa_p95_ms": pct(m_lat, 0.95) * 1000}
        print(f"\n## Warm request, {words}-word article, {args.warm} requests each (median, p95; ms)\n")
        print("| server | median | p95 |")
        print("|---|---:|---:|")
        print(f"| mtqa serve /v2/check (unchanged text: parse cache hit) | {warm['mtqa_median_ms']:.0f} | {warm['mtqa_p95_ms']:.0f} |")
        if u_lat:
            warm["mtqa_uncached_median_ms"] = statistics.median(u_lat) * 1000
            warm["mtqa_uncached_p95_ms"] = pct(u_lat, 0.95) * 1000
            print(f"| mtqa serve --parse-cache 0 /v2/check (every paragraph parsed) | "
                  f"{warm['mtqa_uncached_median_ms']:.0f} | {warm['mtqa_uncached_p95_ms']:.0f} |")
        if g_lat:
            warm["grammalecte_median_ms"] = statistics.median(g_lat) * 1000
            warm["grammalecte_p95_ms"] = pct(g_lat, 0.95) * 1000
            warm["ratio_mtqa_over_grammalecte"] = warm["mtqa_median_ms"] / warm["grammalecte_median_ms"]
            print(f"| grammalecte-server /gc_text/fr | {warm['grammalecte_median_ms']:.0f} | {warm['grammalecte_p95_ms']:.0f} |")
            goal = "met" if warm["ratio_mtqa_over_grammalecte"] <= 0.5 else "not met"
            print(f"\nmtqa / grammalecte-server (median): {warm['ratio_mtqa_over_grammalecte']:.2f} (goal <= 0.50: {goal})")
            if u_lat:
                warm["ratio_uncached_over_grammalecte"] = warm["mtqa_uncached_median_ms"] / warm["grammalecte_median_ms"]
                print(f"mtqa --parse-cache 0 / grammalecte-server (median): {warm['ratio_uncached_over_grammalecte']:.2f}")
        results["warm"] = warm
        for p in procs[1:]:
            stop(p)  # grammalecte-server does not share the machine during the load test

        # 2. load
        split = "--split (two cores per check)" if args.split else "one core per check"
        print(f"\n## Load: /v2/check, {words}-word article, {args.duration:g} s per level, mtqa serve --workers {args.workers}, {split}\n")
        print("| clients | requests | errors | req/s | words/s | p50 ms | p95 ms | p99 ms | mem start MiB | mem max MiB | mem end MiB |")
        print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        levels_out = []
        for c in levels:
            r = load_level(mport, mbody, c, args.duration, mproc.pid)
            levels_out.append(r)
            print(f"| {c} | {r['requests']} | {r['errors']} | {r['throughput_rps']:.2f} | {r['throughput_rps'] * words:.0f} | "
                  f"{r['p50_ms']:.0f} | {r['p95_ms']:.0f} | {r['p99_ms']:.0f} | {r['mem_start_mib']:.0f} | "
                  f"{r['mem_max_mib']:.0f} | {r['mem_end_mib']:.0f} |", flush=True)
        results["load"] = levels_out
        if levels_out:
            growth = levels_out[-1]["mem_end_mib"] - levels_out[0]["mem_start_mib"]
            results["mem_growth_mib"] = growth
            print(f"\nserver memory from the first level's start to the last level's end: {growth:+.1f} MiB")
        if mproc.poll() is not None:
            print(f"mtqa serve exited early with {mproc.returncode}; log in {logdir}")
    finally:
        for p in procs:
            stop(p)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
