"""Schemathesis against the app's own OpenAPI spec (/openapi.json): generated requests, valid and
invalid, never get a server error, and responses match the documented status codes and schemas.

Each operation gets a bounded number of examples per generation mode, so this stays fast. The
store is a copy of the small store: generated writes (sent with the token) land in a throwaway
database. (Driven through hypothesis directly: schemathesis' pytest fixture loader does not run
under pytest 9.)
"""
from __future__ import annotations

import shutil
import traceback

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error, response_schema_conformance, status_code_conformance

from sitrep.web import create_app

EXAMPLES = 15
CHECKS = (not_a_server_error, status_code_conformance, response_schema_conformance)


@pytest.fixture(scope="module")
def api_schema(small_store_url, token, tmp_path_factory):
    copy = tmp_path_factory.mktemp("schemathesis") / "store.db"
    shutil.copyfile(small_store_url, copy)
    return schemathesis.openapi.from_asgi("/openapi.json", create_app(str(copy), token=token))


@pytest.mark.parametrize("mode", list(GenerationMode), ids=lambda mode: mode.value)
def test_no_server_error(api_schema, token, mode):
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert {op.label for op in operations} >= {"GET /events", "GET /events/{event_id}", "POST /extract",
                                               "POST /documents", "GET /incidents"}
    failures: list[str] = []
    for operation in operations:
        @given(case=operation.as_strategy(generation_mode=mode))
        @settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
                  suppress_health_check=list(HealthCheck))
        def exercise(case):
            response = case.call(headers={"Authorization": f"Bearer {token}"})
            case.validate_response(response, checks=CHECKS)

        try:
            exercise()
        except Unsatisfiable:
            assert mode is GenerationMode.NEGATIVE, operation.label  # nothing to make invalid: no parameters
        except Exception as failure:  # collect every operation's failure, then report them together
            failures.append(f"{operation.label}:\n" + "".join(traceback.format_exception(failure))[-3000:])
    assert not failures, "\n\n".join(failures)
