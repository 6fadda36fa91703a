"""Cut a normalised message into segments (between punctuation or contrast) and read their markers."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from assistant.language import markers

_SEGMENT_RE = re.compile(
    rf"[^，,。；;！!？?\n]+?(?=$|[，,。；;！!？?\n]|{markers.CONTRAST_CONJUNCTIONS})[，,。；;！!？?\n]*"
)
_INTERROGATIVE_RE = re.compile(markers.INTERROGATIVE_PATTERN)
_NEGATION_RE = re.compile(markers.NEGATION_PATTERN)
_RULE_SOURCE_RE = re.compile(markers.RULE_SOURCE_PATTERN)
_RULE_TALK_RE = re.compile(markers.RULE_TALK_PATTERN)
# Punctuation and spaces at a segment's edges: stripped when a segment's words are quoted or measured.
SEGMENT_EDGES = "，,。；;！!？? "
SENTENCE_ENDS = ("。", "！", "!", "？", "?", "；", ";")
_INDEFINITE_RE = re.compile(markers.INDEFINITE_PATTERN)
_INDEFINITE_BEFORE_RE = re.compile(markers.INDEFINITE_BEFORE_PATTERN)
_TOPIC_NE_RE = re.compile(markers.TOPIC_NE_PATTERN)
_PLANNED_RE = re.compile(markers.PLANNED_PATTERN)
_PLANNED_APPLICATION_RE = re.compile(markers.PLANNED_APPLICATION_PATTERN)
_OTHERS_RE = re.compile(markers.OTHERS_PATTERN)
_UNSURE_RE = re.compile(markers.UNSURE_PATTERN)
_IN_PROGRESS_RE = re.compile(markers.IN_PROGRESS_PATTERN)
_TYPING_SLIP_RE = re.compile(markers.TYPING_SLIP_PATTERN)
_OWN_SUBJECT_RE = re.compile(markers.OWN_SUBJECT_PATTERN)
_DOUBLE_NEGATION_RE = re.compile(markers.DOUBLE_NEGATION_PATTERN)
_SUPPOSED_NUMBER_RE = re.compile(markers.SUPPOSED_NUMBER_PATTERN)
_HYPOTHETICAL_RE = re.compile(markers.HYPOTHETICAL_PATTERN)
# "还没上线呢", "也没有严重失信记录呢" state, they do not ask (a real question keeps its 什么/吗/怎么).
_NOT_YET_NE_RE = re.compile(r"((?:还|也|都|从来?)?没有?[^，,。；;？?]*)呢")
_PAST_STATE_RE = re.compile(markers.PAST_STATE_PATTERN)
_SCENE_LABEL_RE = re.compile(markers.SCENE_LABEL_PATTERN)
_DIGIT_GROUP_COMMA = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")
_SELF_INTRODUCTION_RE = re.compile(markers.SELF_INTRODUCTION_PATTERN)


@dataclass(frozen=True)
class Segment:
    """A stretch of the message between punctuation or contrastive conjunctions."""

    start: int
    text: str
    continues_others: bool = False  # the segment before spoke of another party and this one has no subject
    continues_question: bool = False  # 还是… right after a question: the question's other choice

    @property
    def end(self) -> int:
        """Offset just past the segment in the message."""
        return self.start + len(self.text)

    @property
    def is_hypothetical(self) -> bool:
        """如果/假如 …: the user states nothing about the enterprise."""
        if _HYPOTHETICAL_RE.search(self.text):
            return True
        return _SUPPOSED_NUMBER_RE.search(self.text) is not None

    @property
    def opens_supposition(self) -> bool:
        """如果/假如/打个比方: what follows in the message is supposed too (unlike "100家的话")."""
        return _HYPOTHETICAL_RE.search(self.text) is not None

    @property
    def is_planned(self) -> bool:
        """打算/明年/等…了再: a plan or a wait, not how things stand (a plan to apply is not one)."""
        if _PLANNED_RE.search(self.text) is None:
            return False
        return _PLANNED_APPLICATION_RE.search(self.text) is None

    @property
    def is_unsure(self) -> bool:
        """不清楚/得问下: the speaker does not know, so states nothing."""
        return _UNSURE_RE.search(self.text) is not None

    @property
    def is_in_progress(self) -> bool:
        """还在建设/评审中: not had yet."""
        return _IN_PROGRESS_RE.search(self.text) is not None

    @property
    def describes_typing_slip(self) -> bool:
        """刚才多打了个0: the numbers describe a slip, not a figure."""
        return _TYPING_SLIP_RE.search(self.text) is not None

    @property
    def ends_sentence(self) -> bool:
        """The segment closes its sentence (。！？；), not only a clause."""
        return self.text.rstrip().endswith(SENTENCE_ENDS)

    @property
    def names_speaker(self) -> bool:
        """我们/我司/本公司 … in the segment."""
        return _OWN_SUBJECT_RE.search(self.text) is not None

    @property
    def is_about_others(self) -> bool:
        """同行/别家/朋友的公司 …: another party's figures, not the speaker's."""
        return self.continues_others or _OTHERS_RE.search(self.text) is not None

    @property
    def is_interrogative(self) -> bool:
        """A question (吗, 多少, 是否 …); 没出过什么事故 is not one."""
        if self.continues_question:
            return True
        text = _INDEFINITE_BEFORE_RE.sub("", _INDEFINITE_RE.sub(lambda m: m.group(1), self.text))
        text = _NOT_YET_NE_RE.sub(r"\1", text)
        text = _TOPIC_NE_RE.sub("", text)
        return _INTERROGATIVE_RE.search(text) is not None

    @property
    def is_negated(self) -> bool:
        """A negation word (没有, 无, 未, 不 …) anywhere in the clause; two that affirm (不是没有) are none."""
        return _NEGATION_RE.search(_DOUBLE_NEGATION_RE.sub("", self.text)) is not None

    def negations_between(self, start: int, end: int) -> bool:
        """A negation word beginning inside text[start:end], read in the whole clause: in 武汉注册的没错 the
        没 of 没错 is no negation even when the span ends before 错."""
        blanked = _DOUBLE_NEGATION_RE.sub(lambda match: " " * len(match.group(0)), self.text)
        return any(start <= match.start() < end for match in _NEGATION_RE.finditer(blanked))

    @property
    def is_past_state(self) -> bool:
        """以前是/原来是: how the speaker was, not how they are."""
        return _PAST_STATE_RE.search(self.text) is not None

    @property
    def quotes_policy(self) -> bool:
        """The clause talks about the measures' conditions rather than the enterprise."""
        return _RULE_TALK_RE.search(self.text) is not None or _RULE_SOURCE_RE.search(self.text) is not None


