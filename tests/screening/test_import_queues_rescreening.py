"""Imports queue, never block (issue 12 point 5): an import of budget lines re-screens only
the fiscal years that have open requests, says how many requests it queued, and with a broker
only queues them through the outbox."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from ministries.importing import rows_to_csv_bytes
from portal import outbox
from portal.models import OutboxMessage
from proposals.models import ProjectRequest
from proposals.workflow import Status
from screening.models import ScreeningRun
from screening.tasks import rescreen_fiscal_year_task
from tests.personas import YEAR
from tests.screening.conftest import HIGHWAY_LINE, RIVER_LINE, RIVER_REQUEST, import_rows, make_request, row

pytestmark = pytest.mark.django_db

LATER, EMPTY = YEAR + 1, YEAR + 2


@pytest.fixture
def requests_by_year(people):
    """YEAR: two open requests (under review), a draft and an approved one (finished); LATER: only
    a draft; EMPTY: no request at all."""
    open_a = make_request(people.office_a, status=Status.MINISTRY_REVIEW, ministry=people.ministry_y)
    open_b = make_request(people.office_a2, title=RIVER_REQUEST, status=Status.SCREENING)
    draft = make_request(people.office_a, status=Status.DRAFT)
    approved = make_request(people.office_a, status=Status.APPROVED)
    later_draft = make_request(people.office_b, status=Status.DRAFT)
    ProjectRequest.objects.filter(pk=later_draft.pk).update(fiscal_year=LATER)
    return {"open": [open_a, open_b], "not open": [draft, approved, later_draft]}


def lines_of_three_years():
    return [
        row(HIGHWAY_LINE, ref="Q#1", year=YEAR),
        row(RIVER_LINE, ref="Q#2", year=LATER),
        row(HIGHWAY_LINE, ref="Q#3", year=EMPTY),
    ]


def rescreen_rows():
    return list(
        OutboxMessage.objects.filter(task_name=rescreen_fiscal_year_task.name).values_list("payload", flat=True)
    )


def test_embedded_it_rescreens_only_the_open_requests_and_says_how_many(
    requests_by_year, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        batch = import_rows(lines_of_three_years())
    assert batch.fiscal_years == [YEAR, LATER, EMPTY]
    assert batch.rescreens_queued == 2
    assert rescreen_rows() == [{"args": [YEAR], "kwargs": {}}]  # LATER has only a draft, EMPTY nothing
    for request in requests_by_year["open"]:  # embedded: run once the import committed
        assert ScreeningRun.objects.filter(request=request, status=ScreeningRun.RunStatus.DONE).exists()
    assert not ScreeningRun.objects.filter(request__in=requests_by_year["not open"]).exists()


def test_with_a_broker_the_import_only_queues(requests_by_year, monkeypatch, django_capture_on_commit_callbacks):
    sent = []

    class Broker:
        def __init__(self, name):
            self.name = name

        def apply_async(self, args=(), kwargs=None, **options):
            sent.append((self.name, list(args)))

    monkeypatch.setattr(outbox, "_task", Broker)
    with django_capture_on_commit_callbacks(execute=True):
        batch = import_rows(lines_of_three_years())
    assert batch.rescreens_queued == 2
    assert sent == [(rescreen_fiscal_year_task.name, [YEAR])]
    assert not ScreeningRun.objects.exists()  # nothing screened inside the import
    assert OutboxMessage.objects.pending().filter(task_name=rescreen_fiscal_year_task.name).count() == 1


def test_no_open_request_queues_nothing(people, django_capture_on_commit_callbacks):
    make_request(people.office_a, status=Status.DRAFT)
    with django_capture_on_commit_callbacks(execute=True):
        batch = import_rows(lines_of_three_years())
    assert batch.rescreens_queued == 0 and rescreen_rows() == []


def test_the_command_the_page_and_the_api_say_how_many(
    requests_by_year, people, client_for, tmp_path, django_capture_on_commit_callbacks
):
    path = tmp_path / "lines.csv"
    path.write_bytes(rows_to_csv_bytes(lines_of_three_years()))
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("import_budget_lines", str(path), stdout=out)
    assert "ส่งเข้าคิวตรวจความซ้ำซ้อนใหม่: 2 รายการ" in out.getvalue()

    from django.core.files.uploadedfile import SimpleUploadedFile

    def upload(ref):
        return SimpleUploadedFile("l.csv", rows_to_csv_bytes([row(HIGHWAY_LINE, ref=ref, year=YEAR)]))

    client = client_for(people.admin)
    with django_capture_on_commit_callbacks(execute=True):
        page = client.post(reverse("ministries:budget-line-import"), {"file": upload("Q#9")}, follow=True)
    assert "คำขอที่ยังพิจารณาอยู่ 2 รายการ ส่งเข้าคิวตรวจความซ้ำซ้อนใหม่แล้ว" in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        api = client.post("/api/v1/budget-line-imports/", {"file": upload("Q#10")})
    assert api.status_code == 201 and api.json()["rescreens_queued"] == 2
