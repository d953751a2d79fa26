"""Do two versions of mtqa report the same findings? For refactors that must not change behaviour.

Checks out OLD (a git revision) into a temporary worktree, runs it and the NEW tree (a revision,
or the working tree by default) on the same inputs, and compares the JSON reports:

- the bundled corpora (`corpora/news`, and `corpora/aligned` with its source, reference and doc ids);
- the WMT22 de-fr human reference and the six system outputs with the German source and doc ids
  (from ../shared/data, skipped when it is not there).

Fields that may differ between versions without a change of findings are left out of the
comparison: the tool's version, `advice` (added to the report contract later), and notices.
Prints one line per input (`same` or how many issues differ, with the first differences) and
exits 1 when any input differs.

    .venv/bin/python bench/same_findings.py OLD_REV [--new NEW_REV] [--jobs 2] [--quick]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "wmt22-general" / "de-fr"
SYSTEMS = ["ref.A", "hyp.LT22", "hyp.Online-A", "hyp.Online-B", "hyp.Online-G", "hyp.Online-W", "hyp.Online-Y"]
IGNORED_ISSUE_FIELDS = ("advice",)


def inputs(quick: bool) -> list[tuple[str, list[str]]]:
    out = [
        ("corpora/news", ["corpora/news", "--lang", "fr"]),
        ("corpora/aligned", [
            "corpora/aligned/hyp.fr", "--source", "corpora/aligned/src.de", "--ref", "corpora/aligned/ref.fr",
            "--docids", "corpora/aligned/docids.tsv", "--lang", "fr", "--source-lang", "de",
        ]),
    ]
    if DATA.is_dir():
        for s in SYSTEMS[: 2 if quick else None]:
            out.append((f"wmt22 {s}", [
                str(DATA / f"generaltest2022.de-fr.{s}.fr"), "--source", str(DATA / "generaltest2022.de-fr.src.de"),
                "--source-lang", "de", "--docids", str(DATA / "generaltest2022.de-fr.docids.tsv"), "--lang", "fr",
            ]))
    return out


def run(tree: Path, args: list[str], jobs: int) -> dict:
    """The JSON report of the mtqa in ``tree`` (its src/ and rules/) on ``args``, run from ROOT."""
    env = {**os.environ, "PYTHONPATH": str(tree / "src")}
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as fh:
        out = Path(fh.name)
    try:
        cmd = [sys.executable, "-m", "mtqa", "check", *args, "--format", "json", "--fail-on", "never",
               "--jobs", str(jobs), "-o", str(out)]
        r = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
        if r.returncode not in (0, 1):
            sys.exit(f"mtqa in {tree} failed (exit {r.returncode}): {r.stderr.strip()[-300:]}")
        return json.loads(out.read_text(encoding="utf-8"))
    finally:
        out.unlink(missing_ok=True)


def comparable(report: dict) -> list[tuple]:
    rows = []
    for d in report["documents"]:
        for i in d["issues"]:
            rows.append((d.get("path"), d.get("doc_id"), json.dumps(
                {k: v for k, v in i.items() if k not in IGNORED_ISSUE_FIELDS}, sort_keys=True, ensure_ascii=False)))
    return rows


def worktree(rev: str, where: Path) -> Path:
    subprocess.run(["git", "worktree", "add", "--detach", "-f", str(where), rev], cwd=ROOT, check=True, capture_output=True)
    return where


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("old", help="git revision of the version to compare with")
    ap.add_argument("--new", help="git revision of the new version (default: the working tree)")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--quick", action="store_true", help="only the reference and one system of WMT22")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="mtqa-same-"))
    trees = []
    try:
        old = worktree(args.old, tmp / "old")
        trees.append(old)
        new = worktree(args.new, tmp / "new") if args.new else ROOT
        if args.new:
            trees.append(new)
        differing = 0
        for name, cmd in inputs(args.quick):
            a, b = comparable(run(old, cmd, args.jobs)), comparable(run(new, cmd, args.jobs))
            if a == b:
                print(f"same     {name}: {len(a)} issues")
                continue
            differing += 1
            only_old, only_new = sorted(set(a) - set(b)), sorted(set(b) - set(a))
            print(f"DIFFERS  {name}: {len(a)} -> {len(b)} issues, {len(only_old)} only before, {len(only_new)} only after")
            for tag, rows in (("-", only_old[:3]), ("+", only_new[:3])):
                for _, doc_id, row in rows:
                    i = json.loads(row)
                    print(f"    {tag} {doc_id or ''} {i['rule']} line {i['line']} {i['text'][:50]!r}: {i['message'][:80]}")
        print(f"\n{differing} input(s) differ")
        sys.exit(1 if differing else 0)
    finally:
        for t in trees:
            subprocess.run(["git", "worktree", "remove", "--force", str(t)], cwd=ROOT, capture_output=True)
        subprocess.run(["git", "worktree", "prune"], cwd=ROOT, capture_output=True)


if __name__ == "__main__":
    main()
