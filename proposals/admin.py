from django.contrib import admin

from proposals.models import ActionPlan, CalendarPhase, DeadlineExtension, ProjectRequest, RequestEvent


@admin.register(CalendarPhase)
class CalendarPhaseAdmin(admin.ModelAdmin):
    list_display = ["fiscal_year", "kind", "opens_on", "closes_on"]
    list_filter = ["fiscal_year"]


@admin.register(DeadlineExtension)
class DeadlineExtensionAdmin(admin.ModelAdmin):
    list_display = ["fiscal_year", "kind", "office", "ministry", "field_office", "closes_on", "granted_by"]


@admin.register(ActionPlan)
class ActionPlanAdmin(admin.ModelAdmin):
    list_display = ["title", "office", "fiscal_year", "status"]
    list_filter = ["fiscal_year", "status"]


@admin.register(ProjectRequest)
class ProjectRequestAdmin(admin.ModelAdmin):
    # status is changed by the workflow service only, never by hand (STYLE habit 3)
    list_display = ["reference", "title", "office", "fiscal_year", "status", "amount"]
    list_filter = ["fiscal_year", "status"]
    search_fields = ["reference", "title"]
    readonly_fields = ["status", "revision"]


@admin.register(RequestEvent)
class RequestEventAdmin(admin.ModelAdmin):
    list_display = ["request", "action", "from_status", "to_status", "actor", "created_at"]

    def has_change_permission(self, request, obj=None):
        return False  # append-only

    def has_delete_permission(self, request, obj=None):
        return False
