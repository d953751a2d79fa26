"""Precision of mtqa on real machine translation: findings judged by reading them against the source.

Runs ``mtqa check`` with the German source and the doc ids on the six WMT22 de-fr system outputs
and the human reference, matches every finding with the judgements kept under
``bench/real_mt/judgements/*.jsonl`` and prints, per rule:

- findings per 1000 words for each system and for the reference;
- precision on the judged findings (TRUE / judged; PARTLY counts as a miss), and the share that is a
  real problem at all ((TRUE + PARTLY) / judged);
- how many findings are not judged yet.

Documents are split in two halves by a hash of their doc id: ``tune`` (rules may be changed while
looking at it) and ``heldout`` (the figure). ``--half`` picks what is printed (default: heldout).

A judgement is keyed so that it survives offset and code changes: system, doc id, line, rule
family (category), flagged text and the words around it; a judgement that names its rule judges
only that rule's findings. One JSON object a line::

    {"system": "hyp.LT22", "doc_id": "...", "line": 12, "category": "agreement", "rule": "MTQ202",
     "text": "commerciale", "context": "un accord commerciale entre",
     "verdict": "TRUE", "replacement": "good", "note": "..."}

``verdict`` is TRUE (a real error, right span and message), PARTLY (a real problem, but span,
message or suggestion is wrong) or FALSE (correct French, or not worth flagging). ``replacement``
is ``good`` (applying the first replacement gives correct text), ``bad`` or ``none`` (no
replacement offered).

    .venv/bin/python bench/real_mt_eval.py                       # held-out figures
    .venv/bin/python bench/real_mt_eval.py --half all --by-system
    .venv/bin/python bench/real_mt_eval.py --export-unjudged /tmp/todo.jsonl   # for the next judging
    .venv/bin/python bench/real_mt_eval.py --reuse DIR           # read reports written earlier

The data is read from ``../shared/data/wmt22-general/de-fr`` (WMT22, research use; see its README).
"""

from __future__ import annotations

import argparse
import collections
import hashlib
import json
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "wmt22-general" / "de-fr"
JUDGEMENTS = ROOT / "bench" / "real_mt" / "judgements"
SYSTEMS = ["ref.A", "hyp.LT22", "hyp.Online-A", "hyp.Online-B", "hyp.Online-G", "hyp.Online-W", "hyp.Online-Y"]
REFERENCE = "ref.A"
CONTEXT = 30  # characters of the line kept on each side of a finding in its key
SEVERITY_RANK = {"info": 1, "warning": 2, "error": 3}


def half_of(doc_id: str) -> str:
    """'tune' or 'heldout', fixed by a hash of the doc id."""
    return "heldout" if hashlib.sha1(doc_id.encode("utf-8")).digest()[0] % 2 else "tune"


@dataclass
class Finding:
    system: str
    doc_id: str
    line: int
    rule: str
    category: str
    severity: str
    text: str
    context: str
    message: str
    suggestions: list[str]
    target_line: str
    related_line: int | None

    @property
    def half(self) -> str:
        return half_of(self.doc_id)


def is_advice(suggestion: str) -> bool:
    """Advice for the reader, written in parentheses by reports that predate the ``advice`` field."""
    return suggestion.startswith("(") and suggestion.endswith(")")


def context_of(line_text: str, col0: int, length: int) -> str:
    return line_text[max(0, col0 - CONTEXT) : col0 + length + CONTEXT]


def run_mtqa(system: str, out_dir: Path, mtqa: str, jobs: int, select: str | None = None,
             config: Path | None = None) -> Path:
    out = out_dir / f"{system}.json"
    cmd = [
        mtqa, "check", str(DATA / f"generaltest2022.de-fr.{system}.fr"),
        "--source", str(DATA / "generaltest2022.de-fr.src.de"), "--source-lang", "de",
        "--docids", str(DATA / "generaltest2022.de-fr.docids.tsv"), "--lang", "fr",
        "--format", "json", "--fail-on", "never", "--jobs", str(jobs), "-o", str(out),
    ]
    if select:
        cmd += ["--select", select]
    if config:
        cmd += ["--config", str(config)]
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode not in (0, 1):
        sys.exit(f"mtqa failed on {system} (exit {r.returncode}): {r.stderr.strip()[-400:]}")
    return out


