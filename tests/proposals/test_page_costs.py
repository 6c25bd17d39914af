"""Issue 15: the request page, the lists and the plan page do less work for the same HTML. Each
shortcut below could silently show less than the data holds; these tests hold them to the data."""

from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext
from django.urls import reverse, set_script_prefix
from django.utils import translation

from clusters.models import Office, Province, StrategicIssue
from ministries.models import CentralAgency
from proposals.filters import RequestFilter
from proposals.models import (
    Attachment,
    ProjectRequest,
    RequestCoordination,
    RequestKPI,
    RequestMinistryShare,
    RequestProvince,
    RequestStakeholder,
    RequestYearAmount,
)
from proposals.selectors.requests import request_detail_get, request_list
from proposals.services.transitions import request_transition
from tests.personas import YEAR
from tests.proposals.conftest import make_request

pytestmark = pytest.mark.django_db


def _page(client, request):
    client.get("/settings/")  # the session's renewal (once a minute) is not the page's cost
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("proposals:request-detail", args=[request.pk]))
    assert response.status_code == 200
    return response.content.decode(), len(queries)


def _add_rows(request, people, n, start=0):
    for i in range(start, start + n):
        RequestKPI.objects.create(request=request, name=f"ตัวชี้วัดที่ {i}", target="5", unit="แห่ง")
        RequestStakeholder.objects.create(request=request, kind="community", name=f"ชุมชนที่ {i}")
        RequestYearAmount.objects.create(request=request, fiscal_year=YEAR + 1 + i, amount=Decimal("1000"))
        attachment = Attachment(
            request=request, original_name=f"แผนที่{i}.pdf", content_type="application/pdf", size=10, uploaded_by=None
        )
        attachment.file.save(f"a{i}.pdf", ContentFile(b"%PDF-1.4"), save=True)


def test_the_request_page_shows_every_kind_of_row_the_request_has(client_for, people):
    request = make_request(people)
    client = client_for(people.planner_a)
    bare, bare_queries = _page(client, request)
    assert "แผนที่0.pdf" not in bare and "ชุมชนที่ 0" not in bare

    _add_rows(request, people, 1)
    one, one_queries = _page(client, request)
    for text in ("ตัวชี้วัดที่ 0", "ชุมชนที่ 0", "แผนที่0.pdf", f"{YEAR + 1}: 1,000"):
        assert text in one
    # the kinds it now has are fetched (a query each), never a query per row
    assert one_queries > bare_queries
    _add_rows(request, people, 3, start=1)
    three, three_queries = _page(client, request)
    assert "ตัวชี้วัดที่ 2" in three and "แผนที่2.pdf" in three
    assert three_queries == one_queries


def test_the_request_page_lists_the_merged_sources_of_a_cluster_request(client_for, people):
    target = make_request(
        people, user=people.cluster_officer, office=people.cluster_office_a, issue=people.issue_cluster_a
    )
    source = make_request(people, title="ขุดลอกคลองส่งน้ำบ้านหนองแวง")
    ProjectRequest.objects.filter(pk=source.pk).update(merged_into=target)
    page, _queries = _page(client_for(people.cluster_officer), target)
    assert "merged-sources" in page and source.reference in page
    assert "merged-sources" not in _page(client_for(people.planner_a), source)[0]


@pytest.mark.parametrize("kind", ["lead", "partner", "province", "coordination"])
def test_the_r20_card_shows_each_kind_of_r20_row_alone(client_for, people, kind):
    """Each kind of R20 row alone brings the card (the planner, who can no longer edit the
    request, sees it only then)."""
    request = make_request(people)
    request_transition(request_id=request.pk, action="submit", user=people.planner_a)
    client = client_for(people.planner_a)
    assert 'id="joint"' not in _page(client, request)[0]
    if kind in ("lead", "partner"):
        RequestMinistryShare.objects.create(
            request=request, ministry=people.ministry_y, role=kind, percent=Decimal("50")
        )
    elif kind == "province":
        RequestProvince.objects.create(request=request, province=Province.objects.get(name_th="ชัยภูมิ"))
    else:
        RequestCoordination.objects.create(request=request, coordinator=CentralAgency.objects.get(code="nesdb"))
    page = _page(client, request)[0]
    if kind == "lead":  # a lead alone is not across ministries: no card for a reader; the central
        assert 'id="joint"' not in page  # team, who names the coordinator, reads it in the table
        assert f"<td>{people.ministry_y}</td><td>กระทรวงหลัก</td>" in _page(client_for(people.central), request)[0]
    else:
        assert 'id="joint"' in page


