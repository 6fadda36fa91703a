"""Query normalisation before search: Traditional → Simplified (OpenCC), full-width → ASCII."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from opencc import OpenCC


@lru_cache(maxsize=1)
def _t2s() -> OpenCC:
    return OpenCC("t2s")


def to_simplified(text: str) -> str:
    """雙跨平臺獎勵 → 双跨平台奖励; Simplified text passes through unchanged."""
    return _t2s().convert(text)


def normalise_query(text: str) -> str:
    """NFKC (full-width digits and letters to ASCII) then Traditional → Simplified, trimmed."""
    text = unicodedata.normalize("NFKC", text)
    # NFKC turns full-width Chinese punctuation such as （） into ASCII; keep the regulation's forms.
    text = text.replace("(", "（").replace(")", "）")
    return to_simplified(text).strip()
