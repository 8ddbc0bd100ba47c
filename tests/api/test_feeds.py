"""The per-case Atom feed and iCalendar file."""

from __future__ import annotations

import datetime as dt

import feedparser
import icalendar

from tests import factories as f
from tracker.cases.models import Event


def test_atom_feed_parses_cleanly_with_events_and_articles(client, world):
    f.EventFactory(case=world.case, title="Suggested only", status="suggested")
    response = client.get(f"/cases/{world.case.slug}/feed.atom")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.feed.title == "Musk v. OpenAI: tracker"
    titles = [entry.title for entry in parsed.entries]
    assert "April 30, 2026: Musk testifies" in titles
    assert "March 2025: Complaint amended" in titles
    assert world.article.title in titles
    assert world.other_article.title not in titles
    assert not any("Suggested only" in t for t in titles)
    ids = {entry.id for entry in parsed.entries}
    assert len(ids) == len(parsed.entries)
    again = feedparser.parse(client.get(f"/cases/{world.case.slug}/feed.atom").content)
    assert {entry.id for entry in again.entries} == ids


def test_atom_feed_escapes_hostile_titles(client, world):
    world.article.title = "<script>alert(1)</script> & more"
    world.article.save()
    parsed = feedparser.parse(client.get(f"/cases/{world.case.slug}/feed.atom").content)
    assert not parsed.bozo
    assert "<script>alert(1)</script> & more" in [e.title for e in parsed.entries]


def test_unknown_case_feed_is_404(client, db):
    assert client.get("/cases/nope/feed.atom").status_code == 404
    assert client.get("/cases/nope/events.ics").status_code == 404


def test_ics_has_accepted_all_day_events_with_stable_uids(client, world):
    f.EventFactory(case=world.case, title="Rejected", status="rejected")
    f.EventFactory(
        case=world.case,
        title="Year event",
        date=dt.date(2024, 1, 1),
        precision=Event.Precision.YEAR,
    )
    f.EventFactory(
        case=world.case,
        title="December event",
        date=dt.date(2025, 12, 1),
        precision=Event.Precision.MONTH,
    )
    response = client.get(f"/cases/{world.case.slug}/events.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    cal = icalendar.Calendar.from_ical(response.content)
    events = {str(e["SUMMARY"]): e for e in cal.walk("VEVENT")}
    assert set(events) == {"Musk testifies", "Complaint amended", "Year event", "December event"}
    day = events["Musk testifies"]
    assert day.decoded("DTSTART") == dt.date(2026, 4, 30)
    assert not isinstance(day.decoded("DTSTART"), dt.datetime)  # all-day
    assert day.decoded("DTEND") == dt.date(2026, 5, 1)
    month = events["Complaint amended"]
    assert month.decoded("DTSTART") == dt.date(2025, 3, 1)
    assert month.decoded("DTEND") == dt.date(2025, 4, 1)
    assert "month" in str(month["DESCRIPTION"])
    assert events["December event"].decoded("DTEND") == dt.date(2026, 1, 1)
    assert events["Year event"].decoded("DTEND") == dt.date(2025, 1, 1)
    assert str(day["UID"]) == f"event-{world.event.id}@musk-v-openai.tracker"
    again = icalendar.Calendar.from_ical(client.get(f"/cases/{world.case.slug}/events.ics").content)
    assert {str(e["UID"]) for e in again.walk("VEVENT")} == {str(e["UID"]) for e in events.values()}


def test_feeds_add_suggestions_only_on_request(client, world):
    f.EventFactory(case=world.case, title="Suggested only", status="suggested")
    url = f"/cases/{world.case.slug}/feed.atom"
    parsed = feedparser.parse(client.get(url, {"unreviewed": "1"}).content)
    entry = next(e for e in parsed.entries if "Suggested only" in e.title)
    assert "unreviewed" in {tag.term for tag in entry.tags}
    assert "?at=event-" in entry.link  # opens the timeline page that holds it
    ics = client.get(f"/cases/{world.case.slug}/events.ics").content.decode()
    assert "Suggested only" not in ics
    ics = client.get(f"/cases/{world.case.slug}/events.ics", {"unreviewed": "1"}).content
    assert "SUMMARY:(unreviewed) Suggested only" in ics.decode()
