"""Output formats on a real corpus: render time and size of each format, SARIF validity, and how
fast the HTML report loads and filters in headless Chromium.

The corpus is the WMT22 German→French general test set (one system output, 271 documents split by
the doc-id file, with source and reference), read from ../shared/data. Usage:

    .venv/bin/python bench/output_formats.py [--system Online-A] [--select MTQ4,MTQ1] [--out bench/out]
    .venv/bin/python bench/output_formats.py --stress 300   # synthetic: 300 documents, a finding every 12th word
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "wmt22-general" / "de-fr"
SCHEMA = ROOT / "tests" / "data" / "sarif-schema-2.1.0.json"
FORMATS = ("json", "sarif", "junit", "github", "markdown", "html")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--system", default="Online-A")
    ap.add_argument("--select", default="", help="comma-separated rule selectors (default: every rule)")
    ap.add_argument("--out", default=str(ROOT / "bench" / "out"))
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--stress", type=int, default=0, help="instead of WMT22: N copies of the seed article, dense findings")
    args = ap.parse_args()
    if args.stress:
        return _stress(args.stress, Path(args.out))

    from mtqa import formatters
    from mtqa.api import check_paths
    from mtqa.config import Config

    hyp = DATA / f"generaltest2022.de-fr.hyp.{args.system}.fr"
    if not hyp.exists():
        print(f"missing {hyp}", file=sys.stderr)
        return 2
    cfg = Config(lang="fr", select=[s for s in args.select.split(",") if s])
    t0 = time.perf_counter()
    report = check_paths(
        [str(hyp)], cfg, source=str(DATA / "generaltest2022.de-fr.src.de"),
        refs=[str(DATA / "generaltest2022.de-fr.ref.A.fr")], docids=str(DATA / "generaltest2022.de-fr.docids.tsv"),
    )
    check_s = time.perf_counter() - t0
    print(f"checked {len(report.documents)} documents, {len(report.issues)} findings in {check_s:.1f} s")
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    rows = []
    for fmt in FORMATS:
        best = float("inf")
        text = ""
        for _ in range(args.repeat):
            t = time.perf_counter()
            text = formatters.render(report, fmt)
            best = min(best, time.perf_counter() - t)
        ext = {"markdown": "md", "github": "txt", "junit": "xml"}.get(fmt, fmt)
        (out / f"wmt22-{args.system}.{ext}").write_text(text, encoding="utf-8")
        rows.append((fmt, best, len(text.encode("utf-8"))))
    print(f"{'format':10} {'render ms':>10} {'size KiB':>10}")
    for fmt, s, n in rows:
        print(f"{fmt:10} {s * 1000:10.1f} {n / 1024:10.1f}")

    import jsonschema

    jsonschema.validate(json.loads((out / f"wmt22-{args.system}.sarif").read_text(encoding="utf-8")), json.loads(SCHEMA.read_text(encoding="utf-8")))
    print("SARIF validates against the OASIS 2.1.0 schema")
    _browser(out / f"wmt22-{args.system}.html", len(report.issues))
    return 0


def _stress(n_docs: int, out: Path) -> int:
    """How the HTML report scales: many documents, a finding on every 12th word."""
    import re

    from mtqa import formatters
    from mtqa.lint.registry import get_rule
    from mtqa.model import Advice, Document, DocumentResult, Report, Severity

    seed = ROOT.parent / "shared" / "seed" / "000_51beacfa7ac17b15.txt"
    text = seed.read_text(encoding="utf-8")
    rules = [get_rule(c)() for c in ("MTQ102", "MTQ401", "MTQ410", "MTQ420", "MTQ421")]
    sevs = list(Severity)
    docs = []
    for k in range(n_docs):
        doc = Document(text, f"corpus/doc{k:04}.txt")
        issues = [
            rules[j % len(rules)].issue(doc, m.start(), m.end(), f"finding {j}", [Advice("remove")], severity=sevs[j % 3])
            for j, m in enumerate(re.finditer(r"\w+", text))
            if j % 12 == 0
        ]
        docs.append(DocumentResult(doc.path, "fr", doc.word_count, doc.paragraphs, doc.sentences, issues, text=text, quality={"score": 50.0}))
    report = Report(docs, rules_used=[type(r) for r in rules])
    t = time.perf_counter()
    html = formatters.render(report, "html")
    render = time.perf_counter() - t
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"stress-{n_docs}.html"
    path.write_text(html, encoding="utf-8")
    print(f"{n_docs} documents, {len(report.issues)} findings: HTML rendered in {render * 1000:.0f} ms, {len(html.encode()) / 2**20:.1f} MiB")
    _browser(path, len(report.issues))
    return 0


def _browser(path: Path, n: int) -> None:
    exe = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        print("playwright not installed: browser timings skipped")
        return
    if exe is None:
        print("no Chromium: browser timings skipped")
        return
    args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"]
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=exe, args=args)
        page = b.new_page(viewport={"width": 1280, "height": 900})
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        t = time.perf_counter()
        page.goto(path.as_uri(), wait_until="load")
        load = time.perf_counter() - t
        marks = page.locator("mark.f").count()
        covered = page.evaluate("new Set([].concat(...[...document.querySelectorAll('mark.f')].map(m => m.dataset.ids.split(' ')))).size")
        chip = page.locator(".chip[data-filter=cat]").first
        t = time.perf_counter()
        chip.click()
        page.wait_for_function("document.querySelector('#shown').textContent.indexOf('of') > 0")
        click = time.perf_counter() - t
        shown = page.inner_text("#shown")
        b.close()
    print(f"HTML in Chromium: load {load * 1000:.0f} ms, {marks} highlight elements covering {covered} of {n} findings, "
          f"category filter {click * 1000:.0f} ms ({shown}), page errors: {len(errors)}")


if __name__ == "__main__":
    sys.exit(main())
