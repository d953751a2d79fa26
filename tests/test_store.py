"""A run's documents kept on disk once they outgrow memory: the same report either way."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mtqa import store
from mtqa.api import check_paths
from mtqa.config import Config
from mtqa.formatters.json_report import iter_json
from mtqa.formatters.terminal import render_text
from mtqa.model import DocumentResult, Issue, Severity
from mtqa.store import DocumentStore, retain_documents, update_documents

ROOT = Path(__file__).resolve().parents[1]
NEWS = ROOT / "corpora" / "news"


def _result(name: str, text: str) -> DocumentResult:
    issue = Issue(rule="MTQ410", name="duplicate", category="duplication", severity=Severity.WARNING,
                  message="repeated", start=0, end=3, line=1, column=1, text=text[:3])
    return DocumentResult(name, "fr", len(text.split()), [], [], [issue], text=text)


def test_a_store_spills_to_disk_past_its_budget_and_keeps_the_order():
    s = DocumentStore(budget=200)
    texts = [f"Article {k} : le conseil municipal a voté le budget de l'année. " * 2 for k in range(6)]
    for k, t in enumerate(texts):
        s.append(_result(f"{k}.txt", t))
    assert s.spooled
    assert len(s) == 6 and bool(s)
    assert [d.path for d in s] == [f"{k}.txt" for k in range(6)]
    assert s[0].text == texts[0] and s[-1].text == texts[-1]
    with pytest.raises(IndexError):
        s[6]
    # iterating twice gives the same documents: they are read back, not consumed
    assert [d.text for d in s] == texts


def test_a_small_store_stays_in_memory():
    s = DocumentStore([_result("a.txt", "Une phrase courte.")])
    assert not s.spooled and len(s) == 1 and s[0].path == "a.txt"


@pytest.mark.parametrize("budget", [0, 10**9])
def test_changes_go_through_update_and_retain(budget):
    s = DocumentStore((_result(f"{k}.txt", f"Texte numéro {k} du corpus.") for k in range(4)), budget=budget)
    assert s.spooled is (budget == 0)

    def mark(d: DocumentResult) -> None:
        d.gate_failures = [f"checked {d.path}"]

    update_documents(s, mark)
    assert [d.gate_failures for d in s] == [[f"checked {k}.txt"] for k in range(4)]
    # a change made to a document read from a spooled store, outside update, is not kept
    if s.spooled:
        s[0].issues = []
        assert len(s[0].issues) == 1
    retain_documents(s, lambda d: d.path != "2.txt")
    assert [d.path for d in s] == ["0.txt", "1.txt", "3.txt"]
    assert [d.gate_failures for d in s] == [["checked 0.txt"], ["checked 1.txt"], ["checked 3.txt"]]
    s.close()


def _run(monkeypatch, budget: int, jobs: int = 1):
    monkeypatch.setattr(store, "MEMORY_BUDGET", budget)
    return check_paths([str(NEWS)], Config(lang="fr", jobs=jobs))


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_spooled_run_reports_what_an_in_memory_run_reports(monkeypatch, jobs):
    memory = _run(monkeypatch, 10**9)
    disk = _run(monkeypatch, 0, jobs=jobs)
    assert isinstance(disk.documents, DocumentStore) and disk.documents.spooled
    assert not memory.documents.spooled
    assert sum(len(d.issues) for d in disk.documents) > 0  # the bundled articles have findings

    def as_json(report) -> dict:
        out = json.loads("".join(iter_json(report)))
        out.pop("generated_at", None)
        out.get("tool", {}).pop("elapsed", None)
        return out

    assert as_json(disk) == as_json(memory)
    assert render_text(disk, {"color": False}) == render_text(memory, {"color": False})
    assert disk.exit_code == memory.exit_code
