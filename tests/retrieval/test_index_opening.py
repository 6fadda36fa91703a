"""Opening the vector index: a garbled index is moved aside and rebuilt, workers starting together on an
empty data dir all come up, and a read-only data dir is served from memory."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.corpus import corpus_hash, load_corpus
from assistant.retrieval.documents import clause_documents
from assistant.retrieval.index_opening import open_vector_index
from assistant.settings import Settings
from tests.conftest import REPO


@pytest.fixture(scope="module")
def documents():
    return clause_documents(load_corpus(REPO / "corpus"))


@pytest.fixture(scope="module")
def embedder(services):
    return services.search.vector_index._embedder


def _open(data_dir: Path, embedder, documents):  # type: ignore[no-untyped-def]
    settings = Settings(data_dir=data_dir)
    return open_vector_index(settings, embedder, documents, corpus_hash(settings.corpus_dir))


def test_a_garbled_index_is_moved_aside_rebuilt_and_logged(tmp_path: Path, embedder, documents, caplog):
    first = _open(tmp_path, embedder, documents)
    assert first.rebuilt
    from assistant.retrieval.index_opening import _forget_client

    _forget_client(tmp_path / "chroma")  # as if the process had stopped
    (tmp_path / "chroma" / "chroma.sqlite3").write_bytes(b"garbage, not sqlite" * 1000)
    with caplog.at_level(logging.WARNING, logger="assistant.retrieval.index_opening"):
        second = _open(tmp_path, embedder, documents)
    assert second.rebuilt
    assert [key for key, _ in second.search(documents[0].search_text, 1)] == [documents[0].key]
    [aside] = tmp_path.glob("chroma.corrupt-*")
    assert (aside / "chroma.sqlite3").read_bytes().startswith(b"garbage")
    assert any("moved to" in record.getMessage() for record in caplog.records)


def test_a_second_open_reuses_the_index(tmp_path: Path, embedder, documents):
    _open(tmp_path, embedder, documents)
    assert not _open(tmp_path, embedder, documents).rebuilt


@pytest.mark.slow
def test_workers_starting_together_on_an_empty_data_dir_all_come_up(tmp_path: Path):
    script = ("from assistant.services import build_services; stack = build_services().search; "
              "assert stack.vector_index.search('双跨平台奖励', 3), 'no hits'; print(stack.vector_index.size)")
    env = {**os.environ, "ASSISTANT_DATA_DIR": str(tmp_path), "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
    workers = [subprocess.Popen([sys.executable, "-c", script], cwd=REPO, env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    results = [worker.communicate(timeout=300) for worker in workers]
    for worker, (out, err) in zip(workers, results, strict=True):
        assert worker.returncode == 0, err[-2000:]
        assert int(out.split()[-1]) > 0


def test_a_read_only_data_dir_is_served_from_memory(tmp_path: Path, embedder, documents, caplog):
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file where the data dir should be")  # mkdir fails even for root
    with caplog.at_level(logging.WARNING, logger="assistant.retrieval.index_opening"):
        index = _open(blocker / "data", embedder, documents)
    assert index.search(documents[0].search_text, 1)
    assert any("not writable" in record.getMessage() for record in caplog.records)
