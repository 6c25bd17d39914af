from django.contrib import admin

from ministries.models import (
    CentralAgency,
    Department,
    FieldOffice,
    FieldOfficeKind,
    Ministry,
    MinistryStrategy,
    StrategicGoal,
    WorkCategory,
)


class DepartmentInline(admin.TabularInline):
    model = Department
    extra = 0


class GoalInline(admin.TabularInline):
    model = StrategicGoal
    extra = 0


@admin.register(Ministry)
class MinistryAdmin(admin.ModelAdmin):
    list_display = ["name_th", "abbreviation", "name_en", "valid_from", "valid_to"]
    search_fields = ["name_th", "name_en", "abbreviation"]
    inlines = [DepartmentInline]


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ["name_th", "ministry", "is_policy_office", "valid_from", "valid_to"]
    list_filter = ["ministry"]
    search_fields = ["name_th", "name_en"]


@admin.register(WorkCategory)
class WorkCategoryAdmin(admin.ModelAdmin):
    list_display = ["code", "name_th", "name_en", "is_natural_resource", "ordering"]


@admin.register(FieldOfficeKind)
class FieldOfficeKindAdmin(admin.ModelAdmin):
    list_display = ["code", "abbreviation", "name_th", "ministry"]
    filter_horizontal = ["routed_categories"]


@admin.register(FieldOffice)
class FieldOfficeAdmin(admin.ModelAdmin):
    list_display = ["name_th", "kind", "province"]
    list_filter = ["kind"]
    search_fields = ["name_th", "province__name_th"]


@admin.register(MinistryStrategy)
class MinistryStrategyAdmin(admin.ModelAdmin):
    list_display = ["ministry", "number", "title", "period_start", "period_end"]
    list_filter = ["ministry", "period_start"]
    search_fields = ["title"]
    inlines = [GoalInline]


@admin.register(CentralAgency)
class CentralAgencyAdmin(admin.ModelAdmin):
    list_display = ["code", "abbreviation", "name_th"]


from ministries import admin_reviews  # noqa: E402,F401
