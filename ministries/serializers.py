from rest_framework import serializers

from ministries.models import (
    BudgetLine,
    CentralAgency,
    Department,
    FieldOffice,
    Ministry,
    MinistryStrategy,
    StrategicGoal,
    WorkCategory,
)


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
        ]
