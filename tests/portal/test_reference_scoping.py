"""Every writable foreign key of the API is checked against the user's scope (issue 13).

The endpoints and their input serializers are found by walking the URL resolver (through
drf-spectacular's endpoint enumerator), so a new serializer with a plain PrimaryKeyRelatedField,
or a new endpoint, is caught without editing this file.
"""

import pytest
from django.test import RequestFactory
from django.urls import reverse
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.plumbing import ComponentRegistry
from drf_spectacular.settings import spectacular_settings
from rest_framework import serializers
from rest_framework.relations import ManyRelatedField, RelatedField
from rest_framework.test import APIClient

from portal.scoping import ScopedPrimaryKeyRelatedField, is_scoped, referable
from tests.proposals.conftest import complete_data, plan_for

pytestmark = pytest.mark.django_db

WRITE_METHODS = ("POST", "PUT", "PATCH")
PERSONAS = ("planner_a", "planner_b", "cluster_officer", "reviewer_x", "reviewer_y", "reviewer_dept", "field_b")


def writable_endpoints():
    """(path, method, view, request serializer) of every DRF write endpoint in the URL conf."""
    generator = SchemaGenerator()
    generator._initialise_endpoints()
    found = []
    for path, path_regex, method, view in generator._get_paths_and_endpoints():
        if method not in WRITE_METHODS:
            continue
        view.request = spectacular_settings.GET_MOCK_REQUEST(method, path, view, None)
        schema = view.schema
        schema.registry, schema.path, schema.path_regex, schema.path_prefix, schema.method = (
            ComponentRegistry(),
            path,
            path_regex,
            "",
            method,
        )
        serializer = schema.get_request_serializer()
        if isinstance(serializer, type) and issubclass(serializer, serializers.BaseSerializer):
            serializer = serializer()
        if not isinstance(serializer, serializers.BaseSerializer):
            continue  # no body, or a free-form object documented as such
        found.append((path, method, view, serializer))
    return found


def related_fields(serializer, prefix=()):
    """(dotted path, field, many) of every writable related field, nested serializers included."""
    if isinstance(serializer, serializers.ListSerializer):
        yield from related_fields(serializer.child, prefix + ("[]",))
        return
    for name, field in serializer.fields.items():
        if field.read_only:
            continue
        if isinstance(field, serializers.BaseSerializer):
            yield from related_fields(field, prefix + (name,))
        elif isinstance(field, ManyRelatedField):
            yield prefix + (name,), field.child_relation, True
        elif isinstance(field, RelatedField):
            yield prefix + (name,), field, False


def all_writable_fks():
    rows = []
    for path, method, _view, serializer in writable_endpoints():
        for dotted, field, many in related_fields(serializer):
            rows.append((path, method, type(serializer), dotted, field, many))
    return rows


def payload(dotted, value, many):
    """{"a": [{"b": value}]} for the dotted path ("a", "[]", "b")."""
    leaf = [value] if many else value
    for part in reversed(dotted):
        leaf = [leaf] if part == "[]" else {part: leaf}
    return leaf


def error_at(errors, dotted):
    node = errors
    for part in dotted:
        if part == "[]":
            if not isinstance(node, list) or not node:
                return None
            node = node[0]
        else:
            if not isinstance(node, dict) or part not in node:
                return None
            node = node[part]
    return node


def test_the_walk_finds_the_known_foreign_keys():
    found = {(cls.__name__, ".".join(dotted)) for _p, _m, cls, dotted, _f, _many in all_writable_fks()}
    assert ("RequestInputSerializer", "strategic_issue") in found
    assert ("RequestInputSerializer", "locations.[].province") in found
    assert ("PlanInputSerializer", "office") in found
    assert ("DocumentCreateInput", "office") in found
    assert ("DirectoryEntryInput", "field_office") in found


def test_every_writable_foreign_key_goes_through_the_scoping_helper():
    plain = [
        f"{method} {path} {cls.__name__}.{'.'.join(dotted)}"
        for path, method, cls, dotted, field, _many in all_writable_fks()
        if not isinstance(field, ScopedPrimaryKeyRelatedField)
    ]
    assert plain == []


def _out_of_scope_row(user, field):
    model = field.queryset.model
    allowed = referable(user=user, model=model, kind=field.scope_kind, queryset=field.queryset)
    return field.queryset.exclude(pk__in=allowed.values("pk")).order_by("pk").first()


