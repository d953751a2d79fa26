"""Recall of mtqa's fidelity rules on hand-annotated errors of real machine translation.

``bench/real_mt/annotations/errors-*.jsonl`` hold errors the team found by reading WMT22 de-fr
system outputs against the German source, before running mtqa on them (see the README there).
This script runs ``mtqa check --source ... --source-lang de --docids ... --format json`` with
every rule (``--select MTQ``: info rules and the rules that are off by default too) on the
annotated documents only: for each annotated system it writes the lines of its annotated
documents, their source and their doc ids to a temporary folder and maps the findings back to
the lines of the full files. Then, per kind of error:

- by the right rule: an annotated error is found when a finding of a rule meant for its kind
  (``RIGHT_RULES``) is on the same system and line and overlaps the annotated span; an error
  with no span (an omission, a dropped number or name) is found by such a finding anywhere on
  its line; a term inconsistency also by such a finding on one of its ``related_lines``;
- by any rule: the same with a finding of any rule (span overlap, or the line for an error with
  no span).

Per rule, the errors each rule finds, and the findings of the right rules that match no
annotation (unannotated: a false alarm, or an error the annotators missed; not judged here).

Only the annotated documents are checked, so a run takes seconds, not minutes. Document rules
see the same document either way (the findings of Online-G's four documents were the same as in a
run on the whole file); rules across the documents of a run (MTQ320, MTQ403) see fewer
documents. Messages that quote another line (``line 49``) count lines of the smaller file.

    .venv/bin/python bench/real_mt_recall.py                   # the table
    .venv/bin/python bench/real_mt_recall.py --misses          # and every miss, by kind
    .venv/bin/python bench/real_mt_recall.py --mtqa /work/other-tree --json out.json
    .venv/bin/python bench/real_mt_recall.py --keep DIR ; ... --reuse DIR   # run once, read again
    .venv/bin/python bench/real_mt_recall.py --config mtqa.toml  # with rule options (say, MTQ330 common_nouns)

The data is read from ``../shared/data/wmt22-general/de-fr`` (WMT22, research use; see its README).
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "wmt22-general" / "de-fr"
ANNOTATIONS = ROOT / "bench" / "real_mt" / "annotations"
PREFIX = "generaltest2022.de-fr."

KINDS = ["name", "omission", "term", "untranslated", "capital", "number", "repetition"]
# the rules meant to see each kind of error
RIGHT_RULES = {
    "name": ["MTQ503", "MTQ312"],
    "omission": ["MTQ505"],
    "term": ["MTQ330", "MTQ310"],
    "untranslated": ["MTQ101", "MTQ104", "MTQ103", "MTQ102"],
    "capital": ["MTQ504"],
    "number": ["MTQ501", "MTQ502"],
    "repetition": ["MTQ502", "MTQ410"],
}


@dataclass
class Error:
    system: str
    doc_id: str
    line: int
    kind: str
    text: str
    start: int | None
    end: int | None
    source: str
    note: str
    related_lines: list[int] = field(default_factory=list)
    found_right: list[str] = field(default_factory=list)
    found_any: list[str] = field(default_factory=list)


@dataclass
class Finding:
    system: str
    doc_id: str
    line: int
    start: int  # 0-based code-point column in the line
    end: int
    rule: str
    severity: str
    text: str
    message: str


def load_errors(paths: list[Path]) -> list[Error]:
    errors = []
    for p in paths:
        for n, raw in enumerate(p.read_text(encoding="utf-8").splitlines(), start=1):
            if not raw.strip():
                continue
            o = json.loads(raw)
            if o["kind"] not in KINDS:
                sys.exit(f"{p}:{n}: unknown kind {o['kind']!r}")
            errors.append(Error(**{k: o.get(k) for k in
                                   ("system", "doc_id", "line", "kind", "text", "start", "end", "source", "note")},
                                related_lines=o.get("related_lines") or []))
    return errors


def check_spans(errors: list[Error]) -> None:
    """Every annotated span is the exact text at its columns: offsets are the contract."""
    cache: dict[str, list[str]] = {}
    for e in errors:
        lines = cache.setdefault(e.system, (DATA / f"{PREFIX}{e.system}.fr").read_text(encoding="utf-8").split("\n"))
        if e.text and lines[e.line - 1][e.start:e.end] != e.text:
            sys.exit(f"annotation {e.system} line {e.line}: {e.text!r} is not at columns {e.start}-{e.end}")


def mtqa_command(mtqa: str | None) -> tuple[list[str], dict[str, str]]:
    """The command and environment of the mtqa to run: a tree (its src/), or an executable."""
    env = dict(os.environ)
    tree = Path(mtqa) if mtqa else ROOT
    if tree.is_dir():
        env["PYTHONPATH"] = str(tree.resolve() / "src")
        return [sys.executable, "-m", "mtqa"], env
    return [str(tree)], env


def write_subset(system: str, doc_lines: dict[str, list[int]], folder: Path) -> list[int]:
    """The annotated documents of one system as files of their own; returns subset line -> file line."""
    hyp = (DATA / f"{PREFIX}{system}.fr").read_text(encoding="utf-8").split("\n")
    src = (DATA / f"{PREFIX}src.de").read_text(encoding="utf-8").split("\n")
    keep = sorted(i for lines in doc_lines.values() for i in lines)
    owner = {i: d for d, lines in doc_lines.items() for i in lines}
    (folder / f"{system}.fr").write_text("\n".join(hyp[i - 1] for i in keep) + "\n", encoding="utf-8")
    (folder / f"{system}.src.de").write_text("\n".join(src[i - 1] for i in keep) + "\n", encoding="utf-8")
    rows = ["line\tdoc_id"] + [f"{k}\t{owner[i]}" for k, i in enumerate(keep, start=1)]
    (folder / f"{system}.docids.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return keep


def run_mtqa(system: str, folder: Path, cmd: list[str], env: dict[str, str], jobs: int, config: Path | None) -> Path:
    out = folder / f"{system}.json"
    args = cmd + [
        "check", str(folder / f"{system}.fr"), "--source", str(folder / f"{system}.src.de"),
        "--source-lang", "de", "--docids", str(folder / f"{system}.docids.tsv"), "--lang", "fr",
        "--select", "MTQ", "--format", "json", "--fail-on", "never", "--jobs", str(jobs), "-o", str(out),
    ] + (["--config", str(config)] if config else ["--isolated"])
    r = subprocess.run(args, capture_output=True, text=True, env=env)
    if r.returncode not in (0, 1) or not out.exists():
        sys.exit(f"mtqa failed on {system} (exit {r.returncode}): {r.stderr.strip()[-400:]}")
    return out


def load_findings(report: Path, system: str, line_map: list[int]) -> list[Finding]:
    data = json.loads(report.read_text(encoding="utf-8"))
    found = []
    for doc in data["documents"]:
        for i in doc["issues"]:
            col = i["column"] - 1
            found.append(Finding(system=system, doc_id=doc.get("doc_id") or "", line=line_map[i["line"] - 1],
                                 start=col, end=col + len(i["text"]), rule=i["rule"], severity=i["severity"],
                                 text=i["text"], message=i["message"]))
    return found


def covers(f: Finding, e: Error, rules: list[str] | None) -> bool:
    if f.system != e.system or (rules is not None and f.rule not in rules):
        return False
    if f.line == e.line:
        if not e.text:
            return True
        return f.start < e.end and e.start < f.end or (f.start == f.end and e.start <= f.start <= e.end)
    return e.kind == "term" and rules is not None and f.line in e.related_lines


def pct(a: int, b: int) -> str:
    return f"{a}/{b} ({100 * a / b:.0f}%)" if b else "-"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--annotations", type=Path, nargs="*", help="annotation files (default: all of bench/real_mt/annotations)")
    ap.add_argument("--mtqa", help="a source tree to run (its src/ on PYTHONPATH) or an mtqa executable (default: this tree)")
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--config", type=Path, help="an mtqa configuration to run with (rule options, severities); default: none (--isolated)")
    ap.add_argument("--keep", type=Path, help="write the inputs and reports to this folder")
    ap.add_argument("--reuse", type=Path, help="read the reports a --keep run wrote instead of running mtqa")
    ap.add_argument("--misses", action="store_true", help="list every error the right rules miss, by kind")
    ap.add_argument("--unmatched", action="store_true", help="list the right rules' findings that match no annotation")
    ap.add_argument("--json", type=Path, help="write the figures, the misses and the unmatched findings as JSON")
    args = ap.parse_args()

    paths = args.annotations or sorted(ANNOTATIONS.glob("errors-*.jsonl"))
    errors = load_errors(paths)
    check_spans(errors)
    # the annotated documents of each system, with their lines (from the doc-id file)
    rows = (DATA / f"{PREFIX}docids.tsv").read_text(encoding="utf-8").splitlines()[1:]
    lines_of: dict[str, list[int]] = collections.defaultdict(list)
    for r in rows:
        cols = r.split("\t")
        lines_of[cols[1]].append(int(cols[0]))
    wanted: dict[str, dict[str, list[int]]] = collections.defaultdict(dict)
    for e in errors:
        wanted[e.system][e.doc_id] = lines_of[e.doc_id]
    # the documents listed as annotated count even where no error was found in them
    for listing in ANNOTATIONS.glob("docs-*.tsv"):
        if args.annotations and not any(listing.stem.split("-", 1)[1] in p.stem for p in args.annotations):
            continue
        for r in listing.read_text(encoding="utf-8").splitlines()[1:]:
            cols = r.split("\t")
            wanted[cols[0]][cols[1]] = lines_of[cols[1]]

    folder = args.reuse or args.keep or Path(tempfile.mkdtemp(prefix="mtqa-recall-"))
    folder.mkdir(parents=True, exist_ok=True)
    cmd, env = mtqa_command(args.mtqa)
    findings: list[Finding] = []
    t0 = time.perf_counter()
    for system in sorted(wanted):
        line_map = write_subset(system, wanted[system], folder)
        report = folder / f"{system}.json" if args.reuse else run_mtqa(system, folder, cmd, env, args.jobs, args.config)
        findings += load_findings(report, system, line_map)
    wall = time.perf_counter() - t0

    for e in errors:
        e.found_right = sorted({f.rule for f in findings if covers(f, e, RIGHT_RULES[e.kind])})
        e.found_any = sorted({f.rule for f in findings if covers(f, e, None)} | set(e.found_right))

    n_docs = sum(len(d) for d in wanted.values())
    n_lines = sum(len(v) for d in wanted.values() for v in d.values())
    print(f"annotations: {', '.join(p.name for p in paths)}; {len(errors)} errors in {n_docs} documents "
          f"({n_lines} lines) of {len(wanted)} systems")
    print(f"mtqa: {' '.join(cmd)}{' (PYTHONPATH=' + env['PYTHONPATH'] + ')' if 'PYTHONPATH' in env and cmd[0] == sys.executable else ''}"
          f"{'' if args.reuse else f'; {wall:.1f} s wall'}; {len(findings)} findings\n")

    kinds = [k for k in KINDS if any(e.kind == k for e in errors)]
    table = []
    print(f"{'kind':<13}{'errors':>7}  {'right rule':<16}{'any rule':<16}right rules (errors each finds)")
    for k in kinds:
        es = [e for e in errors if e.kind == k]
        right = sum(1 for e in es if e.found_right)
        anyr = sum(1 for e in es if e.found_any)
        each = {r: sum(1 for e in es if r in e.found_right) for r in RIGHT_RULES[k]}
        table.append({"kind": k, "errors": len(es), "right_rule": right, "any_rule": anyr, "by_rule": each})
        print(f"{k:<13}{len(es):>7}  {pct(right, len(es)):<16}{pct(anyr, len(es)):<16}"
              + ", ".join(f"{r} {n}" for r, n in each.items()))
    tot_r = sum(1 for e in errors if e.found_right)
    tot_a = sum(1 for e in errors if e.found_any)
    print(f"{'all':<13}{len(errors):>7}  {pct(tot_r, len(errors)):<16}{pct(tot_a, len(errors)):<16}")

    # per rule: errors found (any kind), findings on the annotated documents, unannotated ones
    right_set = sorted({r for rs in RIGHT_RULES.values() for r in rs})
    unmatched = []
    per_rule = []
    print(f"\n{'rule':<8}{'findings':>9}{'on an error':>13}{'of its kind':>13}{'unannotated':>13}   errors found, by kind")
    for rule in sorted({f.rule for f in findings} | set(right_set)):
        fs = [f for f in findings if f.rule == rule]
        hits = [f for f in fs if any(covers(f, e, None) for e in errors)]
        own = [f for f in fs if any(rule in RIGHT_RULES[e.kind] and covers(f, e, RIGHT_RULES[e.kind]) for e in errors)]
        by_kind = collections.Counter(e.kind for e in errors if rule in e.found_any)
        if rule in right_set:
            unmatched += [f for f in fs if f not in hits and f not in own]
        rec = {"rule": rule, "findings": len(fs), "on_error": len(hits), "own_kind": len(own),
               "unannotated": len(fs) - len(set(map(id, hits)) | set(map(id, own))), "errors_found": dict(by_kind)}
        per_rule.append(rec)
        if not fs:
            continue
        print(f"{rule:<8}{len(fs):>9}{len(hits):>13}{len(own):>13}{rec['unannotated']:>13}   "
              + ", ".join(f"{k} {n}" for k, n in by_kind.most_common()))

    if args.misses:
        print("\nmissed by the right rules:")
        for k in kinds:
            es = [e for e in errors if e.kind == k and not e.found_right]
            if es:
                print(f"\n[{k}] {len(es)}")
            for e in es:
                other = f"  (found by {', '.join(e.found_any)})" if e.found_any else ""
                print(f"  {e.system} {e.line} {e.text or '-'!r} <- {e.source!r}: {e.note}{other}")
    if args.unmatched:
        print("\nfindings of the right rules that match no annotation:")
        for f in sorted(unmatched, key=lambda f: (f.rule, f.system, f.line)):
            print(f"  {f.rule} {f.system} {f.line} {f.text!r}: {f.message}")

    if args.json:
        args.json.write_text(json.dumps({
            "annotations": [p.name for p in paths], "errors": len(errors), "documents": n_docs, "lines": n_lines,
            "kinds": table, "rules": per_rule,
            "misses": [{"system": e.system, "line": e.line, "kind": e.kind, "text": e.text, "source": e.source,
                        "note": e.note, "found_by_other": e.found_any} for e in errors if not e.found_right],
            "unmatched": [f.__dict__ for f in unmatched],
        }, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
