"""Output formats: pure views of a :class:`~mtqa.model.Report`.

A formatter is a function ``render(report, options) -> str`` registered under a name; the CLI's
``--format`` lists every registered name. Formatters never run checks and never print.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from typing import Any

from ..model import Report

Formatter = Callable[[Report, dict[str, Any]], str]
_FORMATTERS: dict[str, Formatter] = {}
_loaded = False


def register(name: str) -> Callable[[Formatter], Formatter]:
    def deco(fn: Formatter) -> Formatter:
        _FORMATTERS[name] = fn
        return fn

    return deco


def _load() -> None:
    global _loaded
    if not _loaded:
        _loaded = True
        for mod in pkgutil.iter_modules(__path__):
            importlib.import_module(f"{__name__}.{mod.name}")


def names() -> list[str]:
    _load()
    return sorted(_FORMATTERS)


def get(name: str) -> Formatter:
    _load()
    if name not in _FORMATTERS:
        from ..errors import ConfigError

        raise ConfigError(f"unknown format {name!r} (choose from {', '.join(names())})")
    return _FORMATTERS[name]


def render(report: Report, name: str, **options: Any) -> str:
    return get(name)(report, options)
