"""Questions asked in English, read through a glossary into the Chinese words of the text.

The embedding model and the lexical index both read Chinese; an English question shares no token
with the clauses, and the vector of its English words lands near no clause. ``EnglishGlossary``
turns such a question into the Chinese words its phrases stand for (``"identifier resolution"`` →
标识解析) plus its numbers in the text's units (``5 million yuan`` → 500万元), so the question is
searched and answered like a Chinese one, and the answer quotes the Chinese clauses. The glossary's
phrases come from the caller (a regulation package); this module holds only English in general.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from text_to_num import alpha2digit

_LATIN_WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)?")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
# "5 million", "1.2 million", "8,000,000", "60,000", "300%"… with the scale words the text uses.
_NUMBER = re.compile(r"(\d(?:[\d,]*\d)?(?:\.\d+)?)\s*(million|billion|thousand|k\b|m\b|%|percent)?", re.IGNORECASE)
_MONEY_WORDS = re.compile(r"^\s*(?:rmb|yuan|cny)\b", re.IGNORECASE)
MIN_LATIN_WORDS = 2
# alpha2digit writes a scale word after a figure as its own number ("1.6 million" → "1.6 1000000"):
# such a scale goes back to its word, which the figure readers below take as the figure's scale.
_HALF_A = re.compile(r"\bhalf an? (million|billion|thousand)\b", re.IGNORECASE)
_SPLIT_SCALE = re.compile(r"(?<=\d) (1000000000|1000000|1000)\b")
_SCALE_WORDS = {"1000000000": "billion", "1000000": "million", "1000": "thousand"}


def with_digits(text: str) -> str:
    """Number words written as figures: "two hundred and six customers" → "206 customers", "one point six
    million" → "1.6 million". Words for one and two stay words ("one of our clients", "two plants")."""
    text = _HALF_A.sub(r"0.5 \1", text)  # alpha2digit reads "half a million" as "half 1000000"
    text = alpha2digit(text, "en")
    return _SPLIT_SCALE.sub(lambda match: " " + _SCALE_WORDS[match.group(1)], text)


_SENTENCE_END = re.compile(r"(?<=[。！？!?\n])")


def is_latin_question(text: str) -> bool:
    """True when a question is written in a Latin script: more Latin words than Han characters."""
    latin_words = len(_LATIN_WORD.findall(text))
    return latin_words >= MIN_LATIN_WORDS and latin_words > len(_HAN.findall(text))


def stem(word: str) -> str:
    """A light English stem, the same for glossary phrases and questions: devices, device → devic;
    companies → company; interpreting → interpret; approved, approves → approv."""
    word = word.lower().replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    if len(word) > 4 and word.endswith("ies"):
        word = word[:-3] + "y"
    elif len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    if len(word) > 5 and word.endswith("ing"):
        word = word[:-3]
    elif len(word) > 4 and word.endswith("ed"):
        word = word[:-2]
    if len(word) > 3 and word.endswith("e"):
        word = word[:-1]
    return word


