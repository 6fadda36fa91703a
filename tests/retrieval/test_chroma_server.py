"""The same index code against a Chroma server (HttpClient), chosen by configuration only."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from assistant.corpus import load_packages
from assistant.services import open_search_stack
from assistant.settings import Settings

CHROMA = Path(sys.executable).parent / "chroma"


@pytest.fixture
def chroma_server(tmp_path):
    if not CHROMA.exists() and not shutil.which("chroma"):
        pytest.skip("the chroma CLI is not installed")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    process = subprocess.Popen([str(CHROMA), "run", "--path", str(tmp_path / "chroma"), "--host", "127.0.0.1",
                                "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):
            try:
                if httpx.get(f"http://127.0.0.1:{port}/api/v2/heartbeat", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.2)
        else:
            pytest.fail("chroma server did not start")
        yield port
    finally:
        process.terminate()
        process.wait(timeout=30)


@pytest.mark.slow
def test_index_over_http_client_answers_like_the_embedded_one(services, chroma_server, tmp_path):
    settings = Settings(data_dir=tmp_path / "data", chroma_mode="http", chroma_host="127.0.0.1", chroma_port=chroma_server)
    embedder = services.search.vector_index._embedder
    remote = open_search_stack(settings, load_packages(settings.corpus_dir), embedder)
    assert remote.vector_index.rebuilt
    assert not open_search_stack(settings, load_packages(settings.corpus_dir), embedder).vector_index.rebuilt  # the server keeps the index
    question = "弄虚作假会怎么处理？"
    assert [d.metadata["clause_id"] for d in remote.retriever.ranked(question, 3)] == [
        d.metadata["clause_id"] for d in services.search.retriever.ranked(question, 3)
    ]
