"""Configuration: packaged defaults, then ``[tool.mtqa]`` in pyproject.toml or ``mtqa.toml``
(found by walking up from the first input), then command-line flags.

Every effective value remembers where it came from, for ``mtqa config``.
"""

from __future__ import annotations

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
            raise ConfigError(f"unknown configuration key {key!r} ({origin})")
        if key == "fail_on":
            value = str(value).lower()
            if value != "never":
                Severity.parse(value)
        if key in ("select", "ignore", "packs", "glossaries") and isinstance(value, str):
            value = [v.strip() for v in value.split(",") if v.strip()]
        if key in ("rules", "quality", "languages", "scoring") and not isinstance(value, dict):
            raise ConfigError(f"configuration key {key!r} must be a table ({origin})")
        if key == "rules":
            value = {k.upper() if k[:3].upper() == "MTQ" else k: dict(v) for k, v in value.items()}
        setattr(self, key, value)
        self.origins[key] = origin

    def effective(self) -> list[tuple[str, Any, str]]:
        return [(f.name, getattr(self, f.name), self.origins.get(f.name, "default")) for f in fields(self) if f.name not in ("origins", "config_file")]


_FIELDS = {f.name for f in fields(Config)} - {"origins", "config_file"}


def find_config_file(start: str | Path | None) -> Path | None:
    """The nearest mtqa.toml, or pyproject.toml with a [tool.mtqa] table, above ``start``."""
    p = Path(start or ".").resolve()
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
            value = [str((path.parent / v).resolve()) for v in ([value] if isinstance(value, str) else value)]
        cfg.set(key, value, str(path))
    return cfg
