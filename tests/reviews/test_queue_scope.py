"""The reviewer queue's rows are the visibility rule's rows that one of the reviewer's arms keeps.

Issue 15: `reviewable_requests` writes the two together (the arms on filed requests and on the
user's own office's rows) and reads the partner requests' ids first, instead of filtering
`visible_to(user)` by the arms again. Here both ways are asked for every persona, over rows in
each situation the rules tell apart; a change to one rule that the other does not follow fails.
"""

import pytest
from django.db.models import Q

from ministries.models import Department
from portal.roles import scope_of
from proposals.models import ProjectRequest, RequestMinistryShare, ShareRole
from proposals.models.joint import partner_of_q
from proposals.workflow import Status
from reviews.selectors import queue as queue_selectors
from reviews.selectors.queue import reviewable_requests
from tests.reviews.conftest import draft

pytestmark = pytest.mark.django_db


def by_the_rules(user):
    """The queue's rows as the two rules say them one after the other (the former query)."""
    scope = scope_of(user)
    visible = ProjectRequest.objects.visible_to(user)
    if scope.is_central:
        return visible
    if not scope.is_reviewer:
        return visible.none()
    arms = Q(pk__in=[])
    if scope.ministry_ids:
        arms |= Q(reviewing_ministry__in=scope.ministry_ids) | Q(referred_ministry__in=scope.ministry_ids)
    if scope.department_ids:
        arms |= Q(reviewing_department__in=scope.department_ids) | Q(referred_department__in=scope.department_ids)
    if scope.field_office_ids:
        arms |= Q(routed_field_office__in=scope.field_office_ids)
    arms |= partner_of_q(ministry_ids=scope.ministry_ids, department_ids=scope.department_ids)
    return visible.filter(arms)


@pytest.fixture
def rows_of_every_kind(people):
    """A draft and a filed request of two offices for each way a reviewer is concerned (and one
    concerning nobody). The fields are set directly: the rules read them whatever the workflow
    that set them, and a draft that still names a reviewer must stay hidden from the reviewer."""
    department = Department.objects.get(code="doh")
    field_office = next(iter(scope_of(people.field_a).field_office_ids))
    ways = {
        "reviewed": {"reviewing_ministry": people.ministry_x},
        "other ministry": {"reviewing_ministry": people.ministry_y},
        "referred": {"reviewing_ministry": people.ministry_x, "referred_ministry": people.ministry_y},
        "department": {"reviewing_ministry": people.ministry_y, "reviewing_department": department},
        "referred department": {"reviewing_ministry": people.ministry_x, "referred_department": department},
        "field office": {"reviewing_ministry": people.ministry_x, "routed_field_office_id": field_office},
        "partner": {"reviewing_ministry": people.ministry_x},
        "partner department": {"reviewing_ministry": people.ministry_x},
        "nobody": {},
    }
    made = []
    for office, planner in ((people.office_a, people.planner_a), (people.office_b, people.planner_b)):
        for status in (Status.DRAFT, Status.MINISTRY_REVIEW):
            for way, fields in ways.items():
                request = draft(people, user=planner, office=office, title=f"คำขอ {way} {status}")
                ProjectRequest.objects.filter(pk=request.pk).update(status=status, **fields)
                if way == "partner":
                    RequestMinistryShare.objects.create(
                        request=request, ministry=people.ministry_y, role=ShareRole.PARTNER, percent=40
                    )
                if way == "partner department":
                    RequestMinistryShare.objects.create(
                        request=request,
                        ministry=department.ministry,
                        department=department,
                        role=ShareRole.PARTNER,
                        percent=40,
                    )
                made.append(request.pk)
    return made


@pytest.mark.parametrize("listed", [True, False], ids=["partner ids listed", "too many to list"])
def test_the_queue_keeps_what_the_visibility_rule_and_the_reviewer_arms_keep(
    people, rows_of_every_kind, listed, monkeypatch
):
    if not listed:
        monkeypatch.setattr(queue_selectors, "MAX_LISTED_PARTNER_IDS", 0)
    users = [people.__dict__[name] for name in people.__dataclass_fields__ if name.split("_")[0] != "office"]
    users = [u for u in users if hasattr(u, "get_username")]
    seen_somewhere = set()
    for user in users:
        expected = set(by_the_rules(user).filter(pk__in=rows_of_every_kind).values_list("pk", flat=True))
        got = set(reviewable_requests(user).filter(pk__in=rows_of_every_kind).values_list("pk", flat=True))
        assert got == expected, user.get_username()
        seen_somewhere |= got
    # the rows tell the rules apart: some are kept and some are not, for someone
    assert seen_somewhere and seen_somewhere != set(rows_of_every_kind)
