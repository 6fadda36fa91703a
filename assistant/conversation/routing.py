"""Intent routing of one chat message: a question, facts for the pre-check, a checklist request, or a mix."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.language import markers

_QUESTION = re.compile(markers.QUESTION_PATTERN)


@dataclass(frozen=True)
class Intent:
    update_facts: bool
    ask_question: bool
    checklist: bool

    @property
    def kind(self) -> str:
        if self.checklist:
            return "checklist"
        if self.update_facts and self.ask_question:
            return "mixed"
        return "question" if self.ask_question else "precheck" if self.update_facts else "other"


def route(
    message: str,
    has_facts: bool,
    answers_pending_question: bool,
    checklist_words: Sequence[str],
    own_case: re.Pattern[str] | None,
) -> Intent:
    """Decide what a message asks for; a bare answer to our own question is facts, not a question."""
    asks = bool(_QUESTION.search(message)) and not answers_pending_question
    checklist = any(word in message for word in checklist_words) and asks
    # "够条件吗？", "能拿多少？" after giving facts is answered by the pre-check, not by a clause quote.
    about_own_case = has_facts and own_case is not None and bool(own_case.search(message))
    return Intent(update_facts=has_facts, ask_question=asks and not about_own_case, checklist=checklist)
