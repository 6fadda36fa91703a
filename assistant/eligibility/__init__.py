"""Eligibility pre-check: facts schema, rules as data with clause references, three-valued engine,
amount bounds, next questions and the material checklist. Pure except for loading the rule file."""

from assistant.eligibility.categories import CATEGORIES, relevant_categories
from assistant.eligibility.checklist import Checklist, ChecklistItem, build_checklist
from assistant.eligibility.engine import evaluate
from assistant.eligibility.facts import Facts, parse_facts
from assistant.eligibility.loader import load_rulebook
from assistant.eligibility.render import render_precheck_table
from assistant.eligibility.report import CategoryResult, NextQuestion, PrecheckReport
from assistant.eligibility.rules import RuleBook

__all__ = [
    "CATEGORIES",
    "CategoryResult",
    "Checklist",
    "ChecklistItem",
    "Facts",
    "NextQuestion",
    "PrecheckReport",
    "RuleBook",
    "build_checklist",
    "evaluate",
    "load_rulebook",
    "parse_facts",
    "relevant_categories",
    "render_precheck_table",
]
