"""Typos by sound: a caller who types by pinyin picks the wrong character of a word (双夸 for 双跨,
结点 for 节点, 资经 for 资金). ``TermCorrector`` rewrites such a misspelling of a known term into the
term before the question is searched.

A window of the text becomes a term when, character by character, it reads like the term (toneless
pinyin, any reading of a polyphonic character, the common fuzzy pairs z/zh c/ch s/sh in/ing en/eng
folded), it differs from the term in at most one character (two for terms of five or more), and it
is not an ordinary word (公式 stays 公式 though it reads like 公示), and, for two-character terms, it
cuts no common word of the text in two (到企业 does not hold 到期). Characters of a correctly written
term never change, but a longer term may include them (试点示反 → 试点示范 around the correct 试点).
The terms come from the caller (a regulation's vocabulary); this module holds no word of its own.
"""

from __future__ import annotations

import importlib
import os
import re
import sys
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

# pypinyin's phrase dictionary (readings in context: 行业 is hang-ye, not xing-ye) would hold ~42 MB for the
# process's life; only the phrases inside our terms are kept (register_term_phrases).
os.environ.setdefault("PYPINYIN_NO_PHRASES", "1")

from pypinyin import Style, constants, lazy_pinyin, load_phrases_dict, pinyin  # noqa: E402

from assistant.language.jieba_tokenizers import main_dictionary  # noqa: E402

# Fuzzy pairs most pinyin typists confuse (southern initials, front/back nasals), folded one way.
_INITIAL_FOLDS = (("zh", "z"), ("ch", "c"), ("sh", "s"))
_FINAL_FOLDS = (("ing", "in"), ("eng", "en"))
MIN_TERM_LENGTH = 2  # one character has too many homophones to correct safely
# A window that is a word of the general dictionary this common is meant as written (公式 is not 公示),
# whatever the term; rarer look-alikes (结点, 59) are still read as the term (节点, 451).
ORDINARY_WORD_FREQUENCY = 100
# Two characters that are each a common word on their own are two words (是先 is 是 + 先, not 事先).
COMMON_CHARACTER_FREQUENCY = 20000
MAX_WORD_LENGTH = 4  # the longest ordinary word looked for across a window's edge


def _is_han(character: str) -> bool:
    return "\u4e00" <= character <= "\u9fff" or "\u3400" <= character <= "\u4dbf"


def fold(reading: str) -> str:
    """A toneless reading with the fuzzy pairs folded: zhi → zi, jing → jin, sheng → sen."""
    for long, short in _INITIAL_FOLDS:
        if reading.startswith(long):
            reading = short + reading[len(long) :]
            break
    for long, short in _FINAL_FOLDS:
        if reading.endswith(long):
            return reading[: -len(long)] + short
    return reading


@lru_cache(maxsize=8192)
def exact_reading(character: str) -> str:
    """The toneless default reading of a Han character (what a typist types for it); "" otherwise."""
    return pinyin(character, style=Style.NORMAL)[0][0] if _is_han(character) else ""


@lru_cache(maxsize=8192)
def reading(character: str) -> str:
    """The default reading with the fuzzy pairs folded."""
    return fold(exact_reading(character))


def register_term_phrases(terms: Iterable[str]) -> None:
    """Give pypinyin the readings in context of the phrases inside these terms (跨行业 → kua-hang-ye), read from
    its phrase dictionary, which is then let go: the dictionary is loaded only for this."""
    if constants.PHRASES_DICT:
        return  # pypinyin was imported before this module with its phrases: they are all there already
    module = importlib.import_module("pypinyin.phrases_dict")
    phrases = module.phrases_dict
    found = {
        term[start:end]: phrases[term[start:end]]
        for term in terms
        for start in range(len(term))
        for end in range(start + 2, len(term) + 1)
        if term[start:end] in phrases
    }
    phrases.clear()
    sys.modules.pop("pypinyin.phrases_dict", None)
    if found:
        load_phrases_dict(found)


def word_reading(word: str) -> str:
    """A word's toneless readings, space-separated (in context for the registered phrases)."""
    return " ".join(lazy_pinyin(word))


@lru_cache(maxsize=1)
def general_word_frequencies() -> Mapping[str, int]:
    """Frequencies of the words (and characters) of jieba's general dictionary, no domain words.

    The one load the tokenizers share (a prefix of a word is there too, with frequency 0).
    """
    return main_dictionary()[0]


@dataclass(frozen=True)
class Correction:
    """One rewrite: ``text[start:end]`` was ``wrong`` and becomes ``term``."""

    start: int
    end: int
    wrong: str
    term: str


@dataclass(frozen=True)
class _Entry:
    term: str
    exact_key: tuple[str, ...]  # the term's toneless readings, as the term is read (phrase-aware)
    key: tuple[str, ...]  # the same, folded
    frequency: int


