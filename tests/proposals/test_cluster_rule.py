"""The cluster rule (R4) has one statement, `proposals.models.scoping.cluster_memberships`, read
both by the query filter behind `visible_to` and by the pure predicate `is_cluster_officer_for`;
this checks the two answer alike, including for a province that moves cluster between years."""

import pytest
from django.contrib.auth import get_user_model

from clusters.models import ClusterMembership
from portal.roles import scope_of
from proposals.models import ProjectRequest
from proposals.models.scoping import _cluster_provinces_q
from proposals.permissions import is_cluster_officer_for
from tests.personas import YEAR
from tests.proposals.conftest import make_request

pytestmark = pytest.mark.django_db


def _filter_says(user, request) -> bool:
    condition = _cluster_provinces_q(scope_of(user), office_field="office", year_field="fiscal_year")
    return ProjectRequest.objects.filter(condition, pk=request.pk).exists()


def _predicate_says(user, request) -> bool:
    fresh = get_user_model().objects.get(pk=user.pk)  # no scope or cluster cache carried over
    return is_cluster_officer_for(fresh, ProjectRequest.objects.select_related("office").get(pk=request.pk))


def test_the_filter_and_the_predicate_agree_on_every_office_year_and_cluster_officer(people):
    # office_a2's province leaves cluster A after YEAR and joins cluster B (R4: clusters by year)
    moved = ClusterMembership.objects.for_fiscal_year(YEAR).get(province=people.office_a2.province)
    moved.valid_to = YEAR
    moved.save()
    ClusterMembership.objects.create(
        cluster=people.cluster_office_b.cluster, province=people.office_a2.province, valid_from=YEAR + 1
    )
    request = make_request(people)
    answers = {}
    for office in (people.office_a, people.office_a2, people.office_b):
        for year in (YEAR - 1, YEAR, YEAR + 1):
            ProjectRequest.objects.filter(pk=request.pk).update(office=office, fiscal_year=year, status="submitted")
            for persona in ("cluster_officer", "cluster_officer_b", "planner_a", "reviewer_x", "central"):
                user = getattr(people, persona)
                said = _filter_says(user, request)
                assert said == _predicate_says(user, request), (office, year, persona)
                answers[(office.pk, year, persona)] = said

    assert answers[(people.office_a2.pk, YEAR, "cluster_officer")]
    assert not answers[(people.office_a2.pk, YEAR + 1, "cluster_officer")]
    assert answers[(people.office_a2.pk, YEAR + 1, "cluster_officer_b")]
    assert not answers[(people.office_a.pk, YEAR, "cluster_officer_b")]
    assert not any(said for (_, _, persona), said in answers.items() if not persona.startswith("cluster"))
