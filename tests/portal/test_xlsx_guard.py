"""XLSX input is checked before it is parsed (issue 13): a zip bomb is refused from the zip's
directory with a Thai message, in both imports, and openpyxl never sees it."""

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ministries.models import BudgetLine
from portal.xlsx_guard import XlsxLimits, XlsxRefused, limits_from_settings, xlsx_check
from proposals.models import ProjectRequest
from tests.portal.xlsx_bombs import crafted_xlsx
from tests.proposals.conftest import plan_for

HUGE = 300 * 1024 * 1024  # one shared string of 300 MB "A"s: about 300 KB once zipped


@pytest.fixture(scope="module")
def bomb() -> bytes:
    content = crafted_xlsx(shared_string_bytes=HUGE)
    assert len(content) < 1024 * 1024
    return content


@pytest.fixture
def no_workbook_loaded(monkeypatch):
    """Fail the test if anything hands the file to openpyxl."""

    def refuse(*args, **kwargs):
        raise AssertionError("the workbook was loaded")

    monkeypatch.setattr(openpyxl, "load_workbook", refuse)
    monkeypatch.setattr("proposals.services.excel.load_workbook", refuse)


def _refusal(content: bytes, **limits) -> str:
    with pytest.raises(XlsxRefused) as caught:
        xlsx_check(io.BytesIO(content), XlsxLimits(**limits))
    return str(caught.value)


def test_a_normal_workbook_passes_and_the_handle_is_rewound():
    handle = io.BytesIO(crafted_xlsx(shared_string_bytes=100, rows=50))
    handle.seek(7)
    xlsx_check(handle, XlsxLimits())
    assert handle.tell() == 0


def test_each_limit_refuses_with_a_thai_reason():
    small = crafted_xlsx(shared_string_bytes=2 * 1024 * 1024, rows=30)
    assert "เมื่อขยายแล้วมีขนาด" in _refusal(small, max_uncompressed=1024 * 1024)
    assert "บีบอัดมากผิดปกติ" in _refusal(small, max_ratio=10)
    lenient = {"max_ratio": 10_000}
    assert "ข้อความในไฟล์ Excel มีขนาดรวม" in _refusal(small, max_shared_strings=1024 * 1024, **lenient)
    assert "เกิน 20 แถว" in _refusal(small, max_rows=20, **lenient)
    assert "ส่วนประกอบ" in _refusal(small, max_parts=3)


def test_rows_are_counted_exactly_across_read_chunks(monkeypatch):
    monkeypatch.setattr("portal.xlsx_guard._CHUNK", 100)  # tags cut at many chunk edges
    content = crafted_xlsx(rows=1234)
    xlsx_check(io.BytesIO(content), XlsxLimits(max_rows=1234))
    assert "เกิน 1,233 แถว" in _refusal(content, max_rows=1233)


def test_a_file_that_is_not_a_zip_is_left_to_the_parser():
    xlsx_check(io.BytesIO(b"not excel"), XlsxLimits())


def test_the_limits_come_from_settings(settings):
    settings.XLSX_MAX_ROWS = 77
    assert limits_from_settings().max_rows == 77 and limits_from_settings(max_rows=5).max_rows == 5


@pytest.mark.django_db
def test_the_plan_import_page_refuses_a_bomb_in_thai_without_loading_it(client_for, people, bomb, no_workbook_loaded):
    plan = plan_for(people.planner_a, people.office_a)
    response = client_for(people.planner_a).post(
        reverse("proposals:plan-import", args=[plan.pk]), {"file": SimpleUploadedFile("แผน.xlsx", bomb)}
    )
    assert response.status_code == 200  # the form again, with the reason
    assert "เมื่อขยายแล้วมีขนาด 300 MB" in response.content.decode()
    assert not ProjectRequest.objects.filter(plan=plan).exists()


@pytest.mark.django_db
def test_the_plan_import_refuses_more_rows_than_it_takes_before_parsing(client_for, people, no_workbook_loaded):
    plan = plan_for(people.planner_a, people.office_a)
    response = client_for(people.planner_a).post(
        reverse("proposals:plan-import", args=[plan.pk]),
        {"file": SimpleUploadedFile("แผน.xlsx", crafted_xlsx(rows=2100))},
    )
    assert "เกิน 2,001 แถว" in response.content.decode()


@pytest.mark.django_db
def test_the_budget_line_api_answers_400_for_a_bomb(client_for, people, bomb, no_workbook_loaded):
    response = client_for(people.admin).post(
        "/api/v1/budget-line-imports/", {"file": SimpleUploadedFile("lines.xlsx", bomb)}
    )
    assert response.status_code == 400
    assert "เมื่อขยายแล้วมีขนาด 300 MB" in response.json()["detail"]
    assert not BudgetLine.objects.exists()


@pytest.mark.django_db
def test_the_budget_line_page_shows_the_reason_for_a_bomb(client_for, people, bomb, no_workbook_loaded):
    response = client_for(people.admin).post(
        reverse("ministries:budget-line-import"), {"file": SimpleUploadedFile("lines.xlsx", bomb)}
    )
    assert response.status_code == 200
    assert "เมื่อขยายแล้วมีขนาด 300 MB" in response.content.decode()
