import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from clusters.models import Cluster, ClusterMembership, Office, Province, StrategicIssue
from portal.filters import FiscalYearValidityFilterSet
from portal.scoping import id_param


class ProvinceFilter(FiscalYearValidityFilterSet):
    region = django_filters.CharFilter(field_name="region__code", label=_("ภาค"))
    cluster = django_filters.NumberFilter(method="filter_cluster", label=_("กลุ่มจังหวัด"))
    q = django_filters.CharFilter(method="filter_q", label=_("ค้นหา"))

    class Meta:
        model = Province
        fields = ["region", "cluster", "fiscal_year"]

    def filter_cluster(self, queryset, name, value):
        if id_param(int(value)) is None:  # a number past 64 bits names no cluster
            return queryset.none()
        memberships = ClusterMembership.objects.filter(cluster_id=value)
        year = self.data.get("fiscal_year")
        if year and str(year).isdecimal():
            memberships = memberships.for_fiscal_year(int(year))
        return queryset.filter(pk__in=memberships.values("province"))

    def filter_q(self, queryset, name, value):
        return queryset.filter(Q(name_th__icontains=value) | Q(name_en__icontains=value))


class ClusterFilter(FiscalYearValidityFilterSet):
    region = django_filters.CharFilter(field_name="region__code", label=_("ภาค"))

    class Meta:
        model = Cluster
        fields = ["region", "fiscal_year"]


class OfficeFilter(FiscalYearValidityFilterSet):
    class Meta:
        model = Office
        fields = ["kind", "province", "cluster", "fiscal_year"]


class StrategicIssueFilter(django_filters.FilterSet):
    fiscal_year = django_filters.NumberFilter(method="filter_year", label=_("ปีงบประมาณ (พ.ศ.)"))

    class Meta:
        model = StrategicIssue
        fields = ["office", "fiscal_year"]

    def filter_year(self, queryset, name, value):
        return queryset.filter(period_start__lte=value, period_end__gte=value)
