from django.urls import path

from proposals import apis, apis_joint
from proposals.views import calendar, cluster, joint, plans, requests

urlpatterns = [
    path("plans/", plans.plan_list_view, name="plan-list"),
    path("plans/new/", plans.plan_create_view, name="plan-create"),
    path("plans/<int:pk>/", plans.plan_detail_view, name="plan-detail"),
    path("plans/<int:pk>/edit/", plans.plan_edit_view, name="plan-edit"),
    path("plans/<int:pk>/approval/", plans.plan_approval_view, name="plan-approval"),
    path("plans/<int:pk>/analysis/", joint.plan_analysis_view, name="plan-analysis"),
    path("plans/<int:pk>/print/", plans.plan_print_view, name="plan-print"),
    path("plans/<int:pk>/export.xlsx", plans.plan_export_view, name="plan-export"),
    path("plans/<int:pk>/template.xlsx", plans.plan_template_view, name="plan-template"),
    path("plans/<int:pk>/import/", plans.plan_import_view, name="plan-import"),
    path("plans/<int:plan_pk>/requests/new/", requests.request_create_view, name="request-create"),
    path("requests/", requests.request_list_view, name="request-list"),
    path("requests/export.xlsx", requests.request_export_view, name="request-export"),
    path("requests/<int:pk>/", requests.request_detail_view, name="request-detail"),
    path("requests/<int:pk>/edit/", requests.request_edit_view, name="request-edit"),
    path("requests/<int:pk>/joint/", joint.request_joint_view, name="request-joint"),
    path("requests/<int:pk>/coordinator/", joint.request_coordinator_view, name="request-coordinator"),
    path("requests/<int:pk>/history/", requests.request_history_view, name="request-history"),
    path("requests/<int:pk>/transition/", requests.request_transition_view, name="request-transition"),
    path("requests/<int:pk>/submit/", requests.request_submit_confirm_view, name="request-submit-confirm"),
    path("requests/<int:pk>/move/<str:direction>/", plans.request_move_view, name="request-move"),
    path("requests/<int:pk>/rank/", plans.request_rank_view, name="request-rank"),
    path("requests/<int:pk>/attachments/", requests.attachment_add_view, name="attachment-add"),
    path("attachments/<int:pk>/", requests.attachment_download_view, name="attachment-download"),
    path("attachments/<int:pk>/delete/", requests.attachment_delete_view, name="attachment-delete"),
    path("cluster/", cluster.cluster_board_view, name="cluster-board"),
    path("cluster/merge/", cluster.cluster_merge_view, name="cluster-merge"),
    path("calendar/", calendar.calendar_view, name="calendar"),
    path("calendar/edit/", calendar.calendar_edit_view, name="calendar-edit"),
    path("calendar/approval/", calendar.calendar_approval_view, name="calendar-approval"),
    path("calendar/extensions/", calendar.calendar_extension_view, name="calendar-extension"),
]

# Mounted under /api/v1/ by portal/urls.py (namespace "api").
api_urlpatterns = [
    path("plans/", apis.PlanListApi.as_view(), name="plan-list"),
    path("plans/<int:pk>/", apis.PlanDetailApi.as_view(), name="plan-detail"),
    path("plans/<int:pk>/ranks/", apis.PlanRankApi.as_view(), name="plan-ranks"),
    path("plans/<int:pk>/approval/", apis.PlanApprovalApi.as_view(), name="plan-approval"),
    path("requests/", apis.RequestListApi.as_view(), name="request-list"),
    path("requests/<int:pk>/", apis.RequestDetailApi.as_view(), name="request-detail"),
    path("requests/<int:pk>/transition/", apis.RequestTransitionApi.as_view(), name="request-transition"),
    path("requests/<int:pk>/events/", apis.RequestEventListApi.as_view(), name="request-events"),
    path("requests/<int:pk>/joint/", apis_joint.RequestJointApi.as_view(), name="request-joint"),
    path("requests/<int:pk>/coordinator/", apis_joint.RequestCoordinatorApi.as_view(), name="request-coordinator"),
    path("plans/<int:pk>/analysis/", apis_joint.PlanAnalysisApi.as_view(), name="plan-analysis"),
]
