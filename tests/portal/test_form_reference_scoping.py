"""Every model choice of every HTML form is checked against the user's scope (issue 13).

The forms are found by walking the apps' `forms.py` modules, so a new form with a ModelChoiceField
fails `test_every_form_with_model_choices_is_in_the_table` until someone decides, here, how its
choices are scoped. The table builds each form the way its view does (same constructor arguments),
and says for each model choice field one of:

- ``HELPER``: narrowed through `portal.scoping.limit_form_choices`; another tenant's row (given in
  the table) must be absent from the choices, and binding it must be a field error.
- ``VIEW``: narrowed by a queryset its view computes from the user (colleagues, merge candidates);
  the same check against another tenant's row.
- ``PUBLIC``: a public registry (`is_scoped(model=...)` is False): anyone signed in may refer to it.
- ``CENTRAL``: the form is only offered to the central team, who may refer to every row; the
  table's predicate is checked to refuse the other personas.
- ``OPEN``: deliberately not narrowed, with the reason (R1's mapping table).

The API's side of the same rule is tests/portal/test_reference_scoping.py.
"""

import importlib
import inspect
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django import forms
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse

from clusters.models import Office, Province
from ministries.models import Department, Ministry, SupportEnvelope
from portal import scoping
from portal.scoping import is_scoped, limit_form_choices
from proposals.models import ProjectRequest
from tests.personas import YEAR
from tests.proposals.conftest import make_request, set_phase

pytestmark = pytest.mark.django_db

APPS = ("portal", "clusters", "ministries", "proposals", "screening", "reviews", "library")

HELPER, VIEW, PUBLIC, CENTRAL, OPEN = "helper", "view", "public", "central", "open"


@dataclass
class Entry:
    """How a view builds the form, and how each of its model choice fields is scoped."""

    build: Callable  # (people, data) -> bound or unbound form, as the view builds it
    user: str  # the persona the view serves
    fields: dict[str, str]  # field name -> HELPER / VIEW / PUBLIC / CENTRAL / OPEN
    foreign: dict[str, Callable] = field(default_factory=dict)  # field -> (people) -> another tenant's row
    central_only: Callable | None = None  # the view's guard, for CENTRAL fields
    why: str = ""


def _document_form(cls):
    # library/views/documents.py: Document*Form(request.POST, ..., user=request.user)
    return Entry(
        build=lambda p, data: cls(data, user=p.planner_a),
        user="planner_a",
        fields={"office": HELPER, "ministry": HELPER},
        foreign={"office": lambda p: p.office_b, "ministry": lambda p: p.ministry_y},
        why="acting for: a planner files documents for its own office only",
    )


def _plan_create_form(p, data):
    from proposals.forms import PlanCreateForm

    # proposals/views/plans.py offers the user's offices; the helper narrows again
    offices = Office.objects.filter(pk__in=[p.office_a.pk])
    return PlanCreateForm(data, user=p.planner_a, offices=offices, fiscal_year=YEAR)


def _location_form(p, data):
    from proposals.forms import LocationForm

    form = LocationForm(data)
    form.setup_places(Province.objects.filter(pk__in=p.office_a.province_ids(YEAR)))  # proposals/forms.child_formsets
    return form


def _colleagues(user):
    from reviews.selectors import colleagues_of

    return colleagues_of(user)


def _central(predicate_path):
    module, name = predicate_path.rsplit(".", 1)
    return lambda user: getattr(importlib.import_module(module), name)(user)


def _foreign_request(p):
    set_phase("province_submission")
    return make_request(p, user=p.planner_b, office=p.office_b, issue=p.issue_b)


