"""Evaluation metrics as pure functions: ranked clause ids, statuses and decisions in, numbers out.

Every ratio whose denominator is empty is ``None`` ("not measured"), never 0 or 1, so a suite
without refusals cannot pass or fail a refusal gate by accident.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

RECALL_KS = (1, 3, 5)
DECISION_STATUSES = ("eligible", "ineligible", "undetermined")
MISSING_DECISION = "missing"  # the category was expected but absent from the returned results

_ARTICLE = re.compile(r"^a(\d+)")


def article_of(clause_id: str) -> int | None:
    """The article number of a clause id: "a5p1i1s3" → 5; None when the id is not a clause id."""
    match = _ARTICLE.match(clause_id)
    return int(match.group(1)) if match else None


def articles_of(clause_ids: Iterable[str]) -> list[int | None]:
    """Article numbers of clause ids, in order (duplicates kept: ranks stay clause ranks)."""
    return [article_of(clause_id) for clause_id in clause_ids]


def hit_at_k(ranked: Sequence[Any], gold: Iterable[Any], k: int) -> bool:
    """True when any gold element is among the first k of the ranking."""
    gold_set = set(gold)
    return any(element in gold_set for element in ranked[:k])


def reciprocal_rank(ranked: Sequence[Any], gold: Iterable[Any]) -> float:
    """1/rank of the first gold element in the ranking (ranks from 1); 0.0 when none is ranked."""
    gold_set = set(gold)
    for rank, element in enumerate(ranked, start=1):
        if element in gold_set:
            return 1.0 / rank
    return 0.0


def citation_hits(cited: Iterable[str], gold: Iterable[str]) -> tuple[int, int]:
    """(cited ids that are gold, cited ids): the two counts behind citation precision."""
    cited_list = list(dict.fromkeys(cited))  # citing a clause twice is one citation
    gold_set = set(gold)
    return sum(1 for clause_id in cited_list if clause_id in gold_set), len(cited_list)


def _squash(text: str) -> str:
    # Answers wrap and space numbers freely ("500 万元" vs "500万元"); compare without whitespace.
    return re.sub(r"\s+", "", text)


def missing_key_facts(answer: str, key_facts: Iterable[str]) -> list[str]:
    """The key facts not contained in the answer text, whitespace ignored on both sides."""
    squashed = _squash(answer)
    return [fact for fact in key_facts if _squash(fact) not in squashed]


def ratio(numerator: float, denominator: float) -> float | None:
    """numerator/denominator, None when there is nothing to divide by."""
    return numerator / denominator if denominator else None


def mean(values: Iterable[float | None]) -> float | None:
    """The mean of the measured values (None ignored); None when none was measured."""
    measured = [value for value in values if value is not None]
    return sum(measured) / len(measured) if measured else None


def precision_recall(predicted: Sequence[bool], expected: Sequence[bool]) -> tuple[float | None, float | None]:
    """Precision and recall of a binary prediction (e.g. "refused") against the expected labels."""
    if len(predicted) != len(expected):
        raise ValueError("predicted and expected differ in length")
    true_positives = sum(1 for p, e in zip(predicted, expected, strict=True) if p and e)
    return ratio(true_positives, sum(predicted)), ratio(true_positives, sum(expected))


def percentile(values: Sequence[float], q: float) -> float | None:
    """The q-th percentile (0–100) with linear interpolation between ranks, as numpy's default."""
    if not values:
        return None
    ordered = sorted(values)
    position = (len(ordered) - 1) * q / 100
    lower, upper = math.floor(position), math.ceil(position)
    return ordered[lower] + (ordered[upper] - ordered[lower]) * (position - lower)


# --- question answering -------------------------------------------------------------------------


@dataclass(frozen=True)
class QAOutcome:
    """What one question needs for the QA metrics (all clause ids, ranked best first)."""

    expected_status: str
    returned_status: str
    gold: tuple[str, ...]
    ranked: tuple[str, ...]
    cited: tuple[str, ...]
    key_facts: tuple[str, ...]
    missing_facts: tuple[str, ...]


