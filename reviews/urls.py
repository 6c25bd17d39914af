"""Pages (namespace "reviews") and API routes (added to /api/v1/ by portal/urls.py) of the review area."""

from django.urls import path

from reviews import apis, views
from reviews.apis import dashboards as dashboard_apis
from reviews.apis import divergences as divergence_apis
from reviews.views import dashboards, divergences

urlpatterns = [
    path("reviews/", views.queue, name="queue"),
    path("reviews/bulk/", views.bulk, name="bulk"),
    path("reviews/requests/<int:pk>/", views.decide, name="decide"),
    path("reviews/requests/<int:pk>/assign/", views.assign, name="assign"),
    path("reviews/requests/<int:pk>/reviewer/", views.reassign_reviewer, name="reassign-reviewer"),
    path("reviews/requests/<int:pk>/opinion/", views.opinion, name="opinion"),
    path("reviews/requests/<int:pk>/merge-consent/", views.merge_consent, name="merge-consent"),
    path("reviews/requests/<int:pk>/referral/", views.referral, name="referral"),
    path("reviews/framework/", views.framework, name="framework"),
    path("reviews/alignment-map/", views.alignment_map, name="alignment-map"),
    path("reviews/alignment-map/<int:pk>/delete/", views.alignment_map_delete, name="alignment-map-delete"),
    path("reviews/divergences/", divergences.divergence_list, name="divergence-list"),
    path("reviews/divergences/<int:pk>/", divergences.divergence_detail, name="divergence-detail"),
    path("reviews/cluster-issues/", divergences.cluster_issues, name="cluster-issues"),
    path("reviews/framework/pick/", views.framework_pick, name="framework-pick"),
    path("reviews/framework/check/", views.framework_check, name="framework-check"),
    path("reviews/framework/<int:category_id>/<int:ministry_id>/", views.framework_cell, name="framework-cell"),
    path("reviews/envelopes/", views.envelope_list, name="envelope-list"),
    path("reviews/envelopes/<int:pk>/", views.envelope_detail, name="envelope-detail"),
    path("reviews/programmes/", views.programme_list, name="programme-list"),
    path("reviews/programmes/<int:pk>/", views.programme_detail, name="programme-detail"),
    path("reviews/programmes/<int:pk>/support/", views.programme_support, name="programme-support"),
    path(
        "reviews/programmes/<int:pk>/ranks/<int:ministry_id>/<int:request_id>/withdraw/",
        views.programme_support_withdraw_view,
        name="programme-support-withdraw",
    ),
    path(
        "reviews/programmes/<int:pk>/ranks/<int:ministry_id>/<int:request_id>/<str:direction>/",
        views.programme_rank_move_view,
        name="programme-rank-move",
    ),
    path("reviews/programmes/items/<int:pk>/remove/", views.programme_item_remove, name="programme-item-remove"),
    path("reviews/agendas/", views.agenda_list, name="agenda-list"),
    path("reviews/agendas/<int:pk>/", views.agenda_detail, name="agenda-detail"),
    path("reviews/agendas/<int:pk>/items/", views.agenda_add, name="agenda-add"),
    path("reviews/agendas/<int:pk>/finalise/", views.agenda_finalise, name="agenda-finalise"),
    path("reviews/agendas/<int:pk>/items/<int:item_id>/decision/", views.agenda_decide, name="agenda-decide"),
    path("reviews/agendas/<int:pk>/pack.xlsx", views.agenda_xlsx, name="agenda-xlsx"),
    path("reviews/agendas/<int:pk>/print/", views.agenda_print, name="agenda-print"),
    path("reviews/dashboard/", dashboards.dashboard, name="dashboard"),  # the first dashboard's address
    path("reviews/dashboards/", dashboards.dashboards, name="dashboards"),
    path("reviews/dashboards/matrix/", dashboards.dashboards_matrix, name="dashboards-matrix"),
    path("reviews/dashboards/by/", dashboards.dashboards_table, name="dashboards-table"),
    path("reviews/dashboards/requests/", dashboards.dashboards_requests, name="dashboards-requests"),
    path("reviews/dashboards/export.xlsx", dashboards.dashboards_xlsx, name="dashboards-xlsx"),
    path("reviews/dashboards/briefing/", dashboards.dashboards_briefing, name="dashboards-briefing"),
]

