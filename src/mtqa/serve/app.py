"""The Starlette application of ``mtqa serve``.

Endpoints:

- ``GET|POST /v2/check`` and ``GET /v2/languages``: LanguageTool's HTTP API (form or query
  parameters), see :mod:`mtqa.serve.languagetool`;
- ``POST /v1/check``: JSON ``{text, lang?, source?, refs?, select?, ignore?, format?, path?}``
  answered with mtqa's JSON report (the report contract);
- ``GET /health``.

Every error is a JSON body ``{"status", "error", "message", ...}``. The log has one line per
request (method, path without query, status, bytes in and out, time) and never the text.
"""

from __future__ import annotations

import hmac
import json
import logging
import os
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import replace
from typing import Any
from urllib.parse import parse_qsl

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from .. import __version__
from ..config import Config, load_config
from ..errors import MtqaError
from . import languagetool as lt
from .limits import Busy, CheckRunner, CheckTimeout, TooLarge
from .settings import ServeSettings

logger = logging.getLogger("mtqa.serve")

# Checked once at start-up so that every model and table the rules use is loaded before the
# first request (the server's own text; it has an English fragment for the language evidence).
WARMUP_TEXT = (
    "Le conseil municipal a adopté hier soir le budget de la ville pour l'année prochaine.\n\n"
    "La maire a rappelé que les travaux de la médiathèque commenceront au printemps, "
    "as soon as possible, et que les impôts locaux ne seront pas augmentés.\n"
)


class Unauthorized(Exception):
    pass


class JSONError(JSONResponse):
    def __init__(self, status: int, message: str, **extra: Any) -> None:
        labels = {400: "bad request", 401: "unauthorized", 404: "not found", 405: "method not allowed",
                  413: "request too large", 500: "internal error", 503: "service unavailable"}
        super().__init__({"status": status, "error": labels.get(status, "error"), "message": message, **extra}, status_code=status)


# -- request helpers ----------------------------------------------------------------------------
async def read_body(request: Request, limit: int) -> bytes:
    """The request body, refusing more than ``limit`` bytes (also without a Content-Length)."""
    declared = request.headers.get("content-length")
    if declared is not None:
        try:
            if int(declared) > limit:
                raise TooLarge(limit)
        except ValueError:
            raise lt.BadRequest("invalid Content-Length header") from None
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise TooLarge(limit)
        chunks.append(chunk)
    return b"".join(chunks)


def _content_type(request: Request) -> str:
    return request.headers.get("content-type", "").split(";")[0].strip().lower()


async def form_params(request: Request, limit: int) -> dict[str, str]:
    """Query parameters, then form fields (url-encoded or multipart) of the body."""
    if len(request.scope.get("query_string", b"")) > limit:
        raise TooLarge(limit)
    params = dict(request.query_params)
    if request.method != "POST":
        return params
    body = await read_body(request, limit)
    ctype = _content_type(request)
    if ctype in ("application/x-www-form-urlencoded", "") and body:
        try:
            pairs = parse_qsl(body.decode("utf-8"), keep_blank_values=True, encoding="utf-8", errors="strict")
        except UnicodeDecodeError:
            raise lt.BadRequest("the form is not valid UTF-8") from None
        params.update(pairs)
    elif ctype == "multipart/form-data":
        from starlette.formparsers import MultiPartException, MultiPartParser

        async def stream() -> AsyncIterator[bytes]:
            yield body

        try:
            form = await MultiPartParser(request.headers, stream()).parse()
        except MultiPartException as exc:
            raise lt.BadRequest(f"malformed multipart form: {exc.message}") from None
        for key, value in form.multi_items():
            if isinstance(value, str):
                params[key] = value
            else:  # a file field: its content is the value
                try:
                    params[key] = (await value.read()).decode("utf-8")
                except UnicodeDecodeError:
                    raise lt.BadRequest(f"form field {key!r} is not valid UTF-8") from None
        await form.close()
    elif body.strip():
        raise lt.BadRequest(f"unsupported content type {ctype!r}: send a form or query parameters")
    return params


