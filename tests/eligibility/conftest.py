"""The rule book of the real regulation package, loaded once."""

from __future__ import annotations

import pytest

from assistant.eligibility import RuleBook
from tests.eligibility.wuhan import RULEBOOK


@pytest.fixture(scope="session")
def rulebook() -> RuleBook:
    return RULEBOOK
