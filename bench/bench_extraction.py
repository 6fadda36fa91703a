"""Median time of one read_facts call over the labelled messages (after warm-up)."""

from __future__ import annotations

import statistics
import time
from pathlib import Path

import yaml

from assistant.corpus import load_packages
from assistant.reading import FactReader, ReadingContext, read_facts

CASES_FILE = Path(__file__).resolve().parent.parent / "tests" / "conversation" / "extraction_cases.yaml"
ROUNDS = 20


def main() -> None:
    """Print the median and 95th percentile per message in milliseconds."""
    cases = yaml.safe_load(CASES_FILE.read_text(encoding="utf-8"))
    reader = FactReader.from_facts(load_packages()[0].facts)
    inputs = []
    for case in cases:
        raw = case.get("context") or {}
        context = ReadingContext(list(raw.get("last_fact_paths", [])), raw.get("pending_question_fact"))
        inputs.append((str(case["message"]), context))
    started = time.perf_counter()
    for message, context in inputs:  # warm-up: opencc and jieba tables load once
        read_facts(message, context, reader)
    print(f"first pass (includes lazy loading): {(time.perf_counter() - started) * 1000:.0f} ms")
    timings = []
    for _ in range(ROUNDS):
        for message, context in inputs:
            start = time.perf_counter()
            read_facts(message, context, reader)
            timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    print(f"messages: {len(inputs)} x {ROUNDS} rounds")
    print(f"median: {statistics.median(timings):.3f} ms")
    print(f"p95: {timings[int(len(timings) * 0.95)]:.3f} ms")


if __name__ == "__main__":
    main()
