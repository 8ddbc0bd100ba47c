from __future__ import annotations

from django.apps import AppConfig


class NewsConfig(AppConfig):
    name = "tracker.news"
    label = "news"
    default_auto_field = "django.db.models.BigAutoField"
