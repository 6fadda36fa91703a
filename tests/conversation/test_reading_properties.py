"""Properties: the numeral reader never raises; every fact a turn states is stored or asked back."""

from __future__ import annotations

from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.language.numerals import find_numbers
from assistant.reading import read_facts

HERE = Path(__file__).parent
CASES = [
    case
    for name in ("extraction_cases.yaml", "extraction_fresh.yaml")
    for case in yaml.safe_load((HERE / name).read_text(encoding="utf-8"))
    if not case.get("context")
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


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sampled_from(CASES))
def test_every_fact_a_turn_states_is_stored_or_asked_back(services, case):
    reader = services.default.reader
    stated = read_facts(case["message"], None, reader)
    body = services.dialogue.turn(None, case["message"])
    for understood in stated.understood:
        stored = body["facts"]
        for key in understood.path.split("."):
            stored = stored.get(key) if isinstance(stored, dict) else None
        asked = (reader.spec(understood.path).question or "\0") in body["reply"] or (
            body.get("next_question") or {}
        ).get("fact") == understood.path
        assert stored == understood.value or asked, (case["message"], understood.path, body["reply"])
