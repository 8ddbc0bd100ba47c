"""Each object's page, as the apps below web reach it: obj.get_absolute_url() (set in settings'
ABSOLUTE_URL_OVERRIDES), answered by the web view named for it, for a page that exists."""

from __future__ import annotations

import pytest
from django.urls import resolve, reverse

from tests.factories import (
    ArticleFactory,
    ClaimFactory,
    ClauseFactory,
    EventFactory,
    IssueFactory,
    PartyFactory,
)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("factory", "view_name"),
    [
        (lambda: ClaimFactory().case, "web:case"),
        (PartyFactory, "web:party"),
        (ClaimFactory, "web:claim"),
        (IssueFactory, "web:issue"),
        (ClauseFactory, "web:clause"),
        (ArticleFactory, "web:article"),
    ],
)
def test_absolute_url_is_the_objects_page(client, factory, view_name):
    obj = factory()
    url = obj.get_absolute_url()
    assert resolve(url).view_name == view_name
    assert client.get(url).status_code == 200


@pytest.mark.django_db
def test_an_events_url_opens_the_timeline_at_it(client):
    event = EventFactory()
    path, query = event.get_absolute_url().split("?")
    assert resolve(path).view_name == "web:case"
    assert resolve(path).kwargs == {"slug": event.case.slug}
    assert query == f"at=event-{event.pk}"
    page = client.get(event.get_absolute_url(), follow=True)  # to the timeline page holding it
    assert page.status_code == 200
    assert f'id="event-{event.pk}"' in page.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["party", "issue", "issue-across"])
def test_a_suggested_position_is_marked_alike_on_every_page(client, page):
    """The party page, the issue page and the issue across cases draw a position one way
    (web/_position_card.html): a machine suggestion says so on each."""
    from tests.factories import CasePartyFactory, PositionFactory

    position = PositionFactory(status="suggested", quote="We never agreed to that.")
    CasePartyFactory(case=position.issue.case, party=position.party)
    url = {
        "party": position.party.get_absolute_url(),
        "issue": position.issue.get_absolute_url(),
        "issue-across": reverse("web:issue-across", args=[position.issue.slug]),
    }[page]
    html = client.get(url).content.decode()
    assert "We never agreed to that." in html
    assert '<span class="chip chip-suggested">Suggested</span>' in html
