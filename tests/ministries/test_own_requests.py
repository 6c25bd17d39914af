"""R6: the ministries' own requests of the cycle, entered or uploaded by their policy bureaus and
planning units during their own-request phase; each line carries its source and owner."""

import pytest
from django.urls import reverse

from ministries.models import BudgetLine, LineSource
from ministries.services import own_requests_import
from portal.exceptions import NotAllowed
from proposals.models import PhaseKind
from tests.ministries.conftest import WEIR_LINE, numbered, own_row, xlsx_of
from tests.personas import YEAR
from tests.proposals.conftest import set_phase

pytestmark = pytest.mark.django_db


def upload(people, user, rows, *, department=None, ministry=None):
    from ministries.models import Department

    return own_requests_import(
        user=user,
        rows=numbered(rows),
        file_name="own.csv",
        ministry=ministry or people.ministry_y,
        department=Department.objects.get(code=department) if department else None,
    )


def test_a_ministry_uploads_its_own_requests_with_source_and_owner(people, own_phase):
    batch = upload(people, people.reviewer_y, [own_row("งานบำรุงทางหลวงหมายเลข 12 จังหวัดขอนแก่น")])
    assert batch.status == "done", batch.errors
    line = BudgetLine.objects.get()
    assert line.source == LineSource.MINISTRY_REQUEST
    assert (line.ministry, line.department.code, line.uploaded_by) == (people.ministry_y, "doh", people.reviewer_y)
    assert line.own_ref == "1" and line.source_ref != "1"  # namespaced by its owner


def test_a_reupload_updates_the_same_line_and_another_ministry_s_same_ref_is_another_line(people, own_phase):
    upload(people, people.reviewer_y, [own_row("งานบำรุงทางหลวง 1 แห่ง จังหวัดขอนแก่น")])
    upload(people, people.reviewer_y, [own_row("งานบำรุงทางหลวง 2 แห่ง จังหวัดขอนแก่น")])
    upload(
        people,
        people.reviewer_x,
        [own_row(WEIR_LINE, ministry="กระทรวงทรัพยากรธรรมชาติและสิ่งแวดล้อม", unit="กรมทรัพยากรน้ำ")],
        ministry=people.ministry_x,
    )
    assert BudgetLine.objects.count() == 2
    assert BudgetLine.objects.get(ministry=people.ministry_y).item_text.startswith("งานบำรุงทางหลวง 2")


def test_a_row_of_another_ministry_refuses_the_whole_file(people, own_phase):
    rows = [
        own_row("งานบำรุงทางหลวง จังหวัดขอนแก่น"),
        own_row(WEIR_LINE, ref="2", ministry="กระทรวงทรัพยากรธรรมชาติและสิ่งแวดล้อม"),
    ]
    batch = upload(people, people.reviewer_y, rows)
    assert batch.status == "rejected"
    assert [e["column"] for e in batch.errors] == ["MINISTRY"]
    assert not BudgetLine.objects.exists()


def test_a_ministry_cannot_upload_for_another_ministry(people, own_phase):
    with pytest.raises(NotAllowed):
        upload(people, people.reviewer_y, [own_row(WEIR_LINE)], ministry=people.ministry_x)


def test_a_department_uploads_only_its_department_s_requests(people, own_phase):
    assert upload(people, people.reviewer_dept, [own_row("งานทางหลวง จังหวัดขอนแก่น")], department="doh").status == "done"
    other = upload(
        people, people.reviewer_dept, [own_row("งานทางชนบท", ref="2", unit="กรมทางหลวงชนบท")], department="doh"
    )
    assert other.status == "rejected" and other.errors[0]["column"] == "BUDGETARY_UNIT"
    with pytest.raises(NotAllowed):  # another department of the same ministry
        upload(people, people.reviewer_dept, [own_row("งานทางชนบท", unit="กรมทางหลวงชนบท")], department="drr")
    with pytest.raises(NotAllowed):  # the whole ministry is the policy bureau's
        upload(people, people.reviewer_dept, [own_row("งานทางหลวง")])


