"""Labels for people (issue 11): no requirement codes or template comments leak into pages, the
sort menu speaks Thai, people are named, bulk actions and office filters fit the user."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from portal.people import person_name
from portal.roles import scope_of
from proposals.services.transitions import request_transition
from reviews.forms import BulkForm
from tests.proposals.conftest import make_request, plan_for
from tests.reviews.conftest import open_phases, under_review

pytestmark = pytest.mark.django_db

LEAKS = [
    (re.compile(r"\{#|#\}"), "a template comment"),
    (re.compile(r"\(R\d+\)|\bR\d{1,2}:"), "a requirement code"),
    (re.compile(r"\d\.\d{4}(?!\d)"), "an amount with four decimals"),
]


def _leaks(html: str) -> list[str]:
    found = []
    for pattern, what in LEAKS:
        for match in pattern.finditer(html):
            found.append(f"{what}: …{html[max(0, match.start() - 60) : match.end() + 60]}…")
    return found


def _pages(people):
    open_phases()
    draft = make_request(people, title="ขุดลอกหนองน้ำสาธารณะบ้านหนองโน")
    reviewed = under_review(people, title="ฟื้นฟูลำน้ำพองตอนล่าง")
    plan = plan_for(people.planner_a, people.office_a)
    planner_pages = [
        reverse("proposals:request-create", args=[plan.pk]),
        reverse("proposals:request-edit", args=[draft.pk]),
        reverse("proposals:request-detail", args=[draft.pk]),
        reverse("proposals:request-history", args=[draft.pk]),
        reverse("proposals:request-detail", args=[reviewed.pk]),
        reverse("proposals:plan-detail", args=[plan.pk]),
        reverse("proposals:plan-list"),
        reverse("proposals:request-list"),
        reverse("proposals:calendar"),
        reverse("library:document-list"),
        reverse("home"),
    ]
    reviewer_pages = [
        reverse("reviews:queue"),
        reverse("reviews:decide", args=[reviewed.pk]),
        reverse("reviews:dashboards"),
        reverse("reviews:framework"),
        reverse("reviews:envelope-list"),
        reverse("reviews:programme-list"),
        reverse("reviews:agenda-list"),
        reverse("ministries:budget-line-list"),
        reverse("library:document-list"),
    ]
    return [(people.planner_a, planner_pages), (people.reviewer_x, reviewer_pages), (people.central, reviewer_pages)]


@pytest.mark.parametrize("language", ["th", "en"])
def test_no_page_shows_a_template_comment_a_requirement_code_or_a_second_amount_format(client_for, people, language):
    problems, rendered = [], 0
    for user, urls in _pages(people):
        client = client_for(user)
        client.cookies["django_language"] = language
        for url in urls:
            response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
            if response.status_code != 200:
                continue  # a persona without access to a page is another test's business
            rendered += 1
            problems += [f"{user.username} {url}: {p}" for p in _leaks(response.content.decode())]
    assert rendered >= 25
    assert not problems, "\n".join(problems)


def test_the_check_above_catches_a_leak():
    assert _leaks("<p>{# R5 warning slot for the planner's request form ...</p>")
    assert _leaks("<label>ตัวชี้วัดร่วมกับกระทรวง (R13)</label>")
    assert _leaks("3.5000 ล้านบาท")
    assert not _leaks("<p>3,500,000 บาท (3.50 ล้านบาท) โครงการ R2-3</p>")


def test_the_queue_sort_menu_is_in_thai(client_for, people):
    under_review(people)
    with translation.override("th"):
        html = client_for(people.reviewer_x).get(reverse("reviews:queue")).content.decode()
    menu = html[html.index('name="ordering"') : html.index("</select>", html.index('name="ordering"'))]
    for english in ("Deadline", "Rank", "Submitted", "Flags", "descending"):
        assert english not in menu
    assert "กำหนดพิจารณา" in menu and "ลำดับความสำคัญ" in menu and "จากมากไปน้อย" in menu


def test_people_are_named_not_shown_by_username(client_for, people):
    planner = people.planner_a
    planner.first_name, planner.last_name = "สมศรี", "ใจดี"
    planner.save(update_fields=["first_name", "last_name"])
    assert person_name(planner) == "สมศรี ใจดี" and person_name(people.outsider) == people.outsider.username
    request = make_request(people)
    open_phases()
    request_transition(request_id=request.pk, action="submit", user=planner)
    plan_html = client_for(planner).get(reverse("proposals:plan-detail", args=[request.plan_id])).content.decode()
    history_html = client_for(planner).get(reverse("proposals:request-history", args=[request.pk])).content.decode()
    for html in (plan_html, history_html):
        assert "สมศรี ใจดี" in html
        assert planner.username not in re.sub(rf"{planner.username}@", "", html)


def test_a_ministry_reviewer_is_offered_only_the_bulk_actions_of_the_role(client_for, people):
    under_review(people)
    html = client_for(people.reviewer_x).get(reverse("reviews:queue")).content.decode()
    assert 'value="endorse"' in html and 'value="field_endorse"' not in html
    field_actions = {k for k, _label in BulkForm(scope=scope_of(people.field_a)).fields["action"].choices}
    assert "field_endorse" in field_actions and "endorse" not in field_actions


def test_a_ministry_reviewer_cannot_post_the_field_office_action(client_for, people):
    request = under_review(people)
    response = client_for(people.reviewer_x).post(
        reverse("reviews:bulk"), {"action": "field_endorse", "ids": [request.pk]}, follow=True
    )
    request.refresh_from_db()
    assert request.status == "ministry_review"
    assert response.status_code == 200


def test_a_planner_office_filter_lists_only_the_offices_they_can_see(client_for, people):
    make_request(people)
    make_request(people, user=people.planner_b, office=people.office_b, issue=people.issue_b)
    html = client_for(people.planner_a).get(reverse("proposals:request-list")).content.decode()
    select = html[html.index('name="office"') : html.index("</select>", html.index('name="office"'))]
    assert people.office_a.name_th in select and people.office_b.name_th not in select
    assert select.count("<option") == 2  # "every office" and their own
