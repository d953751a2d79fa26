"""The CI and dashboard formats: SARIF, JUnit, GitHub annotations, Markdown and HTML.

Most tests build a report by hand from real rule classes (so every position comes from the
document model) to reach edge cases a corpus rarely has: findings over a line break, after an
emoji, of zero length, in a multi-document file; a few run the engine end to end.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from mtqa import formatters
from mtqa.cli import app
from mtqa.lint.registry import get_rule
from mtqa.model import Advice, Document, DocumentResult, InputError, Issue, Report, Severity

SARIF_SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))

ARTICLE = (
    "Aller au contenu\n"
    "\n"
    "Le conseil municipal a voté mardi le budget de la ville, en hausse de 3 %.\n"
    "\n"
    "Le conseil municipal a voté mardi le budget de la ville, en hausse de 3 %.\n"
    "\n"
    "Selon le maire, les travaux de la piscine commenceront au printemps, avant\n"
)
SCRIPT_ARTICLE = (
    "Le site affichait <script>window.__pwned = 1</script> au milieu du texte & d'un « titre ».\n"
    "\n"
    "Partager\n"
)


def make_issue(doc: Document, code: str, start: int, end: int, message: str, suggestions=(), severity=None) -> Issue:
    rule = get_rule(code)()
    return rule.issue(doc, start, end, message, suggestions, severity=severity)


def result_of(doc: Document, issues: list[Issue], gate: list[str] | None = None) -> DocumentResult:
    return DocumentResult(
        path=doc.path, target_language="fr", word_count=doc.word_count, segments=doc.paragraphs,
        sentences=doc.sentences, issues=issues, quality={"score": 90.0, "penalty": 1.0, "penalty_per_1000_words": 10.0},
        gate_failures=list(gate or []), text=doc.text, format=doc.format, doc_id=doc.doc_id,
    )


def find(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return start, start + len(needle)


@pytest.fixture
def edge_report() -> Report:
    """Findings across a CRLF line break, after an astral character, of zero length, with a
    replacement suggestion, plus an input error and a notice."""
    text = "Titre 😀 At a rencontre, le 100% des gens.\r\nSuite du texte, avec un , et un %.\r\n\r\nFin."
    doc = Document(text, "articles/edge.txt")
    a, b = find(text, "At a")
    c, _ = find(text, "gens.")
    _, d = find(text, "Suite du")
    z, _ = find(text, "Fin")
    issues = [
        make_issue(doc, "MTQ102", a, b, "English fragment 'At a' left in French text", ["Lors d'une"], severity=Severity.ERROR),
        make_issue(doc, "MTQ410", c, d, "Span over a line break, 100% sure: a, b", [Advice("remove the repeat")]),
        make_issue(doc, "MTQ421", z, z, "Zero-length finding\nwith a newline", [], severity=Severity.INFO),
    ]
    return Report(
        [result_of(doc, issues, ["1 finding at or above 'error'"])],
        errors=[InputError("articles/broken.txt", "invalid UTF-8 at byte 3")],
        notices=["MTQ999 skipped for 'xx': no model"],
        fail_on=Severity.ERROR,
        rules_used=[get_rule("MTQ102"), get_rule("MTQ410"), get_rule("MTQ421")],
    )


@pytest.fixture(scope="module")
def article_report() -> Report:
    """A real run of the structural rules on a small article and on one with markup in its text."""
    from mtqa.config import Config
    from mtqa.pipeline import Pipeline

    docs = [Document(ARTICLE, "news/budget.txt"), Document(SCRIPT_ARTICLE, "news/script.txt")]
    report = Pipeline(Config(lang="fr", select=["MTQ4"], fail_on="warning")).run(docs)
    assert {i.category for i in report.issues} >= {"boilerplate", "duplication", "truncation"}
    return report


# -- SARIF --------------------------------------------------------------------------------------------
def sarif(report: Report) -> dict:
    data = json.loads(formatters.render(report, "sarif"))
    jsonschema.validate(data, SARIF_SCHEMA)
    return data


def test_sarif_validates_and_describes_rules(article_report):
    data = sarif(article_report)
    run = data["runs"][0]
    assert data["version"] == "2.1.0" and run["columnKind"] == "unicodeCodePoints"
    rules = run["tool"]["driver"]["rules"]
    assert {r["id"] for r in rules} == {c.code for c in article_report.rules_used}
    for r in rules:
        assert r["fullDescription"]["text"] and "Flagged" in r["help"]["text"] and "**Known limits**" in r["help"]["markdown"]
        assert r["defaultConfiguration"]["level"] in {"error", "warning", "note"}
    assert len(run["results"]) == len(article_report.issues)
    for res in run["results"]:
        assert rules[res["ruleIndex"]]["id"] == res["ruleId"]
        assert res["level"] == {"error": "error", "warning": "warning", "info": "note"}[res["properties"]["severity"]]


def test_sarif_regions_agree_with_the_text(edge_report):
    data = sarif(edge_report)
    doc = edge_report.documents[0]
    model = Document(doc.text, doc.path)
    results = data["runs"][0]["results"]
    assert len(results) == 3
    for res, issue in zip(results, doc.issues):
        region = res["locations"][0]["physicalLocation"]["region"]
        off, n = region["charOffset"], region["charLength"]
        assert doc.text[off : off + n] == region["snippet"]["text"] == issue.text
        assert (region["startLine"], region["startColumn"]) == model.position(issue.start)
        assert (region["endLine"], region["endColumn"]) == model.position(issue.end)
    # columns count code points: the emoji is one column, not two UTF-16 units
    first = results[0]["locations"][0]["physicalLocation"]["region"]
    assert (first["startLine"], first["startColumn"], first["endColumn"]) == (1, 9, 13)
    # the span over CRLF ends on the next line
    second = results[1]["locations"][0]["physicalLocation"]["region"]
    assert (second["startLine"], second["endLine"], second["endColumn"]) == (1, 2, 9)


def test_sarif_fixes_only_for_replacement_suggestions(edge_report):
    results = sarif(edge_report)["runs"][0]["results"]
    fix = results[0]["fixes"][0]["artifactChanges"][0]["replacements"][0]
    issue = edge_report.documents[0].issues[0]
    assert fix["deletedRegion"] == {"charOffset": issue.start, "charLength": 4}
    assert fix["insertedContent"]["text"] == "Lors d'une"
    assert "fixes" not in results[1]
    assert results[1]["message"]["text"].endswith("(suggestion: remove the repeat)")


def test_sarif_errors_and_notices_become_notifications(edge_report):
    inv = sarif(edge_report)["runs"][0]["invocations"][0]
    assert inv["executionSuccessful"] is False and inv["exitCode"] == 2
    levels = [(n["level"], n["message"]["text"]) for n in inv["toolExecutionNotifications"]]
    assert levels == [("error", "articles/broken.txt: invalid UTF-8 at byte 3"), ("note", "MTQ999 skipped for 'xx': no model")]


def test_sarif_paths_relative_below_the_working_directory(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    inside = Document("Partager\n", str(tmp_path / "sub" / "a b.txt"))
    outside = Document("Partager\n", "/elsewhere/c.txt")
    report = Report(
        [result_of(inside, [make_issue(inside, "MTQ401", 0, 8, "Sharing button")]), result_of(outside, [])],
        rules_used=[get_rule("MTQ401")],
    )
    run = sarif(report)["runs"][0]
    locs = [a["location"] for a in run["artifacts"]]
    assert locs[0] == {"uri": "sub/a%20b.txt", "uriBaseId": "%SRCROOT%"}
    assert locs[1] == {"uri": "file:///elsewhere/c.txt"}
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == tmp_path.resolve().as_uri() + "/"
    loc = run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert loc == {"uri": "sub/a%20b.txt", "uriBaseId": "%SRCROOT%", "index": 0}


def sarif_fingerprint(doc: Document, issue: Issue) -> str:
    report = Report([result_of(doc, [issue])], rules_used=[get_rule(issue.rule)])
    return sarif(report)["runs"][0]["results"][0]["partialFingerprints"]["mtqaContextHash/v1"]


def test_sarif_fingerprint_survives_edits_elsewhere():
    base = "Le maire a parlé.\n\nPartager\n\nFin de l'article."
    edited = "Un paragraphe ajouté en tête.\n\n" + base
    h = []
    for text in (base, edited):
        doc = Document(text, "a.txt")
        s, e = find(text, "Partager")
        h.append(sarif_fingerprint(doc, make_issue(doc, "MTQ401", s, e, "x")))
    assert h[0] == h[1]
    doc = Document(base.replace("Partager", "Partager ici"), "a.txt")
    s, e = find(doc.text, "Partager")
    assert sarif_fingerprint(doc, make_issue(doc, "MTQ401", s, e, "x")) != h[0]


def test_sarif_related_location_of_a_duplicate(article_report):
    results = sarif(article_report)["runs"][0]["results"]
    dup = next(r for r in results if r["ruleId"] == "MTQ410")
    rel = dup["relatedLocations"][0]["physicalLocation"]["region"]
    assert rel["startLine"] == 3 and rel["snippet"]["text"].startswith("Le conseil municipal")


def test_sarif_describes_a_rule_missing_from_rules_used(edge_report):
    edge_report.rules_used = []
    run = sarif(edge_report)["runs"][0]
    assert [r["id"] for r in run["tool"]["driver"]["rules"]] == ["MTQ102", "MTQ410", "MTQ421"]


# -- JUnit --------------------------------------------------------------------------------------------
def junit(report: Report) -> ET.Element:
    text = formatters.render(report, "junit")
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>')
    return ET.fromstring(text.encode("utf-8"))


def test_junit_one_case_per_document_one_failure_per_finding(article_report):
    root = junit(article_report)
    suite = root.find("testsuite")
    cases = suite.findall("testcase")
    assert [c.get("name") for c in cases] == ["news/budget.txt", "news/script.txt"]
    for case, doc in zip(cases, article_report.documents):
        failures = case.findall("failure")
        assert len(failures) == len(doc.issues)  # fail_on warning: every finding of these rules fails
        for f, issue in zip(failures, doc.issues):
            assert f.get("type") == f"{issue.rule} {issue.name}"
            assert f.get("message").startswith(f"{doc.path}:{issue.line}:{issue.column} {issue.rule} ")
            assert f"text: {issue.text}" in f.text
    total = sum(len(d.issues) for d in article_report.documents)
    assert root.get("tests") == suite.get("tests") == "2"
    assert root.get("failures") == suite.get("failures") == str(total)
    assert suite.find("properties/property").attrib == {"name": "fail_on", "value": "warning"}


def test_junit_findings_below_fail_on_go_to_system_out(edge_report):
    case = junit(edge_report).find("testsuite/testcase")
    failures = case.findall("failure")
    assert [f.get("type") for f in failures] == ["MTQ102 untranslated-sentence"]
    out = case.find("system-out").text
    assert "MTQ410" in out and "MTQ421" in out and "quality 90.0" in out
    err = junit(edge_report).find("testsuite/testcase[@classname='mtqa.input']/error")
    assert err.get("message") == "invalid UTF-8 at byte 3"


def test_junit_never_fails_with_fail_on_never_but_keeps_gate_reasons(edge_report):
    edge_report.fail_on = None
    edge_report.documents[0].gate_failures = ["quality 60.0 < 80"]
    case = junit(edge_report).find("testsuite/testcase")
    assert [f.get("type") for f in case.findall("failure")] == ["gate"]
    assert "quality 60.0 < 80" in case.find("failure").get("message")


def test_junit_survives_control_characters():
    text = "Texte avec un caractère \x0b de contrôle.\n\nPartager\n"
    doc = Document(text, "ctl.txt")
    s, e = find(text, "caractère \x0b de")
    report = Report([result_of(doc, [make_issue(doc, "MTQ401", s, e, "bad \x0c char", severity=Severity.ERROR)])])
    failure = junit(report).find("testsuite/testcase/failure")
    assert "\ufffd" in failure.text and "\x0b" not in failure.text


# -- GitHub ---------------------------------------------------------------------------------------------
def test_github_annotation_format_and_escaping(edge_report):
    lines = formatters.render(edge_report, "github").splitlines()
    assert lines[0] == (
        "::error file=articles/edge.txt,line=1,col=9,endLine=1,endColumn=13,title=MTQ102 untranslated-sentence"
        "::English fragment 'At a' left in French text (suggestion: Lors d'une) [untranslated]"
    )
    # multi-line span: no endColumn; '%' escaped in the message, ',' and ':' only in properties
    assert lines[1] == (
        "::warning file=articles/edge.txt,line=1,col=37,endLine=2,title=MTQ410 duplicate"
        "::Span over a line break, 100%25 sure: a, b (suggestion: remove the repeat) [duplication]"
    )
    assert lines[2].startswith("::notice file=articles/edge.txt,line=4,col=1,endLine=4,endColumn=1,")
    assert "::Zero-length finding%0Awith a newline" in lines[2]
    assert "::error file=articles/edge.txt,title=mtqa gate::mtqa gate failed: 1 finding at or above 'error'" in lines
    assert "::error file=articles/broken.txt,title=mtqa input error::invalid UTF-8 at byte 3" in lines
    assert lines[-1] == "mtqa: 3 findings in 1 document: failed"


def test_github_property_escaping():
    from mtqa.formatters.github import command

    line = command("warning", "50% done\r\nnext", file="dir,1/a:b.txt", title="T%1")
    assert line == "::warning file=dir%2C1/a%3Ab.txt,title=T%251::50%25 done%0D%0Anext"


# -- Markdown -------------------------------------------------------------------------------------------
def test_markdown_overview_and_findings_tables(article_report):
    md = formatters.render(article_report, "markdown")
    assert md.startswith("### mtqa: ❌ failed\n")
    assert "| news/budget.txt | " in md and "| news/script.txt | " in md
    rows = [line for line in md.splitlines() if re.match(r"\| \d+:\d+ \|", line)]
    assert len(rows) == len(article_report.issues)
    for row in rows:  # every row has the same number of cells as the header: no stray pipes
        assert len(re.findall(r"(?<!\\)\|", row)) == 8
    assert "<script" not in md


def test_markdown_escapes_markup_in_text():
    text = "Un titre | avec *étoiles* et <b>gras</b>\n"
    doc = Document(text, "m.txt")
    report = Report([result_of(doc, [make_issue(doc, "MTQ401", 0, len(text) - 1, "Label <i>x</i>", [Advice("remove")])])])
    md = formatters.render(report, "markdown")
    row = next(line for line in md.splitlines() if line.startswith("| 1:1 |"))
    assert r"Un titre \| avec \*étoiles\* et &lt;b&gt;gras&lt;/b&gt;" in row
    assert "Label &lt;i&gt;x&lt;/i&gt;" in row and "<b>gras" not in md and "<i>" not in md


def test_markdown_scores_per_document_and_corpus(edge_report):
    edge_report.documents[0].scores = {"bleu": 41.5, "chrf": 63.25, "ter": 48.0}
    edge_report.corpus_scores = {"bleu": 40.0, "chrf": 60.0, "ter": 50.0}
    md = formatters.render(edge_report, "markdown")
    assert "| BLEU | chrF | TER |" in md and "| 41.50 | 63.25 | 48.00 |" in md
    assert "Corpus scores: BLEU 40.00 · chrF 60.00 · TER 50.00." in md
    html, _ = page(edge_report)
    assert "BLEU 41.50 · chrF 63.25 · TER 48.00" in html and "Corpus BLEU" in html


def test_markdown_stays_under_its_size_budget(article_report):
    full = formatters.render(article_report, "markdown")
    md = formatters.render(article_report, "markdown", max_chars=1200)
    assert len(full) > 1400 and len(md) <= 1200 + 100
    assert "not listed (comment size limit)" in md


# -- HTML --------------------------------------------------------------------------------------------------
class _Page(HTMLParser):
    """Collects each document's displayed text and the text under each finding id."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.texts: list[str] = []
        self.langs: list[str | None] = []
        self.marked: dict[int, str] = {}
        self.scripts: list[str] = []
        self._stack: list[tuple[str, list[int] | None]] = []
        self._in_text = 0  # div depth of the open text block, 0 outside
        self._divs = 0
        self._in_label = 0
        self._script = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "script":
            self._script = True
            self.scripts.append("")
        if tag == "div":
            self._divs += 1
            if a.get("class") == "text":
                self.langs.append(a.get("lang"))
                self._in_text = self._divs
                self.texts.append("")
        if tag == "span" and a.get("class") == "sid":
            self._in_label += 1
        ids = [int(x) for x in a["data-ids"].split()] if tag == "mark" and "data-ids" in a else None
        self._stack.append((tag, ids))

    def handle_endtag(self, tag):
        while self._stack:
            t, _ = self._stack.pop()
            if t == tag:
                break
        if tag == "script":
            self._script = False
        if tag == "div":
            if self._divs == self._in_text:
                self._in_text = 0
            self._divs -= 1
        if tag == "span" and self._in_label:
            self._in_label -= 1

    def handle_data(self, data):
        if self._script:
            self.scripts[-1] += data
            return
        if self._in_text and not self._in_label:
            self.texts[-1] += data
            for _, ids in self._stack:
                for g in ids or ():
                    self.marked[g] = self.marked.get(g, "") + data


