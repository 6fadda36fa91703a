"""Intent routing of one chat message: a question, facts for the pre-check, a checklist request, or a mix."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

# A message asks something when it has a question mark or a question word.
_QUESTION = re.compile(r"[？?]|吗|呢|多少|什么|怎么|如何|哪些|哪个|是否|能否|可否|够不够|行不行|能不能|可不可以|请问|为什么|几")


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


def route(message: str, checklist_words: Sequence[str], has_facts: bool, answers_pending_question: bool) -> Intent:
    """Decide what a message asks for; a bare answer to our own question is facts, not a question."""
    asks = bool(_QUESTION.search(message)) and not answers_pending_question
    checklist = any(word in message for word in checklist_words) and asks
    # "够条件吗？", "能拿多少？" after giving facts is answered by the pre-check, not by a clause quote.
    about_own_case = has_facts and bool(re.search(r"够|能拿|能申请|符合|可以申请|能不能|多少钱|补多少|拿多少", message))
    return Intent(update_facts=has_facts, ask_question=asks and not about_own_case, checklist=checklist)