def table():
    from library import forms as library
    from ministries import forms as ministries
    from proposals import forms as proposals
    from reviews import forms as reviews
    from screening import forms as screening

    return {
        library.DocumentMetadataForm: _document_form(library.DocumentMetadataForm),
        library.DocumentCreateForm: _document_form(library.DocumentCreateForm),
        library.MechanismNodeForm: Entry(
            build=lambda p, data: library.MechanismNodeForm(data, prefix=None),
            user="central",
            fields={"ministry": PUBLIC, "department": PUBLIC, "field_office_kind": PUBLIC},
            why="the resource mechanism chart names ministries and kinds of field office (public registries)",
        ),
        library.MechanismLinkForm: Entry(
            build=lambda p, data: library.MechanismLinkForm(
                data,
                resource_type=library.ResourceType.objects.get_or_create(code="water", defaults={"name_th": "น้ำ"})[0],
            ),
            user="central",
            fields={"source": CENTRAL, "target": CENTRAL},
            central_only=_central("library.permissions.can_edit_mechanisms"),
            why="nodes of the chart being edited; only the central team edits the charts",
        ),
        library.JointKPIForm: Entry(
            build=lambda p, data: library.JointKPIForm(data),
            user="central",
            fields={"ministry": PUBLIC, "department": PUBLIC, "offices": PUBLIC},
            why="a workshop KPI names ministries and offices as it refers to them (public registries)",
        ),
        proposals.PlanForm: Entry(
            build=lambda p, data: proposals.PlanForm(data, user=p.planner_a, office=p.office_a, fiscal_year=YEAR),
            user="planner_a",
            fields={"strategic_issues": HELPER},
            foreign={"strategic_issues": lambda p: p.issue_b},
        ),
        proposals.PlanCreateForm: Entry(
            build=_plan_create_form,
            user="planner_a",
            fields={"office": HELPER, "strategic_issues": HELPER},
            foreign={"office": lambda p: p.office_b, "strategic_issues": lambda p: p.issue_b},
        ),
        proposals.RequestForm: Entry(
            build=lambda p, data: proposals.RequestForm(data, user=p.planner_a, office=p.office_a, fiscal_year=YEAR),
            user="planner_a",
            fields={
                "strategic_issue": HELPER,
                "ministry_strategy": PUBLIC,
                "category": PUBLIC,
                "target_ministry": PUBLIC,
                "target_department": PUBLIC,
                "owner_field_office": PUBLIC,  # R18: narrowed to the request's provinces' offices
                "owner_department": PUBLIC,
                "ministry_output": PUBLIC,  # R21: a ministry's published output/project list
            },
            foreign={"strategic_issue": lambda p: p.issue_b},
        ),
        proposals.LocationForm: Entry(
            build=_location_form,
            user="planner_a",
            fields={"province": PUBLIC, "district": PUBLIC, "subdistrict": PUBLIC},
            why="the gazetteer (R4) is public; the view still offers only the office's provinces",
        ),
        proposals.KPIForm: Entry(
            build=lambda p, data: proposals.KPIForm(data),
            user="planner_a",
            fields={"joint_ministry": PUBLIC},
        ),
        proposals.MergeForm: Entry(
            # proposals/views/cluster.py renders it with no candidates; the POST is read by
            # requests_merge, which checks each id against the officer's scope
            build=lambda p, data: proposals.MergeForm(data, candidates=ProjectRequest.objects.none()),
            user="cluster_officer",
            fields={"requests": VIEW},
            foreign={"requests": _foreign_request},
        ),
        proposals.ExtensionForm: Entry(
            build=lambda p, data: proposals.ExtensionForm(data, fiscal_year=YEAR),
            user="central",
            fields={"office": PUBLIC, "ministry": PUBLIC, "field_office": PUBLIC},
            why="the central team extends a deadline for any organisation (R8)",
        ),
        reviews.AssignForm: Entry(
            build=lambda p, data: reviews.AssignForm(data, colleagues=_colleagues(p.reviewer_x)),
            user="reviewer_x",
            fields={"assignee": VIEW},
            foreign={"assignee": lambda p: p.reviewer_y},
            why="colleagues_of(user): the reviewers of the same ministry/department/field office",
        ),
        reviews.BulkForm: Entry(
            build=lambda p, data: reviews.BulkForm(data, colleagues=_colleagues(p.reviewer_x)),
            user="reviewer_x",
            fields={"assignee": VIEW},
            foreign={"assignee": lambda p: p.reviewer_y},
        ),
        reviews.ReviewerReassignForm: Entry(
            build=lambda p, data: reviews.ReviewerReassignForm(data),
            user="central",
            fields={"ministry": PUBLIC, "department": PUBLIC},
            why="the central team moves a request to any reviewing ministry (issue 10)",
        ),
        reviews.StrategyMappingForm: Entry(
            build=lambda p, data: reviews.StrategyMappingForm(
                data, fiscal_year=YEAR, ministry_ids=list(scoping.scope_of(p.reviewer_x).reviewer_ministry_ids)
            ),
            user="reviewer_x",
            fields={"strategic_issue": OPEN, "ministry_strategy": PUBLIC},
            why="R1: a ministry maps every office's strategic issues of the year to its own strategies; "
            "the row it keeps is its own (the view offers only its strategies, the service checks)",
        ),
        reviews.RuleCellForm: Entry(
            build=lambda p, data: reviews.RuleCellForm(data, ministry=p.ministry_x),
            user="reviewer_x",
            fields={"department": PUBLIC},
        ),
        reviews.RuleCellPickForm: Entry(
            build=lambda p, data: reviews.RuleCellPickForm(data),
            user="reviewer_x",
            fields={"category": PUBLIC, "ministry": PUBLIC},
        ),
        reviews.EnvelopeForm: Entry(
            # reviews/views.envelope_list
            build=lambda p, data: reviews.EnvelopeForm(data, user=p.reviewer_x),
            user="reviewer_x",
            fields={"ministry": HELPER, "department": HELPER},
            foreign={
                "ministry": lambda p: p.ministry_y,
                "department": lambda p: Department.objects.filter(ministry=p.ministry_y).first(),
            },
            why="acting for: a ministry keeps its own support envelopes (R15)",
        ),
        reviews.AgendaForm: Entry(
            build=lambda p, data: reviews.AgendaForm(data),
            user="central",
            fields={"committee": CENTRAL, "meeting": CENTRAL},
            central_only=_central("reviews.permissions.can_manage_agenda"),
            why="the ก.น.จ. agenda is kept by the central team",
        ),
        ministries.OutputFilterForm: Entry(
            build=lambda p, data: ministries.OutputFilterForm(data),
            user="planner_a",
            fields={"ministry": PUBLIC},
            why="a list filter of a ministry's outputs/projects (R21), not a write",
        ),
        reviews.AgendaDecisionForm: Entry(
            build=lambda p, data: reviews.AgendaDecisionForm(data),
            user="central",
            fields={"referred_ministry": PUBLIC, "referred_department": PUBLIC},
            why="R19: ก.น.จ. may refer a request to any ministry or department for support",
        ),
        screening.LineFlagFilterForm: Entry(
            build=lambda p, data: screening.LineFlagFilterForm(data),
            user="reviewer_x",
            fields={"province": PUBLIC},
            why="a list filter, not a write",
        ),
    }


