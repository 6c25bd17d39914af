"""The dashboards' filter form (issue 14): fiscal year, cluster, province, ministry, category,
programme, status, the map's metric. Choices are limited to the person's scope, so a cluster
officer who types another cluster's or province's id gets a Thai message, never a figure."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ministries.models import Ministry, WorkCategory
from portal.scoping import MAX_ID
from portal.widgets import PythonSelectsMixin
from proposals.workflow import Status
from reviews.selectors.dashboard_money import FLAG_FILTERS
from reviews.selectors.dashboard_scope import DashboardFilters, DashboardScope, clusters_of_year, provinces_of_scope

METRICS = {
    "amount": _("วงเงินที่ขอ"),
    "count": _("จำนวนคำขอ"),
    "duplicate_amount": _("วงเงินที่ตรวจพบว่าอาจซ้ำซ้อน"),
    "endorsed_amount": _("วงเงินที่กระทรวงเห็นชอบ"),
    "on_time_share": _("สัดส่วนคำขอที่ส่งตามกำหนด (%)"),
}
DIMENSIONS = {
    "ministry": _("กระทรวงผู้พิจารณา"),
    "department": _("กรมผู้พิจารณา"),
    "category": _("หมวดงาน"),
    "programme": _("แผนงาน"),
    "status": _("สถานะ"),
    "cluster": _("กลุ่มจังหวัด"),
    "province": _("จังหวัด"),
}


class DashboardFilterForm(PythonSelectsMixin, forms.Form):
    fiscal_year = forms.IntegerField(label=_("ปีงบประมาณ (พ.ศ.)"), min_value=2500, max_value=2700, required=False)
    cluster = forms.ModelChoiceField(queryset=None, required=False, label=_("กลุ่มจังหวัด"), empty_label=_("ทุกกลุ่มจังหวัด"))
    province = forms.ModelChoiceField(queryset=None, required=False, label=_("จังหวัด"), empty_label=_("ทุกจังหวัด"))
    ministry = forms.ModelChoiceField(
        queryset=Ministry.objects.order_by("name_th"),
        required=False,
        label=_("กระทรวงผู้พิจารณา"),
        empty_label=_("ทุกกระทรวง"),
    )
    category = forms.ModelChoiceField(
        queryset=WorkCategory.objects.order_by("name_th"),
        required=False,
        label=_("หมวดงาน"),
        empty_label=_("ทุกหมวดงาน"),
    )
    programme = forms.ModelChoiceField(queryset=None, required=False, label=_("แผนงาน"), empty_label=_("ทุกแผนงาน"))
    status = forms.ChoiceField(required=False, label=_("สถานะ"))
    metric = forms.ChoiceField(required=False, label=_("แสดงบนแผนที่"), choices=list(METRICS.items()))
    by = forms.ChoiceField(required=False, label=_("จำแนกตาม"), choices=list(DIMENSIONS.items()))
    # drill-down only: hidden on the pages, kept in the links
    strategy = forms.IntegerField(required=False, min_value=0, max_value=MAX_ID, widget=forms.HiddenInput)
    flag = forms.ChoiceField(required=False, choices=[(f, f) for f in FLAG_FILTERS], widget=forms.HiddenInput)

    def __init__(self, data, *, scope: DashboardScope):
        from reviews.models import Programme

        super().__init__(data)
        self.scope = scope
        self.fields["cluster"].queryset = clusters_of_year(scope)
        self.fields["province"].queryset = provinces_of_scope(scope)
        self.fields["programme"].queryset = Programme.objects.filter(fiscal_year=scope.fiscal_year).order_by("name")
        self.fields["status"].choices = [("", _("ทุกสถานะ"))] + [c for c in Status.choices if c[0] != Status.DRAFT]

    def filters(self) -> DashboardFilters:
        """The valid choices (an invalid one is dropped; its message shows on the form)."""
        self.is_valid()  # an invalid field is left out of cleaned_data
        data = self.cleaned_data

        def pk(name):
            value = data.get(name)
            return value.pk if value is not None else None

        return DashboardFilters(
            cluster_id=pk("cluster"),
            province_id=pk("province"),
            ministry_id=pk("ministry"),
            category_id=pk("category"),
            programme_id=pk("programme"),
            status=data.get("status") or None,
            strategy_id=data.get("strategy"),
            flag=data.get("flag") or None,
        )

    def chosen_metric(self) -> str:
        self.is_valid()
        return self.cleaned_data.get("metric") or "amount"

    def chosen_dimension(self) -> str:
        self.is_valid()
        return self.cleaned_data.get("by") or "ministry"


def filter_query(filters: DashboardFilters, fiscal_year: int, **extra) -> str:
    """The query string of these filters (links between the dashboard pages keep them)."""
    from urllib.parse import urlencode

    names = {
        "cluster_id": "cluster",
        "province_id": "province",
        "ministry_id": "ministry",
        "category_id": "category",
        "programme_id": "programme",
        "status": "status",
        "strategy_id": "strategy",
        "flag": "flag",
    }
    params = {"fiscal_year": fiscal_year}
    params.update({names[k]: v for k, v in filters.as_query().items()})
    params.update({k: v for k, v in extra.items() if v is not None})
    return urlencode(params)
