"""Translators' formats on real data: does the same translation give the same findings in every
format, how fast are the readers, and do they round-trip?

Data: the WMT22 German-French general test set (source, one system output, the human
reference, doc ids). Each document is written, by the standard writer of each format, as one file
per format: XLIFF 1.2 (the first word of each target wrapped in ``<g>``), XLIFF 2.0 (the same with
``<pc>``), PO (msgcat-style wrapped strings), TMX, TSV, CSV, JSON lines (UTF-8, and ASCII-escaped
the way ``json.dumps`` does by default) and HTML (one ``<p>`` per segment).

Reported per format:
- round trip: segments whose view text (whitespace removed) equals the target and whose source
  and reference equal the originals;
- reading speed (segments per second, reading only);
- findings whose ``text`` is not ``text[start:end]`` (the offset contract), per rule;
- agreement of findings with the plain line-aligned run (``--source``/``--ref``/``--docids``):
  a finding is (document, segment, rule, position and length counted in non-blank characters of
  the segment), so markup and escapes do not count; agreement is |A ∩ B| / |A ∪ B|. HTML
  carries no source, so for HTML the plain run's source-aware findings are left out.

    .venv/bin/python bench/formats_eval.py [--data DIR] [--system LT22] [--limit-docs N] [--out FILE]
"""

from __future__ import annotations

import argparse
import csv
import html
import io
import json
import sys
import tempfile
import textwrap
import time
from collections import Counter
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "wmt22-general" / "de-fr"


def load(data: Path, system: str, limit: int | None):
    pre = data / "generaltest2022.de-fr"
    src = Path(f"{pre}.src.de").read_text(encoding="utf-8").splitlines()
    hyp = Path(f"{pre}.hyp.{system}.fr").read_text(encoding="utf-8").splitlines()
    ref = Path(f"{pre}.ref.A.fr").read_text(encoding="utf-8").splitlines()
    rows = Path(f"{pre}.docids.tsv").read_text(encoding="utf-8").splitlines()[1:]
    docs: dict[str, list[int]] = {}
    for i, row in enumerate(rows):
        docs.setdefault(row.split("\t")[1], []).append(i)
    names = list(docs)[:limit] if limit else list(docs)
    return src, hyp, ref, {n: docs[n] for n in names}


def _first_word(t: str, open_tag: str, close_tag: str) -> str:
    head, sep, rest = t.partition(" ")
    return f"{open_tag}{escape(head)}{close_tag}{sep}{escape(rest)}" if sep else escape(t)


def _po(s: str) -> str:
    q = s.replace("\\", "\\\\").replace('"', '\\"')
    if len(q) < 70:
        return f'"{q}"'
    parts = textwrap.wrap(q, 70, drop_whitespace=False, break_long_words=False, break_on_hyphens=False)
    return '""\n' + "\n".join(f'"{p}"' for p in parts)


WRITERS = {}
G_OPEN, PC_OPEN = '<g id="1">', '<pc id="1">'


def writer(name: str, ext: str):
    def deco(fn):
        WRITERS[name] = (ext, fn)
        return fn

    return deco


@writer("xliff-1.2", ".xlf")
def w_xliff12(rows):
    units = "".join(
        f'<trans-unit id="{k}"><source>{escape(s)}</source><target>{_first_word(t, G_OPEN, "</g>")}</target></trans-unit>\n'
        for k, s, t, r in rows
    )
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="1.2"><file original="doc" source-language="de" '
            f'target-language="fr" datatype="plaintext"><body>\n{units}</body></file></xliff>\n')


@writer("xliff-2.0", ".xliff")
def w_xliff20(rows):
    units = "".join(
        f'<unit id="{k}"><segment><source>{escape(s)}</source><target>{_first_word(t, PC_OPEN, "</pc>")}</target></segment></unit>\n'
        for k, s, t, r in rows
    )
    return f'<xliff version="2.0" srcLang="de" trgLang="fr"><file id="doc">\n{units}</file></xliff>\n'


@writer("po", ".po")
def w_po(rows):
    head = 'msgid ""\nmsgstr ""\n"Language: fr\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
    return head + "".join(f"msgctxt \"{k}\"\nmsgid {_po(s)}\nmsgstr {_po(t)}\n\n" for k, s, t, r in rows)


