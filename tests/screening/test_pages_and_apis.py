import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ministries.importing import rows_to_csv_bytes
from ministries.models import BudgetLine, BudgetLineImport
from proposals.models import RequestEvent
from proposals.workflow import Status
from screening.models import FlagState
from tests.screening.conftest import HIGHWAY_LINE, HIGHWAY_REQUEST, RIVER_LINE, make_request, row

pytestmark = pytest.mark.django_db

SEES = ["planner_a", "field_a", "reviewer_x", "central", "admin"]
DOES_NOT_SEE = ["planner_b", "reviewer_y", "outsider", "cluster_officer_b"]


def flag_of(request):
    return request.duplicate_flags.order_by("-score").first()


@pytest.mark.parametrize("who", SEES)
def test_the_flags_page_and_api_show_the_flags_to_those_who_see_the_request(who, people, client_for, screened_river):
    client = client_for(getattr(people, who))
    page = client.get(reverse("screening:request-flags", args=[screened_river.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "<mark>" in html and "ตำบลท่าพระ" in html and "L#river" in html
    api = client.get(f"/api/v1/requests/{screened_river.pk}/flags/")
    assert api.status_code == 200 and api.json()[0]["budget_line"]["source_ref"] == "L#river"
    assert api.json()[0]["reasons"]


@pytest.mark.parametrize("who", DOES_NOT_SEE)
def test_other_provinces_and_other_ministries_get_404_for_flags(who, people, client_for, screened_river):
    client = client_for(getattr(people, who))
    assert client.get(reverse("screening:request-flags", args=[screened_river.pk])).status_code == 404
    assert client.get(f"/api/v1/requests/{screened_river.pk}/flags/").status_code == 404
    flag = flag_of(screened_river)
    assert client.post(f"/api/v1/flags/{flag.pk}/respond/", {"kind": "explain", "text": "x"}).status_code == 404
    assert (
        client.post(f"/api/v1/flags/{flag.pk}/rule/", {"decision": "not_duplicate", "reason": "x"}).status_code == 404
    )
    assert (
        client.post(
            reverse("screening:flag-rule", args=[flag.pk]), {"decision": "not_duplicate", "reason": "x"}
        ).status_code
        == 404
    )
    flag.refresh_from_db()
    assert flag.state == FlagState.OPEN


def test_anonymous_visitors_are_sent_to_login(client, screened_river):
    assert client.get(reverse("screening:request-flags", args=[screened_river.pk])).status_code == 302
    assert client.get(f"/api/v1/requests/{screened_river.pk}/flags/").status_code in (401, 403)


def test_the_planner_explains_and_the_event_is_written(people, client_for, screened_river):
    flag = flag_of(screened_river)
    response = client_for(people.planner_a).post(
        f"/api/v1/flags/{flag.pk}/respond/", {"kind": "explain", "text": "คนละจุดกับของกรมทรัพยากรน้ำ"}
    )
    assert response.status_code == 200 and response.json()["state"] == "answered"
    event = RequestEvent.objects.get(request=screened_river, action="duplicate_response")
    assert event.actor == people.planner_a and event.payload["kind"] == "explain"


def test_an_explanation_needs_a_text_and_a_known_kind(people, client_for, screened_river):
    flag = flag_of(screened_river)
    client = client_for(people.planner_a)
    missing = client.post(f"/api/v1/flags/{flag.pk}/respond/", {"kind": "explain", "text": ""})
    assert missing.status_code == 400 and "กรุณาชี้แจงเหตุผล" in missing.json()["detail"]
    unknown = client.post(f"/api/v1/flags/{flag.pk}/respond/", {"kind": "shrug"})
    assert unknown.status_code == 400 and "withdraw" in str(unknown.json())
    page = client.post(reverse("screening:flag-respond", args=[flag.pk]), {"kind": "explain"}, follow=True)
    assert page.status_code == 200 and "กรุณาชี้แจงเหตุผล" in page.content.decode()


def test_reviewers_cannot_answer_for_the_province_and_planners_cannot_rule(people, client_for, screened_river):
    flag = flag_of(screened_river)
    refused = client_for(people.reviewer_x).post(f"/api/v1/flags/{flag.pk}/respond/", {"kind": "revise"})
    assert refused.status_code == 403 and "เฉพาะสำนักงานเจ้าของคำขอ" in refused.json()["detail"]
    refused = client_for(people.planner_a).post(
        f"/api/v1/flags/{flag.pk}/rule/", {"decision": "not_duplicate", "reason": "x"}
    )
    assert refused.status_code == 403


def test_withdrawing_in_answer_to_a_flag_withdraws_the_request(people, client_for, screened_river):
    flag = flag_of(screened_river)
    response = client_for(people.planner_a).post(
        reverse("screening:flag-respond", args=[flag.pk]), {"kind": "withdraw", "text": "กรมทรัพยากรน้ำทำแล้ว"}
    )
    assert response.status_code == 302
    screened_river.refresh_from_db()
    assert screened_river.status == Status.WITHDRAWN


def test_a_confirmed_duplicate_returns_the_request_with_the_ruling_as_comment(people, client_for, screened_river):
    flag = flag_of(screened_river)
    response = client_for(people.reviewer_x).post(
        f"/api/v1/flags/{flag.pk}/rule/", {"decision": "duplicate", "reason": "จุดเดียวกับกรมทรัพยากรน้ำ"}
    )
    assert response.status_code == 200 and response.json()["request_returned"] is True
    screened_river.refresh_from_db()
    assert screened_river.status == Status.RETURNED
    returned = RequestEvent.objects.get(request=screened_river, action="return")
    assert "จุดเดียวกับกรมทรัพยากรน้ำ" in returned.comment and returned.actor == people.reviewer_x
    assert RequestEvent.objects.filter(request=screened_river, action="duplicate_ruling").exists()


def test_not_a_duplicate_needs_a_reason(people, client_for, screened_river):
    flag = flag_of(screened_river)
    response = client_for(people.reviewer_x).post(
        f"/api/v1/flags/{flag.pk}/rule/", {"decision": "not_duplicate", "reason": ""}
    )
    assert response.status_code == 400 and "กรุณาระบุเหตุผล" in str(response.json())
    page = client_for(people.reviewer_x).post(
        reverse("screening:flag-rule", args=[flag.pk]), {"decision": "not_duplicate"}, follow=True
    )
    assert "กรุณาระบุเหตุผลของการวินิจฉัย" in page.content.decode()
    ok = client_for(people.reviewer_x).post(
        reverse("screening:flag-rule", args=[flag.pk]), {"decision": "not_duplicate", "reason": "คนละหมู่บ้าน"}
    )
    assert ok.status_code == 302
    flag.refresh_from_db()
    assert flag.state == FlagState.RULED_NOT_DUPLICATE and flag.ruled_by == people.reviewer_x


def test_the_overview_lists_flagged_requests_only_to_their_reviewers(people, client_for, screened_river):
    assert screened_river.reference in client_for(people.reviewer_x).get(reverse("screening:overview")).content.decode()
    assert (
        screened_river.reference
        not in client_for(people.reviewer_y).get(reverse("screening:overview")).content.decode()
    )
    assert (
        screened_river.reference not in client_for(people.planner_b).get(reverse("screening:overview")).content.decode()
    )


# ---------------------------------------------------------------- the draft check


def test_a_planner_drafting_sees_likely_duplicates_with_highlights(people, client_for, lines):
    response = client_for(people.planner_a).post(
        reverse("screening:draft-check"), {"title": HIGHWAY_REQUEST, "fiscal_year": "2554"}
    )
    html = response.content.decode()
    assert response.status_code == 200 and "<mark>" in html and "กรมทางหลวง" in html and "ซ้ำซ้อน" in html
    assert BudgetLine.objects.count() == 4 and not people.office_a.requests.exists()  # nothing saved


def test_the_draft_check_of_someone_elses_request_is_404_and_reviewers_are_refused(people, client_for, lines):
    draft = make_request(people.office_a, status=Status.DRAFT)
    url = reverse("screening:draft-check")
    assert client_for(people.planner_a).post(url, {"title": HIGHWAY_REQUEST, "request_id": draft.pk}).status_code == 200
    assert client_for(people.planner_b).post(url, {"title": HIGHWAY_REQUEST, "request_id": draft.pk}).status_code == 404
    assert client_for(people.reviewer_x).post(url, {"title": HIGHWAY_REQUEST}).status_code == 403
    assert client_for(people.reviewer_y).post(url, {"title": HIGHWAY_REQUEST}).status_code == 403
    assert (
        client_for(people.planner_b).post(url, {"title": HIGHWAY_REQUEST, "office": people.office_a.pk}).status_code
        == 403
    )


def test_an_overlong_draft_text_gets_a_thai_message(people, client_for, lines):
    response = client_for(people.planner_a).post(reverse("screening:draft-check"), {"title": "ก" * 600})
    assert response.status_code == 200 and "ยาวเกิน" in response.content.decode()


# ---------------------------------------------------------------- the import page and API


def csv_upload(rows, name="lines.csv"):
    return SimpleUploadedFile(name, rows_to_csv_bytes(rows), content_type="text/csv")


@pytest.mark.parametrize("who", ["planner_a", "planner_b", "reviewer_x", "reviewer_y", "central"])
def test_only_administrators_reach_the_import(who, people, client_for):
    client = client_for(getattr(people, who))
    assert client.get(reverse("ministries:budget-line-import")).status_code == 403
    assert (
        client.post(reverse("ministries:budget-line-import"), {"file": csv_upload([row(HIGHWAY_LINE)])}).status_code
        == 403
    )
    assert client.post("/api/v1/budget-line-imports/", {"file": csv_upload([row(HIGHWAY_LINE)])}).status_code == 403
    assert not BudgetLine.objects.exists()


def test_an_administrator_imports_a_file_and_sees_the_counts(people, client_for):
    client = client_for(people.admin)
    assert client.get(reverse("ministries:budget-line-import")).status_code == 200
    response = client.post(
        reverse("ministries:budget-line-import"),
        {"file": csv_upload([row(HIGHWAY_LINE, ref="W#1"), row(RIVER_LINE, ref="W#2")])},
        follow=True,
    )
    assert response.status_code == 200 and "นำเข้าแล้ว: เพิ่มใหม่ 2" in response.content.decode()
    batch = BudgetLineImport.objects.get()
    assert batch.created_by == people.admin and batch.source == "web"
    assert (
        client_for(people.planner_b).get(reverse("ministries:budget-line-import-detail", args=[batch.pk])).status_code
        == 403
    )


def test_a_bad_file_shows_the_error_table_in_thai(people, client_for):
    response = client_for(people.admin).post(
        reverse("ministries:budget-line-import"),
        {"file": csv_upload([row(HIGHWAY_LINE, ref="X#1"), row(HIGHWAY_LINE, ref="X#2", year="สองห้าหกห้า")])},
        follow=True,
    )
    html = response.content.decode()
    assert (
        response.status_code == 200
        and "ไม่ได้นำเข้า" in html
        and "FISCAL_YEAR_BE" in html
        and "ปีงบประมาณต้องเป็นตัวเลข" in html
    )
    assert not BudgetLine.objects.exists()


def test_non_csv_and_oversized_uploads_get_thai_errors_not_500(people, client_for, settings):
    client = client_for(people.admin)
    pdf = client.post(reverse("ministries:budget-line-import"), {"file": SimpleUploadedFile("x.pdf", b"%PDF-1.4")})
    assert pdf.status_code == 200 and "รองรับเฉพาะไฟล์ .csv, .csv.gz หรือ .xlsx" in pdf.content.decode()
    fake_xlsx = client.post(
        reverse("ministries:budget-line-import"), {"file": SimpleUploadedFile("x.xlsx", b"not a zip")}
    )
    assert fake_xlsx.status_code == 200 and "อ่านไฟล์ Excel ไม่ได้" in fake_xlsx.content.decode()
    binary = client.post(
        reverse("ministries:budget-line-import"), {"file": SimpleUploadedFile("x.csv", b"\xff\xfe\x00bad")}
    )
    assert binary.status_code == 200 and "ไฟล์ CSV ต้องเข้ารหัส UTF-8" in binary.content.decode()
    settings.BUDGET_LINES_UPLOAD_MAX_BYTES = 100
    big = client.post(reverse("ministries:budget-line-import"), {"file": csv_upload([row(HIGHWAY_LINE)] * 3)})
    assert big.status_code == 200 and "เกินกว่าที่รับได้" in big.content.decode()
    api = client.post("/api/v1/budget-line-imports/", {"file": SimpleUploadedFile("x.pdf", b"%PDF")})
    assert api.status_code == 400 and "รองรับเฉพาะไฟล์" in api.json()["detail"]
    assert not BudgetLine.objects.exists()


def test_the_import_api_creates_lines_for_an_administrator(people, client_for):
    response = client_for(people.admin).post(
        "/api/v1/budget-line-imports/", {"file": csv_upload([row(HIGHWAY_LINE, ref="API#1")])}
    )
    assert response.status_code == 201 and response.json()["created"] == 1
    listing = client_for(people.planner_b).get("/api/v1/budget-lines/", {"province": "ขอนแก่น"})
    assert listing.status_code == 200 and listing.json()["results"][0]["source_ref"] == "API#1"
    page = client_for(people.planner_b).get(reverse("ministries:budget-line-list"), {"province": "ขอนแก่น"})
    assert page.status_code == 200 and "API#1" in page.content.decode()


def test_the_request_page_shows_the_flags_side_by_side_with_the_answer_form_for_its_owner(
    people, client_for, screened_river
):
    html = (
        client_for(people.planner_a).get(reverse("proposals:request-detail", args=[screened_river.pk])).content.decode()
    )
    assert "ตรวจสอบความซ้ำซ้อนกับงบประมาณของกระทรวง" in html and "side-by-side" in html and "<mark>" in html
    assert reverse("screening:flag-respond", args=[flag_of(screened_river).pk]) in html
    assert reverse("screening:flag-rule", args=[flag_of(screened_river).pk]) not in html
    reviewer_html = (
        client_for(people.reviewer_x)
        .get(reverse("proposals:request-detail", args=[screened_river.pk]))
        .content.decode()
    )
    assert reverse("screening:flag-rule", args=[flag_of(screened_river).pk]) in reviewer_html


def test_the_request_form_carries_the_draft_check_box(people, client_for, lines):
    from proposals.workflow import Status

    draft = make_request(people.office_a, status=Status.DRAFT)
    html = client_for(people.planner_a).get(reverse("proposals:request-edit", args=[draft.pk])).content.decode()
    assert f'hx-post="{reverse("screening:draft-check")}"' in html
