import django_filters
from django.utils.translation import gettext_lazy as _

from ministries.models import Department, FieldOffice, Ministry, MinistryStrategy
from portal.filters import FiscalYearValidityFilterSet


class MinistryFilter(FiscalYearValidityFilterSet):
    class Meta:
        model = Ministry
        fields = ["fiscal_year"]


class DepartmentFilter(FiscalYearValidityFilterSet):
    class Meta:
        model = Department
        fields = ["ministry", "is_policy_office", "fiscal_year"]


class FieldOfficeFilter(FiscalYearValidityFilterSet):
    kind = django_filters.CharFilter(field_name="kind__code", label=_("ประเภท"))

    class Meta:
        model = FieldOffice
        fields = ["kind", "province", "fiscal_year"]


class MinistryStrategyFilter(django_filters.FilterSet):
    fiscal_year = django_filters.NumberFilter(method="filter_year", label=_("ปีงบประมาณ (พ.ศ.)"))

    class Meta:
        model = MinistryStrategy
        fields = ["ministry", "fiscal_year"]

    def filter_year(self, queryset, name, value):
        return queryset.filter(period_start__lte=value, period_end__gte=value)
