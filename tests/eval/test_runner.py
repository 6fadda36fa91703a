"""`assistant eval` end to end on a tiny fixture set, against the real services (in-process and over HTTP)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from eval.runner import HttpBackend, clause_id_of, main

FIXTURES = Path(__file__).parent / "fixtures"
LOOSE_GATES = """
[qa]
recall_at_3_clause = 0.0
refusal_recall = 0.0
[precheck]
decision_accuracy = 0.0
[dialogue]
decision_accuracy = 0.0
"""


def eval_args(tmp_path: Path, gates_toml: str = LOOSE_GATES, **overrides) -> argparse.Namespace:
    gates_path = tmp_path / "gates.toml"
    gates_path.write_text(gates_toml, encoding="utf-8")
    values = {"suite": "all", "split": "dev", "report": None, "url": None, "compare": None, "gates": str(gates_path)}
    return argparse.Namespace(**(values | overrides))


@pytest.fixture(scope="module")
def full_run(services, tmp_path_factory):
    """One in-process run of every suite with a report: (exit code, report directory)."""
    tmp_path = tmp_path_factory.mktemp("eval-run")
    report_dir = tmp_path / "report"
    code = main(eval_args(tmp_path, report=str(report_dir)), services=services, data_dir=FIXTURES)
    return code, report_dir


def test_a_run_within_the_gates_exits_zero_and_writes_every_report(full_run):
    code, report_dir = full_run
    assert code == 0
    for name in ("results.json", "report.md", "report.html", "metric_by_kind.png", "latency_histogram.png",
                 "decision_confusion.png"):
        assert (report_dir / name).stat().st_size > 0, name


def test_results_hold_metrics_breakdowns_and_every_item(full_run):
    results = json.loads((full_run[1] / "results.json").read_text(encoding="utf-8"))
    qa = results["suites"]["qa"]
    assert qa["metrics"]["questions"] == 5
    assert set(qa["by_kind"]) == {"amount", "condition", "out_of_scope", "procedure"}
    assert qa["retrieval_source"] == "retriever ranking"
    assert all(len(item["ranked"]) <= 5 for item in qa["items"])
    for name in ("recall_at_1_clause", "mrr_article", "citation_precision", "key_fact_coverage", "latency_p95_ms"):
        assert name in qa["metrics"]
    assert [item["id"] for item in results["suites"]["precheck"]["items"]] == ["fx-p1", "fx-p2"]
    assert results["suites"]["dialogue"]["metrics"]["decisions"] == 1
    assert {g["suite"] for g in results["gates"]} == {"qa", "precheck", "dialogue"}
    assert results["passed"] is True


def test_the_out_of_scope_fixture_is_refused_and_the_amount_fixture_answered(full_run):
    # The fixture questions are easy on purpose: if these fail, the assistant regressed, not the runner.
    items = {item["id"]: item for item in json.loads((full_run[1] / "results.json").read_text())["suites"]["qa"]["items"]}
    assert items["fx-q4"]["returned_status"] == "not_found"
    assert items["fx-q1"]["returned_status"] == "answered"
    assert "a5p1i1s1" in items["fx-q1"]["ranked"][:3]


def test_the_html_report_is_self_contained_and_lists_each_failure(full_run):
    results = json.loads((full_run[1] / "results.json").read_text(encoding="utf-8"))
    page = (full_run[1] / "report.html").read_text(encoding="utf-8")
    markdown = (full_run[1] / "report.md").read_text(encoding="utf-8")
    assert page.count("data:image/png;base64,") == 3
    assert "http://" not in page and "https://" not in page and "<script" not in page
    for item in results["suites"]["qa"]["items"]:
        if not item["passed"]:
            assert item["question"] in page and item["question"] in markdown


def test_a_missed_gate_exits_one_and_compare_shows_the_changes(services, full_run, tmp_path, capsys):
    strict = "[qa]\nrecall_at_3_clause = 0.0\n[qa.at_most]\nlatency_p95_ms = 0.0\n"
    old = full_run[1] / "results.json"
    code = main(eval_args(tmp_path, strict, suite="qa", compare=str(old)), services=services, data_dir=FIXTURES)
    out = capsys.readouterr().out
    assert code == 1
    assert "gate(s) missed" in out and "latency_p95_ms" in out
    assert "changes since" in out or "no change since" in out


@pytest.mark.parametrize(
    "overrides",
    [{"gates": "/nonexistent/gates.toml"}, {"compare": "/nonexistent/results.json"},
     {"split": "heldout"}],  # the fixtures have no heldout split
    ids=["missing gates file", "missing comparison file", "missing data file"],
)
def test_usage_errors_exit_two(services, tmp_path, overrides):
    assert main(eval_args(tmp_path, **overrides), services=services, data_dir=FIXTURES) == 2


def test_a_gate_on_an_unknown_metric_exits_two(services, tmp_path):
    args = eval_args(tmp_path, "[precheck]\ndecision_acuracy = 1.0\n", suite="precheck")
    assert main(args, services=services, data_dir=FIXTURES) == 2


def test_the_http_mode_scores_the_same_decisions_over_the_api(services, full_run, tmp_path):
    from fastapi.testclient import TestClient

    from assistant.api import create_app

    with TestClient(create_app(services=services)) as client:
        backend = HttpBackend("http://testserver", client=client)
        code = main(eval_args(tmp_path, report=str(tmp_path / "r")), backend=backend, data_dir=FIXTURES)
    assert code == 0
    over_http = json.loads((tmp_path / "r" / "results.json").read_text(encoding="utf-8"))
    in_process = json.loads((full_run[1] / "results.json").read_text(encoding="utf-8"))
    assert over_http["meta"]["mode"] == "url"
    assert over_http["suites"]["qa"]["retrieval_source"] == "answer citations"
    assert "HTTP API does not expose" in (tmp_path / "r" / "report.md").read_text(encoding="utf-8")
    for suite in ("precheck", "dialogue"):
        assert over_http["suites"][suite]["metrics"]["decision_accuracy"] == \
            in_process["suites"][suite]["metrics"]["decision_accuracy"]
    statuses = {i["id"]: i["returned_status"] for i in over_http["suites"]["qa"]["items"]}
    assert statuses == {i["id"]: i["returned_status"] for i in in_process["suites"]["qa"]["items"]}


@pytest.mark.parametrize(
    ("address", "clause_id"),
    [
        ({"id": "a5p1i1s3", "article": 5}, "a5p1i1s3"),
        ({"article": 5, "paragraph": None, "item": 1, "subitem": 3}, "a5p1i1s3"),
        ({"article": 4, "paragraph": 2, "item": None, "subitem": None}, "a4p2"),
        ({"article": 9, "paragraph": None, "item": None, "subitem": None}, "a9"),
    ],
    ids=["the id when given", "items carry paragraph 1", "a paragraph", "a whole article"],
)
def test_a_citation_address_yields_its_clause_id(address, clause_id):
    assert clause_id_of(address) == clause_id


def test_a_batch_split_runs_the_qa_suite_from_the_data_dir(services, tmp_path):
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    questions = (FIXTURES / "qa_dev.yaml").read_text(encoding="utf-8")
    (data_dir / "qa_fresh.yaml").write_text(questions, encoding="utf-8")
    report_dir = tmp_path / "report"
    args = eval_args(tmp_path, "[qa]\nanswer_recall_at_3_clause = 0.0\n", split="fresh", data_dir=str(data_dir),
                     report=str(report_dir))
    assert main(args, services=services) == 0
    results = json.loads((report_dir / "results.json").read_text(encoding="utf-8"))
    assert list(results["suites"]) == ["qa"] and results["meta"]["splits"] == ["fresh"]
    assert {item["split"] for item in results["suites"]["qa"]["items"]} == {"fresh"}
    assert results["suites"]["qa"]["metrics"]["answer_recall_at_3_clause"] is not None


def test_a_batch_split_of_a_suite_without_it_is_a_usage_error(services, tmp_path):
    assert main(eval_args(tmp_path, suite="precheck", split="english"), services=services, data_dir=FIXTURES) == 2


def test_the_cli_offers_every_split_the_runner_knows():
    from assistant.cli import build_parser
    from eval.runner import SPLIT_CHOICES

    parser = build_parser()
    for split in SPLIT_CHOICES:
        args = parser.parse_args(["eval", "--split", split, "--data-dir", "eval/data"])
        assert args.split == split and args.data_dir == "eval/data"
