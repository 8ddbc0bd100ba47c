"""The OpenAPI document and its Swagger UI page under the site's CSP (schemathesis with every
check runs against a live server in tests/clients/test_schemathesis.py)."""

from __future__ import annotations

import re

from django.contrib.staticfiles import finders

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


def test_schema_declares_what_the_server_checks(client, db):
    schema = client.get("/api/schema/", {"format": "json"}).json()
    paths, components = schema["paths"], schema["components"]["schemas"]
    links, link = paths["/api/v1/links/"], paths["/api/v1/links/{id}/"]
    assert {} in links["get"]["security"] and {} not in links["post"]["security"]
    assert {"400", "401", "403", "409", "413", "415"} <= set(links["post"]["responses"])
    assert {"200", "400", "404"} <= set(link["get"]["responses"])
    assert {"404", "409"} <= set(paths["/api/v1/cases/{slug}/"]["patch"]["responses"])
    for path in ("/api/v1/links/{id}/", "/api/v1/cases/{slug}/", "/api/v1/events/{id}/"):
        names = [p["name"] for p in paths[path]["patch"]["parameters"]]
        assert "If-Match" in names, path
    review = link["patch"]["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    assert components[review.rsplit("/", 1)[1]]["required"] == ["status"]
    evidence = components["LinkCreateRequest"]["properties"]["evidence"]
    assert (evidence["minItems"], evidence["maxItems"]) == (1, 50)
    parameters = {p["name"]: p["schema"] for p in links["get"]["parameters"]}
    assert parameters["article"]["type"] == parameters["event"]["type"] == "integer"
    assert (parameters["page_size"]["minimum"], parameters["page_size"]["maximum"]) == (1, 500)
    export = paths["/api/v1/export/links.csv"]["get"]["parameters"]
    assert {p["name"]: p["schema"] for p in export}["article"]["type"] == "integer"
    assert "url" in components["ClauseInForce"]["required"]
