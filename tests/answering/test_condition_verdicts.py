"""A condition the question's own statements fail is said, with its clause, before any amount (issue 11:
"a 分公司 asking about the pilot reward gets the amount, not 申报主体须为独立法人单位"). Real answering stack."""

from __future__ import annotations

import pytest

LEGAL_PERSON = "独立法人单位"


def _ask(answerer, question: str):
    return answerer.ask(question)


@pytest.mark.parametrize(
    ("question", "wording", "clause"),
    [
        ("我们是外地集团在武汉的分公司，没有独立法人资格，首次获评国家双跨平台，奖励能给分公司吗？", LEGAL_PERSON, "第四条第（一）项第1目"),
        ("个体工商户自己搭了一个工业互联网平台，可以报平台项目吗？", LEGAL_PERSON, "第四条第（二）项第2目"),
        ("公司目前还在严重失信名单上，这期间能申报吗？", "无严重失信行为", "第四条第二款"),
        ("我们平台还没被评为市级行业平台，能拿那200万吗？", "获评市级行业工业互联网平台", "第五条第（二）项第2目"),
    ],
)
def test_a_failed_condition_is_said_first_with_its_clause(answerer, question, wording, clause):
    answer = _ask(answerer, question)
    assert answer.status == "answered"
    first = answer.answer.split("。")[0]
    assert "不满足" in first and wording in first, answer.answer
    assert clause in answer.answer


def test_a_met_condition_is_said_only_when_the_speakers_ask_whether_they_qualify(answerer):
    asked = _ask(answerer, "我们近两年没出过重大事故，也没有失信记录，能申报吗？").answer
    assert "按问题所述，满足" in asked and "不满足" not in asked, asked
    # The same facts in a question about the amount: no verdict line for conditions nobody asked about.
    amount = _ask(answerer, "我们首次获评国家双跨平台，奖励多少钱？").answer
    assert "按问题所述" not in amount and "500万元" in amount, amount


def test_a_description_of_a_kind_of_applicant_is_no_statement_of_the_speakers(answerer):
    answer = _ask(answerer, "第三方安全服务机构要满足什么收入门槛？").answer
    assert "按问题所述，满足" not in answer, answer


def test_a_question_without_statements_gets_no_verdict_line(answerer):
    assert "按问题所述" not in _ask(answerer, "双跨平台奖励多少钱？").answer
