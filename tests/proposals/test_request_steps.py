"""The request form in steps (issue 11): each step shows and saves only its own part, says what
is still missing, and leaves the other parts as they were."""

import pytest
from django.urls import reverse

from clusters.models import Amphoe
from ministries.models import WorkCategory
from proposals.models import ProjectRequest, RequestKPI
from tests.proposals.conftest import make_request

pytestmark = pytest.mark.django_db


def _management(prefix, total=2):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def test_a_step_shows_only_its_fields_and_says_what_is_missing(client_for, people):
    request = make_request(people, ministry_strategy=None)
    html = (
        client_for(people.planner_a)
        .get(reverse("proposals:request-edit", args=[request.pk]), {"step": "links"})
        .content.decode()
    )
    assert 'name="strategic_issue"' in html and 'name="ministry_strategy"' in html
    assert 'name="title"' not in html and 'name="locations-0-province"' not in html
    assert 'id="step-links" aria-current="step"' in html
    assert "ยังขาด: ยุทธศาสตร์กระทรวง" in html


def test_saving_a_step_changes_only_that_step_and_moves_on(client_for, people):
    request = make_request(people, ministry_strategy=None)
    RequestKPI.objects.create(request=request, name="ปริมาณน้ำเก็บกักเพิ่มขึ้น")
    before = ProjectRequest.objects.get(pk=request.pk)
    response = client_for(people.planner_a).post(
        reverse("proposals:request-edit", args=[request.pk]) + "?step=links",
        {
            "revision": str(before.revision),
            "strategic_issue": people.issue_a.pk,
            "ministry_strategy": people.strategy_x.pk,
            "framework_justification": "ไม่มีหน่วยงานใดจัดงบให้",
            "save_next": "1",
        },
    )
    assert response.status_code == 302 and response["Location"].endswith("?step=money")
    after = ProjectRequest.objects.get(pk=request.pk)
    assert after.ministry_strategy_id == people.strategy_x.pk and after.revision == before.revision + 1
    assert (after.title, after.amount, after.problem) == (before.title, before.amount, before.problem)
    assert after.kpis.count() == 1 and after.locations.count() == before.locations.count()


def test_the_where_step_saves_places_and_keeps_the_rest(client_for, people):
    request = make_request(people)
    district = Amphoe.objects.get(province__name_th="ขอนแก่น", name_th="น้ำพอง")
    data = {"revision": str(request.revision), **_management("locations")}
    data.update({"locations-0-province": people.office_a.province_id, "locations-0-district": district.code})
    response = client_for(people.planner_a).post(
        reverse("proposals:request-edit", args=[request.pk]) + "?step=where", data
    )
    assert response.status_code == 302
    after = ProjectRequest.objects.get(pk=request.pk)
    assert list(after.locations.values_list("district_id", flat=True)) == [district.code]
    assert after.category == WorkCategory.objects.get(code="water") and after.title == request.title


def test_a_step_refuses_bad_input_with_a_thai_error_and_saves_nothing(client_for, people):
    request = make_request(people)
    response = client_for(people.planner_a).post(
        reverse("proposals:request-edit", args=[request.pk]) + "?step=money",
        {"revision": str(request.revision), "amount": "0", "funding_channel": "province"},
    )
    assert response.status_code == 200 and "วงเงินต้องมากกว่า 0 บาท" in response.content.decode()
    assert ProjectRequest.objects.get(pk=request.pk).revision == request.revision


@pytest.mark.parametrize("persona", ["planner_b", "reviewer_x", "outsider"])
def test_other_people_cannot_open_a_step(client_for, people, persona):
    request = make_request(people)
    response = client_for(getattr(people, persona)).get(
        reverse("proposals:request-edit", args=[request.pk]), {"step": "what"}
    )
    assert response.status_code in (403, 404)
