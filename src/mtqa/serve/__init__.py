"""``mtqa serve``: a long-lived HTTP server that keeps the models warm.

It speaks LanguageTool's HTTP API (``POST /v2/check``, ``GET /v2/languages``) so that editors'
LanguageTool clients show mtqa's findings, and mtqa's own report at ``POST /v1/check``.
Needs the ``serve`` extra (Starlette, uvicorn, python-multipart); nothing here is imported by
``mtqa check``.
"""

from .settings import ServeSettings

__all__ = ["ServeSettings"]
