"""R3: the plan's own analysis comparing the severity of its problems, written by its office,
printed with the plan and published with it (000 ประเด็น 1 items 3 and 6)."""

import pytest
from django.urls import reverse

from library.services.documents import action_plan_publish
from portal.exceptions import NotAllowed
from proposals.selectors.analysis import plan_problem_table
from proposals.services.analysis import plan_analysis_set
from tests.reviews.conftest import draft, plan_of

pytestmark = pytest.mark.django_db

SUMMARY = "ภัยแล้งรุนแรงที่สุดในพื้นที่ รองลงมาคือถนนชำรุด"


@pytest.fixture
def plan(people):
    draft(people, title="ซ่อมถนนบ้านหนองแวง", severity="medium", problem="ถนนชำรุด")
    draft(people, title="ขุดลอกหนองน้ำบ้านโนน", severity="critical", problem="น้ำไม่พอใช้ในฤดูแล้ง")
    draft(people, title="อบรมอาชีพ", severity="low", problem="รายได้ต่ำ")
    return plan_of(people.planner_a, people.office_a)


def test_the_table_puts_the_most_severe_problem_first(plan):
    assert [r.severity for r in plan_problem_table(plan=plan)] == ["critical", "medium", "low"]


def test_only_the_plans_office_writes_its_analysis(people, plan):
    with pytest.raises(Exception) as caught:
        plan_analysis_set(user=people.planner_b, plan_id=plan.pk, summary=SUMMARY)
    assert caught.type.__name__ == "Http404"
    with pytest.raises(Exception) as caught:
        plan_analysis_set(user=people.reviewer_x, plan_id=plan.pk, summary=SUMMARY)
    assert caught.type.__name__ in ("Http404", "NotAllowed")
    with pytest.raises(NotAllowed):
        plan_analysis_set(user=people.central, plan_id=plan.pk, summary=SUMMARY)
    assert plan_analysis_set(user=people.planner_a, plan_id=plan.pk, summary=SUMMARY).summary == SUMMARY


def test_the_analysis_page_saves_and_refuses_other_provinces_and_ministries(people, client_for, plan):
    url = reverse("proposals:plan-analysis", args=[plan.pk])
    for other in (people.planner_b, people.reviewer_y):
        assert client_for(other).get(url).status_code == 404
        assert client_for(other).post(url, {"summary": SUMMARY}).status_code == 404
    assert client_for(people.central).post(url, {"summary": SUMMARY}).status_code == 403
    client = client_for(people.planner_a)
    empty = client.post(url, {"summary": ""})
    assert empty.status_code == 200 and "กรุณาเขียนบทวิเคราะห์ปัญหาของแผน" in empty.content.decode()
    assert client.post(url, {"summary": SUMMARY, "method": "ข้อมูล ปภ."}).status_code == 302
    page = client.get(url).content.decode()
    assert SUMMARY in page and page.index("ขุดลอกหนองน้ำบ้านโนน") < page.index("ซ่อมถนนบ้านหนองแวง")


def test_the_plan_is_printed_with_its_analysis(people, client_for, plan):
    plan_analysis_set(user=people.planner_a, plan_id=plan.pk, summary=SUMMARY)
    page = client_for(people.planner_a).get(reverse("proposals:plan-print", args=[plan.pk])).content.decode()
    assert "การวิเคราะห์และเปรียบเทียบความรุนแรงของปัญหา" in page and SUMMARY in page
    assert "วิกฤต" in page


def test_the_plan_is_published_with_its_analysis(people, plan):
    plan_analysis_set(user=people.planner_a, plan_id=plan.pk, summary=SUMMARY)
    document = action_plan_publish(user=people.planner_a, plan=plan)
    html = document.versions.order_by("-number").first().file.read().decode()
    assert SUMMARY in html and "การวิเคราะห์และเปรียบเทียบความรุนแรงของปัญหา" in html
    table = html[html.index("<table", html.index("plan-analysis")) :]
    assert table.index("น้ำไม่พอใช้ในฤดูแล้ง") < table.index("ถนนชำรุด")


def test_the_analysis_api(people, client_for, plan):
    url = reverse("api:plan-analysis", args=[plan.pk])
    assert client_for(people.planner_b).get(url).status_code == 404
    assert (
        client_for(people.reviewer_y).put(url, {"summary": SUMMARY}, content_type="application/json").status_code == 404
    )
    response = client_for(people.planner_a).put(url, {"summary": SUMMARY}, content_type="application/json")
    assert response.status_code == 200
    body = client_for(people.central).get(url).json()
    assert body["summary"] == SUMMARY and [p["severity"] for p in body["problems"]] == ["critical", "medium", "low"]
