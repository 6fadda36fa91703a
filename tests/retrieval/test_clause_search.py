"""Staff search by meaning: typo-tolerant, numbers as written, the text's silence said — through GET /v1/search."""

from __future__ import annotations

import pytest

from assistant.retrieval.clause_search import highlight_spans, numbers_in


def search(client, query: str, k: int = 5) -> dict:
    response = client.get("/v1/search", params={"q": query, "k": k})
    assert response.status_code == 200, response.text
    return response.json()


def highlighted(hit: dict) -> list[str]:
    return [hit["text"][start:end] for start, end in hit["highlights"]]


def test_highlight_spans_prefer_the_longest_term_and_never_overlap() -> None:
    text = "若发现申报材料弄虚作假，将取消其当年申报资格"
    spans = highlight_spans(text, ["作假", "弄虚作假", "申报"])
    assert [text[s:e] for s, e in spans] == ["申报", "弄虚作假", "申报"]


def test_numbers_are_read_as_the_text_writes_them() -> None:
    assert numbers_in("补助 200 万") == ["200万"]
    assert numbers_in("收入1.5亿") == ["1.5亿"]


def test_a_homophone_typo_finds_the_clause_of_the_right_word(client) -> None:
    body = search(client, "弄虚做假")
    assert body["corrections"] == [{"typed": "弄虚做假", "meant": "弄虚作假"}]
    first = body["results"][0]
    assert first["label"] == "第十一条"
    assert "弄虚作假" in highlighted(first)
    assert body["missing"] == []


def test_a_question_about_money_finds_clauses_that_state_an_amount(client) -> None:
    body = search(client, "多少钱")
    top = body["results"][:3]
    assert all(any(word.endswith("万元") for word in highlighted(hit)) for hit in top), top
    assert all(hit["label"].startswith(("第五条", "第四条")) for hit in top)


def test_a_number_with_a_word_finds_the_clauses_holding_that_number(client) -> None:
    body = search(client, "补助 200万")
    labels = [hit["label"] for hit in body["results"][:2]]
    # 第五条第（二）项: both subsidies are "最高200万元".
    assert sorted(labels) == ["第五条第（二）项第1目", "第五条第（二）项第2目"]
    assert all("200万" in highlighted(hit) for hit in body["results"][:2])


def test_a_word_the_text_never_uses_is_reported_missing(client) -> None:
    body = search(client, "截止时间")
    assert body["missing"] == ["截止"]
    assert body["results"], "related clauses are still shown, with the note that the text is silent"


@pytest.mark.parametrize("k", [1, 3])
def test_k_limits_the_number_of_cards(client, k: int) -> None:
    assert len(search(client, "安全服务 奖励", k=k)["results"]) == k


def test_an_empty_query_is_refused_with_the_error_shape(client) -> None:
    response = client.get("/v1/search", params={"q": ""})
    assert response.status_code == 422
    assert "error" in response.json()
