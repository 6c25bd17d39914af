import django_filters
from django.utils.translation import gettext_lazy as _


class FiscalYearValidityFilterSet(django_filters.FilterSet):
    """Adds `?fiscal_year=2554` to registries that carry a validity range."""

    fiscal_year = django_filters.NumberFilter(method="filter_fiscal_year", label=_("ปีงบประมาณ (พ.ศ.)"))

    def filter_fiscal_year(self, queryset, name, value):
        return queryset.for_fiscal_year(int(value))
