"""Properties: the numeral reader never raises; every fact a labelled turn states is stored or asked
back; another party's or a planned figure adds no fact."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.language.numerals import find_numbers
from assistant.reading import read_facts
from tests.conversation.labelled import ALL_CASES
from tests.conversation.test_extraction import KNOWN_MISSES

CASES = [case for case in ALL_CASES if not case.get("context")]
# Segments that speak of another party or of a plan, with figures of every kind the facts count.
# (Each ends its sentence: within one, a segment with no subject of its own goes on about the same party.)
OTHERS_AND_PLANS = [
    "同行一家公司安全服务收入{n}万。",
    "合作伙伴的平台服务了{n}家企业。",
    "隔壁那家的节点日均解析量{n}次。",
    "我们打算明年把平台服务企业做到{n}家。",
    "准备再接入{n}台设备。",
]
NUMERAL_CHARS = (
    "零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟0123456789.,点个wWkK多余几-到元家台"
)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=NUMERAL_CHARS, max_size=400))
def test_numeral_reader_never_raises_on_numeral_soup(text):
    for mention in find_numbers(text):
        assert mention.value is None or abs(mention.value) <= 1e16


def test_numeral_reader_gives_not_a_number_for_absurd_numerals():
    assert [m.value for m in find_numbers("一" * 310)] == [None]
    assert [m.value for m in find_numbers("三百万" + "亿" * 60)] == [None]
    assert find_numbers("420万")[0].value == 4_200_000


def _paths(delta: dict, prefix: str = ""):
    for key, value in delta.items():
        if isinstance(value, dict):
            yield from _paths(value, f"{prefix}{key}.")
        else:
            yield f"{prefix}{key}", value


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sampled_from([case for case in CASES if case["expected_delta"] or case.get("expected_to_confirm")]))
def test_every_fact_a_labelled_turn_states_is_stored_or_asked_back(services, case):
    """Over the labelled cases (not the reader's own output): each fact the label says the message states
    ends up in the session or its question is in the reply; a figure to confirm is asked back."""
    reader = services.default.reader
    body = services.dialogue.turn(None, case["message"])
    asked_fact = (body.get("next_question") or {}).get("fact")
    for path, value in _paths(case["expected_delta"]):
        stored = body["facts"]
        for key in path.split("."):
            stored = stored.get(key) if isinstance(stored, dict) else None
        question = reader.spec(path).question or "\0"
        if case["name"] in KNOWN_MISSES:
            continue
        assert stored == value or question in body["reply"] or asked_fact == path, (
            case["message"], path, body["reply"]
        )
    if case.get("expected_to_confirm") and case["name"] not in KNOWN_MISSES:
        assert "？" in body["reply"], (case["message"], body["reply"])


@settings(max_examples=80, deadline=None)
@given(
    st.sampled_from([case for case in CASES if len(case["message"]) >= 8]),  # a bare "一百二十家" is read whole
    st.sampled_from(OTHERS_AND_PLANS),
    st.integers(min_value=2, max_value=99_999),
)
def test_another_partys_or_a_planned_figure_never_adds_a_fact(services, case, preface, number):
    """Putting a segment about somebody else or about a plan before a message changes nothing it states."""
    reader = services.default.reader
    alone = read_facts(case["message"], None, reader)
    prefaced = read_facts(preface.format(n=number) + case["message"], None, reader)
    assert prefaced.delta == alone.delta, (preface, case["message"])


def test_a_text_without_statement_words_states_no_fact_but_figures():
    """The answering layer reads a question's statements only when ``may_state_facts`` says so: over every
    labelled message, question and dialogue turn, what it skips states nothing (homophone typos aside, which
    the question reader corrects before)."""
    import yaml

    from assistant.reading import read_facts
    from tests.conversation.labelled import HERE, REPO
    from tests.conversation.test_extraction import READER

    texts = [case["message"] for path in HERE.glob("extraction_*.yaml") for case in yaml.safe_load(path.read_text(encoding="utf-8"))]
    texts += [q["question"] for path in (REPO / "eval/data").glob("qa_*.yaml") for q in yaml.safe_load(path.read_text(encoding="utf-8"))["questions"]]
    assert len(texts) > 3000
    skipped_but_stating = []
    for text in texts:
        if READER.may_state_facts(text):
            continue
        delta = read_facts(text, None, READER).delta
        leaves = [value for section in delta.values() for value in (section.values() if isinstance(section, dict) else [section])]
        if any(not (isinstance(value, int) and not isinstance(value, bool)) for value in leaves):
            skipped_but_stating.append(text)
    assert len(skipped_but_stating) <= len(texts) // 200, skipped_but_stating


def test_a_count_of_parties_applying_together_is_no_figure_and_names_a_consortium() -> None:
    from assistant.corpus import DEFAULT_CORPUS_DIR, load_package
    from assistant.reading import FactReader, read_facts

    reader = FactReader.from_facts(load_package(DEFAULT_CORPUS_DIR / "wuhan-industrial-internet-fund-measures").facts)
    delta = read_facts("平台这块是四家单位联合起来申报的，我们牵头", None, reader).delta
    assert "platform" not in delta
    delta = read_facts("我们和另外两家公司作为一个主体去报平台补助", None, reader).delta
    assert delta == {"applicant": {"legal_form": "consortium"}}


def _read(message: str) -> dict:
    from assistant.corpus import DEFAULT_CORPUS_DIR, load_package
    from assistant.reading import FactReader, read_facts

    reader = FactReader.from_facts(load_package(DEFAULT_CORPUS_DIR / "wuhan-industrial-internet-fund-measures").facts)
    return read_facts(message, None, reader).delta


def test_markdown_task_boxes_and_code_spans_are_read_as_a_form() -> None:
    assert _read("- [x] 独立法人\n- [ ] 联合体")["applicant"]["legal_form"] == "independent_legal_person"
    # A comma grouping digits is no pause: both yearly sums are read and added.
    delta = _read("- 网络安全服务收入：2023年 `2,100,000` 元，2024年 `1,950,000` 元")
    assert delta["security_service"]["industrial_security_revenue_2y_yuan"] == 4_050_000


def test_a_first_title_now_denied_for_the_years_before_is_had_for_the_first_time() -> None:
    delta = _read("今年第一次评上了国家双跨平台，前几年怎么申报都没评上")
    assert delta["national_recognition"]["dual_cross_platform"] == {"awarded": True, "first_time": True}
    assert _read("双跨平台我们报过，一直没评上")["national_recognition"]["dual_cross_platform"] == {"awarded": False}


@pytest.mark.parametrize(
    ("message", "fact", "value"),
    [
        ("近两年零重大安全/质量/环保事故", "major_accident_last_2y", False),
        ("近两年重大安全、质量、环保事故，0起", "major_accident_last_2y", False),
        ("严重失信行为，0次", "serious_dishonesty", False),
        ("重大安全事故，300起", "major_accident_last_2y", True),  # a count that is not zero
    ],
)
def test_a_count_of_zero_denies_the_event(message: str, fact: str, value: bool) -> None:
    from assistant.corpus import DEFAULT_CORPUS_DIR, load_package
    from assistant.reading import FactReader, read_facts

    reader = FactReader.from_facts(load_package(DEFAULT_CORPUS_DIR / "wuhan-industrial-internet-fund-measures").facts)
    assert read_facts(message, None, reader).delta["applicant"][fact] is value
