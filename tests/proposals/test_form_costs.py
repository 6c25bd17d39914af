"""The request form's costs (issue 15) without a change in what it shows or refuses: option lists
read once per page and never for a save that goes through, place lists cut from the office's
gazetteer rows, and model checks run once, only for what a save changes."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from clusters.models import Amphoe, Province, Tambon
from proposals.forms import RequestForm, child_formsets, place_choices
from proposals.models import ProjectRequest, RequestLocation
from proposals.services.requests import request_update
from tests.proposals.conftest import make_request
from tests.proposals.test_requests import _form_data

pytestmark = pytest.mark.django_db


def _cluster_request(people):
    """A cluster office's draft with rows in two provinces, one down to its tambon."""
    request = make_request(
        people, user=people.cluster_officer, office=people.cluster_office_a, issue=people.issue_cluster_a
    )
    khon_kaen, kalasin = Province.objects.get(name_th="ขอนแก่น"), Province.objects.get(name_th="กาฬสินธุ์")
    tambon = Tambon.objects.filter(amphoe__province=khon_kaen).select_related("amphoe").first()
    request_update(
        user=people.cluster_officer,
        request_id=request.pk,
        expected_revision=1,
        data={},
        locations=[
            {"province": khon_kaen, "district": tambon.amphoe.code, "subdistrict": tambon.code},
            {"province": kalasin},
        ],
    )
    return ProjectRequest.objects.select_related("office", "plan").get(pk=request.pk)


def _sql(captured) -> list[str]:
    """The statements of the page (not the session's)."""
    return [q["sql"] for q in captured.captured_queries if "django_session" not in q["sql"]]


def test_the_shared_option_lists_are_the_options_django_would_list(people):
    request = _cluster_request(people)
    kwargs = {"user": people.cluster_officer, "office": request.office, "fiscal_year": request.fiscal_year}
    form = RequestForm(None, instance=request, plan=request.plan, choice_lists={}, **kwargs)
    django_form = RequestForm(None, instance=request, plan=request.plan, **kwargs)
    for field in django_form.fields.values():
        if hasattr(field, "queryset"):
            field.widget.choices = field.choices  # Django's own iterator over the queryset
    assert [str(bound) for bound in form] == [str(bound) for bound in django_form]


def test_each_row_s_places_are_the_ones_its_province_and_amphoe_would_select(people):
    request = _cluster_request(people)
    formsets = child_formsets(request=request, office=request.office, fiscal_year=request.fiscal_year)
    provinces = Province.objects.filter(pk__in=request.office.province_ids(request.fiscal_year))
    amphoes = Amphoe.objects.filter(province__in=provinces).select_related("province")
    tambons = Tambon.objects.filter(amphoe__province__in=provinces).select_related("amphoe")
    rows = formsets["locations"].forms
    assert len(rows) == 4  # the two saved rows and two empty ones
    for form in rows:
        province_id, amphoe_code = form._picked("province"), form._picked("district")
        picked_amphoes = amphoes.filter(province_id=province_id) if province_id else amphoes
        if amphoe_code:
            picked_tambons = tambons.filter(amphoe__code=amphoe_code)
        else:
            picked_tambons = tambons.filter(amphoe__province_id=province_id) if province_id else tambons
        assert list(form.fields["district"].widget.choices) == place_choices(picked_amphoes, group_by="province")
        assert list(form.fields["subdistrict"].widget.choices) == place_choices(picked_tambons, group_by="amphoe")
    assert len(list(rows[3].fields["district"].widget.choices)) > 1  # an empty row offers every place


def test_the_form_page_reads_each_list_once(people, client_for):
    request = make_request(people)
    client = client_for(people.planner_a)
    with CaptureQueriesContext(connection) as captured:
        page = client.get(reverse("proposals:request-edit", args=[request.pk]))
    assert page.status_code == 200
    sql = _sql(captured)
    # the supporting and owning departments share one list; the ministries the form and the KPI rows
    assert sum('FROM "ministries_department"' in q for q in sql) == 1
    assert sum(re.search(r'FROM "ministries_ministry"( |$)', q) is not None for q in sql) == 1
    assert sum('FROM "clusters_tambon"' in q for q in sql) == 1  # all rows' lists cut from one read
    assert not any("DECLARE" in q for q in sql)  # no server-side cursor per select
    assert page.content.decode().count('<select name="kpis-') == 2


def test_a_save_that_goes_through_reads_no_option_list_and_checks_no_row_twice(people, client_for):
    request = make_request(people)
    url = reverse("proposals:request-edit", args=[request.pk])
    data = _form_data(people, revision=1)
    data.update({"locations-0-province": people.office_a.province_id, "rank": "1"})
    client = client_for(people.planner_a)
    with CaptureQueriesContext(connection) as captured:
        response = client.post(url, data)
    assert response.status_code == 302
    sql = _sql(captured)
    for table in ("ministries_department", "ministries_fieldoffice", "clusters_tambon", "clusters_amphoe"):
        assert not any(f'FROM "{table}"' in q for q in sql), table
    assert not any("COUNT(*)" in q for q in sql)  # the rank's help text counts the plan only when shown
    assert not any('SELECT 1 AS "a"' in q for q in sql)  # each chosen row was fetched once, by its field
    assert not any('"_check"' in q for q in sql)  # the amount and the owner's shape: checked by the form
    request.refresh_from_db()
    assert request.revision == 2 and request.locations.count() == 1


