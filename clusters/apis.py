"""Read-only registry endpoints; reference data is open to every signed-in user."""

from rest_framework import generics

from clusters.filters import ClusterFilter, OfficeFilter, ProvinceFilter, StrategicIssueFilter
from clusters.models import Cluster, Office, Province, Region, StrategicIssue
from clusters.serializers import (
    ClusterSerializer,
    OfficeSerializer,
    ProvinceSerializer,
    RegionSerializer,
    StrategicIssueSerializer,
)


class RegionListApi(generics.ListAPIView):
    queryset = Region.objects.all()
    serializer_class = RegionSerializer


class ProvinceListApi(generics.ListAPIView):
    queryset = Province.objects.select_related("region")
    serializer_class = ProvinceSerializer
    filterset_class = ProvinceFilter
    ordering_fields = ["name_th", "name_en"]


class ProvinceDetailApi(generics.RetrieveAPIView):
    queryset = Province.objects.select_related("region")
    serializer_class = ProvinceSerializer


class ClusterListApi(generics.ListAPIView):
    queryset = Cluster.objects.select_related("region").prefetch_related("memberships")
    serializer_class = ClusterSerializer
    filterset_class = ClusterFilter

    def get_serializer_context(self):
        context = super().get_serializer_context()
        year = self.request.query_params.get("fiscal_year")
        context["fiscal_year"] = int(year) if year and year.isdecimal() else None
        return context


class ClusterDetailApi(generics.RetrieveAPIView):
    queryset = Cluster.objects.select_related("region").prefetch_related("memberships")
    serializer_class = ClusterSerializer


class OfficeListApi(generics.ListAPIView):
    queryset = Office.objects.all()
    serializer_class = OfficeSerializer
    filterset_class = OfficeFilter


class StrategicIssueListApi(generics.ListAPIView):
    queryset = StrategicIssue.objects.select_related("office")
    serializer_class = StrategicIssueSerializer
    filterset_class = StrategicIssueFilter
