"""R20: requests across ministries or areas: partner ministries with shares, other provinces, the
central coordinator; partners see and advise; marked and filterable; framework and screening use
every ministry and province involved."""

from decimal import Decimal

import pytest
from django.urls import reverse

from clusters.models import Province
from ministries.models import CentralAgency, Ministry, ResponsibilityRule, WorkCategory
from portal.exceptions import ApplicationError, ConflictError, NotAllowed
from portal.models import Membership, Role
from proposals.models import ProjectRequest, RequestMinistryShare
from proposals.services.joint import PartnerShare, request_coordinator_set, request_joint_set
from proposals.services.workflow_rules import submission_problems
from reviews.selectors.framework import framework_warning_for, partner_ministry_ids
from screening.services.areas import comparison_office_ids, covered_locations
from tests.reviews.conftest import draft, to_ministry_review

pytestmark = pytest.mark.django_db


@pytest.fixture
def reviewer_z(people):
    """A reviewer of a third ministry: neither lead nor partner (the "other ministry")."""
    from django.contrib.auth import get_user_model

    third = Ministry.objects.exclude(pk__in=[people.ministry_x.pk, people.ministry_y.pk]).order_by("pk").first()
    user, _ = get_user_model().objects.get_or_create(username="reviewer_z")
    Membership.objects.get_or_create(user=user, role=Role.MINISTRY_REVIEWER, ministry=third)
    return user


def joint(people, request, *, partners=None, provinces=(), basis="percent", lead="60", coordinator=None, user=None):
    request.refresh_from_db()
    partners = (
        partners if partners is not None else [PartnerShare(ministry_id=people.ministry_y.pk, share=Decimal("40"))]
    )
    return request_joint_set(
        user=user or people.planner_a,
        request_id=request.pk,
        expected_revision=request.revision,
        basis=basis,
        lead_share=Decimal(lead) if lead is not None else None,
        partners=partners,
        province_ids=list(provinces),
        coordinator_id=coordinator,
    )


def test_shares_add_up_to_100_percent_with_the_lead_first(people):
    request = draft(people)
    joint(people, request)
    rows = list(RequestMinistryShare.objects.filter(request=request).order_by("role"))
    assert [(r.ministry_id, r.role, r.percent) for r in rows] == [
        (people.ministry_x.pk, "lead", Decimal("60.00")),
        (people.ministry_y.pk, "partner", Decimal("40.00")),
    ]
    with pytest.raises(ApplicationError, match="ร้อยละ 100"):
        joint(people, request, lead="50")


def test_shares_in_baht_must_equal_the_amount(people):
    request = draft(people, amount="1000000.00")
    with pytest.raises(ApplicationError, match="ต้องเท่ากับวงเงินคำขอ"):
        joint(
            people,
            request,
            basis="amount",
            lead="600000",
            partners=[PartnerShare(ministry_id=people.ministry_y.pk, share=Decimal("300000"))],
        )
    joint(
        people,
        request,
        basis="amount",
        lead="600000",
        partners=[PartnerShare(ministry_id=people.ministry_y.pk, share=Decimal("400000"))],
    )
    assert RequestMinistryShare.objects.filter(request=request, amount__isnull=False).count() == 2


def test_the_lead_cannot_also_be_a_partner(people):
    request = draft(people)
    with pytest.raises(ApplicationError, match="กระทรวงหลัก"):
        joint(people, request, partners=[PartnerShare(ministry_id=people.ministry_x.pk, share=Decimal("40"))])


def test_a_stale_revision_is_refused(people):
    request = draft(people)
    with pytest.raises(ConflictError):
        request_joint_set(user=people.planner_a, request_id=request.pk, expected_revision=request.revision + 5)


def test_only_the_owning_office_sets_partners(people, reviewer_z):
    request = draft(people)
    for who in (people.planner_b, reviewer_z, people.reviewer_y):
        with pytest.raises(Exception) as caught:
            joint(people, request, user=who)
        assert caught.type.__name__ in ("Http404", "NotAllowed")


def test_a_changed_amount_makes_the_shares_a_submission_problem(people):
    request = draft(people, amount="1000000.00")
    joint(
        people,
        request,
        basis="amount",
        lead="600000",
        partners=[PartnerShare(ministry_id=people.ministry_y.pk, share=Decimal("400000"))],
    )
    ProjectRequest.objects.filter(pk=request.pk).update(amount=Decimal("2000000.00"))
    request.refresh_from_db()
    assert any("ต้องเท่ากับวงเงินคำขอ" in p for p in submission_problems(request))


