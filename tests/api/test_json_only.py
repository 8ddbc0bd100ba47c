"""The API speaks JSON only: the schema advertises JSON request bodies and forms are refused."""

from __future__ import annotations

from django.urls import reverse


def _request_media_types(schema: dict) -> set[str]:
    found: set[str] = set()
    for operations in schema["paths"].values():
        for operation in operations.values():
            if isinstance(operation, dict) and "requestBody" in operation:
                found.update(operation["requestBody"]["content"])
    return found


def test_schema_advertises_only_json_request_bodies(client, db):
    schema = client.get("/api/schema/", {"format": "json"}).json()
    media = _request_media_types(schema)
    assert media, "the schema lists no request body at all"
    assert media == {"application/json"}


def test_a_form_body_is_refused_with_415_and_creates_nothing(analyst, world):
    before = analyst.get(reverse("api:link-list")).json()
    form = {"article": world.article.id, "target_type": "party", "target": "Elon Musk"}
    response = analyst.post(reverse("api:link-list"), form, format="multipart")
    assert response.status_code == 415
    assert response["Content-Type"].startswith("application/json")
    assert "multipart/form-data" in response.json()["detail"]
    assert analyst.get(reverse("api:link-list")).json() == before
