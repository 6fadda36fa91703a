"""Time one eligibility pre-check (all five categories) per profile; prints the median per call.

Run: .venv/bin/python bench/bench_precheck.py [--runs N]   Bar (issue 4): median ≤ 1 ms per profile.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from assistant.corpus import load_packages
from assistant.eligibility import FactsBase, RuleBook, evaluate

BAR_MS = 1.0
DESIGN_FACTS = Path(__file__).resolve().parent.parent / "examples/facts-design.json"
PROFILES: dict[str, dict[str, Any]] = {
    "design example (all categories)": json.loads(DESIGN_FACTS.read_text(encoding="utf-8")),
    "empty profile (every question asked)": {},
    "partial profile (mixed outcomes)": {
        "applicant": {"legal_form": "branch"},
        "security_service": {"industrial_security_revenue_2y_yuan": 12_000_000},
        "platform": {"served_enterprises": 100},
    },
}


def median_ms(call: Callable[[], object], runs: int) -> float:
    for _ in range(min(runs, 200)):  # warm up
        call()
    timings = []
    for _ in range(runs):
        start = time.perf_counter_ns()
        call()
        timings.append(time.perf_counter_ns() - start)
    return statistics.median(timings) / 1e6


def _as_dict(facts: FactsBase, rulebook: RuleBook) -> dict[str, Any]:
    return evaluate(facts, rulebook).to_dict()


def _validated_as_dict(raw: dict[str, Any], rulebook: RuleBook) -> dict[str, Any]:
    return evaluate(rulebook.parse_facts(raw), rulebook).to_dict()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5000)
    args = parser.parse_args()
    rulebook = load_packages()[0].rulebook
    worst = 0.0
    print(f"median of {args.runs} runs per profile (ms); bar {BAR_MS} ms")
    print(f"{'profile':40} {'evaluate':>10} {'+to_dict':>10} {'validate+evaluate+to_dict':>26}")
    for name, raw in PROFILES.items():
        facts = rulebook.parse_facts(raw)
        evaluate_only = median_ms(partial(evaluate, facts, rulebook), args.runs)
        with_dict = median_ms(partial(_as_dict, facts, rulebook), args.runs)
        end_to_end = median_ms(partial(_validated_as_dict, raw, rulebook), args.runs)
        worst = max(worst, end_to_end)
        print(f"{name:40} {evaluate_only:10.4f} {with_dict:10.4f} {end_to_end:26.4f}")
    verdict = "PASS" if worst <= BAR_MS else "FAIL"
    print(f"worst median (validate+evaluate+to_dict): {worst:.4f} ms — {verdict}")
    return 0 if worst <= BAR_MS else 1


if __name__ == "__main__":
    sys.exit(main())
