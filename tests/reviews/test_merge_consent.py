"""Merge only where it belongs (issue 10 item 4): a request past cluster consolidation (in
field or ministry review) is merged only with the reviewing ministry's consent, and a merge
that takes a request out of a queue tells that queue's reviewers."""

import pytest
from django.urls import reverse

from clusters.models import StrategicIssue
from portal.exceptions import NotAllowed
from proposals.models import Notification
from proposals.services.cluster import requests_merge
from proposals.workflow import Status
from reviews.models import MergeConsent
from reviews.services import merge_consent_give
from tests.reviews.conftest import draft, to_ministry_review

pytestmark = pytest.mark.django_db


@pytest.fixture
def in_review(people, open_calendar):
    """Two dredging requests of the same cluster (ขอนแก่น, กาฬสินธุ์) waiting for ทส. (reviewer_x)."""
    issue_a2 = StrategicIssue.objects.get_or_create(
        office=people.office_a2, period_start=2553, number=1, defaults={"period_end": 2556, "title": "แหล่งน้ำ"}
    )[0]
    a = to_ministry_review(
        draft(people, title="ขุดลอกหนองโคตร"), planner=people.planner_a, field_reviewer=people.field_a
    )
    a2 = draft(people, user=people.planner_a2, office=people.office_a2, issue=issue_a2, title="ขุดลอกลำห้วยยาง")
    a2 = to_ministry_review(a2, planner=people.planner_a2)
    if a2.status == Status.FIELD_REVIEW:  # กาฬสินธุ์'s ทสจ. has no persona: consent is the ministry's anyway
        a2.__class__.objects.filter(pk=a2.pk).update(status=Status.MINISTRY_REVIEW)
        a2.refresh_from_db()
    assert a.status == a2.status == Status.MINISTRY_REVIEW
    return a, a2


def test_the_cluster_cannot_merge_requests_in_ministry_review_without_consent(people, in_review, client_for):
    a, a2 = in_review
    with pytest.raises(NotAllowed) as refused:
        requests_merge(user=people.cluster_officer, request_ids=[a.pk, a2.pk], title="ฟื้นฟูแหล่งน้ำลุ่มน้ำชี")
    assert a.reference in refused.value.message and "ยินยอม" in refused.value.message
    a.refresh_from_db()
    assert a.status == Status.MINISTRY_REVIEW  # nothing merged, nothing half-done
    response = client_for(people.cluster_officer).post(
        reverse("proposals:cluster-merge"), {"requests": [a.pk, a2.pk], "title": "รวม"}, follow=True
    )
    assert "ยินยอมให้กลุ่มจังหวัดรวม" in response.content.decode()


def test_with_consent_the_merge_goes_through_and_the_queue_is_told(people, in_review, client_for):
    a, a2 = in_review
    page = client_for(people.reviewer_x).get(reverse("reviews:decide", args=[a.pk])).content.decode()
    assert 'id="merge-consent"' in page
    assert client_for(people.reviewer_x).post(reverse("reviews:merge-consent", args=[a.pk])).status_code == 302
    response = client_for(people.reviewer_x).post(
        f"/api/v1/reviews/requests/{a2.pk}/merge-consent/", {"note": "ให้กลุ่มจังหวัดทำ"}
    )
    assert response.status_code == 201
    assert MergeConsent.objects.filter(ministry=people.ministry_x).count() == 2
    assert a.events.filter(action="merge_consent", actor=people.reviewer_x).exists()
    assert Notification.objects.filter(user=people.cluster_officer, request=a).exists()
    waiting = Notification.objects.filter(user=people.reviewer_x, request=a, read_at__isnull=True)
    assert waiting.exists()  # "waits for your review" from the routing
    project = requests_merge(user=people.cluster_officer, request_ids=[a.pk, a2.pk], title="ฟื้นฟูแหล่งน้ำลุ่มน้ำชี")
    a.refresh_from_db()
    assert (a.status, a.merged_into_id) == (Status.MERGED, project.pk)
    unread = list(Notification.objects.filter(user=people.reviewer_x, request=a, read_at__isnull=True))
    assert len(unread) == 1 and project.reference in unread[0].message and "ออกจากรายการรอพิจารณา" in unread[0].message


def test_who_may_consent(people, in_review, client_for):
    a, _ = in_review
    api = f"/api/v1/reviews/requests/{a.pk}/merge-consent/"
    assert client_for(people.reviewer_y).post(api).status_code == 404  # other ministry
    assert client_for(people.planner_b).post(api).status_code == 404  # other province
    assert client_for(people.reviewer_y).post(reverse("reviews:merge-consent", args=[a.pk])).status_code == 404
    assert client_for(people.central).post(api).status_code == 403  # reads the page, does not consent
    with pytest.raises(NotAllowed):
        merge_consent_give(user=people.cluster_officer, request_id=a.pk)
    assert not MergeConsent.objects.exists()
    assert client_for(people.reviewer_x).post(api).status_code == 201
    assert client_for(people.reviewer_x).post(api).status_code == 409  # once is enough


def test_the_cluster_board_says_which_requests_need_consent(people, in_review, client_for):
    a, a2 = in_review
    merge_consent_give(user=people.reviewer_x, request_id=a.pk)
    page = client_for(people.cluster_officer).get(reverse("proposals:cluster-board")).content.decode()
    assert f'id="consent-{a.pk}"' in page and "กระทรวงยินยอมให้รวมแล้ว" in page
    assert "รวมได้เมื่อกระทรวงผู้พิจารณายินยอม" in page  # a2 still waits for it
