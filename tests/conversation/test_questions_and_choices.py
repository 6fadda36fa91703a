"""The chat asks each missing fact at most twice (the second time with choices), never a known fact,
takes clicked or typed choices, and keeps plain questions plain."""

from __future__ import annotations

from typing import Any

import pytest

from assistant.conversation.facts_paths import value_at
from assistant.errors import InvalidInput
from tests.conversation.labelled import DIALOGUES

LEGAL_FORM = "applicant.legal_form"
STALLING = ["稍等", "这个我不太清楚", "等我问问同事", "先看看别的"]


def _check_asking(bodies: list[dict[str, Any]], known_before: list[dict[str, Any]]) -> None:
    """No fact asked more than twice; the second time with choices; never a fact already known."""
    asked: dict[str, int] = {}
    for body, facts in zip(bodies, known_before, strict=True):
        question = body.get("next_question")
        if question is None:
            continue
        fact = question["fact"]
        known = value_at(facts, fact)
        assert known is None or isinstance(known, list), (
            f"{fact} is known ({known!r}) yet asked: {body['reply']}"
        )
        asked[fact] = asked.get(fact, 0) + 1
        assert asked[fact] <= 2, f"{fact} asked a third time: {body['reply']}"
        if asked[fact] == 2 and question["choices"]:
            assert "1. " in body["reply"], f"second asking of {fact} without its choices: {body['reply']}"


