"""R19 (000 and 002 ประเด็น 5): the ministry advises on what the province funds, ก.น.จ. decides,
and may refer a request to a ministry or department, which answers how it will fund it."""

from decimal import Decimal

import pytest
from django.urls import reverse

from ministries.models import Department, EnvelopeDraw
from portal.exceptions import ApplicationError, NotAllowed
from portal.models import Committee
from proposals.models import Notification, RequestEvent
from proposals.workflow import REFERRED_TO, Action, Status
from reviews.models import AgendaDecision, Referral
from reviews.selectors import agenda_eligible_requests
from reviews.services import agenda_create, agenda_item_add, agenda_item_decide, referral_answer, review_record
from tests.reviews.conftest import envelope, under_review

pytestmark = pytest.mark.django_db


@pytest.fixture
def agenda(people):
    return agenda_create(
        user=people.central,
        committee=Committee.objects.get(abbreviation="ก.น.จ."),
        fiscal_year=2554,
        title="วาระการประชุม ก.น.จ. ครั้งที่ 2/2554",
    )


def with_opinion(people, opinion="conditions", **kwargs):
    request = under_review(people, **kwargs)
    review_record(
        user=people.reviewer_x,
        request_id=request.pk,
        decision="give_opinion",
        opinion=opinion,
        comment="ควรประสานกรมทรัพยากรน้ำเรื่องแบบก่อสร้าง",
    )
    request.refresh_from_db()
    return request


def referred(people, agenda, *, to=None, department=None, note="โครงการสำคัญต่อยุทธศาสตร์กลุ่มจังหวัด"):
    request = with_opinion(people)
    item = agenda_item_add(user=people.central, agenda_id=agenda.pk, request_id=request.pk)
    agenda_item_decide(
        user=people.central,
        item_id=item.pk,
        decision=AgendaDecision.REFERRED,
        note=note,
        referred_ministry_id=(to or people.ministry_y).pk,
        referred_department_id=getattr(department, "pk", None),
    )
    request.refresh_from_db()
    return request


# ---------------------------------------------------------------- the opinion


def test_an_opinion_goes_to_the_agenda_with_its_text(people, open_calendar, client_for, agenda):
    request = with_opinion(people)
    assert request.status == Status.OPINION_GIVEN
    review = request.reviews.get()
    assert (review.decision, review.opinion) == ("give_opinion", "conditions")
    assert review.comment.startswith("สนับสนุนโดยมีเงื่อนไข: ")
    assert list(agenda_eligible_requests(fiscal_year=2554)) == [request]
    assert Notification.objects.filter(user=people.central, request=request).exists()
    page = client_for(people.central).get(reverse("reviews:agenda-detail", args=[agenda.pk])).content.decode()
    assert "ความเห็นกระทรวง: สนับสนุนโดยมีเงื่อนไข" in page and "ควรประสานกรมทรัพยากรน้ำ" in page


def test_the_decision_page_offers_the_opinion_and_no_rejection_on_a_province_funded_request(
    people, open_calendar, client_for
):
    request = under_review(people)
    page = client_for(people.reviewer_x).get(reverse("reviews:decide", args=[request.pk])).content.decode()
    assert 'value="give_opinion"' in page and 'value="reject"' not in page and 'id="opinion-choices"' in page
    response = client_for(people.reviewer_x).post(
        reverse("reviews:decide", args=[request.pk]), {"decision": "give_opinion", "comment": "x"}
    )
    assert response.status_code == 400 and "กรุณาเลือกความเห็น" in response.content.decode()
    response = client_for(people.reviewer_x).post(
        reverse("reviews:decide", args=[request.pk]), {"decision": "reject", "comment": "ไม่ใช่ภารกิจ"}
    )
    assert response.status_code == 400
    request.refresh_from_db()
    assert request.status == Status.MINISTRY_REVIEW


def test_the_api_records_an_opinion_and_refuses_a_rejection(people, open_calendar, client_for):
    request = under_review(people)
    api = client_for(people.reviewer_x)
    refused = api.post(
        reverse("api:review-decision", args=[request.pk]), {"decision": "reject", "comment": "ไม่ใช่ภารกิจ"}
    )
    assert refused.status_code == 403 and "ก.น.จ. เป็นผู้ตัดสิน" in refused.json()["detail"]
    done = api.post(
        reverse("api:review-decision", args=[request.pk]),
        {"decision": "give_opinion", "opinion": "not_support", "comment": "ซ้ำกับแผนงานของกรม"},
    )
    assert done.status_code == 201 and done.json()["opinion"] == "not_support"
    assert done.json()["status"] == Status.OPINION_GIVEN


