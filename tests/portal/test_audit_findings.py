"""Findings of issue 16's audit (bad input through the API), each with its regression test."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_a_missing_or_foreign_id_is_named_in_the_message_not_a_placeholder(client_for, people):
    response = client_for(people.reviewer_y).post(
        reverse("api:library-directory-list"),
        {"ministry": 987654, "unit_name": "ปลอม"},
        content_type="application/json",
    )
    assert response.status_code == 400
    message = response.json()["ministry"][0]
    assert "987654" in message and "%(" not in message and "{" not in message


@pytest.mark.parametrize(
    ("held_on", "shown"),
    [("2567-01-18", "2567"), ("0001-01-01", "1")],
)
def test_an_api_date_with_a_be_or_absurd_year_is_refused_in_thai(client_for, people, held_on, shown):
    """The forms take BE dates; the API's ISO dates are AD, and 2567-01-18 was stored as AD 2567."""
    from library.models import Workshop

    response = client_for(people.central).post(
        reverse("api:library-workshop-list"),
        {"fiscal_year": 2554, "held_on": held_on, "title": "เวทีหารือ"},
        content_type="application/json",
    )
    assert response.status_code == 400
    message = response.json()["held_on"][0]
    assert "ค.ศ." in message and f"ปี {shown} " in message
    assert not Workshop.objects.filter(title="เวทีหารือ").exists()


def test_an_ad_date_through_the_api_is_kept(client_for, people):
    response = client_for(people.central).post(
        reverse("api:library-workshop-list"),
        {"fiscal_year": 2554, "held_on": "2011-01-18", "title": "เวทีหารือ"},
        content_type="application/json",
    )
    assert response.status_code == 201 and response.json()["held_on"] == "2011-01-18"


@pytest.mark.parametrize("field", ["category", "ministry", "department"])
def test_a_framework_rule_with_an_id_of_nothing_is_a_thai_400_not_a_500(client_for, people, field):
    """schemathesis: POST /api/v1/framework/rules/ with department=<no such id> was a 500."""
    from ministries.models import WorkCategory

    body = {"category": WorkCategory.objects.first().pk, "ministry": people.ministry_y.pk, "fiscal_year": 2554}
    body[field] = 987654
    response = client_for(people.central).post(reverse("api:framework-rules"), body, content_type="application/json")
    assert response.status_code == 400
    assert response.json()[field] == ["ไม่พบรายการรหัส 987654"]


def test_a_rule_naming_no_department_fails_validation_not_with_does_not_exist(people):
    from django.core.exceptions import ValidationError

    from ministries.models import ResponsibilityRule, WorkCategory

    rule = ResponsibilityRule(
        category=WorkCategory.objects.first(), ministry=people.ministry_y, department_id=987654, year_from=2554
    )
    with pytest.raises(ValidationError) as caught:
        rule.full_clean()
    assert "department" in caught.value.message_dict


def test_a_framework_note_too_long_is_refused_in_thai(client_for, people):
    from ministries.models import WorkCategory

    body = {"category": WorkCategory.objects.first().pk, "ministry": people.ministry_y.pk, "fiscal_year": 2554}
    response = client_for(people.central).post(
        reverse("api:framework-rules"), {**body, "note": "ก" * 501}, content_type="application/json"
    )
    assert response.status_code == 400 and "500" in response.json()["note"][0]
    assert "Ensure" not in response.json()["note"][0]


@pytest.mark.parametrize(
    "body",
    [
        {"provinces": [10**30]},
        {"coordinator": 10**30},
        {"partners": [{"ministry": 10**30, "share": "10"}]},
        {"partners": [{"ministry": 1, "department": 10**30, "share": "10"}]},
    ],
)
def test_joint_ministries_api_refuses_an_id_past_64_bits_with_a_400(client_for, people, body):
    """PUT /api/v1/requests/<id>/joint/ with provinces=[10**30] was a 500 (integer overflow)."""
    from tests.proposals.conftest import make_request

    req = make_request(people)
    response = client_for(people.planner_a).put(
        reverse("api:request-joint", args=[req.pk]), {"revision": req.revision, **body}, content_type="application/json"
    )
    # refused by the input's id check, on the field (before: the number reached the database)
    assert response.status_code == 400 and set(body) <= set(response.json())


def test_programme_support_and_ranks_refuse_an_id_past_64_bits_on_the_field(client_for, people):
    from reviews.models import Programme

    programme = Programme.objects.create(name="แผนงานทดสอบ", fiscal_year=2554, created_by=people.central)
    client = client_for(people.reviewer_y)
    response = client.post(
        reverse("api:programme-support", args=[programme.pk]), {"request_id": 10**30}, content_type="application/json"
    )
    assert response.status_code == 400 and "request_id" in response.json()
    response = client.put(
        reverse("api:programme-ministry-ranks", args=[programme.pk, people.ministry_y.pk]),
        {"request_ids": [1, 10**30]},
        content_type="application/json",
    )
    assert response.status_code == 400 and "request_ids" in response.json()


def test_an_in_lookup_with_a_number_past_64_bits_matches_nothing_instead_of_overflowing(people):
    from clusters.models import Province

    first = Province.objects.order_by("pk").first()
    assert list(Province.objects.filter(pk__in=[first.pk, 10**30, -(10**30)])) == [first]
    assert Province.objects.filter(pk__in=[10**30]).count() == 0


def test_a_foreign_key_in_lookup_with_a_number_past_64_bits_drops_it(people):
    from clusters.models import Amphoe

    province = people.office_a.province_id
    assert (
        Amphoe.objects.filter(province__in=[province, 10**30]).count()
        == Amphoe.objects.filter(province_id=province).count()
    )