def test_problem_evidence_and_severity_are_required_to_submit(people):
    """R3 (000 ประเด็น 1 item 3): no request goes without its analysis."""
    request = draft(people, problem="", evidence="", severity="")
    problems = submission_problems(request)
    assert "ยังไม่ได้ระบุปัญหาที่ต้องการแก้ไข" in problems
    assert "ยังไม่ได้ระบุข้อมูลหลักฐานประกอบปัญหา" in problems
    assert "ยังไม่ได้ประเมินความรุนแรงของปัญหา" in problems


def test_the_submit_is_refused_without_analysis(people, open_calendar):
    from proposals.services.transitions import request_transition

    request = draft(people, evidence="")
    with pytest.raises(ApplicationError, match="หลักฐาน"):
        request_transition(request_id=request.pk, action="submit", user=people.planner_a)


def test_a_partner_ministry_sees_the_filed_request_and_another_ministry_does_not(
    people, client_for, reviewer_z, open_calendar
):
    request = draft(people)
    joint(people, request)
    # a draft stays the office's own
    assert client_for(people.reviewer_y).get(reverse("proposals:request-detail", args=[request.pk])).status_code == 404
    request = to_ministry_review(request, planner=people.planner_a, field_reviewer=people.field_a)
    assert client_for(people.reviewer_y).get(reverse("proposals:request-detail", args=[request.pk])).status_code == 200
    assert client_for(people.reviewer_y).get(reverse("reviews:decide", args=[request.pk])).status_code == 200
    assert client_for(reviewer_z).get(reverse("proposals:request-detail", args=[request.pk])).status_code == 404
    assert client_for(reviewer_z).get(reverse("reviews:decide", args=[request.pk])).status_code == 404
    assert client_for(people.planner_b).get(reverse("proposals:request-detail", args=[request.pk])).status_code == 404


def test_a_partner_advises_but_cannot_decide(people, client_for, open_calendar):
    from reviews.services import review_record

    request = draft(people)
    joint(people, request)
    request = to_ministry_review(request, planner=people.planner_a, field_reviewer=people.field_a)
    page = client_for(people.reviewer_y).get(reverse("reviews:decide", args=[request.pk])).content.decode()
    assert 'id="save-opinion"' in page and "บันทึกผลการพิจารณา" not in page.split('id="ministry-opinions"')[1]
    with pytest.raises(ApplicationError):
        review_record(user=people.reviewer_y, request_id=request.pk, decision="endorse")
    request.refresh_from_db()
    assert request.status == "ministry_review"


def test_the_queue_lists_partner_requests_under_their_own_tab(people, client_for, open_calendar):
    request = draft(people)
    joint(people, request)
    to_ministry_review(request, planner=people.planner_a, field_reviewer=people.field_a)
    client = client_for(people.reviewer_y)
    assert request.reference not in client.get(reverse("reviews:queue")).content.decode()  # not "waiting for me"
    assert request.reference in client.get(reverse("reviews:queue") + "?which=partner").content.decode()
    api = client.get(reverse("api:review-queue") + "?which=all&cross_cutting=true").json()
    rows = api["results"] if isinstance(api, dict) else api
    assert [r["id"] for r in rows] == [request.pk]


def test_requests_across_areas_are_marked_and_filtered(people, client_for):
    plain = draft(people, title="ขุดลอกหนองหนึ่ง")
    linked = draft(people, title="ขุดลอกหนองสอง")
    udon = Province.objects.get(name_th="อุดรธานี")
    joint(people, linked, partners=[], lead=None, provinces=[udon.pk])
    client = client_for(people.planner_a)
    page = client.get(reverse("proposals:request-list") + "?cross_cutting=true").content.decode()
    assert linked.reference in page and plain.reference not in page
    assert "หลายกระทรวง/หลายพื้นที่" in page
    api = client.get(reverse("api:request-list") + "?cross_cutting=true").json()
    rows = api["results"] if isinstance(api, dict) else api
    assert [r["id"] for r in rows] == [linked.pk] and rows[0]["is_cross_cutting"] is True
    detail = client.get(reverse("api:request-detail", args=[linked.pk])).json()
    assert detail["joint"]["provinces"] == [{"id": udon.pk, "name": "อุดรธานี"}]


def test_the_ministry_filter_finds_the_partners_requests(people, client_for):
    request = draft(people)
    joint(people, request)
    page = client_for(people.planner_a).get(reverse("proposals:request-list") + f"?ministry={people.ministry_y.pk}")
    assert request.reference in page.content.decode()


