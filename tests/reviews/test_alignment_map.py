"""R1 alignment that means something (issue 10 item 6): an explicit mapping between strategic
issues and ministry strategies per fiscal year, kept by the central team and each ministry; the
verdict cites the row it used or says "not mapped yet"; the decision page and the dashboard read
the same function."""

import pytest
from django.urls import reverse

from portal.exceptions import NotAllowed
from reviews.alignment import ALIGNED, PARTIAL, UNMAPPED, MappingRow, StrategyRow, align
from reviews.models import StrategyMapping
from reviews.selectors import strategy_alignment
from reviews.services import strategy_mapping_set
from tests.reviews.conftest import draft, to_ministry_review

pytestmark = pytest.mark.django_db

WATER = StrategyRow(1, 1, "บริหารจัดการทรัพยากรน้ำแบบบูรณาการ", "ทรัพยากรน้ำ", 10)


def test_the_verdict_cites_the_mapping_row_or_says_not_mapped():
    # the issue's case: a water-and-agriculture issue against the water strategy; sector tags differ
    kwargs = dict(
        issue_title="พัฒนาการเกษตรและแหล่งน้ำเพื่อการเกษตร",
        issue_industry="เกษตร",
        linked_strategy=WATER,
        reviewing_ministry_id=10,
        ministry_strategies=[WATER],
    )
    unmapped = align(**kwargs, mappings={})
    assert unmapped.state == UNMAPPED and unmapped.label == "ยังไม่ได้จับคู่" and unmapped.mapping_id is None
    mapped = align(**kwargs, mappings={1: MappingRow(7, 1, ALIGNED, "ขุดลอกเพิ่มน้ำต้นทุน", "ทีมบูรณาการกลาง")})
    assert mapped.state == ALIGNED and mapped.mapping_id == 7 and "แถวที่ 7" in mapped.reason
    assert mapped.rows[0]["mapping_id"] == 7


def test_the_decision_page_and_the_dashboard_read_the_mapping(people, client_for, open_calendar):
    request = to_ministry_review(draft(people), planner=people.planner_a, field_reviewer=people.field_a)
    assert strategy_alignment(request=request).state == UNMAPPED
    page = client_for(people.reviewer_x).get(reverse("reviews:decide", args=[request.pk])).content.decode()
    assert "ยังไม่ได้จับคู่" in page
    row = strategy_mapping_set(
        user=people.reviewer_x,
        fiscal_year=2554,
        strategic_issue_id=people.issue_a.pk,
        ministry_strategy_id=people.strategy_x.pk,
        verdict=PARTIAL,
        note="ตรงกันเฉพาะงานน้ำ",
    )
    assert row.kept_by_ministry == people.ministry_x
    result = strategy_alignment(request=request)
    assert result.state == PARTIAL and result.mapping_id == row.pk
    page = client_for(people.reviewer_x).get(reverse("reviews:decide", args=[request.pk])).content.decode()
    assert f"แถวที่ {row.pk}" in page and "ตรงกันเฉพาะงานน้ำ" in page
    # the dashboards' alignment matrix reads the same row (issue 14)
    matrix = client_for(people.central).get(reverse("reviews:dashboards-matrix"), {"fiscal_year": 2554})
    assert 'data-state="partial"' in matrix.content.decode()
    data = client_for(people.central).get(reverse("api:dashboard-figures"), {"fiscal_year": 2554}).json()
    parts = [p for row in data["matrix"]["rows"] for c in row["cells"] if c["cell"] for p in c["cell"]["parts"]]
    assert {"state": PARTIAL, "count": 1} in [{"state": p["state"], "count": p["count"]} for p in parts]


def test_who_keeps_which_rows(people, client_for):
    with pytest.raises(NotAllowed):  # คค. does not keep ทส.'s strategies
        strategy_mapping_set(
            user=people.reviewer_y,
            fiscal_year=2554,
            strategic_issue_id=people.issue_a.pk,
            ministry_strategy_id=people.strategy_x.pk,
            verdict=ALIGNED,
        )
    api = "/api/v1/alignment-map/"
    body = {
        "fiscal_year": 2554,
        "strategic_issue": people.issue_a.pk,
        "ministry_strategy": people.strategy_x.pk,
        "verdict": "aligned",
        "note": "x",
    }
    assert client_for(people.reviewer_y).post(api, body, content_type="application/json").status_code == 403
    assert client_for(people.planner_a).post(api, body, content_type="application/json").status_code == 404
    assert client_for(people.planner_b).get(api).status_code == 404
    assert client_for(people.planner_a).get(reverse("reviews:alignment-map")).status_code == 404
    assert client_for(people.central).post(api, body, content_type="application/json").status_code == 201
    bad = {**body, "verdict": "divergent"}
    assert client_for(people.central).post(api, bad, content_type="application/json").status_code == 400
    row = StrategyMapping.objects.get()
    assert row.kept_by_ministry is None and row.keeper_label == "ทีมบูรณาการกลาง"
    # the other ministry neither sees nor deletes ทส.'s row
    assert client_for(people.reviewer_y).get(api, {"fiscal_year": 2554}).json()["results"] == []
    assert client_for(people.reviewer_y).delete(f"{api}{row.pk}/").status_code == 404
    page = client_for(people.reviewer_x).get(reverse("reviews:alignment-map"), {"fiscal_year": 2554}).content.decode()
    assert f"mapping-{row.pk}" in page
    assert client_for(people.reviewer_x).delete(f"{api}{row.pk}/").status_code == 204
    assert not StrategyMapping.objects.exists()


def test_the_page_form_saves_a_row(people, client_for):
    response = client_for(people.reviewer_x).post(
        reverse("reviews:alignment-map") + "?fiscal_year=2554",
        {
            "strategic_issue": people.issue_a.pk,
            "ministry_strategy": people.strategy_x.pk,
            "verdict": "aligned",
            "note": "ฟื้นฟูแหล่งน้ำ",
        },
    )
    assert response.status_code == 302
    assert StrategyMapping.objects.get().kept_by == people.reviewer_x
    # a strategy of another ministry is not even offered to ทส.
    response = client_for(people.reviewer_x).post(
        reverse("reviews:alignment-map") + "?fiscal_year=2554",
        {"strategic_issue": people.issue_a.pk, "ministry_strategy": people.strategy_y.pk, "verdict": "aligned"},
    )
    assert response.status_code == 400 and StrategyMapping.objects.count() == 1
