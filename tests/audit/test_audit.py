"""The audit's short version in the normal suite (issue 13); `make audit` runs the long one."""

import pytest

from tests.audit.authz import run_matrix
from tests.audit.world import build_world

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

# The other-province, other-ministry, other-cluster, no-role and signed-out views of every route;
# `make audit` runs all fourteen personas.
SHORT_PERSONAS = ("planner_b", "reviewer_x", "cluster_officer_b", "outsider", "anonymous")


def test_the_authorisation_matrix_finds_no_cross_tenant_success_and_no_server_error(people):
    world = build_world(people)
    result = run_matrix(people, world, personas=SHORT_PERSONAS)
    print(result.summary())
    assert result.foreign_probes > 300
    assert result.unexpected == [], "\n".join(result.unexpected)
    assert result.server_errors == [], "\n".join(result.server_errors)


def test_the_matrix_would_catch_a_leak(people, monkeypatch):
    """The oracle is not the code under test: with request scoping switched off, the matrix
    reports another province's draft."""
    from proposals.models import scoping

    world = build_world(people)
    monkeypatch.setattr(scoping, "requests_visible_to", lambda queryset, user: queryset)
    result = run_matrix(people, world, personas=("planner_a",), only="requests/<int:pk>/history/")
    assert any("planner_a GET /requests/" in line for line in result.unexpected)


def test_schemathesis_finds_no_server_error_and_no_schema_mismatch(people):
    from tests.audit.fuzz import run_fuzz

    build_world(people)
    result = run_fuzz(people, total_cases=200)
    print(result.summary())
    assert result.cases >= 200
    assert result.server_errors == [], "\n".join(result.server_errors)
    assert result.mismatches == [], "\n".join(result.mismatches)


def test_every_route_with_an_argument_is_in_the_matrix():
    """A new URL with an object id must say which tenants' objects the matrix probes it with;
    otherwise it would be fed a meaningless plain id and only checked for server errors."""
    from tests.audit.authz import CONVERTER, _targets, url_routes
    from tests.audit.world import PLAIN_ARGUMENT_ROUTES

    missing = [r for r in url_routes() if CONVERTER.search(r) and not _targets(r) and r not in PLAIN_ARGUMENT_ROUTES]
    assert missing == [], "add these routes to ROUTE_TARGETS (tests/audit/world.py):\n" + "\n".join(missing)
    stale = PLAIN_ARGUMENT_ROUTES - set(url_routes())
    assert not stale, f"routes no longer in the URL conf: {sorted(stale)}"
