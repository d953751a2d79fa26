"""Settings of a server process (plain data: also passed to worker processes as JSON)."""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field

ENV_VAR = "MTQA_SERVE_SETTINGS"
LOOPBACK = ("127.0.0.1", "localhost", "::1")


@dataclass
class ServeSettings:
    host: str = "127.0.0.1"
    port: int = 8081
    workers: int = 1
    api_key: str | None = None
    max_size: int = 1_000_000  # bytes of request body
    timeout: float = 30.0  # seconds per check, queue wait included
    max_queue: int = 64  # checks waiting per process before answering 503
    preload: bool = True  # load the models before accepting requests
    parse_cache: int = 2000  # paragraphs whose parse is kept across requests (0: none)
    split: bool = False  # /v2/check on two cores: parse-free rules in a helper process (2+ CPUs)
    config_file: str | None = None  # mtqa configuration (glossaries, packs, rule options)
    log_level: str = "info"
    allow_origins: list[str] = field(default_factory=list)  # CORS, for web pages calling the API

    def to_env(self) -> str:
        return json.dumps(asdict(self))

    @classmethod
    def from_env(cls) -> ServeSettings:
        raw = os.environ.get(ENV_VAR)
        return cls(**json.loads(raw)) if raw else cls()

    @property
    def loopback(self) -> bool:
        return self.host in LOOPBACK