def _key_from(headers: Any, params: dict[str, str]) -> str | None:
    auth = headers.get("authorization", "")
    if auth.lower().startswith("bearer "):
        return auth[7:].strip()
    return headers.get("x-api-key") or params.get("apiKey") or params.get("api_key")


def key_ok(settings: ServeSettings, given: str | None) -> bool:
    if not settings.api_key:
        return True
    return given is not None and hmac.compare_digest(given.encode(), settings.api_key.encode())


# -- middleware: authorisation and the request log ---------------------------------------------
class RequestMiddleware:
    """Checks the API key of every request (a key in a form body is checked by the endpoint once
    the form is read) and logs one line per request, without text or query string."""

    def __init__(self, app: Any, settings: ServeSettings) -> None:
        self.app = app
        self.settings = settings

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        t0 = time.perf_counter()
        seen = {"in": 0, "out": 0, "status": 0}

        async def counting_receive() -> dict:
            message = await receive()
            if message.get("type") == "http.request":
                seen["in"] += len(message.get("body", b""))
            return message

        async def counting_send(message: dict) -> None:
            if message["type"] == "http.response.start":
                seen["status"] = message["status"]
            elif message["type"] == "http.response.body":
                seen["out"] += len(message.get("body", b""))
            await send(message)

        try:
            if self.settings.api_key:
                request = Request(scope)
                given = _key_from(request.headers, dict(request.query_params))
                if not key_ok(self.settings, given):
                    if given is None and request.method == "POST" and scope.get("path") == "/v2/check" and _content_type(
                        request
                    ) in ("application/x-www-form-urlencoded", "multipart/form-data"):
                        scope.setdefault("state", {})["auth_pending"] = True
                    else:
                        await JSONError(401, "missing or wrong API key")(scope, counting_receive, counting_send)
                        return
            await self.app(scope, counting_receive, counting_send)
        finally:
            ms = (time.perf_counter() - t0) * 1000
            logger.info("%s %s %s in=%dB out=%dB %.1fms", scope.get("method"), scope.get("path"),
                        seen["status"] or 500, seen["in"], seen["out"], ms)


# -- endpoints ----------------------------------------------------------------------------------
def _settings(request: Request) -> ServeSettings:
    return request.app.state.settings


def _authorise_form(request: Request, params: dict[str, str]) -> None:
    if request.scope.get("state", {}).get("auth_pending") and not key_ok(_settings(request), _key_from({}, params)):
        raise Unauthorized()


async def v2_check(request: Request) -> Response:
    settings = _settings(request)
    params = await form_params(request, settings.max_size)
    _authorise_form(request, params)
    base: Config = request.app.state.base_config
    # cheap validation before queueing
    if params.get("text") is None and params.get("data") is None:
        raise lt.BadRequest("missing 'text' or 'data' parameter")
    lt.parse_language(params.get("language"))
    splitter = request.app.state.splitter
    body = await request.app.state.runner.run(lambda: lt.check(base, params, splitter), settings.timeout)
    return JSONResponse(body)


async def v2_languages(request: Request) -> Response:
    return JSONResponse(lt.languages_payload())


