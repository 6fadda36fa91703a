"""Chinese in general, with no word of any regulation: script and width normalising, clause
segments with their negation/question/hypothetical markers, numerals with units, and the one
formatter for money and counts used by every answer, reply and API body."""

from assistant.language.formatting import format_count, format_yuan
from assistant.language.normalise import normalise_message, normalise_query, to_simplified
from assistant.language.numerals import NumberMention, find_numbers, mask_distractors
from assistant.language.segments import Segment, split_segments

__all__ = [
    "NumberMention",
    "Segment",
    "find_numbers",
    "format_count",
    "format_yuan",
    "mask_distractors",
    "normalise_message",
    "normalise_query",
    "split_segments",
    "to_simplified",
]
