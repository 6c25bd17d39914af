"""R16 (002 ประเด็น 4): ministries take the requests they support into programmes and keep their
own priority order over them; the committee sees it on the agenda and in its XLSX pack."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from openpyxl import load_workbook

from ministries.models import Ministry
from portal.exceptions import NotAllowed
from portal.models import Committee, Membership, Role
from reviews.models import ProgrammeItem, ProgrammeRank
from reviews.services import agenda_create, agenda_item_add, programme_create, review_record
from reviews.services.programme_ranks import (
    programme_rank_move,
    programme_ranks_reorder,
    programme_support_add,
    programme_support_withdraw,
)
from tests.reviews.conftest import under_review

pytestmark = pytest.mark.django_db


@pytest.fixture
def reviewer_z(people):
    third = Ministry.objects.exclude(pk__in=[people.ministry_x.pk, people.ministry_y.pk]).order_by("pk").first()
    user, _ = get_user_model().objects.get_or_create(username="reviewer_z")
    Membership.objects.get_or_create(user=user, role=Role.MINISTRY_REVIEWER, ministry=third)
    return user


def endorsed(people, title):
    request = under_review(people, title=title)
    review_record(user=people.reviewer_x, request_id=request.pk, decision="endorse")
    request.refresh_from_db()
    return request


@pytest.fixture
def programme(people):
    return programme_create(user=people.central, name="แผนบูรณาการงบประมาณน้ำ", fiscal_year=2554, kind="integrated_plan")


@pytest.fixture
def three(people, open_calendar):
    return [endorsed(people, t) for t in ("ขุดลอกหนองเอ", "ขุดลอกหนองบี", "ขุดลอกหนองซี")]


def order(programme, ministry):
    return list(
        ProgrammeRank.objects.filter(programme=programme, ministry=ministry)
        .order_by("rank")
        .values_list("request_id", flat=True)
    )


def test_the_reviewing_ministry_adds_what_it_supports_in_its_own_order(people, programme, three):
    for request in three:
        programme_support_add(user=people.reviewer_x, programme_id=programme.pk, request_id=request.pk)
    assert order(programme, people.ministry_x) == [r.pk for r in three]
    assert ProgrammeItem.objects.filter(programme=programme).count() == 3
    programme_ranks_reorder(
        user=people.reviewer_x,
        programme_id=programme.pk,
        ministry_id=people.ministry_x.pk,
        request_ids=[three[2].pk, three[0].pk, three[1].pk],
    )
    assert order(programme, people.ministry_x) == [three[2].pk, three[0].pk, three[1].pk]
    programme_rank_move(
        user=people.reviewer_x,
        programme_id=programme.pk,
        ministry_id=people.ministry_x.pk,
        request_id=three[1].pk,
        direction="up",
    )
    assert order(programme, people.ministry_x) == [three[2].pk, three[1].pk, three[0].pk]


def test_another_ministry_can_neither_add_nor_reorder(people, programme, three, reviewer_z):
    for who in (people.reviewer_y, reviewer_z):
        with pytest.raises(Exception) as caught:
            programme_support_add(user=who, programme_id=programme.pk, request_id=three[0].pk)
        assert caught.type.__name__ in ("Http404", "NotAllowed")
    programme_support_add(user=people.reviewer_x, programme_id=programme.pk, request_id=three[0].pk)
    for who in (people.reviewer_y, reviewer_z, people.planner_a, people.central):
        with pytest.raises(NotAllowed):
            programme_ranks_reorder(
                user=who, programme_id=programme.pk, ministry_id=people.ministry_x.pk, request_ids=[three[0].pk]
            )
        with pytest.raises(NotAllowed):
            programme_support_withdraw(
                user=who, programme_id=programme.pk, ministry_id=people.ministry_x.pk, request_id=three[0].pk
            )


def test_a_reorder_must_name_exactly_the_ministrys_requests(people, programme, three):
    from portal.exceptions import ConflictError

    programme_support_add(user=people.reviewer_x, programme_id=programme.pk, request_id=three[0].pk)
    with pytest.raises(ConflictError):
        programme_ranks_reorder(
            user=people.reviewer_x,
            programme_id=programme.pk,
            ministry_id=people.ministry_x.pk,
            request_ids=[three[0].pk, three[1].pk],
        )


def test_withdrawing_closes_up_the_order_and_takes_out_what_the_ministry_brought_in(people, programme, three):
    for request in three:
        programme_support_add(user=people.reviewer_x, programme_id=programme.pk, request_id=request.pk)
    programme_support_withdraw(
        user=people.reviewer_x, programme_id=programme.pk, ministry_id=people.ministry_x.pk, request_id=three[0].pk
    )
    assert list(ProgrammeRank.objects.filter(programme=programme).order_by("rank").values_list("rank", flat=True)) == [
        1,
        2,
    ]
    assert not ProgrammeItem.objects.filter(programme=programme, request=three[0]).exists()


def test_the_programme_page_lets_the_ministry_add_and_move_and_refuses_others(
    people, client_for, programme, three, reviewer_z
):
    page = client_for(people.reviewer_x).get(reverse("reviews:programme-detail", args=[programme.pk])).content.decode()
    assert 'id="support-add"' in page
    support = reverse("reviews:programme-support", args=[programme.pk])
    for who in (people.reviewer_y, reviewer_z, people.planner_b):
        assert client_for(who).post(support, {"request": three[0].pk}).status_code == 403
    client = client_for(people.reviewer_x)
    for request in three[:2]:
        assert client.post(support, {"request": request.pk}).status_code == 302
    move = reverse("reviews:programme-rank-move", args=[programme.pk, people.ministry_x.pk, three[1].pk, "up"])
    assert client_for(people.reviewer_y).post(move).status_code == 403
    assert client_for(reviewer_z).post(move).status_code == 403
    assert client.post(move).status_code == 302
    assert order(programme, people.ministry_x) == [three[1].pk, three[0].pk]
    central_page = (
        client_for(people.central).get(reverse("reviews:programme-detail", args=[programme.pk])).content.decode()
    )
    assert "ลำดับความสำคัญของกระทรวง" in central_page and 'id="rank-up-' not in central_page


def test_the_ranks_api(people, client_for, programme, three, reviewer_z):
    support = reverse("api:programme-support", args=[programme.pk])
    assert client_for(people.reviewer_y).post(support, {"request_id": three[0].pk}).status_code in (403, 404)
    assert client_for(people.planner_b).post(support, {"request_id": three[0].pk}).status_code == 404
    client = client_for(people.reviewer_x)
    for request in three[:2]:
        assert client.post(support, {"request_id": request.pk}).status_code == 201
    ranks_url = reverse("api:programme-ministry-ranks", args=[programme.pk, people.ministry_x.pk])
    body = {"request_ids": [three[1].pk, three[0].pk]}
    assert client_for(reviewer_z).put(ranks_url, body, content_type="application/json").status_code == 403
    assert client.put(ranks_url, body, content_type="application/json").status_code == 200
    listing = client_for(people.central).get(reverse("api:programme-ranks", args=[programme.pk])).json()
    assert [r["request_id"] for r in listing[0]["ranks"]] == [three[1].pk, three[0].pk]
    withdraw = reverse("api:programme-support-withdraw", args=[programme.pk, people.ministry_x.pk, three[0].pk])
    assert client_for(reviewer_z).delete(withdraw).status_code == 403
    assert client.delete(withdraw).status_code == 204


def test_the_committee_sees_the_ministrys_priority(people, client_for, programme, three):
    for request in three[:2]:
        programme_support_add(user=people.reviewer_x, programme_id=programme.pk, request_id=request.pk)
    agenda = agenda_create(
        user=people.central,
        committee=Committee.objects.get(abbreviation="ก.น.จ."),
        fiscal_year=2554,
        title="วาระ 1/2554",
    )
    agenda_item_add(user=people.central, agenda_id=agenda.pk, request_id=three[1].pk)
    page = client_for(people.central).get(reverse("reviews:agenda-detail", args=[agenda.pk])).content.decode()
    assert "ลำดับที่ 2" in page and "แผนบูรณาการงบประมาณน้ำ" in page
    response = client_for(people.central).get(reverse("reviews:agenda-xlsx", args=[agenda.pk]))
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content) if response.streaming else response.content))[
        "รายการ"
    ]
    header = [c.value for c in sheet[1]]
    column = header.index("ลำดับความสำคัญของกระทรวงในแผนงาน")
    assert "ลำดับที่ 2 ใน แผนบูรณาการงบประมาณน้ำ" in sheet.cell(row=2, column=column + 1).value