def test_the_joint_page_saves_and_refuses_others(people, client_for, reviewer_z):
    request = draft(people)
    url = reverse("proposals:request-joint", args=[request.pk])
    assert client_for(people.planner_b).get(url).status_code == 404
    assert client_for(reviewer_z).get(url).status_code == 404
    client = client_for(people.planner_a)
    assert client.get(url).status_code == 200
    agency = CentralAgency.objects.get(code="nesdb")
    data = {
        "revision": request.revision,
        "basis": "percent",
        "lead_share": "70",
        "coordinator": agency.pk,
        "coordinator_note": "",
        "partners-TOTAL_FORMS": "3",
        "partners-INITIAL_FORMS": "0",
        "partners-0-ministry": people.ministry_y.pk,
        "partners-0-share": "20",
    }
    bad = client.post(url, data)
    assert bad.status_code == 200 and "ร้อยละ 100" in bad.content.decode()
    data["partners-0-share"] = "30"
    assert client.post(url, data).status_code == 302
    assert request.coordination.coordinator == agency
    detail = client.get(reverse("proposals:request-detail", args=[request.pk])).content.decode()
    assert "กระทรวงร่วม" in detail and agency.abbreviation in detail


def test_the_joint_api_saves_and_refuses_others(people, client_for, reviewer_z):
    request = draft(people)
    url = reverse("api:request-joint", args=[request.pk])
    body = {
        "revision": request.revision,
        "basis": "percent",
        "lead_share": "50",
        "partners": [{"ministry": people.ministry_y.pk, "share": "50"}],
    }
    assert client_for(people.planner_b).put(url, body, content_type="application/json").status_code == 404
    assert client_for(reviewer_z).put(url, body, content_type="application/json").status_code == 404
    response = client_for(people.planner_a).put(url, body, content_type="application/json")
    assert response.status_code == 200, response.content
    assert [p["ministry_id"] for p in response.json()["partners"]] == [people.ministry_y.pk]
    body["revision"] = response.json()["revision"]
    body["lead_share"] = "10"
    assert client_for(people.planner_a).put(url, body, content_type="application/json").status_code == 400


def test_the_central_team_names_itself_coordinator(people, client_for, open_calendar):
    request = to_ministry_review(draft(people), planner=people.planner_a, field_reviewer=people.field_a)
    agency = CentralAgency.objects.get(code="nesdb")
    with pytest.raises(NotAllowed):
        request_coordinator_set(user=people.reviewer_x, request_id=request.pk, coordinator_id=agency.pk)
    url = reverse("api:request-coordinator", args=[request.pk])
    assert (
        client_for(people.planner_a).put(url, {"coordinator": agency.pk}, content_type="application/json").status_code
        == 403
    )
    assert (
        client_for(people.planner_b).put(url, {"coordinator": agency.pk}, content_type="application/json").status_code
        == 404
    )
    response = client_for(people.central).put(url, {"coordinator": agency.pk}, content_type="application/json")
    assert response.status_code == 200 and response.json()["coordinator"]["id"] == agency.pk
    page = client_for(people.central).post(
        reverse("proposals:request-coordinator", args=[request.pk]), {"coordinator": "", "note": ""}
    )
    assert page.status_code == 302
    request.refresh_from_db()
    assert not hasattr(request, "coordination") or request.coordination is None


def test_the_framework_counts_the_partner_ministries(people):
    """R5 with R20: work a ministry owns needs no justification when that ministry takes part."""
    category = WorkCategory.objects.get(code="dredging")
    ResponsibilityRule.objects.filter(category=category).delete()
    ResponsibilityRule.objects.create(
        category=category, ministry=people.ministry_y, year_from=2554, province_may_fund=False
    )
    alone = framework_warning_for(category_id=category.pk, fiscal_year=2554, funding_channel="province")
    assert alone is not None and people.ministry_y.pk in alone.owner_ministry_ids
    request = draft(people, category="dredging")
    joint(people, request)
    assert partner_ministry_ids(request) == [people.ministry_y.pk]
    assert (
        framework_warning_for(
            category_id=category.pk,
            fiscal_year=2554,
            funding_channel="province",
            partner_ministry_ids=partner_ministry_ids(request),
        )
        is None
    )


def test_screening_places_the_request_in_its_other_provinces_and_compares_their_requests(people):
    udon = Province.objects.get(name_th="อุดรธานี")
    request = draft(people)
    assert covered_locations(request) is None
    before = comparison_office_ids(request)
    assert people.office_b.pk not in before
    joint(people, request, partners=[], lead=None, provinces=[udon.pk])
    request.refresh_from_db()
    assert udon.pk in {location.province_id for location in covered_locations(request)}
    after = comparison_office_ids(request)
    assert people.office_b.pk in after and people.cluster_office_b.pk in after and before <= after
