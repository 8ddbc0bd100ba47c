"""What feed readers, calendars and pandas make of the live server's Atom, iCalendar and CSV:
feedparser (bozo 0) and an RFC 4287 check on Atom, icalendar with the events' true spans,
pandas reading the export's date columns as dates."""

from __future__ import annotations

import datetime as dt
import io
import re
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

import feedparser
import icalendar
import lxml.html
import pandas as pd
from django.conf import settings

from tests import factories as f
from tests.clients import atom
from tracker.cases.models import Event

# RFC 4151: tag:authorityName,date:specific (an authority is a DNS name or an e-mail address).
TAG = re.compile(r"tag:([A-Za-z0-9.-]+|[^@:,]+@[A-Za-z0-9.-]+),\d{4}(-\d{2}(-\d{2})?)?:\S+\Z")
HOSTILE = 'Filed <b>under seal</b> & "sealed" <script>alert(1)</script> 5 < 6'


def test_atom_passes_feedparser_and_rfc_4287(served):
    served.world.event.description = HOSTILE
    served.world.event.save()
    response = served.get(f"/cases/{served.world.case.slug}/feed.atom")
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("application/atom+xml")
    assert atom.problems(response.content) == []
    parsed = feedparser.parse(response.content)
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    assert parsed.feed.author == settings.TRACKER_SITE_NAME  # RFC 4287 4.1.1: a feed author
    assert len(parsed.entries) == 3  # two accepted events and the case's article

    host = urlsplit(settings.TRACKER_SITE_URL).hostname
    for id_ in [parsed.feed.id] + [entry.id for entry in parsed.entries]:
        assert TAG.match(id_), id_
        assert id_.startswith(f"tag:{host},"), id_  # minted under this site, not a shared name

    event = next(e for e in parsed.entries if "Musk testifies" in e.title)
    # type="html" holding escaped text: a reader shows the text, markup-looking parts and all.
    assert event.summary_detail.type == "text/html"
    assert lxml.html.fragment_fromstring(event.summary, create_parent="div").text_content() == (
        HOSTILE
    )
    served.world.event.refresh_from_db()
    assert event.published_parsed[:3] == (2026, 4, 30)  # the day it happened
    updated = dt.datetime.fromisoformat(event.updated)
    assert abs(updated - served.world.event.updated_at) < dt.timedelta(seconds=1)

    article = next(e for e in parsed.entries if e.title == served.world.article.title)
    assert dt.datetime.fromisoformat(article.published) == served.world.article.published


def test_atom_answers_conditional_requests(served):
    path = f"/cases/{served.world.case.slug}/feed.atom"
    first = served.get(path)
    etag, last_modified = first.headers["ETag"], first.headers["Last-Modified"]
    newest = max(served.world.event.updated_at, served.world.article.updated_at)
    assert parsedate_to_datetime(last_modified) == newest.replace(microsecond=0)

    assert served.get(path, headers={"If-None-Match": etag}).status_code == 304
    assert served.get(path, headers={"If-Modified-Since": last_modified}).status_code == 304

    f.EventFactory(case=served.world.case, title="Verdict read", date=dt.date(2026, 5, 20))
    changed = served.get(path, headers={"If-None-Match": etag})
    assert changed.status_code == 200
    assert changed.headers["ETag"] != etag
    assert "Verdict read" in changed.text


def test_icalendar_gives_each_event_its_span(served):
    f.EventFactory(
        case=served.world.case,
        title="Ruling expected",
        date=dt.date(2025, 12, 15),
        precision=Event.Precision.MONTH,
    )
    path = f"/cases/{served.world.case.slug}/events.ics"
    response = served.get(path)
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    spans = {
        str(e["SUMMARY"]): (e.decoded("DTSTART"), e.decoded("DTEND"))
        for e in calendar.walk("VEVENT")
    }
    assert spans == {
        "Musk testifies": (dt.date(2026, 4, 30), dt.date(2026, 5, 1)),
        "Complaint amended": (dt.date(2025, 3, 1), dt.date(2025, 4, 1)),
        "Ruling expected": (dt.date(2025, 12, 1), dt.date(2026, 1, 1)),
    }
    again = icalendar.Calendar.from_ical(served.get(path).content)
    assert [e["DTSTAMP"].to_ical() for e in calendar.walk("VEVENT")] == [
        e["DTSTAMP"].to_ical() for e in again.walk("VEVENT")
    ]  # stable: a client polling the calendar sees no false changes
    etag = response.headers["ETag"]
    assert served.get(path, headers={"If-None-Match": etag}).status_code == 304


def test_csv_exports_load_in_pandas_with_typed_dates(served):
    f.EventFactory(
        case=served.world.case, title="Founding", date=dt.date(915, 1, 1), precision="year"
    )
    response = served.get("/api/v1/export/events.csv", params={"case": served.world.case.slug})
    assert response.status_code == 200
    frame = pd.read_csv(io.BytesIO(response.content), parse_dates=["date_start", "date_end"])
    assert pd.api.types.is_datetime64_any_dtype(frame["date_start"])
    assert pd.api.types.is_datetime64_any_dtype(frame["date_end"])
    spans = {row.title: (row.date_start.date(), row.date_end.date()) for row in frame.itertuples()}
    assert spans["Complaint amended"] == (dt.date(2025, 3, 1), dt.date(2025, 3, 31))
    assert spans["Musk testifies"] == (dt.date(2026, 4, 30), dt.date(2026, 4, 30))
    assert spans["Founding"] == (dt.date(915, 1, 1), dt.date(915, 12, 31))
    assert {"description", "source_url"} <= set(frame.columns)

    articles = served.get("/api/v1/export/articles.csv")
    frame = pd.read_csv(io.BytesIO(articles.content), parse_dates=["published"])
    assert pd.api.types.is_datetime64_any_dtype(frame["published"])
    assert served.world.article.published in set(frame["published"])