@pytest.mark.parametrize("persona", ["planner_a", "central", "field_a", "outsider"])
def test_planners_field_offices_and_the_central_team_cannot_upload(people, own_phase, persona):
    with pytest.raises(NotAllowed):
        upload(people, getattr(people, persona), [own_row("งานทางหลวง")])


def test_outside_the_own_request_phase_nothing_is_written(people):
    set_phase(PhaseKind.MINISTRY_OWN_REQUEST, opens_days=-30, closes_days=-1)
    batch = upload(people, people.reviewer_y, [own_row("งานทางหลวง จังหวัดขอนแก่น")])
    assert batch.status == "rejected" and batch.errors[0]["column"] == "FISCAL_YEAR_BE"
    assert "นอกช่วง" in batch.errors[0]["message"]
    assert not BudgetLine.objects.exists()


def test_a_year_without_the_phase_is_refused(people):
    batch = upload(people, people.reviewer_y, [own_row("งานทางหลวง", year=YEAR + 5)])
    assert batch.status == "rejected" and "ยังไม่มีช่วงเวลา" in batch.errors[0]["message"]


# ---------------------------------------------------------------- pages


def test_the_page_uploads_an_xlsx_and_lists_it(people, own_phase, client_for):
    client = client_for(people.reviewer_y)
    owner = f"m{people.ministry_y.pk}"
    response = client.post(
        reverse("ministries:own-request-upload"),
        {"owner": owner, "file": xlsx_of([own_row("งานบำรุงทางหลวง จังหวัดขอนแก่น")])},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    page = client.get(reverse("ministries:own-request-list")).content.decode()
    assert "งานบำรุงทางหลวง จังหวัดขอนแก่น" in page


def test_the_page_shows_the_row_errors_of_a_refused_file(people, own_phase, client_for):
    client = client_for(people.reviewer_y)
    response = client.post(
        reverse("ministries:own-request-upload"),
        {
            "owner": f"m{people.ministry_y.pk}",
            "file": xlsx_of([own_row(WEIR_LINE, ministry="กระทรวงทรัพยากรธรรมชาติและสิ่งแวดล้อม")]),
        },
    )
    assert response.status_code == 400
    assert "นำเข้าได้เฉพาะคำขอของกระทรวงคมนาคม" in response.content.decode()


def test_a_ministry_cannot_choose_another_ministry_as_owner_on_the_page(people, own_phase, client_for):
    response = client_for(people.reviewer_y).post(
        reverse("ministries:own-request-upload"),
        {"owner": f"m{people.ministry_x.pk}", "file": xlsx_of([own_row(WEIR_LINE)])},
    )
    assert response.status_code == 400 and not BudgetLine.objects.exists()


@pytest.mark.parametrize("persona", ["planner_a", "central", "field_a"])
def test_the_upload_and_form_pages_refuse_non_ministry_users(people, own_phase, client_for, persona):
    client = client_for(getattr(people, persona))
    assert client.post(reverse("ministries:own-request-upload"), {}).status_code == 403
    assert client.get(reverse("ministries:own-request-new")).status_code == 403
    assert client.get(reverse("ministries:own-request-template")).status_code == 403


def test_the_central_team_reads_every_ministry_s_requests_other_ministries_do_not(people, own_phase, client_for):
    upload(people, people.reviewer_y, [own_row("งานบำรุงทางหลวงสายพิเศษ จังหวัดขอนแก่น")])
    assert (
        "งานบำรุงทางหลวงสายพิเศษ"
        in client_for(people.central).get(reverse("ministries:own-request-list")).content.decode()
    )
    assert (
        "งานบำรุงทางหลวงสายพิเศษ"
        not in client_for(people.reviewer_x).get(reverse("ministries:own-request-list")).content.decode()
    )
    assert client_for(people.planner_a).get(reverse("ministries:own-request-list")).status_code == 403


def test_the_form_enters_one_request_and_edits_it(people, own_phase, client_for):
    client = client_for(people.reviewer_y)
    data = {
        "owner": f"m{people.ministry_y.pk}",
        "fiscal_year": YEAR,
        "item": "ก่อสร้างสะพานบ้านหนองแวง จังหวัดขอนแก่น",
        "amount": "3000000",
    }
    assert client.post(reverse("ministries:own-request-new"), data).status_code == 302
    line = BudgetLine.objects.get()
    edit = reverse("ministries:own-request-edit", args=[line.pk])
    assert client.post(edit, {**data, "amount": "3500000"}).status_code == 302
    line.refresh_from_db()
    assert line.amount == 3500000 and BudgetLine.objects.count() == 1
    assert client_for(people.reviewer_x).get(edit).status_code == 404  # other ministry
    assert client_for(people.central).get(edit).status_code == 403  # reads, never enters


def test_the_template_is_a_workbook_with_the_budget_line_columns(people, client_for):
    import io

    from openpyxl import load_workbook

    response = client_for(people.reviewer_dept).get(reverse("ministries:own-request-template"))
    sheet = load_workbook(io.BytesIO(response.content)).active
    header = [c.value for c in next(sheet.iter_rows(max_row=1))]
    assert header[:3] == ["REF", "REF_DOC", "REF_PAGE_NO"] and "ITEM_DESCRIPTION" in header
    assert "กรมทางหลวง" in [c.value for c in next(sheet.iter_rows(min_row=2, max_row=2))]


# ---------------------------------------------------------------- API


def test_the_api_takes_rows_for_the_user_s_own_ministry(people, own_phase, client_for):
    client = client_for(people.reviewer_y)
    url = "/api/v1/own-requests/"
    response = client.post(
        url,
        {"ministry": people.ministry_y.pk, "rows": [own_row("งานทางหลวง จังหวัดขอนแก่น")]},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    listed = client.get(url).json()
    rows = listed["results"] if isinstance(listed, dict) else listed
    assert rows[0]["ref"] == "1" and rows[0]["source"] == "ministry_request"


def test_the_api_refuses_another_ministry_and_non_ministry_users(people, own_phase, client_for):
    url = "/api/v1/own-requests/"
    body = {"ministry": people.ministry_x.pk, "rows": [own_row(WEIR_LINE)]}
    assert client_for(people.reviewer_y).post(url, body, content_type="application/json").status_code == 403
    for persona in ("planner_a", "central"):
        body = {"ministry": people.ministry_y.pk, "rows": [own_row("งานทางหลวง")]}
        assert client_for(getattr(people, persona)).post(url, body, content_type="application/json").status_code == 403
    assert not BudgetLine.objects.exists()


def test_the_api_answers_400_with_the_row_errors(people, own_phase, client_for):
    body = {"ministry": people.ministry_y.pk, "rows": [own_row("งาน", amount="abc")]}
    response = client_for(people.reviewer_y).post("/api/v1/own-requests/", body, content_type="application/json")
    assert response.status_code == 400 and response.json()["errors"][0]["column"] == "AMOUNT_BAHT"


def test_the_administrators_load_budget_documents_or_the_enacted_budget(people, client_for):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from ministries.importing import rows_to_csv_bytes

    data = rows_to_csv_bytes([own_row("งานบำรุงทางหลวง จังหวัดขอนแก่น", ref="E#1")])
    response = client_for(people.admin).post(
        reverse("ministries:budget-line-import"),
        {"file": SimpleUploadedFile("enacted.csv", data), "line_source": "enacted"},
    )
    assert response.status_code == 302
    line = BudgetLine.objects.get()
    assert (line.source, line.source_ref, line.uploaded_by) == (LineSource.ENACTED, "E#1", None)
    refused = client_for(people.admin).post(
        reverse("ministries:budget-line-import"),
        {"file": SimpleUploadedFile("x.csv", data), "line_source": "ministry_request"},
    )
    assert refused.status_code == 200 and BudgetLine.objects.get().source == LineSource.ENACTED
