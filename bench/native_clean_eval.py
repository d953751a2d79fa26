"""False alarms of the monolingual rules on native French text (no source), judged.

Runs ``mtqa check`` (every default rule, every severity, no source) on French written by people:

- ``frde``: the original French of WMT22 fr-de (``generaltest2022.fr-de.src.fr``: customer-service
  chats, product pages, news, social posts), one document per doc id;
- ``ud_test``: UD French Sequoia test (documents by the source of their sentences: Europarl, the
  Est Républicain, EMEA, Wikipedia) and UD French GSD test (its sentences are shuffled: runs of 20);
- ``gsd_dev``: UD French GSD dev, runs of 20 sentences.

and prints the findings per rule and per 1000 words, each matched with the judgements of
``bench/clean_fr/native-*.jsonl`` (keyed by corpus, rule, flagged text and line): a finding on
correct text is FALSE; native text has real slips of its own (a typo, a missing accent): a finding
judged TRUE there is not a false alarm, and neither is one judged PARTLY (a real slip, but the
message or the suggestion is wrong), counted apart. Unjudged findings are listed for judging and
counted apart. ``--export-unjudged FILE`` writes them as JSON lines in the judgements' shape.

    .venv/bin/python bench/native_clean_eval.py                     # this tree, every corpus
    .venv/bin/python bench/native_clean_eval.py --corpus frde --select MTQ101,MTQ310
    .venv/bin/python bench/native_clean_eval.py --tree /work/OLD --quiet   # another checkout's src/

The data is read from ``../shared/data`` (WMT22: research use; UD French GSD: CC BY-SA 4.0; UD
French Sequoia: LGPL-LR; see its README).
"""
from __future__ import annotations

import argparse
import collections
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
FRDE = DATA / "wmt22-general" / "fr-de"
JUDGED = ROOT / "bench" / "clean_fr"
RUN = 20  # sentences a document, where the treebank gives no documents


def _conllu_texts(path: Path) -> list[tuple[str, str]]:
    """(sent_id, text) of every sentence."""
    out, sid = [], ""
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# sent_id = "):
            sid = line[len("# sent_id = "):].strip()
        elif line.startswith("# text = "):
            out.append((sid, line[len("# text = "):].strip()))
    return out


def _runs(sents: list[tuple[str, str]], name: str) -> list[tuple[str, str]]:
    return [(f"{name}-{i // RUN:03d}", t) for i, (_, t) in enumerate(sents)]


def corpora() -> dict[str, list[tuple[str, str]]]:
    """Corpus name -> (doc id, line) in order."""
    out: dict[str, list[tuple[str, str]]] = {}
    lines = (FRDE / "generaltest2022.fr-de.src.fr").read_text(encoding="utf-8").splitlines()
    ids = [row.split("\t")[1] for row in (FRDE / "generaltest2022.fr-de.docids.tsv").read_text(encoding="utf-8").splitlines()[1:]]
    out["frde"] = list(zip(ids, lines))
    seq = _conllu_texts(DATA / "ud-french-sequoia" / "fr_sequoia-ud-test.conllu")
    ud: list[tuple[str, str]] = []
    by_source: dict[str, list[tuple[str, str]]] = {}
    for sid, text in seq:
        by_source.setdefault(sid.rsplit("_", 1)[0], []).append((sid, text))
    for source, sents in by_source.items():
        ud += [(f"sequoia-{source}-{i // RUN:03d}", t) for i, (_, t) in enumerate(sents)]
    ud += _runs(_conllu_texts(DATA / "ud-french-gsd" / "fr_gsd-ud-test.conllu"), "gsd-test")
    out["ud_test"] = ud
    out["gsd_dev"] = _runs(_conllu_texts(DATA / "ud-french-gsd" / "fr_gsd-ud-dev.conllu"), "gsd-dev")
    return out


def run(tree: Path, rows: list[tuple[str, str]], select: str | None, jobs: int) -> dict:
    with tempfile.TemporaryDirectory(prefix="mtqa-native-") as tmp:
        t = Path(tmp)
        (t / "text.fr").write_text("".join(line + "\n" for _, line in rows), encoding="utf-8")
        (t / "docids.tsv").write_text("doc_id\n" + "".join(d + "\n" for d, _ in rows), encoding="utf-8")
        out = t / "report.json"
        env = dict(os.environ, PYTHONPATH=str(tree / "src"))
        cmd = [sys.executable, "-m", "mtqa", "check", str(t / "text.fr"), "--docids", str(t / "docids.tsv"),
               "--lang", "fr", "--format", "json", "--fail-on", "never", "--jobs", str(jobs), "-o", str(out)]
        if select:
            cmd += ["--select", select]
        r = subprocess.run(cmd, capture_output=True, text=True, env=env)
        if r.returncode not in (0, 1):
            sys.exit(f"mtqa failed (exit {r.returncode}): {r.stderr.strip()[-600:]}")
        return json.loads(out.read_text(encoding="utf-8"))


