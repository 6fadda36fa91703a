"""Read a question: strip instructions that try to change the rules, find category and aspect."""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.answering.vocabulary import (
    ASPECT_WORDS,
    CATEGORY_WORDS,
    DOMAIN_WORDS,
    GENERIC_NOUNS,
    INJECTION_MARKERS,
    OPEN_TOPICS,
    OTHER_PLACES,
    OUT_OF_SCOPE_WORDS,
    QUANTITY_WORDS,
    REGISTRATION_WORDS,
    VAGUE_FILLER,
)
from assistant.language.normalise import normalise_query
from assistant.retrieval.synonyms import expand_query
from assistant.retrieval.tokenize import pos_tags

_SEGMENT_SPLIT = re.compile(r"(?<=[。！？!?；;\n])")


@dataclass(frozen=True)
class QuestionAnalysis:
    original: str
    text: str  # normalised, instructions removed
    injection: bool
    categories: tuple[str, ...]
    aspect: str | None
    open_topic: str | None
    out_of_scope: bool
    has_domain_word: bool
    asks_quantity: bool
    vague: bool
    uncovered_terms: tuple[str, ...] = ()  # nouns of the question that the measures never use


def _strip_injection(text: str) -> tuple[str, bool]:
    segments = [segment for segment in _SEGMENT_SPLIT.split(text) if segment]
    kept = [segment for segment in segments if not any(marker in segment.lower() for marker in INJECTION_MARKERS)]
    return "".join(kept).strip(), len(kept) != len(segments)


def _categories(text: str) -> tuple[str, ...]:
    found = [category for category, words in CATEGORY_WORDS.items() if any(word in text for word in words)]
    # "双跨平台" names the 双跨 reward, not the municipal platform subsidy.
    if "dual_cross_platform_reward" in found and "industry_platform_subsidy" in found:
        if not any(word in text for word in ("行业平台", "市级", "平台补助", "服务企业数", "设备连接", "连接数")):
            found.remove("industry_platform_subsidy")
    # "节点" alone is the node subsidy; "平台" alone beside "标识解析" is about the node.
    return tuple(found)


def _is_vague(text: str) -> bool:
    """Nothing left once aspect words and filler are removed: "能补多少？", "需要什么条件？"."""
    rest = re.sub(r"[\s，。！？、,.!?：:；;]", "", text)
    for word in sorted({*VAGUE_FILLER, *(w for words in ASPECT_WORDS.values() for w in words)}, key=len, reverse=True):
        rest = rest.replace(word, "")
    return len(rest) <= 2


def _elsewhere(text: str) -> bool:
    """About another place's policy; "注册在孝感能申请吗" is a question about these measures."""
    return any(place in text for place in OTHER_PLACES) and not any(word in text for word in REGISTRATION_WORDS)


def _uncovered_terms(text: str, known_text: str) -> tuple[str, ...]:
    """Nouns (and Latin words) of the question that appear nowhere in the measures: "押金", "GDP"."""
    terms = []
    # Numbers and their scale words are not topics ("500万能补多少" must not yield "万能").
    text = re.sub(r"\d+(?:\.\d+)?[万亿千百]*", "，", text)
    for word, flag in pos_tags(text):
        if flag not in ("n", "nz", "eng") or (len(word) < 2 and flag != "eng") or word.isdigit():
            continue
        if word in GENERIC_NOUNS or word in OTHER_PLACES:
            continue
        # A compound is covered when any two-character part of it is a word of the measures
        # ("重大事故" ~ 重大安全、质量、环保事故); a Latin word must appear as it is.
        parts = [word] if flag == "eng" else [word[i:i + 2] for i in range(len(word) - 1)]
        if not any(part in known_text for part in parts):
            terms.append(word)
    return tuple(terms)


def analyse_question(question: str, known_text: str = "") -> QuestionAnalysis:
    """Normalise (Traditional → Simplified, full-width → ASCII) and classify a question."""
    text, injection = _strip_injection(normalise_query(question))
    aspect = next((aspect for aspect, words in ASPECT_WORDS.items() if any(word in text for word in words)), None)
    open_topic = next((topic for topic, (words, _reply) in OPEN_TOPICS.items() if any(word in text for word in words)), None)
    return QuestionAnalysis(
        original=question,
        text=text,
        injection=injection,
        categories=_categories(text),
        aspect=aspect,
        open_topic=open_topic,
        out_of_scope=any(word in text for word in OUT_OF_SCOPE_WORDS) or _elsewhere(text),
        has_domain_word=any(word in expand_query(text) for word in DOMAIN_WORDS),
        asks_quantity=any(word in text for word in QUANTITY_WORDS),
        vague=_is_vague(text),
        uncovered_terms=_uncovered_terms(text, known_text) if known_text else (),
    )
