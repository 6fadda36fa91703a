"""Chinese tokenisation for the lexical index: jieba with the packages' domain words, stop words dropped."""

from __future__ import annotations

import logging
from functools import cached_property, lru_cache

import jieba
import jieba.posseg

from assistant.language.markers import STOP_WORDS

jieba.setLogLevel(logging.WARNING)

class DomainTokenizer:
    """A private jieba tokenizer that knows the domain words (``word [freq] [pos]`` entries)."""

    def __init__(self, entries: tuple[str, ...]):
        self._jieba = jieba.Tokenizer()
        for entry in entries:
            word, *rest = entry.split()
            freq = int(rest[0]) if rest and rest[0].isdigit() else None
            tag = rest[-1] if rest and not rest[-1].isdigit() else None
            self._jieba.add_word(word, freq, tag)

    @cached_property
    def _pos(self) -> jieba.posseg.POSTokenizer:
        return jieba.posseg.POSTokenizer(self._jieba)

    def tokenize(self, text: str) -> list[str]:
        """Search-mode tokens (long words and their parts) minus stop words and spaces."""
        return [token for token in self._jieba.lcut_for_search(text) if token.strip() and token not in STOP_WORDS]

    def pos_tags(self, text: str) -> list[tuple[str, str]]:
        """(word, part of speech) pairs; no HMM, so no made-up merges such as "水会" from 掺点水会咋样."""
        return [(pair.word, pair.flag) for pair in self._pos.cut(text, HMM=False)]


@lru_cache(maxsize=8)
def domain_tokenizer(entries: tuple[str, ...]) -> DomainTokenizer:
    """One tokenizer per dictionary: building one loads jieba's main dictionary (about a second)."""
    return DomainTokenizer(entries)
