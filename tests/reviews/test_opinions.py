"""R3: the reviewing ministry records its own severity beside the province's (000 ประเด็น 1 item
2); R20: a partner ministry advises without deciding."""

from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from ministries.models import Ministry
from portal.exceptions import ApplicationError, NotAllowed
from portal.models import Membership, Role
from proposals.services.joint import PartnerShare, request_joint_set
from proposals.workflow import Status
from reviews.models import MinistryOpinion
from reviews.services import ministry_opinion_record
from tests.reviews.conftest import draft, to_ministry_review, under_review

pytestmark = pytest.mark.django_db


@pytest.fixture
def reviewer_z(people):
    third = Ministry.objects.exclude(pk__in=[people.ministry_x.pk, people.ministry_y.pk]).order_by("pk").first()
    user, _ = get_user_model().objects.get_or_create(username="reviewer_z")
    Membership.objects.get_or_create(user=user, role=Role.MINISTRY_REVIEWER, ministry=third)
    return user


@pytest.fixture
def joint_request(people, open_calendar):
    """Reviewed by ทส. (reviewer_x) with คค. (reviewer_y) as a partner."""
    request = draft(people)
    request_joint_set(
        user=people.planner_a,
        request_id=request.pk,
        expected_revision=request.revision,
        lead_share=Decimal("70"),
        partners=[PartnerShare(ministry_id=people.ministry_y.pk, share=Decimal("30"))],
    )
    return to_ministry_review(request, planner=people.planner_a, field_reviewer=people.field_a)


def test_the_ministry_records_its_own_severity_beside_the_provinces(people, client_for, open_calendar):
    request = under_review(people)
    with pytest.raises(ApplicationError, match="ให้เหตุผล"):
        ministry_opinion_record(user=people.reviewer_x, request_id=request.pk, severity="critical")
    ministry_opinion_record(
        user=people.reviewer_x, request_id=request.pk, severity="critical", severity_note="ข้อมูลกรมทรัพยากรน้ำ"
    )
    opinion = MinistryOpinion.objects.get(request=request)
    assert (opinion.ministry, opinion.severity, opinion.is_partner) == (people.ministry_x, "critical", False)
    page = client_for(people.reviewer_x).get(reverse("reviews:decide", args=[request.pk])).content.decode()
    assert "เห็นต่างจากจังหวัด" in page and "ข้อมูลกรมทรัพยากรน้ำ" in page
    api = client_for(people.central).get(reverse("api:review-opinions", args=[request.pk])).json()
    assert api["province"]["severity"] == "high"
    assert api["ministries"][0]["severity"] == "critical" and api["ministries"][0]["differs_from_province"] is True


def test_the_lead_gives_no_partner_stance(people, open_calendar):
    request = under_review(people)
    with pytest.raises(ApplicationError):
        ministry_opinion_record(user=people.reviewer_x, request_id=request.pk, severity="high", stance="support")


def test_another_ministry_and_provinces_cannot_record_a_view(people, client_for, reviewer_z, open_calendar):
    request = under_review(people)
    for who in (people.reviewer_y, reviewer_z, people.planner_b):
        with pytest.raises(Exception) as caught:
            ministry_opinion_record(user=who, request_id=request.pk, severity="low", severity_note="x")
        assert caught.type.__name__ in ("Http404", "NotAllowed")
        assert (
            client_for(who).post(reverse("reviews:opinion", args=[request.pk]), {"severity": "low"}).status_code == 404
        )
        assert (
            client_for(who)
            .post(
                reverse("api:review-opinions", args=[request.pk]), {"severity": "low"}, content_type="application/json"
            )
            .status_code
            == 404
        )
    with pytest.raises(NotAllowed):
        ministry_opinion_record(user=people.planner_a, request_id=request.pk, severity="low", severity_note="x")
    assert not MinistryOpinion.objects.exists()


def test_a_partner_advises_through_the_page_and_the_lead_still_decides(people, client_for, joint_request):
    client = client_for(people.reviewer_y)
    response = client.post(
        reverse("reviews:opinion", args=[joint_request.pk]),
        {"stance": "conditional", "severity": "high", "comment": "สนับสนุนช่วงที่ผ่านทางหลวง"},
    )
    assert response.status_code == 302
    opinion = MinistryOpinion.objects.get(request=joint_request)
    assert (opinion.ministry, opinion.stance, opinion.is_partner) == (people.ministry_y, "conditional", True)
    joint_request.refresh_from_db()
    assert joint_request.status == Status.MINISTRY_REVIEW
    page = client_for(people.reviewer_x).get(reverse("reviews:decide", args=[joint_request.pk])).content.decode()
    assert "สนับสนุนโดยมีเงื่อนไข" in page and "สนับสนุนช่วงที่ผ่านทางหลวง" in page
    assert client_for(people.reviewer_x).post(
        reverse("reviews:decide", args=[joint_request.pk]), {"decision": "endorse", "comment": ""}
    ).status_code in (200, 302)


def test_a_partner_must_choose_a_stance(people, joint_request):
    with pytest.raises(ApplicationError, match="ความเห็นของกระทรวงร่วม"):
        ministry_opinion_record(user=people.reviewer_y, request_id=joint_request.pk, comment="ok")


def test_the_opinion_api_for_a_partner(people, client_for, joint_request):
    url = reverse("api:review-opinions", args=[joint_request.pk])
    response = client_for(people.reviewer_y).post(url, {"stance": "support"}, content_type="application/json")
    assert response.status_code == 201
    assert response.json()["ministries"][0]["is_partner"] is True


def test_the_partner_ministry_is_told_when_the_request_is_submitted(people, joint_request):
    from proposals.models import Notification

    told = Notification.objects.filter(user=people.reviewer_y, request=joint_request)
    assert told.count() == 1 and "กระทรวงร่วม" in told.get().message
    assert not Notification.objects.filter(user=people.reviewer_x, message__contains="กระทรวงร่วม").exists()
