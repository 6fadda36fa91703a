"""Chinese tokenisation for the lexical index: jieba with the packages' domain words, stop words dropped."""

from __future__ import annotations

import logging
from functools import cached_property, lru_cache

import jieba
import jieba.posseg

from assistant.language.jieba_tokenizers import new_tokenizer
from assistant.language.markers import STOP_WORDS

jieba.setLogLevel(logging.WARNING)

class DomainTokenizer:
    """A private jieba tokenizer that knows the domain words (``word [freq] [pos]`` entries)."""

    def __init__(self, entries: tuple[str, ...], cache_size: int = 4096):
        self._jieba = new_tokenizer()
        # The answerer tokenises the same clause wordings and category words for every question:
        # a bounded LRU (settings.token_cache_size) keeps them, ~1 KiB an entry.
        self._cached_tokens = lru_cache(maxsize=cache_size)(self._tokens)
        for entry in entries:
            word, *rest = entry.split()
            freq = int(rest[0]) if rest and rest[0].isdigit() else None
            tag = rest[-1] if rest and not rest[-1].isdigit() else None
            self._jieba.add_word(word, freq, tag)

    @cached_property
    def _pos(self) -> jieba.posseg.POSTokenizer:
        return _SharedTagTablePOSTokenizer(self._jieba)

    def tokenize(self, text: str) -> list[str]:
        """Search-mode tokens (long words and their parts) minus stop words and spaces."""
        return list(self._cached_tokens(text))

    def _tokens(self, text: str) -> tuple[str, ...]:
        return tuple(token for token in self._jieba.lcut_for_search(text) if token.strip() and token not in STOP_WORDS)

    def pos_tags(self, text: str) -> list[tuple[str, str]]:
        """(word, part of speech) pairs; no HMM, so no made-up merges such as "水会" from 掺点水会咋样."""
        return [(pair.word, pair.flag) for pair in self._pos.cut(text, HMM=False)]


class _SharedTagTablePOSTokenizer(jieba.posseg.POSTokenizer):
    """POS tagging over a domain tokenizer, starting from the word → tag table jieba.posseg loaded at import.

    Both come from jieba's one main dictionary file; re-reading it costs ~0.5 s at start, and a shallow
    copy shares its ~350k strings (~25 MB) instead of making new ones. The domain words' own tags are
    added to this copy by jieba on first use (makesure_userdict_loaded).
    """

    def __init__(self, tokenizer: jieba.Tokenizer):
        self.tokenizer = tokenizer
        self.word_tag_tab = dict(jieba.posseg.dt.word_tag_tab)


@lru_cache(maxsize=8)
def domain_tokenizer(entries: tuple[str, ...], cache_size: int = 4096) -> DomainTokenizer:
    """One tokenizer per dictionary: building one loads jieba's main dictionary (about a second)."""
    return DomainTokenizer(entries, cache_size)
