"""R18: each request names the agency that owns and carries out the project; R21: a request for
a ministry's support names the output/project of that ministry's list of the year it could be
funded under. Both through the form's steps and the API."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from rest_framework.test import APIClient

from ministries.models import Department, FieldOffice, MinistryOutput
from ministries.services import ministry_output_save, outputs_sync_from_lines
from portal.exceptions import NotAllowed
from proposals.models import OwnerKind
from proposals.selectors.ownership import field_office_project_share
from proposals.services.requests import request_update
from proposals.services.workflow_rules import submission_problems
from proposals.workflow import Status
from tests.personas import YEAR
from tests.proposals.conftest import make_request

pytestmark = pytest.mark.django_db


def api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def field_office(province_name):
    return FieldOffice.objects.get(kind__code="tsj", province__name_th=province_name)


def output_of(people, ministry=None, *, name="ผลผลิตแหล่งน้ำได้รับการพัฒนา", year=YEAR):
    return MinistryOutput.objects.create(
        fiscal_year=year, ministry=ministry or people.ministry_x, kind="output", name=name
    )


# ---------------------------------------------------------------- R18 the owning agency


def test_a_request_is_owned_by_a_field_office_of_its_province(people):
    request = make_request(people, owner_kind=OwnerKind.FIELD_OFFICE, owner_field_office=field_office("ขอนแก่น"))
    assert request.owner_agency == field_office("ขอนแก่น")


def test_a_field_office_of_another_province_is_refused(people):
    with pytest.raises(ValidationError) as error:
        make_request(people, owner_kind=OwnerKind.FIELD_OFFICE, owner_field_office=field_office("อุดรธานี"))
    assert "owner_field_office" in error.value.message_dict


def test_the_owner_kind_needs_its_agency_and_clears_the_other(people):
    with pytest.raises(ValidationError):
        make_request(people, owner_kind=OwnerKind.DEPARTMENT)
    request = make_request(
        people,
        owner_kind=OwnerKind.DEPARTMENT,
        owner_department=Department.objects.get(code="dwr"),
        owner_field_office=field_office("ขอนแก่น"),
    )
    assert request.owner_field_office is None and request.owner_agency.code == "dwr"


def test_the_form_step_offers_only_the_field_offices_of_the_request_s_province(people, client_for):
    request = make_request(people)
    page = client_for(people.planner_a).get(reverse("proposals:request-edit", args=[request.pk]) + "?step=what")
    html = page.content.decode()
    assert field_office("ขอนแก่น").name_th in html and field_office("อุดรธานี").name_th not in html


def test_the_api_takes_and_returns_the_owner(people):
    request = make_request(people)
    client = api(people.planner_a)
    url = reverse("api:request-detail", args=[request.pk])
    office = field_office("ขอนแก่น")
    response = client.patch(
        url,
        {"revision": request.revision, "owner_kind": "field_office", "owner_field_office": office.pk},
        format="json",
    )
    assert response.status_code == 200, response.json()
    body = client.get(url).json()
    assert (body["owner_kind"], body["owner_field_office"], body["owner_label"]) == (
        "field_office",
        office.pk,
        office.name_th,
    )
    other = client.patch(
        url,
        {"revision": body["revision"], "owner_kind": "field_office", "owner_field_office": field_office("อุดรธานี").pk},
        format="json",
    )
    assert other.status_code == 400


def test_the_field_office_project_share_counts_filed_provincial_requests(people):
    make_request(people, owner_kind=OwnerKind.FIELD_OFFICE, owner_field_office=field_office("ขอนแก่น"))
    make_request(people, title="ขุดลอกคลองบ้านโนนสะอาด")
    make_request(
        people, title="ร่างที่ยังไม่ส่ง", owner_kind=OwnerKind.FIELD_OFFICE, owner_field_office=field_office("ขอนแก่น")
    )
    from proposals.models import ProjectRequest

    ProjectRequest.objects.exclude(title="ร่างที่ยังไม่ส่ง").update(
        status=Status.MINISTRY_REVIEW, reviewing_ministry=people.ministry_x
    )
    share = field_office_project_share(YEAR)
    assert (share.total, share.field_office, share.percent) == (2, 1, 50.0)
    assert field_office_project_share(YEAR, ministry=people.ministry_x).field_office == 1
    assert field_office_project_share(YEAR, ministry=people.ministry_y).total == 0


def test_the_reviewer_queue_shows_the_share_and_the_dashboard_api_has_it(people, client_for):
    make_request(people, owner_kind=OwnerKind.FIELD_OFFICE, owner_field_office=field_office("ขอนแก่น"))
    from proposals.models import ProjectRequest

    ProjectRequest.objects.update(status=Status.MINISTRY_REVIEW, reviewing_ministry=people.ministry_x)
    page = client_for(people.reviewer_x).get(reverse("reviews:queue")).content.decode()
    assert "field-office-share" in page and "(100.0%)" in page
    other = client_for(people.reviewer_y).get(reverse("reviews:queue")).content.decode()
    assert "(100.0%)" not in other


# ---------------------------------------------------------------- R21 the ministry's outputs


def test_outputs_are_loaded_from_the_lines_and_a_retired_one_stays_retired(people):
    from ministries.models import BudgetLine

    line = BudgetLine(
        fiscal_year=YEAR,
        ministry=people.ministry_y,
        department=Department.objects.get(code="doh"),
        output="ผลผลิตทางหลวงได้รับการบำรุงรักษา",
        project="โครงการก่อสร้างสะพาน",
    )
    outputs_sync_from_lines(lines=[line])
    assert MinistryOutput.objects.filter(ministry=people.ministry_y).count() == 2
    MinistryOutput.objects.filter(kind="project").update(is_active=False)
    outputs_sync_from_lines(lines=[line])
    assert MinistryOutput.objects.filter(ministry=people.ministry_y, is_active=True).count() == 1


def test_a_ministry_keeps_its_own_list_only(people):
    ministry_output_save(
        user=people.reviewer_x, fiscal_year=YEAR, ministry=people.ministry_x, kind="project", name="โครงการฟื้นฟูแหล่งน้ำ"
    )
    with pytest.raises(NotAllowed):
        ministry_output_save(
            user=people.reviewer_y, fiscal_year=YEAR, ministry=people.ministry_x, kind="project", name="x"
        )
    with pytest.raises(NotAllowed):
        ministry_output_save(
            user=people.planner_a, fiscal_year=YEAR, ministry=people.ministry_x, kind="project", name="x"
        )
    with pytest.raises(NotAllowed):  # a department keeps its own entries, not another department's
        ministry_output_save(
            user=people.reviewer_dept,
            fiscal_year=YEAR,
            ministry=people.ministry_y,
            department=Department.objects.get(code="drr"),
            kind="output",
            name="x",
        )


def test_a_request_for_support_names_an_output_of_that_ministry_and_year(people):
    mine, theirs = output_of(people), output_of(people, people.ministry_y, name="ผลผลิตทางหลวง")
    request = make_request(people, funding_channel="ministry_support", target_ministry=people.ministry_x)
    assert any("ผลผลิต" in p for p in submission_problems(request))  # the list exists: required
    with pytest.raises(ValidationError):
        request_update(
            user=people.planner_a,
            request_id=request.pk,
            expected_revision=request.revision,
            data={"ministry_output": theirs},
        )
    updated = request_update(
        user=people.planner_a, request_id=request.pk, expected_revision=request.revision, data={"ministry_output": mine}
    )
    assert updated.ministry_output == mine
    assert not any("ผลผลิต" in p for p in submission_problems(updated))


def test_an_output_of_another_year_or_a_province_funded_request_is_refused(people):
    old = output_of(people, year=YEAR - 1)
    request = make_request(people, funding_channel="ministry_support", target_ministry=people.ministry_x)
    with pytest.raises(ValidationError):
        request_update(
            user=people.planner_a,
            request_id=request.pk,
            expected_revision=request.revision,
            data={"ministry_output": old},
        )
    province_funded = make_request(people, title="งานของจังหวัดเอง")
    with pytest.raises(ValidationError):
        request_update(
            user=people.planner_a,
            request_id=province_funded.pk,
            expected_revision=province_funded.revision,
            data={"ministry_output": output_of(people, name="อื่น")},
        )


def test_the_api_takes_the_output_id_and_returns_its_name(people):
    output = output_of(people)
    request = make_request(people, funding_channel="ministry_support", target_ministry=people.ministry_x)
    client = api(people.planner_a)
    url = reverse("api:request-detail", args=[request.pk])
    assert (
        client.patch(url, {"revision": request.revision, "ministry_output": output.pk}, format="json").status_code
        == 200
    )
    body = client.get(url).json()
    assert (body["ministry_output"], body["ministry_output_name"]) == (output.pk, output.name)


def test_the_outputs_api_lists_a_ministry_s_year_and_only_its_keeper_edits(people):
    output = output_of(people)
    listed = (
        api(people.planner_a)
        .get("/api/v1/ministry-outputs/", {"fiscal_year": YEAR, "ministry": people.ministry_x.pk})
        .json()
    )
    rows = listed["results"] if isinstance(listed, dict) else listed
    assert [r["id"] for r in rows] == [output.pk]
    url = f"/api/v1/ministry-outputs/{output.pk}/"
    assert api(people.reviewer_y).patch(url, {"is_active": False}, format="json").status_code == 403
    assert api(people.planner_a).patch(url, {"is_active": False}, format="json").status_code == 403
    assert api(people.reviewer_x).patch(url, {"is_active": False}, format="json").status_code == 200
    created = api(people.reviewer_y).post(
        "/api/v1/ministry-outputs/",
        {"fiscal_year": YEAR, "ministry": people.ministry_x.pk, "kind": "output", "name": "x"},
        format="json",
    )
    assert created.status_code == 403, created.json()


def test_the_outputs_page_lists_and_the_ministry_adds(people, client_for):
    client = client_for(people.reviewer_x)
    response = client.post(
        reverse("ministries:output-list"),
        {
            "owner": f"m{people.ministry_x.pk}",
            "fiscal_year": YEAR,
            "kind": "project",
            "name": "โครงการฟื้นฟูหนองน้ำ",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    assert "โครงการฟื้นฟูหนองน้ำ" in client_for(people.planner_a).get(reverse("ministries:output-list")).content.decode()
    assert client_for(people.planner_a).post(reverse("ministries:output-list"), {"name": "x"}).status_code == 403
    edit = reverse("ministries:output-edit", args=[MinistryOutput.objects.get().pk])
    assert (
        client_for(people.reviewer_y)
        .post(edit, {"owner": f"m{people.ministry_y.pk}", "fiscal_year": YEAR, "kind": "project", "name": "ยึด"})
        .status_code
        == 403
    )
