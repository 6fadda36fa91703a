"""Load a rule file and check it against the regulation it cites: the only I/O of the package."""

from __future__ import annotations

from pathlib import Path
from typing import get_args

import yaml
from pydantic import ValidationError

import assistant
from assistant.eligibility.categories import CATEGORIES
from assistant.eligibility.facts import PilotProgram, fact_choices, fact_path_exists
from assistant.eligibility.rules import AmountRule, CategoryRules, ConditionRule, RuleBook, RuleFile
from assistant.eligibility.wording import WordingError, read_boundary, read_percentages, read_yuan_amounts
from assistant.errors import ClauseNotFound, RuleDataError
from assistant.regulation import Clause, Regulation, find_clause
from assistant.regulation.cleaning import squeeze_spaces

RULES_DIR = Path(assistant.__file__).resolve().parent.parent / "corpus" / "rules"


def default_rule_path(regulation: Regulation) -> Path:
    """corpus/rules/<regulation id>.yaml"""
    return RULES_DIR / f"{regulation.id}.yaml"


def load_rulebook(regulation: Regulation, path: Path | str | None = None) -> RuleBook:
    """Read, validate and check a rule file; raises RuleDataError naming the file and the condition."""
    rule_path = Path(path) if path is not None else default_rule_path(regulation)
    try:
        raw = yaml.safe_load(rule_path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise RuleDataError(f"{rule_path.name}: cannot read rule file: {error}") from error
    return build_rulebook(raw, regulation, source=rule_path.name)


def build_rulebook(raw: object, regulation: Regulation, source: str = "<rules>") -> RuleBook:
    """Validate already-parsed rule data against the regulation (pure; used by the loader and tests)."""
    try:
        rules = RuleFile.model_validate(raw)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise RuleDataError(f"{source}: {where}: {first['msg']}") from error
    checker = _Checker(regulation, source)
    checker.check(rules)
    return RuleBook(source=source, regulation=regulation, rules=rules, clauses=checker.clauses)


class _Checker:
    """Resolves every clause a rule file cites and checks each wording against its clause."""

    def __init__(self, regulation: Regulation, source: str):
        self.regulation = regulation
        self.source = source
        self.clauses: dict[str, Clause] = {}

    def fail(self, where: str, message: str) -> RuleDataError:
        return RuleDataError(f"{self.source}: {where}: {message}")

    def clause(self, reference: str, where: str) -> Clause:
        if reference not in self.clauses:
            try:
                self.clauses[reference] = find_clause(self.regulation, reference)
            except ClauseNotFound as error:
                raise self.fail(
                    where, f"cites {reference}, which {self.regulation.id} does not have"
                ) from error
        return self.clauses[reference]

    def wording_in_clause(self, reference: str, wording: str, where: str) -> None:
        clause = self.clause(reference, where)
        if squeeze_spaces(wording) not in clause.text:
            raise self.fail(where, f"wording {wording!r} is not in {clause.label}: {clause.text!r}")

    def check(self, rules: RuleFile) -> None:
        if rules.regulation != self.regulation.id:
            raise self.fail("regulation", f"rules are for {rules.regulation}, not {self.regulation.id}")
        ids = tuple(category.id for category in rules.categories)
        if ids != CATEGORIES:
            raise self.fail("categories", f"expected {list(CATEGORIES)} in this order, found {list(ids)}")
        for category in rules.categories:
            self.check_category(category)
        self.check_application(rules)

    def check_category(self, category: CategoryRules) -> None:
        self.clause(category.clause, f"category {category.id}")
        seen: set[str] = set()
        for condition in category.conditions:
            where = f"condition {category.id}.{condition.id}"
            if condition.id in seen:
                raise self.fail(where, "condition id used twice in one category")
            seen.add(condition.id)
            self.check_condition(condition, where)
        self.check_amount(category.amount, f"amount of {category.id}")

    def check_condition(self, condition: ConditionRule, where: str) -> None:
        if not fact_path_exists(condition.fact):
            raise self.fail(where, f"reads {condition.fact}, which is not in the facts schema")
        choices = fact_choices(condition.fact)
        unknown_values = set(condition.values) | set(condition.undecided_values)
        if choices is not None and not unknown_values <= set(choices):
            raise self.fail(
                where, f"values {sorted(unknown_values - set(choices))} are not among {list(choices)}"
            )
        self.wording_in_clause(condition.clause, condition.wording, where)
        if condition.evidence_clause:
            self.clause(condition.evidence_clause, where)
        if condition.is_numeric:
            self.check_boundary(condition, where)

    def check_boundary(self, condition: ConditionRule, where: str) -> None:
        # The law-reading check: the comparison must be what the clause's boundary word says.
        try:
            boundary = read_boundary(condition.wording)
        except WordingError as error:
            raise self.fail(where, str(error)) from error
        if boundary.comparison != condition.test:
            raise self.fail(
                where,
                f"test {condition.test} disagrees with {boundary.word!r} in {condition.wording!r}, "
                f"which reads as {boundary.comparison}",
            )
        if boundary.number != condition.threshold:
            raise self.fail(
                where,
                f"threshold {condition.threshold} disagrees with {condition.wording!r} ({boundary.number})",
            )

    def check_amount(self, amount: AmountRule, where: str) -> None:
        self.wording_in_clause(amount.clause, amount.wording, where)
        if read_yuan_amounts(amount.wording) != [amount.ceiling_yuan]:
            raise self.fail(where, f"{amount.ceiling_yuan} yuan disagrees with {amount.wording!r}")
        if amount.kind == "rate_capped":
            if read_percentages(amount.wording) != [amount.rate_percent]:
                raise self.fail(where, f"rate {amount.rate_percent}% disagrees with {amount.wording!r}")
            if amount.base_fact is None or not fact_path_exists(amount.base_fact):
                raise self.fail(where, f"base fact {amount.base_fact} is not in the facts schema")
        if not set(amount.programs) <= set(get_args(PilotProgram)):
            raise self.fail(
                where, f"programs {sorted(amount.programs)} are not among {get_args(PilotProgram)}"
            )

    def check_application(self, rules: RuleFile) -> None:
        materials, exempt = rules.materials, rules.exempt
        self.wording_in_clause(materials.clause, materials.wording, "materials")
        for item in materials.items:
            self.wording_in_clause(materials.clause, item.wording, f"material {item.name}")
        self.wording_in_clause(exempt.clause, exempt.wording, "exempt")
        both = set(materials.categories) & set(exempt.categories)
        covered = set(materials.categories) | set(exempt.categories)
        if both or covered != set(CATEGORIES):
            raise self.fail(
                "materials/exempt", "every category must be either exempt or hand in materials, not both"
            )
