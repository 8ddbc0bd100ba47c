"""Every URL pattern x every role x safe and unsafe methods.

The URL patterns come from the resolver (tests/support/urls.py), so a new endpoint is covered
without editing this file. Rules:
- nothing answers 500, for any role or method;
- anonymous users and viewers never succeed (2xx) with an unsafe method, and never change the
  database (personal pages under accounts/ and, for logged-in viewers, alerts/ may answer 2xx:
  a viewer manages their own subscriptions; anonymous users still change nothing there);
- an analyst never succeeds with, nor changes anything by, an unsafe method on an API resource
  whose `write_role` is editor.
"""

from __future__ import annotations

import json

import pytest
from django.urls import resolve

from tests.security.fingerprint import changed, database_fingerprint
from tests.support.urls import concrete, routes

pytestmark = pytest.mark.django_db

SAFE = ("get", "head", "options")
UNSAFE = ("post", "put", "patch", "delete")
RANK = {None: -1, "viewer": 0, "analyst": 1, "editor": 2}


def _body(o: dict) -> dict:
    """Plausible fields for every writable thing, so a missing check is not hidden by a 400."""
    return {
        "status": "accepted",
        "version": 1,
        "title": "changed by the matrix",
        "name": "Changed Name",
        "summary": "changed",
        "url": "https://changed.example.org/feed.xml",
        "article": o["article"].pk,
        "target_type": "party",
        "target": o["party"].name,
        "evidence": [{"exact": "Musk"}],
        "exact": "Musk",
        "quote": "Musk",
        "party": o["party"].pk,
        "issue": o["issue"].slug,
        "stance": "opposes",
        "kind": "link",
        "items": [f"link:{o['link'].pk}:1"],
        "case": o["case"].slug,
        "date": "2026-05-01",
    }


def _write_role(path: str) -> str | None:
    """The role a DRF view asks for writes (`write_role`, default analyst); None otherwise."""
    try:
        view = resolve(path.split("?")[0]).func
    except Exception:
        return None
    cls = getattr(view, "cls", None) or getattr(view, "view_class", None)
    if cls is None or not hasattr(cls, "permission_classes"):
        return None
    return getattr(cls, "write_role", "analyst")


def _request(client, method: str, path: str, body: dict):
    if method in SAFE:
        return getattr(client, method)(path)
    if path.startswith("/api/"):
        return getattr(client, method)(path, json.dumps(body), content_type="application/json")
    if method == "post":
        form = {k: (json.dumps(v) if isinstance(v, list | dict) else v) for k, v in body.items()}
        return client.post(path, form)
    return getattr(client, method)(path, json.dumps(body), content_type="application/json")


@pytest.mark.parametrize("role", [None, "viewer", "analyst", "editor"])
def test_authorization_matrix(client, hostile, users, role):
    client.raise_request_exception = False  # a crash is a 500 to record, not a test error
    if role:
        client.force_login(users[role])
    body = _body(hostile)
    paths = [concrete(r, hostile) for r in routes()]
    assert len(paths) > 40, "the resolver lists fewer URL patterns than expected"
    problems: list[str] = []
    for path in paths:
        for method in SAFE:
            status = _request(client, method, path, body).status_code
            if status >= 500:
                problems.append(f"{role} {method.upper()} {path}: {status}")
        write_role = _write_role(path)
        personal = path.startswith("/accounts/") or (path.startswith("/alerts/") and role)
        guarded = RANK[role] < RANK["analyst"] or (
            write_role is not None and RANK[role] < RANK[write_role]
        )
        before = database_fingerprint() if guarded else None
        for method in UNSAFE:
            response = _request(client, method, path, body)
            status = response.status_code
            if status >= 500:
                problems.append(f"{role} {method.upper()} {path}: {status}")
            elif guarded and not personal and 200 <= status < 300:
                problems.append(f"{role} {method.upper()} {path}: {status} (should be refused)")
        diff = changed(before, database_fingerprint()) if before is not None else []
        if diff and not (personal and role):
            problems.append(f"{role} unsafe methods on {path} changed {diff}")
        if role and not client.session.get("_auth_user_id"):
            client.force_login(users[role])  # a logout URL ended the session: log in again
    assert not problems, "\n".join(problems)


def test_unsafe_api_writes_without_a_token_or_session_are_401_or_403(client, hostile):
    """Anonymous writes are refused with 401/403, not redirected to an HTML login form."""
    for path in (
        f"/api/v1/links/{hostile['link'].pk}/",
        "/api/v1/links/",
        f"/api/v1/events/{hostile['event'].pk}/",
    ):
        response = client.patch(path, {"status": "accepted"}, content_type="application/json")
        assert response.status_code in (401, 403, 405), (path, response.status_code)


def test_page_forms_need_a_csrf_token(hostile, users):
    """With CSRF checks on (as in a browser), a logged-in analyst's POST without a token fails."""
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(users["analyst"])
    link = hostile["link"]
    before = database_fingerprint()
    response = client.post(f"/review/link/{link.pk}/review/", {"status": "accepted"})
    assert response.status_code == 403
    assert changed(before, database_fingerprint()) == []
