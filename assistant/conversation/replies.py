"""Reply text of a chat turn, from what was understood and decided, in the package's words. Pure."""

from __future__ import annotations

from assistant.eligibility.report import CategoryResult
from assistant.language.formatting import format_yuan
from assistant.package.fact_words import ReplyWords


def decision_line(result: CategoryResult, words: ReplyWords) -> str:
    """【title】status, the amount bound, or the unmet conditions with their clauses."""
    line = f"【{result.title}】{words.status[result.status]}"
    if result.status == "eligible" and result.max_amount_yuan:
        line += words.max_amount.format(amount=format_yuan(result.max_amount_yuan))
        if not result.application_required:
            line += words.no_application
    elif result.status == "ineligible":
        unmet = [c for c in result.conditions if c.outcome.status == "unmet"]
        reasons = [(c.outcome.gap or c.outcome.rule.text) + f"（{c.citation['label']}）" for c in unmet[:2]]
        line += "：" + "；".join(reasons)
    elif result.max_amount_yuan:
        line += words.if_met.format(amount=format_yuan(result.max_amount_yuan))
    return line + "。"


def understood_line(displays: list[str], words: ReplyWords) -> str:
    return words.understood.format(facts="；".join(displays)) if displays else ""
