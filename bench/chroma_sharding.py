"""Many regulations in Chroma: one collection filtered on `regulation` versus one small collection each.

Synthetic 512-dimension vectors (m3e-small's size), 100 clauses per regulation, as many regulations as
asked; reports the median query time of a top-10 search restricted to one regulation, unrestricted,
and in a collection holding only that regulation. Embedded client: the same engine as `chroma run`,
without the HTTP hop. Figures for deploy/SCALING.md; not a test.

    .venv/bin/python bench/chroma_sharding.py --regulations 10 100 500
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time

import chromadb
import numpy as np
from chromadb.config import Settings as ChromaSettings

DIMENSIONS, CLAUSES_PER_REGULATION, QUERIES = 512, 100, 200


def _median_ms(run, queries: np.ndarray) -> float:  # type: ignore[no-untyped-def]
    times = []
    for query in queries:
        started = time.perf_counter()
        run(query)
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def measure(regulations: int, rng: np.random.Generator) -> dict[str, float]:
    client = chromadb.PersistentClient(path=tempfile.mkdtemp(prefix="chroma-shard-"),
                                       settings=ChromaSettings(anonymized_telemetry=False))
    shared = client.create_collection("all", metadata={"hnsw:space": "cosine"})
    vectors = rng.standard_normal((regulations * CLAUSES_PER_REGULATION, DIMENSIONS)).astype(np.float32)
    started = time.perf_counter()
    for start in range(0, len(vectors), 5000):  # Chroma caps one add at its max batch size
        chunk = vectors[start:start + 5000]
        shared.add(ids=[str(start + n) for n in range(len(chunk))], embeddings=chunk,  # type: ignore[arg-type]
                   metadatas=[{"regulation": f"r{(start + n) // CLAUSES_PER_REGULATION}"} for n in range(len(chunk))])
    build_s = time.perf_counter() - started
    own = client.create_collection("one", metadata={"hnsw:space": "cosine"})
    own.add(ids=[str(n) for n in range(CLAUSES_PER_REGULATION)], embeddings=vectors[:CLAUSES_PER_REGULATION])  # type: ignore[arg-type]
    queries = rng.standard_normal((QUERIES, DIMENSIONS)).astype(np.float32)
    target = f"r{regulations // 2}"
    return {
        "vectors": float(len(vectors)),
        "build_s": build_s,
        "filtered_ms": _median_ms(lambda q: shared.query(query_embeddings=[q], n_results=10, where={"regulation": target}),
                                  queries),
        "unfiltered_ms": _median_ms(lambda q: shared.query(query_embeddings=[q], n_results=10), queries),
        "own_collection_ms": _median_ms(lambda q: own.query(query_embeddings=[q], n_results=10), queries),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--regulations", type=int, nargs="+", default=[10, 100, 500])
    args = parser.parse_args()
    rng = np.random.default_rng(15)
    print("| regulations | vectors | build s | one regulation, filtered ms | unfiltered ms | own collection ms |")
    print("| --- | --- | --- | --- | --- | --- |")
    for count in args.regulations:
        figures = measure(count, rng)
        print(f"| {count} | {figures['vectors']:.0f} | {figures['build_s']:.1f} | {figures['filtered_ms']:.2f} | "
              f"{figures['unfiltered_ms']:.2f} | {figures['own_collection_ms']:.2f} |", flush=True)


if __name__ == "__main__":
    main()
