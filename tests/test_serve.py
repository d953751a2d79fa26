"""``mtqa serve``: every endpoint and every error over real HTTP on loopback, a LanguageTool client
written by others (language_tool_python) against the running server, and the command line.

The server runs in this process (uvicorn in a thread, on a socket bound to 127.0.0.1:0), so it
shares the models the other tests load; the command-line tests start ``mtqa serve`` without
preloading and stop it.
"""

from __future__ import annotations

import http.client
import json
import logging
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

import pytest

pytest.importorskip("starlette")
pytest.importorskip("uvicorn")
pytest.importorskip("multipart")

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable

# Own French text: a missing elision after an emoji, and an English fragment after a flag (two
# astral characters, four UTF-16 code units).
TEXT = (
    "Le conseil a voté 😀 le projet de le hôpital régional hier soir. 🇫🇷 The vote was postponed twice, "
    "mais les élus ont fini par s'entendre sur le calendrier des travaux."
)
CLEAN = (
    "Les habitants du quartier attendent la réouverture de la piscine municipale depuis deux ans.\n\n"
    "La mairie promet une ouverture en septembre, mais le chantier a pris du retard à cause de la pluie."
)


def utf16_slice(text: str, offset: int, length: int) -> str:
    data = text.encode("utf-16-le")
    return data[2 * offset : 2 * (offset + length)].decode("utf-16-le")


class Server:
    def __init__(self, port: int, settings, app) -> None:
        self.port = port
        self.settings = settings
        self.app = app

    def request(self, method: str, path: str, body: bytes | None = None, headers: dict | None = None,
                chunked: bool = False) -> tuple[int, dict | list | None, dict]:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
        try:
            if chunked:
                conn.request(method, path, body=iter([body[i : i + 8192] for i in range(0, len(body), 8192)]),
                             headers=headers or {}, encode_chunked=True)
            else:
                conn.request(method, path, body=body, headers=headers or {})
            resp = conn.getresponse()
            raw = resp.read()
            ctype = resp.getheader("content-type", "")
            assert ctype.startswith("application/json"), (resp.status, ctype, raw[:200])
            return resp.status, json.loads(raw), dict(resp.getheaders())
        finally:
            conn.close()

    def form(self, path: str, fields: dict, headers: dict | None = None):
        return self.request("POST", path, urlencode(fields).encode(),
                            {"Content-Type": "application/x-www-form-urlencoded", **(headers or {})})

    def v1(self, payload: object, raw: bytes | None = None):
        body = raw if raw is not None else json.dumps(payload).encode()
        return self.request("POST", "/v1/check", body, {"Content-Type": "application/json"})

    def alive(self) -> None:
        status, body, _ = self.request("GET", "/health")
        assert status == 200 and body["status"] == "ok"

    def idle(self, deadline: float = 60) -> dict:
        end = time.monotonic() + deadline
        while True:
            _, body, _ = self.request("GET", "/health")
            if body["checks"]["waiting"] == 0 or time.monotonic() > end:
                return body
            time.sleep(0.05)