def _run(services, messages: list[str]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    session_id, bodies, known = None, [], []
    for message in messages:
        known.append(services.sessions.get(session_id).facts if session_id else {})
        body = services.dialogue.turn(session_id, message)
        session_id = body["session_id"]
        bodies.append(body)
    return bodies, known


@pytest.mark.parametrize("dialogue", DIALOGUES, ids=[d["name"] for d in DIALOGUES])
def test_no_dialogue_asks_a_known_fact_or_a_question_three_times(services, dialogue):
    bodies, known = _run(services, dialogue["turns"] + STALLING)
    _check_asking(bodies, known)


def test_an_unanswered_question_comes_back_once_with_choices_and_why_it_matters(services):
    bodies, known = _run(services, ["我们是做工控安全服务的，近两年收入420万", *STALLING])
    _check_asking(bodies, known)
    facts_asked = [body["next_question"]["fact"] for body in bodies if body.get("next_question")]
    first = facts_asked[0]
    second_time = [body for body in bodies if (body.get("next_question") or {}).get("fact") == first][1]
    assert second_time["next_question"]["choices"], second_time
    why = services.default.reader.replies.why_it_matters.split("{")[0]
    assert why in second_time["reply"] and "1. " in second_time["reply"], second_time["reply"]
    first_time = next(body for body in bodies if (body.get("next_question") or {}).get("fact") == first)
    assert why not in first_time["reply"]


def test_when_nothing_is_left_to_ask_an_undecided_category_is_not_called_decided(services):
    # Every question asked twice and never answered, then one more fact: the reply names what is open.
    bodies, _known = _run(services, ["我们是做工控安全服务的", *STALLING * 3, "近两年收入420万"])
    last = bodies[-1]
    assert last["next_question"] is None, last["reply"]
    security = next(r for r in last["precheck"]["results"] if r["category"] == "security_service_reward")
    assert security["status"] == "undetermined"
    replies = services.default.reader.replies
    assert replies.all_decided not in last["reply"]
    assert replies.still_open.split("{")[1].split("}")[1][:6] in last["reply"], last["reply"]


def test_next_question_carries_choices_from_facts_yaml(services):
    body = services.dialogue.turn(None, "我们在武汉做工控安全服务，近两年收入420万")
    question = body["next_question"]
    assert question is not None and question["text"] in body["reply"]
    assert question["choices"], question


def test_a_clicked_choice_sets_the_fact_exactly(services):
    session = services.dialogue.turn(None, "我们在武汉做工控安全服务，近两年收入420万")["session_id"]
    body = services.dialogue.turn(session, "", {"fact": LEGAL_FORM, "value": "branch"})
    assert body["facts"]["applicant"]["legal_form"] == "branch"
    assert (body.get("next_question") or {}).get("fact") != LEGAL_FORM


def test_a_choice_outside_facts_yaml_is_refused(services):
    with pytest.raises(InvalidInput):
        services.dialogue.turn(None, "", {"fact": LEGAL_FORM, "value": "sole_trader"})
    with pytest.raises(InvalidInput):
        services.dialogue.turn(None, "", {"fact": "applicant.no_such_fact", "value": True})
    with pytest.raises(InvalidInput):
        services.dialogue.turn(None, "", {"fact": "platform.served_enterprises", "value": -3})


def test_typing_a_choice_label_or_its_number_answers_the_pending_question(services):
    body = services.dialogue.turn(None, "我们在武汉做工控安全服务，近两年收入420万")
    question = body["next_question"]
    choices = question["choices"]
    by_number = services.dialogue.turn(body["session_id"], str(len(choices)))
    assert value_at(by_number["facts"], question["fact"]) == choices[-1]["value"]
    body = services.dialogue.turn(None, "我们在武汉做工控安全服务，近两年收入420万")
    by_label = services.dialogue.turn(body["session_id"], choices[0]["label"])
    assert value_at(by_label["facts"], question["fact"]) == choices[0]["value"]


def test_a_company_is_partial_knowledge_and_the_question_narrows_it(services):
    body = services.dialogue.turn(None, "咱们是家做工控安全的公司，公司在武汉注册")
    assert body["facts"]["applicant"]["legal_form"] == ["independent_legal_person", "branch"]
    security = next(r for r in body["precheck"]["results"] if r["category"] == "security_service_reward")
    assert security["status"] != "ineligible"


def test_a_stated_legal_form_is_not_asked_again(services):
    bodies, known = _run(
        services, ["武汉注册的独立法人，给工业企业做网络安全服务", "近两年收入420万", "稍等"]
    )
    assert bodies[0]["facts"]["applicant"]["legal_form"] == "independent_legal_person"
    assert all((body.get("next_question") or {}).get("fact") != LEGAL_FORM for body in bodies)
    _check_asking(bodies, known)


def test_a_figure_in_a_question_is_not_stored_and_the_answer_stays_plain(services):
    session = services.dialogue.turn(None, "我们是武汉注册的独立法人，做工控安全服务")["session_id"]
    body = services.dialogue.turn(session, "安全服务机构收入500万能补多少？")
    assert "industrial_security_revenue_2y_yuan" not in body["facts"].get("security_service", {})
    plain = services.dialogue.turn(session, "弄虚作假会怎么处理？")
    assert "请问：" not in plain["reply"] and plain["next_question"] is None
    assert [c["label"] for c in plain["citations"]] == ["第十一条"]


def test_coordinated_negation_sets_both_facts(services):
    body = services.dialogue.turn(None, "近两年没出过什么安全事故，也没有失信记录")
    applicant = body["facts"]["applicant"]
    assert applicant["major_accident_last_2y"] is False and applicant["serious_dishonesty"] is False


def test_chat_route_takes_a_choice_and_returns_next_question(client):
    first = client.post("/v1/chat", json={"message": "我们在武汉做工控安全服务，近两年收入420万"}).json()
    question = first["next_question"]
    assert set(question) >= {"fact", "text", "choices"}
    value = question["choices"][0]["value"] if question["choices"] else 1
    second = client.post(
        "/v1/chat", json={"session_id": first["session_id"], "choice": {"fact": question["fact"], "value": value}}
    )
    assert second.status_code == 200, second.text
    assert (second.json().get("next_question") or {}).get("fact") != question["fact"]


@pytest.mark.parametrize(
    "payload",
    [
        {"choice": {"fact": LEGAL_FORM, "value": "sole_trader"}},
        {"choice": {"fact": "applicant.unknown", "value": True}},
        {"choice": {"fact": LEGAL_FORM}},
        {"message": ""},
    ],
    ids=["value outside the choices", "unknown fact", "no value", "neither message nor choice"],
)
def test_chat_route_refuses_a_bad_choice_with_422(client, payload):
    response = client.post("/v1/chat", json=payload)
    assert response.status_code == 422, response.text
    assert response.json()["error"]["code"]
