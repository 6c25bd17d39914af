from rest_framework import generics

from ministries.filters import DepartmentFilter, FieldOfficeFilter, MinistryFilter, MinistryStrategyFilter
from ministries.models import CentralAgency, Department, FieldOffice, Ministry, MinistryStrategy, WorkCategory
from ministries.serializers import (
    CentralAgencySerializer, DepartmentSerializer, FieldOfficeSerializer, MinistrySerializer,
    MinistryStrategySerializer, WorkCategorySerializer,
)


class MinistryListApi(generics.ListAPIView):
    queryset = Ministry.objects.all()
    serializer_class = MinistrySerializer
    filterset_class = MinistryFilter


class MinistryDetailApi(generics.RetrieveAPIView):
    queryset = Ministry.objects.all()
    serializer_class = MinistrySerializer


class DepartmentListApi(generics.ListAPIView):
    queryset = Department.objects.all()
    serializer_class = DepartmentSerializer
    filterset_class = DepartmentFilter


class FieldOfficeListApi(generics.ListAPIView):
    queryset = FieldOffice.objects.select_related("kind")
    serializer_class = FieldOfficeSerializer
    filterset_class = FieldOfficeFilter


class MinistryStrategyListApi(generics.ListAPIView):
    queryset = MinistryStrategy.objects.prefetch_related("goals")
    serializer_class = MinistryStrategySerializer
    filterset_class = MinistryStrategyFilter


class CentralAgencyListApi(generics.ListAPIView):
    queryset = CentralAgency.objects.all()
    serializer_class = CentralAgencySerializer


class WorkCategoryListApi(generics.ListAPIView):
    queryset = WorkCategory.objects.all()
    serializer_class = WorkCategorySerializer
    pagination_class = None
