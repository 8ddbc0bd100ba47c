"""The OpenAPI document and its Swagger UI page.

The page passes the site's CSP (`script-src 'self'; style-src 'self'`) unchanged: the Swagger
UI init script is served as a separate JavaScript response (drf-spectacular's split view,
`?script`), the UI's assets come from drf-spectacular-sidecar's static files, and the page
template here replaces drf-spectacular's inline <style> block with a static stylesheet.
"""

from __future__ import annotations

from drf_spectacular.views import SpectacularSwaggerSplitView


class SwaggerView(SpectacularSwaggerSplitView):
    template_name = "api/swagger_ui.html"
    http_method_names = ["get", "head"]  # OPTIONS rendered metadata with no template: a 500
    title = "tracker API"
