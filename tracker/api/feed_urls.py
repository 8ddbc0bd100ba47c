"""/cases/{slug}/feed.atom and /cases/{slug}/events.ics (included at the site root)."""

from __future__ import annotations

from django.urls import path

from . import feeds

app_name = "feeds"
urlpatterns = [
    path("cases/<slug:slug>/feed.atom", feeds.case_feed_atom, name="case-atom"),
    path("cases/<slug:slug>/events.ics", feeds.case_events_ics, name="case-ics"),
]
