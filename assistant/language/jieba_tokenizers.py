"""Private jieba tokenizers that share one load of jieba's main dictionary.

Each ``jieba.Tokenizer()`` loads the ~350k-word main dictionary on first use (about a second and ~50 MB
of strings). Our tokenizers each add their own words (domain words, place names), so each needs its own
prefix dictionary — but a shallow copy of one loaded dictionary shares the strings and skips the load.
"""

from __future__ import annotations

import logging
from functools import lru_cache

import jieba

jieba.setLogLevel(logging.WARNING)


@lru_cache(maxsize=1)
def _main_dictionary() -> tuple[dict[str, int], int]:
    loaded = jieba.Tokenizer()
    loaded.initialize()
    return loaded.FREQ, loaded.total


def new_tokenizer() -> jieba.Tokenizer:
    """A jieba tokenizer of the main dictionary, ready for ``add_word`` without touching any other one."""
    frequencies, total = _main_dictionary()
    tokenizer = jieba.Tokenizer()
    tokenizer.FREQ = dict(frequencies)
    tokenizer.total = total
    tokenizer.initialized = True
    return tokenizer
