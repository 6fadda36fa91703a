"""The pre-check as a rich table for the terminal."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text

from assistant.eligibility.report import CategoryResult, PrecheckReport
from assistant.eligibility.wording import format_yuan

_DECISION = {
    "eligible": ("符合", "bold green"),
    "ineligible": ("不符合", "bold red"),
    "undetermined": ("待定", "bold yellow"),
}
_MARK = {"met": "✓", "unmet": "✗", "unknown": "?"}


def render_precheck_table(report: PrecheckReport) -> Table:
    """One row per category: decision, amount bound, conditions with their clauses, what to ask next."""
    table = Table(title="申报资格预审", show_lines=True)
    table.add_column("类别", no_wrap=True)
    table.add_column("结论", no_wrap=True)
    table.add_column("最高金额", justify="right", no_wrap=True)
    table.add_column("条件（依据）", overflow="fold")
    table.add_column("说明 / 下一问", overflow="fold")
    for result in report.results:
        word, style = _DECISION[result.status]
        table.add_row(
            result.title,
            Text(word, style=style),
            _amount(result),
            _conditions(result),
            _explanation(result),
        )
    return table


def _amount(result: CategoryResult) -> str:
    if result.max_amount_yuan is None:
        return "待定"
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
        return f"{result.amount_note}\n下一问：{result.questions[0]}"
    return result.amount_note
