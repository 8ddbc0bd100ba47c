"""The OpenAPI document, its Swagger UI page under the site's CSP, and a schemathesis run."""

from __future__ import annotations

import re

import pytest
import schemathesis
from django.contrib.staticfiles import finders
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import content_type_conformance, response_schema_conformance

from tracker.review.roles import user_set_role

CONTRACT_PATHS = [
    "/api/v1/cases/",
    "/api/v1/cases/{slug}/",
    "/api/v1/articles/",
    "/api/v1/articles/{id}/",
    "/api/v1/links/",
    "/api/v1/links/{id}/",
    "/api/v1/links/{id}/history/",
    "/api/v1/positions/",
    "/api/v1/events/",
    "/api/v1/stories/",
    "/api/v1/export/links.csv",
    "/api/v1/export/articles.ndjson",
]


def test_schema_lists_the_contract_endpoints(client, db):
    response = client.get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    for path in CONTRACT_PATHS:
        assert path in schema["paths"], path
    article = schema["components"]["schemas"]["Article"]["properties"]
    assert {"id", "url", "title", "published", "source", "story", "links"} <= set(article)
    assert article["published"]["format"] == "date-time"
    link = schema["components"]["schemas"]["ArticleLink"]["properties"]
    assert link["evidence"]["items"]["$ref"].endswith("/Evidence")
    event = schema["components"]["schemas"]["Event"]["properties"]
    assert event["articles"] == {
        "type": "array",
        "items": {"type": "integer"},
        "readOnly": True,
        "description": "Ids of articles reporting it.",
    }
    patch = schema["paths"]["/api/v1/links/{id}/"]["patch"]
    assert "409" in patch["responses"]


def test_docs_page_works_under_the_csp(client, db):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    html = response.content.decode()
    assert not re.search(r"<script>(?!</script>)", html), "inline script would be blocked"
    assert "<style>" not in html
    scripts = re.findall(r'<script src="([^"]+)"', html)
    assert any("swagger-ui-bundle.js" in s for s in scripts)
    init = [s for s in scripts if "script" in s.split("?")[-1]]
    assert init, scripts
    js = client.get(init[0].replace("&amp;", "&"))
    assert js.status_code == 200
    assert js["Content-Type"].startswith("application/javascript")
    assert b"/api/schema/" in js.content
    assets = re.findall(r'(?:href|src)="/static/([^"?]+)"', html)
    assert len(assets) >= 4  # css, bundle, preset, our stylesheet: all local, none from a CDN
    for path in assets:
        assert finders.find(path), path


@pytest.fixture
def keep_connection():
    """Call the WSGI app like Django's test client does: without closing the DB connection
    (and with it the test's transaction) when each request finishes."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.filterwarnings("ignore")
def test_schemathesis_finds_no_server_error_or_schema_break(world, keep_connection):
    _, token = user_set_role(username="fuzzer", role="editor")
    schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", get_wsgi_application())
    failures: list[str] = []
    checks = [not_a_server_error, response_schema_conformance, content_type_conformance]
    for result in schema.get_all_operations():
        operation = result.ok()

        @given(case=operation.as_strategy())
        @hsettings(
            max_examples=12,
            deadline=None,
            database=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
        )
        def run(case):
            case.call_and_validate(headers={"Authorization": f"Token {token}"}, checks=checks)

        try:
            run()
        except BaseExceptionGroup as exc:  # schemathesis failures, shrunk to the smallest case
            failures.append(f"{operation.label}: {exc}"[:3000])
    assert not failures, "\n\n".join(failures[:10])
