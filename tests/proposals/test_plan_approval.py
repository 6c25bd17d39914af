"""R17 committee approvals (issue 10 item 5): a plan records the approving committee (ก.บ.จ. for
a province, ก.บ.ก. for a cluster), the meeting date (BE), the resolution number and the minutes;
the central team's year setting can require it before requests are submitted."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from portal.exceptions import ApplicationError, NotAllowed
from portal.models import FiscalYear
from proposals.models import PlanApproval
from proposals.services.plans import plan_approval_record
from proposals.services.transitions import request_transition
from tests.personas import YEAR
from tests.proposals.conftest import make_request, plan_for

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


def minutes():
    return SimpleUploadedFile("minutes.pdf", PDF, content_type="application/pdf")


def require(on=True):
    FiscalYear.objects.filter(year=YEAR).update(plan_approval_required=on)


def test_a_required_approval_stops_submission_until_recorded(people, client_for):
    require()
    request = make_request(people)
    with pytest.raises(ApplicationError, match="ก.บ.จ."):
        request_transition(request_id=request.pk, action="submit", user=people.planner_a)
    plan = request.plan
    response = client_for(people.planner_a).post(
        reverse("proposals:plan-approval", args=[plan.pk]),
        {"meeting_date": "25/11/2553", "resolution_number": "มติที่ 3/2553", "minutes": minutes()},
    )
    assert response.status_code == 302
    approval = PlanApproval.objects.get(plan=plan)
    assert approval.committee == "kbj" and approval.meeting_date.year == 2010  # BE 2553 typed, AD stored
    assert approval.minutes_name == "minutes.pdf"
    request_transition(request_id=request.pk, action="submit", user=people.planner_a)
    page = client_for(people.planner_a).get(reverse("proposals:plan-detail", args=[plan.pk])).content.decode()
    assert "มติที่ 3/2553" in page and "2553" in page and "ก.บ.จ." in page


def test_without_the_setting_submission_is_not_held(people):
    require(False)
    request = make_request(people)
    request_transition(request_id=request.pk, action="submit", user=people.planner_a)


def test_a_cluster_plan_is_approved_by_the_kbk(people):
    plan = plan_for(people.cluster_officer, people.cluster_office_a)
    approval = plan_approval_record(
        user=people.cluster_officer,
        plan_id=plan.pk,
        meeting_date=datetime.date(2010, 12, 1),
        resolution_number="2/2553",
        minutes=minutes(),
    )
    assert approval.committee == "kbk"


def test_bad_input_and_other_offices(people, client_for):
    plan = plan_for(people.planner_a, people.office_a)
    with pytest.raises(ValidationError):
        plan_approval_record(user=people.planner_a, plan_id=plan.pk, meeting_date=None, resolution_number="1")
    with pytest.raises(ValidationError, match="รายงานการประชุม"):
        plan_approval_record(
            user=people.planner_a, plan_id=plan.pk, meeting_date=datetime.date(2010, 1, 1), resolution_number="1"
        )
    fake = SimpleUploadedFile("minutes.pdf", b"MZ not a pdf", content_type="application/pdf")
    with pytest.raises(ApplicationError, match="ไม่ตรงกับชนิดไฟล์"):
        plan_approval_record(
            user=people.planner_a,
            plan_id=plan.pk,
            meeting_date=datetime.date(2010, 1, 1),
            resolution_number="1",
            minutes=fake,
        )
    with pytest.raises(NotAllowed):
        plan_approval_record(
            user=people.planner_a2,
            plan_id=plan.pk,
            meeting_date=datetime.date(2010, 1, 1),
            resolution_number="1",
            minutes=minutes(),
        )
    # bad BE date in the form: a Thai message, not a 500
    response = client_for(people.planner_a).post(
        reverse("proposals:plan-approval", args=[plan.pk]),
        {"meeting_date": "31/02/2553", "resolution_number": "1", "minutes": minutes()},
        follow=True,
    )
    assert response.status_code == 200 and not PlanApproval.objects.exists()
    # other province: 404 on the page and the API; other ministry: plans are not theirs to see
    api = f"/api/v1/plans/{plan.pk}/approval/"
    assert client_for(people.planner_b).post(reverse("proposals:plan-approval", args=[plan.pk])).status_code == 404
    assert client_for(people.planner_b).get(api).status_code == 404
    assert client_for(people.reviewer_y).get(api).status_code == 404
    body = {"meeting_date": "2010-11-25", "resolution_number": "4/2553", "minutes": minutes()}
    assert client_for(people.planner_b).post(api, body).status_code == 404
    response = client_for(people.planner_a).post(api, {**body, "minutes": minutes()})
    assert response.status_code == 201, (
        response.content and response.json()["approval"]["resolution_number"] == "4/2553"
    )
    assert client_for(people.planner_a).post(api, {"resolution_number": "x"}).status_code == 400


def test_only_the_central_team_sets_the_requirement(people, client_for):
    url = reverse("proposals:calendar-approval") + f"?year={YEAR}"
    assert client_for(people.planner_a).post(url, {"plan_approval_required": "on"}).status_code == 403
    assert client_for(people.reviewer_y).post(url, {"plan_approval_required": "on"}).status_code == 403
    assert not FiscalYear.objects.get(year=YEAR).plan_approval_required
    assert client_for(people.central).post(url, {"plan_approval_required": "on"}).status_code == 302
    assert FiscalYear.objects.get(year=YEAR).plan_approval_required
