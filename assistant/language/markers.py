"""Markers of Chinese in general: negation, questions, hypotheticals, contrast, units.

They say *how* something is said (denied, asked, supposed), never *what* a regulation is about.
"""

from __future__ import annotations

# Units written after a number and the unit counted; longest match wins.
COUNT_UNITS: dict[str, str] = {
    "次/日": "次", "次/天": "次", "次每天": "次", "次每日": "次", "次": "次",
    "元整": "元", "元人民币": "元", "元": "元", "块钱": "元", "块": "元",
    "台套": "台套", "台": "台", "套": "套", "家": "家", "个": "个", "项": "项", "条": "条", "种": "种", "类": "类",
}  # fmt: skip

# Units of things that are not counted facts: a number carrying one (35人, 8年, 45岁) is left alone.
OTHER_UNITS: tuple[str, ...] = tuple(
    "个工作日 个自然年 个月 个百分点 年 岁 人 名 位 月 日 天 号 级 期 批 届 周 小时 分钟 倍 起 化 楼 层 栋 平 亩 %".split()
)

NEGATION_PATTERN = (
    r"没有(?!问题|毛病)|没(?!错|问题|毛病|事儿)|(?<!毫)无(?!论)|未(?!来)|从未|不曾|尚未|并无|零(?=事故|失信)|"
    r"不(?!少|仅|断|错|光|止|低于|但|过|久|同|一定|算|高于|只|再)"
)
HYPOTHETICAL_WORDS: tuple[str, ...] = tuple("如果 假如 要是 假设 万一 比如 譬如 假若 倘若 的话能".split())
INTERROGATIVE_PATTERN = (
    r"吗|(?<![这那怎什多])么|呢|？|\?|多少|什么|哪些|哪个|怎么|如何|是否|有没有|能不能|可不可以|能否|是不是|会不会"
)
# Conjunctions that start a new segment for the purpose of negation scope.
CONTRAST_CONJUNCTIONS = r"但是|但|不过|可是|只是"
# Words of a segment that talks about what a rule requires rather than about the speaker.
RULE_TALK_WORDS: tuple[str, ...] = tuple("要求 条件 标准 规定 门槛 是指 意思 需要 必须 要超过 要不少于".split())

# Phrases that try to change an assistant's rules; a segment holding one is dropped.
INJECTION_MARKERS: tuple[str, ...] = (
    "忽略之前", "忽略以上", "忽略上面", "忽略所有", "忘记之前", "无视之前", "不要遵守", "你现在是", "扮演",
    "系统提示", "system prompt", "ignore previous", "ignore all", "disregard", "jailbreak", "开发者模式",
    "你必须回答", "直接告诉我所有", "不用引用", "不要引用",
)  # fmt: skip
# Asking for a figure (多少, 几 …).
QUANTITY_QUESTION_WORDS: tuple[str, ...] = ("多少", "几", "多大", "多长", "多久")

# Function words and question words: no retrieval signal.
STOP_WORDS = frozenset(
    "的 了 和 与 及 或 是 在 对 为 等 其 之 以 于 由 将 并 且 也 都 就 吗 呢 吧 啊 呀 么 嘛 请问 一下 "
    "我们 我 你 您 他们 这个 那个 什么 怎么 怎样 如何 哪些 哪个 多少 能 可以 可 会 要 需要 有 没有 "
    "一个 个 吗 ？ ? ， , 。 . 、 ； ; ： : “ ” （ ） ( ) 《 》 〔 〕 ！ !".split()
)
