"""Configuration: packaged defaults, then ``[tool.mtqa]`` in pyproject.toml or ``mtqa.toml``
(found by walking up from the first input), then command-line flags.

Every effective value remembers where it came from, for ``mtqa config``.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from .errors import ConfigError
from .model import Severity

CONFIG_FILES = ("mtqa.toml", ".mtqa.toml", "pyproject.toml")


@dataclass
class Config:
    lang: str | None = None  # target language; None: the dominant language of each document
    source_lang: str | None = None
    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    fail_on: str = "error"  # error | warning | info | never
    min_confidence: float = 0.8  # untranslated findings below this confidence are dropped
    jobs: int = 1  # worker processes for runs of several documents (0: one per CPU)
    packs: list[str] = field(default_factory=list)  # extra rule-pack folders
    glossaries: list[str] = field(default_factory=list)
    min_quality: float | None = None
    min_bleu: float | None = None
    min_chrf: float | None = None
    max_ter: float | None = None
    quality: dict[str, Any] = field(default_factory=dict)  # penalty weights, see scoring
    scoring: dict[str, Any] = field(default_factory=dict)  # sacrebleu options, see scoring.ScoreOptions
    rules: dict[str, dict[str, Any]] = field(default_factory=dict)  # per-rule options, keyed by code
    languages: dict[str, dict[str, Any]] = field(default_factory=dict)  # per-language settings
    origins: dict[str, str] = field(default_factory=dict)
    config_file: str | None = None

    # -- derived ------------------------------------------------------------------------------
    @property
    def fail_severity(self) -> Severity | None:
        return None if self.fail_on == "never" else Severity.parse(self.fail_on)

    def rule_options(self, code: str) -> tuple[dict[str, Any], Severity | None]:
        opts = dict(self.rules.get(code, {}))
        sev = opts.pop("severity", None)
        return opts, Severity.parse(sev) if sev else None

    def set(self, key: str, value: Any, origin: str) -> None:
        if key not in _FIELDS:
            raise ConfigError(f"{origin}: unknown configuration key {key!r} (known: {', '.join(sorted(_FIELDS))})")
        value = _validate(key, value, origin)
        if key == "rules":
            value = {k.upper() if k[:3].upper() == "MTQ" else k: dict(v) for k, v in value.items()}
        setattr(self, key, value)
        self.origins[key] = origin

    def effective(self) -> list[tuple[str, Any, str]]:
        return [(f.name, getattr(self, f.name), self.origins.get(f.name, "default")) for f in fields(self) if f.name not in ("origins", "config_file")]


_FIELDS = {f.name for f in fields(Config)} - {"origins", "config_file"}

# expected type of each key: how it is named in messages, and a check
_LISTS = ("select", "ignore", "packs", "glossaries")
_TABLES = ("rules", "quality", "languages", "scoring")
_NUMBERS = {"min_confidence": (0.0, 1.0), "min_quality": (0.0, 100.0), "min_bleu": (0.0, 100.0), "min_chrf": (0.0, 100.0), "max_ter": (0.0, None)}
FAIL_ON = ("error", "warning", "info", "never")


def _where(origin: str, key: str) -> str:
    flag = "--" + key.replace("_", "-")
    return flag if origin == "command line" else f"{origin}: {key}"


def _validate(key: str, value: Any, origin: str) -> Any:
    """The value of ``key`` in its canonical type, or a :class:`ConfigError` naming the file (or
    flag), the key and what was expected."""

    def bad(expected: str) -> ConfigError:
        return ConfigError(f"{_where(origin, key)}: expected {expected}, got {value!r}")

    if key == "fail_on":
        if not isinstance(value, str) or value.lower() not in FAIL_ON:
            raise bad("one of " + ", ".join(FAIL_ON))
        return value.lower()
    if key in ("lang", "source_lang"):
        if value is not None and not (isinstance(value, str) and value.strip()):
            raise bad("a language code such as 'fr'")
        return value.strip().lower() if isinstance(value, str) else value
    if key in _LISTS:
        if isinstance(value, str):
            return [v.strip() for v in value.split(",") if v.strip()]
        if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
            raise bad("a list of strings")
        return list(value)
    if key in _TABLES:
        if not isinstance(value, dict):
            raise bad("a table")
        if key in ("rules", "languages"):
            for name, sub in value.items():
                if not isinstance(sub, dict):
                    raise ConfigError(f"{_where(origin, key)}.{name}: expected a table, got {sub!r}")
            if key == "rules":
                for name, sub in value.items():
                    sev = sub.get("severity")
                    if sev is not None and (not isinstance(sev, str) or sev.lower() not in FAIL_ON[:3]):
                        raise ConfigError(f"{_where(origin, key)}.{name}.severity: expected error, warning or info, got {sev!r}")
        return value
    if key == "jobs":
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise bad("a whole number of worker processes, 0 or more")
        return value
    if key in _NUMBERS:
        if value is None and key != "min_confidence":
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise bad("a number")
        lo, hi = _NUMBERS[key]
        if value < lo or (hi is not None and value > hi):
            raise bad(f"a number from {lo:g} to {hi:g}" if hi is not None else f"a number of {lo:g} or more")
        return float(value)
    return value


# A language is a supported target when a rule pack describes it as one: rules/<lang>/ holds
# the profile of text left untranslated in it (other pack folders, such as rules/en/, only help
# to recognise a language or its page residue).
TARGET_PACK_FILE = "untranslated.yaml"


def target_languages() -> list[str]:
    """Target languages with a rule pack (built-in and user pack folders), sorted."""
    from . import packs

    found = set()
    for d in packs.pack_dirs():
        if d.is_dir():
            found.update(p.name for p in d.iterdir() if (p / TARGET_PACK_FILE).is_file())
    return sorted(found)


def check_language(lang: str, origin: str = "command line") -> None:
    """A usage error unless ``lang`` is a supported target language."""
    supported = target_languages()
    if lang not in supported:
        raise ConfigError(
            f"{_where(origin, 'lang')}: no rule pack for target language {lang!r} "
            f"(supported: {', '.join(supported) or 'none'})"
        )


def find_config_file(start: str | Path | None) -> Path | None:
    """The nearest mtqa.toml, or pyproject.toml with a [tool.mtqa] table, above ``start``."""
    try:
        p = Path(start or ".").resolve()
    except (OSError, RuntimeError):  # a symlink loop: look from the folder that holds it
        p = Path(os.path.abspath(Path(start or ".").parent))
    if p.is_file() or not p.exists():
        p = p.parent
    for d in (p, *p.parents):
        for name in CONFIG_FILES:
            f = d / name
            if not f.is_file():
                continue
            if name != "pyproject.toml":
                return f
            try:
                if "mtqa" in tomllib.loads(f.read_text(encoding="utf-8")).get("tool", {}):
                    return f
            except (tomllib.TOMLDecodeError, UnicodeDecodeError):
                continue
    return None


def read_config_file(path: Path) -> dict[str, Any]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror}") from None
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("mtqa", {})
        if not isinstance(data, dict):
            raise ConfigError(f"{path}: [tool.mtqa] must be a table")
        return data
    # mtqa.toml: top-level keys, a [tool.mtqa] table, or both (same schema)
    tool = data.pop("tool", None)
    if tool is not None:
        table = tool.get("mtqa") if isinstance(tool, dict) else None
        if not isinstance(table, dict):
            raise ConfigError(f"{path}: 'tool' must hold a [tool.mtqa] table")
        both = sorted(set(table) & set(data))
        if both:
            raise ConfigError(f"{path}: {', '.join(both)} set both at the top level and in [tool.mtqa]; keep one")
        data = {**data, **table}
    return data


def load_config(start: str | Path | None = None, explicit: str | Path | None = None, *, isolated: bool = False) -> Config:
    """Defaults, then the configuration file (explicit, or found above ``start``)."""
    cfg = Config()
    if isolated:
        return cfg
    path = Path(explicit) if explicit else find_config_file(start)
    if explicit and not Path(explicit).is_file():
        raise ConfigError(f"{explicit}: configuration file not found")
    if path is None:
        return cfg
    data = read_config_file(path)
    cfg.config_file = str(path)
    for key, value in data.items():
        key = key.replace("-", "_")
        if key in ("packs", "glossaries"):
            value = _validate(key, value, str(path))
            value = [str((path.parent / v).resolve()) for v in value]
        cfg.set(key, value, str(path))
    return cfg