def test_a_service_save_still_checks_what_it_changes(people):
    request = make_request(people)
    with pytest.raises(ValidationError) as refused:
        request_update(user=people.planner_a, request_id=request.pk, expected_revision=1, data={"category": 999999})
    assert "category" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        request_update(
            user=people.planner_a, request_id=request.pk, expected_revision=1, data={"owner_kind": "department"}
        )
    assert "owner_department" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        request_update(user=people.planner_a, request_id=request.pk, expected_revision=1, data={"amount": "0"})
    assert "amount" in refused.value.message_dict or "__all__" in refused.value.message_dict
    request.refresh_from_db()
    assert request.revision == 1


def test_a_service_save_checks_only_the_changed_fields_and_returns_the_saved_revision(people):
    request = make_request(people)
    with CaptureQueriesContext(connection) as captured:
        saved = request_update(
            user=people.planner_a, request_id=request.pk, expected_revision=1, data={"objectives": "ใหม่"}
        )
    sql = _sql(captured)
    assert not any('SELECT 1 AS "a"' in q or '"_check"' in q for q in sql)  # nothing it did not change
    assert saved.revision == ProjectRequest.objects.get(pk=request.pk).revision == 2
    again = request_update(user=people.planner_a, request_id=request.pk, expected_revision=2, data={"title": "ใหม่"})
    assert again.revision == 3


def test_a_location_row_the_form_read_is_saved_as_read(people):
    request = make_request(people)
    tambon = Tambon.objects.filter(amphoe__province_id=people.office_a.province_id).select_related("amphoe").first()
    province = Province.objects.get(pk=people.office_a.province_id)
    request_update(
        user=people.planner_a,
        request_id=request.pk,
        expected_revision=1,
        data={},
        locations=[{"province": province, "district": tambon.amphoe, "subdistrict": tambon}],
    )
    row = RequestLocation.objects.get(request=request)
    assert (row.province_id, row.district_id, row.subdistrict_id) == (province.pk, tambon.amphoe.code, tambon.code)
    assert (row.amphoe, row.tambon) == (tambon.amphoe.name_th, tambon.name_th)
    other = Tambon.objects.exclude(amphoe=tambon.amphoe).filter(amphoe__province=province).first()
    with pytest.raises(ValidationError):  # a tambon of another amphoe, given as rows, is still refused
        request_update(
            user=people.planner_a,
            request_id=request.pk,
            expected_revision=2,
            data={},
            locations=[{"province": province, "district": tambon.amphoe, "subdistrict": other}],
        )


def test_a_submission_checks_the_fields_it_sets_and_reads_its_checklist_with_the_locked_row(people):
    from proposals.services.transitions import request_transition

    request = make_request(
        people, category="water", funding_channel="ministry_support", target_ministry=people.ministry_x
    )
    with CaptureQueriesContext(connection) as captured:
        submitted = request_transition(request_id=request.pk, action="submit", user=people.planner_a)
    sql = _sql(captured)
    checks = [q for q in sql if 'SELECT 1 AS "a"' in q]
    # the routing it set is checked; the content it did not change is not
    assert any('"ministries_fieldoffice"' in q for q in checks)
    for table in ("proposals_actionplan", "clusters_office", "ministries_workcategory", "clusters_strategicissue"):
        assert not any(f'FROM "{table}"' in q for q in checks), table
    # the plan, the strategic issue and the strategy came with the locked row
    for table in ("proposals_actionplan", "clusters_strategicissue", "ministries_ministrystrategy"):
        assert not any(q.startswith("SELECT") and f'FROM "{table}"' in q for q in sql), table
    assert submitted.status == "submitted" and submitted.routed_field_office is not None


def test_the_fields_each_constraint_reads_are_checked_together():
    from django.db.models import CheckConstraint, F, Q

    from proposals.services.requests import CHECKED_TOGETHER, _fields_of, unchanged_fields

    assert {"plan", "priority_rank"} in CHECKED_TOGETHER and {"amount"} in CHECKED_TOGETHER
    assert {"owner_kind", "owner_field_office", "owner_department"} in CHECKED_TOGETHER
    assert {"owner_field_office", "owner_department"}.isdisjoint(unchanged_fields(["owner_kind"]))
    assert "amount" in unchanged_fields(["objectives"]) and "objectives" not in unchanged_fields(["objectives"])
    # a condition on an expression cannot be told apart: every field is then checked
    assert _fields_of(CheckConstraint(condition=Q(amount__gt=F("revision")), name="x")) is None
