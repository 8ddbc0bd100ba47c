"""The queue page's working parts, row by row: ids, form actions, htmx attributes, versions.

Rendering was made cheaper (each URL reversed once, machine values printed without
localisation); these pin what each row must still carry, computed here from reverse() and the
rows themselves, so a template change that drops or mangles an action fails.
"""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from django.test import override_settings
from django.urls import reverse

from tests.factories import EventFactory, EvidenceFactory, LinkFactory, PositionFactory

pytestmark = pytest.mark.django_db


class Rows(HTMLParser):
    """Per queue row (li.q-item, by id): the attributes of its forms, inputs, buttons, links."""

    KEPT = {"form", "input", "button", "a", "option", "select"}

    def __init__(self) -> None:
        super().__init__()
        self.rows: dict[str, list[tuple[str, dict[str, str | None]]]] = {}
        self.current: str | None = None
        self.depth = 0

    def handle_starttag(self, tag, attrs):
        found = dict(attrs)
        if tag == "li" and "q-item" in (found.get("class") or "").split():
            self.current, self.depth = found["id"], 0
            self.rows[self.current] = [("li", found)]
        elif tag == "li" and self.current:
            self.depth += 1
        elif self.current and tag in self.KEPT:
            self.rows[self.current].append((tag, found))

    def handle_endtag(self, tag):
        if tag == "li" and self.current:
            if self.depth:
                self.depth -= 1
            else:
                self.current = None


def rows_of(html: str) -> dict[str, list[tuple[str, dict[str, str | None]]]]:
    parser = Rows()
    parser.feed(html)
    return parser.rows


def parts(row, tag: str, **match) -> list[dict[str, str | None]]:
    return [a for t, a in row if t == tag and all(a.get(k) == v for k, v in match.items())]


def assert_actions(row, kind: str, item, next_url: str) -> None:
    review = reverse("review:review", args=[kind, item.pk])
    (form,) = parts(row, "form", action=review)
    assert form["method"] == "post" and form["hx-post"] == review
    assert {"name": "version", "type": "hidden", "value": str(item.version)} in parts(
        row, "input", name="version"
    )
    assert parts(row, "input", name="next")[0]["value"] == next_url
    (check,) = parts(row, "input", type="checkbox")
    assert check["value"] == f"{kind}:{item.pk}:{item.version}"
    assert check["form"] == "bulk-form" and check["name"] == "items"
    statuses = [b["value"] for b in parts(row, "button", name="status")]
    assert statuses[:2] == ["accepted", "rejected"]
    history = reverse("review:history", args=[kind, item.pk])
    assert parts(row, "a", href=history)


@pytest.fixture
def queue_items(article, parties, issue, case):
    # Ids past a thousand: a localised "1,234" would break forms and anchors.
    link = LinkFactory(pk=12345, article=article, party=parties["openai"], confidence=0.8)
    EvidenceFactory(link=link, exact="rival lab", start=49, end=58)
    accepted = LinkFactory(pk=23456, article=article, party=parties["musk"], status="accepted")
    position = PositionFactory(pk=34567, party=parties["openai"], issue=issue, quote="theft")
    event = EventFactory(pk=45678, case=case, status="suggested", title="Hearing")
    return {"link": link, "accepted": accepted, "position": position, "event": event}


@override_settings(USE_THOUSAND_SEPARATOR=True)
def test_each_row_keeps_its_id_forms_and_htmx_attributes(client, analyst, queue_items):
    client.force_login(analyst)
    url = reverse("review:queue") + "?status=any"
    rows = rows_of(client.get(url).content.decode())
    link, accepted = queue_items["link"], queue_items["accepted"]
    position, event = queue_items["position"], queue_items["event"]
    assert set(rows) == {
        f"q-link-{link.pk}",
        f"q-link-{accepted.pk}",
        f"q-position-{position.pk}",
        f"q-event-{event.pk}",
    }
    for kind, item in (
        ("link", link),
        ("link", accepted),
        ("position", position),
        ("event", event),
    ):
        row = rows[f"q-{kind}-{item.pk}"]
        assert row[0][1]["data-kind"] == kind
        assert "hx-swap-oob" not in row[0][1]
        assert_actions(row, kind, item, url)
    row = rows[f"q-link-{link.pk}"]
    retarget = reverse("review:retarget", args=[link.pk])
    (form,) = parts(row, "form", action=retarget)
    assert form["hx-post"] == retarget
    assert parts(row, "a", href=link.article.get_absolute_url())
    selected = [o["value"] for o in parts(row, "option") if "selected" in o]
    assert selected == [link.target_type]
    done = [b for b in parts(rows[f"q-link-{accepted.pk}"], "button") if "disabled" in b]
    assert [b["value"] for b in done] == ["accepted"]
    assert parts(rows[f"q-link-{accepted.pk}"], "button", value="suggested")


def test_htmx_row_response_carries_the_same_parts_as_the_page(client, analyst, queue_items):
    client.force_login(analyst)
    link = queue_items["link"]
    page = rows_of(client.get(reverse("review:queue")).content.decode())[f"q-link-{link.pk}"]
    response = client.post(
        reverse("review:review", args=["link", link.pk]),
        {"status": "accepted", "version": link.version, "next": reverse("review:queue")},
        HTTP_HX_REQUEST="true",
    )
    row = rows_of(response.content.decode())[f"q-link-{link.pk}"]
    link.refresh_from_db()
    assert_actions(row, "link", link, reverse("review:queue"))
    forms = [(a["action"], a["hx-post"]) for a in parts(page, "form")]
    assert forms == [(a["action"], a["hx-post"]) for a in parts(row, "form")]
