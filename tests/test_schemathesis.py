"""Property-based tests of the API from its own description (/openapi.json) with schemathesis.

Whatever schemathesis sends, the service never answers with a 5xx, answers only with the
status codes, content types and JSON shapes it documents. A generated case is rarely a lawful
act, so "a schema-valid body must be accepted" does not apply: the legal rules refuse it (422).
"""

from __future__ import annotations

from typing import Any

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error, positive_data_acceptance
from schemathesis.core.result import Ok

from docgen.service import create_app
from docgen.service.app import Limits

schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(Limits()))


def test_every_operation_is_described() -> None:
    operations = set()
    for result in schema.get_all_operations():
        assert isinstance(result, Ok), result  # an Err: the description of an operation is bad
        operations.add(f"{result.ok().method.upper()} {result.ok().path}")
    assert operations == {
        "GET /healthz",
        "GET /api/types",
        "GET /api/types/{act_type}/schema",
        "GET /api/types/{act_type}/example",
        "GET /api/types/{act_type}/sheet",
        "POST /api/acts/{act_type}/render",
        "POST /api/acts/{act_type}/batch",
    }


@schema.parametrize()
@settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_api_never_fails_on_the_server(case: schemathesis.Case[Any]) -> None:
    case.call_and_validate(
        excluded_checks=[positive_data_acceptance], additional_checks=[not_a_server_error]
    )
