"""First run of a fresh blind batch, before any tuning: figures and misses as Markdown for its .firstrun.md.

Run it on the untouched code (a git worktree of the commit before the batch was seen):

    cd /tmp/wt-base && HF_HUB_OFFLINE=1 /work/main/.venv/bin/python -m eval.first_run qa BATCH.yaml
    ... -m eval.first_run extraction BATCH.yaml     (tests/conversation/extraction_fresh*.yaml format)
    ... -m eval.first_run dialogues BATCH.yaml      (eval/data/dialogues_fresh*.yaml format)

The batch file may live anywhere; nothing is written. The figures are the ones the tests and gates count: qa through
the eval runner's metrics, extraction as the extraction test's exact match (delta and "ask back"), dialogues as the
final pre-check of every category (status, and amount where one is labelled).
"""

from __future__ import annotations

import argparse
import os
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

QA_ROWS = (
    ("status accuracy", "status_accuracy"),
    ("delivered-answer clause recall@3", "answer_recall_at_3_clause"),
    ("delivered-answer top-1 citation", "answer_citation_top1"),
    ("retriever recall@3 (clause)", "recall_at_3_clause"),
    ("retriever MRR (clause)", "mrr_clause"),
    ("citation precision", "citation_precision"),
    ("key-fact coverage", "key_fact_coverage"),
    ("refusal precision", "refusal_precision"),
    ("refusal recall", "refusal_recall"),
    ("latency p50 ms", "latency_p50_ms"),
)


def _services(data_dir: Path) -> Any:
    from assistant.services import build_services
    from assistant.settings import Settings

    return build_services(Settings(data_dir=data_dir, rate_limit="100000/minute", session_busy_timeout_s=30))


def _figure(value: Any) -> str:
    return f"{value:.3f}" if isinstance(value, float) else str(value)


def qa_report(path: Path, data_dir: Path) -> list[str]:
    from eval.runner import InProcessBackend, run_qa

    cases = [("fresh", case) for case in yaml.safe_load(path.read_text(encoding="utf-8"))["questions"]]
    services = _services(data_dir)
    try:
        suite = run_qa(cases, InProcessBackend(services))
    finally:
        services.close()
    metrics = suite["metrics"]
    lines = ["| metric | value |", "|---|---|"]
    lines += [f"| {label} | {_figure(metrics.get(key))} |" for label, key in QA_ROWS]
    lines += [f"| items passed | {metrics['passed_items']} of {len(cases)} |", "", "## Items that failed", "", "```"]
    for item in suite["items"]:
        if item["passed"]:
            continue
        lines.append(f"X {item['id']} [{item['kind']}] {item['question']}")
        lines.append(f"   expected {item['expected_status']} gold {item['gold']} | got {item['returned_status']} "
                     f"cited {item['cited'][:4]} ranked {item['ranked'][:3]} | {', '.join(item['failures'])}"
                     + (f" | missing {item['missing_facts']}" if item["missing_facts"] else ""))
    return [*lines, "```"]


def _flatten(facts: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in facts.items():
        if isinstance(value, dict):
            flat.update(_flatten(value, f"{prefix}{key}."))
        else:
            flat[f"{prefix}{key}"] = value
    return flat


def extraction_report(path: Path) -> list[str]:
    from assistant.corpus import DEFAULT_CORPUS_DIR, load_package
    from assistant.reading import FactReader, ReadingContext, read_facts

    package = load_package(DEFAULT_CORPUS_DIR / "wuhan-industrial-internet-fund-measures")
    reader = FactReader.from_facts(package.facts)
    cases = yaml.safe_load(path.read_text(encoding="utf-8"))
    exact: Counter[str] = Counter()
    total: Counter[str] = Counter()
    pending = pending_exact = wrong = 0
    misses: list[str] = []
    for case in cases:
        raw = case.get("context") or {}
        context = ReadingContext(last_fact_paths=list(raw.get("last_fact_paths", [])),
                                 pending_question_fact=raw.get("pending_question_fact")) if raw else None
        reading = read_facts(case["message"], context, reader)
        expected = case["expected_delta"]
        ok = reading.delta == expected and bool(reading.to_confirm) == bool(case.get("expected_to_confirm", False))
        if "expected_corrections" in case:
            ok = ok and sorted(reading.corrections) == sorted(case["expected_corrections"])
        kind = case.get("kind", "other")
        total[kind] += 1
        exact[kind] += ok
        if raw.get("pending_question_fact"):
            pending += 1
            pending_exact += ok
        if ok:
            continue
        flat_expected = _flatten(expected)
        bad = [p for p, v in _flatten(reading.delta).items() if flat_expected.get(p, object()) != v]
        wrong += bool(bad)
        misses += [
            f"MISS {case['name']} | kind {kind} | ctx {raw or None}",
            f"   msg: {case['message']}",
            f"   exp: {expected} confirm {bool(case.get('expected_to_confirm', False))}",
            f"   got: {reading.delta} confirm {bool(reading.to_confirm)}" + (f" WRONG {bad}" if bad else ""),
        ]
    lines = [f"- {sum(exact.values())}/{len(cases)} exact, {wrong} with a wrong value; pending {pending_exact}/{pending}",
             "", "| kind | exact |", "| --- | --- |"]
    lines += [f"| {kind} | {exact[kind]}/{count} |" for kind, count in total.items()]
    return [*lines, "", "## Misses (as the run printed them)", "", "```", *misses, "```"]


def dialogues_report(path: Path, data_dir: Path) -> list[str]:
    dialogues = yaml.safe_load(path.read_text(encoding="utf-8"))["dialogues"]
    services = _services(data_dir)
    right = decisions = amounts = total = turns = 0
    failed: list[str] = []
    try:
        for dialogue in dialogues:
            session_id = None
            for message in dialogue["turns"]:
                body = services.dialogue.turn(session_id, message)
                session_id = body["session_id"]
                turns += 1
            results = {result["category"]: result for result in body["precheck"]["results"]}
            wrong = []
            for category, expected in dialogue["expected"].items():
                got = results[category]
                status_ok = got["status"] == expected["status"]
                amount_ok = expected["max_amount_yuan"] is None or got["max_amount_yuan"] == expected["max_amount_yuan"]
                total += 1
                decisions += status_ok
                amounts += amount_ok
                if not (status_ok and amount_ok):
                    wrong.append(f"   ! {category}: expected {expected['status']}/{expected['max_amount_yuan']} "
                                 f"got {got['status']}/{got['max_amount_yuan']}")
            if not wrong:
                right += 1
                continue
            facts = services.sessions.get(session_id, with_turns=False).facts
            failed += [f"FAIL {dialogue['id']} {dialogue['name']}", *(f"   > {m}" for m in dialogue["turns"]),
                       *wrong, f"   facts: {facts}"]
    finally:
        services.close()
    return [f"- {right}/{len(dialogues)} right ({turns} turns); decisions {decisions}/{total}; "
            f"amounts (null counts as right) {amounts}/{total}", "",
            "## Dialogues that ended wrong (turns; wrong categories; final facts)", "", "```", *failed, "```"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("kind", choices=("qa", "extraction", "dialogues"))
    parser.add_argument("batch", type=Path)
    args = parser.parse_args(argv)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    with tempfile.TemporaryDirectory(prefix="first-run-") as data_dir:
        if args.kind == "qa":
            lines = qa_report(args.batch, Path(data_dir))
        elif args.kind == "extraction":
            lines = extraction_report(args.batch)
        else:
            lines = dialogues_report(args.batch, Path(data_dir))
    print("## Figures (first run)\n")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
