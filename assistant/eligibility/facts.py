"""The facts an enterprise gives about itself: a pydantic model built from the package's facts.yaml.

Every field is optional (absent = unknown, never false). Numbers are strict integers within the
fact's bounds; an enumerated fact is one value or the list of values still possible.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, create_model

from assistant.errors import InvalidInput
from assistant.package import FactsFile, FactSpec


class FactsBase(BaseModel):
    # strict: "abc", "3", 3.0 or true where a number belongs are refused, not coerced.
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)



def _field_type(spec: FactSpec, model_name: str) -> Any:
    if spec.type == "boolean":
        return bool
    if spec.type in ("count", "money"):
        low, high = spec.bounds
        return Annotated[int, Field(ge=low, le=high)]
    if spec.type == "enum":
        value = Literal[spec.choice_values]  # type: ignore[valid-type,name-defined]
        possible = Annotated[list[value], Field(min_length=1)]  # type: ignore[valid-type]
        return value | possible
    entry = _model(f"{model_name}Entry", {field.path: field for field in spec.fields})
    return list[entry]  # type: ignore[valid-type]


def _model(name: str, tree: dict[str, Any]) -> type[BaseModel]:
    """A model whose fields are the tree's leaves (FactSpec) and sub-trees (nested dicts)."""
    fields: dict[str, Any] = {}
    for key, node in tree.items():
        sub_name = name + "".join(part.capitalize() for part in key.split("_"))
        kind = _model(sub_name, node) if isinstance(node, dict) else _field_type(node, sub_name)
        fields[key] = (kind | None, None)
    return create_model(name, __base__=FactsBase, **fields)


def build_facts_model(spec: FactsFile) -> type[FactsBase]:
    """The facts model of one package: nested sections as in the dotted paths of facts.yaml."""
    tree: dict[str, Any] = {}
    for fact in spec.facts:
        *sections, leaf = fact.path.split(".")
        node = tree
        for section in sections:
            node = node.setdefault(section, {})
        node[leaf] = fact
    return _model("Facts", tree)  # type: ignore[return-value]


def parse_facts(data: Any, model: type[FactsBase]) -> FactsBase:
    """Validate raw facts; raises InvalidInput naming every offending field (e.g. ``platform.served_enterprises``)."""
    try:
        return model.model_validate(data)
    except ValidationError as error:
        problems = [
            f"facts.{'.'.join(str(part) for part in problem['loc'])}: {problem['msg']}"
            if problem["loc"]
            else f"facts: {problem['msg']}"
            for problem in error.errors()
        ]
        raise InvalidInput("; ".join(problems)) from error


def fact_value(facts: BaseModel, path: str) -> Any:
    """The value at a dotted fact path, or None when it (or a section above it) is absent."""
    value: Any = facts
    for name in path.split("."):
        value = getattr(value, name, None)
        if value is None:
            return None
    return value
