"""Directory endpoints (R12)."""

from django.core.exceptions import ValidationError
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response

from clusters.models import Office
from library import selectors, services
from library.apis.common import PublicApi, _validation
from library.models import DirectoryEntry
from ministries.models import CentralAgency, Department, FieldOffice, Ministry
from portal.scoping import ACTING_FOR, ScopedPrimaryKeyRelatedField


class DirectoryEntryOutput(serializers.ModelSerializer):
    organisation = serializers.CharField(source="organisation.__str__")

    class Meta:
        model = DirectoryEntry
        fields = [
            "id",
            "organisation",
            "central_agency",
            "ministry",
            "department",
            "office",
            "field_office",
            "unit_name",
            "coordination_role",
            "contact_person",
            "position",
            "phone",
            "email",
            "website",
            "note",
            "order",
        ]


class DirectoryEntryInput(serializers.Serializer):
    # Each organisation keeps its own entries (R12): the owner is one the user acts for.
    central_agency = ScopedPrimaryKeyRelatedField(
        queryset=CentralAgency.objects.all(), scope_kind=ACTING_FOR, required=False, allow_null=True
    )
    ministry = ScopedPrimaryKeyRelatedField(
        queryset=Ministry.objects.all(), scope_kind=ACTING_FOR, required=False, allow_null=True
    )
    department = ScopedPrimaryKeyRelatedField(
        queryset=Department.objects.all(), scope_kind=ACTING_FOR, required=False, allow_null=True
    )
    office = ScopedPrimaryKeyRelatedField(
        queryset=Office.objects.all(), scope_kind=ACTING_FOR, required=False, allow_null=True
    )
    field_office = ScopedPrimaryKeyRelatedField(
        queryset=FieldOffice.objects.all(), scope_kind=ACTING_FOR, required=False, allow_null=True
    )
    unit_name = serializers.CharField(max_length=200)
    coordination_role = serializers.CharField(required=False, allow_blank=True)
    contact_person = serializers.CharField(required=False, allow_blank=True, max_length=200)
    position = serializers.CharField(required=False, allow_blank=True, max_length=200)
    phone = serializers.CharField(required=False, allow_blank=True, max_length=100)
    email = serializers.EmailField(required=False, allow_blank=True)
    website = serializers.URLField(required=False, allow_blank=True)
    note = serializers.CharField(required=False, allow_blank=True, max_length=300)
    order = serializers.IntegerField(required=False, min_value=0, max_value=32767)


class DirectoryEntryListApi(PublicApi):
    @extend_schema(responses=DirectoryEntryOutput(many=True))
    def get(self, request):
        entries = DirectoryEntry.objects.select_related(
            "central_agency", "ministry", "department", "office", "field_office"
        )
        return Response(DirectoryEntryOutput(entries.order_by("order", "unit_name"), many=True).data)

    @extend_schema(request=DirectoryEntryInput, responses=DirectoryEntryOutput)
    def post(self, request):
        data = DirectoryEntryInput(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        try:
            entry = services.directory_entry_create(user=request.user, **data.validated_data)
        except ValidationError as exc:
            raise _validation(exc) from None
        return Response(DirectoryEntryOutput(entry).data, status=status.HTTP_201_CREATED)


class DirectoryEntryDetailApi(PublicApi):
    @extend_schema(responses=DirectoryEntryOutput)
    def get(self, request, entry_id):
        from django.shortcuts import get_object_or_404

        return Response(DirectoryEntryOutput(get_object_or_404(DirectoryEntry, pk=entry_id)).data)

    @extend_schema(request=DirectoryEntryInput, responses=DirectoryEntryOutput)
    def patch(self, request, entry_id):
        entry = selectors.access_directory_entry(user=request.user, entry_id=entry_id)
        data = DirectoryEntryInput(data=request.data, partial=True, context={"request": request})
        data.is_valid(raise_exception=True)
        try:
            entry = services.directory_entry_update(user=request.user, entry=entry, **data.validated_data)
        except ValidationError as exc:
            raise _validation(exc) from None
        return Response(DirectoryEntryOutput(entry).data)

    @extend_schema(responses={204: None})
    def delete(self, request, entry_id):
        entry = selectors.access_directory_entry(user=request.user, entry_id=entry_id)
        services.directory_entry_delete(user=request.user, entry=entry)
        return Response(status=status.HTTP_204_NO_CONTENT)
