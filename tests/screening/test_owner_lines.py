"""R6 with R18: a provincial request is screened against the ministries' own requests of the
cycle, and against its owning agency's own requests even when they do not say where they are;
a flag names the source of the matched line."""

import pytest
from django.urls import reverse

from ministries.models import Department, FieldOffice
from ministries.services import own_requests_import
from proposals.models import OwnerKind, PhaseKind
from screening.models import DuplicateFlag
from screening.services import request_screen
from tests.ministries.conftest import HIGHWAY_OWN, HIGHWAY_REQUEST, numbered, own_row
from tests.proposals.conftest import set_phase
from tests.screening.conftest import make_request

pytestmark = pytest.mark.django_db


@pytest.fixture
def own_phase(db):
    set_phase(PhaseKind.MINISTRY_OWN_REQUEST, closes_days=30)


def upload(people, item, **kwargs):
    batch = own_requests_import(
        user=people.reviewer_y,
        rows=numbered([own_row(item, **kwargs)]),
        file_name="own.csv",
        ministry=people.ministry_y,
    )
    assert batch.status == "done", batch.errors
    return batch


def test_an_upload_rescreens_open_requests_and_the_flag_names_its_source(
    people, own_phase, client_for, django_capture_on_commit_callbacks
):
    request = make_request(people.office_a, province=people.office_a.province, ministry=people.ministry_y)
    with django_capture_on_commit_callbacks(execute=True):
        batch = upload(people, HIGHWAY_OWN + " จังหวัดขอนแก่น")
    assert batch.rescreens_queued == 1
    flag = DuplicateFlag.objects.get(request=request)
    assert flag.budget_line.source == "ministry_request"
    page = client_for(people.planner_a).get(reverse("screening:request-flags", args=[request.pk])).content.decode()
    assert "คำขอของกระทรวงปีนี้" in page
    api = client_for(people.planner_a).get(f"/api/v1/requests/{request.pk}/flags/").json()
    flags = api["results"] if isinstance(api, dict) and "results" in api else api
    assert flags[0]["line_source"] == "ministry_request"
    assert flags[0]["line_source_label"] == "คำขอของกระทรวงปีนี้"


def test_the_owning_department_s_line_is_a_candidate_even_without_a_province(people, own_phase):
    upload(people, HIGHWAY_OWN)  # names no province: the year index cannot place it
    request = make_request(people.office_a, title=HIGHWAY_REQUEST, province=people.office_a.province)
    request_screen(request_id=request.pk, revision=request.revision)
    assert not DuplicateFlag.objects.filter(request=request).exists()

    owned = make_request(
        people.office_a,
        title=HIGHWAY_REQUEST,
        province=people.office_a.province,
        owner_kind=OwnerKind.DEPARTMENT,
        owner_department=Department.objects.get(code="doh"),
    )
    request_screen(request_id=owned.pk, revision=owned.revision)
    flag = DuplicateFlag.objects.get(request=owned)
    assert flag.budget_line.own_ref == "1"


def test_a_field_office_owner_brings_its_department_s_lines(people, own_phase):
    office = FieldOffice.objects.filter(kind__department__code="doh", province=people.office_a.province).first()
    if office is None:
        from ministries.models import FieldOfficeKind

        office = FieldOffice.objects.create(
            kind=FieldOfficeKind.objects.get(code="highway-district"),
            province=people.office_a.province,
            name_th="แขวงทางหลวงขอนแก่นที่ 1",
        )
    upload(people, HIGHWAY_OWN)
    owned = make_request(
        people.office_a,
        title=HIGHWAY_REQUEST,
        province=people.office_a.province,
        owner_kind=OwnerKind.FIELD_OFFICE,
        owner_field_office=office,
    )
    request_screen(request_id=owned.pk, revision=owned.revision)
    assert DuplicateFlag.objects.filter(request=owned).count() == 1


def test_the_line_owner_answers_a_flag_against_its_own_request(people, own_phase, client_for):
    upload(people, HIGHWAY_OWN + " จังหวัดขอนแก่น")
    request = make_request(people.office_a, province=people.office_a.province, ministry=people.ministry_y)
    request_screen(request_id=request.pk, revision=request.revision)
    flag = DuplicateFlag.objects.get(request=request)
    # the ministry that owns the line sees it among "our lines"; another ministry does not
    assert "2301" in client_for(people.reviewer_y).get(reverse("screening:line-flags")).content.decode()
    assert client_for(people.reviewer_x).get(reverse("screening:flag-detail", args=[flag.pk])).status_code == 404
    client = client_for(people.reviewer_y)
    url = reverse("screening:flag-owner-answer", args=[flag.pk])
    client.post(url, {"answer": "same_work", "note": "กรมทางหลวงของบไว้แล้วในคำขอของกระทรวงปีนี้"})
    flag.refresh_from_db()
    assert flag.owner_answer == "same_work"
    client_for(people.reviewer_x).post(url, {"answer": "different_work", "note": "ไม่ใช่"})
    flag.refresh_from_db()
    assert flag.owner_answer == "same_work"  # another ministry cannot answer for the owner
