"""Find a clause of a regulation by address, label or id."""

from __future__ import annotations

import re

from assistant.errors import ClauseNotFound
from assistant.regulation.clause import Clause, ClauseAddress, Regulation
from assistant.regulation.labels import parse_label

_ID = re.compile(r"a(?P<article>\d+)(?:p(?P<paragraph>\d+))?(?:i(?P<item>\d+))?(?:s(?P<subitem>\d+))?")


def parse_reference(reference: str) -> ClauseAddress:
    """An id (``a5p1i1s3``) or a label (``第五条第（一）项第3目``) → ClauseAddress."""
    match = _ID.fullmatch(reference.strip())
    if match:
        values = {key: int(value) if value else None for key, value in match.groupdict().items()}
        return ClauseAddress(**values)  # type: ignore[arg-type]
    return parse_label(reference)


def _normalise(address: ClauseAddress) -> ClauseAddress:
    # Items belong to paragraph 1 when the article has no other paragraph to name.
    if address.item is not None and address.paragraph is None:
        return ClauseAddress(address.article, 1, address.item, address.subitem)
    return address


def find_clause(regulation: Regulation, reference: str | ClauseAddress) -> Clause:
    """The clause at an address, id or label; raises ClauseNotFound."""
    address = parse_reference(reference) if isinstance(reference, str) else reference
    wanted = _normalise(address)
    for clause in regulation.walk():
        if clause.address == wanted:
            return clause
    raise ClauseNotFound(f"{regulation.title} has no clause {reference}")
