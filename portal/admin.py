from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin

from portal.models import Committee, CommitteeMeeting, FiscalYear, Membership, OutboxMessage

admin.site.site_header = "ระบบบูรณาการคำของบประมาณจังหวัดและกลุ่มจังหวัด"
admin.site.site_title = "ผู้ดูแลระบบ"


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    fk_name = "user"


admin.site.unregister(get_user_model())


@admin.register(get_user_model())
class PortalUserAdmin(UserAdmin):
    inlines = [MembershipInline]


@admin.register(FiscalYear)
class FiscalYearAdmin(admin.ModelAdmin):
    list_display = ["year", "is_current", "plan_approval_required", "note"]
    list_editable = ["plan_approval_required"]


@admin.register(Committee)
class CommitteeAdmin(admin.ModelAdmin):
    list_display = ["abbreviation", "name_th", "secretariat", "valid_from", "valid_to"]


@admin.register(CommitteeMeeting)
class CommitteeMeetingAdmin(admin.ModelAdmin):
    list_display = ["committee", "fiscal_year", "number", "date"]
    list_filter = ["fiscal_year"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "organisation", "is_active"]
    list_filter = ["role", "is_active"]
    search_fields = ["user__username", "user__first_name", "user__last_name"]


@admin.register(OutboxMessage)
class OutboxMessageAdmin(admin.ModelAdmin):
    """Read-only: work waiting after a commit, and the rows that gave up (issue 13 item 2)."""

    list_display = ["id", "task_name", "created_at", "attempts", "available_at", "started_at", "done_at", "last_error"]
    list_filter = ["task_name", ("done_at", admin.EmptyFieldListFilter)]
    search_fields = ["dedupe_key", "last_error"]
    readonly_fields = [f.name for f in OutboxMessage._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
