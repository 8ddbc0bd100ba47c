"""Findings 6, 7 and 12 of issue 18: untrusted text escaped or stripped for each output format.

Atom's <summary type="html"> is HTML once the XML is read: an outlet name or an event
description must arrive there escaped. Characters XML 1.0 cannot carry (one control character
in an outlet, author or event title) are dropped instead of turning the feed into a 500; an
event dated 9999-12-31 still gives an iCalendar file; a CR or LF in a title never reaches an
e-mail header.
"""

from __future__ import annotations

import html
import xml.etree.ElementTree as ET
from datetime import date

import icalendar
import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from tests.factories import ArticleFactory, CaseFactory, EventFactory
from tracker.alerts import services
from tracker.alerts.models import Delivery, Subscription

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"
OUTLET = 'Evil <img src=x onerror="alert(1)"> Wire'
CONTROL = "Wire\x01\x08\x0b\x1f\ufffe end"


def _atom(client, case) -> ET.Element:
    response = client.get(reverse("feeds:case-atom", args=[case.slug]))
    assert response.status_code == 200
    return ET.fromstring(response.content)


def _summaries(root: ET.Element) -> list[str]:
    return [s.text or "" for s in root.iter(f"{ATOM}summary")]


def test_atom_html_summary_carries_untrusted_text_escaped(client):
    case = CaseFactory(slug="esc")
    article = ArticleFactory(source=OUTLET, title="Plain title")
    article.cases.add(case)
    EventFactory(case=case, status="accepted", description="<script>alert('ev')</script> done")
    root = _atom(client, case)
    summaries = _summaries(root)
    assert all(s.get("type") == "html" for s in root.iter(f"{ATOM}summary"))
    # What a reader renders as HTML is the XML text: markup in it must be escaped text.
    joined = " ".join(summaries)
    assert "<img" not in joined and "<script" not in joined
    assert OUTLET in html.unescape(joined)
    assert "<script>alert('ev')</script> done" in html.unescape(joined)


def test_control_characters_do_not_break_the_atom_feed(client):
    case = CaseFactory(slug="ctrl")
    article = ArticleFactory(source=CONTROL, author=f"Ann {CONTROL}", title=f"T {CONTROL}")
    article.cases.add(case)
    EventFactory(case=case, status="accepted", title=f"Hearing {CONTROL}", description=CONTROL)
    root = _atom(client, case)  # parses: no character XML forbids
    titles = [t.text for t in root.iter(f"{ATOM}title")]
    assert "T Wire end" in titles
    assert any("Hearing Wire end" in (t or "") for t in titles)
    authors = [n.text for n in root.iter(f"{ATOM}name")]
    assert "Ann Wire end" in authors


def test_javascript_article_url_is_not_the_atom_link(client):
    case = CaseFactory(slug="jsurl")
    article = ArticleFactory(url="javascript:alert(1)")
    article.cases.add(case)
    root = _atom(client, case)
    hrefs = [link.get("href") for link in root.iter(f"{ATOM}link")]
    assert not any(h.lower().startswith("javascript:") for h in hrefs)
    assert any(h.endswith(reverse("web:article", args=[article.pk])) for h in hrefs)


@pytest.mark.parametrize("precision", ["day", "month", "year"])
def test_event_on_the_last_representable_date_keeps_the_calendar(client, precision):
    case = CaseFactory(slug="far")
    EventFactory(case=case, status="accepted", date=date(9999, 12, 31), precision=precision)
    EventFactory(case=case, status="accepted", title=f"Ctrl {CONTROL}", date=date(2026, 1, 2))
    response = client.get(reverse("feeds:case-ics", args=[case.slug]))
    assert response.status_code == 200
    events = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    starts = sorted(e.decoded("dtstart") for e in events)
    first_day = {"day": date(9999, 12, 31), "month": date(9999, 12, 1), "year": date(9999, 1, 1)}
    assert starts[-1] == first_day[precision]  # a period starts on its first day
    assert "\x01" not in response.content.decode()


def test_cr_lf_in_a_title_never_reaches_an_email_header(settings):
    user = get_user_model().objects.create_user("reader", email="reader@example.org")
    case = CaseFactory(slug="crlf")
    Subscription.objects.create(user=user, case=case, email=True)
    title = "Ruling\r\nBcc: victim@example.org\r\nX-Evil: 1"
    event = EventFactory(case=case, title=title)
    services.notify_accepted(kind="event", obj_id=event.pk)
    delivery = Delivery.objects.get()
    services.delivery_attempt(delivery_id=delivery.pk)
    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.SENT and delivery.attempts == 1
    (message,) = mail.outbox
    assert "\n" not in message.subject and "\r" not in message.subject
    assert "Bcc: victim@example.org" in message.subject  # kept as text, on one line
    assert message.bcc == [] and "X-Evil" not in message.extra_headers
