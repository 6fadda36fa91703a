"""A second regulation added as the README says (a package folder in the corpus), answered end to end.

The toy package (tests/fixtures/county-rural-logistics-subsidy) shares no category, condition,
amount or word with the Wuhan measures; everything it answers comes from its own files.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from assistant.api import create_app
from assistant.services import build_services
from assistant.settings import Settings

REPO = Path(__file__).resolve().parent.parent.parent
TOY = "county-rural-logistics-subsidy"
WUHAN = "wuhan-industrial-internet-fund-measures"


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory, services):
    corpus = tmp_path_factory.mktemp("corpus")
    shutil.copytree(REPO / "corpus" / WUHAN, corpus / WUHAN)
    # README, "Add a regulation": put the package folder into corpus/ and restart.
    shutil.copytree(REPO / "tests" / "fixtures" / TOY, corpus / TOY)
    settings = Settings(data_dir=tmp_path_factory.mktemp("data"), corpus_dir=corpus, rate_limit="100000/minute")
    built = build_services(settings)
    with TestClient(create_app(services=built)) as test_client:
        yield test_client
    built.close()


def test_both_regulations_are_listed_primary_first(client: TestClient):
    body = client.get("/v1/regulations").json()
    assert [regulation["id"] for regulation in body["regulations"]] == [WUHAN, TOY]
    assert body["regulations"][1]["title"] == "某县乡村电商物流补贴办法（试行）"


def test_a_question_about_the_toy_is_routed_to_it_by_retrieval(client: TestClient):
    body = client.post("/v1/ask", json={"question": "冷藏车的购车补贴最高多少？"}).json()
    assert body["status"] == "answered"
    assert {citation["regulation"] for citation in body["citations"]} == {TOY}
    assert "a3p1i2" in [citation["id"] for citation in body["citations"]]
    assert "8万元" in body["answer"]


def test_naming_the_regulation_keeps_the_answer_inside_it(client: TestClient):
    body = client.post("/v1/ask", json={"question": "申报要交哪些材料？", "regulation": TOY}).json()
    assert body["status"] == "answered"
    assert [citation["id"] for citation in body["citations"]][:1] == ["a4"]
    assert all(citation["regulation"] == TOY for citation in body["citations"])


def test_the_wuhan_measures_still_answer_beside_the_toy(client: TestClient):
    body = client.post("/v1/ask", json={"question": "双跨平台奖励多少钱？"}).json()
    assert body["status"] == "answered"
    assert body["citations"][0]["regulation"] == WUHAN and "500万元" in body["answer"]


def test_an_unknown_regulation_is_a_clear_404(client: TestClient):
    response = client.post("/v1/ask", json={"question": "补贴多少？", "regulation": "no-such-regulation"})
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "unknown_regulation"


def test_the_toy_prechecks_with_its_own_rules(client: TestClient):
    facts = {
        "applicant": {"registered_in_county": True, "wage_arrears_last_year": False},
        "vehicles": {"bought_this_year": True, "purchase_price_yuan": 400_000},
    }
    body = client.post("/v1/precheck", json={"facts": facts, "regulation": TOY}).json()
    results = {result["category"]: result for result in body["results"]}
    assert list(results) == ["parcel_station_subsidy", "cold_chain_vehicle_subsidy"]
    # 30% × 400,000 = 120,000 > the 80,000 cap
    assert results["cold_chain_vehicle_subsidy"]["status"] == "eligible"
    assert results["cold_chain_vehicle_subsidy"]["max_amount_yuan"] == 80_000
    assert results["parcel_station_subsidy"]["status"] == "undetermined"


def test_the_toy_refuses_facts_of_the_wuhan_schema(client: TestClient):
    response = client.post("/v1/precheck", json={"facts": {"platform": {"served_enterprises": 120}}, "regulation": TOY})
    assert response.status_code == 422


def test_the_facts_schema_comes_from_the_toys_files(client: TestClient):
    body = client.get("/v1/facts/schema", params={"regulation": TOY}).json()
    assert [category["id"] for category in body["categories"]] == ["parcel_station_subsidy", "cold_chain_vehicle_subsidy"]
    parcels = next(fact for fact in body["facts"] if fact["path"] == "station.yearly_parcels")
    assert (parcels["type"], parcels["unit"], parcels["label"]) == ("count", "件", "年派件量")
    registered = next(fact for fact in body["facts"] if fact["path"] == "applicant.registered_in_county")
    assert [choice["value"] for choice in registered["choices"]] == [True, False]


def test_the_toy_is_chatted_with_its_own_words(client: TestClient):
    first = client.post("/v1/chat", json={"message": "我们是快递网点，年派件量12万件", "regulation": TOY}).json()
    assert first["facts"]["station"]["yearly_parcels"] == 120_000
    results = {result["category"]: result for result in first["precheck"]["results"]}
    assert results["parcel_station_subsidy"]["status"] == "undetermined"
    second = client.post(
        "/v1/chat", json={"session_id": first["session_id"], "message": "申报要交哪些材料？", "regulation": TOY}
    ).json()
    assert "补贴申请表" in second["reply"]


def test_the_wuhan_facts_schema_is_the_default(client: TestClient):
    body = client.get("/v1/facts/schema").json()
    assert body["regulation"] == WUHAN
    assert len(body["categories"]) == 5
