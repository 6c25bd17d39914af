"""Cluster integration (R4) and priority ranks (R3)."""

from decimal import Decimal

import pytest
from django.urls import reverse

from portal.exceptions import ApplicationError, NotAllowed
from proposals.models import ProjectRequest
from proposals.services.cluster import requests_merge
from proposals.services.ranks import plan_ranks_set, request_move
from proposals.services.transitions import request_transition
from proposals.workflow import Status
from tests.proposals.conftest import make_request

pytestmark = pytest.mark.django_db


def _submitted(people, user, office, issue, **overrides):
    request = make_request(people, user=user, office=office, issue=issue, **overrides)
    return request_transition(request_id=request.pk, action="submit", user=user)


@pytest.fixture
def two_submitted(people):
    issue_a2 = people.issue_a.__class__.objects.get_or_create(
        office=people.office_a2, period_start=2553, number=1, defaults={"period_end": 2556, "title": "พัฒนาแหล่งน้ำกาฬสินธุ์"}
    )[0]
    a = _submitted(
        people, people.planner_a, people.office_a, people.issue_a, title="ขุดลอกหนองโคตร", amount=Decimal("1200000")
    )
    a2 = _submitted(
        people, people.planner_a2, people.office_a2, issue_a2, title="ขุดลอกลำห้วยยาง", amount=Decimal("800000")
    )
    return a, a2


def test_the_cluster_officer_merges_two_same_kind_requests_into_one_cluster_project(people, two_submitted):
    a, a2 = two_submitted
    project = requests_merge(user=people.cluster_officer, request_ids=[a.pk, a2.pk], title="ฟื้นฟูแหล่งน้ำลุ่มน้ำชี")
    assert project.office == people.cluster_office_a and project.status == Status.DRAFT
    assert project.amount == Decimal("2000000")
    assert sorted(loc.province.name_th for loc in project.locations.all()) == ["กาฬสินธุ์", "ขอนแก่น"]
    for source in (a, a2):
        source.refresh_from_db()
        assert (source.status, source.merged_into_id) == (Status.MERGED, project.pk)
    assert set(project.merged_sources.values_list("pk", flat=True)) == {a.pk, a2.pk}


def test_merged_links_show_on_both_pages(client_for, people, two_submitted):
    a, a2 = two_submitted
    project = requests_merge(user=people.cluster_officer, request_ids=[a.pk, a2.pk], title="ฟื้นฟูแหล่งน้ำลุ่มน้ำชี")
    source_page = client_for(people.planner_a).get(reverse("proposals:request-detail", args=[a.pk])).content.decode()
    assert project.reference in source_page and "รวมเป็นโครงการกลุ่มจังหวัดแล้ว" in source_page
    project_page = (
        client_for(people.cluster_officer).get(reverse("proposals:request-detail", args=[project.pk])).content.decode()
    )
    assert a.reference in project_page and a2.reference in project_page


def test_requests_of_different_kinds_are_not_merged(people):
    a = _submitted(people, people.planner_a, people.office_a, people.issue_a, category="water")
    b = _submitted(
        people, people.planner_a, people.office_a, people.issue_a, category="roads", strategy=people.strategy_y
    )
    with pytest.raises(ApplicationError, match="หมวดงานเดียวกัน"):
        requests_merge(user=people.cluster_officer, request_ids=[a.pk, b.pk], title="รวม")
    assert ProjectRequest.objects.filter(status=Status.MERGED).count() == 0


def test_another_clusters_officer_cannot_merge_them(people, two_submitted):
    a, a2 = two_submitted
    with pytest.raises(NotAllowed):
        requests_merge(user=people.cluster_officer_b, request_ids=[a.pk, a2.pk], title="รวม")
    with pytest.raises(NotAllowed):
        requests_merge(user=people.planner_a, request_ids=[a.pk, a2.pk], title="รวม")


def test_drafts_are_not_merged(people):
    a = make_request(people)
    b = make_request(people)
    with pytest.raises(ApplicationError, match="ที่ส่งแล้ว"):
        requests_merge(user=people.cluster_officer, request_ids=[a.pk, b.pk], title="รวม")


def test_the_cluster_board_lists_the_member_provinces_submissions_and_merges_from_the_page(
    client_for, people, two_submitted
):
    a, a2 = two_submitted
    other = _submitted(people, people.planner_b, people.office_b, people.issue_b)
    client = client_for(people.cluster_officer)
    body = client.get(reverse("proposals:cluster-board")).content.decode()
    assert a.reference in body and a2.reference in body and other.reference not in body
    response = client.post(reverse("proposals:cluster-merge"), {"requests": [a.pk, a2.pk], "title": "ฟื้นฟูแหล่งน้ำลุ่มน้ำชี"})
    assert response.status_code == 302
    a.refresh_from_db()
    assert a.status == Status.MERGED


# --- ranks ------------------------------------------------------------------------------------------


def test_new_requests_are_ranked_last_and_ranks_stay_unique_when_moved(people):
    r1, r2, r3 = (make_request(people, title=f"โครงการ {i}") for i in range(3))
    assert [r.priority_rank for r in (r1, r2, r3)] == [1, 2, 3]
    request_move(user=people.planner_a, request_id=r3.pk, direction="up")
    ranks = dict(ProjectRequest.objects.filter(plan=r1.plan).values_list("pk", "priority_rank"))
    assert ranks == {r1.pk: 1, r3.pk: 2, r2.pk: 3}


def test_the_whole_order_can_be_set_at_once(people):
    r1, r2, r3 = (make_request(people, title=f"โครงการ {i}") for i in range(3))
    plan_ranks_set(user=people.planner_a, plan_id=r1.plan_id, ordered_ids=[r3.pk, r1.pk, r2.pk])
    assert list(ProjectRequest.objects.filter(plan=r1.plan).order_by("priority_rank").values_list("pk", flat=True)) == [
        r3.pk,
        r1.pk,
        r2.pk,
    ]


def test_an_incomplete_order_is_refused(people):
    r1, r2 = make_request(people), make_request(people)
    with pytest.raises(ApplicationError):
        plan_ranks_set(user=people.planner_a, plan_id=r1.plan_id, ordered_ids=[r2.pk])


def test_another_office_cannot_reorder_the_plan(people):
    r1, _r2 = make_request(people), make_request(people)
    with pytest.raises(NotAllowed):
        request_move(user=people.planner_b, request_id=r1.pk, direction="down")
    with pytest.raises(NotAllowed):
        request_move(user=people.cluster_officer, request_id=r1.pk, direction="down")


def test_the_up_and_down_buttons_reorder_the_plan_page(client_for, people):
    r1, r2 = make_request(people, title="ก"), make_request(people, title="ข")
    client = client_for(people.planner_a)
    client.post(reverse("proposals:request-move", args=[r2.pk, "up"]))
    r1.refresh_from_db(), r2.refresh_from_db()
    assert (r2.priority_rank, r1.priority_rank) == (1, 2)
