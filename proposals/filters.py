"""List filters shared by the HTML lists, the XLSX export and the API (django-filter).

django-filter ships no Thai catalogue, so every label here is the project's own (STYLE traps).
"""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from clusters.models import Office
from ministries.models import Ministry, WorkCategory
from portal.roles import scope_of
from portal.widgets import with_python_widgets
from proposals.models import ActionPlan, ProjectRequest
from proposals.models.joint import cross_cutting_q, partner_of_q
from proposals.workflow import Status


class RequestFilter(django_filters.FilterSet):
    fiscal_year = django_filters.NumberFilter(label=_("ปีงบประมาณ (พ.ศ.)"))
    office = django_filters.ModelChoiceFilter(
        queryset=Office.objects.all(), label=_("สำนักงาน"), empty_label=_("ทุกสำนักงาน")
    )
    status = django_filters.ChoiceFilter(choices=Status.choices, label=_("สถานะ"), empty_label=_("ทุกสถานะ"))
    category = django_filters.ModelChoiceFilter(
        queryset=WorkCategory.objects.all(), label=_("หมวดงาน"), empty_label=_("ทุกหมวดงาน")
    )
    ministry = django_filters.ModelChoiceFilter(
        queryset=Ministry.objects.all(),
        field_name="reviewing_ministry",
        method="filter_ministry",
        label=_("กระทรวง"),
        empty_label=_("ทุกกระทรวง"),
    )
    amount_min = django_filters.NumberFilter(field_name="amount", lookup_expr="gte", label=_("วงเงินตั้งแต่ (บาท)"))
    amount_max = django_filters.NumberFilter(field_name="amount", lookup_expr="lte", label=_("วงเงินไม่เกิน (บาท)"))
    q = django_filters.CharFilter(method="filter_text", label=_("ค้นหา (ชื่อ เลขที่ หรือพื้นที่)"))
    cross_cutting = django_filters.BooleanFilter(
        method="filter_cross_cutting",
        label=_("หลายกระทรวง/หลายพื้นที่"),
        widget=forms.Select(
            choices=[
                ("", _("ทุกคำขอ")),
                ("true", _("เฉพาะหลายกระทรวง/หลายพื้นที่")),
                ("false", _("ไม่รวมหลายกระทรวง/หลายพื้นที่")),
            ]
        ),
    )

    class Meta:
        model = ProjectRequest
        fields = [
            "fiscal_year",
            "office",
            "status",
            "category",
            "ministry",
            "amount_min",
            "amount_max",
            "q",
            "cross_cutting",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _offices_of(self, "office")

    @property
    def form(self):
        return with_python_widgets(super().form)  # issue 15: inputs and long option lists written in Python

    def filter_ministry(self, queryset, name, value):
        """A request concerns a ministry when it reviews it, is asked for support, or owns the linked strategy."""
        if not value:
            return queryset
        return queryset.filter(
            Q(reviewing_ministry=value)
            | Q(target_ministry=value)
            | Q(ministry_strategy__ministry=value)
            | partner_of_q(ministry_ids=[value.pk], department_ids=())
        )

    def filter_cross_cutting(self, queryset, name, value):
        """R20: requests across ministries or areas (or, with false, the others)."""
        if value is None:
            return queryset
        return queryset.filter(cross_cutting_q()) if value else queryset.exclude(cross_cutting_q())

    def filter_text(self, queryset, name, value):
        from proposals.selectors.requests import requests_matching

        return requests_matching(queryset, value)


class PlanFilter(django_filters.FilterSet):
    fiscal_year = django_filters.NumberFilter(label=_("ปีงบประมาณ (พ.ศ.)"))
    office = django_filters.ModelChoiceFilter(queryset=Office.objects.all(), label=_("สำนักงาน"))
    status = django_filters.ChoiceFilter(choices=ActionPlan.PlanStatus.choices, label=_("สถานะ"))

    class Meta:
        model = ActionPlan
        fields = ["fiscal_year", "office", "status"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _offices_of(self, "office")


def _offices_of(filterset, name: str) -> None:
    """The office filter lists the offices of the rows the user can see, not every office in the
    country (issue 11: a planner saw 107): the filterset's queryset is already scoped to the user.

    Issue 15: a planner's or cluster officer's rows lie in a handful of offices, found fastest by
    listing the offices of those few rows (the database tried all 113 offices one by one, reading
    every row of each office that had none: ~6 ms); a reviewer's or the central team's lie in
    most offices, found fastest office by office (each stops at its first row)."""
    if filterset.queryset is not None:
        offices_of_rows = filterset.queryset.order_by().values("office_id")
        if _sees_only_offices_rows(getattr(filterset.request, "user", None)):
            offices_of_rows = offices_of_rows.distinct()
        filterset.filters[name].queryset = Office.objects.filter(pk__in=offices_of_rows)


def _sees_only_offices_rows(user) -> bool:
    scope = scope_of(user)
    return bool(scope.office_ids) and not (scope.is_reviewer or scope.is_central)