def discovered_forms():
    """Every Form/ModelForm class defined in the apps' forms.py modules."""
    found = []
    for app in APPS:
        try:
            module = importlib.import_module(f"{app}.forms")
        except ModuleNotFoundError:
            continue
        for obj in vars(module).values():
            if (
                inspect.isclass(obj)
                and issubclass(obj, forms.BaseForm)
                and obj.__module__ == module.__name__
                and obj not in (forms.Form, forms.ModelForm)
            ):
                found.append(obj)
    return found


def model_choice_fields(form):
    return {name: f for name, f in form.fields.items() if isinstance(f, forms.ModelChoiceField)}


def test_the_walk_finds_the_known_forms():
    names = {cls.__name__ for cls in discovered_forms()}
    assert {"RequestForm", "PlanCreateForm", "DocumentCreateForm", "EnvelopeForm", "LineFlagFilterForm"} <= names


def test_every_form_with_model_choices_is_in_the_table(people):
    """A new form with a model choice field cannot slip through: it fails here until added."""
    entries = table()
    missing = []
    for cls in discovered_forms():
        if cls in entries:
            continue
        declared = {n for n, f in cls.base_fields.items() if isinstance(f, forms.ModelChoiceField)}
        if declared:
            missing.append(f"{cls.__module__}.{cls.__name__}: {sorted(declared)}")
    assert missing == []


def test_every_model_choice_field_of_every_form_has_a_rule(people):
    """The table names exactly the model choice fields each form has, as its view builds it."""
    for cls, entry in table().items():
        form = entry.build(people, None)
        assert type(form) is cls
        assert set(model_choice_fields(form)) == set(entry.fields), cls.__name__
        for name, rule in entry.fields.items():
            model = form.fields[name].queryset.model
            if rule == PUBLIC:
                assert not is_scoped(model=model), f"{cls.__name__}.{name}: {model._meta.label} is not public"
            elif rule in (HELPER, VIEW):
                assert name in entry.foreign, f"{cls.__name__}.{name} needs another tenant's row to test"
            elif rule == CENTRAL:
                assert entry.central_only is not None and entry.user == "central", cls.__name__
            else:
                assert rule == OPEN and entry.why, f"{cls.__name__}.{name}: an open field needs its reason"


