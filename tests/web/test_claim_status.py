from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from tests.factories import ClaimFactory
from tracker.cases.models import ClaimStatus


@pytest.mark.django_db
def test_claim_page_shows_where_the_claim_stands(client):
    claim = ClaimFactory(title="Fraud")
    ClaimStatus.objects.create(
        claim=claim,
        status="pleaded",
        date=dt.date(2024, 8, 5),
        source_url="https://court.example/1",
    )
    ClaimStatus.objects.create(
        claim=claim, status="dismissed", date=dt.date(2025, 3, 4), source_url="javascript:alert(1)"
    )
    url = reverse("web:claim", args=[claim.case.slug, claim.slug])
    html = client.get(url).content.decode()
    assert "Where the claim stands" in html
    assert html.index("August 5, 2024") < html.index("March 4, 2025")
    assert 'href="https://court.example/1"' in html
    assert "javascript:" not in html


@pytest.mark.django_db
def test_signed_in_users_get_a_follow_link(client, django_user_model):
    claim = ClaimFactory()
    url = reverse("web:claim", args=[claim.case.slug, claim.slug])
    assert reverse("alerts:follow") not in client.get(url).content.decode()
    client.force_login(django_user_model.objects.create(username="reader"))
    html = client.get(url).content.decode()
    assert f"{reverse('alerts:follow')}?case={claim.case.slug}&amp;target_type=claim" in html
