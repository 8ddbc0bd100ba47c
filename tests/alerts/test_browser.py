"""The alerts pages in headless Chromium: follow from the form, see it listed, on a phone too."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories import CasePartyFactory, PartyFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _sign_in(page, live_server, client, user) -> None:
    client.force_login(user)
    # the site has no favicon yet (base.html is the web app's); do not count its 404 here
    page.route("**/favicon.ico", lambda route: route.fulfill(status=204, body=""))
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


def test_follow_a_party_in_the_browser(page, live_server, client, user, case, screenshot):
    party = PartyFactory(name="xAI")
    CasePartyFactory(case=case, party=party, role="defendant")
    _sign_in(page, live_server, client, user)
    query = f"?case={case.slug}&target_type=party&target_id={party.pk}"
    page.goto(live_server.url + reverse("alerts:follow") + query)
    page.get_by_label("Ruling").check()
    page.select_option("select[name=frequency]", "daily")
    page.get_by_role("button", name="Follow").click()
    page.wait_for_url(live_server.url + reverse("alerts:home"))
    listed = page.locator("#subscriptions li")
    assert listed.count() == 1
    assert "xAI (Musk v. OpenAI)" in listed.first.inner_text()
    assert "Daily digest" in listed.first.inner_text()
    screenshot(page, "alerts-home")
    page.problems.check()


def test_alerts_page_fits_a_phone(phone_page, live_server, client, user, case, screenshot):
    from tracker.alerts import services

    services.subscription_create(user=user, case=case, event_kinds=["ruling", "filing"])
    _sign_in(phone_page, live_server, client, user)
    phone_page.goto(live_server.url + reverse("alerts:home"))
    assert phone_page.locator("#subscriptions li").count() == 1
    overflow = phone_page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    screenshot(phone_page, "alerts-home-phone")
    assert overflow <= 0
    phone_page.problems.check()


def test_delivery_log_fits_a_phone(phone_page, live_server, client, user, case, receiver):
    from tracker.alerts import services

    endpoint = services.endpoint_create(user=user, url=receiver.url)
    receiver.answers = [500]
    services.endpoint_test(endpoint=endpoint)
    services.endpoint_test(endpoint=endpoint)
    _sign_in(phone_page, live_server, client, user)
    phone_page.goto(live_server.url + reverse("alerts:home"))
    assert phone_page.locator("tr.delivery-failed").count() == 1
    assert phone_page.locator("tr.delivery-sent").count() == 1
    overflow = phone_page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0
    phone_page.problems.check()
