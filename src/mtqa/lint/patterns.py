"""Simple rules as data: pattern entries of a rule pack, validated when the pack loads.

An entry is a mapping::

    - id: skip-link                  # unique inside the pack
      kind: existence                # existence: pattern -> message
                                     # substitution: pattern -> preferred form (``replace``)
      scope: line                    # line: the whole paragraph/line must match; text: anywhere
      pattern: "(?i)aller au contenu( principal)?"
      message: "navigation link '{match}'"
      replace: "..."                 # substitution only: a regex replacement template
      severity: warning              # optional override
      examples:
        flag: ["Aller au contenu"]   # each must match
        pass: ["Il faut aller au contenu du rapport."]   # none may match

Loading fails with a clear error when a pattern does not compile, a field is missing, or an
example does not behave as declared, so a pack cannot silently match nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import regex

from ..errors import ConfigError
from ..model import Severity
from .. import packs

KINDS = ("existence", "substitution")
SCOPES = ("line", "text")


@dataclass(frozen=True)
class PatternEntry:
    id: str
    kind: str
    scope: str
    pattern: regex.Pattern[str]
    message: str
    replace: str | None = None
    severity: Severity | None = None
    label: str | None = None

    def finditer(self, text: str, start: int, end: int) -> Iterator[regex.Match[str]]:
        if self.scope == "line":
            m = self.pattern.fullmatch(text, start, end)
            if m:
                yield m
        else:
            yield from self.pattern.finditer(text, start, end)

    def suggestion(self, m: regex.Match[str]) -> str | None:
        if self.kind != "substitution" or self.replace is None:
            return None
        return m.expand(self.replace)

    def render(self, m: regex.Match[str]) -> str:
        return self.message.replace("{match}", m.group(0))


def compile_entry(raw: dict, where: str) -> PatternEntry:
    if not isinstance(raw, dict):
        raise ConfigError(f"{where}: each pattern entry must be a mapping")
    missing = [k for k in ("id", "pattern", "message") if not raw.get(k)]
    if missing:
        raise ConfigError(f"{where}: entry {raw.get('id', '?')!r} lacks {', '.join(missing)}")
    eid = str(raw["id"])
    kind = raw.get("kind", "existence")
    scope = raw.get("scope", "text")
    if kind not in KINDS:
        raise ConfigError(f"{where}: entry {eid!r}: kind must be one of {', '.join(KINDS)}")
    if scope not in SCOPES:
        raise ConfigError(f"{where}: entry {eid!r}: scope must be one of {', '.join(SCOPES)}")
    if kind == "substitution" and "replace" not in raw:
        raise ConfigError(f"{where}: substitution entry {eid!r} needs 'replace'")
    try:
        pat = regex.compile(raw["pattern"], regex.V1)
    except regex.error as exc:
        raise ConfigError(f"{where}: entry {eid!r}: bad pattern: {exc}") from None
    sev = Severity.parse(raw["severity"]) if raw.get("severity") else None
    entry = PatternEntry(eid, kind, scope, pat, str(raw["message"]), raw.get("replace"), sev, raw.get("label"))
    ex = raw.get("examples") or {}
    if not ex.get("flag"):
        raise ConfigError(f"{where}: entry {eid!r} needs at least one 'flag' example")
    for text in ex.get("flag", []):
        if not any(True for _ in entry.finditer(text, 0, len(text))):
            raise ConfigError(f"{where}: entry {eid!r} does not match its own example {text!r}")
    for text in ex.get("pass", []):
        if any(True for _ in entry.finditer(text, 0, len(text))):
            raise ConfigError(f"{where}: entry {eid!r} matches its 'pass' example {text!r}")
    return entry


@packs.pack_cache
def load_patterns(lang: str, name: str) -> tuple[PatternEntry, ...]:
    data = packs.load_yaml(lang, name)
    entries = data.get("patterns", [])
    if not isinstance(entries, list):
        raise ConfigError(f"rules/{lang}/{name}: 'patterns' must be a list")
    out = [compile_entry(e, f"rules/{lang}/{name}") for e in entries]
    ids = [e.id for e in out]
    dup = {i for i in ids if ids.count(i) > 1}
    if dup:
        raise ConfigError(f"rules/{lang}/{name}: duplicate entry ids {sorted(dup)}")
    return tuple(out)
