"""The pre-check as a rich table for the terminal."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text

from assistant.eligibility.report import CategoryResult, PrecheckReport
from assistant.language import phrases
from assistant.language.formatting import format_yuan

_STYLE = {"eligible": "bold green", "ineligible": "bold red", "undetermined": "bold yellow"}
_MARK = {"met": "✓", "unmet": "✗", "unknown": "?"}


def render_precheck_table(report: PrecheckReport) -> Table:
    """One row per category: decision, amount bound, conditions with their clauses, what to ask next."""
    table = Table(title=phrases.PRECHECK_TABLE_TITLE, show_lines=True)
    category, decision, amount, conditions, explanation = phrases.PRECHECK_COLUMNS
    table.add_column(category, no_wrap=True)
    table.add_column(decision, no_wrap=True)
    table.add_column(amount, justify="right", no_wrap=True)
    table.add_column(conditions, overflow="fold")
    table.add_column(explanation, overflow="fold")
    for result in report.results:
        table.add_row(
            result.title,
            Text(phrases.DECISION_WORDS[result.status], style=_STYLE[result.status]),
            _amount(result),
            _conditions(result),
            _explanation(result),
        )
    return table


def _amount(result: CategoryResult) -> str:
    if result.max_amount_yuan is None:
        return phrases.UNDECIDED_AMOUNT
    return format_yuan(result.max_amount_yuan)


def _conditions(result: CategoryResult) -> Text:
    text = Text()
    for condition in result.conditions:
        outcome = condition.outcome
        style = {"met": "green", "unmet": "red", "unknown": "yellow"}[outcome.status]
        # No space after the mark: rich would wrap there and leave the mark alone on its line.
        text.append(_MARK[outcome.status], style=style)
        text.append(f"{outcome.rule.text}（{condition.citation['label']}）")
        text.append("\n")
    text.rstrip()
    return text


def _explanation(result: CategoryResult) -> str:
    if result.status == "undetermined" and result.questions:
        return f"{result.amount_note}\n{phrases.NEXT_QUESTION}{result.questions[0]}"
    return result.amount_note
