"""Recall and precision of the fidelity rules (MTQ502-MTQ505, MTQ330) on errors injected into
the WMT22 German-French human reference, read with its German source and its doc ids.

For each kind, ``--n`` reference lines (or documents, for term consistency) are changed, one
error each, and the rule meant for that kind is run on the whole reference split by doc id:

- ``name-dropped``: a name of the source that the reference keeps is removed (MTQ503);
- ``name-common-noun``: that name is replaced by a common noun phrase (MTQ503);
- ``clause-dropped``: a comma-delimited clause of four words or more is removed (MTQ505);
- ``term-changed``: one rendering of a term repeated in a document is replaced by another
  word (MTQ330 with its opt-in ``common_nouns`` alignment, and its lexicon alignment as the
  rule's default has it; ``--lexicon on|off`` sets it);
- ``phrase-repeated``: a word or phrase of the line is repeated three times more (MTQ502);
- ``german-capital``: a common noun in mid-sentence is capitalised (MTQ504).

Recall is the share of changed lines (documents for term consistency) with a finding of that
rule; precision is the share of that rule's findings that stand on a changed line. ``precision*``
is the same with the findings on lines where the judged set (bench/real_mt/judgements) holds a
TRUE finding of that rule on the reference itself left out: the reference's own errors (a term
in two wordings, a name mistranslated) are no false alarms, but ``precision`` counts them as such.
The clean run gives each rule's false findings per 1000 words of the reference.

Each kind draws from a generator of its own, seeded from the seed and the kind's name, so a
change to one kind's candidates leaves the other kinds' draws alone. ``--misses`` prints every
injected line the rule missed (source, reference, changed line); ``--false`` every finding on a
line that was not changed.

    .venv/bin/python bench/fidelity_inject_eval.py [--data DIR] [--seed N] [--n N] [--kinds a,b]
        [--misses] [--false]
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from mtqa import lexicon  # noqa: E402
from mtqa.analysis.source_names import fold, kept, source_names, target_index  # noqa: E402
from mtqa.config import Config  # noqa: E402
from mtqa.analysis.langid import zipf  # noqa: E402
from mtqa.pipeline import Pipeline  # noqa: E402
from mtqa.readers.text import read_lines  # noqa: E402
from mtqa.segment import WORD_RE  # noqa: E402

DATA = ROOT.parent / "shared" / "data" / "wmt22-general" / "de-fr"
RULES = {
    "name-dropped": "MTQ503",
    "name-common-noun": "MTQ503",
    "clause-dropped": "MTQ505",
    "term-changed": "MTQ330",
    "phrase-repeated": "MTQ502",
    "german-capital": "MTQ504",
}
COMMON_NOUNS = True  # MTQ330's opt-in common-noun alignment, on for the term-changed kind
MTQ330_OPTIONS: dict = {"common_nouns": COMMON_NOUNS}  # --lexicon adds the lexicon alignment
NOUN_PHRASES = ["l'homme", "la société", "le groupe", "la ville", "le joueur", "l'entreprise", "le parti"]
OTHER_WORDS = ["dispositif", "élément", "appareil", "produit", "document", "outil", "procédure", "structure", "objet"]


def run(lines: list[str], sources: list[str], docids: list[str], rules: list[str]) -> dict[str, set[int]]:
    """Line indices (0-based) with a finding, per rule, the reference split by doc id."""
    by_doc: dict[str, list[int]] = {}
    for i, d in enumerate(docids):
        by_doc.setdefault(d, []).append(i)
    docs = []
    for d, idx in by_doc.items():
        text = "\n".join(lines[i] for i in idx) + "\n"
        doc = read_lines(text, d)
        doc.source_language = "de"
        doc.paragraphs = [replace(p, source=sources[idx[int(p.id) - 1]]) for p in doc.paragraphs]
        doc.meta["line_map"] = idx
        docs.append(doc)
    report = Pipeline(Config(lang="fr", select=rules, source_lang="de", rules={"MTQ330": dict(MTQ330_OPTIONS)})).run(docs)
    out: dict[str, set[int]] = {r: set() for r in rules}
    by_path = {d.path: d.meta["line_map"] for d in docs}
    for doc_report in report.documents:
        idx = by_path[doc_report.path]
        for i in doc_report.issues:
            out.setdefault(i.rule, set()).add(idx[i.line - 1])
    return out


def name_span(src: str, tgt: str):
    """(start, end) in the target of one source name that the target keeps verbatim: a word with
    a capital (not a derived adjective, 'hollywoodien', 'olympique'), written once in the target
    (removing one of two copies, 'avec le FDP ... SPD, FDP et Verts', loses no name)."""
    toks, folded = target_index(tgt)
    spans = []
    for n in source_names(src):
        if not kept(n, toks, folded) or len(n.text) < 3:
            continue
        key = fold(n.text)
        found = [m for m in WORD_RE.finditer(tgt)
                 if (w := fold(m.group())) == key or (len(key) >= 5 and w.startswith(key[:-2]) and abs(len(w) - len(key)) <= 3)]
        if len(found) == 1 and found[0].group()[:1].isupper():
            spans.append((found[0].start(), found[0].end()))
    return spans


def tidy(s: str) -> str:
    """Spaces left by a removal: doubled ones, and those before a comma, a full stop or a closing
    bracket (the French spaces before ";", ":", "!", "?" stay, as the reference writes them)."""
    return re.sub(r"\s+([,.)])", r"\1", re.sub(r"\s{2,}", " ", s)).strip()


def inject(kind: str, src: list[str], ref: list[str], docids: list[str], rng: random.Random, n: int):
    lines = list(ref)
    changed: set[int] = set()
    order = list(range(len(ref)))
    rng.shuffle(order)
    lex = lexicon.load("fr")
    if kind == "term-changed":
        return inject_term(src, ref, docids, rng, n)
    docs_hit: set[str] = set()
    for i in order:
        if len(changed) >= n:
            break
        s, r = src[i], ref[i]
        if kind.startswith("name") and docids[i] in docs_hit:
            continue  # one name error per document: a real translation does not drop them all
        if kind in ("name-dropped", "name-common-noun"):
            spans = name_span(s, r)
            if not spans:
                continue
            a, b = rng.choice(spans)
            if kind == "name-dropped":
                lines[i] = tidy(r[:a] + r[b:])
            else:
                lines[i] = r[:a] + rng.choice(NOUN_PHRASES) + r[b:]
        elif kind == "clause-dropped":
            # a clause ends at the next comma that a space follows (not a decimal comma: "990,5")
            parts = [m for m in re.finditer(r", ((?:[^,]|,(?=\d))+?)(?=, |,$|\.$|$)", r)]
            parts = [m for m in parts if len(m.group(1).split()) >= 4]
            if not parts:
                continue
            m = rng.choice(parts)
            lines[i] = tidy(r[: m.start()] + r[m.end() :])
        elif kind == "phrase-repeated":
            ws = list(WORD_RE.finditer(r))
            if len(ws) < 6:
                continue
            k = rng.choice([1, 1, 2, 3])
            j = rng.randrange(0, len(ws) - k)
            a, b = ws[j].start(), ws[j + k - 1].end()
            lines[i] = r[:b] + (" " + r[a:b]) * 3 + r[b:]
        elif kind == "german-capital":
            ws = list(WORD_RE.finditer(r))
            cands = []
            for j, m in enumerate(ws[1:], start=1):
                w = m.group()
                if not w.islower() or len(w) < 4 or not w.isalpha():
                    continue
                nouns = lex.analyses(w, "N")
                if nouns and not lex.analyses(w, "AVI") and max(a.freq for a in nouns) >= 2.0 \
                        and max(a.freq for a in nouns) >= 0.1 * 10 ** (zipf(w, "fr") - 3):  # not "pour"
                    cands.append(m)
            if not cands:
                continue
            m = rng.choice(cands)
            lines[i] = r[: m.start()] + m.group()[0].upper() + m.group()[1:] + r[m.end() :]
        if lines[i] != r:
            changed.add(i)
            docs_hit.add(docids[i])
    return lines, changed


def inject_term(src, ref, docids, rng, n):
    """In documents where a rare German noun stands in three segments or more and one French noun
    stands in all of their translations and nowhere else (a term rendered consistently), one of
    the later occurrences of the French noun is replaced by another noun."""
    from mtqa.checks.terminology.consistency import COMMON_SOURCE, MIN_SOURCE_LEN, _source_stem

    lines = list(ref)
    changed: set[int] = set()
    by_doc: dict[str, list[int]] = {}
    for i, d in enumerate(docids):
        by_doc.setdefault(d, []).append(i)
    lex = lexicon.load("fr")
    docs = list(by_doc.values())
    rng.shuffle(docs)

    def nouns(line):
        out = {}
        for m in WORD_RE.finditer(line):
            w = m.group()
            cut = w.find("'") + 1 or w.find("’") + 1
            w2 = w[cut:]
            if len(w2) >= 4 and w2.isalpha() and w2.islower():
                an = lex.analyses(w2, "N")
                if an and not lex.analyses(w2, "AVI"):
                    out.setdefault(an[0].lemma or w2, w2)
        return out

    for idx in docs:
        if len(changed) >= n:
            break
        src_sets = {i: {_source_stem(w) for w in WORD_RE.findall(src[i]) if len(w) >= MIN_SOURCE_LEN and w.isalpha()
                        and w[:1].isupper() and zipf(w, "de") < COMMON_SOURCE} for i in idx}
        tgt = {i: nouns(ref[i]) for i in idx}
        pairs = []
        for word in {w for st in src_sets.values() for w in st}:
            segs = [i for i in idx if word in src_sets[i]]
            if len(segs) < 3:
                continue
            for t in set.intersection(*(set(tgt[i]) for i in segs)):
                if sum(t in tgt[i] for i in idx) == len(segs):
                    pairs.append((word, t, segs))
        if not pairs:
            continue
        word, t, segs = rng.choice(sorted(pairs))
        i = rng.choice(segs[1:])
        # every word of the segment with the term's lemma is replaced (a segment that still holds
        # the term once is no second rendering), by a word that fits the elision before it
        # ("l'obligation" -> "l'élément", not "l'dispositif") and in its number
        spans = [(m.start() + cut, m.end()) for m in WORD_RE.finditer(ref[i])
                 for cut in [m.group().find("'") + 1 or m.group().find("’") + 1]
                 if nouns(m.group()[cut:]).get(t)]
        elided = any(ref[i][a - 1 : a] in "'’" for a, _ in spans if a)
        others = [x for x in OTHER_WORDS if all(x not in tgt[j] and x + "s" not in tgt[j] for j in idx)]
        other = next((x for x in others if (x[0] in "aeéiou") == elided), others[0])
        out, pos = [], 0
        for a, b in spans:
            plural = ref[i][b - 1] in "sx" and lex.analyses(ref[i][a:b], "N")[0].number == "p"
            out += [ref[i][pos:a], other + ("s" if plural else "")]
            pos = b
        lines[i] = "".join(out) + ref[i][pos:]
        if lines[i] != ref[i]:
            changed.add(i)
    return lines, changed


def reference_errors() -> dict[str, set[int]]:
    """Lines (0-based) of the human reference where a rule's finding is judged TRUE in
    bench/real_mt/judgements (the reference's own errors, such as one term in two wordings):
    the column ``precision*`` does not count them as false findings; ``precision`` does."""
    import json

    out: dict[str, set[int]] = {}
    for path in sorted((ROOT / "bench" / "real_mt" / "judgements").glob("*.jsonl")):
        for raw in path.read_text(encoding="utf-8").splitlines():
            if raw.strip():
                j = json.loads(raw)
                if j.get("system") == "ref.A" and j.get("verdict") == "TRUE":
                    out.setdefault(j["rule"], set()).add(int(j["line"]) - 1)
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--n", type=int, default=200)
    ap.add_argument("--kinds", default=",".join(RULES))
    ap.add_argument("--misses", action="store_true", help="print the injected lines the rule missed")
    ap.add_argument("--false", action="store_true", help="print the findings on lines not changed")
    ap.add_argument("--lexicon", choices=["on", "off"], help="MTQ330's lexicon alignment on or off (default: the rule's default)")
    args = ap.parse_args()
    if args.lexicon:
        MTQ330_OPTIONS["lexicon"] = args.lexicon == "on"
    src = (args.data / "generaltest2022.de-fr.src.de").read_text(encoding="utf-8").splitlines()
    ref = (args.data / "generaltest2022.de-fr.ref.A.fr").read_text(encoding="utf-8").splitlines()
    docids = [r.split("\t")[1] for r in (args.data / "generaltest2022.de-fr.docids.tsv").read_text(encoding="utf-8").splitlines()[1:]]
    words = sum(len(r.split()) for r in ref)
    kinds = [k for k in args.kinds.split(",") if k]
    rules = sorted({RULES[k] for k in kinds})
    clean = run(ref, src, docids, rules)
    print(f"clean reference ({words} words): false findings per 1000 words")
    for r in rules:
        print(f"  {r}  lines {len(clean[r]):3}  {1000 * len(clean[r]) / words:.3f}")
    ref_errors = reference_errors()
    print(f"{'kind':18} {'rule':7} {'injected':>8} {'recall':>7} {'precision':>9} {'precision*':>10}")
    for kind in kinds:
        rule = RULES[kind]
        rng = random.Random(f"{args.seed}:{kind}")  # one generator a kind: kinds are drawn independently
        lines, changed = inject(kind, src, ref, docids, rng, args.n)
        hits = run(lines, src, docids, [rule])[rule]
        tp = len(hits & changed)
        fp = len(hits - changed)
        fp_own = len(hits - changed - ref_errors.get(rule, set()))  # the reference's own judged errors aside
        print(f"{kind:18} {rule:7} {len(changed):8} {tp / max(1, len(changed)):7.3f} {tp / max(1, tp + fp):9.3f}"
              f" {tp / max(1, tp + fp_own):10.3f}")
        for label, show, idx in (("MISS", args.misses, changed - hits), ("FALSE", args.false, hits - changed)):
            for i in sorted(idx) if show else ():
                print(f"  {label} {kind} line {i + 1} doc {docids[i]}\n    de:  {src[i]}\n    ref: {ref[i]}")
                if lines[i] != ref[i]:
                    print(f"    now: {lines[i]}")


if __name__ == "__main__":
    main()