def page(report: Report, **options) -> tuple[str, _Page]:
    html = formatters.render(report, "html", **options)
    p = _Page()
    p.feed(html)
    return html, p


def test_html_shows_the_exact_text_and_marks_every_finding(article_report):
    html, p = page(article_report)
    assert p.texts == [d.text for d in article_report.documents]
    assert p.langs == ["fr", "fr"]
    issues = article_report.issues
    assert sorted(p.marked) == list(range(len(issues)))
    for g, issue in enumerate(issues):
        assert p.marked[g] == issue.text
        assert f'id="f{g}"' in html
    data = json.loads(p.scripts[0])
    assert [(i["rule"], i["start"], i["end"]) for i in data["issues"]] == [(i.rule, i.start, i.end) for i in issues]


def test_html_article_markup_stays_text(article_report):
    html, p = page(article_report)
    assert "window.__pwned" in p.texts[1]  # shown as text ...
    assert html.count("<script") == 2  # ... while the only scripts are the report's data and code
    assert "<script>window" not in html and "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in html
    assert "\\u003cscript\\u003e" not in html  # the span of text with markup carries no finding here
    evil = Document("Partager </script><script>alert(1)</script>\n", "evil.txt")
    report = Report([result_of(evil, [make_issue(evil, "MTQ401", 0, len(evil.text) - 1, "x </script>")])], rules_used=[get_rule("MTQ401")])
    html2, p2 = page(report)
    assert html2.count("<script") == 2 and "</script><script>alert" not in html2
    assert json.loads(p2.scripts[0])["issues"][0]["text"] == evil.text[:-1]


