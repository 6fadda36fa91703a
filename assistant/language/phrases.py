"""Fixed Chinese phrases of the product's own output, the same for every regulation: decision
words, table and checklist headings, the terminal chat's prompts. No regulation's words here."""

from __future__ import annotations

DECISION_WORDS = {"eligible": "符合", "ineligible": "不符合", "undetermined": "待定"}
UNDECIDED_AMOUNT = "待定"
PRECHECK_TABLE_TITLE = "申报资格预审"
PRECHECK_COLUMNS = ("类别", "结论", "最高金额", "条件（依据）", "说明 / 下一问")
NEXT_QUESTION = "下一问："

CHECKLIST_TITLE = "申报材料清单：{title}"
CHECKLIST_EXEMPT = "无需提交申报材料（免申即享）。"
CHECKLIST_SECTIONS = (("一、申报材料", "material"), ("二、条件证明材料", "condition"))
CHECKLIST_NOTE = "说明：{note}"

CHAT_GREETING = "政策助手（输入 exit 退出）：请描述您的企业情况或直接提问。"
CHAT_EXIT_WORDS = ("exit", "quit", "退出")
CHAT_ERROR = "错误：{message}"
