"""The index as a one-time job: `assistant index --rebuild` writes it, read-only workers only open it."""

from __future__ import annotations

import shutil

import pytest

from assistant.cli import main
from assistant.corpus import load_packages
from assistant.errors import IndexNotReady
from assistant.services import open_search_stack
from assistant.settings import Settings


def build_search_stack(settings: Settings, embedder, index_mode=None):  # type: ignore[no-untyped-def]
    return open_search_stack(settings, load_packages(settings.corpus_dir), embedder, index_mode)


@pytest.fixture
def embedder(services):
    return services.search.vector_index._embedder


def test_a_read_only_worker_on_an_empty_store_fails_naming_the_job_to_run(tmp_path, embedder):
    settings = Settings(data_dir=tmp_path, index_read_only=True)
    with pytest.raises(IndexNotReady, match=r"assistant index --rebuild"):
        build_search_stack(settings, embedder)


def test_a_read_only_worker_refuses_an_index_of_another_corpus(tmp_path, embedder, regulation):
    build_search_stack(Settings(data_dir=tmp_path), embedder)
    other_corpus = tmp_path / "corpus"
    shutil.copytree(Settings().corpus_dir, other_corpus)
    for text in other_corpus.rglob("*.txt"):  # same clauses, different bytes: a different corpus hash
        text.write_text(text.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    settings = Settings(data_dir=tmp_path, corpus_dir=other_corpus, index_read_only=True)
    with pytest.raises(IndexNotReady, match=r"was built for corpus"):
        build_search_stack(settings, embedder)


def test_rebuild_reembeds_and_read_only_workers_then_reuse_it(tmp_path, embedder):
    settings = Settings(data_dir=tmp_path)
    assert build_search_stack(settings, embedder).vector_index.rebuilt  # first build
    assert build_search_stack(settings, embedder, index_mode="rebuild").vector_index.rebuilt  # forced
    worker = build_search_stack(settings.model_copy(update={"index_read_only": True}), embedder)
    assert not worker.vector_index.rebuilt
    assert worker.retriever.ranked("弄虚作假会怎么处理？", 3)


def test_index_command_rebuilds_even_where_workers_are_read_only(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("ASSISTANT_INDEX_READ_ONLY", "true")
    assert main(["index"]) == 2  # checking only: nothing built yet
    assert "assistant index --rebuild" in capsys.readouterr().err
    assert main(["index", "--rebuild"]) == 0
    assert "rebuilt" in capsys.readouterr().out
    assert main(["index"]) == 0
    assert "reused" in capsys.readouterr().out
