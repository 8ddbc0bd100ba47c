from __future__ import annotations

from django.urls import path

from tracker.news import views

app_name = "news"
urlpatterns = [
    path("feeds/", views.feeds, name="feeds"),
    path("feeds.opml", views.feeds_export, name="feeds_opml"),
]
