from __future__ import annotations

from django.apps import AppConfig


class LinkingConfig(AppConfig):
    name = "tracker.linking"
    label = "linking"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import signals  # noqa: F401 - connects the membership receivers
