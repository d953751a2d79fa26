"""Malformed and unsafe input of every translators' format is refused with one clear line (exit 2),
and arbitrary text written by each format's own serialiser reads back as the same target."""

from __future__ import annotations

import csv
import io
import json
import re
from xml.sax.saxutils import escape

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from conftest import FIXTURES
from mtqa.cli import app
from mtqa.readers.bilingual import read_csv, read_jsonl, read_tsv, snap
from mtqa.segment import iter_words
from mtqa.readers.po import read_po
from mtqa.readers.tmx import read_tmx
from mtqa.readers.xliff import read_xliff

MALFORMED = FIXTURES / "formats" / "malformed"
runner = CliRunner()


@pytest.mark.parametrize(
    "name, message",
    [
        ("broken.xlf", "malformed XML at line 7, column 48: mismatched tag"),
        ("broken.tmx", "malformed XML at line 6"),
        ("not-xliff.xlf", "not an XLIFF file (root element <html>)"),
        ("bomb.xlf", "unsafe XML refused: entity declaration 'a'"),
        ("external.xlf", "unsafe XML refused: entity declaration 'secret'"),
        ("broken.po", "malformed PO at line 6: unterminated or invalid string"),
        ("broken.csv", "malformed CSV at line 2: unterminated quoted field"),
        ("broken.tsv", "malformed TSV at line 3"),
        ("broken.jsonl", "malformed JSON at line 2"),
        ("broken.html", "malformed HTML at line 4: unterminated comment"),
    ],
)
def test_malformed_input_is_one_line_and_exit_two(name, message):
    path = MALFORMED / name
    r = runner.invoke(app, ["check", str(path), "--lang", "fr", "--format", "json"])
    assert r.exit_code == 2, r.output
    lines = r.stderr.strip().splitlines()
    assert lines == [f"mtqa: {path}: {message}"] or (len(lines) == 1 and message in lines[0]), r.stderr
    assert "Traceback" not in r.stderr
    assert json.loads(r.stdout)["errors"][0]["path"] == str(path)


def test_malformed_file_is_reported_while_good_files_are_checked():
    good = FIXTURES / "formats" / "memory.tmx"
    r = runner.invoke(app, ["check", str(MALFORMED / "broken.po"), str(good), "--format", "json", "--select", "MTQ102", "--fail-on", "never"])
    assert r.exit_code == 2 and "Traceback" not in r.stderr
    assert r.stderr.strip().count("\n") == 0
    data = json.loads(r.stdout)
    assert [d.get("doc_id") for d in data["documents"]] == ["fr", "de"]


@pytest.mark.parametrize(
    "reader, text, message",
    [
        (read_xliff, "<xliff version='1.2'><file><body><trans-unit id='1'><target>a &amp b</target>", "malformed XML at line 1"),
        (read_tmx, "<tmx><body></body></tmx>\n<tmx/>", "malformed XML at line 2"),
        (read_po, 'msgid "a"\n', "has a msgid but no msgstr"),
        (read_po, 'msgstr "a"\n', "msgstr before any msgid"),
        (read_po, 'msgid "a"\nmsgstr "b"\nmsgstr "c"\n', "appears twice"),
        (read_po, 'msgid "a"\nmsgstr "b"\nbonjour\n', "unexpected 'bonjour'"),
        (read_csv, 'source,target\n"a"b,c\n', "text after a closing quote"),
        (read_jsonl, '{"source": "a"}\n', "no 'target' field"),
        (read_jsonl, '{"source": "a", "target": 3}\n', "a non-string 'target' field"),
        (read_jsonl, '["a", "b"]\n', "expected an object"),
    ],
)
def test_reader_errors_name_the_problem(reader, text, message):
    from mtqa.errors import InputProblem

    with pytest.raises(InputProblem, match=re.escape(message)) as info:
        reader(text, "x.f")
    assert str(info.value).startswith("x.f: ")


# -- round trips through each format's own writer ----------------------------------------------
prose = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\u2028\u2029\x85\ufeff"),
    min_size=1, max_size=40,
).filter(lambda s: s.strip())
PROPS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _plain(doc) -> list[str]:
    if isinstance(doc, list):
        (doc,) = doc
    return ["".join(doc.view[p.start : p.end].split()) for p in doc.paragraphs]


def _squeeze(s: str) -> str:
    return "".join(s.split())


@PROPS
@given(st.lists(st.tuples(prose, prose), min_size=1, max_size=4))
@example(pairs=[("0", "\u00a00")])  # an escaped blank before the first word
@example(pairs=[("a", "caf\u00e9 \u00c9cole \"cit\u00e9\"\u00a0!")])
def test_jsonl_round_trip(pairs):
    for ascii_only in (True, False):
        text = "".join(json.dumps({"source": s, "target": t}, ensure_ascii=ascii_only) + "\n" for s, t in pairs)
        (doc,) = read_jsonl(text, "x.jsonl")
        assert _plain(doc) == [_squeeze(t) for _, t in pairs if _squeeze(t)]
        assert [p.source for p in doc.paragraphs] == [s for s, t in pairs if _squeeze(t)]
        # a word of the view maps back to whole escapes: its text decodes to the word
        runs = doc.meta.get("view_map", [])
        for p in doc.paragraphs:
            for w in iter_words(doc.view, p.start, p.end):
                a, b = snap(runs, w.start(), w.end()) if runs else w.span()
                assert json.loads('"' + doc.text[a:b] + '"') == w.group()