@writer("tmx", ".tmx")
def w_tmx(rows):
    tus = "".join(
        f'<tu tuid="{k}"><tuv xml:lang="de"><seg>{escape(s)}</seg></tuv><tuv xml:lang="fr"><seg>{escape(t)}</seg></tuv></tu>\n'
        for k, s, t, r in rows
    )
    return f'<tmx version="1.4"><header srclang="de" datatype="plaintext" segtype="sentence" adminlang="en" o-tmf="x" creationtool="x" creationtoolversion="1"/><body>\n{tus}</body></tmx>\n'


@writer("tsv", ".tsv")
def w_tsv(rows):
    return "id\tsource\ttarget\tref\n" + "".join(f"{k}\t{s}\t{t}\t{r}\n" for k, s, t, r in rows)


@writer("csv", ".csv")
def w_csv(rows):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["id", "source", "target", "ref"])
    w.writerows(rows)
    return buf.getvalue()


@writer("jsonl", ".jsonl")
def w_jsonl(rows):
    return "".join(json.dumps({"id": k, "source": s, "target": t, "ref": r}, ensure_ascii=False) + "\n" for k, s, t, r in rows)


@writer("jsonl-ascii", ".jsonl")
def w_jsonl_ascii(rows):
    return "".join(json.dumps({"id": k, "source": s, "target": t, "ref": r}) + "\n" for k, s, t, r in rows)


@writer("html", ".html")
def w_html(rows):
    body = "".join(f"<p>{html.escape(t, quote=False)}</p>\n" for k, s, t, r in rows)
    return f"<!DOCTYPE html>\n<html lang=\"fr\"><head><title>x</title></head><body>\n{body}</body></html>\n"


def _squeeze(s: str) -> str:
    return "".join(s.split())


def _to_view(runs, pos: int, end: bool = False) -> int:
    """The view offset of a text offset (inverse of ``snap`` for views with compacted escapes)."""
    import bisect

    for r in runs or ():
        if r.start <= pos < r.end or (end and pos == r.end):
            return r.start + (bisect.bisect_right(r.ends, pos) if end else bisect.bisect_left(r.starts, pos))
    return pos


