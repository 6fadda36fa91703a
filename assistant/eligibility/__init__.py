"""Eligibility pre-check: facts schema, rules as data with clause references, three-valued engine,
amount bounds, next questions and the material checklist. Pure: the package loader reads the files."""

from assistant.eligibility.amounts import AmountBound, amount_bound
from assistant.eligibility.categories import relevant_categories
from assistant.eligibility.checklist import Checklist, ChecklistItem, build_checklist
from assistant.eligibility.conditions import ConditionOutcome, assess
from assistant.eligibility.engine import evaluate
from assistant.eligibility.facts import FactsBase, build_facts_model, fact_value, parse_facts
from assistant.eligibility.loader import build_rulebook
from assistant.eligibility.render import render_precheck_table
from assistant.eligibility.report import CategoryResult, NextQuestion, PrecheckReport
from assistant.eligibility.rules import RuleBook

__all__ = [
    "AmountBound",
    "ConditionOutcome",
    "amount_bound",
    "assess",
    "CategoryResult",
    "Checklist",
    "ChecklistItem",
    "FactsBase",
    "build_facts_model",
    "build_rulebook",
    "fact_value",
    "NextQuestion",
    "PrecheckReport",
    "RuleBook",
    "build_checklist",
    "evaluate",
    "parse_facts",
    "relevant_categories",
    "render_precheck_table",
]
