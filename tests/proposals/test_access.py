"""Who reaches which page and endpoint: every view and API of the planner area, with the
"other province" (planner_b) and "other ministry" (reviewer_y) cases answering 404 for not-yours."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ministries.models import FieldOffice
from proposals.models import ProjectRequest
from proposals.services.attachments import attachment_add
from proposals.workflow import Status
from tests.proposals.conftest import make_request, plan_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(people):
    """A draft of ขอนแก่น and one of its requests under review by ทส., routed via ทสจ.ขอนแก่น."""
    draft = make_request(people, title="ร่างของขอนแก่น")
    attachment = attachment_add(
        user=people.planner_a, request_id=draft.pk, uploaded=SimpleUploadedFile("a.pdf", b"%PDF-1.4\n%%EOF\n")
    )
    reviewed = make_request(people, title="ขอนแก่นที่ ทส. พิจารณา")
    ProjectRequest.objects.filter(pk=reviewed.pk).update(
        status=Status.MINISTRY_REVIEW,
        reviewing_ministry=people.ministry_x,
        routed_field_office=FieldOffice.objects.get(kind__code="tsj", province__name_th="ขอนแก่น"),
    )
    return {"plan": draft.plan, "draft": draft, "reviewed": reviewed, "attachment": attachment}


# (url name, object key for the args, method, {persona: expected status})
PAGES = [
    ("proposals:plan-list", None, "get", {"planner_a": 200, "planner_b": 200, "reviewer_y": 200}),
    ("proposals:plan-create", None, "get", {"planner_a": 200, "reviewer_x": 403, "outsider": 403}),
    (
        "proposals:plan-detail",
        "plan",
        "get",
        {
            "planner_a": 200,
            "cluster_officer": 200,
            "central": 200,
            "planner_b": 404,
            "planner_a2": 404,
            "reviewer_x": 404,
            "reviewer_y": 404,
            "cluster_officer_b": 404,
        },
    ),
    (
        "proposals:plan-edit",
        "plan",
        "get",
        {"planner_a": 200, "cluster_officer": 403, "planner_b": 404, "reviewer_y": 404},
    ),
    ("proposals:plan-print", "plan", "get", {"planner_a": 200, "planner_b": 404, "reviewer_y": 404}),
    ("proposals:plan-export", "plan", "get", {"planner_a": 200, "planner_b": 404, "reviewer_y": 404}),
    ("proposals:plan-template", "plan", "get", {"planner_a": 200, "planner_b": 404, "reviewer_y": 404}),
    (
        "proposals:plan-import",
        "plan",
        "get",
        {"planner_a": 200, "cluster_officer": 403, "planner_b": 404, "reviewer_y": 404},
    ),
    (
        "proposals:request-create",
        "plan",
        "get",
        {"planner_a": 200, "field_a": 200, "cluster_officer": 403, "planner_b": 404, "reviewer_y": 404},
    ),
    ("proposals:request-list", None, "get", {"planner_a": 200, "reviewer_y": 200, "outsider": 200}),
    ("proposals:request-export", None, "get", {"planner_a": 200, "reviewer_y": 200}),
    (
        "proposals:request-detail",
        "draft",
        "get",
        {
            "planner_a": 200,
            "planner_b": 404,
            "cluster_officer": 404,
            "reviewer_x": 404,
            "reviewer_y": 404,
            "central": 404,
        },
    ),
    (
        "proposals:request-detail",
        "reviewed",
        "get",
        {
            "planner_a": 200,
            "reviewer_x": 200,
            "field_a": 200,
            "cluster_officer": 200,
            "central": 200,
            "planner_b": 404,
            "reviewer_y": 404,
            "reviewer_dept": 404,
            "field_b": 404,
            "cluster_officer_b": 404,
        },
    ),
    (
        "proposals:request-history",
        "reviewed",
        "get",
        {"planner_a": 200, "reviewer_x": 200, "planner_b": 404, "reviewer_y": 404},
    ),
    ("proposals:request-edit", "draft", "get", {"planner_a": 200, "planner_b": 404, "reviewer_y": 404}),
    (
        "proposals:request-edit",
        "reviewed",
        "get",
        {"planner_a": 403, "reviewer_x": 403, "planner_b": 404, "reviewer_y": 404},
    ),
    ("proposals:request-transition", "reviewed", "post", {"reviewer_x": 302, "planner_b": 404, "reviewer_y": 404}),
    ("proposals:attachment-add", "draft", "post", {"planner_b": 404, "reviewer_y": 404}),
    (
        "proposals:attachment-download",
        "attachment",
        "get",
        {"planner_a": 200, "planner_b": 404, "reviewer_x": 404, "reviewer_y": 404},
    ),
    ("proposals:attachment-delete", "attachment", "post", {"planner_b": 404, "reviewer_y": 404}),
    (
        "proposals:cluster-board",
        None,
        "get",
        {"cluster_officer": 200, "cluster_officer_b": 200, "planner_a": 403, "reviewer_x": 403},
    ),
    ("proposals:cluster-merge", None, "post", {"planner_b": 403, "reviewer_y": 403}),
    ("proposals:calendar", None, "get", {"planner_a": 200, "reviewer_y": 200, "central": 200}),
    (
        "proposals:calendar-edit",
        None,
        "post",
        {"planner_a": 403, "planner_b": 403, "reviewer_x": 403, "reviewer_y": 403},
    ),
    ("proposals:calendar-extension", None, "post", {"planner_a": 403, "planner_b": 403, "reviewer_y": 403}),
]
PAGE_CASES = [
    (name, key, method, persona, code) for name, key, method, expected in PAGES for persona, code in expected.items()
]


@pytest.mark.parametrize(
    "name,key,method,persona,code", PAGE_CASES, ids=[f"{n}-{k}-{p}" for n, k, _m, p, _c in PAGE_CASES]
)
def test_each_page_answers_each_persona_as_expected(client_for, people, world, name, key, method, persona, code):
    args = [world[key].pk] if key else []
    client = client_for(getattr(people, persona))
    response = getattr(client, method)(reverse(name, args=args), {"action": "endorse"} if method == "post" else {})
    assert response.status_code == code


def test_the_rank_buttons_of_another_office_are_404(client_for, people, world):
    response = client_for(people.planner_b).post(reverse("proposals:request-move", args=[world["draft"].pk, "up"]))
    assert response.status_code == 404


@pytest.mark.parametrize(
    "name", ["proposals:plan-list", "proposals:request-list", "proposals:calendar", "proposals:cluster-board"]
)
def test_visitors_are_sent_to_the_login_page(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_planner_sees_only_their_offices_plans_in_the_list(client_for, people, world):
    plan_for(people.planner_b, people.office_b)
    body = client_for(people.planner_a).get(reverse("proposals:plan-list")).content.decode()
    assert "สำนักงานจังหวัดขอนแก่น" in body and "สำนักงานจังหวัดอุดรธานี" not in body


def test_the_request_list_hides_other_provinces_and_other_ministries_requests(client_for, people, world):
    for persona, sees_draft, sees_reviewed in [
        ("planner_a", True, True),
        ("planner_b", False, False),
        ("reviewer_x", False, True),
        ("reviewer_y", False, False),
    ]:
        body = client_for(getattr(people, persona)).get(reverse("proposals:request-list")).content.decode()
        assert ("ร่างของขอนแก่น" in body, "ขอนแก่นที่ ทส. พิจารณา" in body) == (sees_draft, sees_reviewed), persona


# --- API ---------------------------------------------------------------------------------------------


def _api(people, persona):
    from rest_framework.test import APIClient

    client = APIClient()
    client.force_authenticate(getattr(people, persona))
    return client


API_CASES = [
    ("api:plan-detail", "plan", "get", {"planner_a": 200, "cluster_officer": 200, "planner_b": 404, "reviewer_y": 404}),
    ("api:plan-ranks", "plan", "post", {"cluster_officer": 403, "planner_b": 404, "reviewer_y": 404}),
    ("api:request-detail", "draft", "get", {"planner_a": 200, "planner_b": 404, "reviewer_x": 404, "reviewer_y": 404}),
    (
        "api:request-detail",
        "reviewed",
        "get",
        {"reviewer_x": 200, "field_a": 200, "planner_b": 404, "reviewer_y": 404, "field_b": 404},
    ),
    ("api:request-detail", "draft", "patch", {"planner_b": 404, "reviewer_y": 404}),
    (
        "api:request-detail",
        "reviewed",
        "patch",
        {"planner_a": 409, "reviewer_x": 403, "planner_b": 404, "reviewer_y": 404},
    ),
    ("api:request-transition", "reviewed", "post", {"planner_b": 404, "reviewer_y": 404, "planner_a": 403}),
]
API_FLAT = [(n, k, m, p, c) for n, k, m, expected in API_CASES for p, c in expected.items()]


@pytest.mark.parametrize(
    "name,key,method,persona,code", API_FLAT, ids=[f"{n}-{k}-{m}-{p}" for n, k, m, p, _c in API_FLAT]
)
def test_each_endpoint_answers_each_persona_as_expected(people, world, name, key, method, persona, code):
    body = (
        {"order": [world["draft"].pk]}
        if name == "api:plan-ranks"
        else {"action": "endorse"}
        if "transition" in name
        else {"revision": 1, "title": "แก้ผ่าน API", "amount": "100"}
    )
    response = getattr(_api(people, persona), method)(reverse(name, args=[world[key].pk]), body, format="json")
    assert response.status_code == code, response.content


def test_visitors_get_no_api(client, world):
    assert client.get(reverse("api:request-list")).status_code in (401, 403)
    assert client.get(reverse("api:plan-list")).status_code in (401, 403)


def test_the_api_lists_only_what_each_persona_may_see(people, world):
    def refs(persona):
        return {r["title"] for r in _api(people, persona).get(reverse("api:request-list")).json()["results"]}

    assert refs("planner_a") == {"ร่างของขอนแก่น", "ขอนแก่นที่ ทส. พิจารณา"}
    assert refs("planner_b") == set()
    assert refs("reviewer_x") == {"ขอนแก่นที่ ทส. พิจารณา"}
    assert refs("reviewer_y") == set()
    plans = lambda p: [x["id"] for x in _api(people, p).get(reverse("api:plan-list")).json()["results"]]  # noqa: E731
    assert plans("planner_a") == [world["plan"].pk] and plans("planner_b") == [] and plans("reviewer_x") == []


def test_creating_a_request_in_another_offices_plan_through_the_api_is_refused(people, world):
    response = _api(people, "planner_b").post(
        reverse("api:request-list"), {"plan": world["plan"].pk, "title": "แทรก", "amount": "5"}, format="json"
    )
    # the plan field refuses it like a missing id (issue 13), revealing nothing about the plan
    assert response.status_code == 400 and "plan" in response.json()


def test_an_attachment_is_reached_only_through_a_request_the_person_may_see(people, world):
    from django.http import Http404

    from proposals.selectors.requests import access_attachment

    attachment = world["attachment"]
    assert access_attachment(user=people.planner_a, attachment_id=attachment.pk) == attachment
    for persona in ("planner_b", "reviewer_y", "cluster_officer_b", "outsider"):
        with pytest.raises(Http404):
            access_attachment(user=getattr(people, persona), attachment_id=attachment.pk)
    with pytest.raises(Http404):
        access_attachment(user=people.planner_a, attachment_id=attachment.pk + 1000)
