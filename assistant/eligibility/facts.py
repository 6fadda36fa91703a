"""The facts an enterprise gives about itself (DESIGN.md's schema): every field optional, absent = unknown."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from assistant.errors import InvalidInput

LegalForm = Literal["independent_legal_person", "consortium", "branch", "individual_business", "other"]
PilotProgram = Literal["integration", "industrial_internet", "innovation"]
Count = Annotated[int, Field(ge=0)]
Yuan = Annotated[int, Field(ge=0, description="integer yuan, never float")]


class _Section(BaseModel):
    # strict: "abc", "3", 3.0 or true where a number belongs are refused, not coerced.
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Applicant(_Section):
    """Who applies: the general conditions of 第四条."""

    registered_in_wuhan: bool | None = None
    legal_form: LegalForm | None = None
    major_accident_last_2y: bool | None = None
    serious_dishonesty: bool | None = None


class DualCrossPlatform(_Section):
    """National 双跨 (cross-industry, cross-domain) industrial-internet platform recognition."""

    awarded: bool | None = None
    first_time: bool | None = None


class PilotDemo(_Section):
    """One national pilot/demonstration programme the applicant (or its project) was approved for."""

    program: PilotProgram | None = None
    first_time: bool | None = None


class NationalRecognition(_Section):
    dual_cross_platform: DualCrossPlatform | None = None
    pilot_demo: list[PilotDemo] | None = None


class SecurityService(_Section):
    industrial_security_services: bool | None = None
    industrial_security_revenue_2y_yuan: Yuan | None = None


class IdentifierNode(_Section):
    built_after_top_node_launch: bool | None = None
    rd_and_operation_capability: bool | None = None
    technical_team: bool | None = None
    application_scenarios: Count | None = None
    new_enterprise_nodes: Count | None = None
    new_registrations: Count | None = None
    daily_resolutions: Count | None = None


class Platform(_Section):
    operation_and_service_capability: bool | None = None
    covers_production_chain: bool | None = None
    data_chain: bool | None = None
    served_enterprises: Count | None = None
    connected_devices: Count | None = None
    rated_municipal_industry_platform: bool | None = None


class Facts(_Section):
    """Everything the engine may read; validate with ``Facts.model_validate(dict)``."""

    applicant: Applicant | None = None
    national_recognition: NationalRecognition | None = None
    security_service: SecurityService | None = None
    identifier_node: IdentifierNode | None = None
    platform: Platform | None = None


def parse_facts(data: Any) -> Facts:
    """Validate raw facts; raises InvalidInput naming every offending field (e.g. ``platform.served_enterprises``)."""
    try:
        return Facts.model_validate(data)
    except ValidationError as error:
        problems = [
            f"facts.{'.'.join(str(part) for part in problem['loc'])}: {problem['msg']}"
            if problem["loc"]
            else f"facts: {problem['msg']}"
            for problem in error.errors()
        ]
        raise InvalidInput("; ".join(problems)) from error


def fact_value(facts: Facts, path: str) -> Any:
    """The value at a dotted fact path, or None when it (or a section above it) is absent."""
    value: Any = facts
    for name in path.split("."):
        value = getattr(value, name)
        if value is None:
            return None
    return value


def fact_path_exists(path: str) -> bool:
    """True when a dotted path names a field of the facts schema (used to check rule files)."""
    model: Any = Facts
    for name in path.split("."):
        if not (isinstance(model, type) and issubclass(model, BaseModel)) or name not in model.model_fields:
            return False
        model = _model_of(model.model_fields[name].annotation)
    return True


def _model_of(annotation: Any) -> Any:
    # Unwrap `Section | None` and `list[Section] | None` to the section model, if any.
    for candidate in getattr(annotation, "__args__", ()) or (annotation,):
        if isinstance(candidate, type) and issubclass(candidate, BaseModel):
            return candidate
        inner = getattr(candidate, "__args__", ())
        if inner and isinstance(inner[0], type) and issubclass(inner[0], BaseModel):
            return inner[0]
    return annotation


def fact_choices(path: str) -> tuple[str, ...] | None:
    """The values a fact may take when the schema lists them (legal_form, program), else None."""
    model: Any = Facts
    annotation: Any = None
    for name in path.split("."):
        if not (isinstance(model, type) and issubclass(model, BaseModel)) or name not in model.model_fields:
            return None
        annotation = model.model_fields[name].annotation
        model = _model_of(annotation)
    for candidate in getattr(annotation, "__args__", ()):
        if getattr(candidate, "__origin__", None) is Literal:
            return tuple(candidate.__args__)
    return None
