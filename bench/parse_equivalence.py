"""Does the French pipeline give the same parse with numpy's matrix products as with BLIS?

mtqa builds the spaCy models' layers on numpy's OpenBLAS, pinned to one thread
(``mtqa.nlp.model_ops``), instead of thinc's default BLIS: the same products, summed in another
order, so the floats differ in the last bits. This script parses the same texts in two fresh
processes, ``blis`` (``MTQA_BLIS=1``, thinc's default) and ``openblas`` (mtqa's default), and
compares every token's tag, part of speech, morphology, head, dependency label and sentence start
as the rules read them.

``--compare strings`` compares the pipeline loaded without its vocab's strings (mtqa's default)
with the one loaded as spaCy does (``MTQA_SPACY_STRINGS=1``), with the lemmatizer and the entity
recognizer loaded too, and every token's text, norm, lower case, shape, lemma and entity besides.

``--compare ruler`` compares instead spaCy's own attribute ruler (``MTQA_STOCK_RULER=1``) with the
matcher-free one mtqa gives it (``mtqa.nlp.fast_attribute_ruler``), on the same texts and on
copies of a few thousand of them with whitespace tokens in them (double spaces, tabs, line breaks,
no-break spaces), where the ruler's whitespace patterns apply.

Texts, as mtqa parses them (straight apostrophes): the ``# text =`` line of every sentence of UD
French GSD and Sequoia, and every French line of the WMT22 files (de-fr: the reference and the six
system outputs; fr-de: the French originals). It prints the words, the tokens and sentences that differ (with the first few),
and each process's CPU time to parse.

    .venv/bin/python bench/parse_equivalence.py [--data DIR] [--limit N] [--compare blis|ruler|strings]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from tokenizer_equivalence import DATA, ud_sentences  # noqa: E402

CHILD = r"""
import json, sys, time
from mtqa import nlp
texts = json.load(open(sys.argv[1], encoding="utf-8"))
full = len(sys.argv) > 3
p = nlp.pipeline("fr", frozenset({"lemma", "ner"}) if full else frozenset())
t = time.process_time()
with open(sys.argv[2], "w", encoding="utf-8") as out:
    for d in p.pipe(texts, batch_size=64):
        rows = [[t.idx, t.tag_, t.pos_, str(t.morph), t.head.i, t.dep_, bool(t.is_sent_start)] for t in d]
        if full:
            for row, tk in zip(rows, d):
                row += [tk.text, tk.norm_, tk.lower_, tk.shape_, tk.lemma_, tk.ent_type_, tk.ent_iob_]
        out.write(json.dumps(rows) + "\n")
print(round(time.process_time() - t, 2))
"""


def collect(data: Path, limit: int | None) -> list[str]:
    texts = []
    for corpus in ("ud-french-gsd", "ud-french-sequoia"):
        for f in sorted((data / corpus).glob("*.conllu")):
            texts += ud_sentences(f)
    for f in sorted((data / "wmt22-general").glob("*/*.fr")):
        texts += [line for line in f.read_text(encoding="utf-8").splitlines() if line.strip()]
    texts = [t.replace("’", "'") for t in texts]
    return texts[:limit] if limit else texts


def whitespace_variants(texts: list[str]) -> list[str]:
    """Copies of ``texts`` holding whitespace tokens, a different kind in each copy."""
    kinds = ("  ", "\t", " \n ", "\u00a0", "   ", "\n\n")
    out = []
    for k, t in enumerate(texts):
        words = t.split(" ")
        if len(words) < 3:
            continue
        mid = len(words) // 2
        out.append(" ".join(words[:mid]) + kinds[k % len(kinds)] + " ".join(words[mid:]) + kinds[(k + 1) % len(kinds)])
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--limit", type=int, default=None, help="only the first N texts")
    ap.add_argument("--compare", choices=("blis", "ruler", "strings"), default="blis",
                    help="blis: thinc's BLIS against numpy's OpenBLAS; ruler: spaCy's attribute ruler against mtqa's; "
                         "strings: the vocab's strings loaded (spaCy) or not (mtqa)")
    args = ap.parse_args()
    texts = collect(args.data, args.limit)
    if args.compare == "ruler":
        texts += whitespace_variants(texts[::20])
        runs = (("stock ruler", {"MTQA_STOCK_RULER": "1"}), ("mtqa ruler", {}))
    elif args.compare == "strings":
        runs = (("stock strings", {"MTQA_SPACY_STRINGS": "1"}), ("mtqa strings", {}))
    else:
        runs = (("blis", {"MTQA_BLIS": "1"}), ("openblas", {}))
    words = sum(len(t.split()) for t in texts)
    print(f"{len(texts)} texts, {words} words")
    with tempfile.TemporaryDirectory(prefix="mtqa-parse-eq-") as tmp:
        src = Path(tmp) / "texts.json"
        src.write_text(json.dumps(texts), encoding="utf-8")
        outs = {}
        for name, extra in runs:
            env = {k: v for k, v in os.environ.items() if k not in ("MTQA_BLIS", "MTQA_STOCK_RULER", "MTQA_SPACY_STRINGS")} | extra
            out = Path(tmp) / f"{name}.jsonl"
            full = ["full"] if args.compare == "strings" else []
            r = subprocess.run([sys.executable, "-c", CHILD, str(src), str(out), *full], env=env, capture_output=True, text=True)
            if r.returncode:
                raise SystemExit(f"{name} failed: {r.stderr[-800:]}")
            print(f"{name}: parsed in {r.stdout.strip()} CPU s")
            outs[name] = out.read_text(encoding="utf-8").splitlines()
    a, b = (outs[name] for name, _ in runs)
    assert len(a) == len(b) == len(texts)
    diff_texts, diff_tokens, tokens, shown = 0, 0, 0, 0
    for text, la, lb in zip(texts, a, b):
        ta, tb = json.loads(la), json.loads(lb)
        tokens += len(ta)
        if la == lb:
            continue
        diff_texts += 1
        bad = [(x, y) for x, y in zip(ta, tb) if x != y] + [(None, None)] * abs(len(ta) - len(tb))
        diff_tokens += len(bad)
        if shown < 5:
            shown += 1
            print(f"  differs: {text[:100]!r}: {bad[:2]}")
    digest = hashlib.sha256("\n".join(b).encode()).hexdigest()[:16]
    print(f"{tokens} tokens; texts that differ: {diff_texts}, tokens that differ: {diff_tokens} ({runs[1][0]} parse sha256 {digest})")
    sys.exit(1 if diff_texts else 0)


if __name__ == "__main__":
    main()
