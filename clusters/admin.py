from django.contrib import admin

from clusters.hooks import offices_renamed
from clusters.models import Cluster, ClusterMembership, Office, Province, Region, StrategicIssue


class MembershipInline(admin.TabularInline):
    model = ClusterMembership
    extra = 0
    autocomplete_fields = ["province"]


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["code", "name_th", "name_en"]


@admin.register(Province)
class ProvinceAdmin(admin.ModelAdmin):
    list_display = ["name_th", "name_en", "region", "valid_from", "valid_to"]
    list_filter = ["region"]
    search_fields = ["name_th", "name_en"]


@admin.register(Cluster)
class ClusterAdmin(admin.ModelAdmin):
    list_display = ["name_th", "name_en", "region", "valid_from", "valid_to"]
    list_filter = ["region", "valid_from"]
    search_fields = ["name_th", "name_en"]
    inlines = [MembershipInline]


@admin.register(Office)
class OfficeAdmin(admin.ModelAdmin):
    list_display = ["name_th", "kind", "phone", "email", "valid_from", "valid_to"]
    list_filter = ["kind"]
    search_fields = ["name_th", "name_en"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and "name_th" in form.changed_data:
            offices_renamed(office_ids=[obj.pk])  # the requests' sort key (issue 15)


@admin.register(StrategicIssue)
class StrategicIssueAdmin(admin.ModelAdmin):
    list_display = ["office", "number", "title", "period_start", "period_end"]
    list_filter = ["period_start", "office__kind"]
    search_fields = ["title", "office__name_th"]
    autocomplete_fields = ["office"]
