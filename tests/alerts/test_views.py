"""The alerts pages: follow and unfollow, webhooks with the test button, the delivery log."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories import CasePartyFactory, PartyFactory
from tracker.alerts import services
from tracker.alerts.models import Delivery, Endpoint, Subscription


@pytest.fixture
def signed_in(client, user):
    client.force_login(user)
    return client


def test_pages_need_login(client, db):
    response = client.get(reverse("alerts:home"))
    assert response.status_code == 302 and "login" in response["Location"]
    assert client.post(reverse("alerts:unfollow", args=[1])).status_code == 302


def test_changes_need_post(signed_in):
    assert signed_in.get(reverse("alerts:unfollow", args=[1])).status_code == 405
    assert signed_in.get(reverse("alerts:endpoint-add")).status_code == 405


def test_follow_a_party_and_unfollow(signed_in, user, case):
    party = PartyFactory(name="xAI")
    CasePartyFactory(case=case, party=party, role="defendant")
    form = signed_in.get(
        reverse("alerts:follow"), {"case": case.slug, "target_type": "party", "target_id": party.pk}
    )
    assert form.status_code == 200
    assert f'value="party:{party.pk}" selected'.encode() in form.content
    response = signed_in.post(
        reverse("alerts:follow"),
        {
            "case": case.slug,
            "target": f"party:{party.pk}",
            "on_events": "on",
            "on_positions": "on",
            "event_kinds": ["ruling", "filing"],
            "frequency": "weekly",
            "email": "on",
        },
    )
    assert response.status_code == 302
    sub = Subscription.objects.get(user=user)
    assert (sub.party, sub.frequency, sub.on_evidence) == (party, "weekly", False)
    assert sub.event_kinds == ["filing", "ruling"]
    page = signed_in.get(reverse("alerts:home"))
    assert b"xAI (Musk v. OpenAI)" in page.content and b"Weekly digest" in page.content
    signed_in.post(reverse("alerts:unfollow", args=[sub.pk]))
    assert not Subscription.objects.exists()


def test_follow_form_errors_are_400(signed_in, case):
    response = signed_in.post(
        reverse("alerts:follow"), {"case": case.slug, "target": "case", "frequency": "daily"}
    )
    assert response.status_code == 400 and b"at least one thing" in response.content
    response = signed_in.post(
        reverse("alerts:follow"),
        {"case": case.slug, "target": "party:999999", "on_events": "on",
         "frequency": "daily", "email": "on"},
    )  # fmt: skip
    assert response.status_code == 400


def test_follow_starts_from_a_case(signed_in, case):
    page = signed_in.get(reverse("alerts:follow"))
    assert page.status_code == 200 and f'value="{case.slug}"'.encode() in page.content
    page = signed_in.get(reverse("alerts:follow"), {"case": case.slug})
    assert b'name="target"' in page.content and b"The whole case: Musk v. OpenAI" in page.content


def test_cannot_unfollow_someone_elses(signed_in, case, django_user_model):
    other = django_user_model.objects.create_user("other")
    sub = services.subscription_create(user=other, case=case)
    signed_in.post(reverse("alerts:unfollow", args=[sub.pk]))
    assert Subscription.objects.filter(pk=sub.pk).exists()


def test_webhook_add_test_button_and_log(signed_in, user, receiver):
    signed_in.post(reverse("alerts:endpoint-add"), {"url": receiver.url})
    endpoint = Endpoint.objects.get(user=user)
    response = signed_in.post(reverse("alerts:endpoint-test", args=[endpoint.pk]), follow=True)
    assert b"Test delivered (HTTP 200)" in response.content
    assert len(receiver.requests) == 1
    receiver.answers = [500]
    response = signed_in.post(reverse("alerts:endpoint-test", args=[endpoint.pk]), follow=True)
    assert b"Test failed: HTTP 500" in response.content
    assert b"1 failure in a row" in response.content  # shown on the alerts page
    assert b"1 delivery failed" in response.content
    log = signed_in.get(reverse("alerts:deliveries"), {"status": "failed"})
    assert log.content.count(b'class="delivery-failed"') == 1
    assert b"delivery-sent" not in log.content


def test_refused_webhook_url(signed_in, user, settings):
    settings.TRACKER_FETCH_ALLOW_PRIVATE = False
    response = signed_in.post(
        reverse("alerts:endpoint-add"), {"url": "http://127.0.0.1:8000/x"}, follow=True
    )
    assert not Endpoint.objects.exists()
    assert b"cannot send webhooks" in response.content


def test_other_users_endpoint_is_404(signed_in, django_user_model, settings):
    settings.TRACKER_FETCH_ALLOW_PRIVATE = True
    other = django_user_model.objects.create_user("other2")
    endpoint = services.endpoint_create(user=other, url="http://127.0.0.1:9/x")
    assert signed_in.post(reverse("alerts:endpoint-test", args=[endpoint.pk])).status_code == 404
    assert not Delivery.objects.exists()


def test_home_queries_do_not_grow(signed_in, user, case, django_assert_max_num_queries):
    for i in range(8):
        party = PartyFactory(name=f"P{i}")
        CasePartyFactory(case=case, party=party)
        services.subscription_create(user=user, case=case, target_type="party", target=party)
    with django_assert_max_num_queries(12):
        assert signed_in.get(reverse("alerts:home")).status_code == 200


def test_follow_button_include(case, rf):
    from django.template.loader import render_to_string

    party = PartyFactory(name="OpenAI")
    html = render_to_string(
        "alerts/_follow_button.html", {"case": case, "target_type": "party", "target": party}
    )
    assert f"case={case.slug}&amp;target_type=party&amp;target_id={party.pk}" in html
    assert "Follow OpenAI" in html


def test_follow_asks_for_an_address_when_the_account_has_none(client, case, django_user_model):
    user = django_user_model.objects.create_user("no-address", password="pw-no-address-1")
    client.force_login(user)
    form = client.get(reverse("alerts:follow"), {"case": case.slug})
    assert b'name="address"' in form.content
    base = {"case": case.slug, "target": "case", "on_events": "on", "frequency": "immediate"}
    response = client.post(reverse("alerts:follow"), {**base, "email": "on"})
    assert response.status_code == 400 and b"need an address" in response.content
    assert not Subscription.objects.exists()  # nothing half-made
    response = client.post(reverse("alerts:follow"), {**base})  # neither channel
    assert response.status_code == 400 and b"Choose how to hear" in response.content
    response = client.post(
        reverse("alerts:follow"), {**base, "email": "on", "address": "reader@example.org"}
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.email == "reader@example.org" and Subscription.objects.get(user=user).email
    page = client.get(response["Location"])
    assert b"alerts go by e-mail to reader@example.org" in page.content
    again = client.get(reverse("alerts:follow"), {"case": case.slug})
    assert b'name="address"' not in again.content  # asked once


def test_follow_defaults_to_a_webhook_for_an_account_without_address(
    client, case, django_user_model
):
    user = django_user_model.objects.create_user("hooks-only", password="pw-hooks-only-1")
    endpoint = Endpoint.objects.create(user=user, url="https://hooks.example/in", secret="s" * 32)
    client.force_login(user)
    form = client.get(reverse("alerts:follow"), {"case": case.slug}).content.decode()
    assert f'<option value="{endpoint.pk}" selected>' in form
    assert 'name="email" id="id_email" checked' not in form
