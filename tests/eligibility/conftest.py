"""The rule book of the real regulation (the root conftest provides ``regulation``), loaded once."""

from __future__ import annotations

import pytest

from assistant.eligibility import RuleBook, load_rulebook
from assistant.regulation import Regulation


@pytest.fixture(scope="session")
def rulebook(regulation: Regulation) -> RuleBook:
    return load_rulebook(regulation)
