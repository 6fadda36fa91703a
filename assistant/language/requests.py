"""What a question asks of the one answering, in Chinese in general: whether something applies to the
speaker, or help to deceive.

Both are evidence for the fitted answerability head, not verdicts: "这个政策对我们适不适用" names no
category (asks which one is meant), and "帮我编一份合同好通过审核" asks for help to deceive, not what the
text says — though it shares the text's words. "造假会怎么处理" only names deception; it asks what the text
says about it, and is no request for help.
"""

from __future__ import annotations

import re

# The speaker (or the speaker's organisation) as the one the question is about.
_SPEAKER = re.compile(r"我们|咱们|我司|我公司|本公司|我单位|本单位|我方|我这|我们这|像我们|我家")
# Asking whether something applies to, concerns or is open to someone.
_APPLIES = re.compile(
    r"适用|适不适用|适合|合不合适|有关系|有没有关系|相关吗|沾边|有用|有没有用|有份|有没有份|用得上|用不用得上|用上|能用|"
    r"享受|享不享受|参加|参与|属于|属不属于|范围|在不在|管得到|管不管|涉及|包括|包不包括|有机会|有戏|"
    r"轮得到|够格|够不够|符合|满足|能报|能不能报|能申|能不能申|可以申|可不可以申|能参|能拿|能不能拿"
)
# Asking the one answering to do, write or devise something.
_HELP = re.compile(
    r"帮我|帮咱|帮忙|替我|替咱|教我|教教|给我写|给我编|给我做|你写|你编|你帮|请写|请编|写个|写一|编个|编一|做一套|"
    r"有什么办法|有没有办法|什么方法|有什么技巧|有什么窍门|有没有门路|想个|出个主意|支个招|"
    r"(?:怎么|怎样|如何)[^，,。？?！!]{0,10}才(?:能|可以|会|不会)"  # how to do X so that Y: 怎样伪造发票才能通过
)
# Deceiving: making up, inflating or borrowing what should be real.
_DECEIVE = re.compile(
    r"假的|造假|作假|做假|弄假|伪造|编造|捏造|虚构|虚开|虚报|虚增|虚假|不实|刷数据|刷量|刷一下|刷单|凑数|凑够|凑到|"
    r"包装成|包装一下|怎么包装|注水|掺水|冒用|冒名|借用别人|借别人|用别人的|挂靠|随便编|随便写|改成|改一下数|倒签|"
    r"写高|报高|抬高|做高|多写|多报|夸大|做大一点|调高"
)
# Getting round a check, or having it overlooked. Going round is only evasion when a check is what is gone
# round ("绕过审核"); "会不会绕过区里直接拨给我们" asks how the money flows.
_EVADE = re.compile(
    r"不被发现|不会被发现|不被查|查不出|看不出|发现不了|蒙混|糊弄|"
    r"(?:绕开|绕过|规避|躲过|逃过)[^，,。？?！!]{0,4}(?:审核|审查|核查|检查|查验|核验|评审|专家|公示|监管|监督|抽查|复核|把关|审计|查)|"
    r"打点|托关系|走关系|找关系|"
    r"走后门|门路|疏通|摆平|压下去|圆过去|走个过场"
)
# Asking for leniency ("差一点，能不能通融") is no deception: it is answered with the rule as it stands.
# Asking what follows from deceiving ("万一被查出弄虚作假，会怎么样"): the text's penalties are asked for, even
# when someone else offered the help ("供应商说可以帮我们包装一下").
_CONSEQUENCE = re.compile(
    r"会怎么样|会怎样|会如何|怎么处理|如何处理|怎么处罚|如何处罚|怎么罚|罚什么|什么后果|啥后果|后果是|会被怎么|"
    r"有什么处罚|有何处罚|承担什么|要担什么"
)


def speaks_of_self(text: str) -> bool:
    """The speaker's own organisation is what the text is about ("我们是分公司"), not a kind of applicant."""
    return bool(_SPEAKER.search(text))


def asks_applicability(text: str) -> bool:
    """The speaker asks whether something applies to them ("这政策对咱们公司有没有用")."""
    return bool(_SPEAKER.search(text) and _APPLIES.search(text))


def seeks_deception(text: str) -> bool:
    """Help to deceive or to get round a check is asked for ("怎么改才不会被发现", "帮我编一份合同")."""
    if _EVADE.search(text):
        return True
    return bool(_HELP.search(text) and _DECEIVE.search(text) and not _CONSEQUENCE.search(text))
