"""Pages (namespace "ministries") and API routes (added to /api/v1/ by portal/urls.py) of the ministries area."""

from django.urls import path

from ministries import apis, views

urlpatterns = [
    path("budget-lines/", views.budget_line_list_view, name="budget-line-list"),
    path("budget-lines/import/", views.budget_line_import, name="budget-line-import"),
    path("budget-lines/import/<int:batch_id>/", views.budget_line_import_detail, name="budget-line-import-detail"),
    path("own-requests/", views.own_request_list_view, name="own-request-list"),
    path("own-requests/upload/", views.own_request_upload, name="own-request-upload"),
    path("own-requests/template.xlsx", views.own_request_template, name="own-request-template"),
    path("own-requests/new/", views.own_request_edit, name="own-request-new"),
    path("own-requests/<int:line_id>/edit/", views.own_request_edit, name="own-request-edit"),
    path("outputs/", views.output_list_view, name="output-list"),
    path("outputs/<int:output_id>/edit/", views.output_list_view, name="output-edit"),
]

api_urlpatterns = [
    path("ministries/", apis.MinistryListApi.as_view(), name="ministry-list"),
    path("ministries/<int:pk>/", apis.MinistryDetailApi.as_view(), name="ministry-detail"),
    path("departments/", apis.DepartmentListApi.as_view(), name="department-list"),
    path("field-offices/", apis.FieldOfficeListApi.as_view(), name="field-office-list"),
    path("ministry-strategies/", apis.MinistryStrategyListApi.as_view(), name="ministry-strategy-list"),
    path("central-agencies/", apis.CentralAgencyListApi.as_view(), name="central-agency-list"),
    path("work-categories/", apis.WorkCategoryListApi.as_view(), name="work-category-list"),
    path("budget-lines/", apis.BudgetLineListApi.as_view(), name="budget-line-list"),
    path("budget-line-imports/", apis.BudgetLineImportApi.as_view(), name="budget-line-imports"),
    path("own-requests/", apis.OwnRequestListApi.as_view(), name="own-request-list"),
    path("ministry-outputs/", apis.MinistryOutputListApi.as_view(), name="ministry-output-list"),
    path("ministry-outputs/<int:pk>/", apis.MinistryOutputDetailApi.as_view(), name="ministry-output-detail"),
]
