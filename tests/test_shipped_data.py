"""Shipped derived data matches the script that builds it."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_function_word_table_is_current():
    spec = importlib.util.spec_from_file_location("build_function_words", ROOT / "scripts" / "build_function_words.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    assert (ROOT / "src" / "mtqa" / "data" / "function_words.tsv").read_text(encoding="utf-8") == mod.build()
