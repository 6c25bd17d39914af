"""Search that finds things (issue 11): every word of a query, in any order, over the lists; the
library by the content of published plans; the demo publishes its plans; small defects."""

from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse

from clusters.models import Amphoe, Tambon
from library.models import Document
from library.services.documents import action_plan_publish
from ministries.models import BudgetLine, BudgetLineProvince
from portal.search import query_words, words_q
from proposals.models import ActionPlan, RequestLocation
from tests.proposals.conftest import make_request
from tests.reviews.conftest import under_review

pytestmark = pytest.mark.django_db


def test_a_query_is_split_into_distinct_words():
    assert query_words("  ขอนแก่น   ขุดลอก ขอนแก่น ") == ["ขอนแก่น", "ขุดลอก"]
    assert words_q("   ", ["title"]) is None


@pytest.mark.parametrize("q", ["ขอนแก่น ขุดลอก", "ขุดลอก ขอนแก่น", "ขุดลอก  ภูเวียง"])
def test_the_request_list_finds_a_request_by_every_word_in_any_order(client_for, people, q):
    wanted = make_request(people, title="ขุดลอกหนองน้ำสาธารณะบ้านนาชุมแสง")
    district = Amphoe.objects.get(province__name_th="ขอนแก่น", name_th="ภูเวียง")
    RequestLocation.objects.filter(request=wanted).update(
        district=district, subdistrict=Tambon.objects.get(amphoe=district, name_th="นาชุมแสง"), amphoe="ภูเวียง"
    )
    road = make_request(people, title="ก่อสร้างถนนลาดยางสายบ้านโนนทอง")
    html = client_for(people.planner_a).get(reverse("proposals:request-list"), {"q": q}).content.decode()
    assert wanted.reference in html and road.reference not in html


def test_a_word_that_matches_nothing_empties_the_request_list(client_for, people):
    wanted = make_request(people, title="ขุดลอกหนองน้ำสาธารณะ")
    html = client_for(people.planner_a).get(reverse("proposals:request-list"), {"q": "ขุดลอก อุดรธานี"}).content.decode()
    assert wanted.reference not in html


def test_the_reviewer_queue_finds_by_every_word(client_for, people):
    wanted = under_review(people, title="ขุดลอกลำน้ำพองตอนล่าง")
    other = under_review(people, title="ฟื้นฟูป่าต้นน้ำ", category="water")
    html = client_for(people.reviewer_x).get(reverse("reviews:queue"), {"q": "ขอนแก่น ขุดลอก"}).content.decode()
    assert wanted.reference in html and other.reference not in html


def test_the_budget_lines_find_every_word_in_text_unit_or_province(client_for, people):
    def line(ref, text, province):
        created = BudgetLine.objects.create(
            fiscal_year=2554,
            ministry_text="กระทรวงทรัพยากรธรรมชาติและสิ่งแวดล้อม",
            unit_text="กรมทรัพยากรน้ำ",
            item_text=text,
            amount=Decimal("1000000"),
            source_ref=ref,
        )
        BudgetLineProvince.objects.create(line=created, name=province, fiscal_year=2554)
        return created

    line("T-1", "ขุดลอกหนองกุดแคน ตำบลบ้านเป็ด", "ขอนแก่น")
    line("T-2", "ขุดลอกหนองหาน", "อุดรธานี")
    line("T-3", "ซ่อมแซมถนนบ้านเป็ด", "ขอนแก่น")
    client = client_for(people.planner_a)
    for q in ("ขอนแก่น ขุดลอก", "ขุดลอก ขอนแก่น"):
        html = client.get(reverse("ministries:budget-line-list"), {"q": q}).content.decode()
        assert "T-1" in html and "T-2" not in html and "T-3" not in html
    assert "T-2" in client.get(reverse("ministries:budget-line-list"), {"q": "ขุดลอก"}).content.decode()


def test_the_library_finds_a_published_plan_by_its_requests_and_places(client_for, people):
    request = make_request(people, title="ขุดลอกหนองน้ำสาธารณะบ้านนาชุมแสง")
    district = Amphoe.objects.get(province__name_th="ขอนแก่น", name_th="ภูเวียง")
    RequestLocation.objects.filter(request=request).update(district=district, amphoe="ภูเวียง")
    plan = ActionPlan.objects.get(pk=request.plan_id)
    assert "ขุดลอก" not in plan.title
    document = action_plan_publish(user=people.planner_a, plan=plan)
    client = client_for(None)
    for q in ("ขุดลอก", "ภูเวียง", "ขุดลอก ภูเวียง"):
        html = client.get(reverse("library:document-list"), {"q": q}).content.decode()
        assert document.slug in html, q
    assert document.slug not in client.get(reverse("library:document-list"), {"q": "ถนนลาดยาง"}).content.decode()


def test_load_demo_publishes_the_demo_plans_and_prints_the_real_port(people, capsys, monkeypatch):
    monkeypatch.setenv("PORT", "8123")
    call_command("load_demo")
    call_command("load_demo")  # idempotent: no second copy of a plan
    output = capsys.readouterr().out
    assert "http://127.0.0.1:8123/" in output and ":8000" not in output
    published = Document.objects.filter(source_plan__isnull=False, is_published=True)
    assert published.count() >= 2
    assert published.values("source_plan").distinct().count() == published.count()
    assert Document.objects.filter(search_text__contains="ขุดลอก", is_published=True).exists()


def test_the_favicon_is_served(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"].endswith(".ico")
    assert b'rel="icon"' in client.get(reverse("login")).content


@pytest.mark.parametrize("listed", [5000, 0])
def test_a_search_keeps_who_sees_what_whether_its_ids_are_listed_or_a_subquery(client_for, people, monkeypatch, listed):
    # issue 15: the matched ids are listed in the page's queries, or (a word found nearly
    # everywhere) kept as a subquery; either way the same rows, and only the visible ones
    monkeypatch.setattr("portal.search.MAX_LISTED_IDS", listed)
    mine = make_request(people, title="ขุดลอกคลองส่งน้ำบ้านหนึ่ง")
    road = make_request(people, title="ก่อสร้างถนนบ้านสอง")
    theirs = make_request(people, user=people.planner_b, office=people.office_b, title="ขุดลอกคลองส่งน้ำบ้านสาม")
    html = client_for(people.planner_a).get(reverse("proposals:request-list"), {"q": "คลองส่งน้ำ ขุดลอก"}).content.decode()
    assert mine.reference in html
    assert road.reference not in html and theirs.reference not in html
