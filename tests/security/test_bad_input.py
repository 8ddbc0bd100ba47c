"""Finding 9 of issue 18: inputs that answered 500 answer 400 (or 413 for a body over the limit).

A huge page cursor, a huge or malformed event/link `version` or If-Match, a non-numeric version
in /review/bulk/, JSON nested deeper than the parser can follow, and a body over
DATA_UPLOAD_MAX_MEMORY_SIZE.
"""

from __future__ import annotations

import json

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from tracker.review.roles import user_set_role

pytestmark = pytest.mark.django_db
HUGE = "9" * 400


@pytest.fixture
def api(users):
    _, token = user_set_role(username="sec-analyst", role="analyst")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    client.raise_request_exception = False
    return client


def test_huge_cursor_on_the_case_page(client, hostile):
    client.raise_request_exception = False
    url = reverse("web:case", args=[hostile["case"].slug])
    for cursor in (HUGE, f"2026-01-01.event.{HUGE}", "9999999-99-99.event.1", "\x00"):
        assert client.get(url, {"cursor": cursor}).status_code in (200, 400), cursor


@pytest.mark.parametrize("kind", ["events", "links", "positions"])
@pytest.mark.parametrize("version", [HUGE, str(2**63), "-1", "1e400"])
def test_huge_or_bad_version_in_the_body_is_a_400(api, hostile, kind, version):
    obj = hostile[kind.rstrip("s")]
    url = reverse(f"api:{kind.rstrip('s')}-detail", args=[obj.pk])
    response = api.patch(
        url, f'{{"status": "accepted", "version": {version}}}', content_type="application/json"
    )
    assert response.status_code == 400, response.content
    assert "version" in response.json()


@pytest.mark.parametrize("kind", ["events", "links", "positions"])
@pytest.mark.parametrize("header", [f'"{HUGE}"', '"abc"', "*, *", '"999999999999999999"'])
def test_bad_or_stale_if_match_is_refused(api, hostile, kind, header):
    obj = hostile[kind.rstrip("s")]
    type(obj).objects.filter(pk=obj.pk).update(status="suggested")
    url = reverse(f"api:{kind.rstrip('s')}-detail", args=[obj.pk])
    response = api.patch(url, {"status": "accepted"}, format="json", HTTP_IF_MATCH=header)
    assert response.status_code in (400, 409, 412), (header, response.status_code)
    obj.refresh_from_db()
    assert obj.status == "suggested"  # nothing accepted under a version nobody read


def test_non_numeric_version_in_review_bulk(client, hostile, users):
    client.raise_request_exception = False
    client.force_login(users["analyst"])
    link = hostile["link"]
    response = client.post(
        reverse("review:bulk"), {"status": "accepted", "items": [f"link:{link.pk}:abc"]}
    )
    assert response.status_code in (302, 400)
    link.refresh_from_db()
    assert link.status == "suggested"
    response = client.post(
        reverse("review:bulk"),
        {"status": "accepted", "items": [f"link:{link.pk}:{HUGE}"]},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code in (200, 400, 409)
    link.refresh_from_db()
    assert link.status == "suggested"


def test_deeply_nested_json_is_a_400(api, hostile):
    body = '{"status": ' * 100_000 + '"accepted"' + "}" * 100_000
    url = reverse("api:link-detail", args=[hostile["link"].pk])
    response = api.generic("PATCH", url, body, content_type="application/json")
    assert response.status_code == 400
    assert "detail" in response.json()


def test_body_over_the_limit_is_a_413(api, client, hostile, users, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    big = json.dumps({"status": "accepted", "pad": "x" * 20_000})
    url = reverse("api:link-detail", args=[hostile["link"].pk])
    response = api.generic("PATCH", url, big, content_type="application/json")
    assert response.status_code == 413
    assert "limit" in response.json()["detail"]
    client.raise_request_exception = False
    client.force_login(users["analyst"])
    page = client.post(reverse("review:bulk"), {"status": "accepted", "pad": "y" * 20_000})
    assert page.status_code == 413