def test_html_is_self_contained(article_report):
    html, _ = page(article_report)
    assert "Content-Security-Policy" in html and "default-src 'none'" in html
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html)
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", html) and "@import" not in html


def test_html_overlapping_and_zero_length_findings(edge_report):
    doc = edge_report.documents[0]
    s, _ = find(doc.text, "rencontre")
    extra = make_issue(Document(doc.text, doc.path), "MTQ401", s - 2, s + 9, "overlap")
    doc.issues = sorted([*doc.issues, extra], key=lambda i: (i.start, i.end))
    html, p = page(edge_report)
    order = {id(i): g for g, i in enumerate(doc.issues)}
    assert p.marked[order[id(extra)]] == extra.text
    at_a = next(i for i in doc.issues if i.text == "At a")
    assert p.marked[order[id(at_a)]] == "At a"
    # the overlap run names both findings, the more severe first
    assert f'data-ids="{order[id(at_a)]} {order[id(extra)]}"' in html
    zero = next(i for i in doc.issues if i.start == i.end)
    assert re.search(rf'<mark class="f zw" id="f{order[id(zero)]}" data-ids="{order[id(zero)]}"', html)
    assert p.texts == [doc.text]


def test_html_documents_of_one_file_are_shown_by_segment():
    text = "Premier document, ligne un.\nDeuxième document, ligne deux.\nPremier document, ligne trois.\n"
    from mtqa.readers.text import read_lines

    whole = read_lines(text, "many.txt")
    paras = [p for p in whole.paragraphs if "Premier" in text[p.start : p.end]]
    doc = Document(text, "many.txt", paragraphs=[p.__class__(k, p.start, p.end, p.kind, id=p.id) for k, p in enumerate(paras)], doc_id="doc-A")
    s, e = find(text, "trois")
    res = result_of(doc, [make_issue(doc, "MTQ421", s, e, "cut")])
    html, p = page(Report([res], rules_used=[get_rule("MTQ421")]))
    assert p.texts == ["Premier document, ligne un.Premier document, ligne trois."]
    assert p.marked == {0: "trois"}
    assert "many.txt#doc-A" in html


