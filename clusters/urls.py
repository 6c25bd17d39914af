from django.urls import path

from clusters import apis, views

# Pages of the territory area (namespace "clusters"): the place pickers' option lists.
urlpatterns = [
    path("places/amphoe-options/", views.amphoe_options_view, name="amphoe-options"),
    path("places/tambon-options/", views.tambon_options_view, name="tambon-options"),
]

api_urlpatterns = [
    path("regions/", apis.RegionListApi.as_view(), name="region-list"),
    path("provinces/", apis.ProvinceListApi.as_view(), name="province-list"),
    path("provinces/<int:pk>/", apis.ProvinceDetailApi.as_view(), name="province-detail"),
    path("clusters/", apis.ClusterListApi.as_view(), name="cluster-list"),
    path("clusters/<int:pk>/", apis.ClusterDetailApi.as_view(), name="cluster-detail"),
    path("offices/", apis.OfficeListApi.as_view(), name="office-list"),
    path("strategic-issues/", apis.StrategicIssueListApi.as_view(), name="strategic-issue-list"),
]