def signature(doc_name: str, d, view: str, runs, issue) -> tuple | None:
    """A finding in content coordinates: non-blank characters of its segment before and inside it."""
    seg = d.segments[issue.segment] if issue.segment is not None else None
    if seg is None:
        return None
    a, s, e = _to_view(runs, seg.start), _to_view(runs, issue.start), _to_view(runs, issue.end, end=True)
    return (doc_name, seg.index, issue.rule, len(_squeeze(view[a:s])), len(_squeeze(view[s:e])))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--system", default="LT22")
    ap.add_argument("--limit-docs", type=int, default=None)
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "out" / "formats_eval.json")
    args = ap.parse_args()

    from mtqa import readers
    from mtqa.api import iter_documents
    from mtqa.config import Config
    from mtqa.pipeline import Pipeline

    src, hyp, ref, docs = load(args.data, args.system, args.limit_docs)
    n_segs = sum(len(v) for v in docs.values())
    results: dict[str, dict] = {}
    with tempfile.TemporaryDirectory() as td:
        tmp = Path(td)
        # the plain line-aligned run is the reference
        lines = [i for v in docs.values() for i in v]
        (tmp / "hyp.fr").write_text("".join(hyp[i] + "\n" for i in lines), encoding="utf-8")
        (tmp / "src.de").write_text("".join(src[i] + "\n" for i in lines), encoding="utf-8")
        (tmp / "ref.fr").write_text("".join(ref[i] + "\n" for i in lines), encoding="utf-8")
        names = list(docs)
        (tmp / "docids.tsv").write_text("".join(f"{n}\n" for n in names for _ in docs[n]), encoding="utf-8")
        cfg = Config(lang="fr")
        pipeline = Pipeline(cfg)
        t = time.perf_counter()
        plain_docs = list(iter_documents([str(tmp / "hyp.fr")], source=str(tmp / "src.de"), refs=[str(tmp / "ref.fr")], docids=str(tmp / "docids.tsv")))
        views = {d.doc_id: d.view for d in plain_docs}
        report = pipeline.run(plain_docs)
        plain_seconds = time.perf_counter() - t
        ref_sigs = set()
        for d in report.documents:
            ref_sigs |= {s for i in d.issues if (s := signature(d.doc_id, d, views[d.doc_id], None, i))}
        print(f"plain aligned run: {len(report.documents)} documents, {n_segs} segments, {len(ref_sigs)} findings, {plain_seconds:.1f} s")

        for fmt, (ext, write) in WRITERS.items():
            folder = tmp / fmt
            folder.mkdir()
            paths = []
            for k, name in enumerate(names):
                rows = [(str(i + 1), src[i], hyp[i], ref[i]) for i in docs[name]]
                p = folder / f"{k:03d}{ext}"
                p.write_text(write(rows), encoding="utf-8")
                paths.append((name, p, rows))
            t = time.perf_counter()
            read = [(name, readers.read_path(str(p)), rows) for name, p, rows in paths]
            read_seconds = time.perf_counter() - t
            exact = src_ok = ref_ok = total = 0
            for name, ds, rows in read:
                segs = [(d, s) for d in ds for s in d.paragraphs]
                by_id = {r[0]: r for r in rows}
                for d, s in segs:
                    total += 1
                    sid = s.id.split("|", 1)[0] if fmt == "po" and s.id else s.id  # PO: msgctxt|msgid
                    row = by_id.get(sid) if sid in by_id else rows[s.index] if fmt == "html" else None
                    if row is None:
                        continue
                    exact += _squeeze(d.view[s.start : s.end]) == _squeeze(row[2])
                    src_ok += fmt == "html" or s.source == row[1]
                    ref_ok += fmt in ("html", "xliff-1.2", "xliff-2.0", "po", "tmx") or s.refs == (row[3],)
            pipeline = Pipeline(cfg)
            all_docs = []
            doc_names = []
            for name, ds, rows in read:
                for d in ds:
                    all_docs.append(d)
                    doc_names.append(name)
            views = [(d.view, d.meta.get("view_map")) for d in all_docs]
            t = time.perf_counter()
            rep = pipeline.run(all_docs)
            check_seconds = time.perf_counter() - t
            sigs = set()
            broken = Counter()  # findings whose text is not text[start:end]
            for name, (view, runs), d in zip(doc_names, views, rep.documents):
                sigs |= {s for i in d.issues if (s := signature(name, d, view, runs, i))}
                broken.update(i.rule for i in d.issues if d.text[i.start : i.end] != i.text)
            ref_here = ref_sigs
            if fmt == "html":  # no source in an HTML article: source-aware rules cannot run
                from mtqa.lint.registry import all_rules

                aware = {c.code for c in all_rules() if c.requires & {"source", "reference"}}
                ref_here = {x for x in ref_sigs if x[2] not in aware}
            inter, union = len(sigs & ref_here), len(sigs | ref_here)
            only_here = Counter(s[2] for s in sigs - ref_here)
            only_plain = Counter(s[2] for s in ref_here - sigs)
            results[fmt] = {
                "files": len(paths),
                "segments": total,
                "expected_segments": n_segs,
                "view_equals_target": exact,
                "source_equal": src_ok,
                "refs_equal": ref_ok,
                "read_seconds": round(read_seconds, 3),
                "segments_per_second": round(total / read_seconds) if read_seconds else None,
                "check_seconds": round(check_seconds, 1),
                "findings": len(sigs),
                "agreement": round(inter / union, 4) if union else 1.0,
                "only_in_format": dict(only_here.most_common()),
                "only_in_plain": dict(only_plain.most_common()),
                "offset_violations": dict(broken),
            }
            r = results[fmt]
            print(
                f"{fmt:12} segments {total}/{n_segs}  view=target {exact}  source {src_ok}  refs {ref_ok}  "
                f"read {r['segments_per_second']}/s  check {check_seconds:.1f} s  findings {len(sigs)}  "
                f"agreement {r['agreement']:.4f}  only here {dict(only_here)}  only plain {dict(only_plain)}"
                f"  text != text[start:end]: {dict(broken) or 0}"
            )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    summary = {"data": str(args.data), "system": args.system, "documents": len(docs), "segments": n_segs,
               "plain_findings": len(ref_sigs), "formats": results}
    args.out.write_text(json.dumps(summary, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"written {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
