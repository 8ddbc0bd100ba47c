"""iCalendar: a month or year event spans its whole period; DTSTAMP is the record's last change."""

from __future__ import annotations

import datetime as dt

import icalendar
import pytest

from tests import factories as f
from tracker.cases.models import Event


def _calendar(client, case) -> dict[str, icalendar.Event]:
    response = client.get(f"/cases/{case.slug}/events.ics")
    assert response.status_code == 200
    cal = icalendar.Calendar.from_ical(response.content)
    return {str(e["SUMMARY"]): e for e in cal.walk("VEVENT")}


@pytest.mark.parametrize(
    ("stored", "precision", "start", "end"),
    [
        (dt.date(2025, 12, 15), Event.Precision.MONTH, dt.date(2025, 12, 1), dt.date(2026, 1, 1)),
        (dt.date(2025, 2, 28), Event.Precision.MONTH, dt.date(2025, 2, 1), dt.date(2025, 3, 1)),
        (dt.date(2024, 7, 4), Event.Precision.YEAR, dt.date(2024, 1, 1), dt.date(2025, 1, 1)),
        (dt.date(2026, 4, 30), Event.Precision.DAY, dt.date(2026, 4, 30), dt.date(2026, 5, 1)),
    ],
)
def test_a_period_is_emitted_as_the_span_it_means(client, world, stored, precision, start, end):
    event = f.EventFactory(case=world.case, title="Span", precision=precision)
    # Stored mid-period, as an import or an old row may hold it.
    Event.objects.filter(pk=event.pk).update(date=stored)
    span = _calendar(client, world.case)["Span"]
    assert span.decoded("DTSTART") == start
    assert span.decoded("DTEND") == end
    assert not isinstance(span.decoded("DTSTART"), dt.datetime)
    assert span["DTSTART"].params.get("VALUE") == "DATE"
    assert span["DTEND"].params.get("VALUE") == "DATE"


def test_dtstamp_is_stable_and_follows_the_record(client, world):
    first = _calendar(client, world.case)["Musk testifies"]
    second = _calendar(client, world.case)["Musk testifies"]
    assert first.decoded("DTSTAMP") == second.decoded("DTSTAMP")
    world.event.refresh_from_db()
    assert first.decoded("DTSTAMP") == world.event.updated_at.replace(microsecond=0)
    Event.objects.filter(pk=world.event.pk).update(
        updated_at=world.event.updated_at + dt.timedelta(days=2)
    )
    changed = _calendar(client, world.case)["Musk testifies"]
    assert changed.decoded("DTSTAMP") - first.decoded("DTSTAMP") == dt.timedelta(days=2)
