from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from clusters.urls import api_urlpatterns as cluster_api
from library.urls import api_urlpatterns as library_api
from ministries.urls import api_urlpatterns as ministry_api
from portal import apis, views, views_settings
from proposals.urls import api_urlpatterns as proposal_api
from reviews.urls import api_urlpatterns as review_api
from screening.urls import api_urlpatterns as screening_api

api_patterns = [
    path("", apis.ApiRootApi.as_view(), name="root"),
    path("me/", apis.MeApi.as_view(), name="me"),
    path("schema/", SpectacularAPIView.as_view(permission_classes=[apis.ApiDocsPermission]), name="schema"),
    path(
        "docs/",
        SpectacularSwaggerView.as_view(url_name="api:schema", permission_classes=[apis.ApiDocsPermission]),
        name="docs",
    ),
    *cluster_api,
    *ministry_api,
    *proposal_api,
    *library_api,
    *screening_api,
    *review_api,
]

urlpatterns = [
    path("", views.home, name="home"),
    path("about/", views.about, name="about"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("healthz", views.healthz, name="healthz"),
    path("notifications/read/", views.notifications_mark_read, name="notifications-read"),
    path("accounts/login/", views_settings.PortalLoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/password/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("accounts/password/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    # before Django's own i18n URLs: the header switch also stores a signed-in person's language
    path("i18n/setlang/", views_settings.language_set_view, name="set_language"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("settings/", views_settings.preference_view, name="preferences"),
    path("admin/", admin.site.urls),
    path("api/v1/", include((api_patterns, "api"))),
]

# Each area's pages, under its own URL namespace.
urlpatterns += [
    path("", include(("clusters.urls", "clusters"))),  # place pickers (gazetteer option lists)
    path("", include(("proposals.urls", "proposals"))),  # plans, requests, workflow, calendar, cluster board
    path("", include(("ministries.urls", "ministries"))),  # budget lines and their import
    path("", include(("screening.urls", "screening"))),  # duplicate flags, rulings, budget line import
    path("", include(("reviews.urls", "reviews"))),  # reviewer queue, framework, envelopes, agenda, dashboard
    path("", include(("library.urls", "library"))),  # public channel: plans library, directory, mechanisms, joint KPIs
]

# No URL serves MEDIA_ROOT, in any mode (issue 13): uploaded files leave the server only through
# views that fetch them with access_* (proposals: attachment-download, library: document-download).

handler404 = "portal.errors.not_found"
handler403 = "portal.errors.forbidden"
handler500 = "portal.errors.server_error"