def qa_item_scores(outcome: QAOutcome) -> dict[str, Any]:
    """Per-question scores: hits at 1/3/5 and reciprocal rank at clause and article level, citation counts."""
    scores: dict[str, Any] = {}
    if outcome.gold:
        gold_articles = articles_of(outcome.gold)
        ranked_articles = articles_of(outcome.ranked)
        for k in RECALL_KS:
            scores[f"hit_at_{k}_clause"] = hit_at_k(outcome.ranked, outcome.gold, k)
            scores[f"hit_at_{k}_article"] = hit_at_k(ranked_articles, gold_articles, k)
        scores["rr_clause"] = reciprocal_rank(outcome.ranked, outcome.gold)
        scores["rr_article"] = reciprocal_rank(ranked_articles, gold_articles)
    if outcome.gold:
        # What the user sees: the delivered answer's citations, in order (a refusal cites nothing).
        delivered = list(dict.fromkeys(outcome.cited))
        scores["answer_hit_at_3_clause"] = hit_at_k(delivered, outcome.gold, 3)
        scores["answer_top1_clause"] = hit_at_k(delivered, outcome.gold, 1)
    if outcome.gold and outcome.returned_status == "answered":
        scores["cited_in_gold"], scores["cited"] = citation_hits(outcome.cited, outcome.gold)
    return scores


def qa_failures(outcome: QAOutcome, scores: Mapping[str, Any]) -> list[str]:
    """Why a question fails, empty when it passes: wrong status, gold not in the top 3, no gold citation, missing facts."""
    reasons = []
    if outcome.returned_status != outcome.expected_status:
        reasons.append("status")
    if outcome.gold and not scores.get("hit_at_3_clause"):
        reasons.append("retrieval")
    if "cited" in scores and scores["cited_in_gold"] == 0:
        reasons.append("citation")  # answered, yet not one cited clause is gold (or nothing cited)
    elif "cited" in scores and not scores["answer_hit_at_3_clause"]:
        reasons.append("citation_rank")  # answered and a gold clause cited, but not among the first 3
    if outcome.missing_facts:
        reasons.append("key_facts")
    return reasons


def qa_metrics(outcomes: Sequence[QAOutcome]) -> dict[str, float | int | None]:
    """Status accuracy, the delivered answer's citations (recall@3, top-1), the retriever's recall@k and MRR
    (clause, article), citation precision, key-fact coverage, refusal precision and recall."""
    scored = [qa_item_scores(outcome) for outcome in outcomes]
    with_gold = [scores for outcome, scores in zip(outcomes, scored, strict=True) if outcome.gold]
    metrics: dict[str, float | int | None] = {"questions": len(outcomes), "with_gold": len(with_gold)}
    metrics["status_accuracy"] = ratio(
        sum(1 for outcome in outcomes if outcome.returned_status == outcome.expected_status), len(outcomes)
    )
    # Over answerable questions (those with gold clauses): a refusal counts as a miss.
    metrics["answer_recall_at_3_clause"] = mean(float(s["answer_hit_at_3_clause"]) for s in with_gold)
    metrics["answer_citation_top1"] = mean(float(s["answer_top1_clause"]) for s in with_gold)
    for level in ("clause", "article"):
        for k in RECALL_KS:
            metrics[f"recall_at_{k}_{level}"] = mean(float(s[f"hit_at_{k}_{level}"]) for s in with_gold)
        metrics[f"mrr_{level}"] = mean(s[f"rr_{level}"] for s in with_gold)
    # Micro-averaged: every citation counts once, whichever question it belongs to.
    metrics["citation_precision"] = ratio(
        sum(s.get("cited_in_gold", 0) for s in scored), sum(s.get("cited", 0) for s in scored)
    )
    metrics["key_fact_coverage"] = ratio(
        sum(len(o.key_facts) - len(o.missing_facts) for o in outcomes), sum(len(o.key_facts) for o in outcomes)
    )
    metrics["refusal_precision"], metrics["refusal_recall"] = precision_recall(
        [outcome.returned_status == "not_found" for outcome in outcomes],
        [outcome.expected_status == "not_found" for outcome in outcomes],
    )
    return metrics


# --- decisions (precheck and dialogue) ----------------------------------------------------------


