"""The material checklist: 第七条第三款's materials with their clause, the evidence each condition needs,
and no materials for 免申即享 categories (第七条第二款)."""

from __future__ import annotations

import pytest

from assistant.eligibility import RuleBook, build_checklist
from assistant.errors import UnknownCategory
from tests.eligibility.wuhan import CATEGORIES

MATERIALS = [
    "申报主体营业执照",
    "申报项目简表",
    "项目介绍及证明材料",
    "申报材料、项目真实性承诺函",
    "其它需要提供的材料",
]


@pytest.mark.parametrize(
    "category", ["security_service_reward", "identifier_node_subsidy", "industry_platform_subsidy"]
)
def test_applying_categories_list_the_materials_of_article_seven_paragraph_three(
    category, rulebook: RuleBook
):
    checklist = build_checklist(category, rulebook).to_dict()
    assert checklist["application_required"] is True
    materials = [item for item in checklist["items"] if item["kind"] == "material"]
    assert [item["name"] for item in materials] == MATERIALS
    assert {item["citation"]["label"] for item in materials} == {"第七条第三款"}
    for item in checklist["items"]:
        assert set(item) >= {"name", "citation", "evidence"}
        assert item["evidence"]
        assert item["name"] in item["citation"]["text"] or item["kind"] == "condition"


def test_every_condition_of_an_applying_category_names_its_evidence(rulebook: RuleBook):
    checklist = build_checklist("identifier_node_subsidy", rulebook)
    conditions = [item.condition for item in checklist.items if item.kind == "condition"]
    node = rulebook.category("identifier_node_subsidy")
    assert node is not None
    assert conditions == [condition.id for condition in node.conditions]
    by_condition = {item.condition: item for item in checklist.items}
    assert "运营统计数据" in by_condition["new_enterprise_nodes"].evidence


def test_security_revenue_is_proven_by_contracts_and_invoices_of_article_five(rulebook: RuleBook):
    item = next(
        i
        for i in build_checklist("security_service_reward", rulebook).items
        if i.condition == "security_revenue"
    )
    assert "合同和发票" in item.evidence
    assert item.citation["label"] == "第五条第（一）项第3目"
    assert "以合同和发票为准" in item.citation["text"]


def test_platform_device_connections_are_proven_by_connection_records(rulebook: RuleBook):
    item = next(
        i
        for i in build_checklist("industry_platform_subsidy", rulebook).items
        if i.condition == "connected_devices"
    )
    assert "设备接入记录" in item.evidence


@pytest.mark.parametrize("category", ["dual_cross_platform_reward", "pilot_demo_reward"])
def test_exempt_categories_need_no_application_and_say_why(category, rulebook: RuleBook):
    checklist = build_checklist(category, rulebook)
    assert checklist.application_required is False
    assert checklist.items == ()
    assert "免申即享" in checklist.note and "第七条第二款" in checklist.note
    assert "无需提交申报材料" in checklist.to_text()


def test_every_category_has_a_checklist(rulebook: RuleBook):
    assert [build_checklist(category, rulebook).category for category in CATEGORIES] == list(CATEGORIES)


def test_the_printable_checklist_lists_each_item_with_its_clause(rulebook: RuleBook):
    text = build_checklist("security_service_reward", rulebook).to_text()
    assert "申报材料清单：工业互联网安全服务机构资金支持" in text
    assert "1. 申报主体营业执照（第七条第三款）" in text
    assert "合同和发票" in text


def test_an_unknown_category_is_refused(rulebook: RuleBook):
    with pytest.raises(UnknownCategory, match="tax_rebate"):
        build_checklist("tax_rebate", rulebook)
