"""eval/first_run.py: a blind batch's first-run figures and misses, as the extraction test counts them."""

from __future__ import annotations

from pathlib import Path

import yaml

from eval.first_run import extraction_report


def test_extraction_report_counts_exact_cases_and_prints_each_miss(tmp_path: Path) -> None:
    batch = tmp_path / "extraction_freshX.yaml"
    batch.write_text(yaml.safe_dump([
        {"name": "Wuhan registration read.", "kind": "no_subject", "message": "我们在武汉注册",
         "expected_delta": {"applicant": {"registered_in_wuhan": True}}},
        {"name": "Deliberately wrong label.", "kind": "no_subject", "message": "我们在武汉注册",
         "context": {"pending_question_fact": "applicant.registered_in_wuhan"},
         "expected_delta": {"applicant": {"registered_in_wuhan": False}}},
    ], allow_unicode=True), encoding="utf-8")
    report = "\n".join(extraction_report(batch))
    assert "- 1/2 exact, 1 with a wrong value; pending 0/1" in report
    assert "| no_subject | 1/2 |" in report
    assert "MISS Deliberately wrong label. | kind no_subject" in report
    assert "Wuhan registration read." not in report
