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


# --- reviews, programmes and the committee agenda (issue 5). Decisions and agenda moves go
# through the services (they change statuses and envelopes), so these are read-mostly here.
from proposals.models.reviews import Agenda, AgendaItem, Programme, ProgrammeItem, Review  # noqa: E402


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Review)
class ReviewAdmin(ReadOnlyAdmin):
    list_display = ["request", "decision", "reviewer", "created_at"]
    list_filter = ["decision"]


class ProgrammeItemInline(admin.TabularInline):
    model = ProgrammeItem
    extra = 0
    can_delete = False
    readonly_fields = [f.name for f in ProgrammeItem._meta.fields]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "fiscal_year"]
    list_filter = ["fiscal_year", "kind"]
    inlines = [ProgrammeItemInline]


class AgendaItemInline(ProgrammeItemInline):
    model = AgendaItem
    readonly_fields = [f.name for f in AgendaItem._meta.fields]


@admin.register(Agenda)
class AgendaAdmin(admin.ModelAdmin):
    list_display = ["title", "fiscal_year", "status"]
    list_filter = ["fiscal_year", "status"]
    readonly_fields = ["status"]
    inlines = [AgendaItemInline]
