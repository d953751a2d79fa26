"""The package's layering holds: rules import analyses, never the reverse; formatters are views;
the engine and the rules never reach into readers, formatters, the CLI or the optional servers,
and the engine runs rules only (no language identification, scoring, gate or baseline).

Imports are read from the source (ast), including imports inside functions, so a lazy import
breaks a layer as surely as a top-level one.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "mtqa"

# package -> packages it must never import
FORBIDDEN = {
    "mtqa.analysis": ("mtqa.checks", "mtqa.readers", "mtqa.formatters", "mtqa.cli", "mtqa.serve", "mtqa.distributed"),
    "mtqa.lang": ("mtqa.checks", "mtqa.readers", "mtqa.formatters", "mtqa.cli", "mtqa.serve", "mtqa.distributed"),
    "mtqa.checks": (
        "mtqa.readers", "mtqa.formatters", "mtqa.cli", "mtqa.commands", "mtqa.serve", "mtqa.distributed",
        "mtqa.scoring", "mtqa.gate", "mtqa.baseline", "mtqa.fixes",
    ),
    "mtqa.formatters": ("mtqa.checks", "mtqa.readers", "mtqa.cli", "mtqa.serve", "mtqa.distributed"),
    "mtqa.lint": (
        "mtqa.checks.", "mtqa.readers", "mtqa.formatters", "mtqa.cli", "mtqa.commands", "mtqa.serve", "mtqa.distributed",
        "mtqa.scoring", "mtqa.gate", "mtqa.baseline", "mtqa.analysis.langid", "mtqa.pipeline", "mtqa.api",
    ),
}


def _module_name(path: Path) -> str:
    rel = path.relative_to(SRC.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(path: Path) -> set[str]:
    """Absolute names of every module ``path`` imports."""
    name = _module_name(path)
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                mod = ".".join(base + ([node.module] if node.module else []))
            else:
                mod = node.module or ""
            out.add(mod)
            out.update(f"{mod}.{a.name}" for a in node.names)  # "from .. import checks"
    return out


def _within(imported: str, banned: str) -> bool:
    """``imported`` is ``banned`` or one of its submodules; a name ending in a dot bans only the
    submodules ("mtqa.checks.": the registry walks the package, but imports no rule directly)."""
    if banned.endswith("."):
        return imported.startswith(banned)
    return imported == banned or imported.startswith(banned + ".")


def _modules():
    for path in sorted(SRC.rglob("*.py")):
        yield pytest.param(path, id=_module_name(path))


@pytest.mark.parametrize("path", list(_modules()))
def test_module_respects_its_layer(path):
    name = _module_name(path)
    for layer, banned in FORBIDDEN.items():
        if name == layer or name.startswith(layer + "."):
            bad = sorted(i for i in _imports(path) if any(_within(i, b) for b in banned))
            assert not bad, f"{name} ({layer}) imports {', '.join(bad)}"


def test_the_registry_finds_rules_only_in_checks():
    """Every module under checks/ that is not a package's __init__ registers at least one rule:
    shared code lives in mtqa.analysis or mtqa.lang, never beside the rules."""
    from mtqa.lint.registry import all_rules

    rules = all_rules() if callable(all_rules) else all_rules
    defining = {r.__module__ for r in rules}
    helpers = []
    for path in sorted((SRC / "checks").rglob("*.py")):
        name = _module_name(path)
        if path.name == "__init__.py" or name in defining:
            continue
        helpers.append(name)
    assert not helpers, f"modules under checks/ that register no rule: {helpers}"


MAX_LINES = 500


def test_no_module_is_over_the_size_limit():
    """A module over 500 lines holds more than one concern: split it by concern (as
    mtqa.lang.fr.agreement and mtqa.analysis.wordlang are) rather than let it grow."""
    over = {}
    for path in sorted(SRC.rglob("*.py")):
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > MAX_LINES:
            over[_module_name(path)] = lines
    assert not over, f"modules over {MAX_LINES} lines: {over}"
