"""Requests: what a submission must carry (R1, R7), routing (R14), editing with the revision
check, and bad input of every kind the issue names."""

import io
import zipfile
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ministries.models import WorkCategory
from portal.exceptions import ApplicationError, ConflictError
from proposals.models import Attachment, ProjectRequest, RequestEvent
from proposals.services.attachments import attachment_add
from proposals.services.requests import request_update
from proposals.services.transitions import request_transition
from proposals.workflow import Status
from tests.proposals.conftest import complete_data, make_request, plan_for

pytestmark = pytest.mark.django_db


def test_a_request_without_strategy_links_cannot_be_submitted(people):
    request = make_request(people, strategic_issue=None, ministry_strategy=None)
    with pytest.raises(ApplicationError) as refused:
        request_transition(request_id=request.pk, action="submit", user=people.planner_a)
    assert "ประเด็นยุทธศาสตร์จังหวัด" in str(refused.value.message)
    assert "ยุทธศาสตร์กระทรวง" in str(refused.value.message)
    request.refresh_from_db()
    assert request.status == Status.DRAFT


def test_the_submit_button_on_the_page_shows_the_refusal_instead_of_failing(client_for, people):
    request = make_request(people, ministry_strategy=None)
    response = client_for(people.planner_a).post(
        reverse("proposals:request-transition", args=[request.pk]), {"action": "submit"}, follow=True
    )
    assert response.status_code == 200
    assert "ยังไม่ได้เชื่อมโยงยุทธศาสตร์กระทรวง" in response.content.decode()


@pytest.mark.parametrize("amount", ["0", "-5000", "0.00"])
def test_a_zero_or_negative_amount_is_refused_by_the_form(client_for, people, amount):
    plan = plan_for(people.planner_a, people.office_a)
    before = ProjectRequest.objects.count()
    response = client_for(people.planner_a).post(
        reverse("proposals:request-create", args=[plan.pk]), _form_data(people, amount=amount)
    )
    assert response.status_code == 200
    assert "วงเงินต้องมากกว่า 0 บาท" in response.content.decode()
    assert ProjectRequest.objects.count() == before


@pytest.mark.parametrize("amount", [Decimal("0"), Decimal("-1")])
def test_a_zero_or_negative_amount_is_refused_by_the_service_too(people, amount):
    with pytest.raises(ValidationError):
        make_request(people, amount=amount)


def test_a_critical_need_requires_a_damage_justification(people):
    request = make_request(people, is_critical_need=True, damage_justification="")
    with pytest.raises(ApplicationError, match="อธิบายความเสียหาย"):
        request_transition(request_id=request.pk, action="submit", user=people.planner_a)


def test_asking_a_ministry_for_support_requires_naming_the_ministry(people):
    request = make_request(people, funding_channel="ministry_support")
    with pytest.raises(ApplicationError, match="กระทรวงที่ขอรับการสนับสนุน"):
        request_transition(request_id=request.pk, action="submit", user=people.planner_a)


def test_submitting_routes_a_water_request_through_the_provincial_natural_resources_office(people):
    request = make_request(
        people, category="water", funding_channel="ministry_support", target_ministry=people.ministry_x
    )
    submitted = request_transition(request_id=request.pk, action="submit", user=people.planner_a)
    assert submitted.reviewing_ministry == people.ministry_x
    assert submitted.routed_field_office.name_th == "สำนักงานทรัพยากรธรรมชาติและสิ่งแวดล้อมจังหวัดขอนแก่น"
    assert submitted.submitted_at is not None


@pytest.mark.parametrize("funding", ["province", "cluster"])
def test_a_water_request_the_province_funds_itself_skips_the_field_office(people, funding):
    # R14 (000 ประเด็น 4 item 2): only requests asking the ministry's support go through ทสจ.
    request = make_request(people, category="water", funding_channel=funding)
    submitted = request_transition(request_id=request.pk, action="submit", user=people.planner_a)
    assert submitted.reviewing_ministry == people.ministry_x
    assert submitted.routed_field_office is None


def test_a_support_request_is_reviewed_by_the_ministry_and_department_it_asks(people):
    from ministries.models import Department

    doh = Department.objects.get(code="doh")
    request = make_request(
        people,
        category="roads",
        strategy=people.strategy_y,
        funding_channel="ministry_support",
        target_ministry=people.ministry_y,
        target_department=doh,
    )
    submitted = request_transition(request_id=request.pk, action="submit", user=people.planner_a)
    assert (submitted.reviewing_ministry, submitted.reviewing_department, submitted.routed_field_office) == (
        people.ministry_y,
        doh,
        None,
    )


def test_submitting_queues_the_duplicate_screening_after_commit(people, django_capture_on_commit_callbacks):
    request = make_request(people, category="roads", strategy=people.strategy_y)
    with django_capture_on_commit_callbacks(execute=True):
        request_transition(request_id=request.pk, action="submit", user=people.planner_a)
    request.refresh_from_db()
    # the screening area (screening) took it from "submitted" on commit
    assert request.status in (Status.SCREENING, Status.MINISTRY_REVIEW)
    assert RequestEvent.objects.filter(request=request, action="start_screening", actor=None).exists()