def load_findings(report_path: Path, system: str) -> tuple[list[Finding], dict[str, int], dict[str, dict]]:
    """Findings of one report, words per doc id, and each document's quality."""
    report = json.loads(report_path.read_text(encoding="utf-8"))
    lines = (DATA / f"generaltest2022.de-fr.{system}.fr").read_text(encoding="utf-8").split("\n")
    findings, words, quality = [], {}, {}
    for doc in report["documents"]:
        doc_id = doc.get("doc_id") or doc["path"]
        words[doc_id] = doc.get("word_count") or 0
        quality[doc_id] = {"passed": (doc.get("quality") or {}).get("passed", True), "issues": doc["issues"]}
        for i in doc["issues"]:
            lt = lines[i["line"] - 1]
            related = (i.get("related") or {}).get("line")
            findings.append(
                Finding(
                    system=system, doc_id=doc_id, line=i["line"], rule=i["rule"], category=i["category"],
                    severity=i["severity"], text=i["text"], context=context_of(lt, i["column"] - 1, len(i["text"])),
                    message=i["message"], suggestions=[x for x in i.get("suggestions") or [] if not is_advice(x)],
                    target_line=lt,
                    related_line=related,
                )
            )
    return findings, words, quality


def load_judgements() -> dict[tuple, list[dict]]:
    table: dict[tuple, list[dict]] = collections.defaultdict(list)
    for path in sorted(JUDGEMENTS.glob("*.jsonl")):
        for n, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not raw.strip():
                continue
            try:
                j = json.loads(raw)
                key = (j["system"], j["doc_id"], int(j["line"]), j["category"], j["text"])
                if j["verdict"] not in ("TRUE", "PARTLY", "FALSE"):
                    raise ValueError(f"verdict {j['verdict']!r}")
            except (ValueError, KeyError) as e:
                sys.exit(f"{path.name}:{n}: bad judgement ({e})")
            j["_file"] = path.name
            table[key].append(j)
    return table


def match(f: Finding, table: dict[tuple, list[dict]]) -> dict | None:
    cands = table.get((f.system, f.doc_id, f.line, f.category, f.text))
    if not cands:
        return None
    # Two rules of one family may flag the same span (MTQ503 and MTQ505 both flag a whole line):
    # a judgement that names another rule judges that rule's finding, not this one.
    cands = [j for j in cands if j.get("rule") in (None, f.rule)]
    if not cands:
        return None
    for j in cands:  # the same text twice on one line: the words around it decide
        if j.get("context") == f.context:
            return j
    return cands[0]


MIN_HELDOUT = 5  # fewer judged held-out findings than this: both halves are pooled, and the file says so


