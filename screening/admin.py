"""Admin of screening: a window on the flags and the task's runs, for support and audit. Flags
are answered and ruled through the services (each is an event on the request) and runs are the
task's claim on its work, so nothing here adds, changes or deletes them."""

from django.contrib import admin

from screening.models import DuplicateFlag, ScreeningRun


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(DuplicateFlag)
class DuplicateFlagAdmin(ReadOnlyAdmin):
    list_display = ["request", "level", "score", "state", "budget_line", "other_request", "screened_revision"]
    list_filter = ["level", "state", "planner_response_kind", "request__fiscal_year"]
    list_select_related = ["request", "budget_line", "other_request"]
    search_fields = ["request__reference", "request__title", "budget_line__source_ref"]
    raw_id_fields = ["request", "budget_line", "other_request"]


@admin.register(ScreeningRun)
class ScreeningRunAdmin(ReadOnlyAdmin):
    list_display = ["request", "revision", "lines_version", "status", "attempts", "flags_stored", "finished_at"]
    list_filter = ["status"]
    list_select_related = ["request"]
    search_fields = ["request__reference"]
    raw_id_fields = ["request"]
