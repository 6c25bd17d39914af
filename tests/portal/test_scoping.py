"""Role scoping: each persona's Scope, and home pages that show each role its own work."""

import pytest

from portal.models import Membership, Role
from portal.roles import scope_of

pytestmark = pytest.mark.django_db


def test_a_field_officer_holds_two_roles(people):
    scope = scope_of(people.field_a)
    assert scope.has(Role.FIELD_OFFICE_REVIEWER) and scope.has(Role.PROVINCE_PLANNER)
    assert scope.office_ids == {people.office_a.id}


def test_other_province_and_other_ministry_scopes_do_not_overlap(people):
    a, b = scope_of(people.planner_a), scope_of(people.planner_b)
    assert not (a.office_ids & b.office_ids)
    x, y = scope_of(people.reviewer_x), scope_of(people.reviewer_y)
    assert not (x.reviewer_ministry_ids & y.reviewer_ministry_ids)


def test_someone_without_a_membership_sees_nothing(people):
    scope = scope_of(people.outsider)
    assert not (scope.office_ids or scope.reviewer_ministry_ids or scope.is_central)


def test_an_inactive_membership_grants_nothing(people):
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create(username="former")
    Membership.objects.create(user=user, role=Role.PROVINCE_PLANNER, office=people.office_a, is_active=False)
    assert scope_of(user).office_ids == frozenset()


def test_a_membership_must_name_the_organisation_its_role_needs(people):
    from django.core.exceptions import ValidationError

    bad = Membership(user=people.outsider, role=Role.MINISTRY_REVIEWER, office=people.office_a)
    with pytest.raises(ValidationError):
        bad.full_clean()
    wrong_kind = Membership(user=people.outsider, role=Role.CLUSTER_OFFICER, office=people.office_a)
    with pytest.raises(ValidationError):
        wrong_kind.full_clean()


@pytest.mark.parametrize(
    "persona,expected,absent",
    [
        ("planner_a", "คำขอฉบับร่าง", "รอกระทรวง"),
        ("reviewer_x", "รอกระทรวง", "คำขอฉบับร่าง"),
        ("field_a", "หน่วยงานส่วนภูมิภาค", "รอจัดเข้าวาระ"),
        ("central", "รอจัดเข้าวาระ", "คำขอฉบับร่าง"),
    ],
)
def test_the_home_page_shows_each_role_what_waits_for_it(client_for, people, persona, expected, absent):
    body = client_for(getattr(people, persona)).get("/").content.decode()
    assert expected in body
    assert absent not in body
