"""The one formatter for money and counts: answers, replies, API bodies and the page all use it."""

from __future__ import annotations

from decimal import Decimal

_WAN = 10_000
_YI = 100_000_000


def _plain(number: Decimal) -> str:
    """Decimal("8000") → "8000", Decimal("1.50") → "1.5": only fractional zeros go."""
    text = f"{number:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def format_quantity(number: int) -> str:
    """A count as the measures write it: 100000000 → 1亿, 120000000 → 1.2亿, 600000 → 60万,
    15000 → 1.5万, 20 → 20, 123456 → 123,456 (万/亿 only when at most two decimals are needed)."""
    magnitude = abs(number)
    for size, word in ((_YI, "亿"), (_WAN, "万")):
        if magnitude >= size and (magnitude * 100) % size == 0:
            return _plain(Decimal(number) / Decimal(size)) + word
    return f"{number:,}"


def format_yuan(amount: int) -> str:
    """Integer yuan: 5000000 → 500万元, 999000 → 99.9万元, 999999 → 999,999元, 1234 → 1,234元."""
    return f"{format_quantity(amount)}元"


def format_count(value: int, unit: str = "") -> str:
    """A counted fact with its unit: (120, 家) → 120家; money facts use ``format_yuan``."""
    return f"{format_quantity(value)}{unit}"
