"""The in-process cost of one answer against one query embedding, measured in turn in one run.

Run: .venv/bin/python bench/ask_vs_embedding.py [--questions 100]
For each dev question (made new with a suffix, the query-vector cache emptied before each call): one
``Answerer.ask`` and one ``embed_query`` alone; prints both medians, their ratio (issue 16's bar:
≤ 1.5) and how many times the model ran per answer (1: the answering heads reuse retrieval's vector).
bench/serve_profile.py measures the same over HTTP, where the server's own overhead is added.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from assistant.services import build_services  # noqa: E402
from assistant.settings import Settings  # noqa: E402

REPO = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--questions", type=int, default=100)
    args = parser.parse_args()
    services = build_services(Settings(data_dir=Path(tempfile.mkdtemp(prefix="ask-vs-embedding-"))))
    answerer = services.answerer
    embedder = services.search.vector_index._embedder
    runs = {"model": 0}
    encode = embedder._encoder.encode

    def counted(texts):  # type: ignore[no-untyped-def]
        runs["model"] += 1
        return encode(texts)

    embedder._encoder.encode = counted  # type: ignore[method-assign]
    questions = yaml.safe_load((REPO / "eval/data/qa_dev.yaml").read_text(encoding="utf-8"))["questions"]
    asked = [question["question"] + "？请问" for question in questions][: args.questions]
    ask_s, embed_s = [], []
    for question in asked:
        embedder._cached_query.cache_clear()
        started = time.perf_counter()
        answerer.ask(question)
        ask_s.append(time.perf_counter() - started)
        embedder._cached_query.cache_clear()
        started = time.perf_counter()
        embedder.embed_query(question)
        embed_s.append(time.perf_counter() - started)
    ask_ms, embed_ms = statistics.median(ask_s) * 1000, statistics.median(embed_s) * 1000
    print(f"{len(asked)} new questions, backend {embedder.backend}: ask median {ask_ms:.2f} ms, "
          f"one embedding median {embed_ms:.2f} ms, ratio {ask_ms / embed_ms:.2f} (bar 1.5); "
          f"model runs per answer {runs['model'] / len(asked) - 1:.2f}")


if __name__ == "__main__":
    main()
