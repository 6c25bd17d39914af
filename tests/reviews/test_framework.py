"""The responsibility framework (R5): a planner drafting work a ministry owns is warned and must
say why the province funds it; the reviewer sees that answer; the central team keeps the matrix."""

import pytest
from django.urls import reverse

from ministries.models import Ministry, ResponsibilityRule, WorkCategory
from portal.exceptions import ApplicationError
from proposals.services.transitions import request_transition
from proposals.workflow import Status
from reviews.selectors import framework_warning_for
from reviews.services import framework_defaults_load, responsibility_rule_set
from tests.reviews.conftest import draft, to_ministry_review

pytestmark = pytest.mark.django_db


@pytest.fixture
def framework(db):
    framework_defaults_load()


def roads():
    return WorkCategory.objects.get(code="roads")


def test_highways_belong_to_the_department_of_highways(framework):
    warning = framework_warning_for(category_id=roads().pk, fiscal_year=2554)
    assert warning.owners == ["คค. / กรมทางหลวง"]
    assert "กรมทางหลวง" in warning.message and "2554" in warning.message


def test_categories_provinces_may_fund_carry_no_warning(framework):
    assert framework_warning_for(category_id=WorkCategory.objects.get(code="dredging").pk, fiscal_year=2554) is None
    assert framework_warning_for(category_id=WorkCategory.objects.get(code="other").pk, fiscal_year=2554) is None


def test_asking_the_owning_ministry_itself_for_support_needs_no_justification(framework):
    mot = Ministry.objects.get(code="mot")
    assert (
        framework_warning_for(
            category_id=roads().pk, fiscal_year=2554, funding_channel="ministry_support", target_ministry_id=mot.pk
        )
        is None
    )


def test_submitting_a_highway_request_without_a_justification_is_refused_naming_the_owner(
    people, framework, open_calendar
):
    request = draft(people, category="roads", strategy=people.strategy_y, title="ขยายทางหลวงหมายเลข 12 เป็น 4 ช่องจราจร")
    with pytest.raises(ApplicationError) as refused:
        request_transition(request_id=request.pk, action="submit", user=people.planner_a)
    assert "กระทรวงคมนาคม" in str(refused.value.message) or "คค." in str(refused.value.message)
    assert "กรมทางหลวง" in str(refused.value.message)
    request.refresh_from_db()
    assert request.status == Status.DRAFT


def test_with_a_justification_it_goes_through_and_the_reviewer_reads_it(people, client_for, framework, open_calendar):
    request = draft(
        people,
        category="roads",
        strategy=people.strategy_y,
        title="ถนนเชื่อมแหล่งท่องเที่ยวบึงแก่นนคร",
        framework_justification="ถนนท้องถิ่นในเขตเทศบาล กรมทางหลวงไม่มีแผนดำเนินการ",
    )
    request = to_ministry_review(request, planner=people.planner_a)
    assert request.status == Status.MINISTRY_REVIEW and request.reviewing_ministry == people.ministry_y
    body = client_for(people.reviewer_y).get(reverse("reviews:decide", args=[request.pk])).content.decode()
    assert "ถนนท้องถิ่นในเขตเทศบาล กรมทางหลวงไม่มีแผนดำเนินการ" in body
    assert "เป็นภารกิจของ" in body


def test_the_drafting_form_asks_the_htmx_endpoint_and_gets_the_warning(people, client_for, framework):
    client = client_for(people.planner_a)
    body = client.get(
        reverse("reviews:framework-check"), {"category": roads().pk, "fiscal_year": 2554}, HTTP_HX_REQUEST="true"
    ).content.decode()
    assert "กรมทางหลวง" in body and "เหตุผลที่จังหวัดต้องดำเนินการเอง" in body
    quiet = client.get(
        reverse("reviews:framework-check"),
        {"category": WorkCategory.objects.get(code="tourism").pk, "fiscal_year": 2554},
    ).content.decode()
    assert "กรอบความรับผิดชอบ" not in quiet


