"""The library's search-and-filter form, shared by the public page and the API (R11)."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from clusters.models import Cluster, Province
from library.models import Document, DocumentKind
from library.search import MAX_QUERY_CHARS


class DocumentFilter(django_filters.FilterSet):
    """Validates the query string only; `selectors.document_list` does the filtering and the Thai
    ranking so that the page and the API answer the same way."""

    q = django_filters.CharFilter(
        label=_("ค้นหา (ชื่อหรือคำอธิบาย)"),
        method="noop",
        widget=forms.TextInput(attrs={"type": "search", "maxlength": MAX_QUERY_CHARS * 5}),
    )
    kind = django_filters.ChoiceFilter(
        label=_("ประเภทเอกสาร"), choices=DocumentKind.choices, method="noop", empty_label=_("ทุกประเภท")
    )
    cluster = django_filters.ModelChoiceFilter(
        label=_("กลุ่มจังหวัด"), queryset=Cluster.objects.order_by("name_th"), method="noop", empty_label=_("ทุกกลุ่มจังหวัด")
    )
    province = django_filters.ModelChoiceFilter(
        label=_("จังหวัด"), queryset=Province.objects.order_by("name_th"), method="noop", empty_label=_("ทุกจังหวัด")
    )
    fiscal_year = django_filters.NumberFilter(
        label=_("ปีงบประมาณ (พ.ศ.)"),
        method="noop",
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "placeholder": "2554"}),
    )

    class Meta:
        model = Document
        fields = ["q", "kind", "cluster", "province", "fiscal_year"]

    def noop(self, queryset, name, value):
        return queryset

    def clean_params(self) -> dict:
        """Valid parameters, dropping the invalid ones (a wrong year must not 500 nor empty the page)."""
        form = self.form
        form.is_valid()
        data = getattr(form, "cleaned_data", {}) or {}
        year = data.get("fiscal_year")
        if year is not None and not 2500 <= year <= 2700:
            form.add_error("fiscal_year", _("กรุณากรอกปีเป็นพุทธศักราช (พ.ศ.) เช่น 2554"))
            year = None
        return {
            "raw_query": self.data.get("q", ""),
            "kind": data.get("kind") or None,
            "cluster": data.get("cluster"),
            "province": data.get("province"),
            "fiscal_year": int(year) if year else None,
        }