def split_segments(text: str) -> list[Segment]:
    """Cut at Chinese and ASCII punctuation and before 但/不过 …, keeping offsets. A segment after one
    about another party, in the same sentence and with no subject of its own, goes on about that party
    ("隔壁公司平台服务了两百多家企业，设备接了一万多台")."""
    segments: list[Segment] = []
    # A comma grouping digits ("1,875,000元") is part of the figure, not a pause: matched on a copy where it is not a comma.
    for match in _SEGMENT_RE.finditer(_DIGIT_GROUP_COMMA.sub("\u2009", text)):
        if not match.group().strip():
            continue
        segment = Segment(match.start(), text[match.start() : match.end()])
        previous = segments[-1] if segments else None
        if (
            previous is not None
            and previous.is_about_others
            and previous.text.rstrip().endswith(("，", ","))  # a sentence's end ends the topic chain
            and not segment.names_speaker
        ):
            segment = Segment(match.start(), match.group(), continues_others=True)
        if (
            previous is not None
            and segment.text.lstrip().startswith(markers.ALTERNATIVE_OPENING)
            and previous.is_interrogative
            and previous.text.rstrip().endswith(("，", ","))
        ):
            segment = replace(segment, continues_question=True)
        segments.append(segment)
    return segments


def scene_end(text: str) -> int:
    """Where the question starts after an opening that only sets the scene: a label before a colon
    ("内审同事要列检查清单：…") and the speaker's introduction ("我在高校科技处，…"). 0 when there is none,
    or when nothing but the scene would be left."""
    end = 0
    label = _SCENE_LABEL_RE.match(text)
    if label and not Segment(0, label.group()).is_interrogative:
        end = label.end()
    rest = split_segments(text[end:])
    if rest and _SELF_INTRODUCTION_RE.match(rest[0].text) and not rest[0].is_interrogative:
        end += rest[0].end  # one introduction (its offset counts from the previous end); what follows is the matter
    return end if text[end:].strip() else 0
