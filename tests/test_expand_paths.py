"""Folders are walked folder by folder, in the order of the sorted full path strings."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from mtqa.readers import DIRECTORY_EXTENSIONS, _load_builtin, _text_files, expand_paths

NAMES = ["a", "a-b", "a.b", "A", "a b", "ab", "a_", "b", "é", "z9", "a0", ".cache", "a.txt", "a-b.md", "ab.TXT"]


def _listed_whole(root: Path) -> list[str]:
    """What a sorted listing of every file gives (the order the walk must keep)."""
    return sorted(
        str(f) for f in root.rglob("*")
        if f.is_file() and f.suffix.lower() in DIRECTORY_EXTENSIONS
        and not any(part.startswith(".") for part in f.relative_to(root).parts)
    )


def _fill(rnd: random.Random, d: Path, depth: int) -> None:
    for _ in range(rnd.randint(1, 6)):
        n = rnd.choice(NAMES)
        if depth < 3 and rnd.random() < 0.4:
            if not (d / n).exists() or (d / n).is_dir():
                (d / n).mkdir(exist_ok=True)
                _fill(rnd, d / n, depth + 1)
        else:
            f = d / (n + rnd.choice([".txt", ".md", ".bin", ".html", ""]))
            if not f.exists():
                f.write_text("Un texte.\n", encoding="utf-8")


@pytest.mark.parametrize("seed", range(12))
def test_walk_order_is_the_sorted_order_of_full_paths(tmp_path, seed):
    _load_builtin()
    rnd = random.Random(seed)
    root = tmp_path / "corpus"
    root.mkdir()
    _fill(rnd, root, 0)
    (root / "back").symlink_to(root, target_is_directory=True)  # not followed
    (root / "loop.txt").symlink_to(root / "loop.txt")  # a link to nothing readable
    expected = _listed_whole(root)
    if expected:
        (root / "link.txt").symlink_to(expected[0])  # a link to a file is read
        expected = _listed_whole(root)
    assert list(_text_files(root)) == expected
    found = [p for p, problem in expand_paths([str(root)]) if problem is None]
    assert found == expected or (not expected and found == [])


def test_an_empty_folder_is_one_problem(tmp_path):
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "notes.bin").write_bytes(b"\x00")
    out = list(expand_paths([str(tmp_path / "empty")]))
    assert len(out) == 1 and out[0][1] is not None and "no text files" in out[0][1].message
