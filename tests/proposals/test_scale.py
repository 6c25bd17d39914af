"""Lists stay fast at national scale: seed_scale fills a year in bulk, and each list page runs a
constant number of queries however many rows it shows."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from proposals.models import ActionPlan, ProjectRequest

pytestmark = [pytest.mark.django_db, pytest.mark.slow]  # seeds a year at national scale, like bench/pages.py
YEAR = 2598


@pytest.fixture
def seeded(people):
    call_command("seed_scale", fiscal_year=YEAR, per_province=60, provinces=3, stdout=open("/dev/null", "w"))
    return {u.username: u for u in get_user_model().objects.filter(username__startswith="scale_")}


def test_seed_scale_fills_every_province_asked_for_and_is_rerunnable(seeded):
    assert ProjectRequest.objects.filter(fiscal_year=YEAR).count() == 180
    call_command("seed_scale", fiscal_year=YEAR, per_province=60, provinces=3, stdout=open("/dev/null", "w"))
    assert ProjectRequest.objects.filter(fiscal_year=YEAR).count() == 180
    assert ActionPlan.objects.filter(fiscal_year=YEAR).count() == 3


def _queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    "who,url",
    [
        ("scale_central", "/requests/?fiscal_year=2598"),
        ("scale_planner", "/plans/{plan}/"),
        ("scale_cluster", "/cluster/?year=2598"),
    ],
)
def test_each_list_page_runs_the_same_number_of_queries_for_20_and_100_rows(client_for, seeded, who, url):
    user = seeded[who]
    plan = (
        ActionPlan.objects.get(fiscal_year=YEAR, office__in=user.memberships.values("office"))
        if "{plan}" in url
        else None
    )
    url = url.format(plan=getattr(plan, "pk", ""))
    client = client_for(user)
    client.get("/about/")  # the session's renewal and the header's snapshot: once, not per page
    joiner = "&" if "?" in url else "?"
    small, large = _queries(client, f"{url}{joiner}size=20"), _queries(client, f"{url}{joiner}size=100")
    assert small == large
