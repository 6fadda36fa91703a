"""The embedding runtimes side by side: retrieval quality, query latency, start time and memory.

Run: .venv/bin/python bench/embedding_backends.py [--rounds 3] [--backends torch onnx onnx-int8]

Each backend runs in its own fresh process (so memory and imports are its own), rounds interleaved so
the machine's noise falls on all of them alike; the figures are medians over the rounds:
- recall@3 and MRR of the retriever's ranking on the labelled dev and held-out questions (clause gold,
  as `assistant eval --suite qa` counts them), and the lowest cosine of its vectors against torch's;
- the median of one query embedding (new text each call, cache bypassed);
- seconds from process start to the first answer with an existing index, and VmRSS then;
- whether torch was imported.
Bar: the shipped backend loses no recall@3 or MRR against torch, on either split.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

STARTED = time.perf_counter()
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import REPO, machine  # noqa: E402

PROBE_SENTENCES = ["双跨平台奖励多少钱？", "第三方工业互联网安全服务机构近两年收入300万元以上",
                   "申报材料弄虚作假会怎样？", "标识解析二级节点项目的补助标准"]


def labelled(split: str) -> list[tuple[str, list[str]]]:
    import yaml

    data = yaml.safe_load((REPO / f"eval/data/qa_{split}.yaml").read_text(encoding="utf-8"))
    return [(q["question"], q["gold"]) for q in data["questions"] if q["expected_status"] == "answered" and q.get("gold")]


def child(backend: str, data_dir: str) -> dict[str, object]:
    """One backend in this fresh process: start, first answer, memory, latency, quality."""
    from assistant.services import build_services
    from assistant.settings import Settings

    services = build_services(Settings(data_dir=Path(data_dir), embedding_backend=backend))  # type: ignore[arg-type]
    services.answerer.ask("双跨平台奖励多少钱？")
    first_answer_s = time.perf_counter() - STARTED
    rss_mb = next(int(line.split()[1]) * 1024 / 1e6 for line in Path("/proc/self/status").read_text().splitlines()
                  if line.startswith("VmRSS:"))
    torch_loaded = "torch" in sys.modules
    from eval.metrics import hit_at_k, reciprocal_rank

    retriever = services.search.retriever
    quality = {}
    for split in ("dev", "heldout"):
        questions = labelled(split)
        ranked = [[d.metadata["clause_id"] for d in retriever.ranked(q, 5)] for q, _ in questions]
        quality[split] = {
            "recall@3": sum(hit_at_k(r, gold, 3) for r, (_, gold) in zip(ranked, questions, strict=True)) / len(questions),
            "mrr": sum(reciprocal_rank(r, gold) for r, (_, gold) in zip(ranked, questions, strict=True)) / len(questions),
        }
    embedder = services.search.vector_index._embedder  # noqa: SLF001
    encoder = embedder._encoder  # noqa: SLF001 — the cache is bypassed on purpose
    texts = [f"{question}（{number}）" for number in range(3) for question, _ in labelled("dev")]
    for text in texts[:30]:
        encoder.encode([text])
    timings = []
    for text in texts:
        started = time.perf_counter()
        encoder.encode([text])
        timings.append((time.perf_counter() - started) * 1000)
    return {"first_answer_s": first_answer_s, "rss_mb": rss_mb, "torch_imported": torch_loaded,
            "embed_ms": statistics.median(timings), "quality": quality,
            "probe_vectors": encoder.encode(PROBE_SENTENCES).tolist()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--backends", nargs="+", default=["torch", "onnx", "onnx-int8"])
    parser.add_argument("--child", nargs=2, metavar=("BACKEND", "DATA_DIR"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(*args.child)))
        return 0
    load = os.getloadavg()
    print(f"machine: {machine()}; load average {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}")
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false"}
    runs: dict[str, list[dict]] = {backend: [] for backend in args.backends}
    with tempfile.TemporaryDirectory(prefix="bench-backends-") as tmp:
        for round_number in range(args.rounds + 1):  # round 0 builds each index and is not counted
            for backend in args.backends:
                done = subprocess.run([sys.executable, __file__, "--child", backend, tmp], env=env, cwd=REPO,
                                      capture_output=True, text=True, timeout=600)
                if done.returncode != 0:
                    raise SystemExit(f"{backend} failed:\n{done.stderr[-3000:]}")
                if round_number:
                    runs[backend].append(json.loads(done.stdout.strip().splitlines()[-1]))
    import numpy as np

    from assistant.settings import Settings

    shipped = Settings().embedding_backend
    reference = np.array(runs[args.backends[0]][0]["probe_vectors"])
    print(f"{'backend':10} {'dev R@3':>7} {'dev MRR':>7} {'ho R@3':>7} {'ho MRR':>7} {'min cos':>7} "
          f"{'embed ms':>8} {'first answer s':>14} {'RSS MB':>7} torch")
    verdict = True
    for backend, results in runs.items():
        quality = results[0]["quality"]
        cosine = float((np.array(results[0]["probe_vectors"]) * reference).sum(axis=1).min())
        print(f"{backend:10} {quality['dev']['recall@3']:7.3f} {quality['dev']['mrr']:7.3f} "
              f"{quality['heldout']['recall@3']:7.3f} {quality['heldout']['mrr']:7.3f} {cosine:7.4f} "
              f"{statistics.median(r['embed_ms'] for r in results):8.2f} "
              f"{statistics.median(r['first_answer_s'] for r in results):14.2f} "
              f"{statistics.median(r['rss_mb'] for r in results):7.0f} {results[0]['torch_imported']}")
        if backend == shipped:
            base = runs[args.backends[0]][0]["quality"]
            verdict = all(quality[split][name] >= base[split][name] - 1e-9 for split in base for name in base[split])
    print(f"bar: the shipped backend ({shipped}) loses no recall@3/MRR against {args.backends[0]} — "
          f"{'PASS' if verdict else 'FAIL'}")
    return 0 if verdict else 1


if __name__ == "__main__":
    sys.exit(main())
