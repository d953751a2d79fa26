"""The bad-input matrix: every case mtqa must survive with one clear line and the right exit code.

    .venv/bin/python bench/bad_input.py            # every case (the 30 MB file and the 20,000 files take minutes)
    .venv/bin/python bench/bad_input.py --quick    # without the two big cases
    .venv/bin/python bench/bad_input.py --big-mb 5 # a smaller "big file"
    .venv/bin/python bench/bad_input.py --only "MB file" --only "small files"  # cases by name

Each case runs the installed ``mtqa`` command in a temporary folder with inputs generated from the
project's own corpora. It prints one line per case (exit code, whether it is the expected one and
no traceback was printed, the first stderr line; peak RSS and wall time for the big cases), then a
count. Exit status: 0 when every case held.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MTQA = [str(ROOT / ".venv" / "bin" / "mtqa")] if (ROOT / ".venv" / "bin" / "mtqa").exists() else [sys.executable, "-m", "mtqa"]
NEWS = sorted((ROOT / "corpora" / "news").glob("*.txt"))
GOOD = (ROOT / "corpora" / "news" / "02-crues-baviere.txt").read_text(encoding="utf-8")
ENGLISH = (
    "The city council approved the new budget on Monday evening after a long debate about schools.\n\n"
    "The mayor said the plan would help families and small businesses over the coming years.\n"
)
TIME = shutil.which("time") or ("/usr/bin/time" if Path("/usr/bin/time").exists() else None)


def run(args: list[str], cwd: Path, *, env: dict | None = None, timeout: float = 3600, measure: bool = False):
    """(exit code, stdout, stderr, peak RSS MiB or None, wall seconds)."""
    cmd = [*MTQA, *args]
    stats = cwd / ".time"
    if measure and TIME:
        cmd = [TIME, "-f", "%M", "-o", str(stats), *cmd]
    t0 = time.monotonic()
    # a session of its own, so that a timeout kills mtqa and its workers, not only /usr/bin/time
    p = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                         env={**os.environ, **(env or {})}, start_new_session=True)
    try:
        out, err = p.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        # a busy machine, or a hang: the case did not hold, and the matrix goes on
        os.killpg(p.pid, signal.SIGKILL)
        p.communicate()
        return None, "", f"timed out after {timeout:,.0f} s (killed)", None, time.monotonic() - t0
    wall = time.monotonic() - t0
    rss = None
    if measure and TIME and stats.exists():
        try:
            rss = int(stats.read_text().strip().splitlines()[-1]) / 1024
        except ValueError:
            rss = None
    return p.returncode, out, err, rss, wall


def paragraphs(n_chars: int, seed: int = 1) -> str:
    rng = random.Random(seed)
    paras = [p for f in NEWS for p in f.read_text(encoding="utf-8").split("\n\n") if len(p) > 80]
    out, size = [], 0
    while size < n_chars:
        p = rng.choice(paras)
        out.append(p)
        size += len(p) + 2
    return "\n\n".join(out) + "\n"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="skip the 30 MB file and the 20,000 files")
    ap.add_argument("--big-mb", type=float, default=30.0, help="size of the big file (default 30)")
    ap.add_argument("--files", type=int, default=20000, help="number of small files (default 20000)")
    ap.add_argument("--timeout", type=float, default=3600,
                    help="seconds before a big case is killed and reported as not held (default 3600)")
    ap.add_argument("--only", action="append", default=[], metavar="TEXT",
                    help="run only the cases whose name holds TEXT (repeatable)")
    args = ap.parse_args()

    def wanted(name: str) -> bool:
        return not args.only or any(t.lower() in name.lower() for t in args.only)

    tmp = Path(tempfile.mkdtemp(prefix="mtqa-bad-input-"))
    good = tmp / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    results = []

    def case(name: str, files: list[str], expected: set[int], extra: list[str] = (), *, measure: bool = False, env=None,
             check_good: bool = True, timeout: float = 3600, lang: bool = True):
        """Check ``files`` (with good.txt, whose report must not be lost, unless ``check_good``)."""
        if not wanted(name):
            return
        cmd = [*files, "good.txt", *extra] if check_good else [*files, *extra]
        if lang and "--lang" not in extra:
            cmd += ["--lang", "fr"]
        code, out, err, rss, wall = run(["check", *cmd, "-f", "json"], tmp, env=env, measure=measure, timeout=timeout)
        lines = [ln for ln in err.splitlines() if ln.strip()]
        ok = code in expected and "Traceback" not in err
        if ok and check_good and code in (0, 1, 2) and out.strip().startswith("{"):
            docs = [d["path"] for d in json.loads(out)["documents"]]
            ok = "good.txt" in docs
        elif ok and check_good and code != 130:
            ok = False  # the good file's report was lost
        report(name, code, ok, lines[0] if lines else "", rss, wall)

    def report(name, code, ok, line, rss=None, wall=None):
        if not wanted(name):
            return
        figures = ""
        if rss is not None:
            figures = f"  [peak RSS {rss:,.0f} MiB, {wall:,.1f} s]"
        elif wall is not None and wall > 5:
            figures = f"  [{wall:,.1f} s]"
        results.append(ok)
        print(f"{'ok  ' if ok else 'FAIL'} {name:34} exit {str(code if code is not None else '-'):<3} {line[:110]}{figures}", flush=True)

    # -- files ----------------------------------------------------------------------------------
    case("missing file", ["missing.txt"], {2})
    (tmp / "binary.txt").write_bytes(bytes(range(256)) * 8)
    case("binary file", ["binary.txt"], {2})
    (tmp / "empty.txt").write_bytes(b"")
    case("empty file", ["empty.txt"], {2})
    (tmp / "undecodable.txt").write_bytes(b"\x81\x8d\x8f\x90\x9d" * 20 + b"\n")
    case("undecodable file", ["undecodable.txt"], {2})
    unreadable = tmp / "unreadable.txt"
    unreadable.write_text(GOOD, encoding="utf-8")
    unreadable.chmod(0)
    if os.geteuid() == 0:  # root reads any file: a name that cannot be opened as a file instead
        unreadable.chmod(0o644)
        unreadable.unlink()
        unreadable.mkdir()
        (unreadable / "x").write_text("x")
    case("unreadable file", ["unreadable.txt"], {2})
    (tmp / "invalid-utf8.txt").write_bytes(GOOD.encode("utf-8")[:200] + b"\xc3\x28 suite\n")
    case("invalid UTF-8", ["invalid-utf8.txt"], {2})
    (tmp / "utf16.txt").write_bytes(b"\xff\xfe" + GOOD.encode("utf-16-le"))
    case("UTF-16 with BOM (decoded)", ["utf16.txt"], {0, 1})
    (tmp / "latin1.txt").write_bytes(GOOD.encode("latin-1", errors="replace"))
    case("Latin-1", ["latin1.txt"], {2})
    (tmp / "nul.txt").write_bytes(GOOD.encode("utf-8")[:300] + b"\x00\x00" + GOOD.encode("utf-8")[300:])
    case("NUL bytes", ["nul.txt"], {2})

    # -- size -----------------------------------------------------------------------------------
    words = "le conseil municipal a voté un budget de trois millions pour la rénovation des écoles".split()
    rng = random.Random(3)
    long_para = " ".join(" ".join(rng.choice(words) for _ in range(14)).capitalize() + "." for _ in range(12000))
    while len(long_para) < 1_200_000:
        long_para += " " + " ".join(rng.choice(words) for _ in range(14)).capitalize() + "."
    (tmp / "long-paragraph.txt").write_text("Titre\n\n" + long_para + "\n", encoding="utf-8")
    case("1.2 M-character paragraph", ["long-paragraph.txt"], {0, 1}, measure=True)
    if not args.quick:
        size = int(args.big_mb * 1_000_000)
        (tmp / "big.txt").write_text(paragraphs(size), encoding="utf-8")
        case(f"{args.big_mb:g} MB file", ["big.txt"], {0, 1}, ["-o", "big.json"], measure=True, check_good=False,
             timeout=args.timeout)
        many = tmp / "many"
        many.mkdir()
        texts = [f.read_text(encoding="utf-8") for f in NEWS]
        for n in range(args.files):
            (many / f"{n:05}.txt").write_text(texts[n % len(texts)], encoding="utf-8")
        case(f"{args.files:,} small files", ["many"], {0, 1}, ["--jobs", "2", "-o", "many.json"], measure=True,
             check_good=False, timeout=args.timeout)
    loop = tmp / "loop"
    loop.mkdir()
    (loop / "a.txt").write_text(GOOD, encoding="utf-8")
    os.symlink(loop, loop / "again")
    os.symlink(tmp / "self.txt", tmp / "self.txt")
    case("symlink loop (folder)", ["loop"], {0, 1})
    case("symlink loop (file)", ["self.txt"], {2})

    # -- options and languages ------------------------------------------------------------------
    case("unknown --lang", ["good.txt"], {2}, ["--lang", "xx"], check_good=False)
    (tmp / "english.txt").write_text(ENGLISH, encoding="utf-8")
    case("English article (no --lang)", ["english.txt"], {2}, lang=False)
    (tmp / "hyp.txt").write_text("Une ligne.\nDeux lignes.\nTrois lignes.\n", encoding="utf-8")
    (tmp / "ref.txt").write_text("Une ligne.\nDeux lignes.\n", encoding="utf-8")
    case("mismatched line counts", ["hyp.txt"], {2}, ["--ref", "ref.txt"], check_good=False)

    # -- XML ------------------------------------------------------------------------------------
    (tmp / "malformed.xlf").write_text('<?xml version="1.0"?><xliff version="1.2"><file><body><trans-unit id="1"><target>Texte</trans-unit></body></file></xliff>\n', encoding="utf-8")
    case("malformed XML", ["malformed.xlf"], {2})
    (tmp / "xxe.xlf").write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n'
        '<xliff version="1.2"><file target-language="fr"><body><trans-unit id="1"><source>a</source><target>&e;</target></trans-unit></body></file></xliff>\n',
        encoding="utf-8",
    )
    case("XXE", ["xxe.xlf"], {2})
    bomb = "".join(f'<!ENTITY l{i} "{"&l%d;" % (i - 1) * 10 if i else "lol"}">' for i in range(10))
    (tmp / "bomb.xlf").write_text(
        f'<?xml version="1.0"?>\n<!DOCTYPE x [{bomb}]>\n<xliff version="1.2"><file target-language="fr"><body><trans-unit id="1"><source>a</source><target>&l9;</target></trans-unit></body></file></xliff>\n',
        encoding="utf-8",
    )
    case("entity bomb", ["bomb.xlf"], {2})

    # -- configuration, baseline, cache ---------------------------------------------------------
    conf = tmp / "conf"
    conf.mkdir()
    (conf / "mtqa.toml").write_text('jobs = "two"\n', encoding="utf-8")
    shutil.copy(good, conf / "a.txt")
    code, _, err, _, wall = run(["check", "conf/a.txt", "--lang", "fr"], tmp) if wanted("wrong-typed configuration") else (2, "", "", None, 0)
    lines = err.strip().splitlines()
    report("wrong-typed configuration", code, code == 2 and len(lines) == 1 and "Traceback" not in err, lines[0] if lines else "", None, wall)
    (tmp / "baseline.json").write_text('{"format": "mtqa-baseline", "version": 1, "findings": [{"path": ', encoding="utf-8")
    case("corrupt baseline", ["good.txt"], {2}, ["--baseline", "baseline.json"], check_good=False)
    cache = tmp / "cache"
    if wanted("corrupt cache files"):
        run(["check", "good.txt", "--lang", "fr"], tmp, env={"MTQA_CACHE_DIR": str(cache)})
    corrupted = 0
    for f in cache.rglob("*"):
        if f.is_file():
            f.write_bytes(f.read_bytes()[: max(1, f.stat().st_size // 3)] + b"\x00garbage")
            corrupted += 1
    case(f"corrupt cache files ({corrupted})", [], {0, 1}, env={"MTQA_CACHE_DIR": str(cache)})

    # -- signals and concurrent writers ---------------------------------------------------------
    if wanted("Ctrl-C with workers"):
        folder = tmp / "ctrlc"
        folder.mkdir()
        for n in range(300):
            (folder / f"{n:03}.txt").write_text(GOOD, encoding="utf-8")
        p = subprocess.Popen([*MTQA, "check", "ctrlc", "--lang", "fr", "--jobs", "2", "-f", "json", "-o", "ctrlc.json"], cwd=tmp,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
        time.sleep(6)
        os.killpg(p.pid, signal.SIGINT)
        _, err = p.communicate(timeout=120)
        lines = err.strip().splitlines()
        report("Ctrl-C with workers", p.returncode, p.returncode == 130 and lines == ["mtqa: interrupted"] and not (tmp / "ctrlc.json").exists(), lines[0] if lines else "")
    if wanted("two runs writing one output"):
        procs = [subprocess.Popen([*MTQA, "check", "good.txt", "--lang", "fr", "-f", "json", "-o", "shared.json"], cwd=tmp,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
        codes = []
        for q in procs:
            _, err = q.communicate(timeout=600)
            codes.append(q.returncode)
        try:
            whole = json.loads((tmp / "shared.json").read_text(encoding="utf-8"))["summary"]["documents"] == 1
        except (OSError, ValueError, KeyError):
            whole = False
        leftovers = [f.name for f in tmp.iterdir() if f.name.startswith(".shared.json")]
        report("two runs writing one output", max(codes), whole and set(codes) <= {0, 1} and not leftovers, f"exit codes {codes}, one complete report: {whole}")

    held = sum(results)
    print(f"{held}/{len(results)} cases held")
    shutil.rmtree(tmp, ignore_errors=True)
    return 0 if held == len(results) else 1


if __name__ == "__main__":
    sys.exit(main())
