"""The HTML report in a real headless Chromium (playwright driving the system browser).

Install the browser with ``make browser`` (Debian's ``chromium``); the test is skipped, with the
reason, when playwright or the browser is missing. The page must load without console errors or
network requests, show every highlight, keep article markup as text, and its filters must hide
the highlights of a category or severity. A screenshot is kept in ``tests/artifacts/``.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from mtqa import formatters
from mtqa.config import Config
from mtqa.pipeline import Pipeline
from mtqa.model import Document

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
BROWSER_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run", "--disable-sync",
]
ARTICLES = {
    "news/propre.txt": "Le musée rouvre ses portes samedi après deux ans de travaux.\n",
    "news/conseil.txt": (
        "Aller au contenu\n\n"
        "Le conseil municipal a adopté mardi soir le budget de la ville, en hausse de 3 % sur un an.\n\n"
        "Le conseil municipal a adopté mardi soir le budget de la ville, en hausse de 3 % sur un an.\n\n"
        "La maire a défendu la rénovation de la piscine, prévue pour le printemps, et la création\n"
    ),
    "news/balise.txt": (
        "Le site affichait <script>window.__pwned = 1</script> au milieu d'un article sur les élections.\n\n"
        "Partager\n"
    ),
}


def _executable() -> str | None:
    for name in (os.environ.get("MTQA_CHROMIUM"), "chromium", "chromium-browser", "google-chrome"):
        if name and shutil.which(name):
            return shutil.which(name)
    return None


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install -e '.[test]')")
    exe = _executable()
    if exe is None:
        pytest.skip("no Chromium found: run `make browser` (apt-get install chromium) or set MTQA_CHROMIUM")
    with sync_api.sync_playwright() as p:
        try:
            b = p.chromium.launch(executable_path=exe, args=BROWSER_ARGS, timeout=30_000)
        except Exception as exc:  # a browser that cannot start is an environment problem, not a failure
            pytest.skip(f"Chromium at {exe} did not start: {str(exc).splitlines()[0]}")
        yield b
        b.close()


@pytest.fixture(scope="module")
def report_file(tmp_path_factory):
    docs = [Document(text, path) for path, text in ARTICLES.items()]
    report = Pipeline(Config(lang="fr", select=["MTQ4"], fail_on="warning")).run(docs)
    cats = {i.category for i in report.issues}
    assert {"boilerplate", "duplication", "truncation"} <= cats
    path = tmp_path_factory.mktemp("html") / "report.html"
    path.write_text(formatters.render(report, "html"), encoding="utf-8")
    return path, report


def _background(page, selector: str) -> list[str]:
    return page.eval_on_selector_all(selector, "els => els.map(e => getComputedStyle(e).backgroundColor)")


def test_report_in_a_real_browser(browser, report_file):
    path, report = report_file
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    problems: list[str] = []
    requests: list[str] = []
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("request", lambda r: requests.append(r.url) if not r.url.startswith(("file:", "data:", "about:")) else None)
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    assert problems == []
    assert requests == []

    # article markup stayed text: nothing ran, and the tag is visible
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert "<script>window.__pwned = 1</script>" in page.inner_text("#doc2 .text")

    # every finding is highlighted, in a colour
    n = len(report.issues)
    assert page.locator("mark.f").count() >= n
    assert page.locator("mark.f.off").count() == 0
    assert all(bg != "rgba(0, 0, 0, 0)" for bg in _background(page, "mark.f"))
    assert page.inner_text("#shown") == f"{n} of {n} findings shown"

    # clicking a highlight opens its message and suggestion
    page.locator('mark.f[data-cat="duplication"]').first.click()
    pop = page.locator("#pop")
    assert pop.is_visible()
    assert "duplicate" in pop.inner_text() and "remove the repeat" in pop.inner_text()
    page.keyboard.press("Escape")
    assert not pop.is_visible()

    # n steps to the first finding, then the next one
    page.keyboard.press("n")
    assert pop.is_visible() and report.issues[0].message in pop.inner_text()
    page.keyboard.press("n")
    assert report.issues[1].message in pop.inner_text()
    page.keyboard.press("p")
    assert report.issues[0].message in pop.inner_text()
    page.keyboard.press("Escape")

    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "html-report.png"))

    # a category filter hides that category's highlights and findings, and only those
    boiler = sum(1 for i in report.issues if i.category == "boilerplate")
    page.click('.chip[data-filter="cat"][data-value="boilerplate"]')
    assert page.get_attribute('.chip[data-value="boilerplate"]', "aria-pressed") == "false"
    assert page.locator("mark.f.off").count() == page.locator('mark.f[data-ids]').count() - page.locator("mark.f[data-cat]").count()
    hidden_marks = page.locator("mark.f.off")
    assert hidden_marks.count() >= boiler
    assert set(_background(page, "mark.f.off")) == {"rgba(0, 0, 0, 0)"}
    assert page.locator('mark.f[data-cat="boilerplate"]').count() == 0
    assert all(bg != "rgba(0, 0, 0, 0)" for bg in _background(page, "mark.f:not(.off)"))
    assert page.locator('li[data-i][data-cat="boilerplate"]:visible').count() == 0
    assert page.locator('li[data-i][data-cat="duplication"]:visible').count() >= 1
    assert page.locator('.bar span[data-cat="boilerplate"]:visible').count() == 0
    assert page.inner_text("#shown") == f"{n - boiler} of {n} findings shown"

    # a severity filter on top hides the warnings as well
    left = [i for i in report.issues if i.category != "boilerplate" and i.severity.value != "warning"]
    page.click('.chip[data-filter="sev"][data-value="warning"]')
    assert page.locator('mark.f[data-sev="warning"]').count() == 0
    assert page.locator("mark.f:not(.off)").count() >= len(left)
    assert page.inner_text("#shown") == f"{len(left)} of {n} findings shown"

    # "show all" brings everything back
    page.click("#reset")
    assert page.locator("mark.f.off").count() == 0
    assert page.inner_text("#shown") == f"{n} of {n} findings shown"

    # the corpus table sorts: first click on a number column puts the largest first
    def first_doc() -> str:
        return page.inner_text("#overview tbody tr:first-child td.doc")

    by_findings = sorted(report.documents, key=lambda d: -len(d.issues))
    page.click('#overview th:has-text("Findings")')
    assert first_doc() == by_findings[0].path
    page.click('#overview th:has-text("Findings")')
    assert first_doc() == by_findings[-1].path
    lowest = min(report.documents, key=lambda d: d.quality["score"])
    page.click('#overview th:has-text("Quality")')
    page.click('#overview th:has-text("Quality")')
    assert first_doc() == lowest.path
    # documents without findings can be hidden, in the table and below it
    assert page.locator("#doc0").is_visible() and page.locator('#overview tr[data-n="0"]').is_visible()
    page.click("#clean")
    assert not page.locator("#doc0").is_visible() and not page.locator('#overview tr[data-n="0"]').is_visible()
    assert page.locator("#doc1").is_visible()
    page.click("#clean")
    assert page.locator("#doc0").is_visible()
    page.screenshot(path=str(ARTIFACTS / "html-report-full.png"), full_page=True)
    assert problems == []
    page.close()


def test_corpus_report_in_a_real_browser(browser):
    """The sample corpus (structural and untranslated-sentence rules): loads cleanly and
    highlights every finding."""
    root = Path(__file__).resolve().parents[1]
    if not (root / "corpora" / "news").is_dir():
        pytest.skip("the sample corpus corpora/news is missing")
    from mtqa.api import check_paths

    report = check_paths([str(root / "corpora" / "news")], Config(lang="fr", select=["MTQ102", "MTQ4"]))
    path = ARTIFACTS / "news-report.html"
    ARTIFACTS.mkdir(exist_ok=True)
    path.write_text(formatters.render(report, "html"), encoding="utf-8")
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.goto(path.as_uri())
    assert problems == []
    ids = page.eval_on_selector_all("mark.f", "els => els.flatMap(e => e.dataset.ids.split(' ').map(Number))")
    assert set(ids) == set(range(len(report.issues)))
    page.screenshot(path=str(ARTIFACTS / "news-report.png"))
    page.close()
