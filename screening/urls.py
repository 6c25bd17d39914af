"""URLs of the screening area (namespace "screening", included by portal/urls.py)."""

from django.urls import path

from screening import apis, views

urlpatterns = [
    path("requests/<int:request_id>/duplicates/", views.request_flags, name="request-flags"),
    path("requests/<int:request_id>/rescreen/", views.request_rescreen_view, name="request-rescreen"),
    path("screening/", views.flag_overview, name="overview"),
    path("screening/our-lines/", views.line_flags, name="line-flags"),
    path("screening/flags/<int:flag_id>/", views.flag_detail, name="flag-detail"),
    path("screening/flags/<int:flag_id>/owner-answer/", views.flag_owner_answer_view, name="flag-owner-answer"),
    path("screening/flags/<int:flag_id>/respond/", views.flag_respond_view, name="flag-respond"),
    path("screening/flags/<int:flag_id>/rule/", views.flag_rule_view, name="flag-rule"),
    path("screening/draft-check/", views.draft_check, name="draft-check"),
]

# Added to portal.urls' api_patterns (namespace "api").
api_urlpatterns = [
    path("requests/<int:request_id>/flags/", apis.RequestFlagListApi.as_view(), name="request-flags"),
    path("requests/<int:request_id>/rescreen/", apis.RequestRescreenApi.as_view(), name="request-rescreen"),
    path("line-flags/", apis.LineFlagListApi.as_view(), name="line-flags"),
    path("flags/<int:flag_id>/", apis.FlagDetailApi.as_view(), name="flag-detail"),
    path("flags/<int:flag_id>/owner-answer/", apis.FlagOwnerAnswerApi.as_view(), name="flag-owner-answer"),
    path("flags/<int:flag_id>/respond/", apis.FlagRespondApi.as_view(), name="flag-respond"),
    path("flags/<int:flag_id>/rule/", apis.FlagRuleApi.as_view(), name="flag-rule"),
]