class TermCorrector:
    """Rewrites homophone misspellings of the given terms; text that already is a term is left alone."""

    def __init__(self, terms: Iterable[str], *, word_frequency: Callable[[str], int] | None = None,
                 ordinary_word_frequency: int = ORDINARY_WORD_FREQUENCY, keep_words_whole: bool = False):
        """``terms``: the domain words; ``word_frequency``: how common an ordinary word is (0 = not a word);
        ``keep_words_whole``: no correction of any length may cut a common word (股份公司 holds no 分公司)."""
        self._keep_words_whole = keep_words_whole
        if word_frequency is None:
            frequencies = general_word_frequencies()

            def word_frequency(word: str) -> int:
                return frequencies.get(word, 0)

        self._ordinary = ordinary_word_frequency
        self._frequency = word_frequency
        self.terms = tuple(sorted({t for t in terms if len(t) >= MIN_TERM_LENGTH and all(map(_is_han, t))}))
        # Index: the folded reading of a term's first character → the terms starting with that sound.
        self._index: dict[str, list[_Entry]] = defaultdict(list)
        register_term_phrases(self.terms)
        for term in self.terms:
            exact_key = tuple(lazy_pinyin(term, style=Style.NORMAL))
            key = tuple(fold(syllable) for syllable in exact_key)
            self._index[key[0]].append(_Entry(term, exact_key, key, self._frequency(term)))
        for entries in self._index.values():
            entries.sort(key=lambda entry: -len(entry.term))  # longest first: 二级结点 → 二级节点, not only 节点
        # Every position where a term starts, its longest term there: one regex pass instead of a find per term.
        alternatives = "|".join(map(re.escape, sorted(self.terms, key=len, reverse=True)))
        self._term_starts = re.compile(f"(?=({alternatives}))") if self.terms else None

    def _protected(self, text: str) -> list[bool]:
        """Characters inside a correctly written term: never rewritten."""
        protected = [False] * len(text)
        if self._term_starts is not None:
            for match in self._term_starts.finditer(text):
                protected[match.start() : match.start() + len(match.group(1))] = [True] * len(match.group(1))
        return protected

    def _common(self, word: str) -> bool:
        return self._frequency(word) >= self._ordinary

    def _cuts_a_word(self, text: str, start: int, end: int) -> bool:
        """True when a common word of the text runs across the window's start or end."""
        for edge in (start, end):
            for left in range(max(0, edge - MAX_WORD_LENGTH + 1), edge):
                for right in range(edge + 1, min(len(text), left + MAX_WORD_LENGTH) + 1):
                    if self._common(text[left:right]):
                        return True
        return False

    def _matches(self, window: str, entry: _Entry, window_readings: list[str]) -> bool:
        if window == entry.term:
            return False
        if tuple(window_readings) != entry.key:
            return False
        differing = sum(1 for a, b in zip(window, entry.term, strict=True) if a != b)
        if differing > (2 if len(entry.term) >= 5 else 1):
            return False
        # An ordinary word, common in itself or at least as common as the term, is what the caller meant.
        frequency = self._frequency(window)
        if frequency >= self._ordinary or frequency >= max(entry.frequency, 1):
            return False
        return not (len(window) == 2 and all(self._frequency(c) >= COMMON_CHARACTER_FREQUENCY for c in window))

    def corrections(self, text: str) -> list[Correction]:
        """The rewrites the text needs, left to right, none overlapping another or a correct term."""
        char_readings = [reading(character) for character in text]
        protected = self._protected(text)
        found: list[Correction] = []
        taken = list(protected)
        start = 0
        while start < len(text):
            best: Correction | None = None
            best_rank = (0, False)
            for entry in self._index.get(char_readings[start], ()) if char_readings[start] else ():
                end = start + len(entry.term)
                # Cheap rejections first: past the end, shorter than the best so far, another sound.
                if end > len(text) or len(entry.term) < best_rank[0] or tuple(char_readings[start:end]) != entry.key:
                    continue
                # Longest term first; between equals, one read exactly so over one read through a fuzzy pair.
                rank = (len(entry.term), tuple(map(exact_reading, text[start:end])) == entry.exact_key)
                if rank <= best_rank:
                    continue
                # A correct term's characters never change; a longer term may still include them (试点示反).
                if any(taken[i] and text[i] != entry.term[i - start] for i in range(start, end)):
                    continue
                if not self._matches(text[start:end], entry, char_readings[start:end]):
                    continue
                # Two characters are weak evidence: they must not cut a common word (到企业 holds no 到期).
                if (len(entry.term) == MIN_TERM_LENGTH or self._keep_words_whole) and self._cuts_a_word(text, start, end):
                    continue
                best, best_rank = Correction(start, end, text[start:end], entry.term), rank
            if best is None:
                start += 1
                continue
            found.append(best)
            taken[best.start : best.end] = [True] * (best.end - best.start)
            start = best.end
        return found

    def correct(self, text: str) -> str:
        """The text with every homophone misspelling of a term replaced by the term."""
        pieces, position = [], 0
        for correction in self.corrections(text):
            pieces += [text[position : correction.start], correction.term]
            position = correction.end
        return "".join(pieces) + text[position:]


def romanisations(name: str, limit: int = 16) -> list[str]:
    """A Chinese name as an English text may write it, without tones or spaces, every reading of a character with
    several (长沙 → changsha as well as zhangsha; without pypinyin's phrase table the first reading may be wrong)."""
    readings = pinyin(name, style=Style.NORMAL, heteronym=True)
    spellings = [""]
    for options in readings:
        spellings = [start + option for start in spellings for option in dict.fromkeys(options)][:limit]
    return spellings
