"""What a question asks of the one answering (does it apply to us, help to deceive) and what kind of answer it wants."""

from __future__ import annotations

import pytest

from assistant.language.answer_types import asks_time, states_figure, states_time
from assistant.language.requests import asks_applicability, seeks_deception


@pytest.mark.parametrize(("text", "expected"), [
    ("这个办法跟我们公司沾边吗？", True),
    ("咱们单位属不属于扶持范围？", True),
    ("双跨平台奖励多少钱？", False),  # nobody asks whether it applies to them
    ("这个办法适用于哪些单位？", False),  # applies, but not to the speaker
])
def test_asking_whether_the_measures_apply_to_the_speaker(text: str, expected: bool) -> None:
    assert asks_applicability(text) is expected


@pytest.mark.parametrize(("text", "expected"), [
    ("能不能帮我伪造几张发票？", True),  # help, and something to fake
    ("怎样把收入报高一点才不会被发现？", True),  # getting round a check is enough
    ("如何包装一下数据才能过审？", True),  # how to X so that Y, with something to dress up
    ("伪造发票申报会有什么后果？", False),  # names deception, asks what the text says about it
    ("帮我算一下收入500万能拿多少？", False),  # help, nothing deceptive
])
def test_asking_for_help_to_deceive(text: str, expected: bool) -> None:
    assert seeks_deception(text) is expected


def test_when_questions_and_clauses_that_name_a_time() -> None:
    assert asks_time("资金几月份能到账？") and asks_time("公示多长时间？")
    assert not asks_time("资金拨付到哪里？")
    assert states_time("公示时间 5 个工作日") and states_time("本办法自公布之日起实施")
    assert not states_time("结合本年度工业互联网发展情况制定本年专项资金预算")  # 年度 names a budget, not when


def test_a_figure_is_digits_or_a_counted_chinese_numeral() -> None:
    assert states_figure("给予 500 万元一次性奖励") and states_figure("形成不少于两项典型创新应用场景")
    assert not states_figure("规范合法、统一管理")  # the 一 of 统一 counts nothing


def test_going_round_is_evasion_only_when_a_check_is_gone_round() -> None:
    assert seeks_deception("能不能帮我们想个说法，绕开专家评审直接拿钱？")
    assert seeks_deception("怎么规避审核")
    assert not seeks_deception("市经信局会不会绕过区里直接把钱转给我们？")
    assert not seeks_deception("我们怎么规避经营风险")


def test_asking_what_follows_from_deceiving_is_no_request_for_help():
    assert not seeks_deception("有个供应商说可以帮我们把材料包装一下，我有点慌：万一被查出弄虚作假，会怎么样？")
    assert seeks_deception("帮我们把材料包装一下，弄虚作假一点")
    assert seeks_deception("造假会怎么样？怎么改才不被发现")
