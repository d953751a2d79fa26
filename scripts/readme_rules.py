"""Print the README's rule table from the registry (or rewrite it in place with --write).

    .venv/bin/python scripts/readme_rules.py --write
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from mtqa.lint.registry import all_rules

README = Path(__file__).resolve().parents[1] / "README.md"
START, END = "<!-- RULES -->", "<!-- /RULES -->"


def table() -> str:
    rows = ["| code | name | category | severity | needs | what it finds |", "| --- | --- | --- | --- | --- | --- |"]
    for r in all_rules():
        needs = ", ".join(sorted(r.requires)) or "-"
        if not r.default_enabled:
            needs += " (off by default)"
        rows.append(f"| {r.code} | `{r.name}` | {r.category} | {r.severity.value} | {needs} | {r.summary()} |")
    return "\n".join(rows)


def render(readme: str) -> str:
    block = f"{START}\n{table()}\n{END}"
    if START in readme and END in readme:
        return re.sub(re.escape(START) + r".*?" + re.escape(END), lambda _: block, readme, flags=re.S)
    return readme.replace(START, block)


if __name__ == "__main__":
    if "--write" in sys.argv:
        README.write_text(render(README.read_text(encoding="utf-8")), encoding="utf-8")
    else:
        print(table())
