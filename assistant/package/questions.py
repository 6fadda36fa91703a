"""``questions/*.yaml``: labelled questions the fitted parts of answering are trained on."""

from __future__ import annotations

from typing import Literal

from assistant.package.base import PackageModel


class LabelledQuestion(PackageModel):
    question: str
    status: Literal["answered", "not_found", "clarify"]
    category: str | None = None  # the category the question is about, if one
    aspect: Literal["amount", "condition", "material"] | None = None
    topic: str | None = None  # for not_found: the open topic of vocabulary.yaml it is about, if one


class QuestionsFile(PackageModel):
    questions: list[LabelledQuestion]
