"""Eval metrics on small hand-computed examples."""

from __future__ import annotations

import pytest

from eval.metrics import (
    DecisionOutcome,
    QAOutcome,
    article_of,
    check_gates,
    citation_hits,
    compare_decisions,
    confusion_matrix,
    decision_metrics,
    hit_at_k,
    missing_key_facts,
    percentile,
    precision_recall,
    qa_failures,
    qa_item_scores,
    qa_metrics,
    reciprocal_rank,
)


def qa(expected: str = "answered", returned: str = "answered", gold=(), ranked=(), cited=(), facts=(), missing=()):
    return QAOutcome(expected, returned, tuple(gold), tuple(ranked), tuple(cited), tuple(facts), tuple(missing))


@pytest.mark.parametrize(("clause_id", "article"), [("a5p1i1s3", 5), ("a12", 12), ("a4p2", 4), ("x1", None)])
def test_article_is_read_from_the_clause_id(clause_id, article):
    assert article_of(clause_id) == article


def test_hit_at_k_counts_only_the_first_k_ranks():
    ranked = ["a1", "a2", "a5p1i1s1", "a6"]
    assert not hit_at_k(ranked, {"a5p1i1s1"}, 2)
    assert hit_at_k(ranked, {"a5p1i1s1"}, 3)


def test_reciprocal_rank_is_one_over_the_first_gold_rank():
    assert reciprocal_rank(["a1", "a2", "a8p2", "a9"], {"a9", "a8p2"}) == pytest.approx(1 / 3)
    assert reciprocal_rank(["a1", "a2"], {"a9"}) == 0.0


def test_article_level_scores_accept_a_sibling_clause_of_the_gold_article():
    # gold a5p1i1s1; ranked: a4p1i1s1 (article 4), a5p1i1s2 (article 5, wrong clause) → clause miss, article hit at 2
    scores = qa_item_scores(qa(gold=["a5p1i1s1"], ranked=["a4p1i1s1", "a5p1i1s2"]))
    assert scores["hit_at_1_article"] is False and scores["hit_at_3_article"] is True
    assert scores["rr_article"] == 0.5
    assert scores["hit_at_5_clause"] is False and scores["rr_clause"] == 0.0


def test_citation_hits_count_a_repeated_citation_once():
    assert citation_hits(["a5p1i1s1", "a5p1i1s1", "a7p2"], ["a5p1i1s1"]) == (1, 2)


def test_key_facts_match_whatever_the_spacing():
    answer = "给予 500 万元一次性奖励，免申即享。"
    assert missing_key_facts(answer, ["500万元", "免申即享", "征求意见稿"]) == ["征求意见稿"]


def test_refusal_precision_and_recall():
    # predicted refusals: items 0, 1; expected refusals: items 1, 2 → TP 1; P = 1/2, R = 1/2
    assert precision_recall([True, True, False, False], [False, True, True, False]) == (0.5, 0.5)


def test_precision_is_not_measured_when_nothing_was_predicted():
    assert precision_recall([False, False], [True, False]) == (None, 0.0)


def test_percentile_interpolates_between_ranks():
    values = [10.0, 20.0, 30.0, 40.0, 50.0]
    assert percentile(values, 50) == 30.0
    assert percentile(values, 95) == pytest.approx(48.0)  # position 0.95 × 4 = 3.8 → 40 + 0.8 × 10
    assert percentile([], 50) is None


def test_qa_metrics_on_three_questions():
    outcomes = [
        # gold first → hit@1, RR 1; cites gold + one other; 1 of 2 facts
        qa(gold=["a5p1i1s1"], ranked=["a5p1i1s1", "a7p2"], cited=["a5p1i1s1", "a7p2"],
           facts=["500万元", "免申即享"], missing=["免申即享"]),
        # gold at rank 2 → hit@3, RR 1/2; cites gold only
        qa(gold=["a4p1i2s2"], ranked=["a5p1i2s2", "a4p1i2s2"], cited=["a4p1i2s2"], facts=["100家"]),
        # out of scope, rightly refused
        qa(expected="not_found", returned="not_found", ranked=["a1"]),
    ]
    metrics = qa_metrics(outcomes)
    assert metrics["with_gold"] == 2
    assert metrics["recall_at_1_clause"] == 0.5
    assert metrics["recall_at_3_clause"] == 1.0
    assert metrics["mrr_clause"] == 0.75  # (1 + 1/2) / 2
    assert metrics["recall_at_1_article"] == 0.5  # a5p1i2s2 is article 5, gold article 4
    assert metrics["citation_precision"] == pytest.approx(2 / 3)  # 2 gold citations of 3
    assert metrics["key_fact_coverage"] == pytest.approx(2 / 3)  # 2 facts found of 3
    assert metrics["refusal_precision"] == 1.0 and metrics["refusal_recall"] == 1.0
    assert metrics["status_accuracy"] == 1.0


def test_a_wrongly_answered_out_of_scope_question_lowers_refusal_recall():
    metrics = qa_metrics([qa(expected="not_found", returned="answered"), qa(expected="not_found", returned="not_found")])
    assert metrics["refusal_recall"] == 0.5
    assert metrics["refusal_precision"] == 1.0
    assert metrics["recall_at_3_clause"] is None  # no question with gold: not measured


