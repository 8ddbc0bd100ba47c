from __future__ import annotations

from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "tracker.search"
    label = "search"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import signals  # noqa: F401  (registers the receivers)
