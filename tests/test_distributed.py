"""The Dask engine: an archive checked on a LocalCluster of two worker processes on loopback
gives the local engine's report, corpus findings included, also when a worker dies mid-run.

The cluster is started and stopped here; the archive is built here from articles written for
these tests.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from dataclasses import replace
from pathlib import Path

import pytest

pytest.importorskip("distributed")
pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")

from mtqa.config import Config  # noqa: E402
from mtqa.errors import MtqaError  # noqa: E402
from mtqa.formatters.json_report import report_dict  # noqa: E402
from mtqa.pipeline import Pipeline  # noqa: E402
from mtqa.readers import archive  # noqa: E402

LABEL = "Lire aussi nos dossiers"
ARTICLES = [
    ("dep-001", f"Le conseil municipal a voté mardi le budget de la ville.\n\nLes élus de l'opposition ont quitté la séance avant la fin.\n\n{LABEL}", "local"),
    ("dep-002", f"La sécheresse touche désormais quarante départements.\n\nLes préfets ont pris des arrêtés de restriction d'eau.\n\n{LABEL}", "climat"),
    ("dep-003", "Le festival de jazz ouvre ses portes vendredi soir. The organisers expect more visitors than last year.", "culture"),
    ("dep-004", f"La ligne de tramway sera fermée pendant deux semaines.\n\nDes bus de remplacement circuleront toute la journée.\n\n{LABEL}", "local"),
    ("dep-005", "Le prix du gazole a encore augmenté cette semaine, selon les chiffres publiés lundi.", "économie"),
    ("dep-006", f"Une nouvelle école sera construite dans le quartier nord.\n\nLes travaux commenceront au printemps.\n\n{LABEL}", "local"),
    ("dep-007", "Les pompiers ont maîtrisé l'incendie qui menaçait la forêt domaniale.", "faits divers"),
    ("dep-008", "Le club de football local a remporté son troisième match de suite samedi.", "sport"),
    ("dep-009", "La bibliothèque prolonge ses horaires d'ouverture jusqu'à vingt heures.", "culture"),
]
# the spaCy-based agreement rules are left out to keep the workers quick to start; every other
# default rule runs (bench/scale_dask.py compares all of them on real data)
PARSED = ["MTQ201", "MTQ202", "MTQ203"]
CONFIG = Config(lang="fr", ignore=PARSED)


@pytest.fixture(scope="module")
def archives(tmp_path_factory):
    root = tmp_path_factory.mktemp("archive")
    jsonl = root / "depeches.jsonl"
    lines = [json.dumps({"id": i, "text": t, "section": s}, ensure_ascii=False) for i, t, s in ARTICLES]
    lines.insert(5, '{"id": "dep-bad", "text": "guillemet jamais fermé}')  # a record that fails to decode
    jsonl.write_text("\n".join(lines) + "\n", encoding="utf-8")
    parquet = root / "depeches.parquet"
    table = pa.table({
        "article": [i for i, _, _ in ARTICLES], "body": [t for _, t, _ in ARTICLES], "section": [s for _, _, s in ARTICLES],
    })
    pq.write_table(table, parquet, row_group_size=4)
    return jsonl, parquet


@pytest.fixture(scope="module")
def cluster():
    import logging

    from distributed import Client, LocalCluster

    lc = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address="127.0.0.1:0", silence_logs=logging.ERROR)
    client = Client(lc, set_as_default=False)
    try:
        yield lc, client
    finally:
        client.close()
        lc.close()


def local_report(paths, fields=archive.Fields(), config=CONFIG):
    return Pipeline(config).run(archive.iter_documents([str(p) for p in paths], fields))


def dask_report(paths, address, **kw):
    from mtqa import distributed

    return distributed.run([str(p) for p in paths], kw.pop("config", CONFIG), scheduler=address, **kw)


def test_archive_on_two_workers_equals_the_local_engine(archives, cluster):
    jsonl, _ = archives
    lc, _client = cluster
    local = local_report([jsonl])
    remote = dask_report([jsonl], lc.scheduler_address, partitions=4)
    assert report_dict(remote) == report_dict(local)
    ids = [d.doc_id for d in remote.documents]
    assert ids == [i for i, _, _ in ARTICLES]  # input order
    labels = {d.doc_id for d in remote.documents for i in d.issues if i.rule == "MTQ403"}
    assert labels == {"dep-001", "dep-002", "dep-004", "dep-006"}  # a corpus finding, from all parts
    issue = next(i for d in remote.documents if d.doc_id == "dep-004" for i in d.issues if i.rule == "MTQ403")
    assert issue.text == LABEL and ARTICLES[3][1][issue.start:issue.end] == LABEL
    assert any(i.rule.startswith("MTQ1") for d in remote.documents if d.doc_id == "dep-003" for i in d.issues)
    assert [e.path for e in remote.errors] == [f"{jsonl}#6"]  # the broken record only


def test_parquet_archive_with_named_fields_to_parquet_tables(archives, cluster, tmp_path):
    _, parquet = archives
    lc, _client = cluster
    fields = archive.Fields(id="article", text="body")
    local = local_report([parquet], fields)
    out = tmp_path / "findings.parquet"
    summary = dask_report([parquet], lc.scheduler_address, fields=fields, partitions=3, parquet=out)
    findings = pq.read_table(out).to_pylist()
    documents = pq.read_table(tmp_path / "findings.documents.parquet").to_pylist()
    assert pq.ParquetFile(out.with_name("findings.documents.parquet")).metadata.num_row_groups == 3  # one per part
    expected = sorted((d.doc_id, i.rule, i.start, i.end, i.text, i.message) for d in local.documents for i in d.issues)
    assert sorted((r["doc_id"], r["rule"], r["start"], r["end"], r["text"], r["message"]) for r in findings) == expected
    assert any(r["rule"] == "MTQ403" for r in findings)
    assert [r["doc_id"] for r in documents] == [i for i, _, _ in ARTICLES]
    assert [(r["words"], r["quality"], r["passed"]) for r in documents] == [
        (d.word_count, d.quality["score"], not d.gate_failures) for d in local.documents
    ]
    assert summary.documents == len(ARTICLES) and summary.findings == len(expected) and not summary.errors


def test_a_killed_worker_has_its_parts_run_again(archives, cluster):
    jsonl, _ = archives
    lc, client = cluster
    client.restart()  # fresh workers: the first part of each is still loading its models below
    local = local_report([jsonl])
    pids = client.run(os.getpid)
    box: dict = {}
    runner = threading.Thread(target=lambda: box.update(report=dask_report([jsonl], lc.scheduler_address, partitions=6)))
    runner.start()
    deadline = time.time() + 60
    victim = None
    while victim is None and time.time() < deadline:
        busy = [w for w, keys in client.processing().items() if any("mtqa-check_part" in str(k) for k in keys)]
        victim = busy[0] if busy else None
        time.sleep(0.05)
    assert victim is not None, "no part was ever running"
    os.kill(pids[victim], signal.SIGKILL)
    runner.join(120)
    assert not runner.is_alive()
    assert report_dict(box["report"]) == report_dict(local)
    assert pids[victim] not in client.run(os.getpid).values()  # the run outlived that process


def test_the_cli_starts_its_own_local_cluster(archives, tmp_path):
    jsonl, _ = archives
    out = tmp_path / "report.json"
    proc = subprocess.run(
        [sys.executable, "-m", "mtqa", "check", str(jsonl), "--engine", "dask", "--jobs", "2", "--lang", "fr",
         "--isolated", "--ignore", ",".join(PARSED), "-f", "json", "-o", str(out)],
        capture_output=True, text=True, timeout=240,
    )
    assert proc.returncode == 2, proc.stderr  # the broken record is an input error
    assert "Traceback" not in proc.stderr
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report == json.loads(json.dumps(report_dict(local_report([jsonl]))))
    assert report["errors"] == [{"path": f"{jsonl}#6", "message": report["errors"][0]["message"]}]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_an_unreachable_scheduler_is_one_line_and_exit_2(archives):
    jsonl, _ = archives
    address = f"tcp://127.0.0.1:{_free_port()}"
    proc = subprocess.run(
        [sys.executable, "-m", "mtqa", "check", str(jsonl), "--engine", "dask", "--scheduler", address],
        capture_output=True, text=True, timeout=60,
    )
    assert proc.returncode == 2
    assert proc.stderr.strip().splitlines() == [f"mtqa: cannot reach the Dask scheduler at {address}: Connection refused"]


def test_a_missing_extra_is_one_clear_line(monkeypatch):
    from mtqa import distributed

    monkeypatch.setitem(sys.modules, "distributed", None)
    with pytest.raises(MtqaError, match=r"install mtqa\[dask\]"):
        distributed.require_dask()


def test_json_lines_parts_cover_every_line_once_with_its_number(tmp_path):
    path = tmp_path / "a.jsonl"
    rows = [json.dumps({"id": f"n{k}", "text": "Un texte " + "très " * (k % 7) + "court."}) for k in range(200)]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    for k in (1, 3, 7, 50, 400):
        parts, errors = archive.plan([str(path)], k)
        assert not errors and 1 <= len(parts) <= min(k, 200)
        assert parts[0].start == 0 and parts[-1].stop == path.stat().st_size
        assert all(a.stop == b.start for a, b in zip(parts, parts[1:]))
        docs = [d for p in parts for d in archive.read_part(p)]
        assert [d.doc_id for d in docs] == [f"n{i}" for i in range(200)]
        for p in parts:  # each part knows the number of its first line
            assert next(iter(archive.read_part(p))).doc_id == f"n{p.first_line - 1}"


def test_records_without_an_id_are_numbered_and_bad_records_stand_alone(tmp_path):
    path = tmp_path / "b.jsonl"
    path.write_text(
        '{"text": "Première dépêche du matin."}\n'
        '{"text": 42}\n'
        '\n'
        '{"id": "x", "text": "Le maire répond.", "source": "Der Bürgermeister antwortet.\\nZweite Zeile."}\n'
        '{"text": "Dernière dépêche du soir.", "lang": "fr-FR", "date": "2026-11-30"}\n',
        encoding="utf-8",
    )
    items = list(archive.iter_documents([str(path)]))
    docs = [i for i in items if not hasattr(i, "message")]
    errors = [i for i in items if hasattr(i, "message")]
    assert [d.doc_id for d in docs] == ["1", "5"]
    assert docs[1].meta["target_language"] == "fr" and docs[1].meta["date"] == "2026-11-30"
    assert docs[0].text == "Première dépêche du matin."
    assert [e.path for e in errors] == [f"{path}#2", f"{path}#x (source)"]


def test_an_empty_folder_and_a_missing_file_are_input_errors(tmp_path):
    (tmp_path / "empty").mkdir()
    parts, errors = archive.plan([str(tmp_path / "empty"), str(tmp_path / "none.parquet")], 4)
    assert parts == [] and len(errors) == 2


def test_a_worker_keeps_one_engine_per_configuration():
    from mtqa.distributed import tasks

    a = tasks.worker_engine("a", CONFIG)
    assert tasks.worker_engine("a", CONFIG) is a
    assert tasks.worker_engine("b", replace(CONFIG, select=["MTQ403"])) is not a


def test_fsspec_urls_are_read_like_files():
    import fsspec

    fs = fsspec.filesystem("memory")
    rows = [{"id": i, "text": t} for i, t, _ in ARTICLES[:4]]
    for k in (0, 1):
        with fs.open(f"/mtqa-test/part-{k}.jsonl", "wb") as f:
            f.write("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows[2 * k: 2 * k + 2]).encode("utf-8"))
    try:
        parts, errors = archive.plan(["memory://mtqa-test/*.jsonl"], 4)
        assert not errors and {p.url.rsplit("/", 1)[1] for p in parts} == {"part-0.jsonl", "part-1.jsonl"}
        assert all(p.url.startswith("memory://") for p in parts)
        docs = [d for p in parts for d in archive.read_part(p)]
        assert [d.doc_id for d in docs] == ["dep-001", "dep-002", "dep-003", "dep-004"]
        assert docs[0].text == ARTICLES[0][1] and docs[0].key.endswith("/mtqa-test/part-0.jsonl#dep-001")
        assert [d.doc_id for d in archive.iter_documents(["memory://mtqa-test"])] == ["dep-001", "dep-002", "dep-003", "dep-004"]
        missing = list(archive.iter_documents(["memory://mtqa-test/none.parquet"]))
        assert len(missing) == 1 and missing[0].message == "no such file or directory"
    finally:
        fs.rm("/mtqa-test", recursive=True)


def test_local_engine_reads_parquet_and_writes_the_parquet_tables(archives, tmp_path):
    from typer.testing import CliRunner

    from mtqa.cli import app

    _, parquet = archives
    out = tmp_path / "t" / "findings.parquet"
    result = CliRunner().invoke(app, ["check", str(parquet), "--id-field", "article", "--text-field", "body", "--lang", "fr",
                                      "--isolated", "--ignore", ",".join(PARSED), "-f", "parquet", "-o", str(out)])
    assert result.exit_code == 1, result.output  # the English sentence fails the gate
    local = local_report([parquet], archive.Fields(id="article", text="body"))
    rows = pq.read_table(out).to_pylist()
    assert sorted((r["doc_id"], r["rule"], r["start"], r["end"]) for r in rows) == sorted(
        (d.doc_id, i.rule, i.start, i.end) for d in local.documents for i in d.issues)
    docs = pq.read_table(tmp_path / "t" / "findings.documents.parquet").to_pylist()
    assert [(r["doc_id"], r["passed"]) for r in docs] == [(d.doc_id, not d.gate_failures) for d in local.documents]
    assert CliRunner().invoke(app, ["check", str(parquet), "-f", "parquet"]).exit_code == 2  # no -o


def test_parts_stay_small_whatever_the_number_asked(tmp_path, monkeypatch):
    path = tmp_path / "c.jsonl"
    path.write_text("".join(json.dumps({"id": k, "text": "Une brève."}) + "\n" for k in range(100)), encoding="utf-8")
    monkeypatch.setattr(archive, "MAX_PART_BYTES", 500)
    parts, _ = archive.plan([str(path)], 1)
    assert len(parts) >= path.stat().st_size // 500
    assert [d.doc_id for p in parts for d in archive.read_part(p)] == [str(k) for k in range(100)]
    table = pa.table({"id": [str(k) for k in range(100)], "text": ["Une brève."] * 100})
    pq.write_table(table, tmp_path / "c.parquet", row_group_size=30)
    monkeypatch.setattr(archive, "MAX_PART_ROWS", 7)
    parts, _ = archive.plan([str(tmp_path / "c.parquet")], 1)
    assert len(parts) == 15 and all(p.stop - p.start <= 7 for p in parts)
    assert [d.doc_id for p in parts for d in archive.read_part(p)] == [str(k) for k in range(100)]


def test_the_second_pass_scores_against_references_like_the_local_engine(tmp_path):
    """A part checked to the end in this process (what a worker does for Parquet output)."""
    from mtqa.distributed import tasks

    path = tmp_path / "refs.jsonl"
    rows = [
        {"id": "r1", "text": "Le maire a inauguré la nouvelle piscine.\nElle ouvrira lundi.",
         "ref": "Le maire a inauguré la piscine neuve.\nElle ouvre lundi."},
        {"id": "r2", "text": "Il pleuvra demain sur toute la région.", "ref": ["Demain, il pleuvra sur toute la région."]},
        {"id": "r3", "text": "Sans référence, ce texte n'a pas de score."},
    ]
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    local = local_report([path])
    parts, _ = archive.plan([str(path)], 1)
    out = tasks.table_part(parts[0], archive.Fields(), "refs", CONFIG, {})
    docs = out.documents.to_pylist()
    assert [d["doc_id"] for d in docs] == ["r1", "r2", "r3"]
    for row, d in zip(docs, local.documents):
        for metric in ("bleu", "chrf", "ter"):
            assert row[metric] == (d.scores or {}).get(metric)
    assert docs[0]["bleu"] is not None and docs[2]["bleu"] is None
    assert [(r["quality"], r["passed"]) for r in docs] == [(d.quality["score"], not d.gate_failures) for d in local.documents]


def test_the_worker_preload_runs_through_dasks_hook(monkeypatch, caplog):
    """`dask worker --preload mtqa.distributed.preload --preload-argv "--mtqa-lang fr"`: Dask
    parses the arguments with the module's click command and calls it with the worker; a model
    that cannot load is logged and the worker starts anyway."""
    from mtqa.distributed import preload

    calls = []
    monkeypatch.setattr(preload, "warm", lambda lang: calls.append(lang))
    ctx = preload.dask_setup.make_context("dask_setup", ["--mtqa-lang", "fr"])
    preload.dask_setup.callback(object(), **ctx.params)
    assert calls == ["fr"]

    def broken(lang):
        raise OSError("no model here")

    monkeypatch.setattr(preload, "warm", broken)
    with caplog.at_level("WARNING", logger="mtqa.distributed"):
        preload.dask_setup.callback(object(), **preload.dask_setup.make_context("dask_setup", []).params)
    assert "models not loaded (OSError: no model here)" in caplog.text


def test_the_preload_leaves_the_models_loaded_in_the_process():
    from mtqa import lexicon, nlp
    from mtqa.distributed import preload

    preload.warm("fr")
    assert nlp._load.cache_info().currsize >= 1
    assert lexicon.available("fr")