def judgements() -> dict[tuple, dict]:
    out = {}
    for path in sorted(JUDGED.glob("native-*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                j = json.loads(line)
                out[(j["corpus"], j["rule"], j["text"], j["context"])] = j
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--tree", type=Path, default=ROOT, help="checkout whose src/ is run")
    ap.add_argument("--corpus", action="append", choices=["frde", "ud_test", "gsd_dev"],
                    help="only this corpus (repeatable; default all)")
    ap.add_argument("--select", help="as mtqa check --select (default: every default rule)")
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--quiet", action="store_true", help="counts only, not each unjudged finding")
    ap.add_argument("--show", action="store_true", help="also print the judged findings")
    ap.add_argument("--export-unjudged", type=Path, help="write the unjudged findings as JSON lines")
    ap.add_argument("--json", type=Path, help="write every finding with its verdict as JSON lines")
    a = ap.parse_args()

    judged = judgements()
    texts = corpora()
    names = a.corpus or list(texts)
    findings, words = [], {}
    for name in names:
        rows = texts[name]
        report = run(a.tree, rows, a.select, a.jobs)
        words[name] = sum(d.get("word_count") or 0 for d in report["documents"])
        for d in report["documents"]:
            for i in d["issues"]:
                context = rows[i["line"] - 1][1]
                j = judged.get((name, i["rule"], i["text"], context))
                findings.append({
                    "corpus": name, "doc_id": d.get("doc_id") or "", "line": i["line"], "rule": i["rule"],
                    "severity": i["severity"], "text": i["text"], "message": i["message"],
                    "suggestions": [s if isinstance(s, str) else s.get("text", "") for s in i.get("suggestions") or []][:2],
                    "context": context, "verdict": j["verdict"] if j else None,
                    "cls": j.get("cls", "") if j else "", "note": j.get("note", "") if j else "",
                })
    print("words: " + ", ".join(f"{n} {words[n]}" for n in names))
    per = collections.Counter((f["corpus"], f["rule"], f["verdict"] or "unjudged") for f in findings)
    rules = sorted({f["rule"] for f in findings})
    head = "".join(f" | {n}: FALSE (PARTLY, TRUE, unjudged), FALSE /1000w" for n in names)
    print(f"| rule{head} |")
    print("|---" * (len(names) + 1) + "|")
    for r in rules:
        cells = []
        for n in names:
            false = per[(n, r, "FALSE")]
            cells.append(f"{false} ({per[(n, r, 'PARTLY')]}, {per[(n, r, 'TRUE')]}, {per[(n, r, 'unjudged')]}) "
                         f"{1000 * false / max(1, words[n]):.2f}")
        print(f"| {r} | " + " | ".join(cells) + " |")
    cells = []
    for n in names:
        got = {v_: sum(v for (c, _, w), v in per.items() if c == n and w == v_) for v_ in ("FALSE", "PARTLY", "TRUE", "unjudged")}
        cells.append(f"{got['FALSE']} ({got['PARTLY']}, {got['TRUE']}, {got['unjudged']}) {1000 * got['FALSE'] / max(1, words[n]):.2f}")
    print("| all | " + " | ".join(cells) + " |")
    if not a.quiet:
        for f in findings:
            if f["verdict"] is None or a.show:
                print(f"\n{f['corpus']} {f['doc_id']}:{f['line']} {f['rule']} [{f['severity']}] {f['text']!r} "
                      f"{f['verdict'] or 'UNJUDGED'}: {f['message']}")
                print(f"   {f['context']}")
    if a.export_unjudged:
        a.export_unjudged.write_text("".join(json.dumps({k: f[k] for k in (
            "corpus", "doc_id", "line", "rule", "text", "context", "message")}, ensure_ascii=False) + "\n"
            for f in findings if f["verdict"] is None), encoding="utf-8")
    if a.json:
        a.json.write_text("".join(json.dumps(f, ensure_ascii=False) + "\n" for f in findings), encoding="utf-8")


if __name__ == "__main__":
    main()