# ---------------------------------------------------------------- the referral


def test_the_committee_refers_a_request_and_the_ministry_is_told(people, open_calendar, agenda):
    request = referred(people, agenda)
    assert (request.status, request.referred_ministry_id) == (Status.REFERRED, people.ministry_y.pk)
    event = RequestEvent.objects.get(request=request, action=Action.REFER)
    assert "กระทรวงคมนาคม" in event.comment and "โครงการสำคัญ" in event.comment
    referral = Referral.objects.get(request=request)
    assert referral.is_open and referral.agenda_item.decision == AgendaDecision.REFERRED
    note = Notification.objects.get(user=people.reviewer_y, request=request)
    assert "ส่งกระทรวง/กรมพิจารณาสนับสนุน" in note.message
    assert not Notification.objects.filter(user=people.reviewer_dept, request=request).exists()


def test_a_referral_needs_a_ministry_and_a_department_of_it(people, open_calendar, agenda):
    request = with_opinion(people)
    item = agenda_item_add(user=people.central, agenda_id=agenda.pk, request_id=request.pk)
    with pytest.raises(ApplicationError, match="กรุณาเลือกกระทรวง"):
        agenda_item_decide(user=people.central, item_id=item.pk, decision="referred")
    with pytest.raises(ApplicationError, match="กรมที่เลือกไม่อยู่ในกระทรวง"):
        agenda_item_decide(
            user=people.central,
            item_id=item.pk,
            decision="referred",
            referred_ministry_id=people.ministry_x.pk,
            referred_department_id=Department.objects.get(code="doh").pk,
        )
    request.refresh_from_db()
    assert request.status == Status.COMMITTEE_REVIEW and not Referral.objects.exists()


def test_the_referred_ministry_funds_it_from_its_envelope_and_the_answer_is_on_the_history(
    people, open_calendar, agenda
):
    envelope(people.ministry_y, limit="10000000")
    request = referred(people, agenda)
    answer = referral_answer(
        user=people.reviewer_y, request_id=request.pk, funding="envelope", amount="2,000,000", answer="ผลผลิตถนนสายรอง"
    )
    request.refresh_from_db()
    assert request.status == Status.REFERRAL_ANSWERED
    assert (answer.amount, answer.envelope.ministry_id, answer.answered_by) == (
        Decimal("2000000.00"),
        people.ministry_y.pk,
        people.reviewer_y,
    )
    assert EnvelopeDraw.objects.get(request=request).amount == Decimal("2000000.00")
    event = RequestEvent.objects.get(request=request, action=Action.ANSWER_REFERRAL)
    assert "จากกรอบวงเงินสนับสนุน" in event.comment and "2,000,000" in event.comment
    assert event.capacity == REFERRED_TO and "กระทรวงคมนาคม" in event.capacity_label
    assert Notification.objects.filter(user=people.central, request=request, message__contains="ตอบ").exists()
    # back on a following agenda, the committee decides with the answer in hand
    assert request in agenda_eligible_requests(fiscal_year=2554)


def test_an_envelope_answer_beyond_what_is_left_is_refused_and_nothing_moves(people, open_calendar, agenda):
    envelope(people.ministry_y, limit="1000000")
    request = referred(people, agenda)
    with pytest.raises(ApplicationError, match="เกินกรอบวงเงินสนับสนุน"):
        referral_answer(user=people.reviewer_y, request_id=request.pk, funding="envelope", amount="2000000")
    request.refresh_from_db()
    assert request.status == Status.REFERRED and not EnvelopeDraw.objects.exists()
    assert Referral.objects.get(request=request).is_open


@pytest.mark.parametrize(
    "funding,amount,answer,problem",
    [
        ("envelope", None, "", "กรุณาระบุวงเงิน"),
        ("own_request", "-5", "", "มากกว่า 0"),
        ("cannot", None, "", "เหตุผลที่สนับสนุนไม่ได้"),
        ("gift", "100", "", "สนับสนุนอย่างไร"),
    ],
)
def test_an_incomplete_answer_is_refused_in_thai(people, open_calendar, agenda, funding, amount, answer, problem):
    request = referred(people, agenda)
    with pytest.raises(ApplicationError, match=problem):
        referral_answer(user=people.reviewer_y, request_id=request.pk, funding=funding, amount=amount, answer=answer)