def test_another_tenants_id_is_refused_by_every_serializer(people):
    """Each scoped field, each persona: a row outside the persona's scope is a field error."""
    factory, checked = RequestFactory(), 0
    for path, _method, cls, dotted, field, many in all_writable_fks():
        if not is_scoped(model=field.queryset.model, kind=field.scope_kind):
            continue
        for name in PERSONAS:
            user = getattr(people, name)
            row = _out_of_scope_row(user, field)
            if row is None:
                continue
            request = factory.post(path)
            request.user = user
            serializer = cls(data=payload(dotted, row.pk, many), partial=True, context={"request": request})
            assert not serializer.is_valid(), f"{cls.__name__}.{'.'.join(dotted)} took {row!r} from {name}"
            assert error_at(serializer.errors, dotted) is not None, (cls.__name__, dotted, serializer.errors)
            checked += 1
    assert checked >= 30  # the walk really exercised the fields


def test_another_tenants_id_is_refused_with_400_through_every_collection_endpoint(people):
    """The same over HTTP where the URL has no object id: the view passes the user to the field."""
    checked = 0
    for path, method, _cls, dotted, field, many in all_writable_fks():
        if "{" in path or not is_scoped(model=field.queryset.model, kind=field.scope_kind):
            continue
        for name in PERSONAS:
            user = getattr(people, name)
            row = _out_of_scope_row(user, field)
            if row is None:
                continue
            client = APIClient()
            client.force_authenticate(user)
            response = getattr(client, method.lower())(path, payload(dotted, row.pk, many), format="json")
            assert response.status_code == 400, (method, path, dotted, name, response.status_code)
            assert error_at(response.json(), dotted) is not None, (path, dotted, response.json())
            checked += 1
    assert checked >= 10


def test_a_request_under_another_provinces_strategic_issue_is_refused(people):
    """The audit's hole: POST /api/v1/requests/ with อุดรธานี's issue from ขอนแก่น answered 201."""
    plan = plan_for(people.planner_a, people.office_a)
    data = complete_data(people, issue=people.issue_b)
    body = {
        **{k: getattr(v, "pk", v) for k, v in data.items()},
        "amount": str(data["amount"]),
        "plan": plan.pk,
    }
    client = APIClient()
    client.force_authenticate(people.planner_a)
    refused = client.post(reverse("api:request-list"), body, format="json")
    assert refused.status_code == 400 and "strategic_issue" in refused.json()
    accepted = client.post(reverse("api:request-list"), {**body, "strategic_issue": people.issue_a.pk}, format="json")
    assert accepted.status_code == 201


def test_another_provinces_plan_is_refused_as_the_home_of_a_new_request(people):
    plan_b = plan_for(people.planner_b, people.office_b)
    client = APIClient()
    client.force_authenticate(people.planner_a)
    response = client.post(reverse("api:request-list"), {"plan": plan_b.pk, "title": "x", "amount": "1"}, format="json")
    assert response.status_code == 400 and "plan" in response.json()


def test_the_central_team_may_reference_any_office(people):
    field = ScopedPrimaryKeyRelatedField(queryset=people.office_b.__class__.objects.all(), scope_kind="acting_for")
    request = RequestFactory().post("/")
    request.user = people.central
    field._context = {"request": request}
    assert field.get_queryset().filter(pk=people.office_b.pk).exists()
    request.user = people.planner_a
    assert not field.get_queryset().filter(pk=people.office_b.pk).exists()


def test_the_forms_narrow_their_choices_through_the_same_helper(people):
    from library.forms import DocumentMetadataForm
    from proposals.forms import PlanCreateForm, RequestForm
    from tests.personas import YEAR

    form = RequestForm(
        complete_data(people, issue=people.issue_b), user=people.planner_a, office=people.office_a, fiscal_year=YEAR
    )
    assert not form.is_valid() and "strategic_issue" in form.errors
    offices = people.office_a.__class__.objects.filter(pk__in=[people.office_a.pk, people.office_b.pk])
    plan_form = PlanCreateForm(
        {"office": people.office_b.pk, "fiscal_year": YEAR, "title": "แผน"},
        user=people.planner_a,
        offices=offices,
        fiscal_year=YEAR,
    )
    assert not plan_form.is_valid() and "office" in plan_form.errors
    document_form = DocumentMetadataForm(
        {"kind": "other", "title": "เอกสาร", "office": people.office_b.pk}, user=people.planner_a
    )
    assert not document_form.is_valid() and "office" in document_form.errors