def running_server(**options):
    """A server in this process on 127.0.0.1 and a free port; returns (Server, stop)."""
    import uvicorn

    from mtqa.serve.app import create_app
    from mtqa.serve.settings import ServeSettings

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    settings = ServeSettings(port=port, **options)
    app = create_app(settings)
    srv = uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False, lifespan="on"))
    thread = threading.Thread(target=srv.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    end = time.monotonic() + 300
    while not srv.started:
        assert thread.is_alive() and time.monotonic() < end, "server did not start"
        time.sleep(0.05)

    def stop() -> None:
        srv.should_exit = True
        thread.join(30)
        sock.close()

    return Server(port, settings, app), stop


@pytest.fixture(scope="module")
def server():
    handle, stop = running_server(max_size=64_000, timeout=120, max_queue=8, split=True)
    yield handle
    stop()


def test_allowed_origins_get_cors_headers():
    handle, stop = running_server(preload=False, split=False, allow_origins=["https://editeur.example"])
    try:
        status, _, headers = handle.request("GET", "/v2/languages", headers={"Origin": "https://editeur.example"})
        assert status == 200 and headers.get("access-control-allow-origin") == "https://editeur.example"
        status, _, headers = handle.request("GET", "/v2/languages", headers={"Origin": "https://ailleurs.example"})
        assert "access-control-allow-origin" not in headers
    finally:
        stop()


def library_findings(text: str, **cfg) -> set[tuple[str, int, int]]:
    from mtqa.api import check_text
    from mtqa.config import Config

    return {(i.rule, i.start, i.end) for i in check_text(text, Config(**cfg)).issues}


def as_code_points(text: str, matches: list[dict]) -> set[tuple[str, int, int]]:
    """LanguageTool matches (UTF-16 offsets) back to code-point spans."""
    out = set()
    for m in matches:
        piece = utf16_slice(text, m["offset"], m["length"])
        start = len(text.encode("utf-16-le")[: 2 * m["offset"]].decode("utf-16-le"))
        assert text[start : start + len(piece)] == piece
        out.add((m["rule"]["id"], start, start + len(piece)))
    return out


# -- the happy paths ----------------------------------------------------------------------------
def test_health_and_index(server):
    status, body, _ = server.request("GET", "/health")
    assert status == 200
    assert body["status"] == "ok" and body["name"] == "mtqa" and body["models_loaded"] is True
    status, body, _ = server.request("GET", "/")
    assert status == 200 and "POST /v2/check" in body["endpoints"]


def test_languages(server):
    status, body, _ = server.request("GET", "/v2/languages")
    assert status == 200
    long_codes = {lang["longCode"] for lang in body}
    assert {"fr", "fr-FR"} <= long_codes
    assert all(set(lang) == {"name", "code", "longCode"} and lang["code"] == "fr" for lang in body)


def test_v2_check_matches_carry_languagetool_fields_and_utf16_offsets(server):
    status, body, _ = server.form("/v2/check", {"text": TEXT, "language": "fr-FR"})
    assert status == 200
    assert body["language"]["code"] == "fr-FR" and body["language"]["detectedLanguage"]["code"] == "fr"
    matches = body["matches"]
    by_rule = {m["rule"]["id"]: m for m in matches}
    elision = by_rule["MTQ210"]
    # the emoji before the span counts twice in UTF-16
    assert elision["offset"] == TEXT.index("le hôpital") + 1
    assert utf16_slice(TEXT, elision["offset"], elision["length"]) == "le hôpital"
    assert elision["replacements"] == [{"value": "l'hôpital"}]
    assert elision["rule"]["issueType"] == "grammar"
    assert elision["rule"]["category"] == {"id": "AGREEMENT", "name": "Agreement"}
    assert elision["rule"]["description"] and elision["message"] and elision["shortMessage"]
    assert elision["sentence"].startswith("Le conseil a voté 😀 le projet de le hôpital régional hier soir.")
    ctx = elision["context"]
    assert utf16_slice(ctx["text"], ctx["offset"], ctx["length"]) == "le hôpital"
    fragment = by_rule["MTQ101"]
    assert fragment["rule"]["issueType"] == "untranslated"
    # after one emoji and a flag (two regional indicators): 1 + 2 extra code units
    assert fragment["offset"] == TEXT.index("vote was") + 3
    assert utf16_slice(TEXT, fragment["offset"], fragment["length"]) == "vote was postponed twice"
    # advice such as "(translate)" is not a replacement an editor could paste
    assert all(not r["value"].startswith("(") for m in matches for r in m["replacements"])
    # exactly the library's findings, span for span
    assert as_code_points(TEXT, matches) == library_findings(TEXT, lang="fr")


def test_v2_check_astral_characters_everywhere(server):
    text = "𝒜 🎉🎉 " + TEXT + " 𠀀 fin 👍🏽"
    status, body, _ = server.form("/v2/check", {"text": text, "language": "fr"})
    assert status == 200
    assert as_code_points(text, body["matches"]) == library_findings(text, lang="fr")
    spans = {m["rule"]["id"]: utf16_slice(text, m["offset"], m["length"]) for m in body["matches"]}
    assert spans["MTQ210"] == "le hôpital"


@pytest.mark.parametrize("name", sorted(p.name for p in (ROOT / "corpora" / "news").iterdir()))
def test_v2_check_on_two_cores_finds_what_one_run_finds(server, name):
    """With the helper process, the findings of a whole article are those of one library run,
    in the same order."""
    text = (ROOT / "corpora" / "news" / name).read_text(encoding="utf-8")
    before = server.idle()["split"]
    status, body, _ = server.form("/v2/check", {"text": text, "language": "fr"})
    assert status == 200
    from mtqa import nlp
    from mtqa.api import check_text
    from mtqa.config import Config

    kept, nlp.shared_parses = nlp.shared_parses, None  # expected: a run without the server's parse cache
    try:
        expected = [(i.rule, i.start, i.end) for i in check_text(text, Config(lang="fr")).issues]
    finally:
        nlp.shared_parses = kept
    got = [(m["rule"]["id"], *sorted(as_code_points(text, [m]))[0][1:]) for m in body["matches"]]
    assert got == expected and expected
    if (os.cpu_count() or 1) > 1:
        assert server.idle()["split"]["used"] == before["used"] + 1
    again = server.form("/v2/check", {"text": text, "language": "fr"})[1]  # every paragraph parsed before
    assert again["matches"] == body["matches"]
    assert server.idle()["parse_cache"]["hits"] > 0


def test_v2_check_get_with_query_parameters(server):
    status, body, _ = server.request("GET", "/v2/check?" + urlencode({"text": TEXT, "language": "fr"}))
    assert status == 200 and "MTQ210" in {m["rule"]["id"] for m in body["matches"]}


def test_v2_check_multipart_form(server):
    boundary = "mtqa-test-boundary"
    parts = []
    for name, value in (("language", "fr"), ("text", TEXT)):
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n')
    body = ("".join(parts) + f"--{boundary}--\r\n").encode()
    status, out, _ = server.request("POST", "/v2/check", body, {"Content-Type": f"multipart/form-data; boundary={boundary}"})
    assert status == 200 and "MTQ210" in {m["rule"]["id"] for m in out["matches"]}


def test_v2_check_clean_text_and_empty_text(server):
    status, body, _ = server.form("/v2/check", {"text": CLEAN, "language": "fr"})
    assert status == 200 and body["matches"] == []
    status, body, _ = server.form("/v2/check", {"text": "", "language": "fr"})
    assert status == 200 and body["matches"] == []


def test_v2_check_auto_language(server):
    status, body, _ = server.form("/v2/check", {"text": TEXT, "language": "auto"})
    assert status == 200
    assert body["language"]["code"] == "fr" and body["language"]["detectedLanguage"]["code"] == "fr"
    assert 0 < body["language"]["detectedLanguage"]["confidence"] <= 1
    assert "MTQ210" in {m["rule"]["id"] for m in body["matches"]}


def test_v2_check_annotated_data_offsets_count_the_markup(server):
    annotation = [
        {"markup": "<p>", "interpretAs": "\n\n"},
        {"text": "Le conseil a voté 😀 le projet de "},
        {"markup": "<b>"},
        {"text": "le hôpital"},
        {"markup": "</b>"},
        {"text": " régional hier soir."},
        {"markup": "</p>", "interpretAs": "\n\n"},
    ]
    original = "".join(a.get("text", a.get("markup")) for a in annotation)
    status, body, _ = server.form("/v2/check", {"data": json.dumps({"annotation": annotation}), "language": "fr"})
    assert status == 200
    [m] = [m for m in body["matches"] if m["rule"]["id"] == "MTQ210"]
    assert utf16_slice(original, m["offset"], m["length"]) == "le hôpital"
    assert original.index("le hôpital") + 1 == m["offset"]
    assert "<b>" not in m["context"]["text"] and "<b>" not in m["sentence"]
    # markup is never flagged
    for m in body["matches"]:
        assert "<" not in utf16_slice(original, m["offset"], m["length"])


def test_v2_rule_and_category_selection(server):
    def rules(**params):
        status, body, _ = server.form("/v2/check", {"text": TEXT, "language": "fr", **params})
        assert status == 200
        return {m["rule"]["id"] for m in body["matches"]}

    assert rules(disabledRules="MTQ210") == {"MTQ101"}
    assert rules(disabledCategories="UNTRANSLATED") == {"MTQ210"}
    assert rules(enabledRules="MTQ101", enabledOnly="true") == {"MTQ101"}
    assert rules(enabledCategories="AGREEMENT", enabledOnly="true") == {"MTQ210"}
    # LanguageTool's own rule ids are ignored, as LanguageTool ignores unknown ids
    assert rules(disabledRules="WHITESPACE_RULE,MORFOLOGIK_RULE_FR") == {"MTQ101", "MTQ210"}
    assert rules(enabledRules="UPPERCASE_SENTENCE_START", enabledOnly="true") == set()


def test_v1_check_answers_with_the_report_contract(server):
    from conftest import validate_report

    status, body, _ = server.v1({"text": TEXT, "lang": "fr"})
    assert status == 200
    validate_report(body)
    [doc] = body["documents"]
    for issue in doc["issues"]:  # code points, not UTF-16
        assert TEXT[issue["start"] : issue["end"]] == issue["text"]
    assert {(i["rule"], i["start"], i["end"]) for i in doc["issues"]} == library_findings(TEXT, lang="fr")
    status, body, _ = server.v1({"text": TEXT, "lang": "fr", "select": ["untranslated"]})
    assert {i["rule"] for i in body["documents"][0]["issues"]} == {"MTQ101"}
    status, body, _ = server.v1({"text": TEXT, "lang": "fr", "ignore": "MTQ101,MTQ210"})
    assert body["documents"][0]["issues"] == []


def test_v1_check_with_source_and_reference(server):
    from conftest import validate_report

    hyp = "Le train part à 8 h 15.\nLa gare ferme à 22 heures."
    src = "Der Zug fährt um 8.15 Uhr ab.\nDer Bahnhof schließt um 23 Uhr."
    ref = "Le train part à 8 h 15.\nLa gare ferme à 23 heures."
    status, body, _ = server.v1({"text": hyp, "lang": "fr", "source": src, "refs": [ref]})
    assert status == 200
    validate_report(body)
    doc = body["documents"][0]
    assert doc["scores"] is not None and "bleu" in doc["scores"]
    assert "MTQ501" in {i["rule"] for i in doc["issues"]}  # 23 became 22
    status, body, _ = server.v1({"text": hyp, "lang": "fr", "refs": "Une seule ligne."})
    assert status == 400 and "lines" in body["message"]
    server.alive()


# -- bad requests and limits: a JSON error each time, and the server keeps serving --------------
@pytest.mark.parametrize(
    "fields, fragment",
    [
        ({"language": "fr"}, "missing 'text' or 'data'"),
        ({"text": TEXT}, "missing 'language'"),
        ({"text": TEXT, "data": "{}", "language": "fr"}, "either"),
        ({"data": "{not json", "language": "fr"}, "malformed JSON"),
        ({"data": json.dumps({"annotation": [{"text": 3}]}), "language": "fr"}, "annotation 0"),
        ({"text": TEXT, "language": "fr", "enabledOnly": "true"}, "enabledOnly"),
    ],
)
def test_v2_bad_requests(server, fields, fragment):
    status, body, _ = server.form("/v2/check", fields)
    assert status == 400 and body["status"] == 400 and fragment in body["message"]
    server.alive()


def test_unknown_language_lists_the_supported_ones(server):
    status, body, _ = server.form("/v2/check", {"text": TEXT, "language": "de-DE"})
    assert status == 400 and "de-DE" in body["message"]
    assert "fr" in body["supported"] and "fr-FR" in body["supported"] and "auto" in body["supported"]
    status, body, _ = server.v1({"text": TEXT, "lang": "xx"})
    assert status == 400 and "auto" in body["supported"]
    server.alive()


@pytest.mark.parametrize(
    "raw, fragment",
    [
        (b"{\"text\": ", "malformed JSON"),
        (b"\xff\xfe", "malformed JSON"),
        (b"[1, 2]", "JSON object"),
        (b"{\"lang\": \"fr\"}", "missing 'text'"),
        (b"{\"text\": \"Bonjour.\", \"refs\": [1]}", "refs"),
        (b"{\"text\": \"Bonjour.\", \"select\": [\"no-such-rule\"]}", "no-such-rule"),
    ],
)
def test_v1_bad_requests(server, raw, fragment):
    status, body, _ = server.v1(None, raw=raw)
    assert status == 400 and fragment in body["message"]
    server.alive()


def test_invalid_utf8_form(server):
    status, body, _ = server.request("POST", "/v2/check", b"language=fr&text=%FF%FE",
                                     {"Content-Type": "application/x-www-form-urlencoded"})
    assert status == 400 and "UTF-8" in body["message"]
    server.alive()


def test_too_large_with_and_without_content_length(server):
    big = urlencode({"text": "Le chantier avance bien. " * 4000, "language": "fr"}).encode()
    assert len(big) > server.settings.max_size
    status, body, _ = server.request("POST", "/v2/check", big, {"Content-Type": "application/x-www-form-urlencoded"})
    assert status == 413 and body["max_size"] == server.settings.max_size
    server.alive()
    status, body, _ = server.request("POST", "/v2/check", big, {"Content-Type": "application/x-www-form-urlencoded"}, chunked=True)
    assert status == 413
    server.alive()
    status, body, _ = server.request("POST", "/v1/check", json.dumps({"text": "x" * 70_000}).encode(),
                                     {"Content-Type": "application/json"}, chunked=True)
    assert status == 413
    server.alive()


def test_too_large_query_string(server):
    query = urlencode({"text": "Le chantier avance bien. " * 3000, "language": "fr"})
    assert len(query) > server.settings.max_size
    status, body, _ = server.request("GET", "/v2/check?" + query)
    assert status == 413
    server.alive()


def test_a_failing_check_is_a_json_500_without_the_text_in_the_log(server, monkeypatch, caplog):
    from mtqa.serve import languagetool

    def broken(base, params, *rest):
        raise RuntimeError(f"cannot handle {params['text']}")

    class Keep(logging.Handler):
        def __init__(self) -> None:
            super().__init__(logging.DEBUG)
            self.lines: list[str] = []

        def emit(self, record: logging.LogRecord) -> None:
            self.lines.append(self.format(record))

    server_log = Keep()  # uvicorn's own error log does not reach caplog
    logging.getLogger("uvicorn.error").addHandler(server_log)
    monkeypatch.setattr(languagetool, "check", broken)
    try:
        with caplog.at_level(logging.INFO, logger="mtqa.serve"):
            status, body, _ = server.form("/v2/check", {"text": "Texte confidentiel de Quillardet.", "language": "fr"})
            server.alive()
            time.sleep(0.5)  # the server would log an escaped exception after sending the response
    finally:
        logging.getLogger("uvicorn.error").removeHandler(server_log)
    assert status == 500 and body["status"] == 500 and "RuntimeError" in body["message"]
    assert "Quillardet" not in body["message"]
    assert any("internal error RuntimeError" in r.getMessage() for r in caplog.records)
    assert not any("Quillardet" in r.getMessage() for r in caplog.records)
    assert not any("Quillardet" in line for line in server_log.lines)
    monkeypatch.undo()
    status, body, _ = server.form("/v2/check", {"text": TEXT, "language": "fr"})
    assert status == 200 and body["matches"]


def test_unknown_path_and_method(server):
    status, body, _ = server.request("GET", "/v3/check")
    assert status == 404 and body["status"] == 404
    status, body, _ = server.request("DELETE", "/v2/check")
    assert status == 405 and "DELETE" in body["message"]
    status, body, _ = server.request("GET", "/v1/check")
    assert status == 405
    server.alive()


def test_timeout_interrupts_the_check_and_the_server_recovers(server):
    long_text = ("Le conseil municipal a voté le budget de la ville après un long débat sur les écoles. " * 60 + "\n\n") * 8
    before = server.idle()["checks"]["interrupted"]
    server.settings.timeout = 0.3  # the text takes seconds; the worker picks a check up in milliseconds
    try:
        status, body, _ = server.form("/v2/check", {"text": long_text, "language": "fr"})
    finally:
        server.settings.timeout = 120
    assert status == 503 and body["timeout_s"] == 0.3 and "longer than" in body["message"]
    health = server.idle()
    assert health["checks"]["waiting"] == 0 and health["checks"]["interrupted"] == before + 1
    # the worker is fine afterwards: same findings as the library
    status, body, _ = server.form("/v2/check", {"text": TEXT, "language": "fr"})
    assert status == 200 and as_code_points(TEXT, body["matches"]) == library_findings(TEXT, lang="fr")


def test_full_queue_answers_503(server):
    runner = server.app.state.runner
    runner.max_queue, saved = 0, runner.max_queue
    try:
        status, body, _ = server.form("/v2/check", {"text": TEXT, "language": "fr"})
    finally:
        runner.max_queue = saved
    assert status == 503 and "busy" in body["message"]
    server.alive()


def test_api_key_is_checked_on_every_request(server):
    server.settings.api_key = "cle-de-test-42"
    try:
        for method, path in (("GET", "/health"), ("GET", "/v2/languages"), ("GET", "/nowhere")):
            status, body, _ = server.request(method, path)
            assert status == 401 and body["status"] == 401
        status, _, _ = server.form("/v2/check", {"text": TEXT, "language": "fr"})
        assert status == 401
        status, _, _ = server.form("/v2/check", {"text": TEXT, "language": "fr", "apiKey": "wrong"})
        assert status == 401
        status, _, _ = server.v1({"text": TEXT, "lang": "fr"})
        assert status == 401
        for path in ("/v1/check", "/nowhere"):  # a form key is read by /v2/check only
            status, _, _ = server.form(path, {"text": TEXT, "apiKey": "cle-de-test-42"})
            assert status == 401
        # the ways clients send it: form field (LanguageTool clients), header, bearer token
        status, body, _ = server.form("/v2/check", {"text": TEXT, "language": "fr", "apiKey": "cle-de-test-42"})
        assert status == 200 and body["matches"]
        status, _, _ = server.request("GET", "/v2/languages", headers={"X-API-Key": "cle-de-test-42"})
        assert status == 200
        status, _, _ = server.request("GET", "/health?" + urlencode({"apiKey": "cle-de-test-42"}))
        assert status == 200
        status, _, _ = server.request("POST", "/v1/check", json.dumps({"text": CLEAN}).encode(),
                                      {"Content-Type": "application/json", "Authorization": "Bearer wrong"})
        assert status == 401
    finally:
        server.settings.api_key = None
    server.alive()


def test_log_has_one_line_per_request_and_no_text(server, caplog):
    secret = "Le trésorier Barnabé Quillardet a signé le hôpital confidentiel."
    with caplog.at_level(logging.INFO, logger="mtqa.serve"):
        server.form("/v2/check", {"text": secret, "language": "fr"})
        server.request("GET", "/v2/check?" + urlencode({"text": secret, "language": "fr"}))
        server.v1({"text": secret, "lang": "fr"})
        server.form("/v2/check", {"text": secret})  # 400
        deadline = time.monotonic() + 10
        while len([r for r in caplog.records if "/check" in r.getMessage()]) < 4 and time.monotonic() < deadline:
            time.sleep(0.02)
    # (a request of the previous test may be logged just after its answer reached the client)
    lines = [r.getMessage() for r in caplog.records if r.name == "mtqa.serve" and "/check" in r.getMessage()]
    assert len(lines) == 4
    for line in lines:
        assert re.fullmatch(r"(GET|POST) /v[12]/check (200|400) in=\d+B out=\d+B \d+\.\dms", line), line
        assert "Barnab" not in line and "Quillardet" not in line and "text=" not in line
    assert lines[3].split()[2] == "400"


# -- a LanguageTool client written by others ----------------------------------------------------
@pytest.fixture
def no_languagetool_download(monkeypatch, tmp_path):
    ltp = pytest.importorskip("language_tool_python")
    from language_tool_python import download_lt, server as ltp_server

    def refuse(*args, **kwargs):
        raise AssertionError("language_tool_python tried to download or start LanguageTool")

    monkeypatch.setenv("LTP_PATH", str(tmp_path))
    for name in ("download_lt", "download_zip", "http_get"):
        monkeypatch.setattr(download_lt, name, refuse)
    monkeypatch.setattr(ltp_server.LanguageTool, "_start_local_server", refuse)
    return ltp


def test_language_tool_python_client(server, no_languagetool_download):
    ltp = no_languagetool_download
    tool = ltp.LanguageTool("fr-FR", remote_server=f"http://127.0.0.1:{server.port}")
    try:
        matches = tool.check(TEXT)
        by_rule = {m.rule_id: m for m in matches}
        assert set(by_rule) == {"MTQ210", "MTQ101"}
        m = by_rule["MTQ210"]
        # the client turns UTF-16 offsets back into Python (code point) offsets itself
        assert TEXT[m.offset : m.offset + m.error_length] == "le hôpital"
        assert m.replacements == ["l'hôpital"] and m.category == "AGREEMENT" and m.rule_issue_type == "grammar"
        f = by_rule["MTQ101"]
        assert TEXT[f.offset : f.offset + f.error_length] == "vote was postponed twice"
        assert "de l'hôpital régional" in tool.correct(TEXT)
        tool.disabled_rules = {"MTQ210"}
        assert {m.rule_id for m in tool.check(TEXT)} == {"MTQ101"}
        tool.disabled_rules = set()
        tool.enabled_categories = {"AGREEMENT"}
        tool.enabled_rules_only = True
        assert {m.rule_id for m in tool.check(TEXT)} == {"MTQ210"}
        assert tool.check(CLEAN) == []
    finally:
        tool.close()
    server.alive()


# -- the command line ---------------------------------------------------------------------------
def _env() -> dict:
    return {**os.environ, "PYTHONUNBUFFERED": "1", "NO_COLOR": "1"}


def test_serve_command_starts_on_loopback_checks_the_key_and_stops():
    proc = subprocess.Popen(
        [PY, "-m", "mtqa", "serve", "--port", "0", "--no-preload", "--api-key", "k-123"],
        cwd=ROOT, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True, env=_env(),
    )
    try:
        port = None
        deadline = time.monotonic() + 120
        lines = []
        while time.monotonic() < deadline:
            line = proc.stderr.readline()
            if not line:
                break
            lines.append(line)
            m = re.search(r"serving on http://127\.0\.0\.1:(\d+) \(pid", line)
            if m:
                port = int(m.group(1))
                break
        assert port, "".join(lines)
        srv = Server(port, None, None)
        status, body, _ = srv.request("GET", "/health")
        assert status == 401
        status, body, _ = srv.request("GET", "/health", headers={"Authorization": "Bearer k-123"})
        assert status == 200 and body["models_loaded"] is False
        status, body, _ = srv.request("GET", "/v2/languages?apiKey=k-123")
        assert status == 200 and body
    finally:
        rc, rest = _terminate(proc)
    assert rc == 0, rest
    log = "".join(lines) + rest
    assert "GET /health 401" in log and "GET /health 200" in log
    assert "Traceback" not in log and "stopped" in rest


def _terminate(proc: subprocess.Popen) -> tuple[int, str]:
    """Stop a served process as a service manager does (SIGTERM, then a kill after 30 s): its
    exit code and what it still had to say on stderr."""
    proc.send_signal(signal.SIGTERM)
    try:
        rc = proc.wait(30)
    except subprocess.TimeoutExpired:
        proc.kill()
        rc = proc.wait()
    rest = proc.stderr.read()
    proc.stderr.close()
    return rc, rest


def test_serve_command_with_two_workers():
    proc = subprocess.Popen(
        [PY, "-m", "mtqa", "serve", "--port", "0", "--no-preload", "--workers", "2", "--quiet"],
        cwd=ROOT, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True, env=_env(),
    )
    try:
        line = proc.stderr.readline()
        m = re.search(r"serving on http://127\.0\.0\.1:(\d+)", line)
        assert m, line
        srv = Server(int(m.group(1)), None, None)
        pids = set()
        deadline = time.monotonic() + 120
        while len(pids) < 2 and time.monotonic() < deadline:
            try:
                status, body, _ = srv.request("GET", "/health")
            except OSError:  # the workers are still importing
                time.sleep(0.2)
                continue
            assert status == 200
            pids.add(body["pid"])
        assert len(pids) == 2 and proc.pid not in pids
    finally:
        rc, rest = _terminate(proc)
    assert rc == 0 and "Traceback" not in rest, rest


def test_serve_command_port_in_use_is_one_line_and_exit_2():
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        port = busy.getsockname()[1]
        r = subprocess.run([PY, "-m", "mtqa", "serve", "--port", str(port)], cwd=ROOT, capture_output=True, text=True,
                           env=_env(), timeout=120)
    assert r.returncode == 2
    assert r.stderr.strip().count("\n") == 0 and "in use" in r.stderr and "Traceback" not in r.stderr


def test_serve_without_the_extra_says_install_and_exits_2():
    code = (
        "import sys; sys.modules['uvicorn'] = None; sys.argv = ['mtqa', 'serve']; "
        "from mtqa.cli import run; run()"
    )
    r = subprocess.run([PY, "-c", code], cwd=ROOT, capture_output=True, text=True, env=_env(), timeout=120)
    assert r.returncode == 2
    assert r.stderr.strip().count("\n") == 0 and "install mtqa[serve]" in r.stderr


def test_the_command_line_does_not_import_the_server_stack():
    code = (
        "import sys; import mtqa.cli; "
        "bad = [m for m in ('starlette', 'uvicorn', 'multipart', 'mtqa.serve') if m in sys.modules]; "
        "print(bad); sys.exit(1 if bad else 0)"
    )
    r = subprocess.run([PY, "-c", code], cwd=ROOT, capture_output=True, text=True, env=_env(), timeout=120)
    assert r.returncode == 0, r.stdout + r.stderr
