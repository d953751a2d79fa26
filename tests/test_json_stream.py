"""The JSON report written a piece at a time: the same bytes as the report made whole, made
document by document, and never a partial file."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from mtqa import formatters
from mtqa.api import check_paths
from mtqa.cli import app
from mtqa.config import Config
from mtqa.formatters import json_report
from mtqa.model import Issue

runner = CliRunner()

# Three short articles of our own: a finding or two in each, and one file with nothing to check.
ARTICLES = {
    "a-marche.txt": (
        "Le marché couvert rouvre ses portes\n\n"
        "Après deux ans de travaux, le marché couvert de la place Carnot accueille de nouveau ses "
        "commerçants. Si il pleut samedi, la fête d'ouverture aura lieu sous la halle.\n\n"
        "Partager\n"
    ),
    "b-velo.txt": (
        "La ville étend son réseau de pistes cyclables : douze kilomètres de voies nouvelles "
        "relieront la gare au campus d’ici la fin de l’année.\n\n"
        "Les travaux commenceront en mars ; les riverains seront informés par courrier.\n"
    ),
    "c-empty.txt": "",
    "d-ecole.md": (
        "# Une école rénovée\n\n"
        "Les élèves de l'école Jean-Moulin ont découvert lundi des classes rénovées , plus "
        "lumineuses et mieux isolées.\n"
    ),
}


@pytest.fixture()
def articles(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _report(folder):
    return check_paths([str(folder)], Config(lang="fr"))


def test_pieces_make_the_bytes_of_the_whole_report(articles):
    report = _report(articles)
    assert report.errors and any(d.issues for d in report.documents)  # errors, findings, empty lists
    whole = formatters.render(report, "json")
    for size in (1, 7, 4096, 1 << 16):
        pieces = list(json_report.iter_json(report, chunk_chars=size))
        assert "".join(pieces) == whole
        if size == 1:
            assert len(pieces) > len(report.documents) * 10
    json.loads(whole)


def test_documents_with_ids_gate_failures_scores_and_notices_keep_their_bytes(articles):
    report = _report(articles)
    doc = report.documents[0]
    doc.doc_id = "lines1-5"
    doc.gate_failures = ["2 findings at or above 'error'", "quality 80.0 < 90"]
    sig = "nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:2.4.0"
    doc.scores = {"bleu": 41.2, "chrf": 63.05, "ter": 48.5, "bleu_signature": sig, "chrf_signature": sig, "ter_signature": sig}
    report.notices.append("une remarque « entre guillemets » et une barre \\ oblique")
    report.corpus_scores = dict(doc.scores, bleu=40.0)
    assert "".join(json_report.iter_json(report, chunk_chars=3)) == formatters.render(report, "json")


def test_an_empty_report_keeps_its_bytes():
    from mtqa.model import Report

    report = Report([], [], [])
    assert "".join(json_report.iter_json(report)) == formatters.render(report, "json")


def test_findings_are_made_as_they_are_written(articles, monkeypatch):
    """The writer turns findings into report entries while it writes, not all before."""
    report = _report(articles)
    with_issues = [d for d in report.documents if d.issues]
    assert len(with_issues) >= 2
    made = []
    original = Issue.to_dict
    monkeypatch.setattr(Issue, "to_dict", lambda self: (made.append(self), original(self))[1])
    iter_json = getattr(json_report.iter_json, "__wrapped__", json_report.iter_json)  # not the validating wrapper
    pieces = iter_json(report, chunk_chars=1)
    text = ""
    while with_issues[0].path not in text:
        text += next(pieces)
    assert made == []  # the first document's path is written before any finding is made
    rest = "".join(pieces)
    assert len(made) == sum(len(d.issues) for d in report.documents)
    assert text + rest == formatters.render(report, "json")


def test_cli_json_to_stdout_and_to_a_file_are_the_same_bytes(articles, tmp_path):
    out = tmp_path / "report.json"
    to_file = runner.invoke(app, ["check", str(articles), "--lang", "fr", "-f", "json", "-o", str(out)])
    to_stdout = runner.invoke(app, ["check", str(articles), "--lang", "fr", "-f", "json"])
    assert to_file.exit_code == to_stdout.exit_code == 2  # the empty file is an input error
    assert "Traceback" not in to_file.stderr + to_stdout.stderr
    assert out.read_text(encoding="utf-8") == to_stdout.stdout
    data = json.loads(to_stdout.stdout)
    assert [d["path"] for d in data["documents"]] == [str(articles / n) for n in sorted(ARTICLES) if n != "c-empty.txt"]
    assert data["errors"] == [{"path": str(articles / "c-empty.txt"), "message": "file is empty"}]
    assert [f.name for f in tmp_path.iterdir() if f.name.startswith(".report.json")] == []


@pytest.mark.parametrize("fault", [KeyboardInterrupt, OSError])
def test_an_interrupted_write_leaves_the_previous_file_and_no_temporary_file(articles, tmp_path, monkeypatch, fault):
    report = _report(articles)
    out = tmp_path / "report.json"
    out.write_text('{"previous": true}\n', encoding="utf-8")
    calls = []

    def failing(self):
        calls.append(self)
        if len(calls) > 1:  # part of the report is already written
            raise fault("stopped") if fault is OSError else fault()
        return original(self)

    original = Issue.to_dict
    monkeypatch.setattr(Issue, "to_dict", failing)
    from mtqa.errors import MtqaError

    with pytest.raises(KeyboardInterrupt if fault is KeyboardInterrupt else MtqaError):
        json_report.write_file(report, out)
    assert out.read_text(encoding="utf-8") == '{"previous": true}\n'
    assert sorted(f.name for f in tmp_path.iterdir()) == ["articles", "report.json"]


_VALUES = [
    {}, [], (), "", 0, -0.0, 1e16, 1.5e-7, 10**30, True, False, None, float("nan"), float("inf"), -float("inf"),
    "é « guillemets » \n\t\"\\ \u2028 \x00 \U0001F600",
    {"a": [1, 2.5, None, True, False, "x"], "b": {"c": {}, "d": [[]], "e": [{}], 3: 1.0, 2.5: "f", None: 0, True: 1}},
    [[1, [2, [3, {"k": ()}]]], {"x": (1, "y")}],
]


@pytest.mark.parametrize("value", _VALUES)
@pytest.mark.parametrize("depth", [0, 1, 3])
def test_the_fast_writer_lays_values_out_as_json_dumps(value, depth):
    expected = json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n" + "  " * depth)
    assert json_report.dumps_indented(value, depth) == expected


def test_the_fast_writer_leaves_other_types_to_json_dumps():
    from collections import OrderedDict
    from enum import IntEnum

    class Level(IntEnum):
        LOW = 1

    for value in (OrderedDict(a=[1, 2]), Level.LOW, {"k": Level.LOW}, [OrderedDict()]):
        assert json_report.dumps_indented(value, 2) == json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n    ")
    with pytest.raises(TypeError):
        json_report.dumps_indented({"k": object()})
    with pytest.raises(TypeError):
        json_report.dumps_indented({(1, 2): 0})
