"""Fixed Chinese phrases of the product's own output, the same for every regulation: decision
words, table and checklist headings, the terminal chat's prompts, and the chat replies' defaults
(``QUANTITY_PHRASES``, ``REPLY_PHRASES``: a package may reword them in facts.yaml ``extraction``;
templates take ``str.format`` fields such as {label}, {number}, {question}, {amount}). No regulation's
words here."""

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

# Defaults of a package's chat wording (assistant/package/fact_words.py).
QUANTITY_PHRASES: dict[str, str] = {
    "number_unknown": "您提到的“{number}”指的是哪一项数据？",
    "number_inexact": "{label}能否提供准确的数字？您说的是“{number}”。",
    "money_without_scale": "{label}是“{number}”元，还是“{number}万元”？请补充单位。",
    "number_conflict": "{label}您提到了不止一个数字（{numbers}），以哪个为准？",
    "correction_target": "您更正的“{number}”是指哪一项数据？",
    "wrong_unit": "{label}是多少？您说的“{number}”单位对不上，请再说一下。",
    "peak_figure": "{label}按现在的实际数算，您说的“{number}”是峰值（最高的时候）吗？请提供当前的数字。",
}

REPLY_PHRASES: dict[str, str] = {
    "greeting": "请告诉我贵单位的情况，或直接提问。",
    "all_decided": "相关类别均已判定。需要申报材料清单，可以问我“要交哪些材料”。",
    "still_open": "{categories}还有条件待确认，您可以随时补充说明，或在信息面板中填写。",
    "which_category": "请问贵单位想了解哪一类支持？",
    "own_case": "够|能拿|能申请|符合|可以申请|能不能|多少钱|补多少|拿多少",
    "why_it_matters": "这一项决定{categories}能否申请，请从下面选一项。",
    "ask": "请问：{question}",
    "understood": "已记录：{facts}。",
    "max_amount": "，最高{amount}",
    "no_application": "（免申即享，无需提交申报材料）",
    "if_met": "（如其余条件满足，最高{amount}）",
    "decision_changed": "按您提供的情况：{line}",
}

STATUS_PHRASES: dict[str, str] = {"eligible": "符合条件", "ineligible": "不符合条件", "undetermined": "待确认"}
