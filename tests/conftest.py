"""Shared fixtures: the data directory points at a temporary folder; heavy services are built once."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Nothing a test does touches the developer's data/ folder."""
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(tmp_path_factory.getbasetemp() / "data"))


@pytest.fixture(scope="session")
def regulation():
    from assistant.corpus import load_corpus

    return load_corpus(REPO / "corpus")[0]


@pytest.fixture(scope="session")
def services(tmp_path_factory: pytest.TempPathFactory):
    """The real stack (embedding model, Chroma, BM25, rules, SQLite sessions), built once per run."""
    from assistant.services import build_services
    from assistant.settings import Settings

    # A long busy timeout: tests race writers on a shared, loaded machine; the 1 s default (then 503)
    # has its own tests in tests/api/test_storage_faults.py.
    settings = Settings(data_dir=tmp_path_factory.mktemp("services-data"), rate_limit="100000/minute",
                        session_busy_timeout_s=30)
    built = build_services(settings)
    yield built
    built.close()


@pytest.fixture(scope="session")
def answerer(services):
    return services.answerer


@pytest.fixture(scope="session")
def client(services):
    """The real app (routes, middleware, error handlers) over the shared services."""
    from fastapi.testclient import TestClient

    from assistant.api import create_app

    with TestClient(create_app(services=services)) as test_client:
        yield test_client
