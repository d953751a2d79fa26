"""Bad input, bad options and signals: one clear line on stderr, the right exit code, never a
traceback, and the other files of the run still reported."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import CORPORA
from mtqa.cli import app

runner = CliRunner()
GOOD = "Le conseil municipal a adopté le budget lundi soir, après un long débat sur les écoles.\n"
ENGLISH = (
    "The city council approved the new budget on Monday evening after a long debate about schools.\n\n"
    "The mayor said the plan would help families and small businesses over the coming years.\n"
)


def run(*args: str, input: str | None = None):
    return runner.invoke(app, list(args), input=input)


def one_line(r) -> str:
    assert "Traceback" not in r.stderr, r.stderr
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1, r.stderr
    return lines[0]


# -- configuration values of the wrong type ------------------------------------------------------
@pytest.mark.parametrize(
    "toml, expected",
    [
        ('jobs = "two"\n', "jobs: expected a whole number of worker processes, 0 or more, got 'two'"),
        ("min_confidence = 3\n", "min_confidence: expected a number from 0 to 1, got 3"),
        ('min_quality = "high"\n', "min_quality: expected a number, got 'high'"),
        ("fail_on = 1\n", "fail_on: expected one of error, warning, info, never, got 1"),
        ("ignore = [1, 2]\n", "ignore: expected a list of strings, got [1, 2]"),
        ('rules = "MTQ410"\n', "rules: expected a table, got 'MTQ410'"),
        ('[rules]\nMTQ410 = 3\n', "rules.MTQ410: expected a table, got 3"),
        ('[rules.MTQ410]\nseverity = "fatal"\n', "rules.MTQ410.severity: expected error, warning or info, got 'fatal'"),
        ("jobs = true\n", "jobs: expected a whole number of worker processes, 0 or more, got True"),
    ],
)
def test_wrong_typed_configuration_is_one_line_naming_file_key_and_type(tmp_path, toml, expected):
    (tmp_path / "mtqa.toml").write_text(toml, encoding="utf-8")
    art = tmp_path / "a.txt"
    art.write_text(GOOD, encoding="utf-8")
    r = run("check", str(art), "--lang", "fr")
    assert r.exit_code == 2
    assert one_line(r) == f"mtqa: {tmp_path / 'mtqa.toml'}: {expected}"


def test_wrong_typed_value_in_pyproject_names_the_file(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.mtqa]\nmax_ter = "low"\n', encoding="utf-8")
    art = tmp_path / "a.txt"
    art.write_text(GOOD, encoding="utf-8")
    r = run("check", str(art), "--lang", "fr")
    assert r.exit_code == 2 and one_line(r) == f"mtqa: {tmp_path / 'pyproject.toml'}: max_ter: expected a number, got 'low'"


def test_mtqa_toml_takes_top_level_keys_and_a_tool_mtqa_table(tmp_path):
    from mtqa.config import load_config

    art = tmp_path / "a.txt"
    art.write_text(GOOD, encoding="utf-8")
    (tmp_path / "mtqa.toml").write_text('fail_on = "warning"\n\n[tool.mtqa]\nignore = ["MTQ403"]\n\n[tool.mtqa.rules.MTQ410]\nmin_words = 8\n', encoding="utf-8")
    cfg = load_config(art)
    assert (cfg.fail_on, cfg.ignore, cfg.rules) == ("warning", ["MTQ403"], {"MTQ410": {"min_words": 8}})
    (tmp_path / "mtqa.toml").write_text('fail_on = "warning"\n[tool.mtqa]\nfail_on = "error"\n', encoding="utf-8")
    r = run("check", str(art), "--lang", "fr")
    assert r.exit_code == 2 and "fail_on set both at the top level and in [tool.mtqa]" in one_line(r)


def test_readme_tool_mtqa_example_works_in_mtqa_toml(tmp_path):
    from conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("```toml\n[tool.mtqa]\n", 1)[1].split("```", 1)[0]
    (tmp_path / "mtqa.toml").write_text("[tool.mtqa]\n" + block.replace('"house-rules"', '"."').replace('"glossary.csv"', '"g.csv"'), encoding="utf-8")
    (tmp_path / "g.csv").write_text("source,target,forbidden,note\nSchuldenbremse,frein à l'endettement,,\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    r = run("check", str(tmp_path / "a.txt"))
    assert r.exit_code == 0, r.stderr


# -- usage errors before any work ----------------------------------------------------------------
def _no_document_read(monkeypatch):
    import mtqa.readers as readers

    def refuse(*a, **k):
        raise AssertionError("a document was read before the usage error")

    monkeypatch.setattr(readers, "read_path", refuse)
    monkeypatch.setattr(readers, "read_bytes", refuse)


def test_threshold_without_reference_fails_before_reading(tmp_path, monkeypatch):
    art = tmp_path / "a.txt"
    art.write_text(GOOD, encoding="utf-8")
    _no_document_read(monkeypatch)
    r = run("check", str(art), "--lang", "fr", "--max-ter", "40")
    assert r.exit_code == 2 and one_line(r).startswith("mtqa: --max-ter needs reference scores")


def test_corrupt_baseline_fails_before_reading(tmp_path, monkeypatch):
    art, bl = tmp_path / "a.txt", tmp_path / "bl.json"
    art.write_text(GOOD, encoding="utf-8")
    bl.write_text('{"format": "mtqa-baseline", "version": 1, "findings": [', encoding="utf-8")
    _no_document_read(monkeypatch)
    r = run("check", str(art), "--lang", "fr", "--baseline", str(bl))
    assert r.exit_code == 2 and one_line(r).startswith(f"mtqa: {bl}: not a baseline file")


def test_broken_glossary_fails_before_reading(tmp_path, monkeypatch):
    art, g = tmp_path / "a.txt", tmp_path / "g.csv"
    art.write_text(GOOD, encoding="utf-8")
    g.write_bytes(b"source,target\nStra\xdfe,rue\n")
    _no_document_read(monkeypatch)
    r = run("check", str(art), "--lang", "fr", "--glossary", str(g))
    assert r.exit_code == 2 and one_line(r) == f"mtqa: {g}: line 2: not valid UTF-8"


def test_unknown_lang_lists_the_supported_languages(tmp_path, monkeypatch):
    art = tmp_path / "a.txt"
    art.write_text(GOOD, encoding="utf-8")
    _no_document_read(monkeypatch)
    r = run("check", str(art), "--lang", "xx")
    assert r.exit_code == 2 and one_line(r) == "mtqa: --lang: no rule pack for target language 'xx' (supported: fr)"


def test_a_user_pack_adds_a_target_language(tmp_path):
    from mtqa.config import check_language, target_languages
    from mtqa import packs

    (tmp_path / "pt").mkdir()
    (tmp_path / "pt" / "untranslated.yaml").write_text("foreign_languages: [en]\n", encoding="utf-8")
    packs.set_extra_dirs([tmp_path])
    try:
        assert target_languages() == ["fr", "pt"]
        check_language("pt")
    finally:
        packs.set_extra_dirs([])


# -- a document in a language mtqa has no rule pack for ------------------------------------------
def test_english_article_without_lang_is_refused_and_other_files_reported(tmp_path):
    en, fr = tmp_path / "english.txt", tmp_path / "french.txt"
    en.write_text(ENGLISH, encoding="utf-8")
    fr.write_text(GOOD + "\nPartager\n", encoding="utf-8")
    r = run("check", str(en), str(fr), "-f", "json")
    assert r.exit_code == 2
    line = one_line(r)
    assert line.startswith(f"mtqa: {en}: looks like English (0.") and line.endswith(
        "; mtqa checks French: use --lang fr to check it as French"
    )
    data = json.loads(r.stdout)
    assert [d["path"] for d in data["documents"]] == [str(fr)]
    assert data["documents"][0]["issues"][0]["rule"] == "MTQ401"


def test_english_article_with_lang_fr_gives_untranslated_findings(tmp_path):
    en = tmp_path / "english.txt"
    en.write_text(ENGLISH, encoding="utf-8")
    r = run("check", str(en), "--lang", "fr", "-f", "json")
    assert r.exit_code == 1
    rules = [i["rule"] for i in json.loads(r.stdout)["documents"][0]["issues"]]
    assert rules.count("MTQ102") == 2


# -- a paragraph too long to parse at once -------------------------------------------------------
SENTENCES = [
    "Les nouvelles règles entrent en vigueur dès lundi dans toute la région.",
    "Une nouvelle ordre mondial se dessine selon le ministre.",
    "Le maire a présenté un accord commerciale avec la ville voisine.",
    "Les habitants attendent des réponses claires sur les travaux.",
]


def test_long_paragraph_is_parsed_in_windows_with_the_same_findings(monkeypatch):
    from conftest import check
    from mtqa import nlp

    text = " ".join(SENTENCES * 12) + "\n"
    whole = [(i.rule, i.start, i.end, i.suggestions) for i in check(text, select=["MTQ2"]).issues]
    assert len(whole) >= 24
    monkeypatch.setattr(nlp, "MAX_PARSE_CHARS", 400)
    report = check(text, select=["MTQ2"])
    windowed = [(i.rule, i.start, i.end, i.suggestions) for i in report.issues]
    assert windowed == whole
    assert not report.notices


def test_sentence_too_long_to_parse_is_skipped_with_one_notice(monkeypatch, tmp_path):
    from mtqa import nlp

    monkeypatch.setattr(nlp, "MAX_PARSE_CHARS", 300)
    long_sentence = ", ".join(["une nouvelle ordre mondial se dessine"] * 12) + "."
    a = tmp_path / "a.txt"
    a.write_text("Titre de l'article\n\n" + long_sentence + "\n\nUne nouvelle ordre mondial.\n", encoding="utf-8")
    b = tmp_path / "b.txt"
    b.write_text("Un accord commerciale a été signé hier.\n", encoding="utf-8")
    r = run("check", str(a), str(b), "--lang", "fr", "--select", "MTQ201,MTQ202", "-f", "json")
    assert "Traceback" not in r.stderr
    data = json.loads(r.stdout)
    by_path = {d["path"]: d for d in data["documents"]}
    # the short paragraph of a.txt and all of b.txt are still checked
    assert {i["line"] for i in by_path[str(a)]["issues"]} == {5}
    assert [i["rule"] for i in by_path[str(b)]["issues"]] == ["MTQ202"]
    notes = [n for n in data["notices"] if "too long" in n or "longer than" in n]
    assert notes == [f"{a}:3: paragraph of {len(long_sentence):,} characters has a sentence longer than 300: rules that need the parse skipped it"]


# -- output files ---------------------------------------------------------------------------------
def test_output_is_written_atomically_and_keeps_no_temporary_file(tmp_path):
    art, out = tmp_path / "a.txt", tmp_path / "out" / "r.json"
    art.write_text(GOOD, encoding="utf-8")
    r = run("check", str(art), "--lang", "fr", "-f", "json", "-o", str(out))
    assert r.exit_code == 0
    json.loads(out.read_text(encoding="utf-8"))
    assert [p.name for p in out.parent.iterdir()] == ["r.json"]


def test_two_runs_writing_one_output_leave_one_complete_report(tmp_path):
    art, out = tmp_path / "a.txt", tmp_path / "r.json"
    art.write_text(GOOD * 3, encoding="utf-8")
    cmd = [sys.executable, "-m", "mtqa", "check", str(art), "--lang", "fr", "-f", "json", "-o", str(out), "--select", "MTQ4"]
    procs = [subprocess.Popen(cmd, stderr=subprocess.PIPE) for _ in range(2)]
    for p in procs:
        _, err = p.communicate(timeout=120)
        assert p.returncode == 0 and b"Traceback" not in err
    assert json.loads(out.read_text(encoding="utf-8"))["summary"]["documents"] == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "r.json"]


def test_atomic_write_keeps_the_old_file_when_writing_fails(tmp_path, monkeypatch):
    from mtqa.errors import MtqaError
    from mtqa.fsutil import atomic_write

    target = tmp_path / "r.txt"
    target.write_text("old", encoding="utf-8")

    def broken(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", broken)
    with pytest.raises(MtqaError, match="cannot write .*No space left on device"):
        atomic_write(target, "new")
    assert target.read_text(encoding="utf-8") == "old" and [p.name for p in tmp_path.iterdir()] == ["r.txt"]


# -- Ctrl-C with workers --------------------------------------------------------------------------
def _children(pid: int) -> list[int]:
    try:
        return [int(x) for x in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs /proc to see the workers")
def test_ctrl_c_with_workers_exits_130_quietly_and_writes_nothing(tmp_path):
    src = (CORPORA / "news" / "02-crues-baviere.txt").read_text(encoding="utf-8")
    folder = tmp_path / "many"
    folder.mkdir()
    for n in range(300):
        (folder / f"a{n:03}.txt").write_text(src, encoding="utf-8")
    out = tmp_path / "report.json"
    p = subprocess.Popen(
        [sys.executable, "-m", "mtqa", "check", str(folder), "--lang", "fr", "--jobs", "2", "-f", "json", "-o", str(out)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while len(_children(p.pid)) < 2 and time.monotonic() < deadline and p.poll() is None:
        time.sleep(0.2)
    time.sleep(1.5)  # the workers are checking documents
    assert p.poll() is None, "the run ended before it could be interrupted"
    os.killpg(p.pid, signal.SIGINT)  # what a terminal does on Ctrl-C
    _, err = p.communicate(timeout=60)
    assert p.returncode == 130
    assert err.decode().strip() == "mtqa: interrupted"
    assert not out.exists() and sorted(x.name for x in tmp_path.iterdir()) == ["many"]


# -- --write-baseline -----------------------------------------------------------------------------
def test_write_baseline_exits_zero_even_with_failing_findings(tmp_path):
    art, bl = tmp_path / "a.txt", tmp_path / "bl.json"
    art.write_text("Une nouvelle ordre mondial se dessine.\n", encoding="utf-8")
    assert run("check", str(art), "--lang", "fr", "--fail-on", "warning").exit_code == 1
    r = run("check", str(art), "--lang", "fr", "--fail-on", "warning", "--write-baseline", str(bl))
    assert r.exit_code == 0 and json.loads(bl.read_text(encoding="utf-8"))["findings"]
    assert run("check", str(art), "--lang", "fr", "--fail-on", "warning", "--baseline", str(bl)).exit_code == 0


# -- encodings ------------------------------------------------------------------------------------
ACCENTED = "Le conseil a voté le budget des écoles à l’unanimité, mais Partager reste en bas.\n\nPartager\n"


@pytest.mark.parametrize("codec, bom", [("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff"), ("utf-32-le", b"\xff\xfe\x00\x00"), ("utf-32-be", b"\x00\x00\xfe\xff"), ("utf-8", b"\xef\xbb\xbf")])
def test_files_with_a_bom_are_decoded_with_exact_offsets(tmp_path, codec, bom):
    art = tmp_path / "a.txt"
    art.write_bytes(bom + ACCENTED.encode(codec))
    r = run("check", str(art), "--lang", "fr", "--select", "MTQ401", "-f", "json")
    assert r.exit_code == 0, r.stderr
    issue = json.loads(r.stdout)["documents"][0]["issues"][0]
    assert ACCENTED[issue["start"] : issue["end"]] == issue["text"] == "Partager" and issue["line"] == 3


@pytest.mark.parametrize(
    "data, message",
    [
        (ACCENTED.encode("cp1252"), "invalid UTF-8 at byte 16; looks like Windows-1252: use --encoding cp1252"),
        ("Le conseil a voté le budget.\n".encode("latin-1"), "invalid UTF-8 at byte 16; looks like Latin-1 (ISO-8859-1): use --encoding latin-1"),
        (ACCENTED.encode("utf-16-le"), "looks like UTF-16-LE without a byte-order mark: use --encoding utf-16-le"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", "binary file (NUL bytes), not text"),
        (b"\xff\xfe" + "Un texte\x00 nul".encode("utf-16-le"), "binary file (NUL characters after decoding as utf-16-le), not text"),
    ],
    ids=["cp1252", "latin-1", "utf-16-no-bom", "binary", "nul-in-utf16"],
)
def test_undecodable_files_name_the_likely_encoding(tmp_path, data, message):
    bad, good = tmp_path / "bad.txt", tmp_path / "good.txt"
    bad.write_bytes(data)
    good.write_text(GOOD, encoding="utf-8")
    r = run("check", str(bad), str(good), "--lang", "fr", "-f", "json")
    assert r.exit_code == 2 and one_line(r) == f"mtqa: {bad}: {message}"
    assert [d["path"] for d in json.loads(r.stdout)["documents"]] == [str(good)]


def test_encoding_option_reads_other_encodings(tmp_path):
    art = tmp_path / "a.txt"
    art.write_bytes(ACCENTED.encode("cp1252"))
    r = run("check", str(art), "--lang", "fr", "--select", "MTQ401", "--encoding", "cp1252", "-f", "json")
    assert r.exit_code == 0, r.stderr
    doc = json.loads(r.stdout)["documents"][0]
    assert doc["issues"][0]["text"] == "Partager" and doc["word_count"] > 10
    r = run("check", str(art), "--lang", "fr", "--encoding", "utf-32")
    assert r.exit_code == 2 and one_line(r).startswith(f"mtqa: {art}: cannot be decoded as utf-32 at byte ")
    r = run("check", str(art), "--lang", "fr", "--encoding", "klingon")
    assert r.exit_code == 2 and one_line(r) == "mtqa: --encoding: unknown encoding 'klingon' (for example utf-8, utf-16, cp1252, latin-1)"


# -- links -----------------------------------------------------------------------------------------
def test_symlink_loops_and_broken_links_are_one_line_each(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    (tmp_path / "self.txt").symlink_to(tmp_path / "self.txt")
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    folder = tmp_path / "folder"
    folder.mkdir()
    (folder / "a.txt").write_text(GOOD, encoding="utf-8")
    (folder / "again").symlink_to(folder)
    r = run("check", str(tmp_path / "self.txt"), str(tmp_path / "dangling.txt"), str(good), "--lang", "fr", "-f", "json")
    assert r.exit_code == 2 and "Traceback" not in r.stderr
    assert r.stderr.splitlines() == [f"mtqa: {tmp_path / 'self.txt'}: symbolic link loop", f"mtqa: {tmp_path / 'dangling.txt'}: broken symbolic link"]
    assert [d["path"] for d in json.loads(r.stdout)["documents"]] == [str(good)]
    r = run("check", str(folder), "--lang", "fr", "-f", "json")
    assert r.exit_code == 0 and "Traceback" not in r.stderr
    assert [d["path"] for d in json.loads(r.stdout)["documents"]] == [str(folder / "a.txt")]


# -- long files are read in sections ----------------------------------------------------------------
def test_long_plain_text_file_is_read_lazily_in_sections_with_file_offsets(tmp_path, monkeypatch):
    import inspect

    import mtqa.readers as readers
    from mtqa.api import check_paths
    from mtqa.config import Config

    paras = ["Si il pleut demain, la réunion aura lieu à la mairie du quartier.", "Partager", "Le maire a présenté le budget de la ville aux habitants."] * 20
    text = "\n\n".join(paras) + "\n"
    art = tmp_path / "long.txt"
    art.write_text(text, encoding="utf-8")
    cfg = Config(lang="fr", select=["MTQ210", "MTQ401"])
    whole = sorted((i.rule, i.start, i.end, i.line) for i in check_paths([str(art)], cfg).issues)
    monkeypatch.setattr(readers, "SECTION_CHARS", 500)
    sections = readers.read_path(str(art))
    assert inspect.isgenerator(sections)
    report = check_paths([str(art)], cfg)
    assert len(report.documents) > 3 and all(d.doc_id.startswith("lines") for d in report.documents)
    assert report.documents[0].doc_id.startswith("lines1-")
    assert sorted((i.rule, i.start, i.end, i.line) for i in report.issues) == whole
    assert all(text[i.start : i.end] == i.text for i in report.issues)
    # a single long paragraph stays one document
    (tmp_path / "one.txt").write_text("Titre\n\n" + " ".join(paras) + "\n", encoding="utf-8")
    assert [d.doc_id for d in check_paths([str(tmp_path / "one.txt")], cfg).documents] == [None]


def test_bytes_of_no_known_encoding_ask_for_the_encoding(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x81\x8d\x8f\x90\x9d" * 4 + b"\n")
    r = run("check", str(bad), "--lang", "fr")
    assert r.exit_code == 2 and one_line(r) == f"mtqa: {bad}: invalid UTF-8 at byte 0; give its encoding with --encoding NAME"


def test_a_utf8_file_with_a_damaged_byte_is_not_given_another_encoding(tmp_path):
    bad = tmp_path / "bad.txt"
    data = ACCENTED.encode("utf-8") * 3
    bad.write_bytes(data[:40] + b"\xc3\x28" + data[40:])
    r = run("check", str(bad), "--lang", "fr")
    assert r.exit_code == 2 and one_line(r) == f"mtqa: {bad}: invalid UTF-8 at byte 40; the rest of the file is UTF-8 (damaged bytes?)"


def test_json_report_file_is_written_document_by_document_with_the_same_content(tmp_path):
    from mtqa import formatters
    from mtqa.api import check_paths
    from mtqa.config import Config
    from mtqa.formatters.json_report import write_file

    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("Si il pleut, la fête aura lieu.\n\nPartager\n", encoding="utf-8")
    b.write_bytes(b"")
    report = check_paths([str(a), str(b)], Config(lang="fr"))
    out = tmp_path / "r.json"
    write_file(report, out)
    assert json.loads(out.read_text(encoding="utf-8")) == json.loads(formatters.render(report, "json"))
    r = run("check", str(a), "--lang", "fr", "--fail-on", "warning", "-f", "json", "-o", str(tmp_path / "cli.json"))
    assert r.exit_code == 1 and json.loads((tmp_path / "cli.json").read_text(encoding="utf-8"))["summary"]["documents"] == 1