def test_the_reviewers_of_the_ministry_are_told_when_screening_hands_them_a_request(people):
    from proposals.models import Notification

    request = make_request(people, category="roads", strategy=people.strategy_y)
    request_transition(request_id=request.pk, action="submit", user=people.planner_a)
    request_transition(request_id=request.pk, action="start_screening")
    request_transition(request_id=request.pk, action="finish_screening")
    assert Notification.objects.filter(user=people.reviewer_y, request=request).exists()
    assert not Notification.objects.filter(user=people.reviewer_x, request=request).exists()


# --- editing: only drafts and returned requests, with the revision check -------------------------


def test_two_people_editing_the_same_draft_the_second_save_is_refused_and_nothing_is_lost(client_for, people):
    request = make_request(people)
    first, second = client_for(people.planner_a), client_for(people.field_a)  # both planners of ขอนแก่น
    url = reverse("proposals:request-edit", args=[request.pk])
    first.get(url), second.get(url)  # both open the form at revision 1
    ok = first.post(url, _form_data(people, title="ชื่อที่คนแรกแก้", revision=1))
    assert ok.status_code == 302
    refused = second.post(url, _form_data(people, title="ชื่อที่คนที่สองแก้", revision=1))
    body = refused.content.decode()
    assert refused.status_code == 200
    assert "มีผู้อื่นบันทึกคำขอนี้ไปก่อนแล้ว" in body
    assert "ชื่อที่คนที่สองแก้" in body  # the second person's input is shown back
    assert "ชื่อที่คนแรกแก้" in body  # beside what the first person saved
    request.refresh_from_db()
    assert (request.title, request.revision) == ("ชื่อที่คนแรกแก้", 2)
    # the form now carries revision 2: a deliberate second save goes through
    assert 'name="revision" value="2"' in body
    again = second.post(url, _form_data(people, title="ชื่อที่คนที่สองแก้", revision=2))
    assert again.status_code == 302
    request.refresh_from_db()
    assert (request.title, request.revision) == ("ชื่อที่คนที่สองแก้", 3)
    assert RequestEvent.objects.filter(request=request, action="edit").count() == 2


def test_the_service_refuses_a_stale_revision_with_a_conflict(people):
    request = make_request(people)
    request_update(user=people.planner_a, request_id=request.pk, expected_revision=1, data={"title": "ฉบับแรก"})
    with pytest.raises(ConflictError, match="มีผู้อื่นบันทึก"):
        request_update(user=people.field_a, request_id=request.pk, expected_revision=1, data={"title": "ฉบับที่สอง"})
    request.refresh_from_db()
    assert request.title == "ฉบับแรก"


def test_a_submitted_request_is_read_only_and_a_returned_one_editable_again(people, client_for):
    request = make_request(people, category="roads", strategy=people.strategy_y)
    request_transition(request_id=request.pk, action="submit", user=people.planner_a)
    with pytest.raises(ConflictError, match="แก้ไขไม่ได้"):
        request_update(user=people.planner_a, request_id=request.pk, expected_revision=1, data={"title": "แก้หลังส่ง"})
    assert client_for(people.planner_a).get(reverse("proposals:request-edit", args=[request.pk])).status_code == 403
    ProjectRequest.objects.filter(pk=request.pk).update(
        status=Status.MINISTRY_REVIEW, reviewing_ministry=people.ministry_y
    )
    request_transition(request_id=request.pk, action="return", user=people.reviewer_y, comment="เพิ่มแผนที่")
    edited = request_update(
        user=people.planner_a, request_id=request.pk, expected_revision=1, data={"title": "แก้ตามที่กระทรวงขอ"}
    )
    assert edited.revision == 2
    resubmitted = request_transition(request_id=request.pk, action="submit", user=people.planner_a)
    assert resubmitted.status == Status.SUBMITTED


def test_locations_must_lie_in_the_offices_own_area(people):
    from clusters.models import Province

    request = make_request(people)
    udon = Province.objects.get(name_th="อุดรธานี")
    with pytest.raises(ValidationError):
        request_update(
            user=people.planner_a, request_id=request.pk, expected_revision=1, data={}, locations=[{"province": udon}]
        )


def test_a_cluster_project_may_span_several_provinces_down_to_tambon(people):
    from clusters.models import Province

    request = make_request(
        people, user=people.cluster_officer, office=people.cluster_office_a, issue=people.issue_cluster_a
    )
    khon_kaen, kalasin = Province.objects.get(name_th="ขอนแก่น"), Province.objects.get(name_th="กาฬสินธุ์")
    request_update(
        user=people.cluster_officer,
        request_id=request.pk,
        expected_revision=1,
        data={},
        locations=[
            {"province": khon_kaen, "amphoe": "เมืองขอนแก่น", "tambon": "ในเมือง"},
            {"province": kalasin, "amphoe": "ยางตลาด"},
        ],
    )
    assert [str(loc) for loc in request.locations.order_by("id")] == [
        "ต.ในเมือง อ.เมืองขอนแก่น จ.ขอนแก่น",
        "อ.ยางตลาด จ.กาฬสินธุ์",
    ]


