"""Embedding runtimes: the ONNX export agrees with sentence-transformers, and the server runs without torch."""

from __future__ import annotations

import itertools
import json
import os
import subprocess
import sys

import numpy as np
import pytest

from assistant.corpus import corpus_hash, load_packages
from assistant.retrieval.documents import clause_documents
from assistant.retrieval.embeddings import Embedder
from assistant.retrieval.vector_store import VectorIndex
from assistant.services import open_search_stack
from assistant.settings import Settings
from tests.conftest import REPO

SENTENCES = ["双跨平台奖励多少钱？", "第三方工业互联网安全服务机构近两年收入300万元以上的，给予奖励",
             "申报材料弄虚作假会怎样？", "標識解析二級節點", "What does the fund support?"]


@pytest.fixture(scope="module")
def torch_embedder() -> Embedder:
    return Embedder("m3e-small", "torch")


@pytest.mark.parametrize("backend", ["onnx", "onnx-int8"])
def test_onnx_vectors_agree_with_the_torch_backend(torch_embedder, backend):
    onnx = Embedder("m3e-small", backend)  # type: ignore[arg-type]
    reference = np.array(torch_embedder.embed_documents(SENTENCES))
    for vectors in (np.array(onnx.embed_documents(SENTENCES)), np.array([onnx.embed_query(s) for s in SENTENCES])):
        assert vectors.shape == reference.shape
        # int8 weights move a vector a little (0.985-0.993 here); a broken quantisation lands far lower (0.65).
        assert (vectors * reference).sum(axis=1).min() > (0.99 if backend == "onnx" else 0.98)


def test_a_different_backend_gets_its_own_index(torch_embedder, services, tmp_path):
    settings = Settings(data_dir=tmp_path / "data")
    onnx_embedder = services.search.vector_index._embedder
    assert onnx_embedder.backend == settings.embedding_backend != "torch"
    packages = load_packages(settings.corpus_dir)
    assert open_search_stack(settings, packages, onnx_embedder).vector_index.rebuilt
    assert open_search_stack(settings, packages, torch_embedder).vector_index.rebuilt  # not the ONNX vectors
    assert not open_search_stack(settings, packages, onnx_embedder).vector_index.rebuilt


def test_query_cache_is_bounded_by_its_setting():
    embedder = Embedder("m3e-small", "onnx", query_cache_size=3)
    for number in range(10):
        embedder.embed_query(f"问题{number}")
    assert embedder._cached_query.cache_info().currsize == 3  # type: ignore[attr-defined]


SERVE_AND_LIST_MODULES = """
import json, sys
from fastapi.testclient import TestClient
from assistant.api import create_app
with TestClient(create_app()) as client:
    body = client.post("/v1/ask", json={"question": "双跨平台奖励多少钱？"}).json()
print(json.dumps({"status": body["status"], "heavy": sorted({m.split(".")[0] for m in sys.modules} & {"torch", "transformers", "sentence_transformers"})}))
"""


@pytest.mark.slow
def test_the_serving_process_does_not_import_torch_with_the_onnx_backend(tmp_path):
    env = {**os.environ, "ASSISTANT_DATA_DIR": str(tmp_path / "data"), "ASSISTANT_EMBEDDING_BACKEND": "onnx"}
    done = subprocess.run([sys.executable, "-c", SERVE_AND_LIST_MODULES], env=env, cwd=REPO,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result == {"status": "answered", "heavy": []}


def test_in_memory_vector_search_ranks_like_chroma(services, tmp_path):
    import chromadb

    settings = Settings(data_dir=tmp_path / "data")
    documents = clause_documents([package.regulation for package in load_packages(settings.corpus_dir)])
    embedder = services.search.vector_index._embedder
    client = chromadb.PersistentClient(path=str(tmp_path / "chroma"))
    in_memory = VectorIndex(client, embedder, documents, corpus_hash(settings.corpus_dir))
    chroma_only = VectorIndex(client, embedder, documents, corpus_hash(settings.corpus_dir), memory_limit=0)
    regulation = documents[0].regulation_id
    for question, only in itertools.product([*SENTENCES, "监督检查由谁负责？", "资金可以叠加享受吗？"], [None, regulation]):
        memory_hits, chroma_hits = in_memory.search(question, 12, only), chroma_only.search(question, 12, only)
        assert memory_hits
        assert [key for key, _ in memory_hits] == [key for key, _ in chroma_hits]
        assert np.allclose([score for _, score in memory_hits], [score for _, score in chroma_hits], atol=1e-4)
