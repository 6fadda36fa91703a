"""Chinese tokenisation for the lexical index: jieba with the domain dictionary, stop words dropped."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import jieba
import jieba.posseg

DOMAIN_DICTIONARY = Path(__file__).with_name("domain_words.txt")
# Function words and question words carry no retrieval signal in this corpus.
STOP_WORDS = frozenset(
    "的 了 和 与 及 或 是 在 对 为 等 其 之 以 于 由 将 并 且 也 都 就 吗 呢 吧 啊 呀 么 嘛 请问 一下 "
    "我们 我 你 您 他们 这个 那个 什么 怎么 怎样 如何 哪些 哪个 多少 能 可以 可 会 要 需要 有 没有 "
    "一个 个 吗 ？ ? ， , 。 . 、 ； ; ： : “ ” （ ） ( ) 《 》 〔 〕 ！ !".split()
)


@lru_cache(maxsize=1)
def _tokenizer() -> jieba.Tokenizer:
    tokenizer = jieba.Tokenizer()
    tokenizer.load_userdict(str(DOMAIN_DICTIONARY))
    return tokenizer


def tokenize(text: str) -> list[str]:
    """Search-mode tokens (long words and their parts) minus stop words and spaces."""
    return [
        token
        for token in _tokenizer().lcut_for_search(text)
        if token.strip() and token not in STOP_WORDS
    ]


class _SharedTagTablePOSTokenizer(jieba.posseg.POSTokenizer):
    """POS tagging over our tokenizer, reusing the word → tag table jieba.posseg loaded at import.

    Both tables come from jieba's one default dictionary file; building a second costs ~40 MB and
    ~0.5 s at start. jieba's module-level POS tokenizer is not used anywhere in this project.
    """

    def __init__(self, tokenizer: jieba.Tokenizer):
        self.tokenizer = tokenizer
        self.word_tag_tab = jieba.posseg.dt.word_tag_tab


@lru_cache(maxsize=1)
def _pos_tokenizer() -> jieba.posseg.POSTokenizer:
    return _SharedTagTablePOSTokenizer(_tokenizer())


def pos_tags(text: str) -> list[tuple[str, str]]:
    """(word, part of speech) pairs, with the domain dictionary."""
    # No HMM: only dictionary words, so no made-up merges such as "水会" from 掺点水会咋样.
    return [(pair.word, pair.flag) for pair in _pos_tokenizer().cut(text, HMM=False)]