def test_qa_failure_reasons():
    outcome = qa(expected="answered", returned="answered", gold=["a9"], ranked=["a1", "a2", "a3", "a9"],
                 cited=["a8p2"], facts=["5个工作日"], missing=["5个工作日"])
    assert qa_failures(outcome, qa_item_scores(outcome)) == ["retrieval", "citation", "key_facts"]
    right = qa(gold=["a9"], ranked=["a9"], cited=["a9"])
    assert qa_failures(right, qa_item_scores(right)) == []


def test_decisions_compare_only_the_expected_categories():
    results = [
        {"category": "dual_cross_platform_reward", "status": "eligible", "max_amount_yuan": 5_000_000},
        {"category": "pilot_demo_reward", "status": "undetermined", "max_amount_yuan": None},
    ]
    expected = {
        "dual_cross_platform_reward": {"status": "eligible", "max_amount_yuan": 5_000_000},
        "security_service_reward": {"status": "ineligible", "max_amount_yuan": None},
    }
    outcomes = compare_decisions(expected, results)
    assert [(o.category, o.status_ok, o.amount_ok) for o in outcomes] == [
        ("dual_cross_platform_reward", True, True),
        ("security_service_reward", False, True),  # not returned: status "missing", amount None == None
    ]
    assert outcomes[1].returned_status == "missing"


def test_decision_metrics_and_confusion():
    case_a = [DecisionOutcome("c1", "eligible", "eligible", 100, 100),
              DecisionOutcome("c2", "ineligible", "undetermined", None, None)]
    case_b = [DecisionOutcome("c1", "eligible", "eligible", 100, 90)]
    metrics = decision_metrics([case_a, case_b])
    assert metrics["decision_accuracy"] == pytest.approx(2 / 3)
    assert metrics["amount_exact_match"] == pytest.approx(2 / 3)
    assert metrics["case_accuracy"] == 0.0  # case_a has a wrong status, case_b a wrong amount
    confusion = confusion_matrix(case_a + case_b)
    assert confusion["eligible"]["eligible"] == 2
    assert confusion["ineligible"]["undetermined"] == 1
    assert confusion["undetermined"]["eligible"] == 0


def test_an_unstated_amount_is_not_checked():
    outcome = compare_decisions({"c1": {"status": "eligible"}}, [{"category": "c1", "status": "eligible",
                                                                  "max_amount_yuan": 7}])[0]
    assert outcome.amount_ok is None
    assert decision_metrics([[outcome]])["amount_exact_match"] is None


def test_gates_floors_ceilings_and_unmeasured_metrics():
    gates = {"qa": {"recall_at_3_clause": 0.9, "refusal_recall": 1.0, "at_most": {"latency_p95_ms": 500}},
             "dialogue": {"decision_accuracy": 0.9}}
    metrics = {"qa": {"recall_at_3_clause": 0.9, "refusal_recall": None, "latency_p95_ms": 650.0}}
    results = {(g.metric): g.passed for g in check_gates(gates, metrics)}
    assert results == {"recall_at_3_clause": True, "refusal_recall": None, "latency_p95_ms": False}


def test_a_gate_on_an_unknown_metric_is_an_error():
    with pytest.raises(KeyError, match="recall_at_3"):
        check_gates({"qa": {"recall_at_3": 0.9}}, {"qa": {"recall_at_3_clause": 1.0}})


def test_an_ineligible_decision_without_money_matches_whether_null_or_zero():
    assert DecisionOutcome("c1", "ineligible", "ineligible", None, 0).amount_ok is True
    assert DecisionOutcome("c1", "eligible", "eligible", None, 0).amount_ok is False  # an eligible bound must match


def test_delivered_citations_score_what_the_user_sees_beside_the_retriever():
    outcomes = [
        # the retriever ranks the gold first, the answer cites it fourth: a retrieval hit, a delivered miss
        qa(gold=["a5p1i1s1"], ranked=["a5p1i1s1"], cited=["a7p2", "a1", "a2", "a5p1i1s1"]),
        # the answer cites the gold first: a hit at 1 and at 3
        qa(gold=["a4p1i2s2"], ranked=["a4p1i2s2"], cited=["a4p1i2s2", "a7p3"]),
        # an answerable question refused: nothing delivered, a miss though the retriever found it
        qa(returned="not_found", gold=["a9"], ranked=["a9"]),
        # a refusal expected: not counted (no gold)
        qa(expected="not_found", returned="not_found"),
    ]
    metrics = qa_metrics(outcomes)
    assert metrics["recall_at_3_clause"] == 1.0
    assert metrics["answer_recall_at_3_clause"] == pytest.approx(1 / 3)
    assert metrics["answer_citation_top1"] == pytest.approx(1 / 3)


def test_a_repeated_citation_takes_one_of_the_first_three_places():
    # cited a1, a1, a2, a9 → distinct a1, a2, a9: the gold a9 is third
    scores = qa_item_scores(qa(gold=["a9"], cited=["a1", "a1", "a2", "a9"]))
    assert scores["answer_hit_at_3_clause"] is True and scores["answer_top1_clause"] is False


def test_delivered_citation_metrics_are_not_measured_without_answerable_questions():
    metrics = qa_metrics([qa(expected="not_found", returned="not_found")])
    assert metrics["answer_recall_at_3_clause"] is None and metrics["answer_citation_top1"] is None


def test_a_gold_citation_below_the_third_place_is_a_failure_of_its_own():
    outcome = qa(gold=["a9"], ranked=["a9"], cited=["a1", "a2", "a3", "a9"])
    assert qa_failures(outcome, qa_item_scores(outcome)) == ["citation_rank"]