def test_the_request_detail_fetch_marks_the_kinds_of_rows_present(people):
    request = make_request(people)
    _add_rows(request, people, 1)
    fetched = request_detail_get(user=people.planner_a, request_id=request.pk)
    assert fetched.has_kpis and fetched.has_attachments and not fetched.has_merged_sources
    with CaptureQueriesContext(connection) as queries:
        assert [k.name for k in fetched.kpis.all()] == ["ตัวชี้วัดที่ 0"]
        assert list(fetched.merged_sources.all()) == []
    assert len(queries) == 0


def test_row_url_is_the_url_tag(people):
    template = Template(
        "{% load request_rows %}{% row_url 'proposals:request-move' pk 'up' %}|{% row_url 'proposals:request-detail' pk %}"
    )
    for pk in (1, 7, 123456):
        expected = (
            f"{reverse('proposals:request-move', args=[pk, 'up'])}|{reverse('proposals:request-detail', args=[pk])}"
        )
        assert template.render(Context({"pk": pk})) == expected
    set_script_prefix("/portal/")
    try:
        assert template.render(Context({"pk": 5})).startswith("/portal/requests/5/move/up/")
    finally:
        set_script_prefix("/")


def test_the_status_badge_follows_the_language(people):
    request = make_request(people)
    template = Template("{% load request_rows %}{% status_badge r %}")
    with translation.override("th"):
        assert template.render(Context({"r": request})) == '<span class="badge status status-draft">ร่าง</span>'
    with translation.override("en"):
        assert "ร่าง" not in template.render(Context({"r": request}))


def test_places_in_english_name_the_gazetteer_places(people):
    request = make_request(people)
    template = Template("{% load request_rows %}{{ r|places }}")
    with translation.override("en"):
        english = template.render(Context({"r": request_list(user=people.planner_a).get(pk=request.pk)}))
    with translation.override("th"):
        thai = template.render(Context({"r": request_list(user=people.planner_a).get(pk=request.pk)}))
    assert thai.startswith("จ.") or " จ." in thai
    assert english and "จ." not in english


@pytest.mark.parametrize("who", ["planner_a", "cluster_officer", "reviewer_x", "central"])
def test_the_office_filter_lists_exactly_the_offices_of_the_visible_rows(rf, people, who):
    issue_a2 = StrategicIssue.objects.get_or_create(
        office=people.office_a2, period_start=2553, number=1, defaults={"period_end": 2556, "title": "พัฒนาแหล่งน้ำ"}
    )[0]
    for user, office, issue in (
        (people.planner_a, people.office_a, None),
        (people.planner_a2, people.office_a2, issue_a2),
    ):
        for title in ("ขุดลอกหนองน้ำบ้านโคก", "ซ่อมถนนบ้านนา"):
            request = make_request(people, user=user, office=office, issue=issue, title=title)
            request_transition(request_id=request.pk, action="submit", user=user)
    make_request(people, user=people.planner_b, office=people.office_b)  # a draft elsewhere
    user = getattr(people, who)
    http = rf.get("/requests/")
    http.user = user
    rows = request_list(user=user)
    choices = RequestFilter(None, queryset=rows, request=http).filters["office"].queryset
    expected = set(Office.objects.filter(pk__in=[r.office_id for r in rows]).values_list("pk", flat=True))
    assert set(choices.values_list("pk", flat=True)) == expected
