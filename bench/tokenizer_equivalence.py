"""Does the French pipeline built from mtqa's cache tokenise exactly as the stock one?

mtqa caches the compiled code of the long regular expressions spaCy's French tokenizer compiles
at load (see ``mtqa.cache.compiled_regexes``). This script tokenises the same texts in three
fresh processes and compares every token (offset, text, trailing whitespace):

- ``stock``: caching off (``MTQA_NO_CACHE=1``), spaCy and the standard library compile everything;
- ``build``: an empty cache directory, the expressions are compiled and stored;
- ``cached``: the same directory again, the expressions are made from the stored code.

Texts (each tokenised as written and with straight apostrophes, as mtqa parses it; the running
texts also in upper case, which the tokenizer's case-insensitive exceptions must handle):

- UD French GSD (dev, test) and Sequoia (test): the ``# text =`` line of every sentence;
- every French line of the WMT22 de-fr files (``*.fr``: the reference and six system outputs);
- every word of wordfreq's French list, one word per text (the hyphenated compounds, elisions
  and abbreviations the tokenizer's special cases are about), also with a capital initial and
  with typographic apostrophes.

Words are whitespace-separated tokens of the texts, counted over all variants. It also prints
each process's CPU time to load the pipeline.

    .venv/bin/python bench/tokenizer_equivalence.py [--data DIR] [--limit N]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"


def ud_sentences(path: Path) -> list[str]:
    return [line[len("# text = ") :] for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("# text = ")]


def collect(data: Path, limit: int | None) -> dict[str, list[str]]:
    """Texts per source (before variants)."""
    sources: dict[str, list[str]] = {}
    ud = []
    for corpus in ("ud-french-gsd", "ud-french-sequoia"):
        for f in sorted((data / corpus).glob("*.conllu")):
            ud += ud_sentences(f)
    sources["UD French (GSD, Sequoia)"] = ud
    wmt = []
    for f in sorted((data / "wmt22-general" / "de-fr").glob("*.fr")):
        wmt += [line for line in f.read_text(encoding="utf-8").splitlines() if line.strip()]
    sources["WMT22 de-fr French (*.fr)"] = wmt
    from wordfreq import iter_wordlist

    sources["wordfreq French word list"] = list(iter_wordlist("fr"))
    if limit:
        sources = {k: v[:limit] for k, v in sources.items()}
    return sources


def variants(sources: dict[str, list[str]]) -> tuple[list[str], dict[str, int]]:
    texts: list[str] = []
    words: dict[str, int] = {}
    for name, items in sources.items():
        out = []
        for t in items:
            straight = t.replace("’", "'")
            out.append(t)
            if straight != t:
                out.append(straight)
            if name.startswith("wordfreq"):
                title = t[:1].upper() + t[1:]  # as at the start of a sentence
                if title != t:
                    out.append(title)
                curly = t.replace("'", "’")  # the list writes straight apostrophes
                if curly != t:
                    out.append(curly)
            else:
                out.append(straight.upper())
                if straight != t:
                    out.append(t.upper())
        texts += out
        words[name] = sum(len(t.split()) for t in out)
    return texts, words


def worker(texts_path: Path, out_path: Path) -> None:
    """Tokenise every text; write one digest per text, the token count and the load time."""
    t0 = time.process_time()
    from mtqa import cache, nlp

    pipe = nlp.pipeline("fr")
    load = time.process_time() - t0
    texts = json.loads(texts_path.read_text(encoding="utf-8"))
    tok = pipe.tokenizer
    digests = []
    tokens = 0
    t1 = time.process_time()
    for doc in tok.pipe(texts, batch_size=1000):
        rows = "\x1f".join(f"{t.idx}\x1e{t.text}\x1e{t.whitespace_}" for t in doc)
        digests.append(hashlib.blake2b(rows.encode("utf-8", "surrogatepass"), digest_size=12).hexdigest())
        tokens += len(doc)
    out_path.write_text(
        json.dumps({
            "load_cpu": load,
            "tokenize_cpu": time.process_time() - t1,
            "tokens": tokens,
            "regex_hits": cache.regex_stats["hits"],
            "regex_misses": cache.regex_stats["misses"],
            "digests": digests,
        }),
        encoding="utf-8",
    )


def run_worker(mode: str, texts_path: Path, work: Path, cache_dir: Path) -> dict:
    env = {**os.environ, "MTQA_CACHE_DIR": str(cache_dir)}
    env.pop("MTQA_NO_CACHE", None)
    if mode == "stock":
        env["MTQA_NO_CACHE"] = "1"
    out = work / f"{mode}.json"
    subprocess.run([sys.executable, __file__, "--worker", str(texts_path), str(out)], env=env, check=True, cwd=ROOT)
    return json.loads(out.read_text(encoding="utf-8"))


def tokens_of(text: str, stock: bool) -> list[tuple[int, str, str]]:
    """One text's tokens in a fresh process (to show a difference)."""
    env = {**os.environ}
    env.pop("MTQA_NO_CACHE", None)
    if stock:
        env["MTQA_NO_CACHE"] = "1"
    code = (
        "import json,sys\nfrom mtqa import nlp\nt=nlp.pipeline('fr').tokenizer(sys.stdin.read())\n"
        "print(json.dumps([(x.idx, x.text, x.whitespace_) for x in t]))"
    )
    out = subprocess.run([sys.executable, "-c", code], input=text, env=env, capture_output=True, text=True, check=True)
    return [tuple(x) for x in json.loads(out.stdout)]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--limit", type=int, default=None, help="only the first N texts of each source")
    ap.add_argument("--worker", nargs=2, type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        worker(*args.worker)
        return
    sources = collect(args.data, args.limit)
    texts, words = variants(sources)
    total = sum(words.values())
    with tempfile.TemporaryDirectory(prefix="mtqa-tok-") as tmp:
        work = Path(tmp)
        texts_path = work / "texts.json"
        texts_path.write_text(json.dumps(texts), encoding="utf-8")
        cache_dir = work / "cache"
        runs = {mode: run_worker(mode, texts_path, work, cache_dir) for mode in ("stock", "build", "cached")}
    print(f"{'source':<30}{'texts':>9}{'words':>10}")
    for name, items in sources.items():
        print(f"{name:<30}{len(items):>9}{words[name]:>10}")
    print(f"{'all variants':<30}{len(texts):>9}{total:>10}\n")
    print(f"{'pipeline':<10}{'load CPU s':>11}{'tokenize CPU s':>15}{'tokens':>10}{'cached/compiled regexes':>25}")
    for mode, r in runs.items():
        print(f"{mode:<10}{r['load_cpu']:>11.2f}{r['tokenize_cpu']:>15.2f}{r['tokens']:>10}{r['regex_hits']:>12}/{r['regex_misses']}")
    stock = runs["stock"]["digests"]
    bad = 0
    for mode in ("build", "cached"):
        diff = [i for i, (a, b) in enumerate(zip(stock, runs[mode]["digests"])) if a != b]
        bad += len(diff)
        same = len(stock) - len(diff)
        print(f"{mode} vs stock: {same}/{len(stock)} texts tokenised identically, {len(diff)} differ")
        for i in diff[:3]:
            print(f"  text {i}: {texts[i][:80]!r}")
            print(f"    stock : {tokens_of(texts[i], True)[:20]}")
            print(f"    cached: {tokens_of(texts[i], False)[:20]}")
    if runs["cached"]["regex_hits"] == 0:
        print("warning: the cached run made no expression from the cache")
        bad += 1
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
