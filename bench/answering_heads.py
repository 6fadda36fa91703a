"""Accuracy of the fitted answering heads on the held-out questions (issue 11: report each head's).

Run: .venv/bin/python bench/answering_heads.py
Held-out labels are derived the way the package's training labels are (corpus/<id>/questions/dev.yaml):
status from the eval label; category and aspect from what the rules use the first gold clause for
(a clause several categories share gets the category its own words name, else none; a category's amount clause
that also says how a condition is proven counts as its amount clause, as in the training labels). The heads never
saw these questions; the cross-validated accuracies on the training questions are printed beside.
"""

from __future__ import annotations

import sys
import tempfile
from collections import Counter
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from assistant.answering.training import NONE  # noqa: E402
from assistant.services import build_services  # noqa: E402
from assistant.settings import Settings  # noqa: E402
from eval.labels import category_and_aspect, clause_owners  # noqa: E402

REPO = Path(__file__).resolve().parent.parent


def main() -> None:
    services = build_services(Settings(data_dir=Path(tempfile.mkdtemp(prefix="heads-"))))
    answerer, package = services.answerer, services.default.package
    owners = clause_owners(answerer)
    held = yaml.safe_load((REPO / "eval/data/qa_heldout.yaml").read_text(encoding="utf-8"))["questions"]
    scores: Counter[str] = Counter()
    totals: Counter[str] = Counter()
    for question in held:
        reading = answerer.read(question["question"])
        status = {"open_topic": "not_found", "out_of_scope": "not_found"}.get(reading.decision, reading.decision)
        totals["answerability"] += 1
        scores["answerability"] += status == question["expected_status"]
        if question["expected_status"] != "answered" or not question["gold"]:
            continue
        category, aspect = category_and_aspect(answerer, owners, question["question"], question["gold"])
        category, aspect = category or NONE, aspect or NONE
        totals["category"] += 1
        scores["category"] += (reading.categories[0] if reading.categories else NONE) == category
        totals["aspect"] += 1
        scores["aspect"] += (reading.aspect or NONE) == aspect
    print(f"training questions: {len(package.questions)}; cross-validated: {answerer.models.report}")
    for head in ("category", "aspect", "answerability"):
        print(f"held-out {head:13} accuracy {scores[head] / totals[head]:.3f} ({scores[head]}/{totals[head]})")


if __name__ == "__main__":
    main()
