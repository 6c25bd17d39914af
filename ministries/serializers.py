from rest_framework import serializers

from ministries.models import (
    BudgetLine,
    CentralAgency,
    Department,
    FieldOffice,
    Ministry,
    MinistryOutput,
    MinistryStrategy,
    StrategicGoal,
    WorkCategory,
)
from portal.scoping import ScopedPrimaryKeyRelatedField


class MinistrySerializer(serializers.ModelSerializer):
    class Meta:
        model = Ministry
        fields = ["id", "code", "name_th", "name_en", "abbreviation", "valid_from", "valid_to"]


class DepartmentSerializer(serializers.ModelSerializer):
    class Meta:
        model = Department
        fields = ["id", "code", "ministry", "name_th", "name_en", "is_policy_office", "valid_from", "valid_to"]


class FieldOfficeSerializer(serializers.ModelSerializer):
    kind = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = FieldOffice
        fields = ["id", "kind", "province", "name_th", "phone", "email"]


class StrategicGoalSerializer(serializers.ModelSerializer):
    class Meta:
        model = StrategicGoal
        fields = ["number", "title"]


class MinistryStrategySerializer(serializers.ModelSerializer):
    goals = StrategicGoalSerializer(many=True, read_only=True)

    class Meta:
        model = MinistryStrategy
        fields = ["id", "ministry", "period_start", "period_end", "number", "title", "target_industry", "goals"]


class CentralAgencySerializer(serializers.ModelSerializer):
    class Meta:
        model = CentralAgency
        fields = ["id", "code", "abbreviation", "name_th", "name_en", "role_th"]


class WorkCategorySerializer(serializers.ModelSerializer):
    class Meta:
        model = WorkCategory
        fields = ["id", "code", "name_th", "name_en", "is_natural_resource"]


class BudgetLineSerializer(serializers.ModelSerializer):
    ministry_name = serializers.CharField(source="ministry_text")
    unit = serializers.CharField(source="unit_text")
    # R6: where the line comes from (a ministry's own request of the cycle, a budget document, enacted)
    source_label = serializers.CharField(source="get_source_display", read_only=True)

    class Meta:
        model = BudgetLine
        fields = [
            "id",
            "source_ref",
            "fiscal_year",
            "ministry",
            "ministry_name",
            "department",
            "unit",
            "budget_plan",
            "output",
            "project",
            "category",
            "item_text",
            "amount",
            "ref_doc",
            "page",
            "obliged",
            "is_provincial",
            "facts",
            "source",
            "source_label",
        ]


class OwnRequestLineSerializer(serializers.ModelSerializer):
    """A ministry's own request of the cycle (R6): its owner, who entered it, its REF as typed."""

    ref = serializers.CharField(source="own_ref", read_only=True)
    unit = serializers.CharField(source="unit_text")
    source_label = serializers.CharField(source="get_source_display", read_only=True)
    uploaded_by = serializers.CharField(source="uploaded_by.get_full_name", default="", read_only=True)

    class Meta:
        model = BudgetLine
        fields = [
            "id",
            "ref",
            "source_ref",
            "fiscal_year",
            "ministry",
            "department",
            "unit",
            "budget_plan",
            "output",
            "project",
            "category",
            "item_text",
            "amount",
            "source",
            "source_label",
            "uploaded_by",
            "updated_at",
        ]


class MinistryOutputSerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    # public registries as references; whether the user keeps this ministry's list is the service's
    ministry = ScopedPrimaryKeyRelatedField(queryset=Ministry.objects.all())
    department = ScopedPrimaryKeyRelatedField(queryset=Department.objects.all(), required=False, allow_null=True)

    class Meta:
        validators = []  # the service answers a repeated name (the partial unique constraints)
        extra_kwargs = {"fiscal_year": {"min_value": 2400, "max_value": 2700}}
        model = MinistryOutput
        fields = [
            "id",
            "fiscal_year",
            "ministry",
            "department",
            "kind",
            "kind_label",
            "name",
            "is_active",
            "from_lines",
        ]