def test_a_ministry_that_cannot_support_says_why_and_the_committee_still_decides(people, open_calendar, agenda):
    request = referred(people, agenda)
    referral_answer(user=people.reviewer_y, request_id=request.pk, funding="cannot", answer="ไม่อยู่ในภารกิจของกระทรวง")
    request.refresh_from_db()
    assert request.status == Status.REFERRAL_ANSWERED and not EnvelopeDraw.objects.exists()


@pytest.mark.parametrize("who", ["reviewer_x", "reviewer_dept", "planner_a", "planner_b", "central", "field_a"])
def test_only_the_referred_ministry_answers(people, open_calendar, agenda, who):
    request = referred(people, agenda)
    with pytest.raises((NotAllowed, ApplicationError)):
        referral_answer(user=getattr(people, who), request_id=request.pk, funding="own_request", amount="100")
    request.refresh_from_db()
    assert request.status == Status.REFERRED


def test_a_referral_to_a_department_is_answered_by_its_planning_unit(people, open_calendar, agenda):
    request = referred(people, agenda, department=Department.objects.get(code="doh"))
    assert Notification.objects.filter(user=people.reviewer_dept, request=request).exists()
    referral_answer(user=people.reviewer_dept, request_id=request.pk, funding="own_request", amount="2500000")
    request.refresh_from_db()
    assert request.status == Status.REFERRAL_ANSWERED


def test_the_answer_cannot_be_given_from_the_request_page_without_saying_how(people, open_calendar, agenda, client_for):
    request = referred(people, agenda)
    client = client_for(people.reviewer_y)
    page = client.get(reverse("proposals:request-detail", args=[request.pk])).content.decode()
    assert 'id="referral-link"' in page and 'id="action-answer_referral"' not in page
    client.post(
        reverse("proposals:request-transition", args=[request.pk]), {"action": "answer_referral", "comment": "x"}
    )
    request.refresh_from_db()
    assert request.status == Status.REFERRED


# ---------------------------------------------------------------- pages and API, with their permissions


def test_the_referred_ministry_answers_on_its_page(people, open_calendar, agenda, client_for):
    envelope(people.ministry_y, limit="10000000")
    request = referred(people, agenda)
    client = client_for(people.reviewer_y)
    page = client.get(reverse("reviews:referral", args=[request.pk]))
    assert page.status_code == 200 and 'id="referral-form"' in page.content.decode()
    queue = client.get(reverse("reviews:queue")).content.decode()
    assert request.reference in queue
    bad = client.post(reverse("reviews:referral", args=[request.pk]), {"funding": "envelope", "amount": ""})
    assert bad.status_code == 400 and "กรุณาระบุวงเงิน" in bad.content.decode()
    done = client.post(
        reverse("reviews:referral", args=[request.pk]), {"funding": "envelope", "amount": "1500000", "answer": "ok"}
    )
    assert done.status_code == 302
    page = client.get(reverse("reviews:referral", args=[request.pk])).content.decode()
    assert "1,500,000" in page and 'id="referral-form"' not in page
    history = client.get(reverse("proposals:request-history", args=[request.pk])).content.decode()
    assert "ตอบการสนับสนุนตามที่ ก.น.จ. ส่งมา" in history and "1,500,000" in history


def test_the_referral_api_shows_and_takes_the_answer(people, open_calendar, agenda, client_for):
    request = referred(people, agenda)
    api = client_for(people.reviewer_y)
    data = api.get(reverse("api:review-referral", args=[request.pk])).json()
    assert data["status"] == "referred" and data["referrals"][0]["ministry"] == "กระทรวงคมนาคม"
    assert data["envelope"] is None
    bad = api.post(reverse("api:review-referral", args=[request.pk]), {"funding": "envelope", "amount": "5"})
    assert bad.status_code == 400
    done = api.post(reverse("api:review-referral", args=[request.pk]), {"funding": "other", "amount": "900000"})
    assert done.status_code == 201 and done.json()["funding_label"] == "จากแหล่งงบประมาณอื่นของหน่วยงาน"


@pytest.mark.parametrize(
    "who", ["reviewer_x", "reviewer_dept", "planner_b", "field_b", "cluster_officer_b", "outsider"]
)
def test_other_ministries_and_provinces_get_404_on_the_referral_page_and_api(
    people, open_calendar, agenda, client_for, who
):
    request = referred(people, agenda)
    client = client_for(getattr(people, who))
    assert client.get(reverse("reviews:referral", args=[request.pk])).status_code == 404
    assert client.post(reverse("reviews:referral", args=[request.pk]), {"funding": "other"}).status_code == 404
    assert client.get(reverse("api:review-referral", args=[request.pk])).status_code in (403, 404)
    response = client.post(reverse("api:review-referral", args=[request.pk]), {"funding": "other", "amount": "1"})
    assert response.status_code in (403, 404)
    request.refresh_from_db()
    assert request.status == Status.REFERRED


