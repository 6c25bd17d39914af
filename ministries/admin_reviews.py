"""Admin for the responsibility framework (R5) and support envelopes (R15).

Envelope draws and changes are the audit trail of endorsements: read-only here."""

from django.contrib import admin

from ministries.models.envelopes import EnvelopeChange, EnvelopeDraw, SupportEnvelope
from ministries.models.framework import ResponsibilityRule


@admin.register(ResponsibilityRule)
class ResponsibilityRuleAdmin(admin.ModelAdmin):
    list_display = ["category", "ministry", "department", "province_may_fund", "year_from", "year_to"]
    list_filter = ["ministry", "province_may_fund"]


class DrawInline(admin.TabularInline):
    model = EnvelopeDraw
    extra = 0
    can_delete = False
    readonly_fields = [f.name for f in EnvelopeDraw._meta.fields]

    def has_add_permission(self, request, obj=None):
        return False


class ChangeInline(DrawInline):
    model = EnvelopeChange
    readonly_fields = [f.name for f in EnvelopeChange._meta.fields]


@admin.register(SupportEnvelope)
class SupportEnvelopeAdmin(admin.ModelAdmin):
    list_display = ["ministry", "department", "fiscal_year"]
    list_filter = ["fiscal_year", "ministry"]
    inlines = [DrawInline, ChangeInline]

    def has_change_permission(self, request, obj=None):
        return False  # raised through the envelope page, which records who and why
