"""R19 in a real browser (issue 16): ทส. gives its opinion on a province-funded request (it may
not reject it); the central team puts it on the ก.น.จ. agenda and refers it to คค.; คค.'s reviewer
answers that it will fund it from its support envelope; the answer, with the capacity each step
was taken in, is on the request's history. Screenshots tests/e2e/artifacts/referral_*.png."""

from decimal import Decimal

import pytest

from ministries.models import EnvelopeDraw
from portal.models import Committee
from proposals.workflow import Status
from reviews.models import AgendaItem, Referral
from reviews.services import agenda_create
from tests.e2e.conftest import axe_violations, login, logout, screenshot
from tests.reviews.conftest import envelope, open_phases, under_review

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_the_committee_refers_a_request_and_the_ministry_funds_it_from_its_envelope(page, people):
    open_phases()
    envelope(people.ministry_y, limit="20000000")
    request = under_review(people, title="ปรับปรุงถนนเข้าแหล่งน้ำบ้านโนนสวรรค์", amount="3200000.00")
    assert request.status == Status.MINISTRY_REVIEW

    # 1. ทส. advises: no rejection on a province-funded request, an opinion for ก.น.จ. instead
    login(page, people.reviewer_x)
    page.goto(f"{page.base_url}/reviews/requests/{request.pk}/")
    assert page.locator("input[name=decision][value=reject]").count() == 0
    page.check("input[name=decision][value=give_opinion]")
    page.check("input[name=opinion][value=conditions]")
    page.fill("#id_comment", "สนับสนุน หากกรมทางหลวงชนบทรับรองแบบ")
    screenshot(page, "referral_opinion")
    with page.expect_navigation():
        page.click("#decision-submit")
    request.refresh_from_db()
    assert request.status == Status.OPINION_GIVEN

    # 2. the central team puts it on the agenda, sees the opinion, and refers it to คค.
    logout(page)
    login(page, people.central)
    agenda = agenda_create(
        user=people.central,
        committee=Committee.objects.get(abbreviation="ก.น.จ."),
        fiscal_year=2554,
        title="วาระการประชุม ก.น.จ. ครั้งที่ 3/2554",
    )
    page.goto(f"{page.base_url}/reviews/agendas/{agenda.pk}/")
    assert "ความเห็นกระทรวง: สนับสนุนโดยมีเงื่อนไข" in page.content()
    page.check(f"#add-{request.pk}")
    with page.expect_navigation():
        page.click("#agenda-add-submit")
    item = AgendaItem.objects.get(request=request)
    page.select_option(f"#decision-{item.pk}", "referred")
    page.select_option(f"#ministry-{item.pk}", str(people.ministry_y.pk))
    page.fill(f"#note-{item.pk}", "ถนนเชื่อมหลายอำเภอ ควรได้รับการสนับสนุนจากกระทรวงคมนาคม")
    with page.expect_navigation():
        page.click(f"#decide-{item.pk}")
    assert "บันทึกมติแล้ว" in page.content()
    screenshot(page, "referral_agenda")
    request.refresh_from_db()
    assert (request.status, request.referred_ministry_id) == (Status.REFERRED, people.ministry_y.pk)

    # 3. คค.'s reviewer finds it in the queue and answers from the envelope
    logout(page)
    login(page, people.reviewer_y)
    page.goto(page.base_url + "/reviews/")
    assert request.reference in page.content()
    page.goto(f"{page.base_url}/requests/{request.pk}/")
    with page.expect_navigation():
        page.click("#referral-link a")
    assert "กระทรวงคมนาคม" in page.locator("#referred-to").inner_text()
    page.check("input[name=funding][value=envelope]")
    page.fill("#id_amount", "3000000")
    page.fill("#id_answer", "ผลผลิตโครงข่ายทางหลวงได้รับการพัฒนา")
    assert axe_violations(page) == []
    with page.expect_navigation():
        page.click("#referral-submit")
    assert "บันทึกคำตอบการสนับสนุน" in page.content()
    screenshot(page, "referral_answer")
    request.refresh_from_db()
    assert request.status == Status.REFERRAL_ANSWERED
    assert EnvelopeDraw.objects.get(request=request).amount == Decimal("3000000.00")
    assert Referral.objects.get(request=request).envelope.ministry_id == people.ministry_y.pk

    # 4. the answer is on the request's history, each step with its capacity (R9), for the planner too
    logout(page)
    login(page, people.planner_a)
    page.goto(f"{page.base_url}/requests/{request.pk}/history/")
    answer_row = page.locator("tr[data-action=answer_referral]")
    assert "3,000,000" in answer_row.inner_text() and "จากกรอบวงเงินสนับสนุน" in answer_row.inner_text()
    assert "กระทรวงคมนาคม" in answer_row.locator(".capacity").inner_text()
    assert "ผู้พิจารณาของกระทรวง/กรม" in page.locator("tr[data-action=give_opinion] .capacity").inner_text()
    screenshot(page, "referral_history")
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(f"{page.base_url}/requests/{request.pk}/history/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    screenshot(page, "referral_history_375")
