"""An event's own words (`keywords`): loaded, dumped, validated and served like a claim's."""

from __future__ import annotations

import copy

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from tests.cases.test_casefile import SMALL, load, problems_of
from tracker.cases.casefile import case_dump
from tracker.cases.models import Case, Event
from tracker.review.roles import user_set_role

pytestmark = pytest.mark.django_db

WORDS = ["court papers", "lodged a complaint"]


def _with_keywords(words: list) -> dict:
    data = copy.deepcopy(SMALL)
    data["events"][0]["keywords"] = words
    return data


def test_keywords_load_dump_and_reload_unchanged():
    load(_with_keywords(WORDS))
    assert Event.objects.get(title="Complaint filed").keywords == WORDS
    dumped = case_dump(case=Case.objects.get(slug=SMALL["slug"]))
    assert dumped["events"][0]["keywords"] == WORDS
    assert "keywords" not in dumped["events"][1]  # none given: the key stays out, as before
    report = load(dumped)
    assert report.created == 0 and report.updated == 0


def test_changed_keywords_update_the_event():
    load(_with_keywords(WORDS))
    report = load(_with_keywords(["complaint lodged"]))
    assert report.updated == 1
    assert Event.objects.get(title="Complaint filed").keywords == ["complaint lodged"]


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("court papers", "events[0].keywords: expected a list of strings"),
        (["court papers", 7], "events[0].keywords"),
    ],
)
def test_bad_keywords_are_named_and_change_nothing(words, expected):
    load(SMALL)
    before = case_dump(case=Case.objects.get(slug=SMALL["slug"]))
    problems = problems_of(_with_keywords(words))
    assert any(p.startswith(expected) for p in problems), problems
    assert case_dump(case=Case.objects.get(slug=SMALL["slug"])) == before


def test_api_serves_and_accepts_keywords():
    load(_with_keywords(WORDS))
    client = APIClient()
    _, token = user_set_role(username="ana", role="analyst")
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    event = Event.objects.get(title="Complaint filed")
    body = client.get(reverse("api:event-detail", args=[event.id])).json()
    assert body["keywords"] == WORDS
    created = client.post(
        reverse("api:event-list"),
        {
            "case": SMALL["slug"],
            "date": "2025-06-02",
            "precision": "day",
            "kind": "ruling",
            "title": "Motion to dismiss denied",
            "keywords": ["survives dismissal"],
        },
        format="json",
    )
    assert created.status_code == 201, created.content
    assert created.json()["keywords"] == ["survives dismissal"]
    refused = client.post(
        reverse("api:event-list"),
        {"case": SMALL["slug"], "date": "2025-06-03", "title": "x", "keywords": "not a list"},
        format="json",
    )
    assert refused.status_code == 400 and "keywords" in refused.json()
