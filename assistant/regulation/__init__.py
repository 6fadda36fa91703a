"""The regulation as a clause tree: parsing, addresses and labels. Pure: no I/O."""

from assistant.regulation.clause import Clause, ClauseAddress, Regulation
from assistant.regulation.labels import format_label, parse_label
from assistant.regulation.lookup import find_clause
from assistant.regulation.parser import parse_regulation

__all__ = [
    "Clause",
    "ClauseAddress",
    "Regulation",
    "find_clause",
    "format_label",
    "parse_label",
    "parse_regulation",
]
