"""Property-based tests of the API from its own description (/openapi.json) with schemathesis.

Whatever schemathesis sends, the service never answers with a 5xx, answers only with the
status codes, content types and JSON shapes it documents. A generated case is rarely a lawful
act, so "a schema-valid body must be accepted" does not apply: the legal rules refuse it (422).
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error, positive_data_acceptance
from schemathesis.core.result import Ok

from docgen.service import create_app
from docgen.service.app import Limits

_FOLDER = Path(tempfile.mkdtemp(prefix="docgen-schemathesis-"))
atexit.register(shutil.rmtree, _FOLDER, ignore_errors=True)
REGISTRY_URL = f"sqlite:///{_FOLDER / 'registry.sqlite3'}"
schema = schemathesis.openapi.from_asgi(
    "/openapi.json", create_app(Limits(), registry_url=REGISTRY_URL)
)
TOKEN: dict[str, str] = {}


@pytest.fixture(scope="module", autouse=True)
def registry_with_an_account() -> Iterator[None]:
    """A registry with offices, an act and an oblast prosecutor's token for the API."""
    from registry_helpers import OBLAST, ready_registry, registrable

    with ready_registry(REGISTRY_URL) as registry:
        registry.register("predpisanie", registrable())
        registry.accounts.add("robot", office=OBLAST, role="prosecutor")
        TOKEN["value"] = registry.accounts.new_token("robot")
        yield


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
        "POST /api/auth/login",
        "POST /api/auth/logout",
        "GET /api/auth/me",
        "GET /api/registry/acts",
        "GET /api/registry/acts/{act_id}",
        "GET /api/registry/acts/{act_id}/document",
        "POST /api/registry/acts/{act_id}/deliver",
        "POST /api/registry/acts/{act_id}/answer",
        "POST /api/registry/acts/{act_id}/execute",
        "POST /api/registry/acts/{act_id}/enforce",
        "POST /api/registry/acts/{act_id}/court",
        "POST /api/registry/acts/{act_id}/extend",
        "POST /api/registry/acts/{act_id}/annul",
        "POST /api/registry/acts/{act_id}/suspend",
        "POST /api/registry/acts/{act_id}/withdraw",
        "POST /api/registry/acts/{act_id}/cancel",
        "GET /api/registry/due",
        "POST /api/registry/notifications/{number}/close",
        "POST /api/registry/notifications/{number}/reopen",
        "GET /api/registry/journal/{kind}",
        "GET /api/registry/export",
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
    """With a valid token: the registry's routes are reached, not only refused with 401."""
    case.call_and_validate(
        headers={"Authorization": f"Bearer {TOKEN['value']}"},
        excluded_checks=[positive_data_acceptance],
        additional_checks=[not_a_server_error],
    )
