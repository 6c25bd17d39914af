"""Titles need letters (issue 13): a title of only Thai combining marks, or a zero-width space,
is refused with a Thai message through the forms and the API alike."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from portal.text import has_letter
from tests.personas import YEAR
from tests.proposals.conftest import complete_data, plan_for

pytestmark = pytest.mark.django_db

EMPTY_LOOKING = ["\u0e48\u0e49\u0e4a", "\u0e31\u0e34\u0e35", "\u200b", "\u200b \u200b", "\ufeff\u200d", "123 ..."]


@pytest.mark.parametrize("text", EMPTY_LOOKING)
def test_marks_digits_and_invisible_characters_are_not_letters(text):
    assert not has_letter(text)


@pytest.mark.parametrize("text", ["ก", "ขุดลอกหนองน้ำ", "Road 12", "\u200bถนน"])
def test_a_title_with_a_letter_passes(text):
    assert has_letter(text)


def _api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.mark.parametrize("title", EMPTY_LOOKING)
def test_the_request_api_refuses_a_title_without_letters(people, title):
    plan = plan_for(people.planner_a, people.office_a)
    data = complete_data(people)
    body = {**{k: getattr(v, "pk", v) for k, v in data.items()}, "amount": "1000", "plan": plan.pk, "title": title}
    response = _api(people.planner_a).post(reverse("api:request-list"), body, format="json")
    assert response.status_code == 400 and "ตัวอักษร" in response.json()["title"][0]


def test_the_plan_api_refuses_a_title_without_letters(people):
    body = {"office": people.office_a.pk, "fiscal_year": 2556, "title": "\u0e48\u0e48\u0e48"}
    response = _api(people.planner_a).post(reverse("api:plan-list"), body, format="json")
    assert response.status_code == 400 and "title" in response.json()


def test_the_request_form_refuses_a_title_without_letters(people):
    from proposals.forms import RequestForm

    form = RequestForm(
        complete_data(people, title="\u200b"), user=people.planner_a, office=people.office_a, fiscal_year=YEAR
    )
    assert not form.is_valid() and "ตัวอักษร" in form.errors["title"][0]


def test_the_request_page_refuses_a_title_without_letters(client_for, people):
    plan = plan_for(people.planner_a, people.office_a)
    data = {k: getattr(v, "pk", v) for k, v in complete_data(people, title="\u0e31\u0e34").items()}
    response = client_for(people.planner_a).post(f"/plans/{plan.pk}/requests/new/", data)
    assert response.status_code == 200 and "ตัวอักษรอย่างน้อยหนึ่งตัว" in response.content.decode()
    assert not plan.requests.exists()


def test_the_plan_form_refuses_a_title_without_letters(people):
    from proposals.forms import PlanForm

    form = PlanForm({"title": "\u200b\u0e49"}, user=people.planner_a, office=people.office_a, fiscal_year=YEAR)
    assert not form.is_valid() and "title" in form.errors


def test_the_library_form_and_api_refuse_a_title_without_letters(client_for, people):
    from library.forms import DocumentMetadataForm

    form = DocumentMetadataForm(
        {"kind": "other", "title": "\u0e48\u0e49", "office": people.office_a.pk}, user=people.planner_a
    )
    assert not form.is_valid() and "title" in form.errors
    response = _api(people.planner_a).post(
        reverse("api:library-document-list"),
        {"kind": "other", "title": "\u200b", "office": people.office_a.pk},
        format="json",
    )
    assert response.status_code == 400 and "title" in response.json()