api_urlpatterns = [
    path("reviews/queue/", apis.ReviewQueueListApi.as_view(), name="review-queue"),
    path("reviews/bulk/", apis.ReviewBulkApi.as_view(), name="review-bulk"),
    path("reviews/requests/<int:pk>/", apis.ReviewDetailApi.as_view(), name="review-detail"),
    path("reviews/requests/<int:pk>/decision/", apis.ReviewDecisionApi.as_view(), name="review-decision"),
    path("reviews/requests/<int:pk>/assign/", apis.ReviewAssignApi.as_view(), name="review-assign"),
    path("reviews/requests/<int:pk>/reviewer/", apis.ReviewerReassignApi.as_view(), name="review-reassign"),
    path("reviews/requests/<int:pk>/opinions/", apis.RequestOpinionsApi.as_view(), name="review-opinions"),
    path("reviews/requests/<int:pk>/merge-consent/", apis.MergeConsentApi.as_view(), name="review-merge-consent"),
    path("reviews/requests/<int:pk>/referral/", apis.ReferralApi.as_view(), name="review-referral"),
    path("envelopes/", apis.EnvelopeListApi.as_view(), name="envelope-list"),
    path("envelopes/<int:pk>/", apis.EnvelopeDetailApi.as_view(), name="envelope-detail"),
    path("envelopes/<int:pk>/raise/", apis.EnvelopeRaiseApi.as_view(), name="envelope-raise"),
    path("framework/rules/", apis.FrameworkRuleListApi.as_view(), name="framework-rules"),
    path("alignment-map/", apis.StrategyMappingListApi.as_view(), name="alignment-map"),
    path("alignment-map/<int:pk>/", apis.StrategyMappingDetailApi.as_view(), name="alignment-map-row"),
    path(
        "requests/<int:request_id>/alignment/",
        divergence_apis.RequestAlignmentApi.as_view(),
        name="request-alignment",
    ),
    path("divergences/", divergence_apis.DivergenceListApi.as_view(), name="alignment-divergence-list"),
    path("divergences/<int:pk>/", divergence_apis.DivergenceDetailApi.as_view(), name="alignment-divergence"),
    path(
        "cluster-issues/<int:office_id>/", divergence_apis.ClusterIssuesApi.as_view(), name="alignment-cluster-issues"
    ),
    path("framework/check/", apis.FrameworkCheckApi.as_view(), name="framework-check"),
    path("programmes/", apis.ProgrammeListApi.as_view(), name="programme-list"),
    path("programmes/<int:pk>/items/", apis.ProgrammeItemsApi.as_view(), name="programme-items"),
    path("programmes/<int:pk>/items/<int:item_id>/", apis.ProgrammeItemRemoveApi.as_view(), name="programme-item"),
    path("programmes/<int:pk>/ranks/", apis.ProgrammeRanksApi.as_view(), name="programme-ranks"),
    path("programmes/<int:pk>/support/", apis.ProgrammeSupportApi.as_view(), name="programme-support"),
    path(
        "programmes/<int:pk>/ranks/<int:ministry_id>/",
        apis.ProgrammeMinistryRanksApi.as_view(),
        name="programme-ministry-ranks",
    ),
    path(
        "programmes/<int:pk>/ranks/<int:ministry_id>/<int:request_id>/",
        apis.ProgrammeSupportWithdrawApi.as_view(),
        name="programme-support-withdraw",
    ),
    path("agendas/", apis.AgendaListApi.as_view(), name="agenda-list"),
    path("agendas/<int:pk>/", apis.AgendaDetailApi.as_view(), name="agenda-detail"),
    path("agendas/<int:pk>/eligible/", apis.AgendaEligibleApi.as_view(), name="agenda-eligible"),
    path("agendas/<int:pk>/items/", apis.AgendaItemAddApi.as_view(), name="agenda-items"),
    path("agendas/<int:pk>/finalise/", apis.AgendaFinaliseApi.as_view(), name="agenda-finalise"),
    path(
        "agendas/<int:pk>/items/<int:item_id>/decision/",
        apis.AgendaItemDecisionApi.as_view(),
        name="agenda-item-decision",
    ),
    path("dashboards/", dashboard_apis.DashboardFiguresApi.as_view(), name="dashboard-figures"),
]
