"""Writes to /api/ URLs answer JSON even when Django's CSRF check would refuse them."""

from __future__ import annotations

import json

import pytest
from django.contrib.auth import get_user_model
from django.http import HttpResponse
from django.middleware.csrf import CsrfViewMiddleware
from django.test import Client


@pytest.fixture
def stale_tab(db) -> Client:
    """A client with a logged-in session cookie and no CSRF token, as a stale tab sends."""
    user = get_user_model().objects.create_user(username="stale-tab", password="x-9-long-pw")
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    return client


@pytest.mark.parametrize("method", ["post", "patch", "put", "delete"])
def test_unmatched_api_url_answers_json_404_not_the_csrf_page(stale_tab, method):
    path = "/api/v1/no-such-thing/7/"
    response = getattr(stale_tab, method)(path, "{}", content_type="application/json")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["detail"].endswith(path)


def _csrf_refusal(rf, path: str) -> HttpResponse:
    def view(request):
        return HttpResponse("reached the view")

    request = rf.post(path, "{}", content_type="application/json")
    request._dont_enforce_csrf_checks = False
    middleware = CsrfViewMiddleware(lambda request: HttpResponse())
    middleware.process_request(request)
    response = middleware.process_view(request, view, (), {})
    assert response is not None, "the CSRF check let a token-less POST through"
    return response


def test_csrf_failure_under_api_is_json(rf):
    response = _csrf_refusal(rf, "/api/v1/links/")
    assert response.status_code == 403
    assert response["Content-Type"].startswith("application/json")
    assert "CSRF" in json.loads(response.content)["detail"]


def test_csrf_failure_elsewhere_stays_a_page(rf):
    response = _csrf_refusal(rf, "/review/bulk/")
    assert response.status_code == 403
    assert response["Content-Type"].startswith("text/html")
