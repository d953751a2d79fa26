"""Write src/mtqa/data/function_words.tsv: the 100 most frequent words of each language of
mtqa's quick language vote (mtqa.analysis.langid.QUICK_LANGS), from wordfreq.

    .venv/bin/python scripts/build_function_words.py
"""

from __future__ import annotations

from pathlib import Path

from wordfreq import top_n_list

from mtqa.analysis.langid import QUICK_LANGS

OUT = Path(__file__).resolve().parents[1] / "src" / "mtqa" / "data" / "function_words.tsv"


def build() -> str:
    lines = ["# The 100 most frequent words per language, from wordfreq 3 (data CC BY-SA 4.0, see function_words.README.md)"]
    lines += [f"{lang}\t{' '.join(top_n_list(lang, 100))}" for lang in QUICK_LANGS]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    OUT.write_text(build(), encoding="utf-8")
