"""The rule registry and rule selection.

Built-in rules live in ``mtqa.checks`` (every module is imported once); third-party rules come
only from installed packages through the ``mtqa.rules`` entry-point group, never from files in
the checked folder.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterable

from ..errors import ConfigError
from ..model import CATEGORIES
from .rule import Rule

_RULES: dict[str, type[Rule]] = {}
_loaded = False


def register(cls: type[Rule]) -> type[Rule]:
    """Class decorator: add a rule to the registry."""
    if cls.code in _RULES and _RULES[cls.code] is not cls:
        raise ConfigError(f"two rules share the code {cls.code}: {_RULES[cls.code].__name__} and {cls.__name__}")
    _RULES[cls.code] = cls
    return cls


def _load() -> None:
    global _loaded
    if _loaded:
        return
    _loaded = True
    from .. import checks

    for mod in pkgutil.walk_packages(checks.__path__, checks.__name__ + "."):
        importlib.import_module(mod.name)
    try:
        from importlib.metadata import entry_points

        for ep in entry_points(group="mtqa.rules"):
            obj = ep.load()
            for cls in obj if isinstance(obj, (list, tuple)) else [obj]:
                register(cls)
    except ConfigError:
        raise
    except Exception as exc:  # a broken plugin must not break the tool
        import warnings

        warnings.warn(f"mtqa: could not load rule plugins: {exc}", stacklevel=1)


def all_rules() -> list[type[Rule]]:
    _load()
    return [_RULES[c] for c in sorted(_RULES)]


def get_rule(key: str) -> type[Rule]:
    _load()
    k = key.strip()
    if k.upper() in _RULES:
        return _RULES[k.upper()]
    for cls in _RULES.values():
        if cls.name == k.lower():
            return cls
    raise ConfigError(f"unknown rule {key!r} (see 'mtqa rules')")


def matches(cls: type[Rule], token: str) -> bool:
    """A selector matches by exact code, code prefix (MTQ2), name, or category."""
    t = token.strip()
    if not t:
        return False
    if t.upper() == "ALL":
        return True
    if cls.code.upper().startswith(t.upper()):
        return True
    return t.lower() in (cls.name, cls.category)


def check_selectors(tokens: Iterable[str]) -> None:
    _load()
    for t in tokens:
        if not any(matches(c, t) for c in _RULES.values()) and t.lower() not in CATEGORIES:
            raise ConfigError(f"selector {t!r} matches no rule (use a code, code prefix, name or category)")


def select_rules(select: Iterable[str] = (), ignore: Iterable[str] = ()) -> list[type[Rule]]:
    """Rules enabled by ``select`` (default: every rule enabled by default) minus ``ignore``."""
    _load()
    select, ignore = list(select), list(ignore)
    check_selectors(select + ignore)
    out = []
    for cls in all_rules():
        if select:
            # an explicit code selects even a rule that is off by default
            on = any(matches(cls, t) for t in select) and (
                cls.default_enabled or any(t.upper() == cls.code or t.lower() == cls.name for t in select)
            )
        else:
            on = cls.default_enabled
        if on and not any(matches(cls, t) for t in ignore):
            out.append(cls)
    return out
