"""R3 ranks set from the request form and reordered on the plan page without a reload (issue 11)."""

import pytest
from django.urls import reverse

from proposals.models import ActionPlan, ProjectRequest
from proposals.services.transitions import request_transition
from tests.proposals.conftest import make_request

pytestmark = pytest.mark.django_db
JSON = {"HTTP_ACCEPT": "application/json"}


def _ranks(plan_id):
    return list(ProjectRequest.objects.filter(plan_id=plan_id).order_by("priority_rank").values_list("pk", flat=True))


@pytest.fixture
def three(people):
    return [make_request(people, title=f"โครงการ {i}") for i in range(3)]


def test_setting_rank_one_on_the_form_shifts_the_others_down(client_for, people, three):
    r1, r2, r3 = three
    client = client_for(people.planner_a)
    url = reverse("proposals:request-edit", args=[r3.pk]) + "?step=what"
    page = client.get(url).content.decode()
    assert 'name="rank"' in page
    form_data = {
        "revision": r3.revision,
        "title": r3.title,
        "problem": r3.problem,
        "evidence": r3.evidence,
        "severity": r3.severity,
        "category": r3.category_id,
        "rank": "1",
    }
    response = client.post(url, form_data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert _ranks(r1.plan_id) == [r3.pk, r1.pk, r2.pk]


def test_a_rank_past_the_end_means_last_and_zero_is_refused_with_a_thai_message(client_for, people, three):
    r1, r2, r3 = three
    client = client_for(people.planner_a)
    url = reverse("proposals:request-rank", args=[r1.pk])
    assert client.post(url, {"rank": "99"}, **JSON).json()["rank"] == 3
    assert _ranks(r1.plan_id) == [r2.pk, r3.pk, r1.pk]
    response = client.post(url, {"rank": "0"}, **JSON)
    assert response.status_code == 400 and "จำนวนเต็มบวก" in response.json()["error"]


def test_the_rank_endpoint_answers_the_new_order_as_json(client_for, people, three):
    r1, r2, r3 = three
    response = client_for(people.planner_a).post(reverse("proposals:request-rank", args=[r3.pk]), {"rank": "2"}, **JSON)
    assert response.status_code == 200
    assert response.json()["ranks"] == {str(r1.pk): 1, str(r3.pk): 2, str(r2.pk): 3}
    assert _ranks(r1.plan_id) == [r1.pk, r3.pk, r2.pk]


def test_without_javascript_the_rank_endpoint_redirects_back_to_the_plan(client_for, people, three):
    r1, _r2, r3 = three
    response = client_for(people.planner_a).post(reverse("proposals:request-rank", args=[r3.pk]), {"rank": "1"})
    assert response.status_code == 302 and response.url == reverse("proposals:plan-detail", args=[r1.plan_id])
    assert _ranks(r1.plan_id)[0] == r3.pk


def test_the_plan_page_loads_the_reordering_module_for_its_planner_only(client_for, people, three):
    url = reverse("proposals:plan-detail", args=[three[0].plan_id])
    page = client_for(people.planner_a).get(url).content.decode()
    assert "proposals/plan_rank.js" in page and "data-rank-url" in page and 'aria-live="polite"' in page
    page = client_for(people.central).get(url)
    if page.status_code == 200:
        assert "plan_rank.js" not in page.content.decode()


@pytest.mark.parametrize("persona", ["planner_b", "reviewer_y", "cluster_officer_b", "outsider"])
def test_other_offices_and_ministries_cannot_reorder_a_draft(client_for, people, three, persona):
    r1 = three[0]
    response = client_for(getattr(people, persona)).post(
        reverse("proposals:request-rank", args=[r1.pk]), {"rank": "3"}, **JSON
    )
    assert response.status_code in (403, 404)
    assert _ranks(r1.plan_id)[0] == r1.pk


@pytest.mark.parametrize("persona", ["planner_b", "reviewer_x", "reviewer_y", "cluster_officer_b", "central"])
def test_nobody_outside_the_office_reorders_submitted_requests(client_for, people, three, persona):
    r1, r2, _r3 = three
    for r in (r1, r2):
        request_transition(request_id=r.pk, action="submit", user=people.planner_a)
    response = client_for(getattr(people, persona)).post(
        reverse("proposals:request-rank", args=[r2.pk]), {"rank": "1"}, **JSON
    )
    assert response.status_code in (403, 404)
    assert _ranks(r1.plan_id)[:2] == [r1.pk, r2.pk]


def test_the_cluster_officer_ranks_the_cluster_plan_but_not_another_clusters(client_for, people):
    own = [
        make_request(people, user=people.cluster_officer, office=people.cluster_office_a, issue=people.issue_cluster_a)
        for _ in range(2)
    ]
    response = client_for(people.cluster_officer).post(
        reverse("proposals:request-rank", args=[own[1].pk]), {"rank": "1"}, **JSON
    )
    assert response.status_code == 200
    assert _ranks(own[0].plan_id) == [own[1].pk, own[0].pk]
    response = client_for(people.cluster_officer_b).post(
        reverse("proposals:request-rank", args=[own[1].pk]), {"rank": "2"}, **JSON
    )
    assert response.status_code in (403, 404)


def test_a_submitted_plan_refuses_reordering_with_a_thai_message(client_for, people, three):
    r1, r2, _r3 = three
    ActionPlan.objects.filter(pk=r1.plan_id).update(status=ActionPlan.PlanStatus.SUBMITTED)
    client = client_for(people.planner_a)
    response = client.post(reverse("proposals:request-rank", args=[r2.pk]), {"rank": "1"}, **JSON)
    assert response.status_code == 400 and "จัดลำดับความสำคัญใหม่ไม่ได้" in response.json()["error"]
    response = client.post(reverse("proposals:request-move", args=[r2.pk, "up"]), follow=True)
    assert "จัดลำดับความสำคัญใหม่ไม่ได้" in response.content.decode()
    assert _ranks(r1.plan_id)[:2] == [r1.pk, r2.pk]
    page = client.get(reverse("proposals:plan-detail", args=[r1.plan_id])).content.decode()
    assert "data-rank-url" not in page