def _strings(value: Any, field: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [v.strip() for v in value.split(",") if v.strip()]
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return list(value)
    raise lt.BadRequest(f"'{field}' must be a string or a list of strings")


def _v1_job(base: Config, req: dict[str, Any]) -> dict[str, Any]:
    from .. import readers
    from ..api import attach_aligned
    from ..formatters.json_report import report_dict
    from ..pipeline import Pipeline
    from ..readers.text import read_lines

    cfg = replace(base, lang=req["lang"], select=req["select"], ignore=req["ignore"])
    pipeline = Pipeline(cfg)
    text, path = req["text"], req["path"]
    if req["source"] is not None or req["refs"]:
        doc = attach_aligned(read_lines(text, path), req["source"],
                             [(f"refs[{i}]", r) for i, r in enumerate(req["refs"])], "source")
        docs = [doc]
    else:
        _, reader = readers.reader_for("x.txt", req["format"])
        result = reader(text, path)
        docs = result if isinstance(result, list) else [result]
    return report_dict(pipeline.run(docs))


async def v1_check(request: Request) -> Response:
    settings = _settings(request)
    raw = await read_body(request, settings.max_size)
    try:
        req = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise lt.BadRequest(f"malformed JSON: {exc}") from None
    if not isinstance(req, dict):
        raise lt.BadRequest("the body must be a JSON object")
    text = req.get("text")
    if not isinstance(text, str):
        raise lt.BadRequest("missing 'text' (a string)")
    lang = req.get("lang")
    if lang is not None and not isinstance(lang, str):
        raise lt.BadRequest("'lang' must be a string")
    _, target = lt.parse_language(lang) if lang else ("auto", None)
    source = req.get("source")
    if source is not None and not isinstance(source, str):
        raise lt.BadRequest("'source' must be a string")
    refs = req.get("refs")
    refs = [refs] if isinstance(refs, str) else _strings(refs, "refs") if refs is not None else []
    fmt = req.get("format")
    if fmt is not None and not isinstance(fmt, str):
        raise lt.BadRequest("'format' must be a string")
    path = req.get("path") if isinstance(req.get("path"), str) else "<text>"
    job = {
        "text": text, "lang": target, "source": source, "refs": refs, "format": fmt, "path": path,
        "select": _strings(req.get("select"), "select"), "ignore": _strings(req.get("ignore"), "ignore"),
    }
    base: Config = request.app.state.base_config
    body = await request.app.state.runner.run(lambda: _v1_job(base, job), settings.timeout)
    return JSONResponse(body)


async def health(request: Request) -> Response:
    state = request.app.state
    runner: CheckRunner = state.runner
    return JSONResponse({
        "status": "ok" if state.ready else "starting",
        "name": "mtqa",
        "version": __version__,
        "pid": os.getpid(),
        "uptime_s": round(time.monotonic() - state.started, 1),
        "models_loaded": state.warm,
        "checks": {"completed": runner.completed, "waiting": runner.waiting, "interrupted": runner.interrupted},
        "parse_cache": None if state.parse_cache is None else state.parse_cache.stats(),
        "split": None if state.splitter is None else {"used": state.splitter.used, "fallbacks": state.splitter.fallbacks},
    })


async def index(request: Request) -> Response:
    return JSONResponse({
        "name": "mtqa", "version": __version__,
        "endpoints": ["POST /v2/check", "GET /v2/languages", "POST /v1/check", "GET /health"],
    })


# -- errors -------------------------------------------------------------------------------------
async def _bad_request(request: Request, exc: Exception) -> Response:
    return JSONError(400, str(exc), **getattr(exc, "extra", {}))


async def _too_large(request: Request, exc: Exception) -> Response:
    return JSONError(413, str(exc), max_size=_settings(request).max_size)


async def _timeout(request: Request, exc: Exception) -> Response:
    return JSONError(503, str(exc), timeout_s=_settings(request).timeout)


async def _busy(request: Request, exc: Exception) -> Response:
    return JSONError(503, str(exc))


async def _unauthorized(request: Request, exc: Exception) -> Response:
    return JSONError(401, "missing or wrong API key")


async def _http(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    if exc.status_code == 404:
        return JSONError(404, f"no endpoint {request.url.path}")
    if exc.status_code == 405:
        return JSONError(405, f"{request.method} is not allowed on {request.url.path}")
    return JSONError(exc.status_code, str(exc.detail or "error"))


def guarded(endpoint: Any) -> Any:
    """An unexpected exception in an endpoint becomes a JSON 500 here, and is not raised on to
    the server, whose error log would print its message (which may quote the text)."""

    async def guarded_endpoint(request: Request) -> Response:
        try:
            return await endpoint(request)
        except (lt.BadRequest, MtqaError, TooLarge, CheckTimeout, Busy, Unauthorized, HTTPException):
            raise
        except Exception as exc:
            return await _internal(request, exc)

    guarded_endpoint.__name__ = endpoint.__name__
    return guarded_endpoint


async def _internal(request: Request, exc: Exception) -> Response:
    tb = exc.__traceback__
    while tb is not None and tb.tb_next is not None:
        tb = tb.tb_next
    where = f"{tb.tb_frame.f_code.co_filename}:{tb.tb_lineno}" if tb else "?"
    logger.error("internal error %s at %s", type(exc).__name__, where)  # no message: it may quote the text
    return JSONError(500, f"internal error ({type(exc).__name__})")


# -- the application ----------------------------------------------------------------------------
def _warm_up(base: Config) -> None:
    from ..api import check_text

    check_text(WARMUP_TEXT, replace(base, lang="fr"))
    check_text(WARMUP_TEXT, replace(base, lang=None))


def create_app(settings: ServeSettings | None = None) -> Starlette:
    settings = settings or ServeSettings()
    base = load_config(explicit=settings.config_file) if settings.config_file else Config()

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        runner = CheckRunner(settings.max_queue)
        app.state.runner = runner
        from .. import nlp
        from .parsecache import install

        before = nlp.shared_parses
        app.state.parse_cache = install(settings.parse_cache)
        if settings.preload:
            t0 = time.perf_counter()
            try:
                await runner.run(lambda: _warm_up(base), None)
                app.state.warm = True
                logger.info("models loaded in %.1fs", time.perf_counter() - t0)
            except Exception as exc:  # still serve: checks report what is missing
                logger.warning("warm-up failed: %s", exc)
        if settings.split and (os.cpu_count() or 1) > 1:
            from .split import RuleSplitter

            try:
                app.state.splitter = RuleSplitter()
            except OSError as exc:
                logger.warning("checks run on one core: cannot start the helper process: %s", exc)
        app.state.ready = True
        logger.info("mtqa %s serving on http://%s:%s (pid %d)", __version__,
                    f"[{settings.host}]" if ":" in settings.host else settings.host, settings.port, os.getpid())
        try:
            yield
        finally:
            runner.close()
            nlp.shared_parses = before
            if app.state.splitter is not None:
                app.state.splitter.close()

    middleware = [Middleware(RequestMiddleware, settings=settings)]
    if settings.allow_origins:
        from starlette.middleware.cors import CORSMiddleware

        middleware.append(Middleware(CORSMiddleware, allow_origins=settings.allow_origins,
                                     allow_methods=["GET", "POST"], allow_headers=["*"]))
    app = Starlette(
        routes=[
            Route("/", guarded(index), methods=["GET"]),
            Route("/health", guarded(health), methods=["GET"]),
            Route("/v2/check", guarded(v2_check), methods=["GET", "POST"]),
            Route("/v2/languages", guarded(v2_languages), methods=["GET"]),
            Route("/v1/check", guarded(v1_check), methods=["POST"]),
        ],
        middleware=middleware,
        exception_handlers={
            lt.BadRequest: _bad_request,
            MtqaError: _bad_request,
            TooLarge: _too_large,
            CheckTimeout: _timeout,
            Busy: _busy,
            Unauthorized: _unauthorized,
            HTTPException: _http,
            Exception: _internal,
        },
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.base_config = base
    app.state.ready = False
    app.state.warm = False
    app.state.splitter = None
    app.state.parse_cache = None
    app.state.started = time.monotonic()
    return app


def app_from_env() -> Starlette:
    """Application factory for worker processes (``--workers N``): settings come from the
    environment, set by the parent process."""
    settings = ServeSettings.from_env()
    setup_logging(settings.log_level)
    return create_app(settings)


def setup_logging(level: str = "info") -> None:
    if not logger.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(asctime)s mtqa.serve[%(process)d] %(message)s"))
        logger.addHandler(handler)
        logger.propagate = False
    logger.setLevel(level.upper())
