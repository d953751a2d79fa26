"""Untranslated-fragment benchmark: mtqa (MTQ101 + MTQ102) against lingua's mixed-language detection.

Real French text (UD French-GSD dev sentences and the WMT22 German-to-French human references)
gets real English injected from UD English-EWT, of four kinds:

* ``word``: one English content word (noun, verb, adjective, adverb) that never occurs in the
  French treebanks replaces a French word of at least four letters;
* ``pair``: an English preposition + determiner pair ("of the", "at a") replaces a French one
  ("dans la", "pour un");
* ``chunk``: 3 to 8 consecutive English words replace as many French words;
* ``sentence``: a whole English sentence is inserted between two French sentences.

Every item is a paragraph of three consecutive French sentences with one injection; the same
paragraphs without injection are the clean text. An injection is found when a finding overlaps
it; precision counts findings on injected paragraphs that overlap no injection as false; false
findings per 1000 words are counted on the clean paragraphs.

With ``--source-rules``, it also runs the source-aware rules (MTQ103 source-copy, MTQ104
copied-source-words) on the WMT22 system outputs and references with their sources, and prints
per system the lines identical to their source, MTQ103's findings among them and elsewhere,
and MTQ104's findings (the references show what a careful translator leaves as it is).

Run: ``.venv/bin/python bench/untranslated_eval.py [--n 150] [--seed 7] [--source-rules]``
(reads ../shared/data).
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
DATA = ROOT.parent / "shared" / "data"
GSD = DATA / "ud-french-gsd" / "fr_gsd-ud-dev.conllu"
EWT = DATA / "ud-english-ewt" / "en_ewt-ud-test.conllu"
WMT_REF = DATA / "wmt22-general" / "de-fr" / "generaltest2022.de-fr.ref.A.fr"
WMT_IDS = DATA / "wmt22-general" / "de-fr" / "generaltest2022.de-fr.docids.tsv"
FR_TREEBANKS = [GSD, DATA / "ud-french-gsd" / "fr_gsd-ud-test.conllu", DATA / "ud-french-sequoia" / "fr_sequoia-ud-test.conllu"]

KINDS = ("word", "pair", "chunk", "sentence")
WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
FR_PREP = {"dans", "pour", "sur", "avec", "par", "sans", "vers", "chez", "entre", "contre", "sous", "selon", "depuis", "pendant", "avant", "après", "à", "de"}
FR_DET = {"la", "le", "les", "un", "une", "des", "ce", "cette", "ces", "son", "sa", "ses", "leur", "leurs"}


# -- data -----------------------------------------------------------------------------------------
def read_conllu(path: Path) -> list[tuple[str, list[tuple[str, str]]]]:
    """(text, [(form, upos)]) of every sentence (surface tokens, multiword tokens as one)."""
    out, text, toks, skip_to = [], None, [], 0
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# text = "):
            text = line[9:]
        elif not line.strip():
            if text is not None:
                out.append((text, toks))
            text, toks, skip_to = None, [], 0
        elif not line.startswith("#"):
            cols = line.split("\t")
            if "-" in cols[0]:
                a, b = cols[0].split("-")
                skip_to = int(b)
                toks.append((cols[1], "MWT"))
            elif "." in cols[0]:
                continue
            elif int(cols[0]) > skip_to:
                toks.append((cols[1], cols[3]))
    return out


def french_paragraphs(rng: random.Random) -> dict[str, list[list[str]]]:
    """Three-sentence paragraphs: consecutive GSD dev sentences, and consecutive sentences of one
    WMT22 document (news and other domains)."""
    gsd = [t for t, _ in read_conllu(GSD)]
    out = {"gsd": [gsd[i : i + 3] for i in range(0, len(gsd) - 2, 3)]}
    refs = WMT_REF.read_text(encoding="utf-8").splitlines()
    ids = [line.split("\t") for line in WMT_IDS.read_text(encoding="utf-8").splitlines()[1:]]
    docs: dict[str, list[str]] = {}
    for row, ref in zip(ids, refs):
        docs.setdefault(row[1], []).append(ref)
    wmt = []
    for sents in docs.values():
        wmt.extend(sents[i : i + 3] for i in range(0, len(sents) - 2, 3))
    out["wmt22"] = wmt
    for v in out.values():
        rng.shuffle(v)
    return out


def french_vocabulary() -> set[str]:
    vocab = set()
    for path in FR_TREEBANKS:
        if path.exists():
            for _, toks in read_conllu(path):
                vocab.update(f.lower() for f, _ in toks)
    return vocab


@dataclass
class English:
    words: list[str]
    pairs: list[str]
    chunks: list[str]
    sentences: list[str]


def english_material(fr_vocab: set[str]) -> English:
    words, pairs, chunks, sentences = [], [], [], []
    for text, toks in read_conllu(EWT):
        forms = [f for f, _ in toks]
        for i, (f, u) in enumerate(toks):
            if u in ("NOUN", "VERB", "ADJ", "ADV") and f.isalpha() and f.islower() and len(f) >= 4 and f not in fr_vocab:
                words.append(f)
            if i + 1 < len(toks) and u == "ADP" and toks[i + 1][1] == "DET" and f.isalpha() and f.islower() and toks[i + 1][0].isalpha():
                pairs.append(f"{f} {toks[i + 1][0].lower()}")
        # chunks: 3-8 consecutive alphabetic tokens of running text (not headlines in title case,
        # not mostly names); a sentence-initial capital is lowered, as inside a sentence
        run: list[tuple[str, str]] = []
        for k, (f, u) in enumerate(toks + [("", "PUNCT")]):
            if WORD.fullmatch(f) and u != "PUNCT":
                if not run and k == 0 and u != "PROPN" and f != "I":
                    f = f[0].lower() + f[1:]
                run.append((f, u))
                continue
            if len(run) >= 3:
                size = min(len(run), 3 + len(run) % 6)
                part = run[:size]
                caps = sum(1 for x, _ in part if x[0].isupper())
                if sum(1 for _, u2 in part if u2 != "PROPN") >= 2 and caps <= len(part) // 3:
                    chunks.append(" ".join(x for x, _ in part))
            run = []
        n = sum(1 for f in forms if WORD.fullmatch(f))
        if 6 <= n <= 30 and text[0].isupper() and text.rstrip()[-1] in ".!?" and "http" not in text:
            sentences.append(text)
    return English(words, pairs, chunks, sentences)


# -- injection ------------------------------------------------------------------------------------
@dataclass
class Item:
    corpus: str
    kind: str  # a kind of injection, or "clean"
    text: str
    spans: list[tuple[int, int]]  # injected spans (offsets into text)


def _words(sentence: str) -> list[re.Match[str]]:
    return list(WORD.finditer(sentence))


def inject(sentences: list[str], kind: str, en: English, rng: random.Random) -> tuple[list[str], int, tuple[int, int]] | None:
    """Inject into sentence 1 (the middle one); returns (sentences, index, span in that sentence)."""
    idx = 1
    s = sentences[idx]
    ws = _words(s)
    if kind == "sentence":
        e = rng.choice(en.sentences)
        return sentences[:idx] + [e] + sentences[idx:], idx, (0, len(e))
    if kind == "word":
        cands = [m for m in ws[1:] if len(m.group()) >= 4 and m.group().islower()]
        if not cands:
            return None
        m = rng.choice(cands)
        w = rng.choice(en.words)
        new = s[: m.start()] + w + s[m.end() :]
        return _replace(sentences, idx, new), idx, (m.start(), m.start() + len(w))
    if kind == "pair":
        cands = [
            (a, b) for a, b in zip(ws, ws[1:])
            if a.group().lower() in FR_PREP and b.group().lower() in FR_DET and s[a.end() : b.start()] == " "
        ]
        if not cands:
            return None
        a, b = rng.choice(cands)
        p = rng.choice(en.pairs)
        if a.start() == 0:
            p = p[0].upper() + p[1:]
        new = s[: a.start()] + p + s[b.end() :]
        return _replace(sentences, idx, new), idx, (a.start(), a.start() + len(p))
    if kind == "chunk":
        c = rng.choice(en.chunks)
        n = len(c.split())
        if len(ws) < n + 2:
            return None
        i = rng.randrange(1, len(ws) - n)
        a, b = ws[i], ws[i + n - 1]
        new = s[: a.start()] + c + s[b.end() :]
        return _replace(sentences, idx, new), idx, (a.start(), a.start() + len(c))
    raise ValueError(kind)


def _replace(sentences: list[str], idx: int, new: str) -> list[str]:
    return sentences[:idx] + [new] + sentences[idx + 1 :]


def build_items(n: int, seed: int) -> list[Item]:
    rng = random.Random(seed)
    paras = french_paragraphs(rng)
    en = english_material(french_vocabulary())
    items: list[Item] = []
    for corpus, plist in paras.items():
        used: set[int] = set()
        for kind in KINDS:
            order = list(range(len(plist)))
            rng.shuffle(order)
            made = 0
            for k in order:
                if made >= n:
                    break
                res = inject(plist[k], kind, en, rng)
                if res is None:
                    continue
                new, idx, (a, b) = res
                offset = sum(len(x) + 1 for x in new[:idx])
                items.append(Item(corpus, kind, " ".join(new), [(offset + a, offset + b)]))
                used.add(k)
                made += 1
        # the clean text: every paragraph used above, without its injection
        items.extend(Item(corpus, "clean", " ".join(plist[k]), []) for k in sorted(used))
    return items


# -- systems --------------------------------------------------------------------------------------
def run_mtqa(items: list[Item], min_confidence: float, switch_cost: float | None = None) -> tuple[list[list[tuple[int, int]]], float]:
    from mtqa.api import check_text
    from mtqa.config import Config

    sep = "\n\n"
    text = sep.join(it.text for it in items)
    starts, pos = [], 0
    for it in items:
        starts.append(pos)
        pos += len(it.text) + len(sep)
    t0 = time.perf_counter()
    rules = {"MTQ101": {"switch_cost": switch_cost}} if switch_cost is not None else {}
    report = check_text(text, Config(lang="fr", select=["untranslated"], min_confidence=min_confidence, rules=rules))
    elapsed = time.perf_counter() - t0
    found: list[list[tuple[int, int]]] = [[] for _ in items]
    import bisect

    for issue in report.issues:
        k = bisect.bisect_right(starts, issue.start) - 1
        found[k].append((issue.start - starts[k], issue.end - starts[k]))
    return found, elapsed


def run_lingua(items: list[Item]) -> tuple[list[list[tuple[int, int]]], float]:
    from lingua import Language, LanguageDetectorBuilder

    det = LanguageDetectorBuilder.from_languages(Language.FRENCH, Language.ENGLISH, Language.GERMAN).build()
    t0 = time.perf_counter()
    found = []
    for it in items:
        spans = []
        for r in det.detect_multiple_languages_of(it.text):
            if r.language != Language.FRENCH:
                a, b = r.start_index, r.end_index
                while a < b and it.text[a].isspace():
                    a += 1
                while b > a and it.text[b - 1].isspace():
                    b -= 1
                if a < b:
                    spans.append((a, b))
        found.append(spans)
    return found, time.perf_counter() - t0


# -- scoring --------------------------------------------------------------------------------------
def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def score(items: list[Item], found: list[list[tuple[int, int]]], corpus: str | None = None) -> dict[str, float]:
    out: dict[str, float] = {}
    sel = [(it, f) for it, f in zip(items, found) if corpus is None or it.corpus == corpus]
    for kind in KINDS:
        ks = [(it, f) for it, f in sel if it.kind == kind]
        hits = sum(1 for it, f in ks if any(_overlaps(s, g) for s in f for g in it.spans))
        out[f"recall {kind}"] = hits / len(ks) if ks else float("nan")
    inj = [(it, f) for it, f in sel if it.kind != "clean"]
    tp = sum(1 for it, f in inj for s in f if any(_overlaps(s, g) for g in it.spans))
    total = sum(len(f) for _, f in inj)
    out["precision"] = tp / total if total else float("nan")
    clean = [(it, f) for it, f in sel if it.kind == "clean"]
    words = sum(len(WORD.findall(it.text)) for it, _ in clean)
    out["false / 1000 words (clean)"] = 1000 * sum(len(f) for _, f in clean) / words if words else float("nan")
    out["clean words"] = words
    return out


def source_rules() -> None:
    from mtqa.api import check_paths
    from mtqa.config import Config

    wmt = DATA / "wmt22-general"
    print("\n## source-aware rules on WMT22 (lines identical to the source; MTQ103 on them / elsewhere; MTQ104)")
    print(f"{'system':28}{'identical':>10}{'MTQ103 on':>10}{'elsewhere':>10}{'MTQ104':>8}")
    for pair, src, tgt in (("de-fr", "de", "fr"), ("fr-de", "fr", "de")):
        source = wmt / pair / f"generaltest2022.{pair}.src.{src}"
        src_lines = source.read_text(encoding="utf-8").splitlines()
        for path in sorted((wmt / pair).glob(f"generaltest2022.{pair}.*.{tgt}")):
            if ".src." in path.name:
                continue
            lines = path.read_text(encoding="utf-8").splitlines()
            same = {i + 1 for i, (a, b) in enumerate(zip(src_lines, lines)) if a == b}
            report = check_paths([str(path)], Config(lang=tgt, source_lang=src, select=["MTQ103", "MTQ104"]), source=str(source))
            copies = [i.line for i in report.issues if i.rule == "MTQ103"]
            words = sum(1 for i in report.issues if i.rule == "MTQ104")
            on = sum(1 for line in copies if line in same)
            name = f"{pair} {path.name.split('.', 2)[2].rsplit('.', 1)[0]}"
            print(f"{name:28}{len(same):>10}{on:>10}{len(copies) - on:>10}{words:>8}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=150, help="items per kind and corpus (default 150)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--min-confidence", type=float, default=0.8)
    ap.add_argument("--switch-cost", type=float, default=None, help="MTQ101 switch_cost option (default: the rule's)")
    ap.add_argument("--no-lingua", action="store_true", help="skip the peer")
    ap.add_argument("--show", type=int, default=0, help="print up to N misses and false findings of mtqa")
    ap.add_argument("--source-rules", action="store_true", help="also run MTQ103/MTQ104 on the WMT22 outputs")
    args = ap.parse_args()
    for p in (GSD, EWT, WMT_REF, WMT_IDS):
        if not p.exists():
            sys.exit(f"missing data file {p} (see ../shared/data/README.md)")
    items = build_items(args.n, args.seed)
    systems = {}
    found, secs = run_mtqa(items, args.min_confidence, args.switch_cost)
    systems["mtqa"] = (found, secs)
    if not args.no_lingua:
        systems["lingua"] = run_lingua(items)
    words = sum(len(WORD.findall(it.text)) for it in items)
    counts = {k: sum(1 for it in items if it.kind == k) for k in (*KINDS, "clean")}
    print(f"items: {counts}; {words} words; seed {args.seed}; mtqa min_confidence {args.min_confidence}")
    for corpus in (None, "gsd", "wmt22"):
        rows = {name: score(items, f, corpus) for name, (f, _) in systems.items()}
        print(f"\n## {corpus or 'all'}")
        names = list(rows)
        print(f"{'figure':30}" + "".join(f"{n:>10}" for n in names))
        for key in rows[names[0]]:
            vals = "".join(f"{rows[n][key]:>10.0f}" if key == "clean words" else f"{rows[n][key]:>10.3f}" for n in names)
            print(f"{key:30}{vals}")
    print()
    for name, (_, secs) in systems.items():
        what = "whole check: segmentation, langid, MTQ101, MTQ102" if name == "mtqa" else "detect_multiple_languages_of"
        print(f"{name}: {secs:.1f} s, {words / secs:,.0f} words/s ({what})")
    if args.source_rules:
        source_rules()
    if args.show:
        _show(items, systems["mtqa"][0], args.show)


def _show(items: list[Item], found: list[list[tuple[int, int]]], n: int) -> None:
    misses = [(it, f) for it, f in zip(items, found) if it.kind != "clean" and not any(_overlaps(s, g) for s in f for g in it.spans)]
    false = [(it, s) for it, f in zip(items, found) for s in f if not any(_overlaps(s, g) for g in it.spans)]
    print(f"\n-- misses ({len(misses)})")
    for it, _ in misses[:n]:
        a, b = it.spans[0]
        print(f"[{it.kind}] {it.text[max(0, a - 40):a]}[[{it.text[a:b]}]]{it.text[b:b + 40]}")
    print(f"\n-- false findings ({len(false)})")
    for it, (a, b) in false[:n]:
        print(f"[{it.kind}/{it.corpus}] {it.text[max(0, a - 50):a]}[[{it.text[a:b]}]]{it.text[b:b + 50]}")


if __name__ == "__main__":
    main()
