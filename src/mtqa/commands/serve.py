"""``mtqa serve``: the HTTP server (LanguageTool-compatible API and mtqa reports).

Starlette and uvicorn are imported only when the command runs, so ``mtqa check`` never loads
them; without the ``serve`` extra the command says so in one line and exits with code 2.
"""

from __future__ import annotations

import errno
import os
import signal
import socket
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from ..cli import app, die


def _bind(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        if exc.errno == errno.EADDRINUSE:
            die(f"cannot listen on {host}:{port}: the port is in use (choose another with --port)")
        die(f"cannot listen on {host}:{port}: {exc.strerror or exc}")
    sock.set_inheritable(True)
    sock.listen(2048)  # connections made while the models load wait in the backlog
    return sock


@app.command()
def serve(
    host: Annotated[str, typer.Option("--host", help="Address to listen on. Loopback by default; another address needs this option (and should get --api-key).")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", "-p", min=0, max=65535, help="Port to listen on (0: any free port).")] = 8081,
    workers: Annotated[int, typer.Option("--workers", "-w", min=1, help="Server processes; each loads the models once and checks one text at a time.")] = 1,
    api_key: Annotated[Optional[str], typer.Option("--api-key", envvar="MTQA_API_KEY", help="Require this key on every request (header 'Authorization: Bearer KEY' or 'X-API-Key', or the apiKey parameter LanguageTool clients send).")] = None,
    max_size: Annotated[int, typer.Option("--max-size", min=1, help="Largest request body in bytes (413 above).")] = 1_000_000,
    timeout: Annotated[float, typer.Option("--timeout", min=0.001, help="Seconds a check may take, waiting included (503 after).")] = 30.0,
    max_queue: Annotated[int, typer.Option("--max-queue", min=1, help="Checks waiting per process before the server answers 503.")] = 64,
    allow_origin: Annotated[Optional[list[str]], typer.Option("--allow-origin", help="Allow web pages from this origin to call the API (CORS; repeatable, * for any).")] = None,
    config_file: Annotated[Optional[Path], typer.Option("--config", help="mtqa configuration file (glossaries, packs, rule options) for every check.")] = None,
    preload: Annotated[bool, typer.Option("--preload/--no-preload", help="Load the models before accepting requests (default), or on the first check.")] = True,
    parse_cache: Annotated[int, typer.Option("--parse-cache", min=0, help="Paragraphs whose parse is kept across requests: an editor sends the whole text at every check, and unchanged paragraphs are not parsed again (0: no cache).")] = 2000,
    split: Annotated[bool, typer.Option("--split/--no-split", help="Check each /v2/check text on two cores: the rules that need no parse run in a helper process forked from the warm server. Lowers latency when a core is idle; costs memory.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Log warnings only, not one line per request.")] = False,
) -> None:
    """Serve checks over HTTP: LanguageTool's API for editors (/v2/check) and mtqa reports (/v1/check)."""
    try:
        import multipart  # noqa: F401  (python-multipart, for form posts)
        import starlette  # noqa: F401
        import uvicorn
    except ImportError:
        die("'mtqa serve' needs the serve extra: install mtqa[serve] (pip install 'mtqa[serve]')")
        return
    from ..errors import MtqaError
    from ..serve.settings import ENV_VAR, ServeSettings

    if config_file is not None and not config_file.is_file():
        die(f"{config_file}: configuration file not found")
    settings = ServeSettings(
        host=host, port=port, workers=workers, api_key=api_key or None, max_size=max_size, timeout=timeout,
        max_queue=max_queue, preload=preload, parse_cache=parse_cache, split=split, config_file=str(config_file) if config_file else None,
        log_level="warning" if quiet else "info", allow_origins=list(allow_origin or []),
    )
    if not settings.loopback and not settings.api_key:
        typer.echo(f"mtqa: warning: listening on {host} without --api-key: anyone who reaches this address can use the server", err=True)
    sock = _bind(host, port)
    settings.port = sock.getsockname()[1]
    from ..serve.app import create_app, setup_logging

    setup_logging(settings.log_level)
    try:
        application = create_app(settings) if workers == 1 else None
    except MtqaError as exc:
        die(str(exc))
        return
    common = dict(log_level="warning", access_log=False, lifespan="on", server_header=False, timeout_keep_alive=15)
    typer.echo(f"mtqa serve: loading models, then serving on http://{host}:{settings.port} (Ctrl-C stops)", err=True)
    # uvicorn shuts down gracefully on SIGINT/SIGTERM, then raises the signal again: stopping
    # the server is its normal end, so it exits with 0
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        if workers == 1:
            config = uvicorn.Config(application, **common)
            uvicorn.Server(config).run(sockets=[sock])
        else:
            from uvicorn.supervisors import Multiprocess

            os.environ[ENV_VAR] = settings.to_env()
            config = uvicorn.Config("mtqa.serve.app:app_from_env", factory=True, workers=workers, **common)
            import inspect

            if "target" in inspect.signature(Multiprocess).parameters:  # uvicorn before 0.30
                Multiprocess(config, target=uvicorn.Server(config).run, sockets=[sock]).run()
            else:
                Multiprocess(config, sockets=[sock]).run()
    except KeyboardInterrupt:
        pass
    except SystemExit as exc:
        if exc.code not in (0, None):  # uvicorn exits with 3 when the application cannot start
            die(f"the server could not start (uvicorn exit status {exc.code})")
    finally:
        sock.close()
    typer.echo("mtqa serve: stopped", err=True)
    sys.exit(0)
