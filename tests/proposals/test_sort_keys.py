"""Issue 15: the lists sort by a copy of the office's name kept on each request, so one index
serves the ORDER BY. The copy must follow the office: on creation, on a move, on a rename."""

import importlib

import pytest
from django.apps import apps
from django.contrib.admin.sites import site
from django.db import connection
from django.test import RequestFactory
from django.urls import reverse

from clusters.hooks import offices_renamed
from clusters.models import Office
from portal.dbstats import analyze
from proposals.models import ProjectRequest
from proposals.selectors.requests import LIST_ORDER
from proposals.services.sort_keys import request_sort_keys_refresh
from tests.proposals.conftest import make_request

pytestmark = pytest.mark.django_db


def test_a_new_request_carries_its_office_name_as_sort_key(people):
    request = make_request(people)
    assert ProjectRequest.objects.get(pk=request.pk).office_sort_name == people.office_a.name_th


def test_a_request_moved_to_another_office_takes_the_new_name(people):
    request = ProjectRequest.objects.get(pk=make_request(people).pk)  # loaded without its office
    request.office_id = people.office_a2.pk
    request.save()
    assert ProjectRequest.objects.get(pk=request.pk).office_sort_name == people.office_a2.name_th


def test_a_save_that_does_not_touch_the_office_costs_no_extra_query(people, django_assert_num_queries):
    request = ProjectRequest.objects.get(pk=make_request(people).pk)
    request.title = "ขุดลอกหนองน้ำ (แก้ไข)"
    with django_assert_num_queries(1):
        request.save()


def test_renaming_an_office_renames_the_key_of_its_requests_and_reorders_the_list(people):
    a = make_request(people, title="ขุดลอกหนองน้ำแห่งที่หนึ่ง")
    b = make_request(people, user=people.planner_b, office=people.office_b, title="ขุดลอกหนองน้ำแห่งที่สอง")
    names = {people.office_a.pk: "ฮฮฮ สำนักงานท้ายรายการ", people.office_b.pk: "กกก สำนักงานต้นรายการ"}
    for pk, name in names.items():
        Office.objects.filter(pk=pk).update(name_th=name)
    offices_renamed(office_ids=names)
    rows = list(ProjectRequest.objects.filter(pk__in=[a.pk, b.pk]).order_by(*LIST_ORDER))
    assert [r.office_sort_name for r in rows] == ["กกก สำนักงานต้นรายการ", "ฮฮฮ สำนักงานท้ายรายการ"]
    assert [r.pk for r in rows] == [b.pk, a.pk]


def test_the_admin_rename_of_an_office_refreshes_the_key(people, admin_user):
    request = make_request(people)
    office = people.office_a
    model_admin = site._registry[Office]
    http = RequestFactory().post("/admin/")
    http.user = admin_user
    form_class = model_admin.get_form(http, office, change=True)
    data = {f: getattr(office, f) for f in form_class.base_fields if hasattr(office, f)}
    data.update({k: v.pk for k, v in data.items() if hasattr(v, "pk")})
    data = {k: ("" if v is None else v) for k, v in data.items()}
    data["name_th"] = "สำนักงานจังหวัดที่เปลี่ยนชื่อแล้ว"
    form = form_class(data, instance=office)
    assert form.is_valid(), form.errors
    model_admin.save_model(http, form.save(commit=False), form, change=True)
    assert ProjectRequest.objects.get(pk=request.pk).office_sort_name == "สำนักงานจังหวัดที่เปลี่ยนชื่อแล้ว"


def test_the_refresh_writes_only_stale_rows(people):
    make_request(people)
    make_request(people, title="ก่อสร้างฝายชะลอน้ำบ้านหนองแวง")
    assert request_sort_keys_refresh() == 0
    ProjectRequest.objects.update(office_sort_name="")
    assert request_sort_keys_refresh(office_ids=[people.office_a.pk]) == 2
    assert set(ProjectRequest.objects.values_list("office_sort_name", flat=True)) == {people.office_a.name_th}


def test_the_data_migration_fills_the_key_of_existing_rows(people):
    make_request(people)
    ProjectRequest.objects.update(office_sort_name="")
    migration = importlib.import_module("proposals.migrations.0013_request_sort_keys")
    migration.fill_sort_keys(apps, None)
    assert set(ProjectRequest.objects.values_list("office_sort_name", flat=True)) == {people.office_a.name_th}


def test_the_request_list_is_still_ordered_by_office_then_rank(people, client_for):
    make_request(people, title="ขุดลอกหนองน้ำแห่งที่หนึ่ง")
    make_request(people, title="ขุดลอกหนองน้ำแห่งที่สอง")
    html = client_for(people.planner_a).get(reverse("proposals:request-list")).content.decode()
    assert html.index("แห่งที่หนึ่ง") < html.index("แห่งที่สอง")


def test_analyze_runs_on_postgresql_only():
    assert analyze() == (connection.vendor == "postgresql")
