"""Terminology benchmark on the WMT22 German-to-French data (../shared/data/wmt22-general/de-fr).

The reference and the six system outputs are split into their 271 documents with ``docids.tsv``.

(a) Drift injection. In each reference document, a term that occurs at least three times (a
    word of at least six letters, or a capitalised name of two words) gets one later occurrence
    rewritten as a variant that wordfreq does not know as a common word: a consonant doubled, a
    doubled letter dropped, an accent dropped or added, a vowel changed, a hyphen turned into a
    space or dropped, or the two words of a name swapped (``Corée du Sud`` -> ``Sud-Corée``).
    The kind is drawn first, then the place, so rare kinds are not drowned by frequent ones. The drift rules (MTQ310, MTQ311, MTQ312) run on the documents with and
    without the injection. An injection is found when a finding overlaps it; precision counts
    the findings of the injected documents that overlap no injection and were not already
    reported on the original document.
(b) Glossary enforcement. A glossary is built from the German source and the French reference:
    German words of at least six letters paired with the French word whose segments they share
    best (Dice >= 0.8 over at least three segments). Each entry gets a forbidden variant (the
    French term misspelt). Half of the documents that use a glossary term get every occurrence
    replaced by the forbidden variant (keeping its inflection); the other half stay correct.
    Reported: MTQ301 recall on the replaced occurrences, MTQ301 findings on the correct
    documents, and MTQ302 (target term missing, with the source attached) findings on them.
(c) Drift findings (MTQ310 + MTQ311 + MTQ312) per 1000 words in the reference and each system
    output, and, separately, corpus drift (MTQ320, each file one run) and source-term
    inconsistency (MTQ330, with the German source attached) per 1000 words.

Deterministic (``--seed``). Run: ``.venv/bin/python bench/terminology_eval.py [--seed 13]
[--trials 3] [--json out.json]``.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
import unicodedata
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
DATA = ROOT.parent / "shared" / "data" / "wmt22-general" / "de-fr"
PREFIX = "generaltest2022.de-fr"
SYSTEMS = ("LT22", "Online-A", "Online-B", "Online-G", "Online-W", "Online-Y")
DRIFT = ["MTQ310", "MTQ311", "MTQ312"]

from mtqa.api import attach_aligned  # noqa: E402
from mtqa.checks.terminology.names import names  # noqa: E402
from mtqa.analysis.terminology.terms import fold, tokens, zipf  # noqa: E402
from mtqa.config import Config  # noqa: E402
from mtqa.docids import split_by_docids  # noqa: E402
from mtqa.pipeline import Pipeline  # noqa: E402
from mtqa.model import Document  # noqa: E402
from mtqa.readers.text import read_lines  # noqa: E402

VOWELS = set("aeiouyàâäéèêëîïôöùûü")
NEVER_DOUBLED = set("hjkqvwxç")  # letters French never doubles: no realistic slip


def load_docs(text: str, path: str, source: str | None = None) -> list[Document]:
    doc = read_lines(text, path)
    if source is not None:
        doc = attach_aligned(doc, source, [], "source")
    return list(split_by_docids(doc, str(DATA / f"{PREFIX}.docids.tsv")))


def run(docs: list[Document], select: list[str], glossaries: list[str] | None = None):
    # MTQ312's reordered names are off by default (correct French on real news): the injected
    # reorderings measure what the option finds when a user turns it on
    rules = {"MTQ312": {"reorder": True}}
    return Pipeline(Config(lang="fr", source_lang="de", select=select, glossaries=glossaries or [], rules=rules)).run(docs)


def line_starts(text: str) -> list[int]:
    out = [0]
    for i, c in enumerate(text):
        if c == "\n":
            out.append(i + 1)
    return out


# -- (a) drift injection ---------------------------------------------------------------------------
def spelling_variant(word: str, rng: random.Random) -> tuple[str, str] | None:
    """(kind, misspelling) of ``word``, of one of the kinds the drift rule must find."""
    options = []
    for i in range(1, len(word) - 2):
        c = word[i]
        if c.isalpha() and c.lower() not in VOWELS | NEVER_DOUBLED and word[i - 1].lower() in VOWELS and word[i + 1].lower() in VOWELS:
            options.append(("double", word[: i + 1] + c + word[i + 1 :]))  # double a consonant
        if c.isalpha() and word[i + 1] == c:
            options.append(("undouble", word[:i] + word[i + 1 :]))  # drop a doubled letter
        plain = unicodedata.normalize("NFD", c)
        if len(plain) > 1:
            options.append(("accent", word[:i] + plain[0] + word[i + 1 :]))  # drop an accent
        if c in "aeiou" and word[i - 1].lower() not in VOWELS:
            for v in "aeiou":
                if v != c:
                    options.append(("vowel", word[:i] + v + word[i + 1 :]))  # a vowel changed
        if c == "e" and word[i - 1].lower() not in VOWELS and word[i + 1].lower() not in VOWELS:
            options.append(("accent+", word[:i] + "é" + word[i + 1 :]))  # an accent added
    if "-" in word:
        options.append(("hyphen", word.replace("-", " ", 1)))
        options.append(("fused", word.replace("-", "", 1)))
    options = [o for o in options if o[1] != word and zipf(o[1], "fr") < 2.0]
    if not options:
        return None
    kinds = sorted({k for k, _ in options})
    kind = rng.choice(kinds)
    return rng.choice([o for o in options if o[0] == kind])


def plan_injection(doc: Document, rng: random.Random) -> tuple[int, int, str, str] | None:
    """(start, end, replacement, kind) of one drift injection in ``doc``, or None."""
    doc.target_language = "fr"
    toks = tokens(doc, "fr")
    by_key: dict[str, list] = {}
    for t in toks:
        if len(t.text) >= 6 and t.text.replace("-", "").isalpha() and not t.all_caps:
            by_key.setdefault(t.key, []).append(t)
    name_groups: dict[tuple, list] = {}
    for n in names(doc, "fr"):
        if len(n.parts) == 2:
            name_groups.setdefault(n.parts, []).append(n)
    words = sorted(k for k, v in by_key.items() if len(v) >= 3 and len({t.text for t in v}) == 1)
    name_keys = sorted(k for k, v in name_groups.items() if len(v) >= 3)
    if name_keys and (not words or rng.random() < 0.3):
        group = name_groups[rng.choice(name_keys)]
        n = rng.choice(group[1:])
        text = doc.text[n.start : n.end]
        ws = text.replace("-", " ").split()
        content = [w for w in ws if w[:1].isupper()]
        if len(content) == 2:
            new = f"{content[1]}-{content[0]}" if len(ws) > 2 else f"{content[1]} {content[0]}"
            return n.start, n.end, new, "order"
    rng.shuffle(words)
    for key in words:
        occ = by_key[key]
        t = rng.choice(occ[1:])
        variant = spelling_variant(t.text, rng)
        if variant:
            return t.start, t.end, variant[1], variant[0]
    return None


def apply(text: str, edits: list[tuple[int, int, str]]) -> tuple[str, list[tuple[int, int]]]:
    """The text with the edits applied, and the new spans of the edits."""
    out, spans, pos, shift = [], [], 0, 0
    for s, e, new in sorted(edits):
        out.append(text[pos:s])
        out.append(new)
        spans.append((s + shift, s + shift + len(new)))
        shift += len(new) - (e - s)
        pos = e
    out.append(text[pos:])
    return "".join(out), spans


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def eval_injection(ref_text: str, ref_path: str, seed: int, trials: int) -> dict:
    base = run(load_docs(ref_text, ref_path), DRIFT)
    base_found = Counter((d.doc_id, i.rule, i.text) for d in base.documents for i in d.issues)
    tp = fn = fp = 0
    kinds: Counter = Counter()
    found_kinds: Counter = Counter()
    missed: list[str] = []
    false: list[str] = []
    for trial in range(trials):
        rng = random.Random(seed * 1000 + trial)
        edits = []
        doc_of_edit = {}
        kind_of_edit = {}
        for d in load_docs(ref_text, ref_path):
            plan = plan_injection(d, rng)
            if plan:
                edits.append(plan[:3])
                doc_of_edit[plan[0]] = d.doc_id
                kind_of_edit[plan[0]] = plan[3]
        new_text, spans = apply(ref_text, edits)
        injected_docs = set(doc_of_edit.values())
        report = run(load_docs(new_text, ref_path), DRIFT)
        by_doc = {d.doc_id: d for d in report.documents}
        for (s, e, new), span in zip(sorted(edits), spans):
            d = by_doc[doc_of_edit[s]]
            kind = kind_of_edit[s]
            kinds[kind] += 1
            if any(overlaps((i.start, i.end), span) for i in d.issues):
                tp += 1
                found_kinds[kind] += 1
            else:
                fn += 1
                missed.append(f"{ref_text[s:e]} -> {new}")
        for doc_id in injected_docs:
            d = by_doc[doc_id]
            mine = [sp for (s, e, _), sp in zip(sorted(edits), spans) if doc_of_edit[s] == doc_id]
            seen = Counter()
            for i in d.issues:
                if any(overlaps((i.start, i.end), sp) for sp in mine):
                    continue
                k = (doc_id, i.rule, i.text)
                seen[k] += 1
                if seen[k] > base_found.get(k, 0):
                    fp += 1
                    false.append(f"{i.rule} {i.text!r}: {i.message}")
    return {
        "injections": tp + fn,
        "found": tp,
        "recall": round(tp / max(1, tp + fn), 3),
        "precision": round(tp / max(1, tp + fp), 3),
        "false_findings": fp,
        "kinds": dict(sorted(kinds.items())),
        "recall_by_kind": {k: round(found_kinds[k] / n, 3) for k, n in sorted(kinds.items())},
        "missed": missed[:20],
        "false": false[:20],
    }


# -- (b) glossary ----------------------------------------------------------------------------------
def build_glossary(src_lines: list[str], ref_lines: list[str]) -> list[tuple[str, str]]:
    """(German word, French word) pairs that share their segments (Dice >= 0.8, >= 3 segments)."""
    import re

    word = re.compile(r"[^\W\d_]{6,}")
    de_df: Counter = Counter()
    fr_df: Counter = Counter()
    co: Counter = Counter()
    fr_surface: dict[str, Counter] = {}
    for s, r in zip(src_lines, ref_lines):
        de = {w for w in word.findall(s) if w[:1].isupper()}
        fr = set()
        for w in word.findall(r):
            k = fold(w, "fr")
            fr.add(k)
            fr_surface.setdefault(k, Counter())[w] += 1
        de_df.update(de)
        fr_df.update(fr)
        for a in sorted(de):  # sorted: set order changes with the hash seed
            for b in sorted(fr):
                co[(a, b)] += 1
    best: dict[str, tuple[float, str]] = {}
    for (a, b), c in co.items():
        if c < 3:
            continue
        dice = 2 * c / (de_df[a] + fr_df[b])
        if dice >= 0.8 and dice > best.get(a, (0, ""))[0]:
            best[a] = (dice, b)
    pairs = []
    used = set()
    for a, (_, b) in sorted(best.items()):
        if b in used:
            continue
        used.add(b)
        surface = min((w for w in fr_surface[b] if w == w.lower()), key=len, default=None)
        if surface and fold(surface, "fr") == b:
            pairs.append((a, surface))
    return pairs


def eval_glossary(src_text: str, ref_text: str, ref_path: str, seed: int) -> dict:
    rng = random.Random(seed)
    pairs = build_glossary(src_text.splitlines(), ref_text.splitlines())
    entries = []
    for de, fr in pairs:
        variant = spelling_variant(fr, rng)
        if variant and fold(variant[1], "fr") != fold(fr, "fr"):
            entries.append((de, fr, variant[1]))
    with tempfile.TemporaryDirectory() as tmp:
        gpath = Path(tmp) / "glossary.csv"
        lines = ["source,target,forbidden,note"] + [f"{de},{fr},{bad},bench" for de, fr, bad in entries]
        gpath.write_text("\n".join(lines) + "\n", encoding="utf-8")
        # which documents use a glossary term; half get the forbidden variant everywhere
        docs = load_docs(ref_text, ref_path, src_text)
        forms = {fold(fr, "fr"): (fr, bad) for _, fr, bad in entries}
        edits, bad_docs, good_docs = [], set(), set()
        for d in docs:
            d.target_language = "fr"
            hits = [t for t in tokens(d, "fr") if t.key in forms]
            if not hits:
                continue
            if rng.random() < 0.5:
                bad_docs.add(d.doc_id)
                for t in hits:
                    fr, bad = forms[t.key]
                    new = bad + t.text[len(fr):] if t.text.lower().startswith(fr[:3].lower()) and len(t.text) > len(fr) else bad
                    if t.text[:1].isupper():
                        new = new[:1].upper() + new[1:]
                    edits.append((t.start, t.end, new))
            else:
                good_docs.add(d.doc_id)
        new_text, spans = apply(ref_text, edits)
        report = run(load_docs(new_text, ref_path, src_text), ["MTQ301", "MTQ302"], [str(gpath)])
        found = 0
        issues_301 = [i for d in report.documents for i in d.issues if i.rule == "MTQ301"]
        for sp in spans:
            if any(overlaps((i.start, i.end), sp) for i in issues_301):
                found += 1
        good_301 = sum(1 for d in report.documents if d.doc_id in good_docs for i in d.issues if i.rule == "MTQ301")
        good_302 = sum(1 for d in report.documents if d.doc_id in good_docs for i in d.issues if i.rule == "MTQ302")
        bad_302 = sum(1 for d in report.documents if d.doc_id in bad_docs for i in d.issues if i.rule == "MTQ302")
        examples = [f"{de} -> {fr} (forbidden {bad})" for de, fr, bad in entries[:8]]
    return {
        "glossary_entries": len(entries),
        "examples": examples,
        "documents_with_forbidden": len(bad_docs),
        "documents_correct": len(good_docs),
        "forbidden_occurrences": len(spans),
        "mtq301_recall": round(found / max(1, len(spans)), 3),
        "mtq301_findings_on_correct_documents": good_301,
        "mtq302_findings_on_correct_documents": good_302,
        "mtq302_findings_on_documents_with_forbidden": bad_302,
    }


# -- (c) drift density -----------------------------------------------------------------------------
def eval_density(src_text: str) -> dict:
    out = {}
    files = [("reference", DATA / f"{PREFIX}.ref.A.fr")] + [(s, DATA / f"{PREFIX}.hyp.{s}.fr") for s in SYSTEMS]
    for label, path in files:
        text = path.read_text(encoding="utf-8")
        report = run(load_docs(text, str(path), src_text), DRIFT + ["MTQ320", "MTQ330"])
        words = sum(d.word_count for d in report.documents)
        by_rule = Counter(i.rule for i in report.issues)
        drift = sum(by_rule[r] for r in DRIFT)
        out[label] = {
            "words": words,
            "drift_findings": drift,
            "drift_per_1000_words": round(1000 * drift / words, 3),
            "by_rule": dict(sorted(by_rule.items())),
            "corpus_drift_per_1000_words": round(1000 * by_rule["MTQ320"] / words, 3),
            "source_inconsistency_per_1000_words": round(1000 * by_rule["MTQ330"] / words, 3),
        }
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--trials", type=int, default=3, help="injection rounds over the reference (a)")
    ap.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    args = ap.parse_args()
    ref_path = DATA / f"{PREFIX}.ref.A.fr"
    ref_text = ref_path.read_text(encoding="utf-8")
    src_text = (DATA / f"{PREFIX}.src.de").read_text(encoding="utf-8")
    t0 = time.time()
    result = {
        "a_drift_injection": eval_injection(ref_text, str(ref_path), args.seed, args.trials),
        "b_glossary": eval_glossary(src_text, ref_text, str(ref_path), args.seed),
        "c_density": eval_density(src_text),
    }
    result["seconds"] = round(time.time() - t0, 1)
    a, b, c = result["a_drift_injection"], result["b_glossary"], result["c_density"]
    print(f"(a) drift injection: {a['injections']} injections, recall {a['recall']}, "
          f"precision {a['precision']} ({a['false_findings']} new findings elsewhere)")
    print("    by kind: " + ", ".join(f"{k} {a['recall_by_kind'][k]} of {n}" for k, n in a["kinds"].items()))
    for m in a["missed"][:10]:
        print(f"    missed: {m}")
    for f in a["false"][:10]:
        print(f"    false:  {f}")
    print(f"(b) glossary: {b['glossary_entries']} entries, {b['forbidden_occurrences']} forbidden occurrences in "
          f"{b['documents_with_forbidden']} documents: MTQ301 recall {b['mtq301_recall']}; on the "
          f"{b['documents_correct']} correct documents: {b['mtq301_findings_on_correct_documents']} MTQ301, "
          f"{b['mtq302_findings_on_correct_documents']} MTQ302 findings")
    print("(c) drift findings per 1000 words (MTQ310-312; corpus MTQ320 and source-aware MTQ330 separately):")
    for label, row in c.items():
        print(f"    {label:10} {row['drift_per_1000_words']:6.3f}  ({row['drift_findings']} in {row['words']} words; "
              f"MTQ320 {row['corpus_drift_per_1000_words']:.3f}, MTQ330 {row['source_inconsistency_per_1000_words']:.3f})"
              f"  {row['by_rule']}")
    print(f"{result['seconds']} s")
    if args.json:
        args.json.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
