"""Chinese reply text of a chat turn, from what was understood and decided. Pure."""

from __future__ import annotations

from assistant.language.formatting import format_yuan
from assistant.eligibility.report import CategoryResult

STATUS_WORDS = {"eligible": "符合条件", "ineligible": "不符合条件", "undetermined": "待确认"}


def decision_line(result: CategoryResult) -> str:
    """【第三方工业互联网安全服务奖励】符合条件，最高42万元。"""
    line = f"【{result.title}】{STATUS_WORDS[result.status]}"
    if result.status == "eligible" and result.max_amount_yuan:
        line += f"，最高{format_yuan(result.max_amount_yuan)}"
        if not result.application_required:
            line += "（免申即享，无需提交申报材料）"
    elif result.status == "ineligible":
        unmet = [c for c in result.conditions if c.outcome.status == "unmet"]
        reasons = [(c.outcome.gap or c.outcome.rule.text) + f"（{c.citation['label']}）" for c in unmet[:2]]
        line += "：" + "；".join(reasons)
    elif result.max_amount_yuan:
        line += f"（如其余条件满足，最高{format_yuan(result.max_amount_yuan)}）"
    return line + "。"


def understood_line(displays: list[str]) -> str:
    return "已记录：" + "；".join(displays) + "。" if displays else ""
