"""Inline suppression in each format's comment syntax, and --report-unused-suppressions."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from mtqa.cli import app

runner = CliRunner()


def findings(path, *args):
    r = runner.invoke(app, ["check", str(path), "--lang", "fr", "-f", "json", *args])
    assert "Traceback" not in r.stderr, r.stderr
    data = json.loads(r.stdout)
    return sorted((i["rule"], i["text"]) for d in data["documents"] for i in d["issues"]), data.get("notices", []), r.exit_code


MD = """# Le budget de la ville

<!-- mtqa-disable MTQ401 -->
Partager

Lire aussi
<!-- mtqa-enable -->

Partager

<!-- mtqa-disable-next-line MTQ210 -->
Si il pleut, la réunion aura lieu à la mairie.

Si il neige, elle sera reportée à la semaine suivante.
"""


def test_markdown_disable_enable_and_next_line(tmp_path):
    md = tmp_path / "a.md"
    md.write_text(MD, encoding="utf-8")
    got, notices, _ = findings(md, "--select", "MTQ401,MTQ210")
    assert got == [("MTQ210", "Si il"), ("MTQ401", "Partager")]
    # the one left of each is the one outside the directives
    assert "3 findings silenced by inline suppressions" in notices
    plain, _, _ = findings(md, "--select", "MTQ401,MTQ210", "--input-format", "txt")
    assert len(plain) > len(got)


def test_disable_without_rules_silences_every_rule_and_names_match_as_select(tmp_path):
    md = tmp_path / "a.md"
    md.write_text("<!-- mtqa-disable -->\nSi il pleut.\n\nPartager\n<!-- mtqa-enable -->\n\n<!-- mtqa-disable boilerplate -->\nPartager\n\nSi il vente.\n", encoding="utf-8")
    got, _, _ = findings(md, "--select", "MTQ401,MTQ210")
    assert got == [("MTQ210", "Si il")]


def test_html_comments(tmp_path):
    page = tmp_path / "a.html"
    page.write_text(
        "<html><body><article><p>Le maire a parlé lundi soir devant les habitants.</p>"
        "<!-- mtqa-disable-next-line MTQ401 -->\n<p>Partager</p>\n<p>Partager</p></article></body></html>\n",
        encoding="utf-8",
    )
    got, _, _ = findings(page, "--select", "MTQ401")
    assert len(got) == 1


XLIFF = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file original="n" source-language="de" target-language="fr" datatype="plaintext">
    <body>
      <trans-unit id="1">
        <source>Wenn es regnet.</source>
        <target>Si il pleut, la fête aura lieu.</target>
        <note>mtqa: ignore MTQ210</note>
      </trans-unit>
      <trans-unit id="2">
        <source>Wenn es schneit.</source>
        <target>Si il neige, elle sera reportée.</target>
      </trans-unit>
      <trans-unit id="3">
        <source>Wenn es windet.</source>
        <target>Si il vente, elle sera annulée.</target>
        <note>mtqa: ignore MTQ401</note>
      </trans-unit>
    </body>
  </file>
</xliff>
"""


def test_xliff_note_ignores_findings_of_its_unit(tmp_path):
    f = tmp_path / "a.xlf"
    f.write_text(XLIFF, encoding="utf-8")
    r = runner.invoke(app, ["check", str(f), "--select", "MTQ210", "-f", "json", "--report-unused-suppressions"])
    data = json.loads(r.stdout)
    ids = [i["segment_id"] for d in data["documents"] for i in d["issues"]]
    assert ids == ["2", "3"]
    unused = [n for n in data["notices"] if "unused suppression" in n]
    assert unused == [f"{f}:17: unused suppression '<note>mtqa: ignore MTQ401</note>': it silenced nothing"]


def test_tmx_note_ignores_findings_of_its_unit(tmp_path):
    f = tmp_path / "a.tmx"
    f.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header srclang="en" datatype="plaintext" segtype="sentence" adminlang="en" o-tmf="none" creationtool="t" creationtoolversion="1"/><body>\n'
        '<tu tuid="1"><note>mtqa: ignore</note><tuv xml:lang="en"><seg>If it rains.</seg></tuv><tuv xml:lang="fr"><seg>Si il pleut, la fête aura lieu.</seg></tuv></tu>\n'
        '<tu tuid="2"><tuv xml:lang="en"><seg>If it snows.</seg></tuv><tuv xml:lang="fr"><seg>Si il neige, elle sera reportée.</seg></tuv></tu>\n'
        "</body></tmx>\n",
        encoding="utf-8",
    )
    r = runner.invoke(app, ["check", str(f), "--select", "MTQ210", "-f", "json"])
    data = json.loads(r.stdout)
    assert [i["segment_id"] for d in data["documents"] for i in d["issues"]] == ["2"]


PO = '''msgid ""
msgstr ""
"Language: fr\\n"
"Content-Type: text/plain; charset=UTF-8\\n"

# mtqa: ignore MTQ210
#: app.py:3
msgid "If it rains"
msgstr "Si il pleut, la fête aura lieu."

#: app.py:9
msgid "If it snows"
msgstr "Si il neige, elle sera reportée."

# mtqa: ignore
msgid "If it blows"
msgstr "Le budget est voté."
'''


def test_po_comment_ignores_findings_of_its_entry(tmp_path):
    f = tmp_path / "a.po"
    f.write_text(PO, encoding="utf-8")
    r = runner.invoke(app, ["check", str(f), "--select", "MTQ210", "-f", "json", "--report-unused-suppressions"])
    data = json.loads(r.stdout)
    assert [i["segment_id"] for d in data["documents"] for i in d["issues"]] == ["If it snows"]
    assert [n for n in data["notices"] if "unused" in n] == [f"{f}:15: unused suppression '# mtqa: ignore': it silenced nothing"]


def test_suppressed_findings_do_not_fail_the_gate(tmp_path):
    md = tmp_path / "a.md"
    md.write_text("<!-- mtqa-disable-next-line MTQ210 -->\nSi il pleut, la fête aura lieu.\n", encoding="utf-8")
    got, _, code = findings(md, "--select", "MTQ210", "--fail-on", "warning")
    assert got == [] and code == 0
    md.write_text("Si il pleut, la fête aura lieu.\n", encoding="utf-8")
    assert findings(md, "--select", "MTQ210", "--fail-on", "warning")[2] == 1


@pytest.mark.parametrize("fmt, text", [("markdown", MD), ("xliff", XLIFF), ("po", PO)])
def test_directive_offsets_point_at_the_directive_line(fmt, text):
    from mtqa.suppress import directives

    for d in directives(text, fmt, "x"):
        assert "mtqa" in text.splitlines()[d.line - 1]
        assert 0 <= d.start <= d.end <= len(text)
