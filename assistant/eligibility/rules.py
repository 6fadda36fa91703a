"""The rule file's shape (validated with pydantic, extra fields refused) and the loaded RuleBook."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, model_validator

from assistant.eligibility.facts import FactsBase, parse_facts
from assistant.package import FactsFile
from assistant.regulation import Clause, Regulation

NUMERIC_TESTS = ("ge", "gt", "le", "lt")
Test = Literal["is_true", "is_false", "ge", "gt", "le", "lt", "in", "any_first_time"]


class _Spec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ConditionRule(_Spec):
    """One condition: the fact it reads, the test, the clause it comes from and that clause's words."""

    id: str
    text: str
    fact: str
    test: Test
    threshold: int | None = None
    values: tuple[str, ...] = ()
    undecided_values: tuple[str, ...] = ()
    clause: str
    wording: str
    reading: str | None = None  # how a judgement call on the wording was made
    gap: str | None = None  # "还差{gap}个企业节点"
    question: str
    question_when_undecided: str | None = None
    evidence: str
    evidence_clause: str | None = None

    @model_validator(mode="after")
    def _test_has_its_parameters(self) -> ConditionRule:
        numeric = self.test in NUMERIC_TESTS
        if numeric != (self.threshold is not None):
            raise ValueError(f"condition {self.id}: a threshold goes with ge/gt/le/lt and only with them")
        if numeric and not self.gap:
            raise ValueError(f"condition {self.id}: a numeric condition needs a gap wording")
        if (self.test == "in") != bool(self.values):
            raise ValueError(f"condition {self.id}: values go with the 'in' test and only with it")
        return self

    @property
    def is_numeric(self) -> bool:
        return self.test in NUMERIC_TESTS


class AmountRule(_Spec):
    """How much a category gives, from its 第五条 clause."""

    kind: Literal["fixed", "per_first_time_program", "rate_capped", "up_to"]
    clause: str
    wording: str
    yuan: int | None = None
    base_fact: str | None = None
    rate_percent: int | None = None
    cap_yuan: int | None = None
    programs: dict[str, str] = {}

    @model_validator(mode="after")
    def _kind_has_its_parameters(self) -> AmountRule:
        if self.kind == "rate_capped":
            if None in (self.base_fact, self.rate_percent, self.cap_yuan):
                raise ValueError("a rate_capped amount needs base_fact, rate_percent and cap_yuan")
        elif self.yuan is None:
            raise ValueError(f"a {self.kind} amount needs yuan")
        if self.kind == "per_first_time_program" and not (self.programs and self.base_fact):
            raise ValueError("a per_first_time_program amount needs base_fact and the programs it counts")
        return self

    @property
    def ceiling_yuan(self) -> int:
        """The most the category can ever give per programme or in total."""
        return self.cap_yuan if self.kind == "rate_capped" else self.yuan  # type: ignore[return-value]


class AmountNotes(_Spec):
    """How the regulation words an amount bound; ``{…}`` fields are filled in by the engine."""

    fixed: str = ""  # {yuan} {label}
    up_to: str = ""  # {yuan} {label}
    rate_rule: str = ""  # {rate} {cap} {cap_reached_at} {label}
    rate_unknown: str = ""  # {rule}
    rate_capped: str = ""  # {base} {cap_reached_at} {cap} {rule}
    rate_computed: str = ""  # {base} {rate} {bound} {rule}
    programs_unknown: str = ""  # {each} {label}
    programs_computed: str = ""  # {count} {names} {each} {total} {label}
    programs_pending: str = ""  # {pending} {each}
    programs_unnamed: str = ""
    ineligible: str = ""  # {reasons}
    unmet_condition: str = ""  # {text}
    if_rest_met: str = ""  # {note}


class CategoryRules(_Spec):
    id: str
    title: str
    clause: str
    conditions: tuple[ConditionRule, ...]
    amount: AmountRule
    open_points: tuple[str, ...] = ()


class MaterialItem(_Spec):
    name: str
    wording: str
    evidence: str


class Materials(_Spec):
    """第七条第三款: what the categories that apply hand in."""

    clause: str
    wording: str
    categories: tuple[str, ...]
    items: tuple[MaterialItem, ...]
    note: str


class Exemption(_Spec):
    """第七条第二款: 免申即享 categories need no application."""

    clause: str
    wording: str
    categories: tuple[str, ...]
    note: str


class RuleFile(_Spec):
    """The whole YAML file."""

    regulation: str
    amount_policy: str
    amount_notes: AmountNotes
    categories: tuple[CategoryRules, ...]
    open_points: tuple[str, ...] = ()
    materials: Materials
    exempt: Exemption


@dataclass
class RuleBook:
    """A validated rule file with every clause it cites resolved against its regulation."""

    source: str
    regulation: Regulation
    rules: RuleFile
    clauses: dict[str, Clause]
    facts_spec: FactsFile
    facts_model: type[FactsBase]
    addresses: dict[str, dict[str, Any]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.addresses = {reference: clause.to_address() for reference, clause in self.clauses.items()}
        self._by_id = {category.id: category for category in self.rules.categories}

    @property
    def categories(self) -> tuple[CategoryRules, ...]:
        return self.rules.categories

    def category(self, category_id: str) -> CategoryRules | None:
        return self._by_id.get(category_id)

    def address(self, reference: str) -> dict[str, Any]:
        """A fresh copy of the clause address of a reference used in the file."""
        return dict(self.addresses[reference])

    @property
    def category_ids(self) -> tuple[str, ...]:
        return tuple(category.id for category in self.rules.categories)

    def parse_facts(self, data: Any) -> FactsBase:
        """Validate raw facts against this package's facts; InvalidInput names every bad field."""
        return parse_facts(data, self.facts_model)

    def label(self, reference: str) -> str:
        return self.clauses[reference].label
