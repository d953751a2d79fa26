"""MTQ505's false alarms on clean aligned pairs that are in neither half of the judged set.

The WMT22 French-German test set read backwards: the French original (``src.fr``) is taken as the
translation and a German version of it as its source (by default the human reference ``ref.A.de``;
``--source hyp.NAME`` takes a system's output instead). A French original holds all of its German
translation's content, so a finding of the omission rule there is almost surely a false alarm (the
German translator may have added something, which is worth reading). Prints the findings per 1000
words of the French and, with ``--show``, every finding with its source and target.

    .venv/bin/python bench/omission_clean_eval.py [--source ref.A] [--rule MTQ505] [--show]
    .venv/bin/python bench/omission_clean_eval.py --reference --show   # the de-fr reference
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from dataclasses import replace  # noqa: E402

from mtqa.config import Config  # noqa: E402
from mtqa.pipeline import Pipeline  # noqa: E402
from mtqa.readers.text import read_lines  # noqa: E402

WMT = ROOT.parent / "shared" / "data" / "wmt22-general"
DATA = WMT / "fr-de"


def findings(lines: list[str], sources: list[str], docids: list[str], rule: str) -> dict[int, str]:
    """Line index (0-based) -> the rule's message, the lines split into documents by doc id."""
    by_doc: dict[str, list[int]] = {}
    for i, d in enumerate(docids):
        by_doc.setdefault(d, []).append(i)
    docs = []
    for d, idx in by_doc.items():
        doc = read_lines("\n".join(lines[i] for i in idx) + "\n", d)
        doc.source_language = "de"
        doc.paragraphs = [replace(p, source=sources[idx[int(p.id) - 1]]) for p in doc.paragraphs]
        doc.meta["line_map"] = idx
        docs.append(doc)
    report = Pipeline(Config(lang="fr", select=[rule], source_lang="de")).run(docs)
    by_path = {d.path: d.meta["line_map"] for d in docs}
    out: dict[int, str] = {}
    for doc_report in report.documents:
        for i in doc_report.issues:
            if i.rule == rule:
                out[by_path[doc_report.path][i.line - 1]] = i.message
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--source", default="ref.A", help="the German side: ref.A or hyp.SYSTEM")
    ap.add_argument("--rule", default="MTQ505")
    ap.add_argument("--reference", action="store_true",
                    help="the de-fr human reference with its German source instead (the judged set's)")
    ap.add_argument("--show", action="store_true", help="print every finding with its source")
    args = ap.parse_args()
    if args.reference:
        d = WMT / "de-fr"
        fr = (d / "generaltest2022.de-fr.ref.A.fr").read_text(encoding="utf-8").splitlines()
        de = (d / "generaltest2022.de-fr.src.de").read_text(encoding="utf-8").splitlines()
        ids = d / "generaltest2022.de-fr.docids.tsv"
        what = "de-fr reference with its German source"
    else:
        fr = (args.data / "generaltest2022.fr-de.src.fr").read_text(encoding="utf-8").splitlines()
        de = (args.data / f"generaltest2022.fr-de.{args.source}.de").read_text(encoding="utf-8").splitlines()
        ids = args.data / "generaltest2022.fr-de.docids.tsv"
        what = f"French original as translation, {args.source}.de as source"
    docids = [r.split("\t")[1] for r in ids.read_text(encoding="utf-8").splitlines()[1:]]
    words = sum(len(x.split()) for x in fr)
    hits = findings(fr, de, docids, args.rule)
    print(f"{what} ({words} words): {args.rule} {len(hits)} lines, {1000 * len(hits) / words:.3f} per 1000 words")
    if args.show:
        for i in sorted(hits):
            print(f"== L{i + 1} {docids[i]}: {hits[i]}\n  SRC: {de[i]}\n  TGT: {fr[i]}")


if __name__ == "__main__":
    main()
