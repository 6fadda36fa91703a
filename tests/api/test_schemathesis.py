"""Property-based requests over every operation of /openapi.json: the API never answers with a 5xx.

Schemathesis reads the app's own OpenAPI document and generates valid and invalid requests for each
operation (bounded: ``MAX_EXAMPLES`` per operation, the whole file in well under a minute), sent over
real HTTP to the live loopback server. Successful responses must also match their declared model.
"""

from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from assistant.api import create_app

MAX_EXAMPLES = 25

# The document is produced without starting the app (no lifespan, nothing heavy); requests go to the
# live server. (schemathesis.pytest.from_fixture would be the lazy way, but it breaks under pytest 9.)
schema = schemathesis.openapi.from_dict(create_app().openapi())


@schema.parametrize()
@settings(max_examples=MAX_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_operation_answers_with_a_server_error(case: schemathesis.Case, live_url: str) -> None:
    response = case.call(base_url=live_url, timeout=30)
    checks: list[schemathesis.CheckFunction] = [not_a_server_error]
    # Only 2xx bodies have a stable declared model; errors use {"error": …}, not FastAPI's default 422 model.
    if 200 <= response.status_code < 300:
        checks.append(response_schema_conformance)
    case.validate_response(response, checks=checks)