@PROPS
@given(st.lists(st.tuples(prose, prose), min_size=1, max_size=4))
def test_csv_round_trip(pairs):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["source", "target"])
    w.writerows(pairs)
    doc = read_csv(buf.getvalue(), "x.csv")
    kept = [(s, t) for s, t in pairs if _squeeze(t)]
    assert _plain(doc) == [_squeeze(t) for _, t in kept]
    assert [p.source for p in doc.paragraphs] == [s for s, _ in kept]


@PROPS
@given(st.lists(st.tuples(prose, prose).filter(lambda p: "\t" not in p[0] + p[1] and not {"\n", "\r"} & set(p[0] + p[1])), min_size=1, max_size=4))
def test_tsv_round_trip(pairs):
    text = "".join(f"{s}\t{t}\n" for s, t in pairs)
    if not "".join(s + t for s, t in pairs).strip():
        return
    doc = read_tsv(text, "x.tsv")
    assert _plain(doc) == [_squeeze(t) for s, t in pairs if _squeeze(t)]


def _po_quote(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t").replace("\r", "\\r") + '"'


@PROPS
@given(st.lists(st.tuples(prose, prose), min_size=1, max_size=4, unique_by=lambda p: p[0]))
def test_po_round_trip(pairs):
    from mtqa.readers.po import _TOKEN

    text = "".join(f"msgid {_po_quote(s)}\nmsgstr {_po_quote(t)}\n\n" for s, t in pairs)
    doc = read_po(text, "x.po")
    # placeholders are blanked by design: compare with the target without them
    expected = [_squeeze(_TOKEN.sub(lambda m: "" if m.group("ph") else m.group()[0] if m.group("lit") else m.group(), t)) for _, t in pairs]
    assert _plain(doc) == [e for e in expected if e]


@PROPS
@given(st.lists(st.tuples(prose, prose), min_size=1, max_size=4))
@example([("0", "\U0001fffe")])  # a reference to a noncharacter, which XML allows
def test_xliff_round_trip(pairs):
    xml_ok = [(s, t) for s, t in pairs if all(_xml_char(c) for c in s + t)]
    if not xml_ok:
        return
    for refs in (False, True):  # characters as they are, or as character references
        def enc(x: str) -> str:
            return escape(x).encode("ascii", "xmlcharrefreplace").decode() if refs else escape(x)

        units = "".join(
            f'<trans-unit id="u{k}"><source>{enc(s)}</source><target>{enc(t)}</target></trans-unit>\n'
            for k, (s, t) in enumerate(xml_ok)
        )
        text = f'<xliff version="1.2"><file original="a" source-language="en" target-language="fr"><body>\n{units}</body></file></xliff>\n'
        docs = read_xliff(text, "x.xlf")
        assert _plain(docs[0]) == [_squeeze(t) for _, t in xml_ok if _squeeze(t)]
        assert [p.source for p in docs[0].paragraphs] == [s.strip() for s, t in xml_ok if _squeeze(t)]
        for p in docs[0].paragraphs:  # a segment's text decodes to its view text
            assert _squeeze(_xml_unescape(docs[0].text[p.start : p.end])) == _squeeze(docs[0].view[p.start : p.end])


def _xml_unescape(text: str) -> str:
    """Entity and character references decoded as XML does. (``html.unescape`` drops references
    to noncharacters such as U+1FFFE, which XML 1.0 allows.)"""
    named = {"lt": "<", "gt": ">", "amp": "&", "quot": '"', "apos": "'"}

    def one(m: re.Match) -> str:
        ref = m.group(1)
        if ref.startswith("#x"):
            return chr(int(ref[2:], 16))
        if ref.startswith("#"):
            return chr(int(ref[1:]))
        return named[ref]

    return re.sub(r"&(#x[0-9a-fA-F]+|#[0-9]+|lt|gt|amp|quot|apos);", one, text)


def _xml_char(c: str) -> bool:
    o = ord(c)
    return o in (0x9, 0xA, 0xD) or 0x20 <= o <= 0xD7FF or 0xE000 <= o <= 0xFFFD or o >= 0x10000


@PROPS
@given(st.text(max_size=200))
def test_html_never_crashes_and_keeps_offsets(text):
    from mtqa.errors import InputProblem
    from mtqa.readers.html import read_html

    try:
        doc = read_html(text, "x.html")
    except InputProblem as exc:
        assert "malformed HTML" in exc.message
        return
    assert len(doc.view) == len(text)
    for p in doc.paragraphs:
        assert 0 <= p.start < p.end <= len(text) and doc.view[p.start : p.end].strip()


def test_a_marked_section_without_a_name_is_malformed_html_not_a_crash():
    """``<![0`` makes the standard library's HTML parser raise AssertionError; it is one clear
    input problem, like any unterminated markup."""
    from mtqa.errors import InputProblem
    from mtqa.readers.html import read_html

    with pytest.raises(InputProblem, match="malformed HTML at line 1"):
        read_html("<p>Le texte <![0 continue.</p>", "page.html")
    assert read_html("<![CDATA[x]]><p>La suite.</p>", "page.html").view.strip() == "La suite."
