"""mtqa's Zipf frequencies (`mtqa.analysis.frequencies.zipf`) against wordfreq's `zipf_frequency`.

For words of cased letters, hyphens and apostrophes mtqa splits and looks words up itself, so a
check that needs word frequencies does not import wordfreq and its tokenizer (a quarter of a
second at every start). This script takes every word of the WMT22 test sets (French, German
and English sides, sources, references and system outputs), asks both for the Zipf frequency in
French, German and English, and prints how many words took mtqa's own path and how many answers
differ (the figure must be 0). The machine may be shared: it prints no timings.

    .venv/bin/python bench/zipf_equivalence.py [--data ../shared/data/wmt22-general] [--langs fr,de,en]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data" / "wmt22-general")
    ap.add_argument("--langs", default="fr,de,en")
    args = ap.parse_args()
    from wordfreq import zipf_frequency

    from mtqa.analysis.frequencies import _plain_tokens, zipf
    from mtqa.analysis.langid import mask_noise
    from mtqa.segment import WORD_RE

    files = sorted(p for p in args.data.glob("*/*") if p.suffix in (".fr", ".de", ".en"))
    if not files:
        raise SystemExit(f"no WMT22 text files under {args.data}")
    words: set[str] = set()
    for f in files:
        text = f.read_text(encoding="utf-8")
        words.update(WORD_RE.findall(text))
        words.update(WORD_RE.findall(mask_noise(text)))
    own = sorted(w for w in words if _plain_tokens(w.replace("’", "'")) is not None)
    print(f"{len(files)} files, {len(words):,} distinct words, {len(own):,} of them on mtqa's own path")
    bad = 0
    for lang in args.langs.split(","):
        # (mtqa reads a typographic apostrophe as a plain one before asking wordfreq too)
        diff = [(w, zipf(w, lang), ref) for w in own if zipf(w, lang) != (ref := zipf_frequency(w.replace("’", "'"), lang))]
        bad += len(diff)
        print(f"{lang}: {len(own):,} words compared, {len(diff)} differ" + (f", e.g. {diff[:5]}" if diff else ""))
    print("same answers" if not bad else f"{bad} answers differ")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