def test_the_warning_include_renders_an_htmx_slot(people, rf):
    from django.template.loader import render_to_string

    from proposals.models import ProjectRequest

    html = render_to_string(
        "reviews/includes/framework_warning.html",
        {"form": type("F", (), {"instance": ProjectRequest(fiscal_year=2554)})()},
    )
    assert 'hx-get="/reviews/framework/check/"' in html and '"fiscal_year": "2554"' in html


def test_the_matrix_is_public_to_signed_in_people_and_edited_by_the_central_team(people, client_for, framework):
    body = client_for(people.planner_b).get(reverse("reviews:framework"), {"fiscal_year": 2554}).content.decode()
    assert "กรมทางหลวง" in body and "cell-edit" not in body
    mot = Ministry.objects.get(code="mot")
    cell = reverse("reviews:framework-cell", args=[roads().pk, mot.pk])
    for who in ("planner_b", "reviewer_y", "reviewer_x"):
        assert client_for(getattr(people, who)).get(cell).status_code == 403
    assert "cell-edit" in client_for(people.central).get(reverse("reviews:framework")).content.decode()


def test_a_change_for_a_later_year_leaves_earlier_years_as_they_were(people, client_for, framework):
    mot = Ministry.objects.get(code="mot")
    response = client_for(people.central).post(
        reverse("reviews:framework-cell", args=[roads().pk, mot.pk]) + "?fiscal_year=2556",
        {"owned": "on", "province_may_fund": "on", "note": "ถ่ายโอนถนนสายรองให้ อปท."},
    )
    assert response.status_code == 302
    assert framework_warning_for(category_id=roads().pk, fiscal_year=2555) is not None
    assert framework_warning_for(category_id=roads().pk, fiscal_year=2556) is None
    old, new = ResponsibilityRule.objects.filter(category=roads(), ministry=mot).order_by("year_from")
    assert (old.year_from, old.year_to, new.year_from, new.year_to) == (2553, 2555, 2556, None)


def test_clearing_a_cell_ends_the_rule(people, framework):
    mot = Ministry.objects.get(code="mot")
    assert (
        responsibility_rule_set(
            user=people.central, category_id=roads().pk, ministry_id=mot.pk, fiscal_year=2553, owned=False
        )
        is None
    )
    assert framework_warning_for(category_id=roads().pk, fiscal_year=2554) is None


def test_only_the_central_team_may_set_a_rule(people, framework):
    with pytest.raises(ApplicationError):
        responsibility_rule_set(
            user=people.reviewer_y,
            category_id=roads().pk,
            ministry_id=people.ministry_y.pk,
            fiscal_year=2554,
            owned=False,
        )


def test_the_framework_api_reads_for_everyone_and_writes_for_the_central_team(people, client_for, framework):
    rules = client_for(people.planner_b).get(reverse("api:framework-rules"), {"fiscal_year": 2554}).json()
    assert any(r["department_name"] == "กรมทางหลวง" for r in rules)
    payload = {"category": roads().pk, "ministry": people.ministry_x.pk, "fiscal_year": 2554, "owned": True}
    assert (
        client_for(people.planner_b)
        .post(reverse("api:framework-rules"), payload, content_type="application/json")
        .status_code
        == 403
    )
    assert (
        client_for(people.reviewer_x)
        .post(reverse("api:framework-rules"), payload, content_type="application/json")
        .status_code
        == 403
    )
    created = client_for(people.central).post(reverse("api:framework-rules"), payload, content_type="application/json")
    assert created.status_code == 200 and created.json()["ministry"] == people.ministry_x.pk
    check = (
        client_for(people.planner_a)
        .get(reverse("api:framework-check"), {"category": roads().pk, "fiscal_year": 2554})
        .json()
    )
    assert len(check["warning"]["owners"]) == 2