@dataclass(frozen=True)
class DecisionOutcome:
    """One (case, category) decision: expected and returned status and amount bound."""

    category: str
    expected_status: str
    returned_status: str
    expected_amount: int | None
    returned_amount: int | None
    check_amount: bool = True  # False when the case does not state an expected amount

    @property
    def status_ok(self) -> bool:
        return self.expected_status == self.returned_status

    @property
    def amount_ok(self) -> bool | None:
        """None when unchecked; for a (rightly) ineligible decision, null and 0 both mean "no money"."""
        if not self.check_amount:
            return None
        if self.expected_status == self.returned_status == "ineligible":
            return (self.expected_amount or 0) == (self.returned_amount or 0)
        return self.expected_amount == self.returned_amount


def compare_decisions(expected: Mapping[str, Mapping[str, Any]], results: Sequence[Mapping[str, Any]]) -> list[DecisionOutcome]:
    """Expected decisions by category against a precheck's results; only the expected categories are checked."""
    returned = {result["category"]: result for result in results}
    outcomes = []
    for category, want in expected.items():
        got = returned.get(category, {})
        outcomes.append(
            DecisionOutcome(
                category=category,
                expected_status=want["status"],
                returned_status=got.get("status", MISSING_DECISION),
                expected_amount=want.get("max_amount_yuan"),
                returned_amount=got.get("max_amount_yuan"),
                check_amount="max_amount_yuan" in want,
            )
        )
    return outcomes


def decision_metrics(cases: Sequence[Sequence[DecisionOutcome]]) -> dict[str, float | int | None]:
    """Decision accuracy and amount exact-match over all (case, category) pairs; case accuracy when all pairs are right."""
    pairs = [outcome for case in cases for outcome in case]
    amounts = [outcome.amount_ok for outcome in pairs if outcome.amount_ok is not None]
    return {
        "cases": len(cases),
        "decisions": len(pairs),
        "decision_accuracy": ratio(sum(outcome.status_ok for outcome in pairs), len(pairs)),
        "amount_exact_match": ratio(sum(amounts), len(amounts)),
        "case_accuracy": ratio(
            sum(all(o.status_ok and o.amount_ok is not False for o in case) for case in cases), len(cases)
        ),
    }


def confusion_matrix(outcomes: Iterable[DecisionOutcome]) -> dict[str, dict[str, int]]:
    """counts[expected][returned] over the decision statuses (plus "missing" when a category was not returned)."""
    counts = Counter((outcome.expected_status, outcome.returned_status) for outcome in outcomes)
    labels = list(DECISION_STATUSES) + sorted({label for pair in counts for label in pair} - set(DECISION_STATUSES))
    return {expected: {returned: counts[(expected, returned)] for returned in labels} for expected in labels}


def group_by(items: Iterable[Any], key: Any) -> dict[str, list[Any]]:
    """Items grouped by key(item), groups in first-seen order."""
    groups: dict[str, list[Any]] = defaultdict(list)
    for item in items:
        groups[key(item)].append(item)
    return dict(groups)


# --- gates ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class GateResult:
    """One gate: a metric of a suite held against a floor (at least) or a ceiling (at most)."""

    suite: str
    metric: str
    bound: float
    at_most: bool
    value: float | None

    @property
    def passed(self) -> bool | None:
        """None when the metric was not measured on this run (e.g. no refusals expected)."""
        if self.value is None:
            return None
        return self.value <= self.bound if self.at_most else self.value >= self.bound


def check_gates(gates: Mapping[str, Mapping[str, Any]], metrics: Mapping[str, Mapping[str, Any]]) -> list[GateResult]:
    """Hold each suite's metrics against its gates; suites that were not run are skipped.

    A gate section maps metric → floor; its ``at_most`` sub-table maps metric → ceiling (latencies).
    """
    results = []
    for suite, section in gates.items():
        if suite not in metrics:
            continue
        bounds = [(name, value, False) for name, value in section.items() if name != "at_most"]
        bounds += [(name, value, True) for name, value in section.get("at_most", {}).items()]
        for name, bound, at_most in bounds:
            if name not in metrics[suite]:
                raise KeyError(f"gate [{suite}] {name}: no such metric")
            results.append(GateResult(suite, name, float(bound), at_most, metrics[suite][name]))
    return results
