"""Public channel pages under /library/ and its API under /api/v1/library/ (R10-R13)."""

from django.urls import path

from library import apis
from library.views import directory, documents, kpis, mechanisms, plans, workshops, zoning

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
    path("library/joint-kpis/<int:kpi_id>/respond/", kpis.joint_kpi_respond, name="joint-kpi-respond"),
    path("library/joint-kpis/request-kpi/<int:kpi_id>/answer/", kpis.request_kpi_answer, name="request-kpi-answer"),
    # workshops (R13)
    path("library/workshops/", workshops.workshop_list, name="workshop-list"),
    path("library/workshops/new/", workshops.workshop_create, name="workshop-create"),
    path("library/workshops/<int:workshop_id>/", workshops.workshop_detail, name="workshop-detail"),
    path("library/workshops/<int:workshop_id>/edit/", workshops.workshop_edit, name="workshop-edit"),
    # plans a request cites, industrial-zoning proposals (R22)
    path("library/requests/<int:request_id>/plans/", plans.request_plan_cite, name="request-plan-cite"),
    path(
        "library/requests/<int:request_id>/plans/<int:citation_id>/delete/",
        plans.request_plan_uncite,
        name="request-plan-uncite",
    ),
    path("library/zoning/", zoning.zoning_list, name="zoning-list"),
    path("library/zoning/new/", zoning.zoning_create, name="zoning-create"),
    path("library/zoning/<int:proposal_id>/", zoning.zoning_detail, name="zoning-detail"),
    path("library/zoning/<int:proposal_id>/receive/", zoning.zoning_receive, name="zoning-receive"),
    path("library/zoning/<int:proposal_id>/answer/", zoning.zoning_answer, name="zoning-answer"),
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
    path("library/joint-kpis/proposals/", apis.JointKPIProposalListApi.as_view(), name="library-joint-kpi-proposals"),
    path(
        "library/joint-kpis/<int:kpi_id>/respond/", apis.JointKPIRespondApi.as_view(), name="library-joint-kpi-respond"
    ),
    path(
        "library/joint-kpis/request-kpi/<int:kpi_id>/answer/",
        apis.RequestKPIAnswerApi.as_view(),
        name="library-request-kpi-answer",
    ),
    path("library/workshops/", apis.WorkshopListApi.as_view(), name="library-workshop-list"),
    path("library/workshops/<int:workshop_id>/", apis.WorkshopDetailApi.as_view(), name="library-workshop-detail"),
    path("library/requests/<int:request_id>/plans/", apis.RequestPlanListApi.as_view(), name="library-request-plans"),
    path(
        "library/requests/<int:request_id>/plans/<int:citation_id>/",
        apis.RequestPlanDeleteApi.as_view(),
        name="library-request-plan-delete",
    ),
    path("library/zoning/", apis.ZoningProposalListApi.as_view(), name="library-zoning-list"),
    path("library/zoning/<int:proposal_id>/", apis.ZoningProposalDetailApi.as_view(), name="library-zoning-detail"),
    path(
        "library/zoning/<int:proposal_id>/receive/",
        apis.ZoningProposalReceiveApi.as_view(),
        name="library-zoning-receive",
    ),
    path(
        "library/zoning/<int:proposal_id>/answer/", apis.ZoningProposalAnswerApi.as_view(), name="library-zoning-answer"
    ),
]