def test_the_form_saves_kpis_stakeholders_and_a_multi_year_schedule(client_for, people):
    plan = plan_for(people.planner_a, people.office_a)
    data = _form_data(people)
    data.update(
        {
            "kpis-0-name": "พื้นที่รับประโยชน์",
            "kpis-0-target": "1,200",
            "kpis-0-unit": "ไร่",
            "kpis-0-is_joint": "on",
            "kpis-0-joint_ministry": people.ministry_x.pk,
            "stakeholders-0-kind": "local_government",
            "stakeholders-0-name": "อบต.โนนสวรรค์",
            "stakeholders-0-role": "ดูแลรักษา",
            "year_amounts-0-fiscal_year": "2555",
            "year_amounts-0-amount": "500000",
        }
    )
    response = client_for(people.planner_a).post(reverse("proposals:request-create", args=[plan.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    request = ProjectRequest.objects.latest("id")
    kpi = request.kpis.get()
    assert (kpi.is_joint, kpi.joint_ministry) == (True, people.ministry_x)
    assert request.stakeholders.get().name == "อบต.โนนสวรรค์"
    assert request.year_amounts.get().fiscal_year == 2555
    assert [loc.province.name_th for loc in request.locations.all()] == ["ขอนแก่น"]


# --- attachments: checked by content, size-limited ------------------------------------------------

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 64 + b"PE\x00\x00"


def _xlsx_bytes():
    from openpyxl import Workbook

    buffer = io.BytesIO()
    Workbook().save(buffer)
    return buffer.getvalue()


def test_a_real_pdf_and_a_real_xlsx_are_accepted(people):
    request = make_request(people)
    attachment_add(user=people.planner_a, request_id=request.pk, uploaded=SimpleUploadedFile("แผนที่.pdf", PDF))
    attachment_add(
        user=people.planner_a, request_id=request.pk, uploaded=SimpleUploadedFile("ประมาณการ.xlsx", _xlsx_bytes())
    )
    assert sorted(request.attachments.values_list("content_type", flat=True)) == [
        "application/pdf",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ]


def test_an_exe_renamed_pdf_is_refused(people):
    request = make_request(people)
    with pytest.raises(ApplicationError, match="ไม่ตรงกับชนิดไฟล์"):
        attachment_add(user=people.planner_a, request_id=request.pk, uploaded=SimpleUploadedFile("แบบแปลน.pdf", EXE))
    assert not Attachment.objects.filter(request=request).exists()


def test_a_zip_renamed_xlsx_is_refused(people):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "not a workbook")
    request = make_request(people)
    with pytest.raises(ApplicationError):
        attachment_add(
            user=people.planner_a, request_id=request.pk, uploaded=SimpleUploadedFile("งบ.xlsx", buffer.getvalue())
        )


def test_an_oversized_file_is_refused(people, settings):
    settings.UPLOAD_MAX_BYTES = 1024
    request = make_request(people)
    with pytest.raises(ApplicationError, match="ขนาดเกิน"):
        attachment_add(
            user=people.planner_a, request_id=request.pk, uploaded=SimpleUploadedFile("ใหญ่.pdf", PDF + b"0" * 2048)
        )


def test_a_disguised_upload_through_the_page_gets_a_thai_message_not_a_500(client_for, people):
    request = make_request(people)
    response = client_for(people.planner_a).post(
        reverse("proposals:attachment-add", args=[request.pk]),
        {"file": SimpleUploadedFile("แบบ.pdf", EXE)},
        follow=True,
    )
    assert response.status_code == 200
    assert "ไม่ตรงกับชนิดไฟล์" in response.content.decode()


def _form_data(people, *, amount="2500000", title="ขุดลอกหนองน้ำสาธารณะบ้านโนนสวรรค์", revision=""):
    data = complete_data(people)
    form = {
        "title": title,
        "problem": data["problem"],
        "evidence": data["evidence"],
        "severity": "high",
        "category": WorkCategory.objects.get(code="water").pk,
        "strategic_issue": people.issue_a.pk,
        "ministry_strategy": people.strategy_x.pk,
        "funding_channel": "province",
        "amount": amount,
        "framework_justification": data["framework_justification"],
        "revision": revision,
    }
    for prefix, extra in (("locations", 2), ("kpis", 2), ("stakeholders", 2), ("year_amounts", 1)):
        form.update(
            {
                f"{prefix}-TOTAL_FORMS": str(extra),
                f"{prefix}-INITIAL_FORMS": "0",
                f"{prefix}-MIN_NUM_FORMS": "0",
                f"{prefix}-MAX_NUM_FORMS": "1000",
            }
        )
    return form