# English in general, as a statement reads it: answers, negation, the speaker, time and quantity words. A
# package's glossary (the facts it states) comes on top; words in neither are dropped.
STATEMENT_WORDS: dict[str, str] = {
    "yes": "是", "yeah": "是", "yep": "是", "yup": "是", "sure": "是", "correct": "是", "indeed": "确实",
    "no": "没有", "nope": "没有", "nah": "没有", "not yet": "还没有", "not": "不是", "never": "从未",
    "neither": "既没有", "nor": "也没有", "none": "无", "zero": "无", "nil": "无", "nothing": "没有",
    "had zero": "没有", "had no": "没有", "saw": "发生", "happened": "发生", "occurred": "发生",
    "not a single": "一个也没有", "without": "没有", "no longer": "不再",
    "nobody": "没有人", "no one": "没有人", "taken off": "移出", "removed": "移出", "delisted": "移出",
    # not knowing is no answer ("No idea", "Not sure, need to ask my boss")
    "not sure": "不确定", "unsure": "不确定", "no idea": "不清楚", "no clue": "不清楚", "not certain": "不确定",
    "don't know": "不知道", "do not know": "不知道", "can't remember": "记不清", "cannot remember": "记不清",
    "need to ask": "得问", "have to ask": "得问", "have to check": "得问", "need to check": "得问",
    "don't": "没有", "doesn't": "没有", "didn't": "没有", "haven't": "没有", "hasn't": "没有", "hadn't": "没有",
    "do not": "没有", "does not": "没有", "did not": "没有", "have not": "没有", "has not": "没有", "had not": "没有",
    "don't have": "没有", "doesn't have": "没有", "didn't have": "没有", "do not have": "没有", "does not have": "没有",
    "wasn't": "不是", "weren't": "不是", "was not": "不是", "were not": "不是",
    "there has been no": "没有", "there have been no": "没有", "there was no": "没有", "there were no": "没有",
    "never before": "以前从未有过", "first-time": "首次", "renewed": "复评",
    "we": "我们", "our": "我们", "us": "我们", "ours": "我们", "we're": "我们是", "we've": "我们",
    "is": "是", "are": "是", "is in": "在", "are in": "在", "is not": "不是", "are not": "不是", "isn't": "不是", "aren't": "不是",
    "we're not": "我们不", "we're not sure": "我们不确定", "i'm not sure": "我不确定", "not sure whether": "不确定",
    "not sure if": "不确定", "before": "之前", "after": "之后",
    "have": "有", "has": "有", "had": "有过", "got": "拿到", "own": "自己", "in-house": "自己", "ourselves": "自己",
    "itself": "自己", "themselves": "自己", "ever": "曾", "has ever": "曾", "have ever": "曾", "had ever": "曾",
    "and": "和", "or": "或", "but": "但", "also": "也", "still": "还", "already": "已经", "once": "一次",
    "again": "再次", "only": "只有", "all": "都", "both": "都", "each": "各",
    "the rule says": "办法规定", "the rules say": "办法规定", "the measures say": "办法规定", "the policy says": "办法规定",
    "signed off": "批了", "signed off on": "批了", "approved": "批了", "granted": "批了",
    "in": "在", "at": "在", "based in": "在", "full": "完整", "complete": "完整", "clean": "干净",
    "first time": "首次", "for the first time": "首次", "second time": "第二次", "third time": "第三次",
    "last year": "去年", "this year": "今年", "next year": "明年", "next spring": "明年", "plan": "计划",
    "two years": "两年", "past two years": "近两年", "last two years": "近两年",
    "about": "大约", "around": "大约", "roughly": "大约", "approximately": "大约", "exactly": "正好",
    "more than": "超过", "no less than": "不低于", "not less than": "不低于", "no fewer than": "不少于",
    "at least": "至少", "north of": "超过", "less than": "不到", "fewer than": "不到", "over": "超过", "above": "超过", "under review": "还在评审", "pending": "还在等",
    "over the last": "近", "over the past": "近", "in the past": "近", "for the past": "近",
    "if": "如果", "suppose": "假如", "would": "", "run": "做", "do": "做", "does": "做", "provide": "提供",
    "district": "区", "city": "市", "province": "省",
    "friend's": "朋友的", "a friend's": "朋友的", "cousin's": "亲戚的", "my cousin's": "亲戚的", "brother's": "亲戚的",
    "uncle's": "亲戚的", "relative's": "亲戚的", "brother-in-law's": "亲戚的", "neighbour": "隔壁", "neighbor": "隔壁", "neighbours": "隔壁",
    "parent": "母公司", "parent company": "母公司", "our parent": "母公司", "sister company": "兄弟公司",
}  # fmt: skip
_TOKEN = re.compile(
    r"(?P<number>\d(?:[\d,]*\d)?(?:\.\d+)?)\s*(?P<scale>million|billion|thousand|k\b|m\b|w\b|%|percent)?"
    r"|(?P<word>[A-Za-z]+(?:['’-][A-Za-z]+)*)|(?P<mark>[,;.!?:()—–，。；！？：、（）])|(?P<han>[\u3400-\u4dbf\u4e00-\u9fff]+)",
    re.IGNORECASE,
)
_MARKS = {",": "，", ";": "；", ".": "。", "!": "！", "?": "？", ":": "：", "(": "（", ")": "）", "—": "，", "–": "，",
          **{mark: mark for mark in "，。；！？：、（）"}}  # a Chinese sentence before the English keeps its stops
_YEAR = re.compile(r"(?:19|20)\d\d")
# A run of English words (and figures between them) inside a Chinese sentence.
_LATIN_RUN = re.compile(r"[A-Za-z][A-Za-z'’-]*(?:[ \t]+(?:[A-Za-z][A-Za-z'’-]*|\d[\d,.]*(?:[kKmMwW](?![A-Za-z]))?))*")
_MAX_PHRASE = 5
_COUNTERS = "家台套个次项条"  # a glossary noun written with its counter takes the figure before it
_STOPS = frozenset("，。；！？")
_BOUNDS = frozenset({"超过", "不低于", "不少于", "至少", "不到", "大约", "正好"})  # rendered bound words: they go with the figure


def _phrase_key(phrase: str) -> tuple[str, ...]:
    return tuple(_key(m.group("word")) for m in _TOKEN.finditer(phrase) if m.group("word"))


