"""The public HTTP contract of DESIGN.md, and errors in its {"error": {"code", "message"}} shape."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from assistant.api import create_app
from assistant.settings import Settings

CATEGORIES = [
    "dual_cross_platform_reward", "pilot_demo_reward", "security_service_reward",
    "identifier_node_subsidy", "industry_platform_subsidy",
]
ADDRESS_KEYS = {"article", "paragraph", "item", "subitem", "label", "text"}


def assert_error(response, status: int) -> None:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"} and {"code", "message"} <= set(body["error"])


def test_healthz_is_ready(client):
    assert client.get("/healthz").status_code == 200


def test_ask_returns_status_answer_and_clause_addresses(client):
    body = client.post("/v1/ask", json={"question": "第三方安全服务机构最多能拿多少钱？"}).json()
    assert body["status"] == "answered"
    citation = body["citations"][0]
    assert ADDRESS_KEYS <= set(citation)
    assert (citation["article"], citation["item"], citation["subitem"]) == (5, 1, 3)
    assert citation["label"] == "第五条第（一）项第3目"


def test_ask_not_found_has_no_invented_number(client):
    body = client.post("/v1/ask", json={"question": "今天武汉天气如何？"}).json()
    assert body["status"] == "not_found"
    assert body["citations"] == []
    assert not any(character.isdigit() for character in body["answer"]), body["answer"]


def test_precheck_returns_one_result_per_category(client):
    facts = {"applicant": {"registered_in_wuhan": True, "legal_form": "independent_legal_person",
                           "major_accident_last_2y": False, "serious_dishonesty": False},
             "security_service": {"industrial_security_services": True, "industrial_security_revenue_2y_yuan": 4200000}}
    results = client.post("/v1/precheck", json={"facts": facts}).json()["results"]
    assert [result["category"] for result in results] == CATEGORIES
    security = results[2]
    assert security["status"] == "eligible" and security["max_amount_yuan"] == 420000
    for key in ("conditions", "citations", "questions"):
        assert key in security
    assert all(condition["citation"]["label"] for condition in security["conditions"])


@pytest.mark.parametrize(("facts", "field"), [
    ({"security_service": {"industrial_security_revenue_2y_yuan": -5}}, "industrial_security_revenue_2y_yuan"),
    ({"platform": {"served_enterprises": "很多"}}, "served_enterprises"),
    ({"applicant": {"favourite_colour": "red"}}, "favourite_colour"),
])
def test_bad_facts_get_422_naming_the_field(client, facts, field):
    response = client.post("/v1/precheck", json={"facts": facts})
    assert_error(response, 422)
    assert field in response.json()["error"]["message"]


def test_checklist_of_each_category_cites_every_item(client):
    for category in CATEGORIES:
        body = client.get(f"/v1/checklist/{category}").json()
        assert body["category"] == category
        # 免申即享 categories hand in nothing; the others list items, each with its clause and evidence.
        assert body["application_required"] == bool(body["items"])
        assert all(item["citation"]["label"] and item["evidence"] for item in body["items"])
    assert_error(client.get("/v1/checklist/no_such_category"), 404)


def test_clauses_tree_and_single_clause_by_label_and_id(client):
    tree = client.get("/v1/clauses").json()
    assert len(tree["clauses"]) == 15
    by_label = client.get("/v1/clauses/第五条第（一）项第3目").json()
    by_id = client.get("/v1/clauses/a5p1i1s3").json()
    assert by_label["text"] == by_id["text"] and by_id["subitem"] == 3
    assert_error(client.get("/v1/clauses/第九十九条"), 404)
    assert_error(client.get("/v1/clauses/not-a-label"), 404)


def test_clause_search_for_staff(client):
    found = client.get("/v1/clauses", params={"q": "弄虚作假"}).json()["clauses"]
    assert [clause["label"] for clause in found] == ["第十一条"]


@pytest.mark.parametrize(("method", "path", "kwargs", "status"), [
    ("post", "/v1/ask", {"content": b"{not json", "headers": {"content-type": "application/json"}}, 422),
    ("post", "/v1/ask", {"json": {}}, 422),
    ("post", "/v1/ask", {"json": {"question": ""}}, 422),
    ("post", "/v1/ask", {"json": {"question": 42}}, 422),
    ("post", "/v1/ask", {"json": {"question": "问" * 2001}}, 422),
    ("post", "/v1/ask", {"json": {"question": "x", "extra": 1}}, 422),
    ("post", "/v1/ask", {"content": b"x" * 70000, "headers": {"content-type": "application/json"}}, 413),
    ("get", "/v1/ask", {}, 405),
    ("get", "/v1/no-such-route", {}, 404),
    ("post", "/v1/chat", {"json": {"session_id": "not-a-session", "message": "你好"}}, 422),
    ("post", "/v1/chat", {"json": {"session_id": "A" * 32, "message": "你好"}}, 404),
    ("delete", "/v1/sessions/" + "B" * 32, {}, 404),
])
def test_errors_use_the_contract_shape(client, method, path, kwargs, status):
    assert_error(getattr(client, method)(path, **kwargs), status)


def test_mixed_scripts_and_markup_are_answered_as_text(client):
    response = client.post("/v1/ask", json={"question": "<script>alert(1)</script> 雙跨 platform 奖励多少？"})
    assert response.status_code == 200
    assert "<script>" not in response.json()["answer"]


def test_security_headers_and_request_id(client):
    response = client.get("/healthz")
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "default-src 'self'" in response.headers["content-security-policy"]
    assert len(response.headers["x-request-id"]) == 16


def test_cors_is_closed_by_default(client):
    response = client.options("/v1/ask", headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"})
    assert "access-control-allow-origin" not in response.headers


def test_rate_limit_answers_429_in_the_error_shape(services):
    settings = Settings(data_dir=services.settings.data_dir, rate_limit="3/minute")
    with TestClient(create_app(settings=settings, services=services)) as limited:
        statuses = [limited.get("/v1/clauses/a1").status_code for _ in range(3)]
        assert statuses == [200, 200, 200]
        assert limited.get("/healthz").status_code == 200  # probes are not limited
        last = limited.get("/v1/clauses/a1")
        assert_error(last, 429)


def test_openapi_docs_are_served(client):
    assert client.get("/docs").status_code == 200
    assert "/v1/ask" in client.get("/openapi.json").json()["paths"]
