from django.urls import path

from ministries import apis

api_urlpatterns = [
    path("ministries/", apis.MinistryListApi.as_view(), name="ministry-list"),
    path("ministries/<int:pk>/", apis.MinistryDetailApi.as_view(), name="ministry-detail"),
    path("departments/", apis.DepartmentListApi.as_view(), name="department-list"),
    path("field-offices/", apis.FieldOfficeListApi.as_view(), name="field-office-list"),
    path("ministry-strategies/", apis.MinistryStrategyListApi.as_view(), name="ministry-strategy-list"),
    path("central-agencies/", apis.CentralAgencyListApi.as_view(), name="central-agency-list"),
    path("work-categories/", apis.WorkCategoryListApi.as_view(), name="work-category-list"),
]
