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


def test_name_packs_list_each_name_once():
    """A German name of a name pack is written on one line: a second line would be dead data,
    or would contradict the first."""
    from collections import Counter

    from mtqa import packs

    for pack in ("exonyms.tsv", "foreign_acronyms.tsv"):
        keys = Counter(key for key, _ in packs.load_rows("fr", pack))
        assert [k for k, n in keys.items() if n > 1] == [], pack


def test_rule_packs_hold_no_yaml_booleans():
    """YAML reads a bare on, off, yes or no as a boolean: in a pack's word list ("on", the French
    pronoun and the English preposition) it must be quoted, or the word is lost."""
    import yaml

    def booleans(x, path):
        if isinstance(x, bool):
            yield path
        elif isinstance(x, dict):
            for k, v in x.items():
                yield from booleans(k, [*path, "key"])
                yield from booleans(v, [*path, str(k)])
        elif isinstance(x, list):
            for i, v in enumerate(x):
                yield from booleans(v, [*path, i])

    found = {}
    for f in sorted((ROOT / "rules").glob("*/*.yaml")):
        got = list(booleans(yaml.safe_load(f.read_text(encoding="utf-8")), []))
        if got:
            found[f.name] = got
    assert found == {}