def test_the_agenda_refers_through_its_page_and_api(people, open_calendar, agenda, client_for):
    first, second = with_opinion(people, title="ขุดลอกห้วยทราย"), with_opinion(people, title="ขุดลอกห้วยยาง")
    items = [agenda_item_add(user=people.central, agenda_id=agenda.pk, request_id=r.pk) for r in (first, second)]
    client = client_for(people.central)
    page = client.get(reverse("reviews:agenda-detail", args=[agenda.pk])).content.decode()
    assert f'id="ministry-{items[0].pk}"' in page
    client.post(
        reverse("reviews:agenda-decide", args=[agenda.pk, items[0].pk]),
        {"decision": "referred", "referred_ministry": people.ministry_y.pk, "note": "ให้ คค. พิจารณา"},
    )
    response = client.post(
        reverse("api:agenda-item-decision", args=[agenda.pk, items[1].pk]),
        {"decision": "referred", "referred_ministry_id": people.ministry_y.pk},
        content_type="application/json",
    )
    assert response.status_code == 200 and response.json()["status"] == Status.REFERRED
    first.refresh_from_db()
    assert first.status == Status.REFERRED and first.referred_ministry_id == people.ministry_y.pk
    for who in ("reviewer_y", "planner_a"):
        refused = client_for(getattr(people, who)).post(
            reverse("api:agenda-item-decision", args=[agenda.pk, items[0].pk]), {"decision": "referred"}
        )
        assert refused.status_code in (403, 404)


def test_the_printed_agenda_carries_the_ministrys_opinion(people, open_calendar, agenda, client_for):
    request = with_opinion(people)
    agenda_item_add(user=people.central, agenda_id=agenda.pk, request_id=request.pk)
    page = client_for(people.central).get(reverse("reviews:agenda-print", args=[agenda.pk])).content.decode()
    assert "สนับสนุนโดยมีเงื่อนไข" in page and "ควรประสานกรมทรัพยากรน้ำ" in page


def test_the_agenda_pack_carries_the_opinion_and_the_referral_answer(people, open_calendar, agenda):
    import io

    from openpyxl import load_workbook

    from reviews.exports import agenda_pack_xlsx

    envelope(people.ministry_y, limit="10000000")
    request = referred(people, agenda)
    referral_answer(
        user=people.reviewer_y, request_id=request.pk, funding="envelope", amount="2000000", answer="ผลผลิต ก"
    )
    later = agenda_create(
        user=people.central,
        committee=Committee.objects.get(abbreviation="ก.น.จ."),
        fiscal_year=2554,
        title="วาระการประชุม ก.น.จ. ครั้งที่ 3/2554",
    )
    agenda_item_add(user=people.central, agenda_id=later.pk, request_id=request.pk)
    book = load_workbook(io.BytesIO(agenda_pack_xlsx(agenda=later).getvalue()))
    header, row = list(book["รายการ"].iter_rows(values_only=True))[:2]
    row = dict(zip(header, row))
    assert row["ความเห็นของกระทรวง"].startswith("สนับสนุนโดยมีเงื่อนไข")
    answer = row["คำตอบของกระทรวง/กรมที่ ก.น.จ. ส่งให้สนับสนุน"]
    assert answer.startswith("กระทรวงคมนาคม: จากกรอบวงเงินสนับสนุน") and "2,000,000" in answer


def test_the_pack_keeps_its_amount_formats_after_the_new_columns(people, open_calendar, agenda):
    import io

    from openpyxl import load_workbook

    from reviews.exports import ITEM_HEADERS, agenda_pack_xlsx

    request = with_opinion(people)
    item = agenda_item_add(user=people.central, agenda_id=agenda.pk, request_id=request.pk)
    agenda_item_decide(user=people.central, item_id=item.pk, decision="approved")
    sheet = load_workbook(io.BytesIO(agenda_pack_xlsx(agenda=agenda).getvalue()))["รายการ"]
    for name in ("วงเงิน (บาท)", "วงเงินที่อนุมัติ (บาท)"):
        assert sheet.cell(2, ITEM_HEADERS.index(name) + 1).number_format == "#,##0.00"
