"""Schemathesis against the live OpenAPI schema, in-process (issue 13).

The schema is read from /api/v1/schema/ and cases are sent through Django's WSGI application, so
the test database (or the audit's throw-away SQLite file) is the one the views use. Each persona
signs in with a DRF token. Two checks per case: no 5xx, and the response matches the schema.
"""

from __future__ import annotations

import contextlib
import math
from collections import Counter
from dataclasses import dataclass, field

FUZZ_PERSONAS = ("planner_a", "reviewer_x", "central")


@dataclass
class FuzzResult:
    cases: int = 0
    operations: int = 0
    server_errors: list = field(default_factory=list)
    mismatches: list = field(default_factory=list)
    statuses: Counter = field(default_factory=Counter)

    def summary(self) -> str:
        return (
            f"schemathesis: {self.cases} cases over {self.operations} operations x {len(FUZZ_PERSONAS)} personas, "
            f"{len(self.server_errors)} server errors, {len(self.mismatches)} schema mismatches "
            f"(statuses {dict(sorted(self.statuses.items()))})"
        )


@contextlib.contextmanager
def in_process_requests():
    """Django's WSGI handler closes "old" connections at each request; inside a test transaction
    that would close the test's own connection, so the signal is held off (as the test client does)."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def _token(user) -> str:
    from rest_framework.authtoken.models import Token

    return Token.objects.get_or_create(user=user)[0].key


def run_fuzz(people, *, total_cases: int = 2000, personas=FUZZ_PERSONAS, seed: int = 13) -> FuzzResult:
    import logging

    import schemathesis

    from portal.wsgi import application

    result = FuzzResult()
    quiet = [logging.getLogger(n) for n in ("django.request", "django.security", "axes")]
    for logger in quiet:
        logger.setLevel(logging.CRITICAL)
    with in_process_requests():
        headers0 = {"Authorization": f"Token {_token(people.central)}"}
        schema = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", application, headers=headers0)
        operations = [r.ok() for r in schema.get_all_operations()]
        result.operations = len(operations)
        per_operation = max(1, math.ceil(total_cases / (len(operations) * len(personas))))
        for persona in personas:
            headers = {"Authorization": f"Token {_token(getattr(people, persona))}"}
            for operation in operations:
                _probe(operation.as_strategy(), persona, headers, per_operation, seed, result)()
    for logger in quiet:
        logger.setLevel(logging.NOTSET)
    return result


def _probe(strategy, persona: str, headers: dict, examples: int, seed: int, result: FuzzResult):
    """A Hypothesis test sending `examples` generated cases of one operation as one persona."""
    from hypothesis import HealthCheck, Phase, given, settings
    from hypothesis import seed as hypothesis_seed
    from schemathesis.specs.openapi.checks import response_schema_conformance

    @hypothesis_seed(seed)
    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=strategy)
    def probe(case):
        response = case.call(headers=headers)
        result.cases += 1
        result.statuses[response.status_code] += 1
        where = f"{persona} {case.method} {case.formatted_path}"
        if response.status_code >= 500:
            result.server_errors.append(f"{where} -> {response.status_code}")
            return
        try:
            case.validate_response(response, checks=[response_schema_conformance], headers=headers)
        except (Exception, BaseExceptionGroup) as exc:  # schemathesis raises a FailureGroup
            text = " ".join(str(exc).strip().splitlines()[:6])
            result.mismatches.append(f"{where} -> {response.status_code}: {text[:400]}")

    return probe
