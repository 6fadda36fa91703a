"""Check a rule file against the regulation it cites and the facts it reads (pure; the package
loader in ``assistant.corpus`` reads the files)."""

from __future__ import annotations

from pydantic import ValidationError

from assistant.eligibility.facts import build_facts_model
from assistant.eligibility.rules import AmountRule, CategoryRules, ConditionRule, RuleBook, RuleFile
from assistant.errors import ClauseNotFound, RuleDataError
from assistant.language.legal import WordingError, read_boundary, read_percentages, read_yuan_amounts
from assistant.package import FactsFile
from assistant.regulation import Clause, Regulation, find_clause
from assistant.regulation.cleaning import squeeze_spaces


def build_rulebook(raw: object, regulation: Regulation, facts: FactsFile, source: str = "<rules>") -> RuleBook:
    """Validate parsed rule data against the regulation's clauses and the package's facts."""
    try:
        rules = RuleFile.model_validate(raw)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise RuleDataError(f"{source}: {where}: {first['msg']}") from error
    checker = _Checker(regulation, facts, source)
    checker.check(rules)
    return RuleBook(
        source=source, regulation=regulation, rules=rules, clauses=checker.clauses,
        facts_spec=facts, facts_model=build_facts_model(facts),
    )


# The amount_notes each kind of amount is worded with (besides the three every rule file needs).
_ALWAYS = ("ineligible", "unmet_condition", "if_rest_met")
_NOTES_NEEDED: dict[str, tuple[str, ...]] = {
    "fixed": ("fixed", *_ALWAYS),
    "up_to": ("up_to", *_ALWAYS),
    "rate_capped": ("rate_rule", "rate_unknown", "rate_capped", "rate_computed", *_ALWAYS),
    "per_first_time_program": ("programs_unknown", "programs_computed", "programs_pending", "programs_unnamed", *_ALWAYS),
}


class _Checker:
    """Resolves every clause a rule file cites and checks each wording against its clause."""

    def __init__(self, regulation: Regulation, facts: FactsFile, source: str):
        self.regulation = regulation
        self.facts = facts
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
        self.notes = rules.amount_notes
        if rules.regulation != self.regulation.id:
            raise self.fail("regulation", f"rules are for {rules.regulation}, not {self.regulation.id}")
        ids = [category.id for category in rules.categories]
        if not ids or len(set(ids)) != len(ids):
            raise self.fail("categories", f"category ids must be present and unique, found {ids}")
        sections = {section.category for section in self.facts.sections if section.category}
        if sections - set(ids):
            raise self.fail("categories", f"facts.yaml sections name unknown categories {sorted(sections - set(ids))}")
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
        spec = self.facts.fact(condition.fact)
        if spec is None:
            raise self.fail(where, f"reads {condition.fact}, which facts.yaml does not list")
        choices = spec.choice_values if spec.type == "enum" else None
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
        notes = self.notes.model_dump()
        missing = [name for name in _NOTES_NEEDED[amount.kind] if not notes[name]]
        if missing:
            raise self.fail(where, f"a {amount.kind} amount needs amount_notes {missing}")
        self.wording_in_clause(amount.clause, amount.wording, where)
        if read_yuan_amounts(amount.wording) != [amount.ceiling_yuan]:
            raise self.fail(where, f"{amount.ceiling_yuan} yuan disagrees with {amount.wording!r}")
        if amount.kind == "rate_capped":
            if read_percentages(amount.wording) != [amount.rate_percent]:
                raise self.fail(where, f"rate {amount.rate_percent}% disagrees with {amount.wording!r}")
            if amount.base_fact is None or self.facts.fact(amount.base_fact) is None:
                raise self.fail(where, f"base fact {amount.base_fact} is not in facts.yaml")
        if amount.programs:
            program = self.facts.fact(f"{amount.base_fact}.program")
            allowed = set(program.choice_values) if program else set()
            if not set(amount.programs) <= allowed:
                raise self.fail(where, f"programs {sorted(amount.programs)} are not among {sorted(allowed, key=str)}")

    def check_application(self, rules: RuleFile) -> None:
        materials, exempt = rules.materials, rules.exempt
        self.wording_in_clause(materials.clause, materials.wording, "materials")
        for item in materials.items:
            self.wording_in_clause(materials.clause, item.wording, f"material {item.name}")
        self.wording_in_clause(exempt.clause, exempt.wording, "exempt")
        both = set(materials.categories) & set(exempt.categories)
        covered = set(materials.categories) | set(exempt.categories)
        if both or covered != {category.id for category in rules.categories}:
            raise self.fail(
                "materials/exempt", "every category must be either exempt or hand in materials, not both"
            )
