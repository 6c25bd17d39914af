"""Public channel pages under /library/ and its API under /api/v1/library/ (R10-R13)."""

from django.urls import path

from library import apis
from library.views import directory, documents, kpis, mechanisms

urlpatterns = [
    # plans library (R11)
    path("library/", documents.document_list, name="document-list"),
    path("library/documents/new/", documents.document_create, name="document-create"),
    path("library/documents/<slug:slug>/", documents.document_detail, name="document-detail"),
    path("library/documents/<slug:slug>/edit/", documents.document_edit, name="document-edit"),
    path("library/documents/<slug:slug>/versions/new/", documents.document_version_add, name="document-version-add"),
    path("library/documents/<slug:slug>/download/", documents.document_download, name="document-download"),
    path(
        "library/documents/<slug:slug>/versions/<int:number>/download/",
        documents.document_download,
        name="document-version-download",
    ),
    path("library/action-plans/", documents.plan_publish_list, name="plan-publish-list"),
    path("library/action-plans/<int:plan_id>/publish/", documents.plan_publish, name="plan-publish"),
    # directory (R12)
    path("library/directory/", directory.directory, name="directory"),
    path("library/directory/new/", directory.directory_entry_create, name="directory-entry-create"),
    path("library/directory/<int:entry_id>/", directory.directory_entry, name="directory-entry"),
    path("library/directory/<int:entry_id>/edit/", directory.directory_entry_edit, name="directory-entry-edit"),
    path("library/directory/<int:entry_id>/delete/", directory.directory_entry_delete, name="directory-entry-delete"),
    # coordination mechanisms (R10)
    path("library/mechanisms/", mechanisms.mechanism_list, name="mechanism-list"),
    path("library/mechanisms/new/", mechanisms.resource_type_create, name="resource-type-create"),
    path("library/mechanisms/<slug:code>/", mechanisms.mechanism_detail, name="mechanism-detail"),
    path("library/mechanisms/<slug:code>/nodes/", mechanisms.mechanism_node_add, name="mechanism-node-add"),
    path(
        "library/mechanisms/<slug:code>/nodes/<int:node_id>/",
        mechanisms.mechanism_node_edit,
        name="mechanism-node-edit",
    ),
    path(
        "library/mechanisms/<slug:code>/nodes/<int:node_id>/delete/",
        mechanisms.mechanism_node_delete,
        name="mechanism-node-delete",
    ),
    path("library/mechanisms/<slug:code>/links/", mechanisms.mechanism_link_add, name="mechanism-link-add"),
    path(
        "library/mechanisms/<slug:code>/links/<int:link_id>/delete/",
        mechanisms.mechanism_link_delete,
        name="mechanism-link-delete",
    ),
    # joint KPIs (R13)
    path("library/joint-kpis/", kpis.joint_kpis, name="joint-kpis"),
    path("library/joint-kpis/<int:year>/", kpis.joint_kpis, name="joint-kpis-year"),
    path("library/joint-kpis/new/", kpis.joint_kpi_create, name="joint-kpi-create"),
    path("library/joint-kpis/workshop/<int:kpi_id>/edit/", kpis.joint_kpi_edit, name="joint-kpi-edit"),
    path("library/joint-kpis/request-kpi/<int:kpi_id>/result/", kpis.request_kpi_result, name="request-kpi-result"),
]

api_urlpatterns = [
    path("library/documents/", apis.DocumentListApi.as_view(), name="library-document-list"),
    path("library/documents/<slug:slug>/", apis.DocumentDetailApi.as_view(), name="library-document-detail"),
    path(
        "library/documents/<slug:slug>/versions/",
        apis.DocumentVersionCreateApi.as_view(),
        name="library-document-version-create",
    ),
    path(
        "library/action-plans/<int:plan_id>/publish/", apis.ActionPlanPublishApi.as_view(), name="library-plan-publish"
    ),
    path("library/directory/", apis.DirectoryEntryListApi.as_view(), name="library-directory-list"),
    path("library/directory/<int:entry_id>/", apis.DirectoryEntryDetailApi.as_view(), name="library-directory-detail"),
    path("library/mechanisms/", apis.ResourceTypeListApi.as_view(), name="library-mechanism-list"),
    path("library/mechanisms/<slug:code>/", apis.ResourceTypeDetailApi.as_view(), name="library-mechanism-detail"),
    path(
        "library/mechanisms/<slug:code>/nodes/",
        apis.MechanismNodeCreateApi.as_view(),
        name="library-mechanism-node-create",
    ),
    path(
        "library/mechanisms/<slug:code>/links/",
        apis.MechanismLinkCreateApi.as_view(),
        name="library-mechanism-link-create",
    ),
    path("library/joint-kpis/", apis.JointKPIListApi.as_view(), name="library-joint-kpi-list"),
    path("library/joint-kpis/<int:kpi_id>/", apis.JointKPIDetailApi.as_view(), name="library-joint-kpi-detail"),
]
