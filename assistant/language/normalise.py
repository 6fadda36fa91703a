"""One normaliser for questions and chat messages: Simplified script, ASCII digits and letters."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from opencc import OpenCC

# Full-width digits, letters and a few signs become ASCII; Chinese punctuation is kept because
# it separates segments.
_FULL_WIDTH: dict[int, int | str] = {code: code - 0xFEE0 for code in range(0xFF10, 0xFF1A)}
_FULL_WIDTH.update({code: code - 0xFEE0 for code in range(0xFF21, 0xFF3B)})
_FULL_WIDTH.update({code: code - 0xFEE0 for code in range(0xFF41, 0xFF5B)})
_FULL_WIDTH.update({ord("．"): ".", ord("％"): "%", ord("／"): "/", ord("－"): "-", ord("\u3000"): " "})
# Quotes only wrap names (制造业“双创”), they never carry a fact.
_QUOTES = str.maketrans("", "", "“”‘’「」『』\"'`")  # ` : a code span pasted from Markdown
# Dialect written words whose Mandarin the rest of the reading knows: Cantonese (冇 = 没有, 喺 = 在 …), Sichuan
# 莫得, Hunan 冒得, Wu 呒没/勿/阿拉 (严重失信名单上也寻勿着阿拉 = …也找不到我们), Taiwan 资安/品质.
_DIALECT_WORDS = (("冇得", "没有"), ("莫得", "没有"), ("冒得", "没有"), ("呒没", "没有"), ("呒不", "没有"), ("勿", "不"),
              ("阿拉", "我们"), ("我伲", "我们"), ("冇", "没有"), ("我哋", "我们"), ("佢哋", "他们"), ("哋", "们"), ("佢", "他"),
              ("喺", "在"), ("嘅", "的"), ("梗係", "当然是"), ("係", "是"), ("唔", "不"), ("咗", "了"), ("呢块", "这块"),
              ("嗰", "那"), ("啲", "些"), ("亦都", "也"), ("亦", "也"), ("嚟", "来"), ("㗎", "的"), ("喇", "了"),
              ("咁", "这么"), ("乜嘢", "什么"), ("边个", "谁"),
              ("么斯", "什么"), ("么事", "什么事"), ("么子", "什么"),  # Wuhan, Hunan: 么斯事故都冇出过
              ("自个儿", "自己"), ("自各儿", "自己"), ("木有", "没有"),  # northern: 研发运营全是自个儿的人
              ("资安", "网络安全"), ("品质", "质量"))  # Taiwan: 资安 (資訊安全), 品质 for 质量
# English words for "none" typed among Chinese ("重大事故zero"): read as the Chinese words.
_ENGLISH_NONE_WORDS = {"zero": "无", "none": "无", "nil": "无"}
_ENGLISH_NONE = re.compile(r"(?<![A-Za-z])(?:zero|none|nil)(?![A-Za-z])", re.IGNORECASE)
# Form boxes pasted from an application form: a ticked box by an item says it is there, an empty one that
# it is not, as a cross does ("数据采集■ 数据交换□" → "数据采集：有，数据交换：无，"; "■独立法人 □分公司" → "，有独立法人，无分公司").
# A box by a bare 是/否 keeps the ticked answer only ("首次：☑是 □否" → "首次：是").
_TICKED, _EMPTY = "■☑✓✔√✅", "□☐✘✗❌"
_BOX = re.compile(rf"\s*([{_TICKED}{_EMPTY}])\s*")
_BOXED_ANSWER = re.compile(rf"\s*([{_TICKED}{_EMPTY}])\s*(是|否|有|无|没有)(?![\u4e00-\u9fff])")


# Markdown task boxes are form boxes too ("- [x] 独立法人", "- [ ] 分公司").
_MARKDOWN_BOX = re.compile(r"\[([xX√✓✔ ])\]")


def _read_boxes(text: str) -> str:
    text = _MARKDOWN_BOX.sub(lambda match: "□" if match.group(1) == " " else "☑", text)
    if not _BOX.search(text):
        return text
    text = _BOXED_ANSWER.sub(lambda match: match.group(2) + " " if match.group(1) in _TICKED else " ", text)
    first = _BOX.search(text)
    if first is None:
        return text
    box_first = first.start() == 0 or not ("\u4e00" <= text[first.start() - 1] <= "\u9fff" or text[first.start() - 1] in "）)")
    if box_first:
        return _BOX.sub(lambda match: "，有" if match.group(1) in _TICKED else "，无", text)
    return _BOX.sub(lambda match: "：有，" if match.group(1) in _TICKED else "：无，", text)


# A form field answered 否 or 0 ("国家双跨：否；市级平台：是", "重大事故：0"): the field is not there, as "：无" says.
# A period word may stand before the answer ("重大事故：近两年0").
_FIELD_NO = re.compile(
    r"(?<=[\u4e00-\u9fff）)])\s*[：:=＝]\s*(?:近两年|近2年|近二年|两年内|2年内)?\s*(?:否|0\s*[起次]?)(?=$|[，,。；;、｜|\s])"
)


# A form's yes/no field ("是否被列为严重失信主体：否", "是否分公司：否") is a field, not a question:
# answered 否 it reads as a denial of what it names (不是分公司), answered 是 as the thing itself.
_YES_NO_FIELD = re.compile(r"(?:^|(?<=[，,。；;、｜|】\s]))是否([^，,。；;、｜|？?：:=＝]{2,24})[：:=＝]\s*([是否])(?![\u4e00-\u9fff])")


def _read_field_answers(text: str) -> str:
    text = _YES_NO_FIELD.sub(lambda match: ("不是" if match.group(2) == "否" else "") + match.group(1), text)
    return _FIELD_NO.sub("：无", text)


# A bar or a bullet between form fields ends one ("节点：100个｜注册量：1亿"); a slash between Chinese words lists them
# ("研发/运营/实施", "企业节点新增137个／标识注册新增1.4亿").
_BAR = re.compile(r"\s*[｜|▶►▷•●◆◇]\s*")  # ★☆ are among the emoji, read before
_CJK_SLASH = re.compile(r"(?<=[\u4e00-\u9fff])\s*[/／]\s*(?=[\u4e00-\u9fff])")
# A range of years written with one 年 ("2024—2025年"): each end is a year, not a figure.
_YEAR_RANGE = re.compile(r"(?<!\d)((?:19|20)\d\d)\s*[—–\-~～至到]+\s*((?:19|20)\d\d)年")


# Digits as they arrive from phones and scanners: keycap emoji (1️⃣3️⃣4️⃣ = 134), letters a scanner reads for
# digits inside a figure (6O8O = 6080, l23 = 123; only in a run that has a real digit and no letter beside it,
# so ISO27001 or 5G are untouched), and 幺, the spoken one, among Chinese digits (幺零七 = 一零七).
_KEYCAP = re.compile("(\\d)\ufe0f?\u20e3")
_SCANNED_DIGITS = re.compile(r"(?<![A-Za-z])(?=[0-9OolI]*[OolI])(?=[0-9OolI]*\d)[0-9OolI]{2,}(?![A-Za-z])")
_SCANNED = str.maketrans("OolI", "0011")
_SPOKEN_ONE = re.compile("幺(?=[零〇一二三四五六七八九幺])|(?<=[零〇一二三四五六七八九])幺")


# The old one-character tens, still said in Shanghai and written in dates: 一百廿三 = 一百二十三.
_OLD_TENS = re.compile("[廿卅卌]")
_OLD_TENS_READ = {"廿": "二十", "卅": "三十", "卌": "四十"}


# The literary 有 joining a round figure to its rest: 一百有一家 = 一百零一家, 一百一十有五 = 一百一十五
# (a numeral before the 十: 十有八九 is an idiom).
_LITERARY_AND = re.compile("(?<=[一二两三四五六七八九十])([十百千万])有(?=[一二三四五六七八九])")

# Figures as spreadsheets and reports print them: 1.2E+08, 1.35×10^8, 107 500 000 (groups of three).
_SCIENTIFIC = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?)\s*(?:[eE]\+?|[×xX*]\s*10\s*\^\s*)(\d{1,2})(?![\w.])")
_SPACED_GROUPS = re.compile(r"(?<![\d.,])\d{1,3}(?: \d{3})+(?![\d.,])")


def _plain_figure(mantissa: str, exponent: str) -> str:
    value = float(mantissa) * 10 ** int(exponent)
    return str(int(value)) if value.is_integer() and value < 1e16 else f"{mantissa}e{exponent}"


def _read_typed_digits(text: str) -> str:
    text = _SCIENTIFIC.sub(lambda match: _plain_figure(match.group(1), match.group(2)), text)
    text = _SPACED_GROUPS.sub(lambda match: match.group().replace(" ", ""), text)
    text = _OLD_TENS.sub(lambda match: _OLD_TENS_READ[match.group()], text)
    text = _LITERARY_AND.sub(lambda match: match.group(1) + ("" if match.group(1) == "十" else "零"), text)
    text = _KEYCAP.sub(r"\1", text)
    text = _SCANNED_DIGITS.sub(lambda match: match.group().translate(_SCANNED), text)
    return _SPOKEN_ONE.sub("一", text)


# Emoji end a phrase the way a comma does ("打错了😂 设备是5300台套"); read after the boxes, which use ✔ and ✘.
_EMOJI = re.compile("[\U0001F300-\U0001FAFF\u2600-\u27BF\u2B50\uFE0F\u200D]+\\s*")
# A space between two Chinese characters is a pause ("我们在汉口 独立法人 做安全服务"): a comma.
_CJK_SPACE = re.compile(r"(?<=[\u4e00-\u9fff）」』】])\s+(?=[\u4e00-\u9fff（「『【])")


@lru_cache(maxsize=1)
def _t2s() -> OpenCC:
    return OpenCC("t2s")


@lru_cache(maxsize=256)  # a question is converted twice in one request (answering, then reading its facts)
def to_simplified(text: str) -> str:
    """雙跨平臺獎勵 → 双跨平台奖励; Simplified text passes through unchanged."""
    return _t2s().convert(text)


def normalise_query(text: str) -> str:
    """For search: NFKC (full-width digits and letters to ASCII), Traditional → Simplified, trimmed."""
    text = unicodedata.normalize("NFKC", text)
    # NFKC turns full-width Chinese punctuation such as （） into ASCII; keep the regulation's forms.
    text = text.replace("(", "（").replace(")", "）")
    return _read_typed_digits(to_simplified(text).strip())


# Struck-out Markdown (~~分公司~~ 子公司) is withdrawn: what stands after it counts.
_STRUCK_OUT = re.compile(r"~~[^~\n]{1,200}~~\s*")
# A change written with an arrow ("服务企业数 136 → 152", "个人独资企业 → 有限责任公司"): the state before it is
# gone. Only the span back to the previous pause goes, so the field's name stays.
_CHANGED_FROM = re.compile(r"(?:(?<=[\s：:，,；;])|^)[^\s：:，,。；;→]{1,20}\s*(?:→|⟶|⇒|->|=>)\s*")


# Digits of other scripts and styles (𝟏𝟐𝟔 mathematical bold, ١٢٣ Arabic-Indic): what they count is the same.
_OTHER_DIGIT = re.compile(r"(?![0-9])\d")


def _ascii_digits(text: str) -> str:
    return _OTHER_DIGIT.sub(lambda match: str(unicodedata.decimal(match.group())), text)


_REPEATED_DENIAL = re.compile(r"(没有|不是|没得|没事)(?=\1)")


def normalise_message(message: str) -> str:
    """For reading facts: Simplified script, ASCII digits and letters, no quotes, trimmed.

    Unlike ``normalise_query`` it keeps Chinese punctuation (，。) as it is: it separates segments;
    a space between Chinese characters becomes one.
    """
    text = _CHANGED_FROM.sub("", _STRUCK_OUT.sub("", message))
    text = _read_typed_digits(_ascii_digits(text.translate(_FULL_WIDTH)).translate(_QUOTES).strip())
    for dialect, mandarin in _DIALECT_WORDS:  # before t2s, which turns 係 into 系 (联系, 系统)
        text = text.replace(dialect, mandarin)
    text = to_simplified(text)
    text = _ENGLISH_NONE.sub(lambda match: _ENGLISH_NONE_WORDS[match.group().lower()], text)
    text = _YEAR_RANGE.sub(r"\1年至\2年", _read_field_answers(_read_boxes(text)))
    text = _EMOJI.sub("，", text)
    text = _REPEATED_DENIAL.sub(r"\1，", text)  # "没有没有" holds "有没有", a question: said twice, it is a denial twice
    text = _CJK_SLASH.sub("、", _BAR.sub("；", text))
    return _CJK_SPACE.sub("，", text)
