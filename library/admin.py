from django.contrib import admin

from library.models import (
    DirectoryEntry,
    Document,
    DocumentVersion,
    JointKPI,
    MechanismLink,
    MechanismNode,
    RequestKPIAgreement,
    RequestPlanCitation,
    ResourceType,
    Workshop,
    ZoningProposal,
)


class DocumentVersionInline(admin.TabularInline):
    model = DocumentVersion
    extra = 0
    fields = ["number", "original_name", "content_type", "size", "sha256", "uploaded_by", "uploaded_at"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False  # files go through the upload checks of the library's own pages and API


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "kind",
        "office",
        "ministry",
        "fiscal_year_from",
        "fiscal_year_to",
        "is_published",
        "created_at",
    ]
    list_filter = ["kind", "is_published", "fiscal_year_from"]
    search_fields = ["title", "description", "slug"]
    readonly_fields = ["slug", "created_by", "created_at", "updated_at"]
    autocomplete_fields = ["office", "ministry"]
    inlines = [DocumentVersionInline]

    def save_model(self, request, obj, form, change):
        from library.services.documents import _search_text

        obj.search_text = _search_text(obj)
        super().save_model(request, obj, form, change)


@admin.register(DirectoryEntry)
class DirectoryEntryAdmin(admin.ModelAdmin):
    list_display = ["unit_name", "organisation", "contact_person", "phone", "email", "order"]
    search_fields = ["unit_name", "contact_person", "email"]
    list_filter = ["ministry"]


class MechanismNodeInline(admin.TabularInline):
    model = MechanismNode
    extra = 0
    fields = ["level", "name", "ministry", "department", "field_office_kind", "order"]


class MechanismLinkInline(admin.TabularInline):
    model = MechanismLink
    extra = 0
    fk_name = "resource_type"
    fields = ["source", "target", "label"]


@admin.register(ResourceType)
class ResourceTypeAdmin(admin.ModelAdmin):
    list_display = ["code", "name_th", "name_en", "order"]
    inlines = [MechanismNodeInline, MechanismLinkInline]


@admin.register(JointKPI)
class JointKPIAdmin(admin.ModelAdmin):
    list_display = ["name", "fiscal_year", "ministry", "status", "proposed_side", "target", "unit", "result"]
    list_filter = ["fiscal_year", "status", "ministry"]
    search_fields = ["name"]
    filter_horizontal = ["offices"]


@admin.register(Workshop)
class WorkshopAdmin(admin.ModelAdmin):
    list_display = ["title", "fiscal_year", "held_on", "venue"]
    list_filter = ["fiscal_year"]
    filter_horizontal = ["offices", "ministries"]


@admin.register(RequestKPIAgreement)
class RequestKPIAgreementAdmin(admin.ModelAdmin):
    list_display = ["request", "ministry", "name", "target", "unit", "status", "responded_at"]
    list_filter = ["status"]
    readonly_fields = ["responded_by", "responded_at"]


@admin.register(RequestPlanCitation)
class RequestPlanCitationAdmin(admin.ModelAdmin):
    list_display = ["request", "document", "note", "cited_at"]
    raw_id_fields = ["request", "document"]


@admin.register(ZoningProposal)
class ZoningProposalAdmin(admin.ModelAdmin):
    list_display = ["title", "office", "ministry", "fiscal_year", "status", "created_at"]
    list_filter = ["status", "fiscal_year", "ministry"]