def test_the_helper_narrows_the_helper_fields(people, monkeypatch):
    """HELPER fields really go through `referable` (patched to record the models it narrows)."""
    seen = []
    original = scoping.referable

    def recording(**kwargs):
        seen.append(kwargs["model"])
        return original(**kwargs)

    monkeypatch.setattr(scoping, "referable", recording)
    for cls, entry in table().items():
        seen.clear()
        form = entry.build(people, None)
        for name, rule in entry.fields.items():
            if rule == HELPER:
                assert form.fields[name].queryset.model in seen, f"{cls.__name__}.{name} skips limit_form_choices"


def test_another_tenants_row_is_refused_by_every_scoped_form_field(people):
    checked = 0
    for cls, entry in table().items():
        for name, rule in entry.fields.items():
            if rule not in (HELPER, VIEW):
                continue
            row = entry.foreign[name](people)
            assert row is not None, (cls.__name__, name)
            form = entry.build(people, None)
            assert not form.fields[name].queryset.filter(pk=row.pk).exists(), f"{cls.__name__}.{name} offers {row!r}"
            value = [row.pk] if isinstance(form.fields[name], forms.ModelMultipleChoiceField) else row.pk
            bound = entry.build(people, {form.add_prefix(name): value})
            assert not bound.is_valid()
            assert name in bound.errors, f"{cls.__name__}.{name} took {row!r}: {bound.errors}"
            checked += 1
    assert checked >= 10


def test_central_only_forms_are_refused_to_everyone_else(people):
    for cls, entry in table().items():
        if entry.central_only is None:
            continue
        assert entry.central_only(people.central), cls.__name__
        for name in ("planner_a", "cluster_officer", "reviewer_x", "field_b", "outsider"):
            assert not entry.central_only(getattr(people, name)), (cls.__name__, name)


def test_the_helper_fields_still_offer_the_users_own_rows(people):
    """The narrowing does not empty the forms: the user's own rows stay choosable."""
    from proposals.forms import PlanCreateForm, RequestForm
    from reviews.forms import EnvelopeForm

    request_form = RequestForm(None, user=people.planner_a, office=people.office_a, fiscal_year=YEAR)
    assert request_form.fields["strategic_issue"].queryset.filter(pk=people.issue_a.pk).exists()
    plan_form = PlanCreateForm(None, user=people.planner_a, offices=Office.objects.all(), fiscal_year=YEAR)
    assert list(plan_form.fields["office"].queryset) == [people.office_a]
    envelope_form = EnvelopeForm(None, user=people.reviewer_x)
    assert list(envelope_form.fields["ministry"].queryset) == [people.ministry_x]
    assert list(EnvelopeForm(None, user=people.central).fields["ministry"].queryset.order_by("pk")) == list(
        Ministry.objects.order_by("pk")
    )


def test_limit_form_choices_refuses_a_model_without_a_rule(people):
    """A model choice over private data with no rule fails loudly instead of staying open."""

    class Unruled(forms.Form):
        request = forms.ModelChoiceField(queryset=ProjectRequest.objects.all())

    with pytest.raises(ImproperlyConfigured):
        limit_form_choices(Unruled(), user=people.planner_a)


def test_another_ministrys_envelope_is_a_form_error_over_http(people, client_for):
    """The HTML side of the audit's hole: a reviewer of ทส. posts คค.'s id; a form error, no save."""
    response = client_for(people.reviewer_x).post(
        reverse("reviews:envelope-list"),
        {"ministry": people.ministry_y.pk, "fiscal_year": YEAR, "base_budget": "0", "fixed_amount": "750000"},
    )
    assert response.status_code == 400
    assert "ministry" in response.context["form"].errors
    assert not SupportEnvelope.objects.exists()
    accepted = client_for(people.reviewer_x).post(
        reverse("reviews:envelope-list"),
        {"ministry": people.ministry_x.pk, "fiscal_year": YEAR, "base_budget": "0", "fixed_amount": "750000"},
    )
    assert accepted.status_code == 302, accepted.context["form"].errors
    assert SupportEnvelope.objects.get().ministry == people.ministry_x


def test_the_directory_form_refuses_another_offices_organisation(people):
    """DirectoryEntryForm picks its owner from a plain "field:id" choice (no model choice field, so
    not in the table): its choices come from the user's own organisations."""
    from library.forms import DirectoryEntryForm

    data = {"unit_name": "ฝ่ายแผน", "order": 0}
    refused = DirectoryEntryForm({**data, "organisation": f"office:{people.office_b.pk}"}, user=people.planner_a)
    assert not refused.is_valid() and "organisation" in refused.errors
    accepted = DirectoryEntryForm({**data, "organisation": f"office:{people.office_a.pk}"}, user=people.planner_a)
    assert accepted.is_valid(), accepted.errors
