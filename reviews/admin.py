"""Admin of the review area. Decisions and agenda moves go through the services (they change
statuses and envelopes), so these are read-mostly here."""

from django.contrib import admin

from reviews.models import Agenda, AgendaItem, Programme, ProgrammeItem, Review, StrategyDivergence


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


@admin.register(StrategyDivergence)
class StrategyDivergenceAdmin(admin.ModelAdmin):
    list_display = ["fiscal_year", "strategic_issue", "ministry", "degree", "outcome", "meeting_date"]
    list_filter = ["fiscal_year", "outcome", "ministry"]
    raw_id_fields = ["strategic_issue", "ministry_strategy"]
