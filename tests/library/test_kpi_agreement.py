"""R13: a joint KPI one side proposes is pending until the other side confirms it; workshops
record what both sides agreed; only agreed KPIs are public."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from library import services
from library.models import AgreementStatus, JointKPI, ProposingSide, RequestKPIAgreement, Workshop
from portal.exceptions import NotAllowed
from proposals.models import ActionPlan, Notification, ProjectRequest, RequestKPI
from proposals.workflow import Status
from tests.personas import YEAR

pytestmark = pytest.mark.django_db


def propose(people, *, user=None, offices=None, ministry=None, name="พื้นที่ป่าชุมชนที่ฟื้นฟู"):
    return services.joint_kpi_create(
        user=user or people.planner_a,
        offices=offices or [people.office_a],
        fiscal_year=YEAR,
        name=name,
        ministry=ministry or people.ministry_x,
        target="300",
        unit="ไร่",
    )


def public_page(client):
    return client.get(reverse("library:joint-kpis-year", args=[YEAR])).content.decode()


def test_an_area_proposal_is_pending_and_tells_the_ministry(client, people):
    kpi = propose(people)
    assert (kpi.status, kpi.proposed_side) == (AgreementStatus.PENDING, ProposingSide.AREA)
    assert Notification.objects.filter(user=people.reviewer_x, message__contains=kpi.name).exists()
    assert not Notification.objects.filter(user=people.reviewer_y).exists()
    assert kpi.name not in public_page(client)


def test_the_ministry_confirms_and_then_it_is_public(client, people):
    kpi = propose(people)
    services.joint_kpi_respond(user=people.reviewer_x, kpi=kpi, agree=True)
    kpi.refresh_from_db()
    assert kpi.status == AgreementStatus.AGREED and kpi.responded_by == people.reviewer_x
    assert kpi.name in public_page(client)
    assert Notification.objects.filter(user=people.planner_a, message__contains="ทั้งสองฝ่าย").exists()


def test_asking_for_a_change_needs_a_note_and_a_revision_makes_it_pending_again(people):
    from django.core.exceptions import ValidationError

    kpi = propose(people)
    with pytest.raises(ValidationError):
        services.joint_kpi_respond(user=people.reviewer_x, kpi=kpi, agree=False, note="")
    services.joint_kpi_respond(user=people.reviewer_x, kpi=kpi, agree=False, note="ขอเป้าหมาย 500 ไร่")
    kpi.refresh_from_db()
    assert kpi.status == AgreementStatus.CHANGE_REQUESTED and kpi.response_note == "ขอเป้าหมาย 500 ไร่"
    services.joint_kpi_update(user=people.planner_a, kpi=kpi, target="500")
    kpi.refresh_from_db()
    assert (kpi.status, kpi.target) == (AgreementStatus.PENDING, "500")


def test_a_ministry_proposal_is_confirmed_by_the_office_it_names(people):
    kpi = propose(people, user=people.reviewer_x)
    assert kpi.proposed_side == ProposingSide.MINISTRY
    for other in (people.reviewer_x, people.reviewer_y, people.planner_b, people.planner_a2, people.cluster_officer_b):
        with pytest.raises(NotAllowed):
            services.joint_kpi_respond(user=other, kpi=kpi, agree=True)
    services.joint_kpi_respond(user=people.planner_a, kpi=kpi, agree=True)
    kpi.refresh_from_db()
    assert kpi.status == AgreementStatus.AGREED


@pytest.mark.parametrize(
    "persona", ["reviewer_y", "reviewer_dept", "planner_a", "planner_b", "cluster_officer", "cluster_officer_b"]
)
def test_only_the_other_side_answers_an_area_proposal(people, persona):
    kpi = propose(people)
    with pytest.raises(NotAllowed):
        services.joint_kpi_respond(user=getattr(people, persona), kpi=kpi, agree=True)


def test_nobody_proposes_for_another_province_or_another_ministry(people):
    with pytest.raises(NotAllowed):
        propose(people, user=people.planner_a, offices=[people.office_b])  # other province
    with pytest.raises(NotAllowed):
        propose(people, user=people.reviewer_x, ministry=people.ministry_y, offices=[people.office_b])  # other ministry


def test_the_central_team_records_an_agreed_kpi_directly(people):
    kpi = propose(people, user=people.central)
    assert (kpi.status, kpi.proposed_side) == (AgreementStatus.AGREED, ProposingSide.WORKSHOP)


# --- pages
def test_the_ministry_answers_from_the_page_and_strangers_get_404(client_for, people):
    kpi = propose(people)
    url = reverse("library:joint-kpi-respond", args=[kpi.pk])
    for stranger in (people.reviewer_y, people.planner_b, people.outsider):
        assert client_for(stranger).post(url, {"decision": "agree"}).status_code == 404
    page = client_for(people.reviewer_x).get(reverse("library:joint-kpis-year", args=[YEAR])).content.decode()
    assert f'id="respond-{kpi.pk}"' in page
    response = client_for(people.reviewer_x).post(url, {"decision": "change", "note": ""})
    assert response.status_code == 302
    kpi.refresh_from_db()
    assert kpi.status == AgreementStatus.PENDING  # the Thai message asked for a note
    client_for(people.reviewer_x).post(url, {"decision": "agree"})
    kpi.refresh_from_db()
    assert kpi.status == AgreementStatus.AGREED


def test_a_planner_proposes_from_the_page(client_for, people):
    response = client_for(people.planner_a).post(
        reverse("library:joint-kpi-create"),
        {
            "fiscal_year": YEAR,
            "name": "ปริมาณขยะที่นำกลับมาใช้ใหม่",
            "ministry": people.ministry_x.pk,
            "offices": [people.office_a.pk],
        },
    )
    assert response.status_code == 302
    assert JointKPI.objects.get(name="ปริมาณขยะที่นำกลับมาใช้ใหม่").status == AgreementStatus.PENDING


def test_the_other_province_does_not_see_a_proposal(client_for, people):
    kpi = propose(people)
    page = client_for(people.planner_b).get(reverse("library:joint-kpis-year", args=[YEAR])).content.decode()
    assert kpi.name not in page
    assert client_for(people.planner_b).get(reverse("library:joint-kpi-edit", args=[kpi.pk])).status_code == 404
    assert client_for(people.planner_a).get(reverse("library:joint-kpi-edit", args=[kpi.pk])).status_code == 200


# --- a request's joint KPIs
@pytest.fixture
def request_kpi(people):
    plan = ActionPlan.objects.create(office=people.office_a, fiscal_year=YEAR, title="แผนขอนแก่น")
    request = ProjectRequest.objects.create(
        plan=plan,
        office=people.office_a,
        fiscal_year=YEAR,
        reference="KKN-J1",
        title="ฟื้นฟูป่าต้นน้ำ",
        amount=Decimal("1000000"),
        status=Status.MINISTRY_REVIEW,
        reviewing_ministry=people.ministry_x,
    )
    return RequestKPI.objects.create(
        request=request, name="ป่าต้นน้ำที่ฟื้นฟู", target="500", unit="ไร่", is_joint=True, joint_ministry=people.ministry_x
    )


def test_the_joint_ministry_answers_a_request_kpi_and_the_office_hears(client_for, people, request_kpi):
    url = reverse("library:request-kpi-answer", args=[request_kpi.pk])
    for stranger in (people.reviewer_y, people.planner_a, people.planner_b):
        assert client_for(stranger).post(url, {"decision": "agree"}).status_code == 404
    response = client_for(people.reviewer_x).post(url, {"decision": "agree", "next": "request"})
    assert response.status_code == 302 and "#request-kpis" in response["Location"]
    assert RequestKPIAgreement.objects.get(request=request_kpi.request).status == AgreementStatus.AGREED
    assert Notification.objects.filter(user=people.planner_a, request=request_kpi.request).exists()


def test_the_answer_is_on_the_requests_history_and_the_notice_reads_in_english(people, request_kpi):
    from proposals.models import RequestEvent
    from proposals.workflow import EventKind

    services.request_kpi_respond(user=people.reviewer_x, kpi=request_kpi, agree=False, note="ขอปรับเป้าหมาย")
    event = RequestEvent.objects.get(request=request_kpi.request, action=EventKind.JOINT_KPI_ANSWER)
    assert event.comment == "ขอปรับเป้าหมาย" and event.payload["status"] == AgreementStatus.CHANGE_REQUESTED
    notice = Notification.objects.get(user=people.planner_a, request=request_kpi.request)
    assert "ป่าต้นน้ำที่ฟื้นฟู" in notice.message and notice.message.endswith("— ขอปรับเป้าหมาย")
    assert notice.message_en.startswith("Request") and notice.message_en.endswith("— ขอปรับเป้าหมาย")


def test_an_agreement_survives_a_resave_but_not_a_changed_target(people, request_kpi):
    from library.selectors import request_joint_kpi_list

    services.request_kpi_respond(user=people.reviewer_x, kpi=request_kpi, agree=True)
    request = request_kpi.request
    # the request form replaces its KPI rows on every save
    request.kpis.all().delete()
    RequestKPI.objects.create(
        request=request, name="ป่าต้นน้ำที่ฟื้นฟู", target="500", unit="ไร่", is_joint=True, joint_ministry=people.ministry_x
    )
    assert [k.name for k in request_joint_kpi_list(fiscal_year=YEAR)] == ["ป่าต้นน้ำที่ฟื้นฟู"]
    request.kpis.update(target="800")
    assert list(request_joint_kpi_list(fiscal_year=YEAR)) == []


def test_the_request_page_shows_each_joint_kpis_state_and_the_answer_form_to_the_ministry(
    client_for, people, request_kpi
):
    url = reverse("proposals:request-detail", args=[request_kpi.request_id])
    page = client_for(people.planner_a).get(url).content.decode()
    assert 'data-kpi-state="pending"' in page and "request-kpi-answer" not in page
    page = client_for(people.reviewer_x).get(url).content.decode()
    assert reverse("library:request-kpi-answer", args=[request_kpi.pk]) in page


# --- workshops
def test_the_central_team_records_a_workshop_and_its_kpis_become_agreed(client, client_for, people):
    kpi = propose(people)
    response = client_for(people.central).post(
        reverse("library:workshop-create"),
        {
            "fiscal_year": YEAR,
            "held_on": "18/01/2553",
            "title": "บูรณาการแผนกลุ่มจังหวัดกับกระทรวง",
            "venue": "ขอนแก่น",
            "offices": [people.office_a.pk],
            "ministries": [people.ministry_x.pk],
            "kpis": [kpi.pk],
        },
    )
    assert response.status_code == 302
    workshop = Workshop.objects.get(title="บูรณาการแผนกลุ่มจังหวัดกับกระทรวง")
    assert workshop.held_on == datetime.date(2010, 1, 18)
    kpi.refresh_from_db()
    assert kpi.status == AgreementStatus.AGREED and kpi.workshop == workshop
    assert Notification.objects.filter(user=people.reviewer_x, message__contains=workshop.title).exists()
    listing = client.get(reverse("library:workshop-list"), {"fiscal_year": YEAR}).content.decode()
    assert workshop.title in listing
    assert kpi.name in client.get(reverse("library:workshop-detail", args=[workshop.pk])).content.decode()


@pytest.mark.parametrize("persona", ["planner_a", "reviewer_x", "cluster_officer"])
def test_only_the_central_team_records_workshops(client_for, people, persona):
    assert client_for(getattr(people, persona)).get(reverse("library:workshop-create")).status_code == 403


def test_a_workshop_needs_a_party_and_a_be_date(client_for, people):
    response = client_for(people.central).post(
        reverse("library:workshop-create"), {"fiscal_year": YEAR, "held_on": "xx", "title": "ประชุม"}
    )
    page = response.content.decode()
    assert response.status_code == 200 and "วว/ดด/ปปปป (พ.ศ.)" in page and "กรุณาเลือกผู้เข้าร่วม" in page


# --- API
def test_the_api_proposes_lists_and_answers(client_for, people):
    planner, reviewer = client_for(people.planner_a), client_for(people.reviewer_x)
    body = {
        "fiscal_year": YEAR,
        "name": "คุณภาพน้ำแหล่งน้ำหลัก",
        "ministry": people.ministry_x.pk,
        "offices": [people.office_a.pk],
    }
    created = planner.post(reverse("api:library-joint-kpi-list"), body, content_type="application/json")
    assert created.status_code == 201 and created.json()["status"] == "pending"
    kpi_id = created.json()["id"]
    pending = reviewer.get(reverse("api:library-joint-kpi-proposals"), {"fiscal_year": YEAR}).json()
    assert [(p["id"], p["can_respond"]) for p in pending["proposals"]] == [(kpi_id, True)]
    other = client_for(people.reviewer_y).get(reverse("api:library-joint-kpi-proposals"), {"fiscal_year": YEAR}).json()
    assert other["proposals"] == []
    url = reverse("api:library-joint-kpi-respond", args=[kpi_id])
    assert (
        client_for(people.reviewer_y).post(url, {"decision": "agree"}, content_type="application/json").status_code
        == 404
    )
    assert client_for(people.planner_b).get(reverse("api:library-joint-kpi-detail", args=[kpi_id])).status_code == 404
    answered = reviewer.post(url, {"decision": "agree"}, content_type="application/json")
    assert answered.status_code == 200 and answered.json()["status"] == "agreed"


def test_the_api_answers_a_request_kpi_for_the_joint_ministry_only(client_for, people, request_kpi):
    url = reverse("api:library-request-kpi-answer", args=[request_kpi.pk])
    assert (
        client_for(people.reviewer_y).post(url, {"decision": "agree"}, content_type="application/json").status_code
        == 404
    )
    response = client_for(people.reviewer_x).post(
        url, {"decision": "change", "note": "ขอหน่วยเป็นไร่"}, content_type="application/json"
    )
    assert response.status_code == 200 and response.json()["status"] == "change_requested"


def test_the_workshop_api_is_public_to_read_and_central_to_write(client, client_for, people):
    body = {"fiscal_year": YEAR, "held_on": "2010-01-18", "title": "เวทีร่วม", "ministries": [people.ministry_x.pk]}
    assert (
        client_for(people.planner_a)
        .post(reverse("api:library-workshop-list"), body, content_type="application/json")
        .status_code
        == 403
    )
    created = client_for(people.central).post(
        reverse("api:library-workshop-list"), body, content_type="application/json"
    )
    assert created.status_code == 201
    assert [w["title"] for w in client.get(reverse("api:library-workshop-list"), {"fiscal_year": YEAR}).json()] == [
        "เวทีร่วม"
    ]


# --- the migration's rule for joint KPIs that existed before R13 was two-sided
def test_the_migration_agrees_what_the_central_team_entered_and_leaves_the_rest_pending(people):
    import importlib

    from django.apps import apps

    migration = importlib.import_module("library.migrations.0004_kpi_agreement_workshops_plans_zoning")
    by_central = propose(people, user=people.central, name="ก")
    by_nobody = propose(people, user=people.central, name="ข")
    by_planner = propose(people, user=people.planner_a, name="ค")
    JointKPI.objects.filter(pk=by_nobody.pk).update(created_by=None)
    JointKPI.objects.update(status=AgreementStatus.PENDING)
    migration.agree_central_workshop_kpis(apps, None)
    status = dict(JointKPI.objects.values_list("name", "status"))
    assert status == {"ก": "agreed", "ข": "agreed", "ค": "pending"}
    assert by_central and by_planner