def write_precision(findings: list[Finding], table: dict[tuple, list[dict]]) -> None:
    """rules/fr/precision.yaml: per rule, TRUE / judged on the held-out half (both halves pooled
    when the held-out half has fewer than MIN_HELDOUT judged findings of the rule)."""
    per: dict[str, dict[str, list[str]]] = collections.defaultdict(lambda: {"heldout": [], "tune": []})
    for f in findings:
        j = match(f, table)
        if j:
            per[f.rule][f.half].append(j["verdict"])
    lines = [
        "# Measured precision of each rule on real machine translation into French.",
        "# Written by `bench/real_mt_eval.py --write-precision` from the judgements under",
        "# bench/real_mt/judgements/ (findings read against the German source): TRUE / judged on the",
        "# held-out half of the WMT22 de-fr documents, or on both halves where the held-out half has",
        f"# fewer than {MIN_HELDOUT} judged findings of the rule; `pooled` is the figure on both halves.",
        "# Shown by `mtqa explain`. A rule's default severity follows the lower of the two (error at",
        "# 0.9 and above, warning at 0.7 and above, info below: tests/test_precision_policy.py), and",
        "# `mtqa check --fix` applies without asking only replacements of rules at 0.95 and above on 5 or more judged findings.",
        "data: WMT22 general de-fr, six system outputs and the human reference, held-out half",
        "rules:",
    ]
    for rule in sorted(per):
        h, t = per[rule]["heldout"], per[rule]["tune"]
        vs, data = (h, None) if len(h) >= MIN_HELDOUT else (h + t, "WMT22 general de-fr, both halves (few held-out findings)")
        if not vs:
            continue
        prec = sum(1 for v in vs if v == "TRUE") / len(vs)
        both = h + t
        pooled = sum(1 for v in both if v == "TRUE") / len(both)
        row = f"  {rule}: {{precision: {prec:.3f}, judged: {len(vs)}, pooled: {pooled:.3f}, pooled_judged: {len(both)}"
        row += f", data: \"{data}\"}}" if data else "}"
        lines.append(row)
    (ROOT / "rules" / "fr" / "precision.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("wrote rules/fr/precision.yaml")


def pct(a: float, b: float) -> str:
    return f"{a / b:.3f}" if b else "-"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--half", choices=["heldout", "tune", "all"], default="heldout")
    ap.add_argument("--reuse", type=Path, help="folder with SYSTEM.json reports from an earlier run")
    ap.add_argument("--keep", type=Path, help="write the reports to this folder")
    ap.add_argument("--mtqa", default=str(ROOT / ".venv" / "bin" / "mtqa"))
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--select", help="run only these rules (as mtqa check --select), to look at one family quickly")
    ap.add_argument("--config", type=Path, help="an mtqa configuration to run with (rule options such as [rules.MTQ330] lexicon = true)")
    ap.add_argument("--by-system", action="store_true", help="findings per 1000 words per system and rule")
    ap.add_argument("--export-unjudged", type=Path, help="write unjudged findings (both halves) as JSON lines")
    ap.add_argument("--json", type=Path, help="write the per-rule figures as JSON")
    ap.add_argument("--write-precision", action="store_true",
                    help="write each rule's held-out precision to rules/fr/precision.yaml (for explain, severities, safe fixes)")
    ap.add_argument("--fail-on", choices=["error", "warning", "info"], default="error",
                    help="the gate: a document fails with a finding at or above this severity (default error)")
    args = ap.parse_args()

    src_lines = (DATA / "generaltest2022.de-fr.src.de").read_text(encoding="utf-8").split("\n")
    tmp = None
    if args.reuse:
        out_dir = args.reuse
    else:
        out_dir = args.keep or Path(tempfile.mkdtemp(prefix="mtqa-real-"))
        out_dir.mkdir(parents=True, exist_ok=True)
        tmp = out_dir
        for s in SYSTEMS:
            run_mtqa(s, out_dir, args.mtqa, args.jobs, args.select, args.config)
    table = load_judgements()

    all_findings: list[Finding] = []
    words: dict[str, dict[str, int]] = {}
    quality: dict[str, dict] = {}
    for s in SYSTEMS:
        f, w, q = load_findings(out_dir / f"{s}.json", s)
        all_findings += f
        words[s] = w
        quality[s] = q

    def in_half(doc_id: str) -> bool:
        return args.half == "all" or half_of(doc_id) == args.half

    shown = [f for f in all_findings if in_half(f.doc_id)]
    judged = [(f, match(f, table)) for f in shown]
    words_in = {s: sum(n for d, n in words[s].items() if in_half(d)) for s in SYSTEMS}
    mt_words = sum(words_in[s] for s in SYSTEMS if s != REFERENCE)

    # per rule
    rows = []
    rules = sorted({f.rule for f in shown})
    for rule in rules:
        fs = [(f, j) for f, j in judged if f.rule == rule]
        js = [j for _, j in fs if j]
        t = sum(1 for j in js if j["verdict"] == "TRUE")
        p = sum(1 for j in js if j["verdict"] == "PARTLY")
        sev = collections.Counter(f.severity for f, _ in fs).most_common(1)[0][0]
        mt_n = sum(1 for f, _ in fs if f.system != REFERENCE)
        ref_n = sum(1 for f, _ in fs if f.system == REFERENCE)
        rows.append({
            "rule": rule, "severity": sev, "findings": len(fs), "judged": len(js), "true": t, "partly": p,
            "false": len(js) - t - p, "precision": t / len(js) if js else None,
            "real_problem": (t + p) / len(js) if js else None,
            "mt_per_1000": 1000 * mt_n / max(mt_words, 1), "ref_per_1000": 1000 * ref_n / max(words_in[REFERENCE], 1),
        })
    print(f"half: {args.half}   documents split by sha1(doc_id); words: MT {mt_words}, reference {words_in[REFERENCE]}")
    print()
    print("| rule | severity | findings | judged | TRUE | PARTLY | FALSE | precision | real problem | MT /1000 w | ref /1000 w |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        print(
            f"| {r['rule']} | {r['severity']} | {r['findings']} | {r['judged']} | {r['true']} | {r['partly']} | {r['false']} "
            f"| {pct(r['true'], r['judged'])} | {pct(r['true'] + r['partly'], r['judged'])} "
            f"| {r['mt_per_1000']:.3f} | {r['ref_per_1000']:.3f} |"
        )
    js = [j for _, j in judged if j]
    t = sum(1 for j in js if j["verdict"] == "TRUE")
    p = sum(1 for j in js if j["verdict"] == "PARTLY")
    print(f"| all | | {len(shown)} | {len(js)} | {t} | {p} | {len(js) - t - p} | {pct(t, len(js))} | {pct(t + p, len(js))} | | |")
    gated = [(f, j) for f, j in judged if j and SEVERITY_RANK[f.severity] >= 2]
    gt = sum(1 for _, j in gated if j["verdict"] == "TRUE")
    print(f"\nwarning and error findings: {len(gated)} judged, precision {pct(gt, len(gated))}")
    low = [r for r in rows if r["severity"] in ("warning", "error") and r["judged"] and r["precision"] < 0.7]
    if low:
        print("rules at warning/error below 0.7: " + ", ".join(f"{r['rule']} ({r['precision']:.2f})" for r in low))

    # suggestions
    with_repl = [(f, j) for f, j in judged if j and j["verdict"] == "TRUE" and f.suggestions]
    good = sum(1 for _, j in with_repl if j.get("replacement") == "good")
    print(f"replacements of TRUE findings: {len(with_repl)}, applying them gives correct text in {pct(good, len(with_repl))}")
    all_repl = [(f, j) for f, j in judged if j and f.suggestions]
    good_all = sum(1 for _, j in all_repl if j.get("replacement") == "good")
    print(f"replacements of every judged finding: {len(all_repl)}, correct when applied blindly: {pct(good_all, len(all_repl))}")

    # the reference and the gate
    ref_gated = [f for f in shown if f.system == REFERENCE and SEVERITY_RANK[f.severity] >= 2]
    print(
        f"\nreference: {len(ref_gated)} warning/error findings, "
        f"{1000 * len(ref_gated) / max(words_in[REFERENCE], 1):.3f} per 1000 words"
    )
    bar = SEVERITY_RANK[args.fail_on]

    def failing_docs(system: str) -> dict[str, list[Finding]]:
        out: dict[str, list[Finding]] = collections.defaultdict(list)
        for f in shown:
            if f.system == system and SEVERITY_RANK[f.severity] >= bar:
                out[f.doc_id].append(f)
        return out

    docs = [d for d in quality[REFERENCE] if in_half(d)]
    failing = failing_docs(REFERENCE)
    print(f"reference documents failing the gate (--fail-on {args.fail_on}): {len(failing)} of {len(docs)}")
    for d, fs in sorted(failing.items()):
        for f in fs:
            j = match(f, table)
            print(f"  {d} line {f.line} {f.rule} {f.text!r}: {j['verdict'] if j else 'unjudged'}")
    for s in SYSTEMS:
        if s == REFERENCE:
            continue
        fd = failing_docs(s)
        real = sum(1 for fs in fd.values() if any((match(f, table) or {}).get("verdict") == "TRUE" for f in fs))
        print(f"  {s}: {len(fd)} of {len(docs)} documents fail the gate, {real} of them on a judged TRUE finding")

    if args.by_system:
        print("\nfindings per 1000 words, by system")
        print("| rule | " + " | ".join(SYSTEMS) + " |")
        print("|---|" + "---|" * len(SYSTEMS))
        for rule in rules:
            cells = []
            for s in SYSTEMS:
                n = sum(1 for f in shown if f.rule == rule and f.system == s)
                cells.append(f"{1000 * n / max(words_in[s], 1):.3f}")
            print(f"| {rule} | " + " | ".join(cells) + " |")

    unjudged = [f for f, j in ((f, match(f, table)) for f in all_findings) if j is None]
    print(f"\nunjudged findings: {sum(1 for f, j in judged if j is None)} in this half, {len(unjudged)} in all")
    for f in [f for f, j in judged if j is None][:40]:
        print(f"  {f.system} {f.doc_id} line {f.line} {f.rule} {f.text!r}")
    if args.export_unjudged:
        with args.export_unjudged.open("w", encoding="utf-8") as fh:
            for f in unjudged:
                rel = None
                if f.related_line:
                    rel = (DATA / f"generaltest2022.de-fr.{f.system}.fr").read_text(encoding="utf-8").split("\n")[f.related_line - 1]
                fh.write(json.dumps({
                    "system": f.system, "doc_id": f.doc_id, "line": f.line, "category": f.category, "rule": f.rule,
                    "severity": f.severity, "text": f.text, "context": f.context, "message": f.message,
                    "suggestions": f.suggestions, "target_line": f.target_line, "source_line": src_lines[f.line - 1],
                    "related_line": f.related_line, "related_text": rel, "half": f.half,
                }, ensure_ascii=False) + "\n")
        print(f"wrote {len(unjudged)} unjudged findings to {args.export_unjudged}")
    if args.write_precision:
        write_precision(all_findings, table)
    if args.json:
        args.json.write_text(json.dumps({"half": args.half, "rules": rows}, indent=1), encoding="utf-8")
    if tmp is not None and not args.keep:
        for p in tmp.glob("*.json"):
            p.unlink()
        tmp.rmdir()


if __name__ == "__main__":
    main()
