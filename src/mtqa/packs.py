"""Rule packs: data under the top-level ``rules/`` folder (shipped in the wheel as
``mtqa/_rules``), one folder per language, plus user pack folders from the configuration.

A user pack folder has the same layout (``<dir>/<lang>/<file>``); its lists extend the built-in
ones and its YAML entries are added to them.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from .errors import ConfigError

_extra_dirs: tuple[Path, ...] = ()
_caches: list = []


def pack_cache(fn=None, *, maxsize: int | None = None):
    """``lru_cache`` for functions that derive data from packs: cleared when the pack folders
    change, so a run with ``--pack`` never sees data derived from another set of packs.
    ``@pack_cache(maxsize=N)`` bounds it (for memos of words rather than of packs)."""

    def wrap(f):
        cached = lru_cache(maxsize=maxsize)(f)
        _caches.append(cached)
        return cached

    return wrap(fn) if fn is not None else wrap


@lru_cache(maxsize=None)  # asked for every document (pack look-ups); it never moves in a process
def builtin_dir() -> Path:
    """The packaged rules folder, or the checkout's ``rules/`` in development."""
    try:
        packaged = Path(str(resources.files("mtqa") / "_rules"))
        if packaged.is_dir():
            return packaged
    except (ModuleNotFoundError, TypeError):
        pass
    return Path(__file__).resolve().parents[2] / "rules"


def set_extra_dirs(dirs: list[str | Path]) -> None:
    """User pack folders (from config or ``--pack``), searched after the built-in one."""
    global _extra_dirs
    new = tuple(Path(d) for d in dirs)
    for d in new:
        if not d.is_dir():
            raise ConfigError(f"rule pack folder {d} does not exist")
    if new != _extra_dirs:
        _extra_dirs = new
        for c in _caches:
            c.cache_clear()


def pack_dirs() -> list[Path]:
    return [builtin_dir(), *_extra_dirs]


def pack_files(lang: str, name: str) -> list[Path]:
    return [d / lang / name for d in pack_dirs() if (d / lang / name).is_file()]


def languages() -> list[str]:
    out: set[str] = set()
    for d in pack_dirs():
        if d.is_dir():
            out.update(p.name for p in d.iterdir() if p.is_dir() and not p.name.startswith("_"))
    return sorted(out)


@pack_cache
def load_list(lang: str, name: str) -> tuple[str, ...]:
    """A word or phrase list: one entry per line, ``#`` starts a comment."""
    out: list[str] = []
    for f in pack_files(lang, name):
        for line in f.read_text(encoding="utf-8").splitlines():
            line = line.split("#", 1)[0].strip() if not line.lstrip().startswith("\\#") else line.strip()[1:]
            if line:
                out.append(line)
    return tuple(dict.fromkeys(out))


def load_rows(lang: str, name: str) -> list[tuple[str, str]]:
    """The rows of a two-column tab-separated pack (key, rest of the line), comments and blank
    lines aside, stripped."""
    out: list[tuple[str, str]] = []
    for f in pack_files(lang, name):
        for raw in f.read_text(encoding="utf-8").splitlines():
            line = raw.strip()
            if line and not line.startswith("#") and "\t" in line:
                key, rest = line.split("\t", 1)
                out.append((key.strip(), rest.strip()))
    return out


def _read_yaml(f: Path) -> Any:
    """One YAML file, parsed; the parse is kept in mtqa's cache, keyed by the file's content, so
    a run whose packs have not changed neither imports nor runs the YAML parser."""
    import hashlib

    from . import cache

    raw = f.read_bytes()
    entry = "yaml-" + hashlib.sha256(str(f.resolve()).encode("utf-8", "surrogateescape")).hexdigest()[:20]
    key = cache.version_key(f"content={hashlib.sha256(raw).hexdigest()}")
    data = cache.load(entry, key)
    if data is not None:
        return data
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's, several times faster, when built
    try:
        data = yaml.load(raw.decode("utf-8"), Loader=loader) or {}
    except UnicodeDecodeError:
        raise ConfigError(f"rule pack {f}: not UTF-8 text") from None
    except yaml.YAMLError as exc:
        raise ConfigError(f"rule pack {f}: invalid YAML: {exc}".splitlines()[0]) from None
    if isinstance(data, dict):
        cache.store(entry, key, data)  # (not stored when marshal cannot hold a value: a date)
    return data


@pack_cache
def load_yaml(lang: str, name: str) -> dict[str, Any]:
    """A YAML pack. Mappings are merged: lists are concatenated, other keys overridden."""
    merged: dict[str, Any] = {}
    for f in pack_files(lang, name):
        data = _read_yaml(f)
        if not isinstance(data, dict):
            raise ConfigError(f"rule pack {f}: top level must be a mapping")
        for k, v in data.items():
            if isinstance(v, list) and isinstance(merged.get(k), list):
                merged[k] = merged[k] + v
            else:
                merged[k] = v
    return merged
