"""Request and response models of the HTTP API (DESIGN.md's public contract)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from assistant.conversation.sessions import SESSION_ID_PATTERN

SESSION_ID_REGEX = f"^{SESSION_ID_PATTERN.pattern}$"
FactKey = Annotated[str, StringConstraints(min_length=1, max_length=100)]


class ErrorBody(BaseModel):
    code: str
    message: str


class ErrorResponse(BaseModel):
    error: ErrorBody


class ClauseAddressOut(BaseModel):
    article: int
    paragraph: int | None
    item: int | None
    subitem: int | None
    label: str
    text: str
    id: str
    regulation: str


REGULATION_FIELD = Field(
    None, max_length=100, pattern=r"^[a-z0-9][a-z0-9-]*$",
    description="a regulation id of GET /v1/regulations; default: routed by retrieval (ask) or the primary one",
)


class AskRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    question: str = Field(..., min_length=1, max_length=2000, description="a question about the measures, in Chinese")
    regulation: str | None = REGULATION_FIELD


class AskResponse(BaseModel):
    status: Literal["answered", "not_found", "clarify"]
    answer: str
    citations: list[ClauseAddressOut]
    choices: list[str] | None = None


class PrecheckRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    facts: dict[FactKey, Any] = Field(default_factory=dict, description="facts schema of DESIGN.md; absent = unknown")
    regulation: str | None = REGULATION_FIELD


class SessionFactsRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    facts: dict[FactKey, Any] = Field(
        ..., description="the session's facts in full (facts schema of DESIGN.md); absent = unknown"
    )
    version: int | None = Field(
        None, ge=0,
        description="the session version this edit was based on (from GET /v1/sessions/{id}, /v1/chat or an "
                    "earlier PUT); if the session has changed since, 409 session_conflict instead of overwriting",
    )


class ChatChoice(BaseModel):
    """A clicked choice: sets one fact exactly (checked against the package's facts.yaml)."""

    model_config = ConfigDict(extra="forbid")
    fact: str = Field(..., max_length=200, description="a fact path of GET /v1/facts/schema")
    value: bool | int | str = Field(..., description="a choice value, or a whole number for counts and money")


class ChatRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    session_id: str | None = Field(None, pattern=SESSION_ID_REGEX,
                                   description="omit to start a conversation; then the id the first reply returned")
    message: str = Field("", max_length=2000, description="may be empty when a choice is sent")
    choice: ChatChoice | None = None
    regulation: str | None = REGULATION_FIELD

    @model_validator(mode="after")
    def _message_or_choice(self) -> ChatRequest:
        if not self.message.strip() and self.choice is None:
            raise ValueError("send a message, a choice, or both")
        return self


class HealthResponse(BaseModel):
    status: Literal["ok"]
    regulation: str
    clauses: int


class RegulationOut(BaseModel):
    id: str
    title: str
    short_title: str
    issuer: str
    status: str
    primary: bool


class RegulationsResponse(BaseModel):
    regulations: list[RegulationOut]


class ChoiceOut(BaseModel):
    label: str
    value: bool | int | str


class FactOut(BaseModel):
    path: str
    type: Literal["boolean", "count", "money", "enum", "records"]
    unit: str | None = None
    label: str
    question: str | None = None
    choices: list[ChoiceOut] | None = None
    section: str
    fields: list[FactOut] | None = None


class CategoryOut(BaseModel):
    id: str
    title: str
    section: str | None = None


class FactsSchemaResponse(BaseModel):
    regulation: str
    categories: list[CategoryOut]
    facts: list[FactOut]