def test_html_summary_overview_and_filters(article_report):
    html, _ = page(article_report)
    for cat in {i.category for i in article_report.issues}:
        assert f'data-filter="cat" data-value="{cat}"' in html
    assert 'data-filter="sev" data-value="warning"' in html
    assert html.count('<div class="bar">') == len(article_report.documents)
    assert 'href="#doc0"' in html and 'id="doc1"' in html
    assert f"{len(article_report.issues)} of {len(article_report.issues)} findings shown" in html


def test_html_empty_report_renders():
    html, p = page(Report([]))
    assert "<title>mtqa report</title>" in html and p.texts == []


# -- CLI -----------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("fmt", ["sarif", "junit", "github", "markdown", "html"])
def test_cli_writes_each_format(fmt, tmp_path):
    art = tmp_path / "article.txt"
    art.write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / f"report.{fmt}"
    r = CliRunner().invoke(app, ["check", str(art), "--lang", "fr", "--select", "MTQ4", "--format", fmt, "--output", str(out)])
    assert r.exit_code == 0, r.output
    text = out.read_text(encoding="utf-8")
    assert "Aller au contenu" in text
    if fmt == "sarif":
        jsonschema.validate(json.loads(text), SARIF_SCHEMA)


# -- pre-commit hook ---------------------------------------------------------------------------------------
def test_pre_commit_hook_definition():
    import yaml

    hooks = yaml.safe_load((Path(__file__).resolve().parents[1] / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    hook = next(h for h in hooks if h["id"] == "mtqa")
    assert hook["entry"] == "mtqa check" and hook["language"] == "python"
    files = re.compile(hook["files"])
    for name in ("a.txt", "docs/b.md", "c.xlf", "d.xliff", "e.po", "f.tmx"):
        assert files.search(name), name
    for name in ("setup.py", "a.txt.bak", "notes.json"):
        assert not files.search(name), name
    # the entry accepts several files at once, as pre-commit passes them
    args = hook["entry"].split()[1:]
    r = CliRunner().invoke(app, [*args, "--help"])
    assert r.exit_code == 0 and "paths..." in r.output.lower()
