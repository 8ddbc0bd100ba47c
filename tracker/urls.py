from __future__ import annotations

from django.contrib import admin
from django.urls import include, path

from tracker.api import health

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("favicon.ico", health.favicon, name="favicon"),
    path("admin/", admin.site.urls),
    path("accounts/", include("django.contrib.auth.urls")),
    path("api/", include("tracker.api.urls")),
    path("review/", include("tracker.review.urls")),
    path("alerts/", include("tracker.alerts.urls")),
    path("", include("tracker.api.feed_urls")),
    path("", include("tracker.news.urls")),
    path("", include("tracker.search.urls")),
    path("", include("tracker.sources.urls")),
    path("", include("tracker.web.urls")),
]

# JSON under /api/, the site's own pages elsewhere (tracker.errors).
handler400 = "tracker.errors.bad_request"
handler403 = "tracker.errors.permission_denied"
handler404 = "tracker.errors.page_not_found"
handler500 = "tracker.errors.server_error"