def _key(word: str) -> str:
    return stem(word).replace("'", "").replace("-", "")


def _words(text: str) -> list[str]:
    return [stem(word) for word in _LATIN_WORD.findall(text)]


def _figure(value: float) -> str:
    """A figure in full: "g" alone keeps six significant digits (4999995 would become 5e+06)."""
    return f"{value:.12g}"


def _chinese_number(digits: str, scale: str | None, money: bool) -> str:
    """An English figure in the text's own way of writing it: 5 million yuan → 500万元, 10% → 10%."""
    value = float(digits.replace(",", ""))
    scale = (scale or "").lower()
    if scale in ("%", "percent"):
        return f"{_figure(value)}%"
    value *= {"million": 1e6, "m": 1e6, "billion": 1e9, "thousand": 1e3, "k": 1e3}.get(scale, 1)
    unit = "元" if money else ""
    if value >= 1e8 and value % 1e7 == 0:
        return f"{_figure(value / 1e8)}亿{unit}"
    if value >= 1e4 and value % 1e3 == 0:
        return f"{_figure(value / 1e4)}万{unit}"
    return f"{_figure(value)}{unit}"


def _number_in_chinese(text: str, match: re.Match[str]) -> str:
    """A figure of an English message as the text writes it: money in 万元 when it says so, a year with 年."""
    digits, scale = match.group("number"), match.group("scale")
    after, before = text[match.end() :], text[: match.start()].rstrip()
    money = bool(_MONEY_WORDS.match(after)) or before.endswith(("¥", "RMB", "CNY", "rmb"))
    if scale is None and _YEAR.fullmatch(digits):
        return f"{digits}年"
    if scale is not None and scale.lower() == "w":
        return f"{digits}万{'元' if money else ''}"
    return _chinese_number(digits, scale, money)


def _lists_on(tokens: list[tuple[str, re.Match[str]]], index: int) -> bool:
    """A comma inside a list of words ("safety, quality or environmental"): the words after it run on to an
    "or"/"and" before the next mark, so it joins items (、) instead of ending a segment."""
    if tokens[index][1].group() != ",":
        return False
    for offset, (kind, match) in enumerate(tokens[index + 1 : index + 5]):
        if kind != "word":
            return False
        if match.group().lower() in ("or", "and"):
            return offset > 0  # ", and …" ends a segment
    return False


