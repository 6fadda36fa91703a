"""Time one answer per labelled dev question, in process and through POST /v1/ask; prints median and p95.

Run: .venv/bin/python bench/bench_ask.py [--rounds N] [--per-question]
Bar: median ≤ 30 ms per question (2-core machine). The index is built in a temporary data directory.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

from fastapi.testclient import TestClient  # noqa: E402

from assistant.api import create_app  # noqa: E402
from assistant.services import build_services  # noqa: E402
from bench.common import dev_questions, machine, percentile, query_cache_clearer  # noqa: E402

BAR_MS = 30.0


def time_questions(call: Callable[[str], object], questions: list[str], rounds: int,
                   before_each: Callable[[], None] | None = None) -> dict[str, list[float]]:
    """Per question, the wall time in ms of each round, after one warm-up call per question."""
    for question in questions:
        call(question)
    timings: dict[str, list[float]] = {question: [] for question in questions}
    for _ in range(rounds):
        for question in questions:
            if before_each:
                before_each()
            start = time.perf_counter_ns()
            call(question)
            timings[question].append((time.perf_counter_ns() - start) / 1e6)
    return timings


def report(label: str, timings: dict[str, list[float]], per_question: bool) -> float:
    medians = {question: statistics.median(values) for question, values in timings.items()}
    every = [value for values in timings.values() for value in values]
    overall = statistics.median(medians.values())
    slowest = max(medians, key=lambda question: medians[question])
    print(f"\n{label}: {len(timings)} questions × {len(next(iter(timings.values())))} rounds")
    print(f"  median of per-question medians {overall:7.2f} ms   p95 of all calls {percentile(every, 0.95):7.2f} ms   "
          f"p99 {percentile(every, 0.99):7.2f} ms")
    print(f"  slowest question (median {medians[slowest]:.2f} ms, p95 {percentile(timings[slowest], 0.95):.2f} ms): {slowest}")
    if per_question:
        print(f"  {'median':>8} {'p95':>8}  question")
        for question, values in sorted(timings.items(), key=lambda item: -medians[item[0]]):
            print(f"  {medians[question]:8.2f} {percentile(values, 0.95):8.2f}  {question}")
    return overall


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--per-question", action="store_true", help="print median and p95 of every question")
    args = parser.parse_args()
    questions = dev_questions()
    print(f"machine: {machine()}")
    with tempfile.TemporaryDirectory(prefix="bench-ask-") as data_dir:
        os.environ.update(ASSISTANT_DATA_DIR=data_dir, ASSISTANT_RATE_LIMIT="1000000/minute")
        services = build_services()  # Settings from the environment just set
        clear = query_cache_clearer(services)
        ask = services.answerer.ask
        in_process = report("in process, new question (query-vector cache emptied before each call)",
                            time_questions(ask, questions, args.rounds, clear), args.per_question)
        cached = report("in process, repeated question (query vector cached)",
                        time_questions(ask, questions, args.rounds), args.per_question)
        with TestClient(create_app(services=services)) as client:
            def over_http(question: str) -> object:
                response = client.post("/v1/ask", json={"question": question})
                response.raise_for_status()
                return response.json()

            http = report("HTTP (TestClient) POST /v1/ask, new question",
                          time_questions(over_http, questions, args.rounds, clear), args.per_question)
            http_cached = report("HTTP (TestClient) POST /v1/ask, repeated question",
                                 time_questions(over_http, questions, args.rounds), args.per_question)
        services.close()
    print(f"\nratios of medians: HTTP / in-process {http / in_process:.2f} (new), {http_cached / cached:.2f} (repeated); "
          f"new / repeated {in_process / cached:.1f}")
    verdict = "PASS" if http <= BAR_MS and in_process <= BAR_MS else "FAIL"
    print(f"bar: median ≤ {BAR_MS:.0f} ms per question (new questions, in process and over HTTP) — {verdict}")
    return 0 if verdict == "PASS" else 1


if __name__ == "__main__":
    sys.exit(main())
