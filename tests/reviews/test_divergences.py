"""R1 for both sides: the planner sees the verdict; the central team keeps the divergences by
cluster and ministry with each meeting's outcome; a cluster's issues against its provinces'."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from clusters.models import StrategicIssue
from portal.exceptions import NotAllowed
from proposals.models import ActionPlan, Notification, ProjectRequest
from proposals.workflow import Status
from reviews.models import StrategyDivergence, StrategyMapping
from reviews.services.divergences import divergence_create, divergence_update
from tests.personas import YEAR

pytestmark = pytest.mark.django_db


def filed(people, *, office, issue, amount="1000000", status=Status.MINISTRY_REVIEW, strategy=None, ref=None):
    plan, _ = ActionPlan.objects.get_or_create(office=office, fiscal_year=YEAR, defaults={"title": "แผน"})
    return ProjectRequest.objects.create(
        plan=plan,
        office=office,
        fiscal_year=YEAR,
        reference=ref or f"R-{ProjectRequest.objects.count() + 1}",
        title="โครงการ",
        amount=Decimal(amount),
        status=status,
        strategic_issue=issue,
        ministry_strategy=strategy,
        reviewing_ministry=people.ministry_x,
    )


def record(people, **extra):
    return divergence_create(
        user=people.central,
        fiscal_year=YEAR,
        strategic_issue=people.issue_cluster_a,
        ministry=people.ministry_x,
        ministry_strategy=people.strategy_x,
        description="กลุ่มจังหวัดมุ่งน้ำเพื่อการเกษตร กระทรวงมุ่งน้ำเพื่ออุปโภค",
        **extra,
    )


# --- the planner sees the verdict on their own request
def test_the_planner_sees_the_mapping_verdict_on_the_request_page(client_for, people):
    StrategyMapping.objects.create(
        fiscal_year=YEAR, strategic_issue=people.issue_a, ministry_strategy=people.strategy_x, verdict="partial"
    )
    request = filed(people, office=people.office_a, issue=people.issue_a, strategy=people.strategy_x)
    page = client_for(people.planner_a).get(reverse("proposals:request-detail", args=[request.pk])).content.decode()
    assert 'data-alignment="partial"' in page and "สอดคล้องบางส่วน" in page
    assert client_for(people.planner_b).get(reverse("proposals:request-detail", args=[request.pk])).status_code == 404


def test_the_request_page_shows_the_outcome_of_the_meeting_on_its_issue(client_for, people):
    request = filed(people, office=people.office_a, issue=people.issue_a, strategy=people.strategy_x)
    divergence_create(
        user=people.central,
        fiscal_year=YEAR,
        strategic_issue=people.issue_a,
        ministry=people.ministry_x,
        description="จังหวัดเน้นป่าชุมชน กระทรวงเน้นป่าอนุรักษ์",
        outcome="agreed",
        outcome_note="ตกลงทำร่วมกันในพื้นที่กันชน",
    )
    page = client_for(people.planner_a).get(reverse("proposals:request-detail", args=[request.pk])).content.decode()
    assert "ตกลงทำร่วมกันในพื้นที่กันชน" in page and "request-divergences" in page


# --- the divergence list
def test_the_central_team_records_an_outcome_and_both_sides_hear(people):
    row = record(people)
    assert row.outcome == StrategyDivergence.Outcome.OPEN
    assert Notification.objects.filter(user=people.reviewer_x).exists()
    assert Notification.objects.filter(user=people.cluster_officer).exists()
    assert not Notification.objects.filter(user=people.reviewer_y).exists()
    Notification.objects.all().delete()
    divergence_update(
        user=people.central,
        divergence=row,
        outcome=StrategyDivergence.Outcome.AGREED,
        outcome_note="คงไว้ กลุ่มจังหวัดทำด้านเกษตร กระทรวงสนับสนุน",
        meeting_date=datetime.date(2010, 2, 1),
    )
    row.refresh_from_db()
    assert row.outcome == "agreed" and row.meeting_date == datetime.date(2010, 2, 1)
    assert Notification.objects.filter(user=people.cluster_officer, message__contains="ตกลง").exists()


def test_an_outcome_needs_a_note(people):
    from django.core.exceptions import ValidationError

    row = record(people)
    with pytest.raises(ValidationError):
        divergence_update(user=people.central, divergence=row, outcome=StrategyDivergence.Outcome.CHANGED)


@pytest.mark.parametrize("persona", ["reviewer_x", "cluster_officer", "planner_a"])
def test_only_the_central_team_keeps_the_list(people, persona):
    with pytest.raises(NotAllowed):
        divergence_create(
            user=getattr(people, persona),
            fiscal_year=YEAR,
            strategic_issue=people.issue_cluster_a,
            ministry=people.ministry_x,
            description="x",
        )


def test_each_side_reads_its_own_rows_only(client_for, people):
    row = record(people)
    other = divergence_create(
        user=people.central,
        fiscal_year=YEAR,
        strategic_issue=people.issue_b,
        ministry=people.ministry_y,
        description="อุดรธานีมุ่งน้ำท่วม กระทรวงคมนาคมมุ่งทางหลวง",
    )
    listing = reverse("reviews:divergence-list")
    for persona, sees, hidden in (
        ("reviewer_x", row, other),
        ("cluster_officer", row, other),
        ("reviewer_y", other, row),  # other ministry
        ("planner_b", other, row),  # other province
    ):
        client = client_for(getattr(people, persona))
        page = client.get(listing, {"fiscal_year": YEAR}).content.decode()
        assert f'id="divergence-{sees.pk}"' in page and f'id="divergence-{hidden.pk}"' not in page, persona
        assert client.get(reverse("reviews:divergence-detail", args=[hidden.pk])).status_code == 404
        assert (
            client.post(reverse("reviews:divergence-detail", args=[sees.pk]), {"outcome": "agreed"}).status_code == 404
        )
    assert client_for(people.outsider).get(listing).status_code == 404
    other_cluster = client_for(people.cluster_officer_b)  # sees neither cluster A's nor อุดรธานี's rows
    page = other_cluster.get(listing, {"fiscal_year": YEAR}).content.decode()
    assert f'id="divergence-{row.pk}"' not in page and f'id="divergence-{other.pk}"' not in page
    assert other_cluster.get(reverse("reviews:divergence-detail", args=[row.pk])).status_code == 404


def test_the_list_filters_by_cluster_ministry_and_outcome(client_for, people):
    from clusters.models import Cluster

    row = record(people)
    client = client_for(people.central)
    cluster_a = Cluster.objects.get(office=people.cluster_office_a)
    cluster_b = Cluster.objects.get(office=people.cluster_office_b)
    page = lambda **q: client.get(reverse("reviews:divergence-list"), {"fiscal_year": YEAR, **q}).content.decode()  # noqa: E731
    assert f'id="divergence-{row.pk}"' in page(cluster=cluster_a.pk, ministry=people.ministry_x.pk, outcome="open")
    assert f'id="divergence-{row.pk}"' not in page(cluster=cluster_b.pk)
    assert f'id="divergence-{row.pk}"' not in page(ministry=people.ministry_y.pk)
    assert f'id="divergence-{row.pk}"' not in page(outcome="agreed")


def test_the_central_team_adds_and_updates_from_the_pages(client_for, people):
    client = client_for(people.central)
    response = client.post(
        reverse("reviews:divergence-list") + f"?fiscal_year={YEAR}",
        {
            "fiscal_year": YEAR,
            "strategic_issue": people.issue_cluster_a.pk,
            "ministry": people.ministry_x.pk,
            "ministry_strategy": people.strategy_x.pk,
            "degree": "partial",
            "description": "ต่างกันที่ลุ่มน้ำเป้าหมาย",
            "outcome": "open",
        },
    )
    assert response.status_code == 302
    row = StrategyDivergence.objects.get()
    response = client.post(
        reverse("reviews:divergence-detail", args=[row.pk]),
        {
            "strategic_issue": people.issue_cluster_a.pk,
            "ministry": people.ministry_x.pk,
            "degree": "partial",
            "description": row.description,
            "outcome": "changed",
            "outcome_note": "กลุ่มจังหวัดปรับประเด็นให้ครอบคลุมน้ำอุปโภค",
            "meeting_date": "01/02/2553",
        },
    )
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.outcome == "changed" and row.meeting_date == datetime.date(2010, 2, 1)


def test_a_strategy_of_another_ministry_is_refused_in_thai(client_for, people):
    response = client_for(people.central).post(
        reverse("reviews:divergence-list") + f"?fiscal_year={YEAR}",
        {
            "strategic_issue": people.issue_cluster_a.pk,
            "ministry": people.ministry_x.pk,
            "ministry_strategy": people.strategy_y.pk,
            "degree": "divergent",
            "description": "x",
            "outcome": "open",
        },
    )
    assert response.status_code == 200 and "ยุทธศาสตร์นี้ไม่ใช่ของกระทรวงที่เลือก" in response.content.decode()


def test_partial_mappings_and_sector_mismatches_are_offered_as_candidates(client_for, people):
    StrategyMapping.objects.create(
        fiscal_year=YEAR, strategic_issue=people.issue_cluster_a, ministry_strategy=people.strategy_x, verdict="partial"
    )
    issue = StrategicIssue.objects.create(
        office=people.cluster_office_a,
        period_start=2553,
        period_end=2556,
        number=7,
        title="อุตสาหกรรมอาหาร",
        target_industry="อาหาร",
    )
    people.strategy_y.target_industry = "ยานยนต์"
    people.strategy_y.save()
    filed(people, office=people.cluster_office_a, issue=issue, strategy=people.strategy_y)
    page = client_for(people.central).get(reverse("reviews:divergence-list"), {"fiscal_year": YEAR}).content.decode()
    assert "candidates-h" in page and "อาหาร ≠ ยานยนต์" in page
    assert (
        "candidates-h"
        not in client_for(people.reviewer_x)
        .get(reverse("reviews:divergence-list"), {"fiscal_year": YEAR})
        .content.decode()
    )


def test_the_divergence_api(client_for, people):
    row = record(people)
    url = reverse("api:alignment-divergence-list")
    assert [r["id"] for r in client_for(people.reviewer_x).get(url, {"fiscal_year": YEAR}).json()] == [row.pk]
    assert client_for(people.reviewer_y).get(url).json() == []
    assert client_for(people.planner_b).get(reverse("api:alignment-divergence", args=[row.pk])).status_code == 404
    body = {"outcome": "agreed", "outcome_note": "ตกลงได้", "meeting_date": "2010-02-01"}
    detail = reverse("api:alignment-divergence", args=[row.pk])
    assert client_for(people.reviewer_x).patch(detail, body, content_type="application/json").status_code == 403
    patched = client_for(people.central).patch(detail, body, content_type="application/json")
    assert patched.status_code == 200 and patched.json()["outcome"] == "agreed"
    created = client_for(people.central).post(
        url,
        {
            "fiscal_year": YEAR,
            "strategic_issue": people.issue_b.pk,
            "ministry": people.ministry_y.pk,
            "description": "ต่าง",
        },
        content_type="application/json",
    )
    assert created.status_code == 201


# --- a cluster's issues against its provinces'
def test_the_cluster_officer_compares_the_clusters_issues_with_its_provinces(client_for, people):
    filed(people, office=people.office_a, issue=people.issue_a, amount="2500000")
    filed(people, office=people.office_a, issue=people.issue_a, status=Status.DRAFT)  # not counted
    StrategicIssue.objects.create(
        office=people.office_a2, period_start=2553, period_end=2556, number=2, title="พัฒนาคุณภาพชีวิตผู้สูงอายุ"
    )
    StrategicIssue.objects.create(
        office=people.office_a2, period_start=2553, period_end=2556, number=3, title="บริหารจัดการทรัพยากรน้ำลุ่มน้ำชีตอนล่าง"
    )
    response = client_for(people.cluster_officer).get(reverse("reviews:cluster-issues"), {"fiscal_year": YEAR})
    assert response.status_code == 200
    context = response.context
    rows = {r["issue"].title: r for p in context["provinces"] for r in p["issues"]}
    assert rows["อนุรักษ์ฟื้นฟูทรัพยากรธรรมชาติ"]["issue"].request_count == 1
    assert rows["อนุรักษ์ฟื้นฟูทรัพยากรธรรมชาติ"]["amount"] == Decimal("2500000")
    assert rows["พัฒนาคุณภาพชีวิตผู้สูงอายุ"]["covered"] is False  # the social side the cluster leaves out
    assert rows["บริหารจัดการทรัพยากรน้ำลุ่มน้ำชีตอนล่าง"]["covered"] is True
    assert "ไม่มีในประเด็นของกลุ่มจังหวัด" in response.content.decode()


def test_the_comparison_is_the_clusters_own_or_the_central_teams(client_for, people):
    url = reverse("reviews:cluster-issues")
    own = {"office": people.cluster_office_a.pk, "fiscal_year": YEAR}
    assert client_for(people.central).get(url, own).status_code == 200
    for persona in ("cluster_officer_b", "planner_a", "reviewer_x"):
        assert client_for(getattr(people, persona)).get(url, own).status_code == 404, persona
    api = reverse("api:alignment-cluster-issues", args=[people.cluster_office_a.pk])
    assert client_for(people.cluster_officer_b).get(api, {"fiscal_year": YEAR}).status_code == 404
    data = client_for(people.cluster_officer).get(api, {"fiscal_year": YEAR}).json()
    assert data["cluster_issues"][0]["title"] == people.issue_cluster_a.title
    assert client_for(people.cluster_officer).get(api, {"fiscal_year": "abc"}).status_code == 400


def test_the_demo_year_carries_the_seeds_industry_divergence_and_the_existing_plans(db):
    from library.models import Document, JointKPI, Workshop
    from portal.demo_load import demo_load

    demo_load()
    demo_load()  # idempotent
    rows = StrategyDivergence.objects.filter(fiscal_year=2554, ministry__code="moind")
    assert sorted(rows.values_list("outcome", flat=True)) == ["agreed", "open"]
    assert Workshop.objects.count() == 1 and JointKPI.objects.agreed().filter(workshop__isnull=False).count() == 3
    assert JointKPI.objects.not_agreed().count() == 1
    assert set(Document.objects.filter(external_url__startswith="https://").values_list("kind", flat=True)) == {
        "environment_plan",
        "industry_plan",
    }


def test_the_verdict_api_answers_the_planner_and_404s_other_provinces(client_for, people):
    StrategyMapping.objects.create(
        fiscal_year=YEAR, strategic_issue=people.issue_a, ministry_strategy=people.strategy_x, verdict="aligned"
    )
    request = filed(people, office=people.office_a, issue=people.issue_a, strategy=people.strategy_x)
    url = reverse("api:request-alignment", args=[request.pk])
    data = client_for(people.planner_a).get(url).json()
    assert data["state"] == "aligned" and data["mapping_id"] is not None
    assert client_for(people.planner_b).get(url).status_code == 404
    assert client_for(people.reviewer_y).get(url).status_code == 404