@dataclass(frozen=True)
class EnglishGlossary:
    """English phrases → the text's Chinese words (a regulation package's ``english:`` table)."""

    entries: Mapping[str, str]
    _phrases: tuple[tuple[tuple[str, ...], str], ...] = field(init=False, repr=False)
    # For render: phrase key → (Chinese, whether it is the package's word rather than general English).
    _statements: dict[tuple[str, ...], tuple[str, bool]] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        phrases = {tuple(_words(phrase)): words for phrase, words in self.entries.items() if _words(phrase)}
        # Longest phrase first, so "secondary node" wins over "node".
        object.__setattr__(self, "_phrases", tuple(sorted(phrases.items(), key=lambda item: -len(item[0]))))
        statements = {_phrase_key(phrase): (chinese, False) for phrase, chinese in STATEMENT_WORDS.items()}
        statements.update({_phrase_key(phrase): (chinese, True) for phrase, chinese in self.entries.items()})
        object.__setattr__(self, "_statements", statements)

    def terms(self, question: str) -> list[str]:
        """The Chinese words of the glossary phrases found in the question, in question order."""
        words = _words(question)
        taken = [False] * len(words)
        found: list[tuple[int, str]] = []
        for phrase, chinese in self._phrases:
            size = len(phrase)
            for start in range(len(words) - size + 1):
                if tuple(words[start : start + size]) == phrase and not any(taken[start : start + size]):
                    taken[start : start + size] = [True] * size
                    found.append((start, chinese))
        return [chinese for _, chinese in sorted(found)]

    def numbers(self, question: str) -> list[str]:
        """The question's figures written as the Chinese text writes them (money in 万元 when it says yuan)."""
        figures = []
        for match in _NUMBER.finditer(question):
            money = bool(_MONEY_WORDS.match(question[match.end() :])) or question[: match.start()].rstrip().endswith(
                ("¥", "RMB", "CNY")
            )
            figures.append(_chinese_number(match.group(1), match.group(2), money))
        return figures

    def render(self, message: str) -> str | None:
        """A message written in English, rewritten word by word in the order written into the Chinese a
        statement is read in ("Nope, our registration is in Changsha." → "没有，我们注册在长沙。"); None for a
        message not in a Latin script. Figures are written as the text writes them (3.6m RMB → 360万元)."""
        if not is_latin_question(message):
            # A Chinese sentence and then an English one ("同行收入300万。We connected 5,200 devices…"): each
            # English sentence is rendered where it stands.
            sentences = _SENTENCE_END.split(message)
            latin = [is_latin_question(part) for part in sentences]
            if not any(latin):
                # English phrases inside a Chinese sentence ("我们是东湖注册的independent legal person"): each
                # run that holds a glossary phrase or a number in words is rendered where it stands.
                mixed = _LATIN_RUN.sub(lambda run: self._render_run(run.group()), message)
                return mixed if mixed != message else None
            return "".join(
                (self.render(part) or part) if is_latin else part
                for part, is_latin in zip(sentences, latin, strict=True)
            )
        return self._render_latin(message)

    def _render_run(self, run: str) -> str:
        """One run of English words inside a Chinese sentence, rendered when it says something the glossary
        knows (or a number in words); otherwise left as written (ISO, sync, check)."""
        if self.terms(run) or with_digits(run) != run or self._has_statement_phrase(run):
            return self._render_latin(run)
        return run

    def _has_statement_phrase(self, run: str) -> bool:
        """A phrase of two words or more that statements are read in ("first time", "not a branch")."""
        keys = [_key(m.group("word")) for m in _TOKEN.finditer(run) if m.group("word")]
        return any(
            tuple(keys[start : start + size]) in self._statements
            for size in range(2, _MAX_PHRASE + 1)
            for start in range(len(keys) - size + 1)
        )

    def _render_latin(self, message: str) -> str:
        message = with_digits(message)
        tokens = [(next(k for k in ("number", "word", "mark", "han") if m.group(k) is not None), m)
                  for m in _TOKEN.finditer(message)]
        table = self._statements
        out: list[str] = []
        index = 0
        held = ""  # a figure waiting for the noun after it: "142 enterprise users" → 企业用户142
        counter = ""  # a counted noun's counter waiting for the figure after it: "devices 5001" → 设备5001台
        while index < len(tokens):
            kind, match = tokens[index]
            if kind != "word" and held:
                out.append(held)
                held = ""
            if kind == "number":
                held = _number_in_chinese(message, match) + counter
                counter = ""
            elif kind == "mark":
                mark = "、" if _lists_on(tokens, index) else _MARKS.get(match.group(), "，")
                if out and out[-1] == "在":
                    out.pop()  # "came in:": a preposition with no object after it places nothing
                if not (out and out[-1] in _STOPS and mark in _STOPS):
                    out.append(mark)  # "…dishonest. Ceiling?": words not rendered leave no empty question behind
            elif kind == "han":
                out.append(match.group())
            elif kind == "word":
                words = []
                for _kind, following in tokens[index : index + _MAX_PHRASE]:
                    if _kind != "word":
                        break
                    words.append(_key(following.group()))
                for size in range(len(words), 0, -1):
                    found = table.get(tuple(words[:size]))
                    if found is not None:
                        chinese, noun = found
                        next_token = tokens[index + size] if index + size < len(tokens) else None
                        if chinese in _BOUNDS and next_token is not None and next_token[0] == "number" \
                                and _YEAR.fullmatch(next_token[1].group()):
                            chinese = "在"  # "Over 2024 and 2025": a span of years, not a bound
                        # "6,450 connected devices" → 6450台连接设备, "revenue 3.6m" keeps its order; before a
                        # general word the figure stays where it was ("1.6m in 2024" → 160万在2024年).
                        after = noun and chinese[0] not in _COUNTERS
                        if after and held and out and out[-1] in _BOUNDS:
                            held = out.pop() + held  # "no less than 600,000 daily resolutions": the bound is the figure's
                        kinds_after = [kind for kind, token in tokens[index + size : index + size + 2]
                                       if kind != "mark" or token.group() == ":"]
                        if noun and not held and chinese[0] in _COUNTERS and kinds_after[:1] + kinds_after[-1:] in (
                            ["number", "number"], ["mark", "number"]):
                            # A label before its figure ("connected devices 5001"): the counter follows the figure.
                            chinese, counter = chinese[1:], chinese[0]
                        out.append(chinese + held if after else held + chinese)
                        held = ""
                        index += size - 1
                        break
            index += 1
        return "".join(out) + held

    def translate(self, question: str) -> str | None:
        """The Chinese query an English question stands for, None for a question not in a Latin script.

        Words the glossary does not know are dropped rather than kept: an English word left in the
        query would read as a word the regulation never uses.
        """
        if not is_latin_question(question):
            return None
        question = with_digits(question)
        pieces = self.terms(question) + self.numbers(question)
        return " ".join(dict.fromkeys(pieces)) or None
