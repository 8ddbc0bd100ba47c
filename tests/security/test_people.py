"""Finding 11 of issue 18: history endpoints and reviewer usernames follow the history page's
rule: readers with a role see who did what; anonymous readers and accounts with no role see
the items only."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from tracker.linking.models import Link

pytestmark = pytest.mark.django_db


@pytest.fixture
def reviewed(hostile, users):
    link = hostile["link"]
    Link.objects.filter(pk=link.pk).update(
        status="accepted", reviewed_by=users["analyst"], reviewed_at=timezone.now()
    )
    return link


def _clients(users):
    anon = APIClient()
    norole = APIClient()
    norole.force_authenticate(get_user_model().objects.create_user("nobody-in-particular"))
    viewer = APIClient()
    viewer.force_authenticate(users["viewer"])
    return anon, norole, viewer


@pytest.mark.parametrize("kind", ["link", "position", "event"])
def test_history_endpoints_need_a_role(hostile, users, reviewed, kind):
    anon, norole, viewer = _clients(users)
    url = reverse(f"api:{kind}-history", args=[hostile[kind].pk])
    assert anon.get(url).status_code == 401
    assert norole.get(url).status_code == 403
    assert viewer.get(url).status_code == 200
    page = reverse("review:history", args=[kind, hostile[kind].pk])
    assert anon.get(page).status_code == 302  # the page's own rule, for comparison


def test_reviewer_usernames_only_for_readers_with_a_role(hostile, users, reviewed):
    anon, norole, viewer = _clients(users)
    name = users["analyst"].username
    for url in (
        reverse("api:link-detail", args=[reviewed.pk]),
        reverse("api:link-list"),
        reverse("api:export-links-ndjson"),
        reverse("api:export-links-csv"),
    ):
        for client in (anon, norole):
            assert name not in _body(client.get(url)), url
        assert name in _body(viewer.get(url)), url


def _body(response) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode()
    return response.content.decode()