def test_a_place_list_for_a_province_past_64_bits_is_empty_not_a_500(client_for, people):
    response = client_for(people.planner_a).get(f"/places/amphoe-options/?province={10**30}")
    assert response.status_code == 200


def test_a_form_choice_past_64_bits_is_a_form_error_not_a_500(client_for, people):
    """The form fuzzer's 99999999999999999999999 in a multiple choice (SQLite: OverflowError)."""
    from library.models import JointKPI

    response = client_for(people.central).post(
        reverse("library:joint-kpi-create"),
        {"fiscal_year": "2554", "name": "ตัวชี้วัดทดสอบ", "offices": ["99999999999999999999999"]},
    )
    assert response.status_code == 200
    assert not JointKPI.objects.filter(name="ตัวชี้วัดทดสอบ").exists()


# "²".isdigit() is True but int("²") raises: ?fiscal_year=² was a 500 on some forty pages
SUPERSCRIPT = "²"


@pytest.mark.parametrize(
    "url",
    [
        "/plans/",
        "/calendar/",
        "/screening/",
        "/library/joint-kpis/",
        "/library/workshops/",
        "/library/zoning/",
        "/reviews/divergences/",
        "/reviews/cluster-issues/",
        "/reviews/programmes/",
        "/places/amphoe-options/",
        "/api/v1/programmes/",
        "/api/v1/ministry-outputs/",
        "/api/v1/own-requests/",
        "/api/v1/library/zoning/",
    ],
)
def test_a_number_parameter_with_a_superscript_digit_is_not_a_500(client_for, people, url):
    names = ("fiscal_year", "year", "office", "ministry", "province", "cluster", "category", "page", "department")
    query = "&".join(f"{name}={SUPERSCRIPT}" for name in names)
    for persona in (people.planner_a, people.reviewer_x, people.cluster_officer):
        response = client_for(persona).get(f"{url}?{query}")
        assert response.status_code < 500, (persona, url)


def test_thai_digits_still_count_as_numbers():
    from portal.thai import parse_be_date

    assert parse_be_date("๑๘/๐๑/๒๕๕๔").year == 2011
    with pytest.raises(ValueError, match="วว/ดด/ปปปป"):
        parse_be_date(f"18/01/255{SUPERSCRIPT}")


def test_no_app_code_tests_a_number_with_isdigit():
    """str.isdigit() accepts ² ³ ① that int() refuses; str.isdecimal() is what int() takes."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    apps = ("proposals", "library", "reviews", "ministries", "portal", "screening", "clusters")
    offenders = [
        f"{path.relative_to(root)}:{number}"
        for app in apps
        for path in (root / app).rglob("*.py")
        if "migrations" not in path.parts
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if ".isdigit()" in line
    ]
    assert offenders == []


@pytest.mark.parametrize(
    "url",
    [
        f"/places/amphoe-options/?province={10**30}",
        f"/places/tambon-options/?province={10**30}&district=1001",
        f"/api/v1/provinces/?cluster={10**30}",
        f"/reviews/framework/check/?category={10**30}&target_ministry={10**30}",
        f"/api/v1/framework/check/?category={10**30}&fiscal_year=2554",
        f"/api/v1/framework/rules/?category={10**30}&ministry={10**30}",
    ],
)
def test_an_id_parameter_past_64_bits_is_not_a_500(client_for, people, url):
    response = client_for(people.planner_a).get(url)
    assert response.status_code in (200, 400)


@pytest.mark.parametrize("raw", [str(10**30), "-5", "2024", "abc", SUPERSCRIPT])
def test_the_review_pages_take_only_a_be_year_from_the_query(people, raw):
    """reviews' fiscal_year_of took any int: 10**30 reached the dashboards' SQL as a year."""
    from django.test import RequestFactory

    from reviews.forms import current_year
    from reviews.views.common import fiscal_year_of

    assert fiscal_year_of(RequestFactory().get("/", {"fiscal_year": raw})) == current_year()
    assert fiscal_year_of(RequestFactory().get("/", {"fiscal_year": "2554"})) == 2554


def test_the_dashboard_drill_down_strategy_id_is_bounded(people):
    from reviews.dashboard_forms import DashboardFilterForm
    from reviews.selectors.dashboard_scope import dashboard_scope

    scope = dashboard_scope(user=people.central, fiscal_year=2554)
    form = DashboardFilterForm({"strategy": str(10**30)}, scope=scope)
    assert form.filters().strategy_id is None and "strategy" in form.errors


def test_a_request_form_with_a_ministry_or_province_past_64_bits_is_not_a_500(client_for, people):
    """The form fuzzer's target_ministry=99999999999999999999 (SQLite: OverflowError)."""
    from tests.proposals.conftest import make_request

    req = make_request(people)
    huge = str(10**20)
    response = client_for(people.planner_a).post(
        f"/requests/{req.pk}/edit/",
        {"title": req.title, "target_ministry": huge, "locations-TOTAL_FORMS": "1", "locations-0-province": huge},
    )
    assert response.status_code in (200, 302)


def test_the_dashboards_with_no_filed_request_in_view_are_not_a_500(client_for, people):
    """No filed request of the year (a new year, or filters nothing meets): the money totals ran
    on requests.none(), whose SQL Django refuses to write (EmptyResultSet, a 500)."""
    for url in ("/reviews/dashboards/", "/reviews/dashboards/by/", "/reviews/dashboards/briefing/"):
        assert client_for(people.central).get(url).status_code == 200, url
