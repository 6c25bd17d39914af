"""Login is required everywhere but the public pages; the API answers only signed-in users."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

PUBLIC = ["home", "about", "login"]
API = [
    "api:root",
    "api:province-list",
    "api:cluster-list",
    "api:ministry-list",
    "api:department-list",
    "api:field-office-list",
    "api:ministry-strategy-list",
    "api:central-agency-list",
    "api:work-category-list",
    "api:me",
    "api:office-list",
    "api:strategic-issue-list",
    "api:region-list",
]


@pytest.mark.parametrize("name", PUBLIC)
def test_public_pages_open_to_visitors(client, name):
    assert client.get(reverse(name)).status_code == 200


def test_the_home_page_speaks_thai_by_default(client):
    body = client.get(reverse("home")).content.decode()
    assert "ระบบบูรณาการคำของบประมาณ" in body
    assert 'lang="th"' in body


def test_the_english_switch_changes_the_language(client):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert 'lang="en"' in client.get("/").content.decode()


def test_admin_requires_staff(client_for, people):
    assert client_for(people.planner_a).get("/admin/").status_code == 302
    assert client_for(people.admin).get("/admin/").status_code == 200


@pytest.mark.parametrize("name", API)
def test_api_refuses_visitors(client, name):
    assert client.get(reverse(name)).status_code in (401, 403)


@pytest.mark.parametrize("name", API)
def test_api_answers_signed_in_people(client_for, people, name):
    assert client_for(people.planner_b).get(reverse(name)).status_code == 200


def test_api_token_auth_works(people):
    from rest_framework.authtoken.models import Token
    from rest_framework.test import APIClient

    token, _ = Token.objects.get_or_create(user=people.reviewer_y)
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    assert api.get(reverse("api:me")).json()["roles"] == ["ministry_reviewer"]


def test_clusters_api_filters_by_fiscal_year(client_for, people):
    data = client_for(people.planner_a).get(reverse("api:cluster-list"), {"fiscal_year": 2554}).json()
    assert data["count"] == 18
    une1 = next(c for c in data["results"] if c["name_th"] == "กลุ่มจังหวัดภาคตะวันออกเฉียงเหนือตอนบน 1")
    assert len(une1["province_ids"]) == 4
    data = client_for(people.planner_a).get(reverse("api:cluster-list"), {"fiscal_year": 2555}).json()
    une1 = next(c for c in data["results"] if c["name_th"] == "กลุ่มจังหวัดภาคตะวันออกเฉียงเหนือตอนบน 1")
    assert len(une1["province_ids"]) == 5


def test_provinces_api_filters_by_cluster_and_year(client_for, people):
    cluster_id = people.cluster_office_b.cluster_id

    def count(y):
        return (
            client_for(people.planner_a)
            .get(reverse("api:province-list"), {"cluster": cluster_id, "fiscal_year": y})
            .json()["count"]
        )  # noqa: E731

    assert (count(2554), count(2555)) == (4, 5)


def test_bad_filter_values_get_a_400_not_a_500(client_for, people):
    response = client_for(people.planner_a).get(reverse("api:province-list"), {"fiscal_year": "สองพัน"})
    assert response.status_code == 400


def test_openapi_schema_is_served(client_for, people):
    response = client_for(people.central).get(reverse("api:schema"))
    assert response.status_code == 200
    assert b"openapi" in response.content


def test_the_english_switch_translates_the_signed_in_home_page(client_for, people):
    from django.conf import settings

    client = client_for(people.planner_a)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    body = client.get("/").content.decode()
    assert "Tasks awaiting your action" in body and "งานที่รอท่านดำเนินการ" not in body


def test_a_browser_asking_for_english_still_gets_thai_until_the_switch(client):
    body = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert 'lang="th"' in body
