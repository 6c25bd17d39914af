"""What a user may *reference* when they write (issue 13): the one helper behind every writable
foreign key of the API and of the forms.

Reading is scoped by `visible_to(user)`; writing a foreign key is a second question. A planner may
see another province's request in a duplicate flag, yet must never file a request under that
province's strategic issue (the audit's `POST /api/v1/requests/` hole). Two kinds of reference:

- ``REFERENCE``: pointing at a thing. Public registries (provinces, ministries, departments, work
  categories, ministry strategies, ...) may be referenced by anyone signed in; the private rows of an
  office (its strategic issues, its plans) only by that office and the central team.
- ``ACTING_FOR``: naming the organisation one acts for (the office of a new plan, the owner of a
  library document or a directory entry): only the user's own organisations; the central team and
  administrators act for all of them.

The rules are keyed by model label so this module imports no app (portal sits below them all).
A model with no rule is refused loudly, so a new foreign key cannot slip through unscoped.
"""

from __future__ import annotations

from django.core.exceptions import ImproperlyConfigured
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from portal.roles import Scope, scope_of

REFERENCE = "reference"
ACTING_FOR = "acting_for"

# Public registries: the territory, the ministries' own lists, the reference data (R10, R12).
PUBLIC_REGISTRIES = frozenset(
    {
        "clusters.Region",
        "clusters.Province",
        "clusters.Cluster",
        "clusters.Office",
        "clusters.Amphoe",  # the gazetteer (R4): every district and subdistrict of the kingdom
        "clusters.Tambon",
        "ministries.Ministry",
        "ministries.Department",
        "ministries.FieldOfficeKind",
        "ministries.FieldOffice",
        "ministries.CentralAgency",
        "ministries.MinistryStrategy",
        "ministries.WorkCategory",
        "ministries.MinistryOutput",  # R21: a ministry's outputs/projects of a year, read by planners
    }
)

# Private rows of an office: the office's own planners and cluster officers (and the central team).
_OFFICE_PRIVATE = {
    "clusters.StrategicIssue": "office",
    "proposals.ActionPlan": "office",
}

# The organisations a user acts for, from their memberships.
_ACTING_FOR = {
    "clusters.Office": lambda s: Q(pk__in=s.office_ids),
    "ministries.Ministry": lambda s: Q(pk__in=s.reviewer_ministry_ids),
    "ministries.Department": lambda s: Q(pk__in=s.department_ids) | Q(ministry__in=s.ministry_ids),
    "ministries.FieldOffice": lambda s: Q(pk__in=s.field_office_ids),
    "ministries.CentralAgency": lambda s: Q(pk__in=s.central_agency_ids),
}


def _condition(scope: Scope, label: str, kind: str) -> Q | None:
    """None means "everything"; a Q limits the rows."""
    if kind == ACTING_FOR:
        if label not in _ACTING_FOR:
            raise ImproperlyConfigured(f"{label} is not an organisation one can act for")
        return None if scope.is_central else _ACTING_FOR[label](scope)
    if label in PUBLIC_REGISTRIES:
        return None
    if label in _OFFICE_PRIVATE:
        return None if scope.is_central else Q(**{f"{_OFFICE_PRIVATE[label]}__in": scope.office_ids})
    raise ImproperlyConfigured(f"{label} has no reference rule in portal.scoping: add one before accepting it as input")


def referable(*, user, model, kind: str = REFERENCE, queryset: QuerySet | None = None) -> QuerySet:
    """The rows of `model` (or of `queryset`, narrowed further) this user may reference in a write.

    Anonymous and inactive users may reference nothing, whatever the row.
    """
    rows = queryset if queryset is not None else model._default_manager.all()
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return rows.none()
    condition = _condition(scope_of(user), model._meta.label, kind)
    return rows if condition is None else rows.filter(condition)


def is_scoped(*, model, kind: str = REFERENCE) -> bool:
    """Whether some user could be refused a row of this model (not a public registry)."""
    label = model._meta.label
    return kind == ACTING_FOR or label not in PUBLIC_REGISTRIES


class ScopedPrimaryKeyRelatedField(serializers.PrimaryKeyRelatedField):
    """A primary key the requesting user may reference (see `referable`).

    The view must pass ``context={"request": request}``; without it nothing is referable, so a
    forgotten context fails closed (400), never open.
    """

    default_error_messages = {
        # DRF fills this with str.format (braces): a %(pk_value)s was shown to users as typed
        "does_not_exist": _("ไม่พบรายการรหัส {pk_value} หรือท่านไม่มีสิทธิ์อ้างถึงรายการนี้"),
    }

    def __init__(self, *, model=None, scope_kind: str = REFERENCE, **kwargs):
        queryset = kwargs.pop("queryset", None)
        self.scope_kind = scope_kind
        if queryset is None and model is not None and not kwargs.get("read_only"):
            queryset = model._default_manager.all()
        super().__init__(queryset=queryset, **kwargs)

    def get_queryset(self):
        request = self.context.get("request")
        base = super().get_queryset()
        return referable(user=getattr(request, "user", None), model=base.model, kind=self.scope_kind, queryset=base)


def limit_form_choices(form, *, user, acting_for=()) -> None:
    """Narrow every ModelChoiceField of a form to what the user may reference; the fields named in
    `acting_for` to the user's own organisations. Call at the end of the form's __init__."""
    from django import forms

    for name, field in form.fields.items():
        if isinstance(field, forms.ModelChoiceField):
            kind = ACTING_FOR if name in acting_for else REFERENCE
            field.queryset = referable(user=user, model=field.queryset.model, kind=kind, queryset=field.queryset)


MAX_ID = 2**63 - 1  # BigAutoField: a larger number overflows SQLite and PostgreSQL's bigint (a 500)


def id_param(text) -> int | None:
    """A row id from a query parameter, or None: digits int() takes, at most MAX_ID (a larger
    number in `fk_id=` overflows SQLite: a 500 under `make run`, issue-16 audit)."""
    text = str(text or "").strip()
    return int(text) if text.isdecimal() and int(text) <= MAX_ID else None


class IdField(serializers.IntegerField):
    """A row id given as a plain number (checked by the view or service that looks it up): a
    positive 64-bit integer, so an absurd number is a 400 rather than a database overflow."""

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(**kwargs)
